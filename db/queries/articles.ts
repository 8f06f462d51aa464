// Articles: the stored document (ProseMirror JSON + canonical text) and its metadata.
// Every function takes the viewer first; reads are open to any signed-in reviewer, changes to
// the article's creator or an admin (checked in the WHERE clause).
import { and, desc, eq, isNull, like, sql } from 'drizzle-orm';
import type { Node as PMNode } from 'prosemirror-model';
import { slugify } from '../../lib/document/slug';
import { TextIndex } from '../../lib/document/canonical-text';
import { fail, ok, type Result } from '../../lib/errors';
import type { Viewer } from '../../lib/viewer';
import type { Db } from '../client';
import { annotations, articles, users, type ArticleRow } from '../schema';

export interface ArticleMeta {
  title: string;
  byline?: string | null;
  publisher?: string | null;
  sourceUrl?: string | null;
  publishedAt?: string | null;
  /** Chosen from the title when not given. */
  slug?: string;
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
}

export interface ArticleDto extends ArticleSummaryDto {
  doc: unknown;
  plainText: string;
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

/** Stores a new article; its canonical text is derived here, once, from the document. */
export function createArticle(db: Db, viewer: Viewer, doc: PMNode, meta: ArticleMeta): Result<ArticleDto> {
  if (meta.sourceUrl) {
    const existing = db.select({ id: articles.id, title: articles.title }).from(articles).where(eq(articles.sourceUrl, meta.sourceUrl)).get();
    if (existing) {
      return fail('conflict', `This source URL was already imported as “${existing.title}”.`, { existingArticleId: existing.id });
    }
  }
  const plainText = TextIndex.fromDoc(doc).text;
  const row = db
    .insert(articles)
    .values({
      slug: meta.slug ?? uniqueSlug(db, meta.title),
      title: meta.title,
      byline: meta.byline ?? null,
      publisher: meta.publisher ?? null,
      sourceUrl: meta.sourceUrl ?? null,
      publishedAt: meta.publishedAt ?? null,
      doc: doc.toJSON(),
      plainText,
      createdBy: viewer.id,
    })
    .returning()
    .get();
  return ok({ ...toSummary(row, viewer.name), doc: row.doc, plainText: row.plainText });
}

export function getArticle(db: Db, _viewer: Viewer, id: number): Result<ArticleDto> {
  const found = db
    .select({ article: articles, creatorName: users.name })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.createdBy))
    .where(eq(articles.id, id))
    .get();
  if (!found) return fail('not_found', `No article with id ${id}.`);
  return ok({ ...toSummary(found.article, found.creatorName), doc: found.article.doc, plainText: found.article.plainText });
}

export function findArticleBySlug(db: Db, slug: string): ArticleRow | undefined {
  return db.select().from(articles).where(eq(articles.slug, slug)).get();
}

export interface ArticleListItem extends ArticleSummaryDto {
  counts: { verified: number; disputed: number; needs_source: number };
  lastActivityAt: string;
}

/** Articles not archived, most recently active first, with annotation counts per status. */
export function listArticles(db: Db, _viewer: Viewer): ArticleListItem[] {
  const lastActivity = sql<number>`max(${articles.updatedAt}, coalesce(max(${annotations.updatedAt}), 0))`;
  const rows = db
    .select({
      article: articles,
      creatorName: users.name,
      verified: sql<number>`coalesce(sum(${annotations.status} = 'verified'), 0)`,
      disputed: sql<number>`coalesce(sum(${annotations.status} = 'disputed'), 0)`,
      needsSource: sql<number>`coalesce(sum(${annotations.status} = 'needs_source'), 0)`,
      lastActivity: lastActivity,
    })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.createdBy))
    .leftJoin(annotations, and(eq(annotations.articleId, articles.id), isNull(annotations.deletedAt)))
    .where(isNull(articles.archivedAt))
    .groupBy(articles.id)
    .orderBy(desc(lastActivity))
    .all();
  return rows.map((r) => ({
    ...toSummary(r.article, r.creatorName),
    counts: { verified: r.verified, disputed: r.disputed, needs_source: r.needsSource },
    lastActivityAt: new Date(r.lastActivity).toISOString(),
  }));
}

/** The canonical text annotation offsets index into, or undefined for an unknown article. */
export function getArticleText(db: Db, _viewer: Viewer, id: number): string | undefined {
  return db.select({ plainText: articles.plainText }).from(articles).where(eq(articles.id, id)).get()?.plainText;
}

export function getArticleTitle(db: Db, id: number): string | undefined {
  return db.select({ title: articles.title }).from(articles).where(eq(articles.id, id)).get()?.title;
}
