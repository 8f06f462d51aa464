// Editors put a signed-off article back in review ({ reason? }).
import { getDb } from '@/db/client';
import { reopenReview } from '@/db/queries/review';
import { reasonSchema } from '@/lib/review/input';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse } from '@/lib/server/http';
import { readReviewBody } from '@/lib/server/review-request';

export const POST = idRoute('article', async ({ request, viewer, id }) => {
  const body = await readReviewBody(request, reasonSchema, true);
  if (!body.ok) return errorResponse(body.error);
  return answer(reopenReview(getDb(), viewer, id, body.value));
});
