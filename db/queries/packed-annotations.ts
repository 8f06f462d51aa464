// The article's annotations packed for the page's first render (lib/annotations/pack.ts), read
// as raw rows: the one read whose cost grows with an article's thousands of verdicts.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { packAnnotations, type PackableAnnotation, type PackedAnnotations } from '../../lib/annotations/pack';
import type { Status } from '../../lib/annotations/status';
import type { CanonicalText } from '../../lib/document/canonical-text';
import type { AnchorState } from '../../lib/revisions/types';
import type { Viewer } from '../../lib/viewer';
import type { Db } from '../client';
import { annotationSources, annotations, users } from '../schema';
import { documentOrder, replyCount } from './annotations';
import { visibleInArticle } from './visibility';
type PackedRow = [number, Status, number, number, string, string, string, number, string, number, number, number, string, AnchorState, string | null, number | null, number, number];

/**
 * The article's live annotations already packed for the page's first render
 * (lib/annotations/pack.ts): raw rows straight from SQLite, no per-row objects or dates, each
 * quote checked against the article's text here so that only mismatches travel.
 */
export function listPackedAnnotations(db: Db, viewer: Viewer, articleId: number, revision: number, text: CanonicalText): PackedAnnotations {
  const visible = visibleInArticle(db, viewer, articleId);
  const rows = db
    .select({
      id: annotations.id,
      status: annotations.status,
      start: annotations.start,
      end: annotations.end,
      exact: annotations.exact,
      prefix: annotations.prefix,
      suffix: annotations.suffix,
      authorId: annotations.authorId,
      authorName: users.name,
      created: sql<number>`${annotations.createdAt}`,
      updated: sql<number>`${annotations.updatedAt}`,
      version: annotations.version,
      note: annotations.note,
      anchorState: annotations.anchorState,
      previousExact: annotations.previousExact,
      previousRevision: annotations.previousRevision,
      replies: replyCount,
      secondCheck: annotations.secondCheck,
    })
    .from(annotations)
    .innerJoin(users, eq(users.id, annotations.authorId))
    .where(and(eq(annotations.articleId, articleId), isNull(annotations.deletedAt), visible))
    .orderBy(...documentOrder)
    .values() as unknown as PackedRow[];
  const sources = new Map<number, [string, string | null][]>();
  const sourceRows = db
    .select({ annotationId: annotationSources.annotationId, url: annotationSources.url, title: annotationSources.title })
    .from(annotationSources)
    .innerJoin(annotations, eq(annotations.id, annotationSources.annotationId))
    .where(and(eq(annotations.articleId, articleId), isNull(annotations.deletedAt), visible))
    .orderBy(asc(annotationSources.annotationId), asc(annotationSources.position))
    .values() as unknown as [number, string, string | null][];
  for (const [annotationId, url, title] of sourceRows) {
    const list = sources.get(annotationId);
    if (list) list.push([url, title]);
    else sources.set(annotationId, [[url, title]]);
  }
  return packAnnotations(articleId, revision, text, packable(rows, sources));
}

/** The rows in the packer's shape, one at a time (thousands of objects never held at once). */
function* packable(rows: PackedRow[], sources: Map<number, [string, string | null][]>): Generator<PackableAnnotation> {
  for (const [id, status, start, end, exact, prefix, suffix, authorId, authorName, created, updated, version, note, anchorState, previousExact, previousRevision, replies, secondCheck] of rows) {
    yield {
      id,
      status,
      start,
      end,
      exact,
      prefix,
      suffix,
      authorId,
      authorName,
      created,
      updated,
      version,
      note,
      anchorState,
      previousExact,
      previousRevision,
      sources: sources.get(id) ?? [],
      replyCount: replies,
      secondCheck: secondCheck === 1,
    };
  }
}
