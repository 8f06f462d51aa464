// Cohen's kappa on cases computed by hand, and its meaning in words (Landis & Koch).
import { describe, expect, it } from 'vitest';
import type { Status } from '@/lib/annotations/status';
import { cohensKappa, kappaMeaning } from '@/lib/review/kappa';

const repeat = (n: number, pair: [Status, Status]) => Array.from({ length: n }, () => pair);

describe('cohensKappa', () => {
  it('is 1 for total agreement over several statuses', () => {
    // pₒ = 1, pₑ = 3 × (1/3 × 1/3) = 1/3 → (1 − 1/3) / (1 − 1/3) = 1.
    expect(cohensKappa([['verified', 'verified'], ['disputed', 'disputed'], ['needs_source', 'needs_source']])).toBe(1);
  });

  it('is 0 when the checks agree exactly as often as chance would have them', () => {
    // Each side half verified, half disputed: pₑ = 0.5; they agree on 2 of 4: pₒ = 0.5 → κ = 0.
    expect(cohensKappa([['verified', 'verified'], ['verified', 'disputed'], ['disputed', 'verified'], ['disputed', 'disputed']])).toBe(0);
  });

  it('matches the textbook two-category example (κ = 0.4)', () => {
    // 50 passages: both verified 20, first verified / second disputed 5, the reverse 10, both disputed 15.
    // pₒ = 35/50 = 0.7; first verified 25/50, second 30/50: pₑ = 0.5 × 0.6 + 0.5 × 0.4 = 0.5 → κ = 0.2/0.5.
    const pairs = [...repeat(20, ['verified', 'verified']), ...repeat(5, ['verified', 'disputed']), ...repeat(10, ['disputed', 'verified']), ...repeat(15, ['disputed', 'disputed'])];
    expect(cohensKappa(pairs)).toBeCloseTo(0.4, 10);
  });

  it('uses all three statuses (κ = 57/93)', () => {
    // Rows first check, columns second (verified, disputed, needs source):
    // [4 1 0] [1 3 1] [0 0 2]; n = 12, pₒ = 9/12; margins 5,5,2 and 5,4,3: pₑ = 51/144.
    const pairs = [
      ...repeat(4, ['verified', 'verified']),
      ...repeat(1, ['verified', 'disputed']),
      ...repeat(1, ['disputed', 'verified']),
      ...repeat(3, ['disputed', 'disputed']),
      ...repeat(1, ['disputed', 'needs_source']),
      ...repeat(2, ['needs_source', 'needs_source']),
    ];
    expect(cohensKappa(pairs)).toBeCloseTo(57 / 93, 10);
  });

  it('is negative when they disagree more than chance would', () => {
    expect(cohensKappa([['verified', 'disputed'], ['disputed', 'verified']])).toBe(-1);
  });

  it('is undefined (null) with no pairs, or one and the same status on both sides', () => {
    expect(cohensKappa([])).toBeNull();
    expect(cohensKappa([['verified', 'verified'], ['verified', 'verified']])).toBeNull();
  });

  it('is not undefined when one side uses one status and the other two', () => {
    // pₑ = 1 × 0.5 = 0.5, pₒ = 0.5 → 0.
    expect(cohensKappa([['verified', 'verified'], ['verified', 'disputed']])).toBe(0);
  });
});

describe('kappaMeaning', () => {
  it('names the Landis & Koch band, bounds included in the lower band', () => {
    expect(kappaMeaning(-0.2)).toBe('less than chance agreement');
    expect(kappaMeaning(0)).toBe('slight agreement');
    expect(kappaMeaning(0.2)).toBe('slight agreement');
    expect(kappaMeaning(0.4)).toBe('fair agreement');
    expect(kappaMeaning(0.41)).toBe('moderate agreement');
    expect(kappaMeaning(57 / 93)).toBe('substantial agreement');
    expect(kappaMeaning(0.8)).toBe('substantial agreement');
    expect(kappaMeaning(0.81)).toBe('almost perfect agreement');
    expect(kappaMeaning(1)).toBe('almost perfect agreement');
    expect(kappaMeaning(null)).toMatch(/^not defined/);
  });
});
