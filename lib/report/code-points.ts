// Code-point addressing of a plain string, for the report builders: annotation offsets count
// Unicode code points (lib/document/canonical-text.ts) while JavaScript strings index UTF-16 units.
// One pass records where the astral characters are; each lookup is then a binary search, so a
// report with n annotations never rescans the article text per annotation.

export class CodePointText {
  /** UTF-16 index of every astral (surrogate-pair) character, ascending. */
  private readonly astralUnits: number[] = [];
  /** Length in code points. */
  readonly length: number;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          this.astralUnits.push(i);
          i++;
        }
      }
    }
    this.length = text.length - this.astralUnits.length;
  }

  /** UTF-16 index of a code-point offset (clamped to the text). */
  unit(cp: number): number {
    const clamped = Math.max(0, Math.min(this.length, Math.trunc(cp)));
    // unit = cp + number of astral characters that start before code point cp.
    let lo = 0;
    let hi = this.astralUnits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astralUnits[mid] - mid < clamped) lo = mid + 1;
      else hi = mid;
    }
    return clamped + lo;
  }

  /** The text between two code-point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.unit(start), this.unit(end));
  }
}

/** Number of code points in a string (an unpaired surrogate counts as one). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
