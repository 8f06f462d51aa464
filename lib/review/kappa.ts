// Cohen's kappa: how far two checks agree on the status of the passages both found, beyond what
// chance alone would give them, and what that figure means in words (Landis & Koch, 1977).
import { STATUSES, type Status } from '../annotations/status';

/**
 * κ = (pₒ − pₑ) / (1 − pₑ) over paired statuses (first check, second check): pₒ is the share of
 * pairs with the same status, pₑ the share expected by chance from each side's own mix of
 * statuses. Null when it is undefined: no pairs, or both sides used one and the same status only
 * (pₑ = 1).
 */
export function cohensKappa(pairs: readonly (readonly [Status, Status])[]): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const first = new Map<Status, number>();
  const second = new Map<Status, number>();
  let same = 0;
  for (const [a, b] of pairs) {
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
    if (a === b) same++;
  }
  const observed = same / n;
  const chance = STATUSES.reduce((sum, s) => sum + ((first.get(s) ?? 0) / n) * ((second.get(s) ?? 0) / n), 0);
  if (chance >= 1) return null;
  return (observed - chance) / (1 - chance);
}

/** Landis & Koch's bands, upper bound included: κ ≤ 0.20 is slight, ≤ 0.40 fair, and so on. */
const BANDS: readonly [number, string][] = [
  [0.2, 'slight'],
  [0.4, 'fair'],
  [0.6, 'moderate'],
  [0.8, 'substantial'],
];

/** The kappa in words for people, e.g. "moderate agreement" (Landis & Koch). */
export function kappaMeaning(kappa: number | null): string {
  if (kappa === null) return 'not defined: too few passages both checks found, or a single status on both sides';
  if (kappa < 0) return 'less than chance agreement';
  const band = BANDS.find(([upTo]) => kappa <= upTo + 1e-9);
  return `${band ? band[1] : 'almost perfect'} agreement`;
}
