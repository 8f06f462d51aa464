// Check-worthy claims: the sentences of an article a desk must check, and why each was picked.

/** Why a sentence is check-worthy (lib/claims/detect.ts gives one or more per claim). */
export const CLAIM_REASONS = ['figure', 'quotation', 'comparison', 'named_entity', 'causal'] as const;
export type ClaimReason = (typeof CLAIM_REASONS)[number];

export const CLAIM_REASON_LABEL: Record<ClaimReason, string> = {
  figure: 'Figures',
  quotation: 'Quotation or attribution',
  comparison: 'Comparison or superlative',
  named_entity: 'Named people, organisations or places',
  causal: 'Cause and effect',
};

export const CLAIM_STATES = ['unchecked', 'checked', 'dismissed'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export const CLAIM_STATE_LABEL: Record<ClaimState, string> = {
  unchecked: 'Unchecked',
  checked: 'Checked',
  dismissed: 'Not a claim',
};

/** A sentence found check-worthy: code-point offsets into the revision's canonical text. */
export interface DetectedClaim {
  start: number;
  end: number;
  reasons: ClaimReason[];
}

/**
 * A claim is **checked** when one live, placed verdict (anchor unchanged or moved, not hidden by
 * a blind second check) overlaps at least half of the sentence: 2 × overlap ≥ sentence length.
 * The SQL that keeps the articles list's counts (drizzle/ triggers) states the same rule.
 */
export const CHECKED_SHARE = 0.5;

export interface ClaimDto {
  start: number;
  end: number;
  text: string;
  reasons: ClaimReason[];
  state: ClaimState;
  annotationIds: number[];
  /** Who dismissed it as "not a claim", and when (state `dismissed` only). */
  dismissal?: { id: number; by: { id: number; name: string }; at: string };
}

export interface ClaimCoverage {
  checkWorthy: number;
  checked: number;
  dismissed: number;
}
