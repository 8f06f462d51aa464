// A page of an annotation's audit trail, oldest first (?limit=, ?cursor=).
import { z } from 'zod';
import { getDb } from '@/db/client';
import { historyCursorSchema, listAnnotationHistoryPage } from '@/db/queries/annotations';
import { nextCursor, pageParams, readPage } from '@/lib/paging';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse, validate } from '@/lib/server/http';

const query = z.object(pageParams('history'));

export const GET = idRoute('annotation', ({ request, viewer, id }) => {
  const params = validate(query, Object.fromEntries(new URL(request.url).searchParams));
  if (!params.ok) return errorResponse(params.error);
  const scope = String(id);
  const page = readPage('history', scope, params.value, historyCursorSchema);
  if (!page.ok) return errorResponse(page.error);
  return answer(listAnnotationHistoryPage(getDb(), viewer, id, page.value), 200, (p) => ({ events: p.items, nextCursor: nextCursor('history', scope, p.next) }));
});
