// Property tests of the annotation API's offsets and quotes (issue 9, hostile input): over random
// Unicode text — astral characters, combining marks, lone surrogates, right-to-left overrides,
// "\n\n" block breaks — CanonicalText must agree with the code-point view `[...text]`, and
// checkNewAnnotation must accept exactly the in-range, non-blank ranges, quote them exactly, and
// refuse any other range or a client quote that differs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNewAnnotation } from '@/lib/annotations/input';
import { STATUSES } from '@/lib/annotations/status';
import { CanonicalText } from '@/lib/document/canonical-text';

const CONTEXT = 32;

/** Pieces the text is built from, chosen to hit every way code points and UTF-16 units differ. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom(' ', '  ', '\n', '\n\n', '\t', '\u00a0', '\u2003') },
  // Astral: emoji, a flag (two regional indicators), mathematical letters, an emoji ZWJ sequence.
  { weight: 3, arbitrary: fc.constantFrom('😀', '🇸🇾', '𝒳', '𝔸𝔹', '👩‍🔬', '𠜎') },
  // Combining marks, decomposed and precomposed accents, Arabic and Hebrew with marks.
  { weight: 2, arbitrary: fc.constantFrom('e\u0301', 'é', 'a\u0308\u0323', 'بِسْمِ', 'שָׁלוֹם', '\u0301') },
  // Lone surrogates, high and low: each is one code point, as in [...text].
  { weight: 2, arbitrary: fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\ud83d') },
  // Bidirectional controls and other invisible characters.
  { weight: 1, arbitrary: fc.constantFrom('\u202e', '\u202d', '\u2066', '\u200f', '\u200b', '\ufeff') },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }) },
);
const text = fc.array(piece, { minLength: 0, maxLength: 40 }).map((parts) => parts.join(''));

/** A text with a range of code-point offsets inside it (possibly empty). */
const textWithRange = text.chain((t) => {
  const n = [...t].length;
  return fc.tuple(fc.constant(t), fc.nat({ max: n }), fc.nat({ max: n })).map(([s, a, b]) => ({ text: s, start: Math.min(a, b), end: Math.max(a, b) }));
});

const status = fc.constantFrom(...STATUSES);
const RUNS = { numRuns: 400 };

const cps = (t: string) => [...t];
/** An equality check cheap enough for inner loops (expect() per offset would dominate the run time). */
function same<T>(actual: T, expected: T, what: string) {
  if (actual !== expected) throw new Error(`${what}: ${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`);
}
const cpSlice = (t: string, start: number, end: number) => cps(t).slice(start, end).join('');

describe('CanonicalText against [...text]', () => {
  it('has the code-point length, and slices as the code-point array does', () => {
    fc.assert(
      fc.property(textWithRange, ({ text: t, start, end }) => {
        const ct = new CanonicalText(t);
        same(ct.length, cps(t).length, 'length');
        same(ct.slice(start, end), cpSlice(t, start, end), `slice(${start}, ${end})`);
        // Slices that meet put the text back together.
        same(ct.slice(0, start) + ct.slice(start, end) + ct.slice(end, ct.length), t, 'slices joined');
      }),
      RUNS,
    );
  });

  it('maps every offset to its UTF-16 unit and back', () => {
    fc.assert(
      fc.property(text, (t) => {
        const ct = new CanonicalText(t);
        let unitAt = 0;
        const chars = cps(t);
        for (let o = 0; o <= ct.length; o++) {
          same(ct.unitFromOffset(o), unitAt, `unitFromOffset(${o})`);
          same(ct.offsetFromUnit(unitAt), o, `offsetFromUnit(${unitAt})`);
          unitAt += chars[o]?.length ?? 0;
        }
        // Outside the text, offsets are clamped to it.
        expect(ct.unitFromOffset(-3)).toBe(0);
        expect(ct.unitFromOffset(ct.length + 3)).toBe(t.length);
      }),
      RUNS,
    );
  });

  it('snaps a UTF-16 unit inside a surrogate pair to the pair’s start, never splitting it', () => {
    fc.assert(
      fc.property(text, (t) => {
        const ct = new CanonicalText(t);
        const secondHalves = secondUnitsOfPairs(t);
        for (let u = 0; u <= t.length; u++) same(ct.unitFromOffset(ct.offsetFromUnit(u)), secondHalves.has(u) ? u - 1 : u, `unit ${u}`);
      }),
      RUNS,
    );
  });

  it('quotes a range: exact text plus up to 32 code points of context each side', () => {
    fc.assert(
      fc.property(textWithRange, ({ text: t, start, end }) => {
        const q = new CanonicalText(t).quote(start, end);
        const n = cps(t).length;
        expect(q).toEqual({
          exact: cpSlice(t, start, end),
          prefix: cpSlice(t, Math.max(0, start - CONTEXT), start),
          suffix: cpSlice(t, end, Math.min(n, end + CONTEXT)),
        });
      }),
      RUNS,
    );
  });
});

/** UTF-16 indices of the second unit of every surrogate pair, pairs read left to right as [...text] does. */
function secondUnitsOfPairs(t: string): Set<number> {
  const out = new Set<number>();
  let u = 0;
  for (const c of t) {
    if (c.length === 2) out.add(u + 1);
    u += c.length;
  }
  return out;
}

describe('checkNewAnnotation over random text', () => {
  it('accepts any in-range range with non-whitespace text and quotes it exactly; refuses empty or blank ones with 422', () => {
    fc.assert(
      fc.property(textWithRange, status, ({ text: t, start, end }, s) => {
        const exact = cpSlice(t, start, end);
        const result = checkNewAnnotation(new CanonicalText(t), { start, end, status: s });
        if (start < end && exact.trim() !== '') {
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(result.value).toMatchObject({ start, end, status: s, exact, note: '', sources: [] });
          expect(result.value.exact).toBe(cps(t).slice(start, end).join(''));
          expect(result.value.prefix).toBe(cpSlice(t, Math.max(0, start - CONTEXT), start));
          expect(result.value.suffix).toBe(cpSlice(t, end, end + CONTEXT));
          // The client's own copy of the same quote is accepted too.
          expect(checkNewAnnotation(new CanonicalText(t), { start, end, status: s, exact }).ok).toBe(true);
        } else {
          expect(result).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
        }
      }),
      RUNS,
    );
  });

  it('refuses a range of only whitespace (spaces, block breaks, no-break and ideographic spaces, BOM) with 422', () => {
    const blank = fc.array(fc.constantFrom(' ', '\t', '\n', '\n\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028'), { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, blank, text, status, (left, ws, right, s) => {
        const start = cps(left).length;
        const result = checkNewAnnotation(new CanonicalText(left + ws + right), { start, end: start + cps(ws).length, status: s });
        expect(result).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
      }),
      RUNS,
    );
  });

  it('refuses offsets outside the text with 422', () => {
    const outside = text.chain((t) => {
      const n = [...t].length;
      return fc.oneof(
        fc.tuple(fc.integer({ min: -1_000_000, max: -1 }), fc.integer({ min: 0, max: n + 5 })),
        fc.tuple(fc.integer({ min: 0, max: n }), fc.integer({ min: n + 1, max: n + 1_000_000 })),
        fc.tuple(fc.integer({ min: n + 1, max: Number.MAX_SAFE_INTEGER - 1 }), fc.constant(Number.MAX_SAFE_INTEGER)),
        fc.tuple(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: -1 }), fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: -1 })),
      ).map(([start, end]) => ({ text: t, start, end }));
    });
    fc.assert(
      fc.property(outside, status, ({ text: t, start, end }, s) => {
        const result = checkNewAnnotation(new CanonicalText(t), { start, end, status: s });
        expect(result).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
      }),
      RUNS,
    );
  });

  it('refuses start ≥ end with 422, also inside the text', () => {
    fc.assert(
      fc.property(textWithRange, status, ({ text: t, start, end }, s) => {
        // Reversed: the larger offset first (or both the same).
        expect(checkNewAnnotation(new CanonicalText(t), { start: end, end: start, status: s })).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
        if (start === end) return;
        expect(checkNewAnnotation(new CanonicalText(t), { start: end, end, status: s })).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
      }),
      RUNS,
    );
  });

  it('refuses a client quote that differs from the text at the offsets with 422, naming both', () => {
    const differing = textWithRange
      .filter(({ text: t, start, end }) => start < end && cpSlice(t, start, end).trim() !== '')
      .chain((r) => {
        const exact = cpSlice(r.text, r.start, r.end);
        const units = exact.length;
        return fc
          .oneof(
            // Edited by a random string somewhere.
            fc.tuple(fc.nat({ max: units }), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 })).map(([at, s]) => exact.slice(0, at) + s + exact.slice(at)),
            // One UTF-16 unit short at either end: splits a surrogate pair when there is one.
            fc.constant(exact.slice(1)),
            fc.constant(exact.slice(0, -1)),
            // What a client counting UTF-16 units would quote at the same numbers.
            fc.constant(r.text.slice(r.start, r.end)),
            // Another Unicode normalisation, a right-to-left override, a zero-width space.
            fc.constant(exact.normalize('NFC')),
            fc.constant(exact.normalize('NFD')),
            fc.constant(`\u202e${exact}`),
            fc.constant(`${exact}\u200b`),
            fc.constant(exact.toUpperCase()),
          )
          .filter((sent) => sent !== exact)
          .map((sent) => ({ ...r, exact, sent }));
      });
    fc.assert(
      fc.property(differing, status, ({ text: t, start, end, exact, sent }, s) => {
        const result = checkNewAnnotation(new CanonicalText(t), { start, end, status: s, exact: sent });
        expect(result).toEqual({ ok: false, error: { code: 'unprocessable', message: expect.any(String), details: { sent, atOffsets: exact } } });
      }),
      RUNS,
    );
  });

  it('refuses an unknown status with 422 whatever the range', () => {
    const notStatus = fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !(STATUSES as readonly string[]).includes(s));
    fc.assert(
      fc.property(textWithRange, notStatus, ({ text: t, start, end }, s) => {
        expect(checkNewAnnotation(new CanonicalText(t), { start, end, status: s })).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
      }),
      RUNS,
    );
  });
});
