// The differences between two revisions' canonical texts: what the article's Changes view shows and
// what the carry (carry.ts) maps annotations through. Paragraphs are diffed first, then the words of
// changed paragraphs, then the characters of changed words: a 600,000-character article lightly
// edited takes a fraction of a second, where one character diff of the whole would take minutes.
import DiffMatchPatch from 'diff-match-patch';

export type DiffOp = 'equal' | 'insert' | 'delete';
export interface DiffSegment {
  op: DiffOp;
  text: string;
}

type Diff = [number, string];
const DELETE = DiffMatchPatch.DIFF_DELETE;
const INSERT = DiffMatchPatch.DIFF_INSERT;
const EQUAL = DiffMatchPatch.DIFF_EQUAL;
const OP_NAME: Record<number, DiffOp> = { [DELETE]: 'delete', [INSERT]: 'insert', [EQUAL]: 'equal' };

/**
 * Time for the character-level diff of one changed region, and for the whole diff. Past its budget
 * diff-match-patch returns a coarser diff (the region deleted and re-inserted whole): still a
 * correct diff, only a less detailed one, and the carry then keeps fewer annotations but misplaces
 * none. Ordinary revisions finish in a small fraction of this; a wholesale rewrite can reach it.
 */
const REGION_TIMEOUT_MS = 500;
const TOTAL_TIMEOUT_MS = 2_000;

/** Human-readable differences between two canonical texts (for the Changes view and the re-check panel). */
export function diffTexts(oldText: string, newText: string): DiffSegment[] {
  const dmp = new DiffMatchPatch();
  dmp.Diff_Timeout = REGION_TIMEOUT_MS / 1000;
  const deadline = Date.now() + TOTAL_TIMEOUT_MS;

  // Paragraph level: every line (a paragraph, or the empty line of a "\n\n" separator) becomes one
  // character. The empty separator lines keep an edited paragraph its own region, so no region's
  // finer diff has to span the article.
  const { chars1, chars2, lineArray } = dmp.diff_linesToChars_(oldText, newText);
  const lineDiffs = dmp.diff_main(chars1, chars2, false, deadline);
  dmp.diff_charsToLines_(lineDiffs, lineArray);

  const diffs: Diff[] = [];
  let deleted = '';
  let inserted = '';
  const flushRegion = () => {
    if (deleted && inserted) {
      for (const d of diffRegion(dmp, deleted, inserted, Math.min(deadline, Date.now() + REGION_TIMEOUT_MS))) diffs.push(d);
    } else if (deleted) diffs.push([DELETE, deleted]);
    else if (inserted) diffs.push([INSERT, inserted]);
    deleted = inserted = '';
  };
  for (const [op, text] of lineDiffs) {
    if (op === DELETE) deleted += text;
    else if (op === INSERT) inserted += text;
    else {
      flushRegion();
      diffs.push([EQUAL, text]);
    }
  }
  flushRegion();
  // Cleanup ran per region: diff-match-patch's cleanups splice the array and grow quadratic on the
  // thousands of segments of a long article, and an edit spanning two paragraphs reads worse anyway.
  return toSegments(keepSurrogatePairs(diffs));
}

/**
 * One changed region (deleted and inserted paragraphs between unchanged ones): words first, then
 * characters inside each changed run of words, so a heavily edited paragraph costs what its edits
 * cost, not its length times them.
 */
function diffRegion(dmp: DiffMatchPatch, deleted: string, inserted: string, deadline: number): Diff[] {
  const words = diffWords(dmp, deleted, inserted, deadline);
  let diffs: Diff[];
  if (!words) diffs = dmp.diff_main(deleted, inserted, false, deadline);
  else {
    diffs = [];
    let del = '';
    let ins = '';
    const flushEdit = () => {
      if (del && ins) for (const d of dmp.diff_main(del, ins, false, deadline)) diffs.push(d);
      else if (del) diffs.push([DELETE, del]);
      else if (ins) diffs.push([INSERT, ins]);
      del = ins = '';
    };
    for (const [op, text] of words) {
      if (op === DELETE) del += text;
      else if (op === INSERT) ins += text;
      else {
        flushEdit();
        diffs.push([EQUAL, text]);
      }
    }
    flushEdit();
    dmp.diff_cleanupMerge(diffs);
  }
  // Semantic cleanup folds the short coincidental equalities a character diff finds inside
  // rewritten text ("e", " the ") into the edit around them, for readers and for the carry.
  dmp.diff_cleanupSemantic(diffs);
  return diffs;
}

/** A diff of whole words (each word one character to diff-match-patch); null past 65,535 distinct words. */
function diffWords(dmp: DiffMatchPatch, a: string, b: string, deadline?: number): Diff[] | null {
  const tokens: string[] = [];
  const tokenIndex = new Map<string, number>();
  const encode = (text: string): string | null => {
    let chars = '';
    for (const token of text.match(WORD_TOKEN) ?? []) {
      let index = tokenIndex.get(token);
      if (index === undefined) {
        if (tokens.length >= 0xffff) return null;
        index = tokens.length;
        tokens.push(token);
        tokenIndex.set(token, index);
      }
      chars += String.fromCharCode(index);
    }
    return chars;
  };
  const chars1 = encode(a);
  const chars2 = chars1 === null ? null : encode(b);
  if (chars1 === null || chars2 === null) return null;
  const diffs = dmp.diff_main(chars1, chars2, false, deadline);
  return diffs.map(([op, chars]) => [op, Array.from(chars, (c) => tokens[c.charCodeAt(0)]).join('')]);
}

/**
 * A word-by-word diff of two short strings: an annotation's old quote against the text it now
 * covers, for the details panel ("fell" → "rose" rather than "f" → "ros", "e", "ll").
 */
export function diffPassage(oldExact: string, newExact: string): DiffSegment[] {
  const dmp = new DiffMatchPatch();
  const diffs = diffWords(dmp, oldExact, newExact) ?? dmp.diff_main(oldExact, newExact, false);
  dmp.diff_cleanupSemantic(diffs);
  return toSegments(keepSurrogatePairs(diffs));
}

/** A word (letters, marks, digits, joined by an inner apostrophe, point or comma: "Assad’s", "3,000.5"), a whitespace run, or one character. */
const WORD_TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’.,][\p{L}\p{M}\p{N}]+)*|\s+|./gsu;

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * diff-match-patch compares UTF-16 units, so a prefix or suffix it shares can end inside a
 * surrogate pair ("😀" and "😁" share their first unit). Such a half belongs with the edit next to
 * it: a high surrogate ending an equality moves to the start of the following deletion and
 * insertion, a low surrogate starting one to the end of the preceding ones.
 */
function keepSurrogatePairs(input: Diff[]): Diff[] {
  const diffs = mergeNeighbours(input);
  const out: Diff[] = [];
  let deleted = '';
  let inserted = '';
  const flushEdit = () => {
    if (deleted) out.push([DELETE, deleted]);
    if (inserted) out.push([INSERT, inserted]);
    deleted = inserted = '';
  };
  for (let i = 0; i < diffs.length; i++) {
    const [op, text] = diffs[i];
    if (op === DELETE) deleted += text;
    else if (op === INSERT) inserted += text;
    else {
      let equal = text;
      if (equal && (deleted || inserted) && isLow(equal.charCodeAt(0))) {
        deleted += equal[0];
        inserted += equal[0];
        equal = equal.slice(1);
      }
      let high = '';
      if (equal && i < diffs.length - 1 && isHigh(equal.charCodeAt(equal.length - 1))) {
        high = equal[equal.length - 1];
        equal = equal.slice(0, -1);
      }
      if (equal) {
        flushEdit();
        out.push([EQUAL, equal]);
      }
      deleted += high;
      inserted += high;
    }
  }
  flushEdit();
  return out;
}

/** Adjacent equalities joined, and the deletions and insertions between two equalities joined into one of each (deletion first). */
function mergeNeighbours(diffs: Diff[]): Diff[] {
  const out: Diff[] = [];
  let deleted = '';
  let inserted = '';
  for (const [op, text] of diffs) {
    if (op === DELETE) deleted += text;
    else if (op === INSERT) inserted += text;
    else if (text) {
      if (deleted) out.push([DELETE, deleted]);
      if (inserted) out.push([INSERT, inserted]);
      if (!deleted && !inserted && out.length > 0 && out[out.length - 1][0] === EQUAL) out[out.length - 1][1] += text;
      else out.push([EQUAL, text]);
      deleted = inserted = '';
    }
  }
  if (deleted) out.push([DELETE, deleted]);
  if (inserted) out.push([INSERT, inserted]);
  return out;
}

function toSegments(diffs: Diff[]): DiffSegment[] {
  const segments: DiffSegment[] = [];
  for (const [op, text] of diffs) if (text) segments.push({ op: OP_NAME[op], text });
  return segments;
}
