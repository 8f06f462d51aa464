// POST: what an import would store — metadata found, size and the opening text — without
// storing anything, so a reviewer can check and edit the metadata before saving. Parsed in the
// worker pool, like the import itself.
import { getDb } from '@/db/client';
import { findArticleBySourceUrl } from '@/db/queries/articles';
import { countWords } from '@/lib/import';
import { viewerRoute } from '@/lib/server/api';
import { errorResponse, json } from '@/lib/server/http';
import { importInPool, readImportRequest } from '@/lib/server/import-request';

export const POST = viewerRoute(async ({ request }) => {
  const input = await readImportRequest(request);
  if (!input.ok) return errorResponse(input.error);
  const imported = await importInPool(input.value);
  if (!imported.ok) return errorResponse(imported.error);
  const { doc, plainText, ...meta } = imported.value;
  const headings: string[] = [];
  let paragraphs = 0;
  doc.descendants((node) => {
    if (node.type.name === 'heading') headings.push(node.textContent);
    else if (node.type.name === 'paragraph') paragraphs++;
    return !node.isTextblock;
  });
  const duplicate = meta.sourceUrl ? findArticleBySourceUrl(getDb(), meta.sourceUrl) : undefined;
  return json({
    ...meta,
    words: countWords(plainText),
    paragraphs,
    headings: headings.slice(0, 20),
    excerpt: plainText.slice(0, 600),
    duplicateOf: duplicate ? { id: duplicate.id, title: duplicate.title, url: `/articles/${duplicate.id}` } : null,
  });
});
