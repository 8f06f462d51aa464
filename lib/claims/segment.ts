// Splits a canonical text (lib/document/canonical-text.ts) into sentences: the units claims are
// made of. Intl.Segmenter finds the breaks inside each textblock — never across the "\n\n" between
// blocks, so a heading is always its own unit — and the splits it makes after an abbreviation
// ("Mr.", "U.S.", "No. 10") or before an attribution (“Why?” she asked) are joined back.
import { BLOCK_SEPARATOR } from '../document/canonical-text';

/** A sentence: code-point offsets into the canonical text, without surrounding white space. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/** Abbreviations that precede a name (titles, ranks, "St." for Saint), so never end a sentence; lower-case. */
const BEFORE_NAME = new Set(
  'mr mrs ms mx dr prof gen sen rep gov lt col capt sgt cpl adm maj cmdr rev fr hon pres supt insp det st mt vs v cf approx ca'.split(' '),
);

/** Abbreviations that end no sentence when a number follows ("No. 10", "Jan. 5", "Fig. 2"); lower-case. */
const BEFORE_NUMBER = new Set('no nos vol fig figs art pp p sec ch para jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '));

/** Words that begin a new sentence after an initialism ("…in the U.S. The next day…"), lower-case. */
const SENTENCE_OPENERS = new Set(
  (
    'the a an it its he she they we i you this that these those there here his her their our my ' +
    'but and or so yet however meanwhile still then now in on at for after before when while if ' +
    'as since although though because what who why how where some many most all both each one ' +
    'officials analysts critics experts'
  ).split(' '),
);

/** The last word of a segment, when it ends in a full stop: "Mr." → "mr", "U.S." → "u.s". */
const FINAL_ABBREVIATION = /(?:^|[\s(“"‘'])([\p{L}.]*\p{L})\.[”"’')\]]*\s*$/u;
/** An initialism (U.S., D.C., e.g.) or a single initial (John F. Kennedy). */
const INITIALISM = /^(?:\p{L}\.)*\p{L}$/u;
const FIRST_WORD = /^[\s“"‘'(]*([\p{L}\p{N}]+)/u;

/** Whether the break after `before` is not a sentence end, given what follows. */
function continues(segment: string, after: string): boolean {
  // Only the end of the segment before matters (and a regex anchored at the end still scans from the start).
  const before = segment.length > 40 ? segment.slice(-40) : segment;
  // A line break inside a block (hard break) always ends a unit.
  if (/\n\s*$/.test(before)) return false;
  const next = FIRST_WORD.exec(after)?.[1];
  if (!next) return false;
  // “Is it true?” she asked. — a lower-case start continues the sentence before it.
  if (/^\p{Ll}/u.test(next)) return true;
  const word = FINAL_ABBREVIATION.exec(before)?.[1];
  if (!word) return false;
  const lower = word.toLowerCase();
  if (BEFORE_NAME.has(lower)) return true;
  if (BEFORE_NUMBER.has(lower) && /^\p{N}/u.test(next)) return true;
  // "U.S. Army", "J. Smith": an initialism is followed by the rest of a name, unless a word that
  // opens sentences comes next ("…in the U.S. The next day…").
  if (INITIALISM.test(word) && word.length <= 7 && /^\p{Lu}/u.test(word)) return !SENTENCE_OPENERS.has(next.toLowerCase());
  return false;
}

/** Above this many UTF-16 units a block is segmented in pieces: V8's Segmenter is quadratic in a long string. */
const CHUNK_UNITS = 2000;
const CHUNK_BREAK = /[.!?…][”"’')\]]*\s+/g;

/** Pieces of a long block that end at a likely sentence end (the Segmenter re-splits each piece). */
function chunks(block: string): [number, number][] {
  if (block.length <= CHUNK_UNITS) return [[0, block.length]];
  const out: [number, number][] = [];
  let start = 0;
  CHUNK_BREAK.lastIndex = CHUNK_UNITS;
  for (let m = CHUNK_BREAK.exec(block); m; m = CHUNK_BREAK.exec(block)) {
    const end = m.index + m[0].length;
    out.push([start, end]);
    start = end;
    CHUNK_BREAK.lastIndex = Math.min(block.length, start + CHUNK_UNITS);
  }
  if (start < block.length) out.push([start, block.length]);
  return out;
}

let segmenter: Intl.Segmenter | undefined;

/** Sentence spans (UTF-16, relative to the block) of one textblock, abbreviations joined back. */
function blockSentences(block: string): [number, number][] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  const spans: [number, number][] = [];
  for (const [from, to] of chunks(block)) {
    for (const s of segmenter.segment(block.slice(from, to))) {
      const start = from + s.index;
      const end = start + s.segment.length;
      const last = spans[spans.length - 1];
      if (last && last[1] === start && continues(block.slice(last[0], last[1]), s.segment)) last[1] = end;
      else spans.push([start, end]);
    }
  }
  return spans;
}

/** Counts code points of `text` from UTF-16 unit `from` to `to` (astral characters count once). */
function codePoints(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The sentences of a canonical text in order, offsets in code points. */
export function segmentSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  // Walk the text once, keeping the code-point offset of the UTF-16 position `unit`.
  let unit = 0;
  let cp = 0;
  const advance = (to: number) => {
    cp += codePoints(text, unit, to);
    unit = to;
  };
  let blockStart = 0;
  while (blockStart <= text.length) {
    const sep = text.indexOf(BLOCK_SEPARATOR, blockStart);
    const blockEnd = sep === -1 ? text.length : sep;
    const block = text.slice(blockStart, blockEnd);
    for (const [s, e] of blockSentences(block)) {
      const raw = block.slice(s, e);
      const lead = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      if (!trimmed) continue;
      advance(blockStart + s + lead);
      const start = cp;
      advance(blockStart + s + lead + trimmed.length);
      out.push({ start, end: cp, text: trimmed });
    }
    if (sep === -1) break;
    blockStart = sep + BLOCK_SEPARATOR.length;
  }
  return out;
}
