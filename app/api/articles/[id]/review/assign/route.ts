// Editors assign and unassign reviewers: { add?: userId[], remove?: userId[] }.
import { getDb } from '@/db/client';
import { assignReviewers } from '@/db/queries/review';
import { assignSchema } from '@/lib/review/input';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse, readJson } from '@/lib/server/http';

export const POST = idRoute('article', async ({ request, viewer, id }) => {
  const body = await readJson(request, assignSchema);
  if (!body.ok) return errorResponse(body.error);
  return answer(assignReviewers(getDb(), viewer, id, { add: body.value.add ?? [], remove: body.value.remove ?? [] }));
});
