// The article's review: state, assignees, sign-off and its latest second check.
import { getDb } from '@/db/client';
import { getReview } from '@/db/queries/review';
import { answer, idRoute } from '@/lib/server/api';

export const GET = idRoute('article', ({ viewer, id }) => answer(getReview(getDb(), viewer, id)));
