// Revisions: every version of an article's text, and carrying its annotations to a new one.
// A new revision and the carry of every live annotation and "not a claim" dismissal to it are one
// transaction: either the article, all its annotations and their `reanchored` events, its claims
// and dismissals move to the new text, or nothing changed. Reads are open to any signed-in
// reviewer; so is adding a version (the desk's shared work, recorded with who added it), except on
// an archived article.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Node as PMNode } from 'prosemirror-model';
import type { Status } from '../../lib/annotations/status';
import type { AnnotationAuthor } from '../../lib/annotations/types';
import { TextIndex } from '../../lib/document/canonical-text';
import type { TextDirection } from '../../lib/document/direction';
import { fail, ok, type Result } from '../../lib/errors';
import { carryAnnotations } from '../../lib/revisions/carry';
import { contentHash } from '../../lib/revisions/hash';
import { ANCHOR_STATES, type AnchorState, type CarrySummary, type RevisionDetailDto, type RevisionDto, type RevisionSource } from '../../lib/revisions/types';
import type { Viewer } from '../../lib/viewer';
import { WRITE_TRANSACTION, type Db } from '../client';
import { detectClaims } from '../../lib/claims/detect';
import { storeClaims } from './claims';
import { noteReviewActivity, recordArticleEvent } from './review-state';
import { annotationEvents, annotations, articleRevisions, articles, claimDismissals, users, type ArticleRevisionRow } from '../schema';
import { checkRevision } from './annotations';
import { visibleInArticle } from './visibility';

function toDto(row: ArticleRevisionRow, creatorName: string): RevisionDto {
  return {
    number: row.number,
    createdAt: row.createdAt.toISOString(),
    createdBy: { id: row.createdBy, name: creatorName },
    source: row.source,
    contentHash: row.contentHash,
    title: row.title,
    byline: row.byline,
    publisher: row.publisher,
    publishedAt: row.publishedAt,
    textLength: row.textLength,
    carried: (row.carried as CarrySummary | null) ?? null,
    lang: row.lang,
    dir: row.dir,
  };
}

function revisionRows(db: Db, articleId: number, number?: number) {
  return db
    .select({ r: articleRevisions, creatorName: users.name })
    .from(articleRevisions)
    .innerJoin(users, eq(users.id, articleRevisions.createdBy))
    .where(and(eq(articleRevisions.articleId, articleId), number === undefined ? undefined : eq(articleRevisions.number, number)))
    .orderBy(desc(articleRevisions.number));
}

const noArticle = (id: number) => fail<never>('not_found', `No article with id ${id}.`);

/** The article's revisions, newest first, without their text. */
export function listRevisions(db: Db, _viewer: Viewer, articleId: number): Result<RevisionDto[]> {
  const rows = revisionRows(db, articleId).all();
  return rows.length ? ok(rows.map((r) => toDto(r.r, r.creatorName))) : noArticle(articleId);
}

/** One revision with its document and canonical text. */
export function getRevision(db: Db, _viewer: Viewer, articleId: number, number: number): Result<RevisionDetailDto> {
  const found = revisionRows(db, articleId, number).get();
  if (!found) {
    const exists = db.select({ id: articles.id }).from(articles).where(eq(articles.id, articleId)).get();
    return exists ? fail('not_found', `Article ${articleId} has no revision ${number}.`) : noArticle(articleId);
  }
  return ok({ ...toDto(found.r, found.creatorName), doc: found.r.doc, plainText: found.r.plainText });
}

/** The article's current revision (metadata only), for the article page's banner. */
export function getCurrentRevision(db: Db, _viewer: Viewer, articleId: number): Result<RevisionDto> {
  const found = db
    .select({ r: articleRevisions, creatorName: users.name })
    .from(articleRevisions)
    .innerJoin(articles, and(eq(articles.id, articleRevisions.articleId), eq(articles.revision, articleRevisions.number)))
    .innerJoin(users, eq(users.id, articleRevisions.createdBy))
    .where(eq(articleRevisions.articleId, articleId))
    .get();
  return found ? ok(toDto(found.r, found.creatorName)) : noArticle(articleId);
}

/** The article's current revision and source URL, read when a new version's request arrives. */
export function articleSource(db: Db, articleId: number): { revision: number; sourceUrl: string | null } | undefined {
  return db.select({ revision: articles.revision, sourceUrl: articles.sourceUrl }).from(articles).where(eq(articles.id, articleId)).get();
}

/** Metadata a new revision may set; fields left undefined keep the article's current value. */
export interface RevisionMeta {
  title?: string;
  byline?: string | null;
  publisher?: string | null;
  publishedAt?: string | null;
  lang?: string | null;
  dir?: TextDirection;
}

export interface NewRevision {
  doc: PMNode;
  meta: RevisionMeta;
  source: RevisionSource;
  /** The revision the new version was made against (the one current when the request arrived). */
  baseRevision: number;
}

export interface PreviewedAnnotation {
  id: number;
  status: Status;
  author: AnnotationAuthor;
  state: AnchorState;
  /** The passage as it reads now. */
  previousExact: string;
  /** Its words in the new version; null when removed. */
  exact: string | null;
}

export type RevisionPreview = { unchanged: true } | { unchanged: false; carried: CarrySummary; annotations: PreviewedAnnotation[] };
export type AddedRevision = { unchanged: true } | { unchanged: false; revision: RevisionDto; carried: CarrySummary };

const RANK: Record<AnchorState, number> = { unchanged: 0, moved: 1, changed: 2, removed: 3 };

interface PlannedAnnotation {
  id: number;
  status: Status;
  author: AnnotationAuthor;
  before: { state: AnchorState; exact: string; previousExact: string | null; previousRevision: number | null };
  /** What the carry found for this revision. */
  outcome: AnchorState;
  /** The state it ends in: a flag is never cleared by a revision, only by a reviewer re-confirming. */
  state: AnchorState;
  quote: { start: number; end: number; exact: string; prefix: string; suffix: string } | null;
}

/** An active "not a claim" dismissal and where its sentence goes: kept only where it is word for word the same. */
interface PlannedDismissal {
  id: number;
  before: { start: number; end: number; exact: string };
  /** New offsets when the sentence is unchanged or moved; null when it changed or was removed (the claim must be checked again). */
  kept: { start: number; end: number } | null;
}

interface Plan {
  article: typeof articles.$inferSelect;
  text: TextIndex;
  annotations: PlannedAnnotation[];
  dismissals: PlannedDismissal[];
  carried: CarrySummary;
}

/** Works out, without writing, what a new version does to the article's live annotations. */
function planRevision(db: Db, articleId: number, input: NewRevision): Result<Plan | null> {
  const article = db.select().from(articles).where(eq(articles.id, articleId)).get();
  if (!article) return noArticle(articleId);
  if (article.archivedAt) return fail('archived', 'This article is archived and read-only: unarchive it before adding a new version.');
  const current = checkRevision(article.revision, input.baseRevision);
  if (!current.ok) return current;
  const text = TextIndex.fromDoc(input.doc);
  if (text.text === article.plainText) return ok(null);
  const rows = db
    .select({ a: annotations, authorName: users.name })
    .from(annotations)
    .innerJoin(users, eq(users.id, annotations.authorId))
    .where(and(eq(annotations.articleId, articleId), isNull(annotations.deletedAt)))
    .all();
  const placed = rows.filter((r) => r.a.anchorState !== 'removed');
  const dismissals = db
    .select({ id: claimDismissals.id, start: claimDismissals.start, end: claimDismissals.end, exact: claimDismissals.exact })
    .from(claimDismissals)
    .where(and(eq(claimDismissals.articleId, articleId), isNull(claimDismissals.undoneAt)))
    .all();
  // One carry for both: annotations under their ids, dismissals under their negated ids.
  const passages = [...placed.map((r) => ({ id: r.a.id, start: r.a.start, end: r.a.end })), ...dismissals.map((d) => ({ id: -d.id, start: d.start, end: d.end }))];
  const outcomes = new Map(carryAnnotations(article.plainText, text.text, passages).outcomes.map((o) => [o.id, o]));
  const carried = Object.fromEntries(ANCHOR_STATES.map((s) => [s, 0])) as CarrySummary;
  const planned: PlannedAnnotation[] = [];
  for (const { a, authorName } of placed) {
    const outcome = outcomes.get(a.id);
    if (!outcome) throw new Error(`The carry gave no outcome for annotation ${a.id}.`);
    const state = RANK[outcome.state] > RANK[a.anchorState] ? outcome.state : a.anchorState;
    const quote = outcome.start !== null && outcome.end !== null && outcome.state !== 'removed' ? { start: outcome.start, end: outcome.end, ...text.quote(outcome.start, outcome.end) } : null;
    carried[state]++;
    planned.push({
      id: a.id,
      status: a.status,
      author: { id: a.authorId, name: authorName },
      before: { state: a.anchorState, exact: a.exact, previousExact: a.previousExact, previousRevision: a.previousRevision },
      outcome: outcome.state,
      state: quote ? state : 'removed',
      quote,
    });
  }
  const plannedDismissals = dismissals.map((d): PlannedDismissal => {
    const o = outcomes.get(-d.id);
    const same = o && (o.state === 'unchanged' || o.state === 'moved') && o.start !== null && o.end !== null;
    return { id: d.id, before: { start: d.start, end: d.end, exact: d.exact }, kept: same ? { start: o.start!, end: o.end! } : null };
  });
  return ok({ article, text, annotations: planned, dismissals: plannedDismissals, carried });
}

export function previewRevision(db: Db, viewer: Viewer, articleId: number, input: NewRevision): Result<RevisionPreview> {
  const plan = planRevision(db, articleId, input);
  if (!plan.ok) return plan;
  if (!plan.value) return ok({ unchanged: true });
  // The carry covers every verdict; the preview shows (and counts) only those the viewer may see.
  const visible = new Set(
    db
      .select({ id: annotations.id })
      .from(annotations)
      .where(and(eq(annotations.articleId, articleId), isNull(annotations.deletedAt), visibleInArticle(db, viewer, articleId)))
      .all()
      .map((r) => r.id),
  );
  const planned = plan.value.annotations.filter((p) => visible.has(p.id));
  const carried = Object.fromEntries(ANCHOR_STATES.map((s) => [s, 0])) as CarrySummary;
  for (const p of planned) carried[p.state]++;
  return ok({
    unchanged: false,
    carried,
    annotations: planned
      .filter((p) => p.outcome !== 'unchanged')
      .map((p) => ({ id: p.id, status: p.status, author: p.author, state: p.state, previousExact: p.before.exact, exact: p.quote?.exact ?? null })),
  });
}

/** Stores a new version of the article and carries every live annotation to it, in one transaction. */
export function addRevision(db: Db, viewer: Viewer, articleId: number, input: NewRevision): Result<AddedRevision> {
  const plan = planRevision(db, articleId, input);
  if (!plan.ok) return plan;
  if (!plan.value) return ok({ unchanged: true });
  const { article, text, annotations: planned, dismissals, carried } = plan.value;
  const number = article.revision + 1;
  const at = new Date();
  const meta = {
    title: input.meta.title ?? article.title,
    byline: input.meta.byline === undefined ? article.byline : input.meta.byline,
    publisher: input.meta.publisher === undefined ? article.publisher : input.meta.publisher,
    publishedAt: input.meta.publishedAt === undefined ? article.publishedAt : input.meta.publishedAt,
    lang: input.meta.lang === undefined ? article.lang : input.meta.lang,
    dir: input.meta.dir ?? article.dir,
  };
  const doc = input.doc.toJSON();
  const detected = detectClaims(text.text);
  const row = db.transaction((tx) => {
    // The guard that makes two versions sent at once safe: only one moves the article from `base`.
    const moved = tx
      .update(articles)
      .set({ ...meta, doc, plainText: text.text, textLength: text.length, revision: number, updatedAt: at })
      .where(and(eq(articles.id, articleId), eq(articles.revision, article.revision)))
      .run();
    if (moved.changes !== 1) return null;
    const revision = tx
      .insert(articleRevisions)
      .values({ ...meta, articleId, number, doc, plainText: text.text, textLength: text.length, contentHash: contentHash(text.text), source: input.source, carried, createdBy: viewer.id, createdAt: at })
      .returning()
      .get();
    const events: (typeof annotationEvents.$inferInsert)[] = [];
    for (const p of planned) {
      const flagged = p.state !== 'unchanged';
      // What the verdict was made (or last confirmed) on: kept from the first revision that flagged it.
      const previous = p.before.state === 'unchanged' ? { previousExact: flagged ? p.before.exact : null, previousRevision: flagged ? article.revision : null } : { previousExact: p.before.previousExact, previousRevision: p.before.previousRevision };
      tx.update(annotations)
        .set({ ...(p.quote ?? {}), ...previous, revision: number, anchorState: p.state, updatedAt: at })
        .where(eq(annotations.id, p.id))
        .run();
      if (p.outcome !== 'unchanged') events.push({ annotationId: p.id, actorId: viewer.id, type: 'reanchored', fromValue: String(article.revision), toValue: `${number} ${p.quote ? p.outcome : 'removed'}`, createdAt: at });
    }
    // Removed earlier: they stay removed, now listed against the current revision.
    tx.update(annotations)
      .set({ revision: number })
      .where(and(eq(annotations.articleId, articleId), isNull(annotations.deletedAt), eq(annotations.anchorState, 'removed')))
      .run();
    for (let i = 0; i < events.length; i += 500) tx.insert(annotationEvents).values(events.slice(i, i + 500)).run();
    storeClaims(tx, articleId, number, detected);
    for (const d of dismissals) {
      if (d.kept) {
        tx.update(claimDismissals).set({ ...d.kept, revision: number }).where(eq(claimDismissals.id, d.id)).run();
      } else {
        // Its sentence changed: the claim must be checked (or dismissed) again.
        tx.update(claimDismissals).set({ undoneAt: at, undoneBy: viewer.id }).where(eq(claimDismissals.id, d.id)).run();
        recordArticleEvent(tx, articleId, viewer.id, 'claim_restored', { dismissalId: d.id, cause: 'revision', revision: number, start: d.before.start, end: d.before.end, exact: d.before.exact }, at);
      }
    }
    noteReviewActivity(tx, articleId, viewer.id, 'revision', at);
    return revision;
  }, WRITE_TRANSACTION);
  if (!row) {
    const now = db.select({ revision: articles.revision }).from(articles).where(eq(articles.id, articleId)).get();
    return checkRevision(now?.revision ?? number, article.revision) as Result<never>;
  }
  return ok({ unchanged: false, revision: toDto(row, viewer.name), carried });
}

