// The articles list as GET /api/articles and the home page read it: the query parameters, the
// title search (lib/title-search.ts), the cursor (lib/paging.ts, tied to the search, order and
// filters it was made for) and the answer `{ articles, nextCursor }`.
import { z } from 'zod';
import { ARTICLE_SORTS, articleCursorSchema, listArticles, type ArticleListItem } from '../../db/queries/articles';
import type { Db } from '../../db/client';
import { ok, type Result } from '../errors';
import { nextCursor, pageParams, readPage } from '../paging';
import { titleMatch } from '../title-search';
import type { Viewer } from '../viewer';

export const articleListQuery = z.object({
  q: z.string().max(200, { message: 'is longer than 200 characters.' }).optional(),
  sort: z.enum(ARTICLE_SORTS, { message: 'must be activity or published.' }).optional(),
  archived: z.enum(['0', '1'], { message: 'must be 0 or 1.' }).optional(),
  assigned: z.enum(['me'], { message: 'must be me (the articles assigned to you).' }).optional(),
  ...pageParams('articles'),
});
export type ArticleListParams = z.infer<typeof articleListQuery>;

export interface ArticleListAnswer {
  articles: ArticleListItem[];
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** One page of the list, or a 400 for a search with FTS syntax, a bad limit or a cursor that does not fit. */
export function readArticleList(db: Db, viewer: Viewer, params: ArticleListParams): Result<ArticleListAnswer> {
  const match = titleMatch(params.q);
  if (!match.ok) return match;
  const query = { match: match.value, sort: params.sort ?? 'activity', includeArchived: params.archived === '1', assignedToMe: params.assigned === 'me' };
  // "Assigned to me" lists differ per viewer: a cursor is tied to the viewer it was made for.
  const scope = JSON.stringify([query.sort, query.match, query.includeArchived, query.assignedToMe ? viewer.id : null]);
  const page = readPage('articles', scope, params, articleCursorSchema);
  if (!page.ok) return page;
  const listed = listArticles(db, viewer, query, page.value);
  return ok({ articles: listed.items, nextCursor: nextCursor('articles', scope, listed.next) });
}
