// Reads a new version of an article from a request: the import's bodies (JSON or a multipart
// upload), `{ "format": "url" }` alone meaning "fetch the source URL again", then the import
// itself (the same SSRF guard, limits and sanitising as a new article, parsed in the worker pool).
import type { NewRevision, RevisionMeta } from '../../db/queries/revisions';
import { fail, ok, type Result } from '../errors';
import { importInPool, importSource, readRevisionRequest } from './import-request';

export interface ArticleAtArrival {
  revision: number;
  sourceUrl: string | null;
}

export async function readNewRevision(request: Request, article: ArticleAtArrival): Promise<Result<NewRevision>> {
  const body = await readRevisionRequest(request);
  if (!body.ok) return body;
  const { baseRevision, ...input } = body.value;
  if (input.format === 'url' && !input.url?.trim()) {
    if (!article.sourceUrl) return fail('unprocessable', 'This article has no source URL to fetch again: paste or upload the new version instead.');
    input.url = article.sourceUrl;
  }
  const imported = await importInPool(input);
  if (!imported.ok) return imported;
  const found = imported.value;
  // A fetched page brings its own metadata; pasted text only what was sent with it.
  const fetched = input.format === 'url';
  const pick = <K extends 'title' | 'byline' | 'publisher' | 'publishedAt'>(key: K): RevisionMeta[K] | undefined => (fetched || (input[key] ?? null) !== null ? (found[key] as RevisionMeta[K]) : undefined);
  // Language and direction are always the new text's own (found in its source or detected from it).
  const meta: RevisionMeta = { title: pick('title'), byline: pick('byline'), publisher: pick('publisher'), publishedAt: pick('publishedAt'), lang: found.lang, dir: found.dir };
  return ok({ doc: found.doc, meta, source: importSource(request, input), baseRevision: baseRevision ?? article.revision });
}
