// Articles: the stored document (ProseMirror JSON + canonical text) and its metadata.
// Every function takes the viewer first; reads are open to any signed-in reviewer, changes to
// the article's creator or an admin (checked in the WHERE clause).
import { and, asc, desc, eq, inArray, isNull, like, ne, sql } from 'drizzle-orm';
import type { Node as PMNode } from 'prosemirror-model';
import { slugify } from '../../lib/document/slug';
import { CanonicalText, TextIndex } from '../../lib/document/canonical-text';
import { fail, ok, type Result } from '../../lib/errors';
import { coveredLength } from '../../lib/report/model';
import type { Viewer } from '../../lib/viewer';
import { WRITE_TRANSACTION, type Db } from '../client';
import { contentHash } from '../../lib/revisions/hash';
import type { RevisionSource } from '../../lib/revisions/types';
import { annotations, articleRevisions, articles, users, type ArticleRow } from '../schema';
import { detectClaims } from '../../lib/claims/detect';
import { storeClaims } from './claims';

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
}

function toSummary(row: ArticleRow, creatorName: string): ArticleSummaryDto {
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
      .where(like(articles.slug, `${base}%`))
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
  const fields = { title: meta.title, byline: meta.byline ?? null, publisher: meta.publisher ?? null, publishedAt: meta.publishedAt ?? null };
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
  return ok({ ...toSummary(row, viewer.name), doc: row.doc, plainText: row.plainText, revisedAt: row.createdAt.toISOString() });
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
  return ok({ ...toSummary(found.article, found.creatorName), doc: found.article.doc, plainText: found.article.plainText, revisedAt: found.revisedAt.toISOString() });
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
}

export interface ArticleListQuery {
  /** Words to find in the title (case-insensitive). */
  q?: string;
  sort?: 'activity' | 'published';
  includeArchived?: boolean;
}

/** Articles with annotation counts per status, coverage and last activity. */
export function listArticles(db: Db, _viewer: Viewer, query: ArticleListQuery = {}): ArticleListItem[] {
  const lastActivity = sql<number>`max(${articles.updatedAt}, coalesce(max(${annotations.updatedAt}), 0))`;
  const terms = (query.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const rows = db
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
      },
      creatorName: users.name,
      verified: sql<number>`coalesce(sum(${annotations.status} = 'verified'), 0)`,
      disputed: sql<number>`coalesce(sum(${annotations.status} = 'disputed'), 0)`,
      needsSource: sql<number>`coalesce(sum(${annotations.status} = 'needs_source'), 0)`,
      lastActivity,
    })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.createdBy))
    .leftJoin(annotations, and(eq(annotations.articleId, articles.id), isNull(annotations.deletedAt)))
    .where(and(query.includeArchived ? undefined : isNull(articles.archivedAt), ...terms.map((t) => sql`instr(lower(${articles.title}), ${t.toLowerCase()}) > 0`)))
    .groupBy(articles.id)
    .orderBy(query.sort === 'published' ? sql`${articles.publishedAt} is null, ${articles.publishedAt} desc, ${articles.id} desc` : desc(lastActivity))
    .all();
  const covered = coverageByArticle(
    db,
    rows.map((r) => r.article.id),
  );
  return rows.map((r) => ({
    ...toSummary(r.article as ArticleRow, r.creatorName),
    counts: { verified: r.verified, disputed: r.disputed, needs_source: r.needsSource },
    coverage: r.article.textLength > 0 ? (covered.get(r.article.id) ?? 0) / r.article.textLength : 0,
    lastActivityAt: new Date(r.lastActivity).toISOString(),
    archived: r.article.archivedAt !== null,
  }));
}

/** Code points under at least one live, placed annotation, per article: one ordered scan, one sweep each. */
function coverageByArticle(db: Db, ids: number[]): Map<number, number> {
  const result = new Map<number, number>();
  for (let i = 0; i < ids.length; i += 900) {
    const rows = db
      .select({ articleId: annotations.articleId, start: annotations.start, end: annotations.end })
      .from(annotations)
      .where(and(inArray(annotations.articleId, ids.slice(i, i + 900)), isNull(annotations.deletedAt), ne(annotations.anchorState, 'removed')))
      .orderBy(asc(annotations.articleId), asc(annotations.start))
      .all();
    let from = 0;
    for (let j = 1; j <= rows.length; j++) {
      if (j === rows.length || rows[j].articleId !== rows[from].articleId) {
        result.set(rows[from].articleId, coveredLength(rows.slice(from, j), Number.MAX_SAFE_INTEGER));
        from = j;
      }
    }
  }
  return result;
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
    forgetArticleText(id);
    return ok(null);
  }, WRITE_TRANSACTION);
}

/** The canonical text annotation offsets index into, or undefined for an unknown article. */
export function getArticleText(db: Db, _viewer: Viewer, id: number): string | undefined {
  return db.select({ plainText: articles.plainText }).from(articles).where(eq(articles.id, id)).get()?.plainText;
}

// The indexed text of recently used articles, so checking a new annotation costs no read and scan
// of a long article. An entry is keyed by the revision it was read at: a new revision (from this
// process or another) is seen by the one-column read below and replaces it.
const textCache = new Map<number, { revision: number; text: CanonicalText }>();
const TEXT_CACHE_SIZE = 32;

export interface CurrentText {
  revision: number;
  text: CanonicalText;
}

/** The article's current revision and its canonical text, indexed for code-point offsets; undefined for an unknown article. */
export function getArticleCanonicalText(db: Db, _viewer: Viewer, id: number): CurrentText | undefined {
  const current = db.select({ revision: articles.revision }).from(articles).where(eq(articles.id, id)).get();
  if (!current) return undefined;
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
export function forgetArticleText(id: number) {
  textCache.delete(id);
}

export function getArticleTitle(db: Db, id: number): string | undefined {
  return db.select({ title: articles.title }).from(articles).where(eq(articles.id, id)).get()?.title;
}

export function findArticleBySourceUrl(db: Db, sourceUrl: string): { id: number; title: string } | undefined {
  return db.select({ id: articles.id, title: articles.title }).from(articles).where(eq(articles.sourceUrl, sourceUrl)).get();
}
