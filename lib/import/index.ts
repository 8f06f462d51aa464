// The one entry point for importing an article, whatever its form: pasted or uploaded text,
// Markdown or HTML, or a web page's address. Each answers an ImportedArticle or an error value.
import { fail, type Result } from '../errors';
import type { ArticleMeta, ImportedArticle } from './article';
import { importHtml } from './html';
import { importMarkdown } from './markdown';
import { importText } from './text';
import { importUrl, type FetchPageOptions } from './url';

export const IMPORT_FORMATS = ['text', 'markdown', 'html', 'url'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportInput extends ArticleMeta {
  format: ImportFormat;
  /** The article for text, markdown and html. */
  content?: string | null;
  /** The page's address for url. */
  url?: string | null;
}

export async function importArticle(input: ImportInput, options?: FetchPageOptions): Promise<Result<ImportedArticle>> {
  const { format, content, url, ...meta } = input;
  if (format === 'url') {
    if (!url?.trim()) return fail('bad_request', 'Give the address of the page to import.');
    return importUrl(url, meta, options);
  }
  if (format !== 'text' && format !== 'markdown' && format !== 'html') {
    return fail('bad_request', `Unknown import format "${String(format)}"; use one of ${IMPORT_FORMATS.join(', ')}.`);
  }
  if (typeof content !== 'string') return fail('bad_request', `Give the article's ${format === 'text' ? 'text' : format === 'markdown' ? 'Markdown' : 'HTML'} to import.`);
  if (format === 'text') return importText(content, meta);
  if (format === 'markdown') return importMarkdown(content, meta);
  return importHtml(content, meta);
}

export type { ArticleMeta, CleanMeta, ImportedArticle } from './article';
export { normaliseMeta, titleFromText } from './article';
export { decodeUpload } from './decode';
export { articleFromHtml, importHtml } from './html';
export { checkImportedText, checkSourceSize, checkTables, countWords, MAX_SOURCE_CHARS, MAX_TABLE_CELLS, MAX_WORDS } from './limits';
export { importMarkdown } from './markdown';
export { parseAllowList, type AllowList, type Resolver } from './network-guard';
export { extractArticle, type ExtractedArticle } from './readability';
export { docFromText, importText, isHeadingLine, textBlocks } from './text';
export { fetchPage, FETCH_TIMEOUT_MS, importUrl, MAX_PAGE_BYTES, MAX_REDIRECTS, type FetchedPage, type FetchPageOptions } from './url';
