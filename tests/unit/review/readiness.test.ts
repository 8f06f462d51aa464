// What blocks a sign-off: each rule on its own, with the link to the passage it is about.
import { describe, expect, it } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/types';
import { blockingItems, quoteOf, type ReadinessInput } from '@/lib/review/readiness';

type Verdict = ReadinessInput['annotations'][number];
function verdict(id: number, over: Partial<Verdict> = {}): Verdict {
  return { id, status: 'verified', note: '', sources: [], exact: `passage ${id}`, anchor: { revision: 1, state: 'unchanged' } as AnnotationDto['anchor'], ...over };
}
const ready: ReadinessInput = { claims: [], annotations: [], secondCheck: null, openPairs: [] };
const user = { id: 9, name: 'Bea Second' };

describe('blockingItems', () => {
  it('is empty when everything is checked, evidenced and decided', () => {
    const input: ReadinessInput = {
      claims: [
        { start: 0, end: 10, text: 'A claim.', state: 'checked' },
        { start: 12, end: 20, text: 'Another.', state: 'dismissed' },
      ],
      annotations: [verdict(1), verdict(2, { status: 'disputed', note: 'Wrong figure.' }), verdict(3, { status: 'needs_source', sources: [{ url: 'https://x.example', title: null }] }), verdict(4, { anchor: { revision: 2, state: 'moved' } })],
      secondCheck: { reviewer: user, doneAt: '2026-01-01T00:00:00.000Z' },
      openPairs: [],
    };
    expect(blockingItems(input)).toEqual([]);
  });

  it('lists unchecked claims with their offsets', () => {
    const items = blockingItems({ ...ready, claims: [{ start: 5, end: 30, text: 'Exports rose 40% in 2023.', state: 'unchecked' }] });
    expect(items).toEqual([{ kind: 'unchecked_claim', message: 'Check-worthy claim not checked or dismissed: “Exports rose 40% in 2023.”', start: 5, end: 30 }]);
  });

  it('lists verdicts a revision changed or removed, by annotation id', () => {
    const items = blockingItems({ ...ready, annotations: [verdict(1, { anchor: { revision: 2, state: 'changed' } }), verdict(2, { anchor: { revision: 2, state: 'removed' } })] });
    expect(items.map((i) => [i.kind, i.annotationId])).toEqual([
      ['needs_recheck', 1],
      ['needs_recheck', 2],
    ]);
    expect(items[1].message).toMatch(/removed by a revision/);
  });

  it('lists disputed and needs-source verdicts with neither a note nor a source', () => {
    const items = blockingItems({ ...ready, annotations: [verdict(1, { status: 'disputed' }), verdict(2, { status: 'needs_source', note: '   ' }), verdict(3)] });
    expect(items.map((i) => [i.kind, i.annotationId])).toEqual([
      ['missing_evidence', 1],
      ['missing_evidence', 2],
    ]);
    expect(items[0].message).toBe('Disputed verdict has neither a note nor a source: “passage 1”');
  });

  it('lists a pending second check and every undecided row of a finished one', () => {
    const v = (annotationId: number, status: 'verified' | 'disputed') => ({ annotationId, status, start: 0, end: 5, exact: `p${annotationId}`, author: user });
    const items = blockingItems({
      ...ready,
      secondCheck: { reviewer: user, doneAt: null },
      openPairs: [
        { first: v(1, 'verified'), second: v(2, 'disputed'), outcome: 'disagree' },
        { first: null, second: v(3, 'verified'), outcome: 'only_second' },
      ],
    });
    expect(items).toEqual([
      { kind: 'second_check_pending', message: 'The independent second check by Bea Second is not finished yet.' },
      { kind: 'unadjudicated', message: 'Disagreement (Verified / Disputed), not adjudicated: “p1”', annotationId: 1 },
      { kind: 'unadjudicated', message: 'Found by the second check only, not adjudicated: “p3”', annotationId: 3 },
    ]);
  });
});

describe('quoteOf', () => {
  it('cuts long passages by code points and flattens white space', () => {
    expect(quoteOf('a\n\nb')).toBe('“a b”');
    expect(quoteOf('😀'.repeat(100), 10)).toBe(`“${'😀'.repeat(9)}…”`);
  });
});
