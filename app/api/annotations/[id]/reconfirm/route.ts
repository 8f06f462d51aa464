// Re-confirm a verdict a revision moved, made stale or removed (author or admin): keep or change
// its status on the new text, or re-attach it to a newly selected passage.
import { getDb } from '@/db/client';
import { getAnnotationArticle, reconfirmAnnotation } from '@/db/queries/annotations';
import { getArticleCanonicalText } from '@/db/queries/articles';
import { checkReconfirmation, reconfirmSchema } from '@/lib/annotations/input';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse, readJson } from '@/lib/server/http';
import { readWriteBase } from '@/lib/server/write-base';

export const POST = idRoute('annotation', async ({ request, viewer, id }) => {
  const body = await readJson(request, reconfirmSchema);
  if (!body.ok) return errorResponse(body.error);
  const db = getDb();
  const articleId = getAnnotationArticle(db, viewer, id);
  const current = articleId === undefined ? undefined : getArticleCanonicalText(db, viewer, articleId);
  if (!current) return errorResponse({ code: 'not_found', message: `No annotation with id ${id}.` });
  const checked = checkReconfirmation(current.text, body.value);
  if (!checked.ok) return errorResponse(checked.error);
  const base = readWriteBase(request, { ...body.value, revision: body.value.revision ?? current.revision });
  if (!base.ok) return errorResponse(base.error);
  return answer(reconfirmAnnotation(db, viewer, id, checked.value, base.value));
});
