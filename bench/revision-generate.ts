// Synthetic revisions of a generated article, with the origin of every character: for each
// character of the new text, the offset of the old character it was carried from (or -1 for
// new text). That origin map is the ground truth the revisions suite scores annotation carries
// against, so an edit here must keep it exact: a token is either wholly old (contiguous origin)
// or wholly new, and a separator keeps its origin only when its two neighbours are still neighbours.
import { BLOCK_SEPARATOR } from '../lib/document/canonical-text';
import { REMOVED_BELOW_SHARE } from '../lib/revisions/types';
import { intBetween, pick, prng, type Random } from './generate';

interface Token {
  text: string;
  /** Old offset of text[0]; -1 for new text. */
  origin: number;
  /** Joined to the previous token without a space (the sentence's final period). */
  glue: boolean;
}
type Sentence = Token[];
interface Block {
  sentences: Sentence[];
}

/** What one revision did, for the report. */
export interface EditCounts {
  sentences: number;
  edited: number;
  sentencesDeleted: number;
  sentencesReplaced: number;
  sentencesInserted: number;
  sentencesRewritten: number;
  wordsReplaced: number;
  wordsInserted: number;
  wordsDeleted: number;
  paragraphsDeleted: number;
  paragraphsMoved: number;
}

export interface Revision {
  text: string;
  /** origin[i]: the old offset new character i came from, or -1 (inserted). ASCII, so offsets are code points. */
  origin: Int32Array;
  edits: EditCounts;
}

function parse(text: string): Block[] {
  const blocks: Block[] = [];
  let offset = 0;
  for (const blockText of text.split(BLOCK_SEPARATOR)) {
    const sentences: Sentence[] = [];
    // Sentences end with "." followed by a space (the generator's numbers have no period); a
    // heading is one sentence without a period.
    for (const m of blockText.matchAll(/[^ ][^.]*?(?:\.(?= |$)|$)/g)) {
      const at = offset + m.index!;
      const tokens: Token[] = [];
      for (const w of m[0].matchAll(/[^ ]+/g)) {
        let word = w[0];
        const start = at + w.index!;
        const period = word.endsWith('.');
        if (period) word = word.slice(0, -1);
        if (word) tokens.push({ text: word, origin: start, glue: false });
        if (period) tokens.push({ text: '.', origin: start + word.length, glue: true });
      }
      if (tokens.length) sentences.push(tokens);
    }
    blocks.push({ sentences });
    offset += blockText.length + BLOCK_SEPARATOR.length;
  }
  return blocks;
}

/** The new text and its origin map; a separator keeps its origin only between old neighbours. */
function render(blocks: Block[], oldText: string): { text: string; origin: Int32Array } {
  const parts: string[] = [];
  const origins: number[] = [];
  let prev: Token | null = null;
  const emit = (sep: string, token: Token) => {
    if (prev) {
      const after = prev.origin >= 0 ? prev.origin + prev.text.length : -1;
      const kept = after >= 0 && token.origin === after + sep.length && oldText.slice(after, token.origin) === sep;
      parts.push(sep);
      for (let i = 0; i < sep.length; i++) origins.push(kept ? after + i : -1);
    }
    parts.push(token.text);
    for (let i = 0; i < token.text.length; i++) origins.push(token.origin >= 0 ? token.origin + i : -1);
    prev = token;
  };
  for (const block of blocks) {
    let first = true;
    for (const sentence of block.sentences) {
      for (const token of sentence) {
        emit(prev === null ? '' : first ? BLOCK_SEPARATOR : token.glue ? '' : ' ', token);
        first = false;
      }
    }
  }
  const text = parts.join('');
  if (text.length !== origins.length) throw new Error('origin map out of step with the text');
  return { text, origin: Int32Array.from(origins) };
}

const capitalize = (w: string) => w[0].toUpperCase() + w.slice(1);

/** A new word from the article's own vocabulary, never `avoid`. */
function newWord(rand: Random, vocabulary: string[], avoid?: string): string {
  for (;;) {
    const w = pick(rand, vocabulary);
    if (w !== avoid?.toLowerCase()) return w;
  }
}

function newSentence(rand: Random, vocabulary: string[], words: number): Sentence {
  const tokens: Token[] = Array.from({ length: words }, (_, i) => ({ text: i === 0 ? capitalize(newWord(rand, vocabulary)) : newWord(rand, vocabulary), origin: -1, glue: false }));
  tokens.push({ text: '.', origin: -1, glue: true });
  return tokens;
}

const wordIndexes = (s: Sentence) => s.flatMap((t, i) => (t.glue ? [] : [i]));

/**
 * A revision of `oldText` (a generated article: ASCII, blocks joined by "\n\n") where `share` of
 * its sentences are edited — deleted, replaced, preceded or followed by a new one, rewritten, or
 * with words replaced, inserted or deleted — plus 1 + ⌊share·10⌋ paragraphs deleted and one moved.
 */
export function reviseText(oldText: string, seed: number, share: number): Revision {
  const rand = prng(seed);
  const blocks = parse(oldText);
  const vocabulary = [...new Set(oldText.toLowerCase().match(/[a-z]+/g) ?? [])];
  const edits: EditCounts = {
    sentences: 0,
    edited: 0,
    sentencesDeleted: 0,
    sentencesReplaced: 0,
    sentencesInserted: 0,
    sentencesRewritten: 0,
    wordsReplaced: 0,
    wordsInserted: 0,
    wordsDeleted: 0,
    paragraphsDeleted: 0,
    paragraphsMoved: 0,
  };

  // Sentence edits: a random `share` of all sentences, each with one kind of edit.
  const all = blocks.flatMap((b, bi) => b.sentences.map((_, si) => [bi, si] as const));
  edits.sentences = all.length;
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  const chosen = all.slice(0, Math.round(all.length * share));
  edits.edited = chosen.length;
  // Replacement sentences per [block, sentence]: applied after choosing so indexes stay valid.
  const replaced = new Map<string, Sentence[]>();
  for (const [bi, si] of chosen) {
    const s = blocks[bi].sentences[si];
    const kind = rand();
    let out: Sentence[];
    if (kind < 0.12) {
      out = [];
      edits.sentencesDeleted++;
    } else if (kind < 0.22) {
      out = [newSentence(rand, vocabulary, intBetween(rand, 8, 26))];
      edits.sentencesReplaced++;
    } else if (kind < 0.36) {
      const added = newSentence(rand, vocabulary, intBetween(rand, 8, 26));
      out = rand() < 0.5 ? [added, s] : [s, added];
      edits.sentencesInserted++;
    } else if (kind < 0.46) {
      // Rewritten: about a third of the words kept in order, the rest new, a few more or fewer.
      const tokens: Token[] = [];
      for (const t of s) {
        if (t.glue) continue;
        if (rand() < 0.35) tokens.push(t);
        else if (rand() < 0.85) tokens.push({ text: newWord(rand, vocabulary, t.text), origin: -1, glue: false });
        if (rand() < 0.1) tokens.push({ text: newWord(rand, vocabulary), origin: -1, glue: false });
      }
      if (tokens.length === 0) tokens.push({ text: newWord(rand, vocabulary), origin: -1, glue: false });
      if (tokens[0].origin === -1) tokens[0].text = capitalize(tokens[0].text);
      // The period stays the same character (a heading gets none).
      const end = s[s.length - 1];
      if (end.glue) tokens.push(end);
      out = [tokens];
      edits.sentencesRewritten++;
    } else {
      const tokens = [...s];
      const k = intBetween(rand, 1, 3);
      if (kind < 0.64) {
        for (let n = 0; n < k; n++) {
          const i = pick(rand, wordIndexes(tokens));
          tokens[i] = { text: i === 0 ? capitalize(newWord(rand, vocabulary, tokens[i].text)) : newWord(rand, vocabulary, tokens[i].text), origin: -1, glue: false };
        }
        edits.wordsReplaced += k;
      } else if (kind < 0.82) {
        for (let n = 0; n < k; n++) {
          const at = intBetween(rand, 1, wordIndexes(tokens).length);
          const words = Array.from({ length: intBetween(rand, 1, 2) }, () => ({ text: newWord(rand, vocabulary), origin: -1, glue: false }));
          tokens.splice(at, 0, ...words);
          edits.wordsInserted += words.length;
        }
      } else {
        for (let n = 0; n < k && wordIndexes(tokens).length > 3; n++) {
          // Not the first word, so the sentence keeps its capital.
          const i = pick(rand, wordIndexes(tokens).slice(1));
          tokens.splice(i, 1);
          edits.wordsDeleted++;
        }
      }
      out = [tokens];
    }
    replaced.set(`${bi}:${si}`, out);
  }
  for (const [bi, block] of blocks.entries()) {
    block.sentences = block.sentences.flatMap((s, si) => replaced.get(`${bi}:${si}`) ?? [s]);
  }
  let kept = blocks.filter((b) => b.sentences.length > 0);

  // Whole paragraphs (blocks with a sentence that ends in a period, i.e. not headings) deleted.
  const isParagraph = (b: Block) => b.sentences.some((s) => s[s.length - 1].glue);
  for (let n = 1 + Math.floor(share * 10); n > 0; n--) {
    const candidates = kept.flatMap((b, i) => (isParagraph(b) && i > 0 ? [i] : []));
    kept.splice(pick(rand, candidates), 1);
    edits.paragraphsDeleted++;
  }
  // One paragraph moved at least three blocks away.
  for (;;) {
    const from = intBetween(rand, 1, kept.length - 1);
    const to = intBetween(rand, 1, kept.length - 1);
    if (!isParagraph(kept[from]) || Math.abs(from - to) < 3) continue;
    const [moved] = kept.splice(from, 1);
    kept = [...kept.slice(0, to), moved, ...kept.slice(to)];
    edits.paragraphsMoved++;
    break;
  }

  return { ...render(kept, oldText), edits };
}

/** newPosition[old offset]: where each old character went in the new text, or -1 (deleted). */
export function newPositions(oldLength: number, origin: Int32Array): Int32Array {
  const out = new Int32Array(oldLength).fill(-1);
  for (let i = 0; i < origin.length; i++) if (origin[i] >= 0) out[origin[i]] = i;
  return out;
}

/** What became of one old passage, from the origin map. */
export interface PassageTruth {
  length: number;
  /** Characters that survive anywhere in the new text. */
  surviving: number;
  /** The longest run that survives as one piece (consecutive in both texts). */
  largestPiece: number;
  /** Characters lost before the first surviving one, and after the last. */
  lostAtStart: number;
  lostAtEnd: number;
  /** Fewer than REMOVED_BELOW_SHARE of its characters survive. */
  gone: boolean;
  /** Every character survives, in one piece: the same text stands somewhere in the new revision. */
  intact: boolean;
}

export function passageTruth(start: number, end: number, newPosition: Int32Array): PassageTruth {
  let surviving = 0;
  let run = 0;
  let largestPiece = 0;
  let first = -1;
  let last = -1;
  for (let k = start; k < end; k++) {
    const p = newPosition[k];
    if (p < 0) {
      run = 0;
      continue;
    }
    surviving++;
    if (first < 0) first = k;
    last = k;
    run = run > 0 && newPosition[k - 1] === p - 1 ? run + 1 : 1;
    largestPiece = Math.max(largestPiece, run);
  }
  const length = end - start;
  return {
    length,
    surviving,
    largestPiece,
    lostAtStart: first < 0 ? length : first - start,
    lostAtEnd: last < 0 ? length : end - 1 - last,
    gone: surviving < REMOVED_BELOW_SHARE * length,
    intact: largestPiece === length,
  };
}

/**
 * How a placed range [from, to) in the new text relates to the old passage [start, end):
 * `own` characters from the passage, and `extra` ones that are not the passage. New text between
 * two of its characters (words inserted into it, a replaced word) is the edited passage, not
 * extra; so is new text at an edge where the passage lost characters, up to as many as it lost
 * there (a replaced first or last word). Text from elsewhere in the old text is always extra.
 */
export function placementFit(start: number, end: number, truth: PassageTruth, from: number, to: number, origin: Int32Array): { own: number; extra: number } {
  let own = 0;
  let first = -1;
  let last = -1;
  for (let p = from; p < to; p++) {
    const o = origin[p];
    if (o >= start && o < end) {
      own++;
      if (first < 0) first = p;
      last = p;
    }
  }
  let foreign = 0;
  let newBefore = 0;
  let newAfter = 0;
  for (let p = from; p < to; p++) {
    const o = origin[p];
    if (o >= start && o < end) continue;
    if (o >= 0 || first < 0) foreign++;
    else if (p < first) newBefore++;
    else if (p > last) newAfter++;
  }
  return { own, extra: foreign + Math.max(0, newBefore - truth.lostAtStart) + Math.max(0, newAfter - truth.lostAtEnd) };
}
