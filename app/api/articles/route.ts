// GET: the articles list with counts, coverage and last activity (search ?q=, ?sort=activity|published).
// POST: import an article from text, Markdown, HTML (JSON or a file upload) or a URL.
import { z } from 'zod';
import { getDb } from '@/db/client';
import { createArticle, listArticles } from '@/db/queries/articles';
import { answer, viewerRoute } from '@/lib/server/api';
import { errorResponse, json, validate } from '@/lib/server/http';
import { importInPool, importSource, readImportRequest } from '@/lib/server/import-request';

const listQuery = z.object({
  q: z.string().max(200).optional(),
  sort: z.enum(['activity', 'published']).optional(),
  archived: z.enum(['0', '1']).optional(),
});

export const GET = viewerRoute(({ request, viewer }) => {
  const query = validate(listQuery, Object.fromEntries(new URL(request.url).searchParams));
  if (!query.ok) return errorResponse(query.error);
  const { q, sort, archived } = query.value;
  return json({ articles: listArticles(getDb(), viewer, { q, sort, includeArchived: archived === '1' }) });
});

export const POST = viewerRoute(async ({ request, viewer }) => {
  const input = await readImportRequest(request);
  if (!input.ok) return errorResponse(input.error);
  const imported = await importInPool(input.value);
  if (!imported.ok) return errorResponse(imported.error);
  const { doc, plainText: _text, ...meta } = imported.value;
  return answer(createArticle(getDb(), viewer, doc, { ...meta, source: importSource(request, input.value) }), 201);
});
