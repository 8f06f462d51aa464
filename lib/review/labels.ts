// Words the review UI and its pages share: how outcomes, decisions and times read to people.
import type { AdjudicationDecision, AgreementPair } from './types';

export const OUTCOME_LABEL: Record<AgreementPair['outcome'], string> = {
  agree: 'Agree',
  disagree: 'Disagree',
  only_first: 'First check only',
  only_second: 'Second check only',
};

export const DECISION_LABEL: Record<AdjudicationDecision, string> = {
  keep_first: 'Kept the first verdict',
  keep_second: 'Kept the second verdict',
  final: 'Set the final verdict',
  drop: 'Dropped',
};

/** A stored ISO time as the UI prints it, the same on server and client: "2026-11-28 05:03 UTC". */
export function formatWhen(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** A share 0–1 as a whole percentage. */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Kappa with two decimals (a real minus sign), or "not defined". */
export function formatKappa(kappa: number | null): string {
  return kappa === null ? 'not defined' : kappa.toFixed(2).replace('-', '−');
}

/** The fragment the article page scrolls to for a blocking item: its verdict, or its passage. */
export function passageHref(item: { annotationId?: number; start?: number; end?: number }): string | null {
  if (item.annotationId !== undefined) return `#annotation-${item.annotationId}`;
  if (item.start !== undefined && item.end !== undefined) return `#passage-${item.start}-${item.end}`;
  return null;
}
