// An annotation's audit trail, oldest first.
import { getDb } from '@/db/client';
import { listAnnotationHistory } from '@/db/queries/annotations';
import { answer, idRoute } from '@/lib/server/api';

export const GET = idRoute('annotation', ({ viewer, id }) => answer(listAnnotationHistory(getDb(), viewer, id), 200, (events) => ({ events })));
