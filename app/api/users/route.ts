// Accounts, for admins: GET lists them, POST creates one (password at least 10 characters).
import { getDb } from '@/db/client';
import { createUser, listUsers, newUserSchema } from '@/db/queries/users';
import { answer, viewerRoute } from '@/lib/server/api';
import { errorResponse, json, readJson } from '@/lib/server/http';

const forbidden = { code: 'forbidden', message: 'Only an admin can manage accounts.' } as const;

export const GET = viewerRoute(({ viewer }) => (viewer.role === 'admin' ? json({ users: listUsers(getDb()) }) : errorResponse(forbidden)));

export const POST = viewerRoute(async ({ request, viewer }) => {
  if (viewer.role !== 'admin') return errorResponse(forbidden);
  const body = await readJson(request, newUserSchema);
  if (!body.ok) return errorResponse(body.error);
  return answer(await createUser(getDb(), body.value), 201);
});
