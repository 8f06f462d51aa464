// Accounts, for admins: GET lists a page of them by email (?limit=, ?cursor=), POST creates one
// (password at least 10 characters).
import { z } from 'zod';
import { getDb } from '@/db/client';
import { createUser, listUsersPage, newUserSchema, userCursorSchema } from '@/db/queries/users';
import { nextCursor, pageParams, readPage } from '@/lib/paging';
import { answer, viewerRoute } from '@/lib/server/api';
import { errorResponse, readJson, validate } from '@/lib/server/http';

const forbidden = { code: 'forbidden', message: 'Only an admin can manage accounts.' } as const;
const listQuery = z.object(pageParams('users'));

export const GET = viewerRoute(({ request, viewer }) => {
  if (viewer.role !== 'admin') return errorResponse(forbidden);
  const query = validate(listQuery, Object.fromEntries(new URL(request.url).searchParams));
  if (!query.ok) return errorResponse(query.error);
  const page = readPage('users', '', query.value, userCursorSchema);
  if (!page.ok) return errorResponse(page.error);
  return answer(listUsersPage(getDb(), viewer, page.value), 200, (p) => ({ users: p.items, nextCursor: nextCursor('users', '', p.next) }));
});

export const POST = viewerRoute(async ({ request, viewer }) => {
  if (viewer.role !== 'admin') return errorResponse(forbidden);
  const body = await readJson(request, newUserSchema);
  if (!body.ok) return errorResponse(body.error);
  return answer(await createUser(getDb(), body.value), 201);
});
