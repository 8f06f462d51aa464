// Pairing a second check's verdicts with the first check's: overlap of at least half of the
// shorter passage, greedy by largest overlap, one-to-one, with the claim each finding falls in.
import { describe, expect, it } from 'vitest';
import type { Status } from '@/lib/annotations/status';
import { countOutcomes, pairVerdicts, samePassage, type CheckVerdict } from '@/lib/review/pairing';

let nextId = 1;
function v(start: number, end: number, status: Status, extra: Partial<CheckVerdict> = {}): CheckVerdict {
  return { annotationId: nextId++, status, start, end, exact: `${start}-${end}`, author: { id: 1, name: 'Ana' }, ...extra };
}
const ids = (rows: ReturnType<typeof pairVerdicts>) => rows.map((r) => [r.first?.annotationId ?? null, r.second?.annotationId ?? null, r.outcome]);

describe('samePassage', () => {
  it('needs an overlap of at least half of the shorter passage', () => {
    expect(samePassage({ start: 0, end: 10 }, { start: 5, end: 30 })).toBe(true); // 5 of the shorter 10
    expect(samePassage({ start: 0, end: 10 }, { start: 6, end: 30 })).toBe(false); // 4 of 10
    expect(samePassage({ start: 0, end: 100 }, { start: 40, end: 50 })).toBe(true); // the short one inside
    expect(samePassage({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(false); // touching only
  });
});

describe('pairVerdicts', () => {
  it('pairs overlapping passages: same status agrees, another disagrees', () => {
    const a = v(0, 10, 'verified');
    const b = v(20, 30, 'verified');
    const a2 = v(1, 10, 'verified');
    const b2 = v(20, 28, 'disputed');
    expect(ids(pairVerdicts([a, b], [b2, a2]))).toEqual([
      [a.annotationId, a2.annotationId, 'agree'],
      [b.annotationId, b2.annotationId, 'disagree'],
    ]);
  });

  it('leaves passages that overlap too little to one check each, in document order', () => {
    const a = v(0, 10, 'verified');
    const b = v(6, 30, 'verified');
    expect(ids(pairVerdicts([a], [b]))).toEqual([
      [a.annotationId, null, 'only_first'],
      [null, b.annotationId, 'only_second'],
    ]);
  });

  it('matches one-to-one, the largest overlap first', () => {
    // B overlaps A by 5 and A2 by 7: it goes to A2; A is left alone.
    const a = v(0, 10, 'verified');
    const a2 = v(8, 20, 'disputed');
    const b = v(5, 15, 'disputed');
    expect(ids(pairVerdicts([a, a2], [b]))).toEqual([
      [a.annotationId, null, 'only_first'],
      [a2.annotationId, b.annotationId, 'agree'],
    ]);
    // Two second verdicts on one first passage: the closer one pairs, the other is one-sided.
    const c = v(0, 10, 'verified');
    const d = v(0, 10, 'needs_source');
    const e = v(2, 9, 'verified');
    expect(ids(pairVerdicts([c], [e, d]))).toEqual([
      [c.annotationId, d.annotationId, 'disagree'],
      [null, e.annotationId, 'only_second'],
    ]);
  });

  it('never pairs a verdict whose passage a revision removed', () => {
    const a = v(0, 10, 'verified', { placed: false });
    const b = v(0, 10, 'verified');
    expect(ids(pairVerdicts([a], [b]))).toEqual([
      [a.annotationId, null, 'only_first'],
      [null, b.annotationId, 'only_second'],
    ]);
  });

  it('attaches the check-worthy claim the finding falls in, when there is one', () => {
    const claims = [
      { start: 0, end: 40 },
      { start: 42, end: 90 },
    ];
    const rows = pairVerdicts([v(45, 60, 'verified'), v(95, 99, 'disputed')], [v(44, 58, 'verified'), v(10, 20, 'disputed')], claims);
    expect(rows.map((r) => r.claim)).toEqual([{ start: 0, end: 40 }, { start: 42, end: 90 }, null]);
    // A passage across two sentences belongs to the one it covers most.
    expect(pairVerdicts([v(30, 60, 'verified')], [], claims)[0].claim).toEqual({ start: 42, end: 90 });
  });

  it('counts outcomes and the share both checks found', () => {
    const rows = pairVerdicts([v(0, 10, 'verified'), v(20, 30, 'verified'), v(40, 50, 'verified')], [v(0, 10, 'verified'), v(20, 30, 'disputed'), v(60, 70, 'disputed')]);
    expect(countOutcomes(rows)).toEqual({ agree: 1, disagree: 1, onlyFirst: 1, onlySecond: 1, bothFound: 0.5 });
    expect(countOutcomes([])).toEqual({ agree: 0, disagree: 0, onlyFirst: 0, onlySecond: 0, bothFound: 0 });
  });
});
