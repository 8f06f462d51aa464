// Check-worthy claims of an article's current revision, stored when the revision is added.
import { eq } from 'drizzle-orm';
import { DETECTOR_VERSION } from '../../lib/claims/detect';
import type { DetectedClaim } from '../../lib/claims/types';
import type { Tx } from '../client';
import { articles, claims } from '../schema';

/** Stores the claims detected in a revision's text (detected before the write transaction). */
export function storeClaims(tx: Tx, articleId: number, revision: number, detected: DetectedClaim[]) {
  for (let i = 0; i < detected.length; i += 200) {
    tx.insert(claims)
      .values(detected.slice(i, i + 200).map((c) => ({ articleId, revision, start: c.start, end: c.end, reasons: c.reasons })))
      .run();
  }
  tx.update(articles).set({ claimsDetector: DETECTOR_VERSION }).where(eq(articles.id, articleId)).run();
}
