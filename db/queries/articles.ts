// Articles: the stored document (ProseMirror JSON + canonical text) and its metadata.
// Every function takes the viewer first; reads are open to any signed-in reviewer, changes to
// the article's creator or an admin (checked in the WHERE clause).
import { and, asc, eq, gte, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Node as PMNode } from 'prosemirror-model';
import { slugify } from '../../lib/document/slug';
import { CanonicalText, TextIndex } from '../../lib/document/canonical-text';
import type { TextDirection } from '../../lib/document/direction';
import { fail, ok, type Result } from '../../lib/errors';
import type { Status } from '../../lib/annotations/status';
import type { ClaimCoverage } from '../../lib/claims/types';
import { toPage, type Page, type PageRequest } from '../../lib/paging';
import { coveredLength } from '../../lib/report/model';
import type { ReviewState } from '../../lib/review/types';
import type { Viewer } from '../../lib/viewer';
import { WRITE_TRANSACTION, type Db } from '../client';
import { prepared } from '../prepared';
import { contentHash } from '../../lib/revisions/hash';
import type { RevisionSource } from '../../lib/revisions/types';
import { annotations, articleAssignments, articleRevisions, articles, articleStats, secondChecks, users, type ArticleRow } from '../schema';
import { detectClaims } from '../../lib/claims/detect';
import { listAnnotations } from './annotations';
import { listClaims, storeClaims } from './claims';

export interface ArticleMeta {
  title: string;
  byline?: string | null;
  publisher?: string | null;
  sourceUrl?: string | null;
  publishedAt?: string | null;
  /** Chosen from the title when not given. */
  slug?: string;
  /** How the text arrived (revision 1's source); pasted when not given. */
  source?: RevisionSource;
  /** The text's language (BCP 47) and base direction; unknown and left to right when not given. */
  lang?: string | null;
  dir?: TextDirection;
}

export interface ArticleSummaryDto {
  id: number;
  slug: string;
  title: string;
  byline: string | null;
  publisher: string | null;
  sourceUrl: string | null;
  publishedAt: string | null;
  createdBy: { id: number; name: string };
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  /** Number of the current revision (its text is the article's text). */
  revision: number;
}

export interface ArticleDto extends ArticleSummaryDto {
  doc: unknown;
  plainText: string;
  /** When the current revision was added (ISO 8601, UTC). */
  revisedAt: string;
  /** The current revision's language (BCP 47 tag, null when unknown) and base direction. */
  lang: string | null;
  dir: TextDirection;
}

type SummaryFields = Pick<ArticleRow, 'id' | 'slug' | 'title' | 'byline' | 'publisher' | 'sourceUrl' | 'publishedAt' | 'createdBy' | 'createdAt' | 'updatedAt' | 'archivedAt' | 'revision'>;

function toSummary(row: SummaryFields, creatorName: string): ArticleSummaryDto {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    byline: row.byline,
    publisher: row.publisher,
    sourceUrl: row.sourceUrl,
    publishedAt: row.publishedAt,
    createdBy: { id: row.createdBy, name: creatorName },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    archivedAt: row.archivedAt ? row.archivedAt.toISOString() : null,
    revision: row.revision,
  };
}

function uniqueSlug(db: Db, title: string): string {
  const base = slugify(title);
  const taken = new Set(
    db
      .select({ slug: articles.slug })
      .from(articles)
      // `base` itself or `base-…`: a range of the unique index (LIKE would read every slug).
      .where(or(eq(articles.slug, base), and(gte(articles.slug, `${base}-`), lt(articles.slug, `${base}.`))))
      .all()
      .map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export function duplicateSource(existing: { id: number; title: string }): Result<never> {
  return fail('conflict', `This source URL was already imported as “${existing.title}”.`, { existingArticleId: existing.id, existingArticleUrl: `/articles/${existing.id}` });
}

/** Stores a new article as its revision 1; its canonical text is derived here, once, from the document. */
export function createArticle(db: Db, viewer: Viewer, doc: PMNode, meta: ArticleMeta): Result<ArticleDto> {
  const existing = meta.sourceUrl ? findArticleBySourceUrl(db, meta.sourceUrl) : undefined;
  if (existing) return duplicateSource(existing);
  const index = TextIndex.fromDoc(doc);
  const plainText = index.text;
  const docJson = doc.toJSON();
  const fields = { title: meta.title, byline: meta.byline ?? null, publisher: meta.publisher ?? null, publishedAt: meta.publishedAt ?? null, lang: meta.lang ?? null, dir: meta.dir ?? 'ltr' };
  const detected = detectClaims(plainText);
  const row = db.transaction((tx) => {
    const article = tx
      .insert(articles)
      .values({ ...fields, slug: meta.slug ?? uniqueSlug(db, meta.title), sourceUrl: meta.sourceUrl ?? null, doc: docJson, plainText, textLength: index.length, createdBy: viewer.id })
      .returning()
      .get();
    tx.insert(articleRevisions)
      .values({ ...fields, articleId: article.id, number: 1, doc: docJson, plainText, textLength: index.length, contentHash: contentHash(plainText), source: meta.source ?? 'paste', createdBy: viewer.id, createdAt: article.createdAt })
      .run();
    storeClaims(tx, article.id, 1, detected);
    return article;
  }, WRITE_TRANSACTION);
  return ok({ ...toSummary(row, viewer.name), doc: row.doc, plainText: row.plainText, revisedAt: row.createdAt.toISOString(), lang: row.lang, dir: row.dir });
}

export function getArticle(db: Db, _viewer: Viewer, id: number): Result<ArticleDto> {
  const found = db
    .select({ article: articles, creatorName: users.name, revisedAt: articleRevisions.createdAt })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.createdBy))
    .innerJoin(articleRevisions, and(eq(articleRevisions.articleId, articles.id), eq(articleRevisions.number, articles.revision)))
    .where(eq(articles.id, id))
    .get();
  if (!found) return fail('not_found', `No article with id ${id}.`);
  const { article } = found;
  return ok({ ...toSummary(article, found.creatorName), doc: article.doc, plainText: article.plainText, revisedAt: found.revisedAt.toISOString(), lang: article.lang, dir: article.dir });
}

export function findArticleBySlug(db: Db, slug: string): ArticleRow | undefined {
  return db.select().from(articles).where(eq(articles.slug, slug)).get();
}

export interface ArticleListItem extends ArticleSummaryDto {
  counts: { verified: number; disputed: number; needs_source: number };
  /** Share of the text (0–1) under at least one annotation. */
  coverage: number;
  lastActivityAt: string;
  archived: boolean;
  reviewState: ReviewState;
  /** Reviewers assigned to the article, by name. */
  assignees: { id: number; name: string }[];
  /** Check-worthy claims of the current revision, and how many are checked or dismissed. */
  claims: ClaimCoverage;
}

export const ARTICLE_SORTS = ['activity', 'published'] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];

export interface ArticleListQuery {
  /** An FTS5 expression from lib/title-search.ts titleMatch (null or left out: every title). */
  match?: string | null;
  sort?: ArticleSort;
  includeArchived?: boolean;
  /** Only articles the viewer is assigned to. */
  assignedToMe?: boolean;
}

/**
 * Where the next page starts: after this article in the list's order. The list by activity also
 * carries its snapshot — the activity log position and the time of its first page.
 */
export const articleCursorSchema = z.discriminatedUnion('sort', [
  z.object({ sort: z.literal('activity'), at: z.number().int(), id: z.number().int(), seq: z.number().int().nonnegative(), since: z.number().int() }),
  z.object({ sort: z.literal('published'), publishedAt: z.string().nullable(), id: z.number().int() }),
]);
export type ArticleCursor = z.infer<typeof articleCursorSchema>;

/** How long a list by activity keeps the order of its first page (the activity log keeps 15 minutes, drizzle/0005). */
export const SNAPSHOT_MS = 14 * 60_000;

interface Listed {
  id: number;
  /** The sort key: last activity in ms (as of the first page), or the published date. */
  at: number;
  publishedAt: string | null;
}

/**
 * The tables a page's keys are read from, outermost first (CROSS JOIN fixes SQLite's join order),
 * so that no filter makes SQLite walk the whole list looking for its rows: the viewer's
 * assignments first (always few); a search either from the title index (few matches: they are
 * read and sorted) or, when the search matches a large share of the articles, by walking the
 * list's own order and keeping the matches (`walk`: the page is then found within a few
 * hundred rows, where sorting every match would read thousands).
 */
function keySource(viewer: Viewer, query: ArticleListQuery, table: string, idColumn: string, walk = false) {
  const from: SQL[] = [];
  const where: SQL[] = [];
  let joinedId: string | undefined;
  if (query.assignedToMe) {
    from.push(sql.raw('article_assignments aa'));
    where.push(sql`aa.user_id = ${viewer.id}`);
    joinedId = 'aa.article_id';
  }
  if (query.match && !query.assignedToMe && !walk) {
    from.push(sql.raw('articles_fts'));
    where.push(sql`articles_fts MATCH ${query.match}`);
    joinedId = 'articles_fts.rowid';
  } else if (query.match) {
    // `+` keeps SQLite from reading the matches by id and sorting them: the list's index leads.
    where.push(sql`+${sql.raw(idColumn)} IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ${query.match})`);
  }
  from.push(sql.raw(table));
  if (joinedId) where.push(sql.raw(`${idColumn} = ${joinedId}`));
  return { from: sql.join(from, sql.raw(' CROSS JOIN ')), where };
}

/** A search matching at least this share of the articles is read by walking the list's order. */
const WALK_SHARE = 1 / 20;

/** Whether a search matches so many articles that walking the list's order finds a page sooner. */
function walkForSearch(tx: Db, query: ArticleListQuery): boolean {
  if (!query.match || query.assignedToMe) return false;
  const articlesNow = tx.all<{ n: number | null }>(sql`SELECT max(article_id) AS n FROM article_stats`)[0]?.n ?? 0;
  const enough = Math.ceil(articlesNow * WALK_SHARE);
  if (enough < 50) return false;
  const counted = tx.all<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ${query.match} LIMIT ${enough})`)[0]?.n ?? 0;
  return counted >= enough;
}

const whereAll = (conditions: SQL[]) => (conditions.length ? sql` WHERE ${sql.join(conditions, sql` AND `)}` : sql``);

/** Keys of the list by activity from article_stats, newest first, optionally after a key or among some ids. */
function activityKeys(tx: Db, viewer: Viewer, query: ArticleListQuery, opts: { after?: { at: number; id: number }; among?: number[]; limit?: number; walk?: boolean }): Listed[] {
  const { from, where } = keySource(viewer, query, 'article_stats s', 's.article_id', opts.walk);
  // The literal `s.archived = 0` lets SQLite use the partial index of the default list.
  if (!query.includeArchived) where.push(sql.raw('s.archived = 0'));
  if (opts.after) where.push(sql`(s.last_activity_at, s.article_id) < (${opts.after.at}, ${opts.after.id})`);
  if (opts.among) where.push(sql`s.article_id IN (SELECT value FROM json_each(${JSON.stringify(opts.among)}))`);
  const limit = opts.limit === undefined ? sql`` : sql` LIMIT ${opts.limit}`;
  return tx.all<Listed>(sql`SELECT s.article_id AS id, s.last_activity_at AS at, NULL AS publishedAt FROM ${from}${whereAll(where)} ORDER BY s.last_activity_at DESC, s.article_id DESC${limit}`);
}

/** Keys of the list by published date, newest first and undated last, after `after`. */
function publishedKeys(tx: Db, viewer: Viewer, query: ArticleListQuery, after: { publishedAt: string | null; id: number } | undefined, limit: number, walk: boolean): Listed[] {
  // Dated and undated articles in two index searches: a row value cannot range over NULLs.
  const part = (dated: boolean, n: number) => {
    const { from, where } = keySource(viewer, query, 'articles a', 'a.id', walk);
    if (!query.includeArchived) where.push(sql.raw('a.archived_at IS NULL'));
    where.push(sql.raw(dated ? 'a.published_at IS NOT NULL' : 'a.published_at IS NULL'));
    if (after && dated) where.push(sql`(a.published_at, a.id) < (${after.publishedAt}, ${after.id})`);
    if (after && after.publishedAt === null && !dated) where.push(sql`a.id < ${after.id}`);
    return tx.all<Listed>(sql`SELECT a.id AS id, 0 AS at, a.published_at AS publishedAt FROM ${from}${whereAll(where)} ORDER BY a.published_at DESC, a.id DESC LIMIT ${n}`);
  };
  const dated = after && after.publishedAt === null ? [] : part(true, limit);
  return dated.length < limit ? [...dated, ...part(false, limit - dated.length)] : dated;
}

const byActivity = (a: Listed, b: Listed) => b.at - a.at || b.id - a.id;

/**
 * A page of the list by activity. Activity moves articles to the top while someone pages, so a
 * page after the first is read in the order the list had at its first page: an article whose
 * activity changed since then (article_activity_log) stands where its activity was. Every article
 * of the first page's list is thus listed exactly once, for SNAPSHOT_MS; after that, pages follow
 * the current order, where an article that moved up past the page reached is not listed again.
 */
function activityPage(tx: Db, viewer: Viewer, query: ArticleListQuery, page: PageRequest<ArticleCursor & { sort: 'activity' }>, now: number, walk: boolean): Page<Listed, ArticleCursor> {
  const after = page.after;
  const seq = after?.seq ?? (tx.all<{ seq: number | null }>(sql`SELECT max(seq) AS seq FROM article_activity_log`)[0]?.seq ?? 0);
  const since = after?.since ?? now;
  const moved = new Map<number, number>();
  if (after && now - after.since < SNAPSHOT_MS) {
    for (const r of tx.all<{ id: number; previous: number }>(sql`SELECT article_id AS id, previous FROM article_activity_log WHERE seq > ${after.seq} ORDER BY seq`)) {
      if (!moved.has(r.id)) moved.set(r.id, r.previous);
    }
  }
  // Enough rows for a page even if every moved article is among them (they are placed below).
  const current = activityKeys(tx, viewer, query, { after, limit: page.limit + 1 + moved.size, walk }).filter((r) => !moved.has(r.id));
  const back = moved.size
    ? activityKeys(tx, viewer, query, { among: [...moved.keys()] })
        .map((r) => ({ ...r, at: moved.get(r.id)! }))
        .filter((r) => byActivity(r, { id: after!.id, at: after!.at, publishedAt: null }) > 0)
    : [];
  const rows = back.length ? [...current, ...back].sort(byActivity) : current;
  return toPage(rows, page.limit, (r) => ({ sort: 'activity' as const, at: r.at, id: r.id, seq, since }));
}

/**
 * One page of articles with counts per status, coverage, last activity, review state, assignees
 * and claim coverage — read from article_stats (kept by triggers), never from the annotations.
 * Keys come from one index search (article_stats or articles by order, or the title index or the
 * viewer's assignments first); the page's rows are then read by id.
 */
export function listArticles(db: Db, viewer: Viewer, query: ArticleListQuery, page: PageRequest<ArticleCursor>, now = Date.now()): Page<ArticleListItem, ArticleCursor> {
  const sort = query.sort ?? 'activity';
  const keys = db.transaction(
    (tx) => {
      const t = tx as unknown as Db;
      const walk = walkForSearch(t, query);
      if (sort === 'activity') return activityPage(t, viewer, query, { limit: page.limit, after: page.after?.sort === 'activity' ? page.after : undefined }, now, walk);
      const after = page.after?.sort === 'published' ? page.after : undefined;
      return toPage(publishedKeys(t, viewer, query, after, page.limit + 1, walk), page.limit, (r) => ({ sort: 'published' as const, publishedAt: r.publishedAt, id: r.id }));
    },
    { behavior: 'deferred' },
  );
  return { items: articleListItems(db, viewer, keys.items.map((k) => k.id)), next: keys.next };
}

/** The two reads of a page's rows, prepared once per database handle (a page reads them on every request). */
function listItemQueries(db: Db) {
  const ids = sql`(SELECT value FROM json_each(${sql.placeholder('ids')}))`;
  return {
    rows: db
      .select({
        article: {
          id: articles.id,
          slug: articles.slug,
          title: articles.title,
          byline: articles.byline,
          publisher: articles.publisher,
          sourceUrl: articles.sourceUrl,
          publishedAt: articles.publishedAt,
          createdBy: articles.createdBy,
          createdAt: articles.createdAt,
          updatedAt: articles.updatedAt,
          archivedAt: articles.archivedAt,
          revision: articles.revision,
          textLength: articles.textLength,
          reviewState: articles.reviewState,
        },
        creatorName: users.name,
        stats: articleStats,
      })
      .from(articles)
      .innerJoin(users, eq(users.id, articles.createdBy))
      .leftJoin(articleStats, eq(articleStats.articleId, articles.id))
      .where(sql`${articles.id} IN ${ids}`)
      .prepare(),
    assignees: db
      .select({ articleId: articleAssignments.articleId, id: users.id, name: users.name })
      .from(articleAssignments)
      .innerJoin(users, eq(users.id, articleAssignments.userId))
      .where(sql`${articleAssignments.articleId} IN ${ids}`)
      .orderBy(asc(articleAssignments.articleId), asc(users.name))
      .prepare(),
    /** The page's articles where the viewer is the pending (blind) second reviewer. */
    blindFor: db
      .select({ articleId: secondChecks.articleId })
      .from(secondChecks)
      .where(and(eq(secondChecks.reviewerId, sql.placeholder('viewer')), isNull(secondChecks.doneAt), sql`${secondChecks.articleId} IN ${ids}`))
      .prepare(),
  };
}
const preparedListItems = new WeakMap<Db, ReturnType<typeof listItemQueries>>();

type ListedStats = Pick<ArticleListItem, 'counts' | 'coverage' | 'lastActivityAt' | 'claims'>;

/**
 * What the pending second reviewer of an article sees in the list: counts, coverage, activity
 * and claim coverage of their own verdicts only (article_stats counts everyone else's, which a
 * blind second check hides from them). Read from the rows, for these few articles.
 */
function blindReviewerStats(db: Db, viewer: Viewer, article: { id: number; textLength: number; updatedAt: Date }): ListedStats {
  const visible = listAnnotations(db, viewer, article.id);
  const own = visible.ok ? visible.value : [];
  const claims = listClaims(db, viewer, article.id);
  const count = (status: Status) => own.filter((a) => a.status === status).length;
  return {
    counts: { verified: count('verified'), disputed: count('disputed'), needs_source: count('needs_source') },
    coverage: article.textLength > 0 ? coveredLength(own, article.textLength) / article.textLength : 0,
    lastActivityAt: new Date(Math.max(article.updatedAt.getTime(), ...own.map((a) => Date.parse(a.updatedAt)))).toISOString(),
    claims: claims.ok ? claims.value.coverage : { checkWorthy: 0, checked: 0, dismissed: 0 },
  };
}

/** The list's rows for these ids, in this order. */
function articleListItems(db: Db, viewer: Viewer, ids: number[]): ArticleListItem[] {
  if (ids.length === 0) return [];
  let queries = preparedListItems.get(db);
  if (!queries) preparedListItems.set(db, (queries = listItemQueries(db)));
  const params = { ids: JSON.stringify(ids) };
  const rows = queries.rows.all(params);
  const assignees = new Map<number, { id: number; name: string }[]>();
  for (const a of queries.assignees.all(params)) {
    const list = assignees.get(a.articleId) ?? [];
    list.push({ id: a.id, name: a.name });
    assignees.set(a.articleId, list);
  }
  const blind = new Set(queries.blindFor.all({ ...params, viewer: viewer.id }).map((r) => r.articleId));
  const byId = new Map(rows.map((r) => [r.article.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const stats = r.stats;
    const shown: ListedStats = blind.has(id)
      ? blindReviewerStats(db, viewer, r.article)
      : {
          counts: { verified: stats?.verifiedCount ?? 0, disputed: stats?.disputedCount ?? 0, needs_source: stats?.needsSourceCount ?? 0 },
          coverage: r.article.textLength > 0 ? Math.min(1, (stats?.coveredLength ?? 0) / r.article.textLength) : 0,
          lastActivityAt: (stats?.lastActivityAt ?? r.article.updatedAt).toISOString(),
          claims: { checkWorthy: stats?.claimsCheckWorthy ?? 0, checked: stats?.claimsChecked ?? 0, dismissed: stats?.claimsDismissed ?? 0 },
        };
    return [{ ...toSummary(r.article, r.creatorName), ...shown, archived: r.article.archivedAt !== null, reviewState: r.article.reviewState, assignees: assignees.get(id) ?? [] }];
  });
}

export interface ArticleMetaPatch {
  title?: string;
  byline?: string | null;
  publisher?: string | null;
  sourceUrl?: string | null;
  publishedAt?: string | null;
  archived?: boolean;
}

/** The creator or an admin may change metadata or archive; the rule is in the WHERE clause. */
function mayManage(viewer: Viewer) {
  return viewer.role === 'admin' ? undefined : eq(articles.createdBy, viewer.id);
}

function refuseArticle(db: Db, id: number): Result<never> {
  const exists = db.select({ id: articles.id }).from(articles).where(eq(articles.id, id)).get();
  return exists ? fail('forbidden', 'Only the reviewer who added this article or an admin can change it.') : fail('not_found', `No article with id ${id}.`);
}

/** Changes metadata only: the text changes only by a new revision (db/queries/revisions.ts). */
export function updateArticleMeta(db: Db, viewer: Viewer, id: number, patch: ArticleMetaPatch): Result<ArticleDto> {
  if (patch.sourceUrl) {
    const other = db
      .select({ id: articles.id, title: articles.title })
      .from(articles)
      .where(and(eq(articles.sourceUrl, patch.sourceUrl), ne(articles.id, id)))
      .get();
    if (other) return fail('conflict', `This source URL belongs to “${other.title}”.`, { existingArticleId: other.id });
  }
  const { archived, ...meta } = patch;
  const res = db
    .update(articles)
    .set({ ...meta, ...(archived === undefined ? {} : { archivedAt: archived ? new Date() : null }), updatedAt: new Date() })
    .where(and(eq(articles.id, id), mayManage(viewer)))
    .run();
  return res.changes ? getArticle(db, viewer, id) : refuseArticle(db, id);
}

/** Deletes an article that has never been annotated; one with annotations can only be archived. */
export function deleteArticle(db: Db, viewer: Viewer, id: number): Result<null> {
  return db.transaction((tx) => {
    const annotated = tx.select({ id: annotations.id }).from(annotations).where(eq(annotations.articleId, id)).limit(1).get();
    const allowed = tx
      .select({ id: articles.id })
      .from(articles)
      .where(and(eq(articles.id, id), mayManage(viewer)))
      .get();
    if (!allowed) return refuseArticle(tx as unknown as Db, id);
    if (annotated) return fail('conflict', 'This article has annotations (or their history), so it cannot be deleted. Archive it instead: it leaves the list and keeps its annotations.');
    tx.delete(articles).where(eq(articles.id, id)).run();
    forgetArticleText(db, id);
    return ok(null);
  }, WRITE_TRANSACTION);
}

/** The canonical text annotation offsets index into, or undefined for an unknown article. */
export function getArticleText(db: Db, _viewer: Viewer, id: number): string | undefined {
  return db.select({ plainText: articles.plainText }).from(articles).where(eq(articles.id, id)).get()?.plainText;
}

// The indexed text of recently used articles, so checking a new annotation costs no read and scan
// of a long article. An entry is keyed by the revision it was read at: a new revision (from this
// process or another) is seen by the one-column read below and replaces it. One cache per database
// handle: article ids of two database files (a test's, the bench floor's) say nothing of each other.
const textCaches = new WeakMap<Db, Map<number, CurrentText>>();
const TEXT_CACHE_SIZE = 32;

function textCacheOf(db: Db): Map<number, CurrentText> {
  let cache = textCaches.get(db);
  if (!cache) textCaches.set(db, (cache = new Map()));
  return cache;
}

export interface CurrentText {
  revision: number;
  text: CanonicalText;
}

const revisionOf = prepared((db) =>
  db
    .select({ revision: articles.revision })
    .from(articles)
    .where(eq(articles.id, sql.placeholder('id')))
    .prepare(),
);

/** The article's current revision and its canonical text, indexed for code-point offsets; undefined for an unknown article. */
export function getArticleCanonicalText(db: Db, _viewer: Viewer, id: number): CurrentText | undefined {
  const current = revisionOf(db).get({ id });
  if (!current) return undefined;
  const textCache = textCacheOf(db);
  const cached = textCache.get(id);
  textCache.delete(id);
  if (cached && cached.revision === current.revision) {
    textCache.set(id, cached);
    return cached;
  }
  const row = db.select({ revision: articles.revision, plainText: articles.plainText }).from(articles).where(eq(articles.id, id)).get();
  if (!row) return undefined;
  const entry = { revision: row.revision, text: new CanonicalText(row.plainText) };
  textCache.set(id, entry);
  if (textCache.size > TEXT_CACHE_SIZE) textCache.delete(textCache.keys().next().value!);
  return entry;
}

/** Drops an article's cached text (after it was deleted). */
export function forgetArticleText(db: Db, id: number) {
  textCacheOf(db).delete(id);
}

export function getArticleTitle(db: Db, id: number): string | undefined {
  return db.select({ title: articles.title }).from(articles).where(eq(articles.id, id)).get()?.title;
}

export function findArticleBySourceUrl(db: Db, sourceUrl: string): { id: number; title: string } | undefined {
  return db.select({ id: articles.id, title: articles.title }).from(articles).where(eq(articles.sourceUrl, sourceUrl)).get();
}
