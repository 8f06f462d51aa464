// Check-worthy claims of an article's current revision (stored when the revision is added) and
// the reviewers' "not a claim" dismissals. Reads are open to any signed-in reviewer and use the
// verdicts the viewer may see (a blind second check hides some); any reviewer may dismiss, and
// undoing is for the dismisser, an editor or an admin — that rule is in the UPDATE's WHERE clause.
import { and, asc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import { detectClaims, DETECTOR_VERSION } from '../../lib/claims/detect';
import { claimStates, type ClaimBase, type ClaimDismissalRef } from '../../lib/claims/state';
import type { ClaimCoverage, ClaimDto, DetectedClaim } from '../../lib/claims/types';
import { CanonicalText } from '../../lib/document/canonical-text';
import { fail, ok, type Result } from '../../lib/errors';
import { isEditor, type Viewer } from '../../lib/viewer';
import { WRITE_TRANSACTION, type Db, type Tx } from '../client';
import { articles, claimDismissals, claims, users } from '../schema';
import { checkRevision, listAnnotations } from './annotations';
import { getArticleCanonicalText } from './articles';
import { recordArticleEvent } from './review-state';

/** Stores the claims detected in a revision's text (detected before the write transaction). */
export function storeClaims(tx: Tx, articleId: number, revision: number, detected: DetectedClaim[]) {
  for (let i = 0; i < detected.length; i += 200) {
    tx.insert(claims)
      .values(detected.slice(i, i + 200).map((c) => ({ articleId, revision, start: c.start, end: c.end, reasons: c.reasons })))
      .run();
  }
  tx.update(articles).set({ claimsDetector: DETECTOR_VERSION }).where(eq(articles.id, articleId)).run();
}

/** The stored claims of a revision with their words, in document order. */
function storedClaims(db: Db | Tx, articleId: number, revision: number, text: CanonicalText): ClaimBase[] {
  return db
    .select({ start: claims.start, end: claims.end, reasons: claims.reasons })
    .from(claims)
    .where(and(eq(claims.articleId, articleId), eq(claims.revision, revision)))
    .orderBy(asc(claims.start), asc(claims.id))
    .all()
    .map((c) => ({ ...c, text: text.slice(c.start, c.end) }));
}

/** Active (not undone) dismissals of a revision. */
function activeDismissals(db: Db | Tx, articleId: number, revision: number): ClaimDismissalRef[] {
  return db
    .select({ d: claimDismissals, name: users.name })
    .from(claimDismissals)
    .innerJoin(users, eq(users.id, claimDismissals.dismissedBy))
    .where(and(eq(claimDismissals.articleId, articleId), eq(claimDismissals.revision, revision), isNull(claimDismissals.undoneAt)))
    .orderBy(asc(claimDismissals.id))
    .all()
    .map(({ d, name }) => ({ id: d.id, start: d.start, end: d.end, by: { id: d.dismissedBy, name }, at: d.createdAt.toISOString() }));
}

export interface ClaimList {
  claims: ClaimDto[];
  coverage: ClaimCoverage;
  /** The revision the offsets index into (the article's current one). */
  revision: number;
}

/** The current revision's claims in document order with their state as the viewer's visible verdicts make it. */
export function listClaims(db: Db, viewer: Viewer, articleId: number): Result<ClaimList> {
  const current = getArticleCanonicalText(db, viewer, articleId);
  if (!current) return fail('not_found', `No article with id ${articleId}.`);
  const verdicts = listAnnotations(db, viewer, articleId);
  if (!verdicts.ok) return verdicts;
  return ok({ ...claimStates(storedClaims(db, articleId, current.revision, current.text), verdicts.value, activeDismissals(db, articleId, current.revision)), revision: current.revision });
}

/** The claim at these offsets as the viewer sees it now (after a dismissal or its undo). */
function claimAt(db: Db, viewer: Viewer, articleId: number, start: number, end: number): Result<ClaimDto> {
  const list = listClaims(db, viewer, articleId);
  if (!list.ok) return list;
  const claim = list.value.claims.find((c) => c.start === start && c.end === end);
  return claim ? ok(claim) : fail('not_found', 'That sentence is no longer a check-worthy claim of this article.');
}

export interface ClaimRange {
  start: number;
  end: number;
  /** The revision the offsets were taken in (409 revision_conflict when it is no longer current). */
  revision?: number;
}

/**
 * "Not a claim": any signed-in reviewer may dismiss a check-worthy sentence of the current
 * revision (it must be a stored claim there). Recorded with who and when, undoable.
 */
export function dismissClaim(db: Db, viewer: Viewer, articleId: number, range: ClaimRange): Result<ClaimDto> {
  const at = new Date();
  const done = db.transaction((tx): Result<null> => {
    const article = tx.select({ revision: articles.revision, archivedAt: articles.archivedAt, plainText: articles.plainText }).from(articles).where(eq(articles.id, articleId)).get();
    if (!article) return fail('not_found', `No article with id ${articleId}.`);
    if (article.archivedAt) return fail('archived', 'This article is archived and read-only. Unarchive it to dismiss claims.');
    const current = checkRevision(article.revision, range.revision);
    if (!current.ok) return current;
    const claim = tx
      .select({ id: claims.id })
      .from(claims)
      .where(and(eq(claims.articleId, articleId), eq(claims.revision, article.revision), eq(claims.start, range.start), eq(claims.end, range.end)))
      .get();
    if (!claim) return fail('unprocessable', `No check-worthy claim runs from ${range.start} to ${range.end} in revision ${article.revision} of this article: dismiss a sentence GET /api/articles/${articleId}/claims lists.`);
    const active = tx
      .select({ id: claimDismissals.id })
      .from(claimDismissals)
      .where(and(eq(claimDismissals.articleId, articleId), eq(claimDismissals.revision, article.revision), eq(claimDismissals.start, range.start), eq(claimDismissals.end, range.end), isNull(claimDismissals.undoneAt)))
      .get();
    if (active) return fail('conflict', 'This claim is already dismissed as not a claim.', { dismissalId: active.id });
    const exact = new CanonicalText(article.plainText).slice(range.start, range.end);
    const row = tx
      .insert(claimDismissals)
      .values({ articleId, revision: article.revision, start: range.start, end: range.end, exact, dismissedBy: viewer.id, createdAt: at })
      .returning({ id: claimDismissals.id })
      .get();
    recordArticleEvent(tx, articleId, viewer.id, 'claim_dismissed', { dismissalId: row.id, revision: article.revision, start: range.start, end: range.end, exact }, at);
    return ok(null);
  }, WRITE_TRANSACTION);
  return done.ok ? claimAt(db, viewer, articleId, range.start, range.end) : done;
}

/** Who may undo a dismissal: the reviewer who made it, an editor or an admin. Used inside WHERE clauses. */
function mayUndo(viewer: Viewer): SQL | undefined {
  return isEditor(viewer) ? undefined : eq(claimDismissals.dismissedBy, viewer.id);
}

/** Undoes a dismissal (the history keeps it): the claim counts as unchecked again unless a verdict checks it. */
export function restoreClaim(db: Db, viewer: Viewer, dismissalId: number): Result<ClaimDto> {
  const at = new Date();
  const active = and(eq(claimDismissals.id, dismissalId), isNull(claimDismissals.undoneAt));
  const done = db.transaction((tx): Result<{ articleId: number; start: number; end: number }> => {
    const row = tx
      .select({ d: claimDismissals, archivedAt: articles.archivedAt, revision: articles.revision })
      .from(claimDismissals)
      .innerJoin(articles, eq(articles.id, claimDismissals.articleId))
      .where(and(active, mayUndo(viewer)))
      .get();
    if (!row) {
      const exists = tx.select({ id: claimDismissals.id }).from(claimDismissals).where(active).get();
      return exists ? fail('forbidden', 'Only the reviewer who dismissed this claim, an editor or an admin can undo it.') : fail('not_found', `No active claim dismissal with id ${dismissalId}.`);
    }
    if (row.archivedAt) return fail('archived', 'This article is archived and read-only. Unarchive it to change its claims.');
    tx.update(claimDismissals)
      .set({ undoneAt: at, undoneBy: viewer.id })
      .where(and(active, mayUndo(viewer)))
      .run();
    const { d } = row;
    recordArticleEvent(tx, d.articleId, viewer.id, 'claim_restored', { dismissalId, revision: d.revision, start: d.start, end: d.end, exact: d.exact }, at);
    return ok({ articleId: d.articleId, start: d.start, end: d.end });
  }, WRITE_TRANSACTION);
  return done.ok ? claimAt(db, viewer, done.value.articleId, done.value.start, done.value.end) : done;
}

/**
 * Detects and stores the claims of every article whose current revision was examined by an older
 * detector (or none), replacing that revision's claims. Run at server start and by db:rebuild;
 * each article is one transaction, skipped if a new revision arrived meanwhile.
 * Returns how many articles got new claims.
 */
export function backfillClaims(db: Db): number {
  const stale = db
    .select({ id: articles.id, revision: articles.revision })
    .from(articles)
    .where(lt(articles.claimsDetector, DETECTOR_VERSION))
    .all();
  let updated = 0;
  for (const { id, revision } of stale) {
    const row = db.select({ plainText: articles.plainText }).from(articles).where(and(eq(articles.id, id), eq(articles.revision, revision))).get();
    if (!row) continue;
    const detected = detectClaims(row.plainText);
    const stored = db.transaction((tx) => {
      const still = tx.select({ id: articles.id }).from(articles).where(and(eq(articles.id, id), eq(articles.revision, revision), lt(articles.claimsDetector, DETECTOR_VERSION))).get();
      if (!still) return false;
      tx.delete(claims).where(and(eq(claims.articleId, id), eq(claims.revision, revision))).run();
      storeClaims(tx, id, revision, detected);
      return true;
    }, WRITE_TRANSACTION);
    if (stored) updated++;
  }
  return updated;
}
