// Editors settle a disagreement or a one-sided passage of the second check; answers the agreement.
import { getDb } from '@/db/client';
import { adjudicate } from '@/db/queries/review';
import { adjudicationSchema } from '@/lib/review/input';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse } from '@/lib/server/http';
import { readReviewBody } from '@/lib/server/review-request';

export const POST = idRoute('article', async ({ request, viewer, id }) => {
  const body = await readReviewBody(request, adjudicationSchema);
  if (!body.ok) return errorResponse(body.error);
  return answer(adjudicate(getDb(), viewer, id, body.value), 201);
});
