// Article imports in a worker thread: jsdom, DOMPurify, Readability and markdown-it parse there;
// the answer carries the document as JSON, rebuilt on the request thread.
import type { Result } from '../errors';
import { articleFromHtml, extractArticle, importArticle, normaliseMeta, type ImportedArticle } from '../import';
import type { ImportedArticleData, ImportTask, PageImportTask } from './types';

export async function importInWorker(task: ImportTask): Promise<Result<ImportedArticleData>> {
  // `url` never comes here (the request thread fetches): importArticle refuses to fetch without an address.
  return asData(await importArticle(task.input.format === 'url' ? { ...task.input, url: null } : task.input));
}

/** A fetched page: the URL import's steps after the fetch (lib/import/url.ts importUrl). */
export function importPageInWorker(task: PageImportTask): Result<ImportedArticleData> {
  const given = normaliseMeta(task.meta);
  if (!given.ok) return given;
  const extracted = extractArticle(task.html, task.url);
  if (!extracted.ok) return extracted;
  const { contentHtml, ...found } = extracted.value;
  return asData(articleFromHtml(contentHtml, given.value, { found, baseUrl: task.url }));
}

function asData(result: Result<ImportedArticle>): Result<ImportedArticleData> {
  if (!result.ok) return result;
  return { ok: true, value: { ...result.value, doc: result.value.doc.toJSON() as Record<string, unknown> } };
}
