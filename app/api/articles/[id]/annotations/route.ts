// GET: a page of the article's annotations in document order (?limit=, ?cursor=), or with ?since=
// what changed since (all of it: the answer's cursor is the next `since`).
// POST: a new annotation on the article.
import { z } from 'zod';
import { getDb } from '@/db/client';
import { annotationCursorSchema, checkRevision, createAnnotation, listAnnotationChanges, listAnnotationsPage } from '@/db/queries/annotations';
import { getArticleCanonicalText } from '@/db/queries/articles';
import { checkNewAnnotation, createAnnotationSchema } from '@/lib/annotations/input';
import { STATUSES } from '@/lib/annotations/status';
import { nextCursor, pageParams, readPage } from '@/lib/paging';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse, readJson, validate } from '@/lib/server/http';

const querySchema = z.object({
  since: z.coerce.number().int().nonnegative().optional(),
  status: z.enum(STATUSES).optional(),
  reviewer: z.coerce.number().int().positive().optional(),
  ...pageParams('annotations'),
});

export const GET = idRoute('article', ({ request, viewer, id }) => {
  const query = validate(querySchema, Object.fromEntries(new URL(request.url).searchParams));
  if (!query.ok) return errorResponse(query.error);
  const { since, status, reviewer } = query.value;
  if (since !== undefined) return answer(listAnnotationChanges(getDb(), viewer, id, since));
  // A cursor continues only the article and filters it was made for.
  const scope = JSON.stringify([id, status ?? null, reviewer ?? null]);
  const page = readPage('annotations', scope, query.value, annotationCursorSchema);
  if (!page.ok) return errorResponse(page.error);
  return answer(listAnnotationsPage(getDb(), viewer, id, { statuses: status ? [status] : undefined, authorId: reviewer }, page.value), 200, (p) => ({
    annotations: p.items,
    nextCursor: nextCursor('annotations', scope, p.next),
  }));
});

export const POST = idRoute('article', async ({ request, viewer, id }) => {
  const body = await readJson(request, createAnnotationSchema);
  if (!body.ok) return errorResponse(body.error);
  const db = getDb();
  const current = getArticleCanonicalText(db, viewer, id);
  if (!current) return errorResponse({ code: 'not_found', message: `No article with id ${id}.` });
  // Offsets from an older revision are refused before they are checked against the current text.
  const fresh = checkRevision(current.revision, body.value.revision);
  if (!fresh.ok) return errorResponse(fresh.error);
  const checked = checkNewAnnotation(current.text, body.value);
  if (!checked.ok) return errorResponse(checked.error);
  return answer(createAnnotation(db, viewer, id, checked.value, current.revision), 201);
});
