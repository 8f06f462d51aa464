// Editors sign the article off: 409 not_ready with details.blocking unless nothing blocks it or a
// written { reason } is given.
import { getDb } from '@/db/client';
import { signOff } from '@/db/queries/review';
import { reasonSchema } from '@/lib/review/input';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse } from '@/lib/server/http';
import { readReviewBody } from '@/lib/server/review-request';

export const POST = idRoute('article', async ({ request, viewer, id }) => {
  const body = await readReviewBody(request, reasonSchema, true);
  if (!body.ok) return errorResponse(body.error);
  return answer(signOff(getDb(), viewer, id, body.value));
});
