// Pairs the verdicts of an independent second check with the first check's: two passages are the
// same finding when they overlap by at least half of the shorter one. Pure, so the agreement page,
// the sign-off readiness and the unit tests all pair the same way.
import type { AgreementPair } from './types';

/** A verdict as the pairing sees it; `placed` is false when a revision removed its passage. */
export type CheckVerdict = NonNullable<AgreementPair['first']> & { placed?: boolean };

export type Pairing = Omit<AgreementPair, 'adjudication'>;

interface Span {
  start: number;
  end: number;
}

/** Code points two spans share (0 when they do not touch). */
export function overlapOf(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** Two passages are one finding when they share at least half of the shorter one. */
export function samePassage(a: Span, b: Span): boolean {
  const overlap = overlapOf(a, b);
  return overlap > 0 && 2 * overlap >= Math.min(a.end - a.start, b.end - b.start);
}

/** The claim the span overlaps most, if any (claims are sorted by start and do not overlap). */
function claimOf(span: Span, claims: readonly Span[]): Span | null {
  let best: Span | null = null;
  let bestOverlap = 0;
  for (const c of claims) {
    if (c.start >= span.end) break;
    const o = overlapOf(span, c);
    if (o > bestOverlap) [best, bestOverlap] = [c, o];
  }
  return best ? { start: best.start, end: best.end } : null;
}

const byPlace = (a: CheckVerdict, b: CheckVerdict) => a.start - b.start || a.end - b.end || a.annotationId - b.annotationId;

/**
 * One row per finding, in document order: each first-check verdict is matched with at most one
 * second-check verdict, greedily by the largest overlap (ties: earlier passage, lower id), and
 * what is left over is found by one check only. Verdicts whose passage was removed never pair.
 */
export function pairVerdicts(first: readonly CheckVerdict[], second: readonly CheckVerdict[], claims: readonly Span[] = []): Pairing[] {
  const left = [...first].sort(byPlace);
  const right = [...second].sort(byPlace);
  const candidates: { i: number; j: number; overlap: number }[] = [];
  left.forEach((a, i) => {
    if (a.placed === false) return;
    for (let j = 0; j < right.length && right[j].start < a.end; j++) {
      const b = right[j];
      if (b.placed !== false && samePassage(a, b)) candidates.push({ i, j, overlap: overlapOf(a, b) });
    }
  });
  candidates.sort((x, y) => y.overlap - x.overlap || x.i - y.i || x.j - y.j);
  const partnerOfLeft = new Map<number, number>();
  const takenRight = new Set<number>();
  for (const c of candidates) {
    if (partnerOfLeft.has(c.i) || takenRight.has(c.j)) continue;
    partnerOfLeft.set(c.i, c.j);
    takenRight.add(c.j);
  }
  const strip = (v: CheckVerdict): NonNullable<AgreementPair['first']> => ({ annotationId: v.annotationId, status: v.status, start: v.start, end: v.end, exact: v.exact, author: v.author });
  const rows: Pairing[] = left.map((a, i) => {
    const j = partnerOfLeft.get(i);
    const b = j === undefined ? null : right[j];
    const span = b ? { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) } : a;
    const outcome = !b ? 'only_first' : a.status === b.status ? 'agree' : 'disagree';
    return { first: strip(a), second: b ? strip(b) : null, outcome, claim: a.placed === false ? null : claimOf(span, claims) };
  });
  right.forEach((b, j) => {
    if (!takenRight.has(j)) rows.push({ first: null, second: strip(b), outcome: 'only_second', claim: b.placed === false ? null : claimOf(b, claims) });
  });
  const placeOf = (r: Pairing) => (r.first && r.second ? Math.min(r.first.start, r.second.start) : (r.first ?? r.second)!.start);
  const idOf = (r: Pairing) => (r.first ?? r.second)!.annotationId;
  return rows.sort((x, y) => placeOf(x) - placeOf(y) || idOf(x) - idOf(y));
}

export interface AgreementCounts {
  agree: number;
  disagree: number;
  onlyFirst: number;
  onlySecond: number;
  /** Share of all findings both checks found ((agree + disagree) / all); 0 when there are none. */
  bothFound: number;
}

export function countOutcomes(pairs: readonly Pick<Pairing, 'outcome'>[]): AgreementCounts {
  const n = (o: Pairing['outcome']) => pairs.filter((p) => p.outcome === o).length;
  const agree = n('agree');
  const disagree = n('disagree');
  return { agree, disagree, onlyFirst: n('only_first'), onlySecond: n('only_second'), bothFound: pairs.length ? (agree + disagree) / pairs.length : 0 };
}
