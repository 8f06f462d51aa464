// The desk's workflow on an article — review state, assignment, second check, adjudication,
// sign-off — as every layer (database enums, API, UI, reports) shares it, written once here.
import type { Status } from '../annotations/status';

/** open → in_review (someone assigned or annotating) → signed_off; reopened back to in_review. */
export const REVIEW_STATES = ['open', 'in_review', 'signed_off'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_STATE_LABEL: Record<ReviewState, string> = {
  open: 'Open',
  in_review: 'In review',
  signed_off: 'Signed off',
};

/** Every kind of event in an article's review history (the database enum too). */
export const REVIEW_EVENT_TYPES = [
  'review_started',
  'assigned',
  'unassigned',
  'second_check_requested',
  'second_check_done',
  'adjudicated',
  'signed_off',
  'reopened',
  'claim_dismissed',
  'claim_restored',
] as const;
export type ReviewEventType = (typeof REVIEW_EVENT_TYPES)[number];

/** Why a signed-off article went back to review (the `reopened` event's detail). */
export const REOPEN_CAUSES = ['revision', 'verdict_created', 'verdict_changed', 'verdict_deleted', 'reply', 'editor'] as const;
export type ReopenCause = (typeof REOPEN_CAUSES)[number];

/** How an editor settled a disagreement or a passage only one check found. */
export const ADJUDICATION_DECISIONS = ['keep_first', 'keep_second', 'final', 'drop'] as const;
export type AdjudicationDecision = (typeof ADJUDICATION_DECISIONS)[number];

export interface UserRef {
  id: number;
  name: string;
}

export interface SecondCheckDto {
  id: number;
  reviewer: UserRef;
  requestedBy: UserRef;
  requestedAt: string;
  /** Null while the second reviewer is still checking (their verdicts and the others' are hidden from each other). */
  doneAt: string | null;
}

export interface SignOffDto {
  by: UserRef;
  at: string;
  /** Given when an editor signed off although something blocked it. */
  reason: string | null;
  /** What blocked it at that moment (empty when nothing did). */
  overridden: BlockingItem[];
}

/** One thing that keeps an article from being signed off, linked to its passage. */
export interface BlockingItem {
  kind: 'unchecked_claim' | 'needs_recheck' | 'missing_evidence' | 'second_check_pending' | 'unadjudicated';
  message: string;
  annotationId?: number;
  start?: number;
  end?: number;
}

export interface AgreementPair {
  /** First-check verdict (null when only the second check found the passage). */
  first: { annotationId: number; status: Status; start: number; end: number; exact: string; author: UserRef } | null;
  second: { annotationId: number; status: Status; start: number; end: number; exact: string; author: UserRef } | null;
  outcome: 'agree' | 'disagree' | 'only_first' | 'only_second';
  /** Offsets of the check-worthy claim the passage falls in, when it does. */
  claim: { start: number; end: number } | null;
  adjudication: { decision: AdjudicationDecision; status: Status | null; note: string; by: UserRef; at: string } | null;
}

export interface AgreementDto {
  pairs: AgreementPair[];
  agree: number;
  disagree: number;
  onlyFirst: number;
  onlySecond: number;
  /** Cohen's kappa over the paired statuses; null when it is undefined (no pairs, or one status only on both sides). */
  kappa: number | null;
  /** Share of all passages that both checks found (agree + disagree over all). */
  bothFound: number;
  /** The kappa in words (Landis & Koch), for people. */
  meaning: string;
}

export interface ReviewDto {
  articleId: number;
  state: ReviewState;
  assignees: UserRef[];
  signOff: SignOffDto | null;
  secondCheck: SecondCheckDto | null;
}

/** What the report's methodology section says about the review (lib/report). */
export interface ReviewSummary extends ReviewDto {
  agreement: Pick<AgreementDto, 'agree' | 'disagree' | 'onlyFirst' | 'onlySecond' | 'kappa' | 'bothFound' | 'meaning'> | null;
}
