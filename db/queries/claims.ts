// Check-worthy claims of an article's current revision (stored when the revision is added) and
// the reviewers' "not a claim" dismissals. Reads are open to any signed-in reviewer and use the
// verdicts the viewer may see (a blind second check hides some); any reviewer may dismiss, and
// undoing is for the dismisser, an editor or an admin — that rule is in the UPDATE's WHERE clause.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { DETECTOR_VERSION } from '../../lib/claims/detect';
import { claimStates, type ClaimBase, type ClaimDismissalRef } from '../../lib/claims/state';
import type { ClaimCoverage, ClaimDto, DetectedClaim } from '../../lib/claims/types';
import { CanonicalText } from '../../lib/document/canonical-text';
import { fail, ok, type Result } from '../../lib/errors';
import type { Viewer } from '../../lib/viewer';
import type { Db, Tx } from '../client';
import { articles, claimDismissals, claims, users } from '../schema';
import { listAnnotations } from './annotations';

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
}

/** The current revision's claims in document order with their state as the viewer's visible verdicts make it. */
export function listClaims(db: Db, viewer: Viewer, articleId: number): Result<ClaimList> {
  const article = db.select({ revision: articles.revision, plainText: articles.plainText }).from(articles).where(eq(articles.id, articleId)).get();
  if (!article) return fail('not_found', `No article with id ${articleId}.`);
  const verdicts = listAnnotations(db, viewer, articleId);
  if (!verdicts.ok) return verdicts;
  const text = new CanonicalText(article.plainText);
  return ok(claimStates(storedClaims(db, articleId, article.revision, text), verdicts.value, activeDismissals(db, articleId, article.revision)));
}
