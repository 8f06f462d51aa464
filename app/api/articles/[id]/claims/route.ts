// GET: the article's check-worthy claims (current revision) with their state and the coverage.
import { getDb } from '@/db/client';
import { listClaims } from '@/db/queries/claims';
import { answer, idRoute } from '@/lib/server/api';

export const GET = idRoute('article', ({ viewer, id }) => answer(listClaims(getDb(), viewer, id)));
