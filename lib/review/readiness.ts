// What keeps an article from being signed off, item by item, each linked to its passage: the
// sign-off answer (409 not_ready, details.blocking) and the sign-off dialog list exactly these.
import type { AnnotationDto } from '../annotations/types';
import { STATUS_LABEL } from '../annotations/status';
import type { ClaimDto } from '../claims/types';
import type { AgreementPair, BlockingItem, SecondCheckDto } from './types';

export interface ReadinessInput {
  claims: readonly Pick<ClaimDto, 'start' | 'end' | 'text' | 'state'>[];
  /** The live verdicts the signing editor sees. */
  annotations: readonly Pick<AnnotationDto, 'id' | 'status' | 'note' | 'sources' | 'exact' | 'anchor'>[];
  /** The article's latest second check (null when none was ever requested). */
  secondCheck: Pick<SecondCheckDto, 'reviewer' | 'doneAt'> | null;
  /** Rows of the latest done second check still waiting for an editor's decision (see needsAdjudication). */
  openPairs: readonly Pick<AgreementPair, 'first' | 'second' | 'outcome'>[];
}

/** Long passages are cut in messages (the link leads to the whole of it). */
export function quoteOf(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return `“${chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat}”`;
}

/** A disagreement or a one-sided finding that no editor has decided yet. */
export function needsAdjudication(pair: Pick<AgreementPair, 'outcome' | 'adjudication'>): boolean {
  return pair.outcome !== 'agree' && pair.adjudication === null;
}

/** Everything that blocks a sign-off, in a stable order: claims, re-checks, evidence, second check. */
export function blockingItems(input: ReadinessInput): BlockingItem[] {
  const items: BlockingItem[] = [];
  for (const c of input.claims) {
    if (c.state === 'unchecked') items.push({ kind: 'unchecked_claim', message: `Check-worthy claim not checked or dismissed: ${quoteOf(c.text)}`, start: c.start, end: c.end });
  }
  for (const a of input.annotations) {
    if (a.anchor.state === 'changed' || a.anchor.state === 'removed') {
      const why = a.anchor.state === 'removed' ? 'its passage was removed by a revision' : 'its passage was edited by a revision';
      items.push({ kind: 'needs_recheck', message: `${STATUS_LABEL[a.status]} verdict needs a re-check (${why}): ${quoteOf(a.exact)}`, annotationId: a.id });
    }
  }
  for (const a of input.annotations) {
    if (a.status !== 'verified' && a.note.trim() === '' && a.sources.length === 0) {
      items.push({ kind: 'missing_evidence', message: `${STATUS_LABEL[a.status]} verdict has neither a note nor a source: ${quoteOf(a.exact)}`, annotationId: a.id });
    }
  }
  if (input.secondCheck && input.secondCheck.doneAt === null) {
    items.push({ kind: 'second_check_pending', message: `The independent second check by ${input.secondCheck.reviewer.name} is not finished yet.` });
  }
  for (const p of input.openPairs) {
    const v = (p.first ?? p.second)!;
    const what = p.outcome === 'disagree' ? `Disagreement (${STATUS_LABEL[p.first!.status]} / ${STATUS_LABEL[p.second!.status]})` : p.outcome === 'only_first' ? 'Found by the first check only' : 'Found by the second check only';
    items.push({ kind: 'unadjudicated', message: `${what}, not adjudicated: ${quoteOf(v.exact)}`, annotationId: v.annotationId });
  }
  return items;
}
