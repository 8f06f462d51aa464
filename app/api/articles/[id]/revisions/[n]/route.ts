// One revision of an article: its metadata, ProseMirror document and canonical text.
import { getDb } from '@/db/client';
import { getRevision } from '@/db/queries/revisions';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse, parseId } from '@/lib/server/http';

type Context = { params: Promise<{ id: string; n: string }> };

export async function GET(request: Request, context: Context) {
  const { n } = await context.params;
  return idRoute('article', ({ viewer, id }) => {
    const number = parseId(n, 'revision');
    if (!number.ok) return errorResponse(number.error);
    return answer(getRevision(getDb(), viewer, id, number.value));
  })(request, context);
}
