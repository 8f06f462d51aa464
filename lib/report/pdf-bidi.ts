// Right-to-left and mixed-direction paragraphs for the PDF report: the Unicode bidi algorithm
// (bidi-js) gives each character its level; this module wraps the paragraph into lines, orders
// each line (UAX #9 L2, brackets mirrored) and cuts it into pieces — the runs of one style as they
// stand on screen, numbers and Latin words inside Arabic included — placed left to right.
// pdfkit draws a piece with fontkit, which shapes it (Arabic letters joined) and itself reverses
// the glyphs of a run whose script is right-to-left: a piece is handed over reversed when fontkit
// will reverse it back, as it stands otherwise (fontText). How the pieces are drawn so that text
// extraction reads in logical order is the caller's (lib/report/pdf.ts); this module is pure.
import bidiFactory from 'bidi-js';
import { RTL_LETTER } from '../document/direction';

const bidi = bidiFactory();

export type BaseDirection = 'ltr' | 'rtl' | 'auto';

/** A run of one style in logical order; `isolate` keeps it one left-to-right unit inside any paragraph (a reference like "[1 ✓ Verified]"). */
export interface BidiRun {
  text: string;
  style: number;
  isolate?: boolean;
}

export interface BidiPiece {
  /** What to hand to the font: in the order that, after fontkit's own reversal of right-to-left scripts, draws the glyphs left to right. */
  text: string;
  /**
   * The piece word by word, each ready for the font like `text`, at `dx` from the piece's left
   * edge: drawn one by one, each word's shaping is cached (pdfkit caches a word's layout; a
   * whole run of Arabic would be shaped anew every time).
   */
  words: { text: string; dx: number }[];
  style: number;
  /** Holds right-to-left text (mirrored brackets; an extractor reverses it back). */
  rtl: boolean;
  /** Offset from the line's left edge. */
  x: number;
  width: number;
}

export interface BidiLine {
  /** In logical order of their first characters, each with its x on screen. */
  pieces: BidiPiece[];
  width: number;
}

export interface BidiParagraph {
  lines: BidiLine[];
  /** The first line's paragraph level is right to left: align the lines right. */
  rtl: boolean;
}

/** Explicit right-to-left controls (RLM, RLE, RLO, RLI): with an RTL letter, what makes a text need this module. */
const RTL_CONTROL = /[\u200f\u202b\u202e\u2067]/u;
const hasRtl = (text: string) => RTL_LETTER.test(text) || RTL_CONTROL.test(text);

/** True when a text laid out with base direction `base` would need reordering. */
export function needsBidi(text: string, base: BaseDirection): boolean {
  return base === 'rtl' || hasRtl(text);
}

/** A character of a script: fontkit takes a run's script, and so its direction, from the first one (its layout/Script.js). */
const FIRST_SCRIPTED = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
/** The scripts fontkit shapes right to left, reversing the glyphs of the run (its layout/Script.js, RTL). */
const RTL_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Cypriot}\p{Script=Kharoshthi}\p{Script=Phoenician}\p{Script=Nko}\p{Script=Lydian}\p{Script=Avestan}\p{Script=Imperial_Aramaic}\p{Script=Inscriptional_Pahlavi}\p{Script=Inscriptional_Parthian}\p{Script=Old_South_Arabian}\p{Script=Old_Turkic}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Meroitic_Cursive}\p{Script=Meroitic_Hieroglyphs}\p{Script=Manichaean}\p{Script=Mende_Kikakui}\p{Script=Nabataean}\p{Script=Old_North_Arabian}\p{Script=Palmyrene}\p{Script=Psalter_Pahlavi}]/u;

/** Whether fontkit lays `text` out right to left, i.e. hands its glyphs back reversed. */
export function shaperReverses(text: string): boolean {
  const first = FIRST_SCRIPTED.exec(text);
  return first !== null && RTL_SCRIPT.test(first[0]);
}

const LRI = '\u2066';
const PDI = '\u2069';
const ISOLATE_CONTROL = /[\u2066-\u2069]/g;

/**
 * Wraps `runs` at `maxWidth` and orders each line. `measure` gives a piece's width in its style;
 * `fontReverses` says whether the font's shaper will reverse a text on its own (fontkit does for
 * right-to-left scripts: shaperReverses).
 */
export function layoutBidi(
  runs: BidiRun[],
  base: BaseDirection,
  maxWidth: number,
  measure: (text: string, style: number) => number,
  fontReverses: (text: string, style: number) => boolean = shaperReverses,
): BidiParagraph {
  // The paragraph as one string, with a style per UTF-16 unit (isolates wrapped in LRI … PDI).
  let full = '';
  const styleAt: number[] = [];
  for (const run of runs) {
    const text = run.isolate ? `${LRI}${run.text}${PDI}` : run.text;
    full += text;
    for (let i = 0; i < text.length; i++) styleAt.push(run.style);
  }
  const lines: BidiLine[] = [];
  let firstRtl: boolean | null = null;
  let offset = 0;
  for (const hard of full.split('\n')) {
    const levels = bidi.getEmbeddingLevels(hard, base === 'auto' ? undefined : base);
    const paragraphRtl = ((levels.paragraphs[0]?.level ?? (base === 'rtl' ? 1 : 0)) & 1) === 1;
    if (firstRtl === null) firstRtl = paragraphRtl;
    const styles = styleAt.slice(offset, offset + hard.length);
    for (const [a, b] of wrap(hard, styles, maxWidth, measure)) lines.push(orderLine(hard, styles, levels, a, b, measure, fontReverses));
    offset += hard.length + 1;
  }
  return { lines, rtl: firstRtl ?? base === 'rtl' };
}

/** Greedy wrapping at spaces (a word wider than the line is cut between characters): [start, end) per line. */
function wrap(text: string, styles: number[], maxWidth: number, measure: (text: string, style: number) => number): [number, number][] {
  if (text === '') return [[0, 0]];
  const width = (from: number, to: number) => {
    let w = 0;
    let i = from;
    while (i < to) {
      let j = i + 1;
      while (j < to && styles[j] === styles[i]) j++;
      const piece = text.slice(i, j).replace(ISOLATE_CONTROL, '');
      if (piece) w += measure(piece, styles[i]);
      i = j;
    }
    return w;
  };
  const out: [number, number][] = [];
  let lineStart = 0;
  let lineWidth = 0;
  let i = 0;
  while (i < text.length) {
    // A token: non-spaces, then its spaces.
    let j = i;
    while (j < text.length && text[j] !== ' ') j++;
    let k = j;
    while (k < text.length && text[k] === ' ') k++;
    const word = width(i, j);
    if (lineWidth > 0 && lineWidth + word > maxWidth) {
      out.push([lineStart, i]);
      lineStart = i;
      lineWidth = 0;
    }
    if (word > maxWidth && lineWidth === 0) {
      // Cut the word where it overflows, code point by code point.
      let from = i;
      let w = 0;
      for (let c = i; c < j; ) {
        const next = c + (text.codePointAt(c)! > 0xffff ? 2 : 1);
        const cw = width(c, next);
        if (w > 0 && w + cw > maxWidth) {
          out.push([from, c]);
          from = c;
          w = 0;
        }
        w += cw;
        c = next;
      }
      lineStart = from;
      lineWidth = w + width(j, k);
    } else lineWidth += word + width(j, k);
    i = k;
  }
  out.push([lineStart, text.length]);
  return out;
}

function orderLine(
  text: string,
  styles: number[],
  levels: ReturnType<typeof bidi.getEmbeddingLevels>,
  start: number,
  end: number,
  measure: (text: string, style: number) => number,
  fontReverses: (text: string, style: number) => boolean,
): BidiLine {
  // Trailing spaces take no place at the line's end (UAX #9 L1 puts them at the paragraph's level).
  let last = end;
  while (last > start && text[last - 1] === ' ') last--;
  if (last === start) return { pieces: [], width: 0 };
  const order: number[] = [];
  for (let i = start; i < last; i++) order.push(i);
  for (const [from, to] of bidi.getReorderSegments(text, levels, start, last - 1)) {
    let lo = from - start;
    let hi = to - start;
    while (lo < hi) {
      [order[lo], order[hi]] = [order[hi], order[lo]];
      lo++;
      hi--;
    }
  }
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels, start, last - 1);
  const charAt = (i: number) => mirrored.get(i) ?? text[i];
  // Visual runs: neighbours on screen of one style. Each is drawn by one call, so a style's words
  // and the numbers among them stay one piece (fewer places where an extractor can lose a space).
  const groups: number[][] = [];
  for (const i of order) {
    const g = groups[groups.length - 1];
    if (g && styles[g[0]] === styles[i]) g.push(i);
    else groups.push([i]);
  }
  const pieces: (BidiPiece & { logical: number })[] = [];
  let x = 0;
  const add = (indices: number[], lastResort = false) => {
    const visual = indices.map(charAt).join('').replace(ISOLATE_CONTROL, '');
    if (visual === '') return true;
    const style = styles[indices[0]];
    const rtl = indices.some((i) => levels.levels[i] & 1 && !(text[i] >= LRI && text[i] <= PDI));
    const text_ = fontText(visual, style, fontReverses) ?? (lastResort ? visual : null);
    if (text_ === null) return false;
    const words: BidiPiece['words'] = [];
    let width = 0;
    for (const part of visual.split(/( +)/)) {
      if (part === '') continue;
      const word = part.startsWith(' ') ? null : (fontText(part, style, fontReverses) ?? part);
      if (word !== null) words.push({ text: word, dx: width });
      width += measure(word ?? part, style);
    }
    pieces.push({ text: text_, words, style, rtl, x, width, logical: Math.min(...indices) });
    x += width;
    return true;
  };
  for (const g of groups) {
    if (add(g)) continue;
    // Latin letters ahead of Arabic ones: the shaper would take the run as left to right and join
    // the Arabic letters backwards. Draw each direction's run apart.
    let from = 0;
    for (let k = 1; k <= g.length; k++) {
      if (k === g.length || (levels.levels[g[k]] & 1) !== (levels.levels[g[from]] & 1)) {
        add(g.slice(from, k), true);
        from = k;
      }
    }
  }
  pieces.sort((p, q) => p.logical - q.logical);
  return { pieces: pieces.map(({ logical: _logical, ...p }) => p), width: x };
}

/**
 * The string that makes the font draw `visual` (a run's characters in screen order) left to right:
 * reversed when the shaper reverses it again (a right-to-left script: the Arabic letters then
 * reach the shaper in logical order, so they join), as is when it does not; null when neither
 * works (a run whose reversal starts with Latin letters but holds Arabic ones).
 */
function fontText(visual: string, style: number, fontReverses: (text: string, style: number) => boolean): string | null {
  const reversed = [...visual].reverse().join('');
  if (fontReverses(reversed, style)) return reversed;
  return hasRtl(visual) ? null : visual;
}

/** The character a right-to-left glyph stands for: a mirrored bracket is the other bracket in the text. */
export function unmirror(char: string): string {
  return bidi.getMirroredCharacter(char) ?? char;
}
