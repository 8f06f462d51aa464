// GET: a page of the articles list with counts, coverage, last activity, review state, assignees
// and claim coverage (?q= title words, ?sort=activity|published, ?archived=1, ?assigned=me,
// ?limit=, ?cursor=). POST: import an article from text, Markdown, HTML (JSON or a file upload) or a URL.
import { getDb } from '@/db/client';
import { createArticle } from '@/db/queries/articles';
import { answer, viewerRoute } from '@/lib/server/api';
import { articleListQuery, readArticleList } from '@/lib/server/article-list';
import { errorResponse, validate } from '@/lib/server/http';
import { importInPool, importSource, readImportRequest } from '@/lib/server/import-request';

export const GET = viewerRoute(({ request, viewer }) => {
  const query = validate(articleListQuery, Object.fromEntries(new URL(request.url).searchParams));
  if (!query.ok) return errorResponse(query.error);
  return answer(readArticleList(getDb(), viewer, query.value));
});

export const POST = viewerRoute(async ({ request, viewer }) => {
  const input = await readImportRequest(request);
  if (!input.ok) return errorResponse(input.error);
  const imported = await importInPool(input.value);
  if (!imported.ok) return errorResponse(imported.error);
  const { doc, plainText: _text, ...meta } = imported.value;
  return answer(createArticle(getDb(), viewer, doc, { ...meta, source: importSource(request, input.value) }), 201);
});
