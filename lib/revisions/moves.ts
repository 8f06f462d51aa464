// Moved text: runs that a revision deleted in one place and inserted, unchanged, in another (a
// paragraph moved, a sentence taken to the next paragraph). A diff only knows deletions and
// insertions, so without this every annotation on moved text would be lost.
//
// A run counts as moved only when nothing else could be meant: it is at least MIN_MOVED_RUN code
// units long and its text occurs exactly once among the deleted text and exactly once among the
// inserted text. Runs are found through an index of every MIN_MOVED_RUN-unit window of the
// inserted text (a rolling hash), so the cost is linear in the changed text, not quadratic.

/** A half-open range of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

/** A run of deleted old text found again, identical, in the inserted new text. */
export interface MovedRun {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/** Shorter runs are too likely to be a common phrase the author happened to write again. */
export const MIN_MOVED_RUN = 24;

/** A window whose hash chain holds more places than this is boilerplate ("------"): no move is trusted there. */
const MAX_CANDIDATES = 32;

const HASH_BASE = 0x01000193;

/**
 * Runs of the old text's deleted spans that occur, unchanged and unambiguously, in the new text's
 * inserted spans; in old-text order, never overlapping on either side, never splitting a surrogate pair.
 */
export function findMovedRuns(oldText: string, deleted: Span[], newText: string, inserted: Span[]): MovedRun[] {
  const deletedWindows = new WindowIndex(oldText, deleted);
  if (deletedWindows.count === 0) return [];
  const insertedWindows = new WindowIndex(newText, inserted);
  if (insertedWindows.count === 0) return [];

  const claimed = new Uint8Array(newText.length);
  const runs: MovedRun[] = [];
  let resume = 0;
  for (let w = 0; w < deletedWindows.count; w++) {
    const p = deletedWindows.starts[w];
    if (p < resume) continue;
    const pEnd = deletedWindows.spanEnds[w];

    // The longest match of old text from p among the inserted text, and whether it is the only one.
    let best = -1;
    let bestLength = 0;
    let ties = 0;
    let seen = 0;
    for (let c = insertedWindows.first(deletedWindows.hashes[w]); c >= 0; c = insertedWindows.next[c]) {
      if (++seen > MAX_CANDIDATES) {
        best = -1;
        break;
      }
      if (insertedWindows.hashes[c] !== deletedWindows.hashes[w]) continue;
      const q = insertedWindows.starts[c];
      const qEnd = insertedWindows.spanEnds[c];
      let length = 0;
      while (p + length < pEnd && q + length < qEnd && !claimed[q + length] && oldText.charCodeAt(p + length) === newText.charCodeAt(q + length)) length++;
      if (length < MIN_MOVED_RUN) continue;
      if (length > bestLength) {
        best = q;
        bestLength = length;
        ties = 1;
      } else if (length === bestLength) ties++;
    }
    if (best < 0) continue;
    if (ties > 1 || deletedWindows.occurrences(deletedWindows.hashes[w], oldText, p, bestLength) !== 1) {
      // Ambiguous: so is every later window inside this run; look again where it ends.
      resume = p + bestLength - MIN_MOVED_RUN + 1;
      continue;
    }

    // Never start on the second half of a surrogate pair or end after the first half.
    let start = p;
    let end = p + bestLength;
    if (isLow(oldText.charCodeAt(start))) start++;
    if (isHigh(oldText.charCodeAt(end - 1))) end--;
    if (end - start < MIN_MOVED_RUN) continue;
    const newStart = best + (start - p);
    runs.push({ oldStart: start, oldEnd: end, newStart, newEnd: newStart + (end - start) });
    claimed.fill(1, newStart, newStart + (end - start));
    resume = end;
  }
  return runs;
}

/** Every MIN_MOVED_RUN-unit window inside the given spans of a text, by rolling hash, with hash chains. */
class WindowIndex {
  readonly count: number;
  /** Start of each window, ascending. */
  readonly starts: Int32Array;
  /** End of the span each window lies in: a match may not run past it. */
  readonly spanEnds: Int32Array;
  readonly hashes: Int32Array;
  /** Next window in the same hash bucket, or -1. */
  readonly next: Int32Array;
  private readonly heads: Int32Array;
  private readonly mask: number;

  constructor(
    private readonly text: string,
    spans: Span[],
  ) {
    let count = 0;
    for (const span of spans) count += Math.max(0, span.end - span.start - MIN_MOVED_RUN + 1);
    this.count = count;
    this.starts = new Int32Array(count);
    this.spanEnds = new Int32Array(count);
    this.hashes = new Int32Array(count);
    this.next = new Int32Array(count);
    let size = 1;
    while (size < count * 2) size <<= 1;
    this.mask = size - 1;
    this.heads = new Int32Array(size).fill(-1);

    // Multiplier that takes the oldest unit out of the window.
    let outFactor = 1;
    for (let i = 1; i < MIN_MOVED_RUN; i++) outFactor = Math.imul(outFactor, HASH_BASE);
    let w = 0;
    for (const span of spans) {
      if (span.end - span.start < MIN_MOVED_RUN) continue;
      let hash = 0;
      for (let i = span.start; i < span.start + MIN_MOVED_RUN; i++) hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(i)) | 0;
      for (let p = span.start; p + MIN_MOVED_RUN <= span.end; p++) {
        if (p > span.start) {
          hash = (hash - Math.imul(text.charCodeAt(p - 1), outFactor)) | 0;
          hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(p + MIN_MOVED_RUN - 1)) | 0;
        }
        this.starts[w] = p;
        this.spanEnds[w] = span.end;
        this.hashes[w] = hash;
        w++;
      }
    }
    // Chains in descending window order, so a walk from the head visits windows ascending.
    for (let i = count - 1; i >= 0; i--) {
      const bucket = this.hashes[i] & this.mask;
      this.next[i] = this.heads[bucket];
      this.heads[bucket] = i;
    }
  }

  /** First window in the bucket of a hash (other hashes share buckets: compare `hashes`). */
  first(hash: number): number {
    return this.heads[hash & this.mask];
  }

  /** How many times (0, 1 or 2 meaning "more") the run other[at, at+length) occurs inside this index's spans. */
  occurrences(hash: number, other: string, at: number, length: number): number {
    let found = 0;
    let seen = 0;
    for (let c = this.first(hash); c >= 0; c = this.next[c]) {
      if (++seen > MAX_CANDIDATES) return 2;
      if (this.hashes[c] !== hash) continue;
      const start = this.starts[c];
      if (this.spanEnds[c] - start < length) continue;
      let i = 0;
      while (i < length && this.text.charCodeAt(start + i) === other.charCodeAt(at + i)) i++;
      if (i === length && ++found > 1) return 2;
    }
    return found;
  }
}

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
