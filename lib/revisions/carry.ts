// Carries annotations from one revision's canonical text to the next. Both texts are known, so each
// passage is mapped through one diff of the two (alignment.ts), never searched for by its quote: a
// search finds look-alike text, a mapping knows which characters are the same characters.
//
// Per passage [start, end) of the old text, its characters are grouped by the carried piece of new
// text they land in (runs adjacent in both texts form one piece; between them only inserted text):
//   * unchanged — all of them in one trusted equal run (see alignment.ts for "trusted"), clear
//                 of the run's slack (units an equally good diff would have placed elsewhere);
//   * moved     — the same, in one trusted moved run;
//   * removed   — the largest piece holds fewer than REMOVED_BELOW_SHARE of them;
//   * changed   — otherwise: the new range runs from the first to the last character of the
//                 largest piece, and the verdict is flagged for re-check.
// Shares count code points; offsets in and out are code points (CanonicalText converts).
import { CanonicalText } from '../document/canonical-text';
import { alignTexts, type CarriedRun } from './alignment';
import { REMOVED_BELOW_SHARE, type AnchorState } from './types';

export interface CarryPassage {
  id: number;
  /** Code-point offsets into the old canonical text. */
  start: number;
  end: number;
}

export interface CarryOutcome {
  id: number;
  state: AnchorState;
  /** Code-point offsets into the new canonical text; null when removed. */
  start: number | null;
  end: number | null;
}

export interface CarryResult {
  outcomes: CarryOutcome[];
}

/** Where each passage of `oldText` stands in `newText`; outcomes in the order of `passages`. */
export function carryAnnotations(oldText: string, newText: string, passages: CarryPassage[]): CarryResult {
  const oldCanon = new CanonicalText(oldText);
  const newCanon = new CanonicalText(newText);
  const runs = alignTexts(oldText, newText);
  const outcomes = passages.map((passage) => carryPassage(passage, runs, oldCanon, newCanon));
  return { outcomes };
}

/** The characters of a passage that landed in one piece of new text. */
interface Piece {
  runs: number;
  /** One run, trusted, and the passage clear of its slack. */
  confirmable: boolean;
  kind: CarriedRun['kind'];
  /** Code points of the passage in it. */
  chars: number;
  /** UTF-16 range in the new text, first to last carried unit. */
  newStart: number;
  newEnd: number;
  lastRank: number;
}

function carryPassage(passage: CarryPassage, runs: CarriedRun[], oldCanon: CanonicalText, newCanon: CanonicalText): CarryOutcome {
  const { id } = passage;
  const start = oldCanon.unitFromOffset(passage.start);
  const end = Math.max(start, oldCanon.unitFromOffset(passage.end));
  const removed: CarryOutcome = { id, state: 'removed', start: null, end: null };

  if (start === end) {
    // An empty passage has no characters to count: it goes where its position goes, if anywhere.
    const i = firstRunEndingAtOrAfter(runs, start);
    const run = runs[i];
    if (!run || run.oldStart > start) return removed;
    const at = newCanon.offsetFromUnit(run.newStart + (start - run.oldStart));
    const confirmable = run.trusted && start >= run.oldStart + run.slackBefore && start <= run.oldEnd - run.slackAfter;
    return { id, state: confirmable ? confirmedState(run.kind) : 'changed', start: at, end: at };
  }

  let best: Piece | null = null;
  let current: Piece | null = null;
  for (let i = firstRunEndingAtOrAfter(runs, start + 1); i < runs.length && runs[i].oldStart < end; i++) {
    const run = runs[i];
    const from = Math.max(start, run.oldStart);
    const to = Math.min(end, run.oldEnd);
    const newFrom = run.newStart + (from - run.oldStart);
    const newTo = newFrom + (to - from);
    const chars = oldCanon.offsetFromUnit(to) - oldCanon.offsetFromUnit(from);
    if (current && run.newRank === current.lastRank + 1) {
      current.runs++;
      current.confirmable = false;
      current.chars += chars;
      current.newEnd = newTo;
      current.lastRank = run.newRank;
    } else {
      // Units in a run's slack may belong to the text cut beside it: no confirmation on them.
      const confirmable = run.trusted && from >= run.oldStart + run.slackBefore && to <= run.oldEnd - run.slackAfter;
      current = { runs: 1, confirmable, kind: run.kind, chars, newStart: newFrom, newEnd: newTo, lastRank: run.newRank };
    }
    if (!best || current.chars > best.chars) best = current;
  }

  const length = oldCanon.offsetFromUnit(end) - oldCanon.offsetFromUnit(start);
  if (!best || best.chars < REMOVED_BELOW_SHARE * length) return removed;
  const newStart = newCanon.offsetFromUnit(best.newStart);
  const newEnd = newCanon.offsetFromUnit(best.newEnd);
  const state = best.confirmable && best.chars === length ? confirmedState(best.kind) : 'changed';
  return { id, state, start: newStart, end: newEnd };
}

const confirmedState = (kind: CarriedRun['kind']): AnchorState => (kind === 'equal' ? 'unchanged' : 'moved');

/** Index of the first run (ascending in the old text) whose end is at or after `unit`. */
function firstRunEndingAtOrAfter(runs: CarriedRun[], unit: number): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid].oldEnd < unit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
