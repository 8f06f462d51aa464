// The second reviewer finishes their check: every verdict is visible to everyone again.
import { getDb } from '@/db/client';
import { finishSecondCheck } from '@/db/queries/review';
import { answer, idRoute } from '@/lib/server/api';

export const POST = idRoute('article', ({ viewer, id }) => answer(finishSecondCheck(getDb(), viewer, id)));
