// Finds the check-worthy sentences of a canonical text. (Being written: see issue 10.)
import type { DetectedClaim } from './types';

/** Bumped when the detector changes, so stored claims are recomputed (db/queries/claims.ts). */
export const DETECTOR_VERSION = 1;

export function detectClaims(_text: string): DetectedClaim[] {
  return [];
}
