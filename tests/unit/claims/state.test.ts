import { describe, expect, it } from 'vitest';
import { claimStates, type ClaimBase, type ClaimDismissalRef, type VerdictRef } from '@/lib/claims/state';

const claims: ClaimBase[] = [
  { start: 0, end: 100, text: 'a', reasons: ['figure'] },
  { start: 102, end: 150, text: 'b', reasons: ['quotation'] },
  { start: 152, end: 200, text: 'c', reasons: ['causal'] },
];
const verdict = (id: number, start: number | null, end: number | null, state: VerdictRef['anchor']['state'] = 'unchanged'): VerdictRef => ({ id, start, end, anchor: { state } });
const dismissal = (id: number, start: number, end: number): ClaimDismissalRef => ({ id, start, end, by: { id: 7, name: 'Dana' }, at: '2026-01-01T00:00:00.000Z' });

describe('claimStates', () => {
  it('is unchecked without verdicts or dismissals', () => {
    const { claims: out, coverage } = claimStates(claims, [], []);
    expect(out.map((c) => c.state)).toEqual(['unchecked', 'unchecked', 'unchecked']);
    expect(coverage).toEqual({ checkWorthy: 3, checked: 0, dismissed: 0 });
  });

  it('is checked when one verdict covers at least half of the sentence (2 × overlap ≥ length)', () => {
    const exactlyHalf = claimStates(claims, [verdict(1, 50, 100)], []);
    expect(exactlyHalf.claims[0]).toMatchObject({ state: 'checked', annotationIds: [1] });
    const justUnder = claimStates(claims, [verdict(1, 51, 100)], []);
    expect(justUnder.claims[0]).toMatchObject({ state: 'unchecked', annotationIds: [] });
  });

  it('does not add up several verdicts that each cover less than half', () => {
    const { claims: out } = claimStates(claims, [verdict(1, 0, 40), verdict(2, 40, 80)], []);
    expect(out[0].state).toBe('unchecked');
  });

  it('counts one verdict spanning several sentences for each it covers enough of', () => {
    const { claims: out, coverage } = claimStates(claims, [verdict(5, 40, 170)], []);
    expect(out.map((c) => [c.state, c.annotationIds])).toEqual([
      ['checked', [5]],
      ['checked', [5]],
      ['unchecked', []],
    ]);
    expect(coverage.checked).toBe(2);
  });

  it('ignores verdicts a revision made stale or removed; moved ones still count', () => {
    const { claims: out } = claimStates(claims, [verdict(1, 0, 100, 'changed'), verdict(2, null, null, 'removed'), verdict(3, 102, 150, 'moved')], []);
    expect(out.map((c) => c.state)).toEqual(['unchecked', 'checked', 'unchecked']);
  });

  it('is dismissed when an active dismissal has its offsets; a verdict outranks it', () => {
    const { claims: out, coverage } = claimStates(claims, [verdict(1, 102, 150)], [dismissal(9, 152, 200), dismissal(10, 102, 150), dismissal(11, 0, 99)]);
    expect(out[0].state).toBe('unchecked');
    expect(out[1]).toMatchObject({ state: 'checked' });
    expect(out[1].dismissal).toBeUndefined();
    expect(out[2]).toMatchObject({ state: 'dismissed', dismissal: { id: 9, by: { id: 7, name: 'Dana' } } });
    expect(coverage).toEqual({ checkWorthy: 3, checked: 1, dismissed: 1 });
  });
});
