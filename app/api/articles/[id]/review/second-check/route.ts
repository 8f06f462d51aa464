// Editors ask a reviewer for an independent (blind) second check: { reviewerId }.
import { getDb } from '@/db/client';
import { requestSecondCheck } from '@/db/queries/review';
import { secondCheckSchema } from '@/lib/review/input';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse, readJson } from '@/lib/server/http';

export const POST = idRoute('article', async ({ request, viewer, id }) => {
  const body = await readJson(request, secondCheckSchema);
  if (!body.ok) return errorResponse(body.error);
  return answer(requestSecondCheck(getDb(), viewer, id, body.value), 201);
});
