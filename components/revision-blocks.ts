// Turns a character diff of two canonical texts into the paragraphs the changes view shows.
// Canonical text separates blocks with "\n\n"; a separator anywhere in the diff (kept, inserted or
// deleted, even split across two diff pieces) starts a new paragraph, so both versions' paragraphs
// stay visible. Long runs of unchanged paragraphs are grouped so a big article renders compactly.
// Lives beside the view rather than in lib/ only because lib/ has another owner; it is pure.

export type DiffOp = 'equal' | 'insert' | 'delete';
export interface DiffPiece {
  op: DiffOp;
  text: string;
}

export interface DiffBlock {
  pieces: DiffPiece[];
  /** Set when the paragraph break before this block exists only in the new (insert) or old (delete) text. */
  breakBefore?: 'insert' | 'delete';
}

const SEPARATOR = '\n\n';

export function diffBlocks(diff: readonly DiffPiece[]): DiffBlock[] {
  const all = diff.map((d) => d.text).join('');
  const breaks: number[] = [];
  for (let k = all.indexOf(SEPARATOR); k >= 0; k = all.indexOf(SEPARATOR, k + SEPARATOR.length)) breaks.push(k);

  const blocks: DiffBlock[] = [{ pieces: [] }];
  const push = (op: DiffOp, text: string) => {
    if (!text) return;
    const pieces = blocks[blocks.length - 1].pieces;
    const last = pieces[pieces.length - 1];
    if (last?.op === op) last.text += text;
    else pieces.push({ op, text });
  };

  let next = 0; // index into breaks
  let pos = 0; // offset of the current piece in `all`
  for (const { op, text } of diff) {
    let i = 0;
    while (i < text.length) {
      const at = pos + i;
      while (next < breaks.length && breaks[next] + SEPARATOR.length <= at) next++;
      const b = next < breaks.length ? breaks[next] : Infinity;
      if (at >= b) {
        // Inside a separator: its first character opens the next block; its characters are not shown.
        if (at === b) blocks.push({ pieces: [], ...(op === 'equal' ? {} : { breakBefore: op }) });
        i = Math.min(text.length, b + SEPARATOR.length - pos);
        continue;
      }
      const stop = Math.min(text.length, b - pos);
      push(op, text.slice(i, stop));
      i = stop;
    }
    pos += text.length;
  }

  const kept = blocks.filter((b) => b.pieces.length > 0);
  // A break is only worth marking where it joins or splits paragraphs; a wholly inserted or deleted
  // paragraph already shows that its break came or went with it.
  kept.forEach((block, n) => {
    const op = block.breakBefore;
    if (!op) return;
    if (wholly(block, op) || (n > 0 && wholly(kept[n - 1], op))) delete block.breakBefore;
  });
  return kept;
}

/**
 * Whether a paragraph is all `op`, but for kept punctuation or spaces: a character diff often keeps
 * the final "." of a new paragraph, which does not make it an old one.
 */
export function wholly(block: DiffBlock, op: DiffOp): boolean {
  return block.pieces.some((p) => p.op === op) && block.pieces.every((p) => p.op === op || (p.op === 'equal' && !/[\p{L}\p{N}]/u.test(p.text)));
}

export const isUnchanged = (block: DiffBlock) => !block.breakBefore && block.pieces.every((p) => p.op === 'equal');

/** Paragraphs to show, with runs of unchanged ones longer than `context` on each side grouped. */
export type DiffRow = { kind: 'block'; block: DiffBlock; index: number } | { kind: 'unchanged'; blocks: { block: DiffBlock; index: number }[] };

export function groupUnchanged(blocks: readonly DiffBlock[], context = 1, minHidden = 2): DiffRow[] {
  const rows: DiffRow[] = [];
  let i = 0;
  while (i < blocks.length) {
    if (!isUnchanged(blocks[i])) {
      rows.push({ kind: 'block', block: blocks[i], index: i });
      i++;
      continue;
    }
    let end = i;
    while (end < blocks.length && isUnchanged(blocks[end])) end++;
    // Keep `context` paragraphs next to each change; none are needed at the start or end of the text.
    const from = i === 0 ? 0 : i + context;
    const to = end === blocks.length ? end : end - context;
    if (to - from < minHidden) {
      for (let k = i; k < end; k++) rows.push({ kind: 'block', block: blocks[k], index: k });
    } else {
      for (let k = i; k < from; k++) rows.push({ kind: 'block', block: blocks[k], index: k });
      rows.push({ kind: 'unchanged', blocks: blocks.slice(from, to).map((block, n) => ({ block, index: from + n })) });
      for (let k = to; k < end; k++) rows.push({ kind: 'block', block: blocks[k], index: k });
    }
    i = end;
  }
  return rows;
}

const words = (text: string) => text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;

/** Counts for the summary line: pieces inserted and deleted, and the words in them. */
export function diffStats(diff: readonly DiffPiece[]) {
  const stats = { insertions: 0, deletions: 0, insertedWords: 0, deletedWords: 0 };
  for (const { op, text } of diff) {
    if (op === 'insert') {
      stats.insertions++;
      stats.insertedWords += words(text);
    } else if (op === 'delete') {
      stats.deletions++;
      stats.deletedWords += words(text);
    }
  }
  return stats;
}
