// The agreement of the latest finished second check (editors, admins and its second reviewer).
import { getDb } from '@/db/client';
import { getAgreement } from '@/db/queries/review';
import { answer, idRoute } from '@/lib/server/api';

export const GET = idRoute('article', ({ viewer, id }) => answer(getAgreement(getDb(), viewer, id)));
