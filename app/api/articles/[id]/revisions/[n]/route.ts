// One revision of an article: its metadata, ProseMirror document and canonical text.
import { getDb } from '@/db/client';
import { getRevision } from '@/db/queries/revisions';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse, parseId } from '@/lib/server/http';

export const GET = idRoute<{ id: string; n: string }>('article', ({ viewer, id, params }) => {
  const number = parseId(params.n, 'revision');
  if (!number.ok) return errorResponse(number.error);
  return answer(getRevision(getDb(), viewer, id, number.value));
});
