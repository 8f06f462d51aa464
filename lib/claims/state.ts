// A claim's state (unchecked, checked, dismissed) from the verdicts a viewer sees and the active
// dismissals, and the coverage counts. Pure: the server answers GET /claims with it and the
// workspace recomputes it on every poll from the annotations it already holds.
import type { AnnotationDto } from '../annotations/types';
import { CHECKED_SHARE, type ClaimCoverage, type ClaimDto, type ClaimReason } from './types';

/** A stored claim with its words (no state yet). */
export interface ClaimBase {
  start: number;
  end: number;
  text: string;
  reasons: ClaimReason[];
}

/** An active (not undone) "not a claim" on the claim with the same offsets. */
export type ClaimDismissalRef = NonNullable<ClaimDto['dismissal']> & { start: number; end: number };

/** What state needs of a verdict: where it stands and whether its passage is still placed. */
export type VerdictRef = Pick<AnnotationDto, 'id' | 'start' | 'end'> & { anchor: Pick<AnnotationDto['anchor'], 'state'> };

/** True when a verdict's passage of `overlap` code points checks a sentence of `length` (2 × overlap ≥ length). */
export function checksClaim(overlap: number, length: number): boolean {
  return overlap > 0 && overlap >= CHECKED_SHARE * length;
}

/** Placed verdicts: live ones whose passage is still where it was made (unchanged or moved). */
function placed(verdict: VerdictRef): verdict is VerdictRef & { start: number; end: number } {
  return verdict.start !== null && verdict.end !== null && (verdict.anchor.state === 'unchanged' || verdict.anchor.state === 'moved');
}

/** Index of the first claim (sorted by start, not overlapping) whose end is after `offset`. */
function firstEndingAfter(claims: readonly ClaimBase[], offset: number): number {
  let lo = 0;
  let hi = claims.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (claims[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface ClaimStates {
  claims: ClaimDto[];
  coverage: ClaimCoverage;
}

/**
 * States of claims in document order (sorted by start, as detected: sentences never overlap).
 * One pass per verdict over the claims it touches, so thousands of each stay cheap.
 * `annotationIds` lists the verdicts that each alone check the claim.
 */
export function claimStates(claims: readonly ClaimBase[], verdicts: readonly VerdictRef[], dismissals: readonly ClaimDismissalRef[]): ClaimStates {
  const checking: number[][] = claims.map(() => []);
  for (const v of verdicts) {
    if (!placed(v)) continue;
    for (let i = firstEndingAfter(claims, v.start); i < claims.length && claims[i].start < v.end; i++) {
      const c = claims[i];
      const overlap = Math.min(c.end, v.end) - Math.max(c.start, v.start);
      if (checksClaim(overlap, c.end - c.start)) checking[i].push(v.id);
    }
  }
  const dismissedAt = new Map(dismissals.map((d) => [`${d.start}:${d.end}`, d]));
  const coverage: ClaimCoverage = { checkWorthy: claims.length, checked: 0, dismissed: 0 };
  const out = claims.map((c, i): ClaimDto => {
    const annotationIds = checking[i].sort((a, b) => a - b);
    const found = dismissedAt.get(`${c.start}:${c.end}`);
    // A verdict outranks a dismissal: the sentence was checked after all.
    const state = annotationIds.length > 0 ? 'checked' : found ? 'dismissed' : 'unchecked';
    if (state === 'checked') coverage.checked++;
    else if (state === 'dismissed') coverage.dismissed++;
    const base: ClaimDto = { start: c.start, end: c.end, text: c.text, reasons: c.reasons, state, annotationIds };
    return found && state === 'dismissed' ? { ...base, dismissal: { id: found.id, by: found.by, at: found.at } } : base;
  });
  return { claims: out, coverage };
}
