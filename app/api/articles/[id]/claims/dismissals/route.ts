// POST: "not a claim" — dismiss a check-worthy sentence by its offsets: { start, end, revision? }.
import { getDb } from '@/db/client';
import { dismissClaim } from '@/db/queries/claims';
import { dismissClaimSchema } from '@/lib/claims/input';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse, readJson } from '@/lib/server/http';

export const POST = idRoute('article', async ({ request, viewer, id }) => {
  const body = await readJson(request, dismissClaimSchema);
  if (!body.ok) return errorResponse(body.error);
  return answer(dismissClaim(getDb(), viewer, id, body.value), 201);
});
