// Which stretches of an old text were carried into the new one, and where to: the diff's equal
// runs plus the moved runs, each marked trusted or not. The carry maps annotations through these;
// keeping them apart from it keeps the rule for "is this match really the same words?" in one place.
//
// The rule. A diff aligns any text the two revisions have in common, and inside rewritten text that
// includes coincidences (" the Ministry of Defence said " in a deleted paragraph matched to the same
// words in a new one). A carried run is **trusted** — may confirm an annotation as unchanged or
// moved — when it consists of whole paragraphs in both texts, or is at least TRUSTED_RUN code units
// long, or outweighs the rewritten text around it:
//   * an equal run: at least as long as the rewritten text before it plus that after it, where
//     "rewritten" on a side is the smaller of the deleted and the inserted text there (a pure
//     deletion or insertion beside a run cannot have produced a false match);
//   * a moved run: at least as long as the uncarried text around it in the old text, and in the new.
// So a passage with a word edited just before and just after it stays unchanged, and a paragraph
// moved whole stays moved, while a phrase that survives only amid rewritten text is at most
// "changed", flagged for re-check. Each run also records its slack: units at its edges that an
// equally good diff would have matched to the copy of them cut beside it.
import { diffTexts } from './diff';
import { findMovedRuns, type Span } from './moves';

/** A run of old text carried, identical, into the new text. Offsets are UTF-16 units. */
export interface CarriedRun {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  /** Equal in the diff, or deleted and inserted elsewhere (moves.ts). */
  kind: 'equal' | 'moved';
  trusted: boolean;
  /**
   * Units at the run's start and end whose place is ambiguous: the text cut out beside the run
   * begins (ends) like the run itself, so an equally good diff would have cut these units instead
   * and kept that text ("the [the ]rebels" → "the rebels": which "the " survived?).
   */
  slackBefore: number;
  slackAfter: number;
  /** Position among all runs in new-text order: runs adjacent in both orders are one piece of text. */
  newRank: number;
}

/** Runs this long are the author's text kept, not a coincidence, wherever they stand. */
export const TRUSTED_RUN = 64;

/** The runs of `oldText` carried into `newText`, ascending and disjoint in the old text (and in the new). */
export function alignTexts(oldText: string, newText: string): CarriedRun[] {
  const runs: CarriedRun[] = [];
  const deleted: Span[] = [];
  const inserted: Span[] = [];
  let oldAt = 0;
  let newAt = 0;
  for (const { op, text } of diffTexts(oldText, newText)) {
    const length = text.length;
    if (op === 'equal') {
      runs.push({ oldStart: oldAt, oldEnd: oldAt + length, newStart: newAt, kind: 'equal', trusted: false, slackBefore: 0, slackAfter: 0, newRank: 0 });
      oldAt += length;
      newAt += length;
    } else if (op === 'delete') {
      deleted.push({ start: oldAt, end: oldAt + length });
      oldAt += length;
    } else {
      inserted.push({ start: newAt, end: newAt + length });
      newAt += length;
    }
  }

  const moved = findMovedRuns(oldText, deleted, newText, inserted);
  if (moved.length > 0) {
    for (const m of moved) runs.push({ oldStart: m.oldStart, oldEnd: m.oldEnd, newStart: m.newStart, kind: 'moved', trusted: false, slackBefore: 0, slackAfter: 0, newRank: 0 });
    runs.sort((a, b) => a.oldStart - b.oldStart);
  }

  const byNew = runs.slice().sort((a, b) => a.newStart - b.newStart);
  byNew.forEach((run, rank) => (run.newRank = rank));
  // A "moved" run between the same neighbours in both texts has not moved: it is text the diff's
  // semantic cleanup folded into the edit around it, found again. It counts as equal.
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    const samePrevious = i > 0 ? runs[i - 1].newRank === run.newRank - 1 : run.newRank === 0;
    const sameNext = i + 1 < runs.length ? runs[i + 1].newRank === run.newRank + 1 : run.newRank === runs.length - 1;
    if (run.kind === 'moved' && samePrevious && sameNext) run.kind = 'equal';
  }

  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    const length = run.oldEnd - run.oldStart;
    const newEnd = run.newStart + length;
    const prevNew = byNew[run.newRank - 1];
    const nextNew = byNew[run.newRank + 1];
    const oldGapStart = i > 0 ? runs[i - 1].oldEnd : 0;
    const oldGapEnd = i + 1 < runs.length ? runs[i + 1].oldStart : oldText.length;
    const newGapStart = prevNew ? prevNew.newStart + (prevNew.oldEnd - prevNew.oldStart) : 0;
    const newGapEnd = nextNew ? nextNew.newStart : newText.length;
    const oldBefore = run.oldStart - oldGapStart;
    const oldAfter = oldGapEnd - run.oldEnd;
    const newBefore = run.newStart - newGapStart;
    const newAfter = newGapEnd - newEnd;
    run.slackBefore = Math.max(
      oldBefore > 0 ? commonPrefix(oldText, oldGapStart, run.oldStart, length) : 0,
      newBefore > 0 ? commonPrefix(newText, newGapStart, run.newStart, length) : 0,
    );
    run.slackAfter = Math.max(
      oldAfter > 0 ? commonSuffix(oldText, run.oldEnd, oldGapEnd, length) : 0,
      newAfter > 0 ? commonSuffix(newText, newEnd, newGapEnd, length) : 0,
    );
    const outweighs =
      run.kind === 'equal'
        ? length >= Math.min(oldBefore, newBefore) + Math.min(oldAfter, newAfter)
        : length >= oldBefore + oldAfter && length >= newBefore + newAfter;
    run.trusted =
      length >= TRUSTED_RUN || outweighs || (isWholeLines(oldText, run.oldStart, run.oldEnd) && isWholeLines(newText, run.newStart, newEnd));
  }
  return runs;
}

/** Whether text[start, end), newlines at its edges aside, is one or more whole lines (paragraphs) of the text. */
function isWholeLines(text: string, start: number, end: number): boolean {
  const NEWLINE = 10;
  while (start < end && text.charCodeAt(start) === NEWLINE) start++;
  while (end > start && text.charCodeAt(end - 1) === NEWLINE) end--;
  return start < end && (start === 0 || text.charCodeAt(start - 1) === NEWLINE) && (end === text.length || text.charCodeAt(end) === NEWLINE);
}

/** Length (at most `max`) of the common prefix of text[a…] and text[b…]. */
function commonPrefix(text: string, a: number, b: number, max: number): number {
  let n = 0;
  while (n < max && b + n < text.length && text.charCodeAt(a + n) === text.charCodeAt(b + n)) n++;
  return n;
}

/** Length (at most `max`) of the common suffix of text[…a) and text[…b). */
function commonSuffix(text: string, a: number, b: number, max: number): number {
  let n = 0;
  while (n < max && a - n > 0 && text.charCodeAt(a - n - 1) === text.charCodeAt(b - n - 1)) n++;
  return n;
}
