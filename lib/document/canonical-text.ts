// The article's canonical plain text and the mapping between its offsets and ProseMirror positions.
//
// Definition (used by the server, the editor and every export):
//   * the text of each textblock in document order — text nodes as they are, a hard break as
//     "\n" — joined by BLOCK_SEPARATOR ("\n\n"). Textblocks are paragraphs (in quotes, list items
//     and table cells too), headings and figure captions: a table's cells are read row by row,
//     left to right, top to bottom (a nested table's cells where the table sits), an empty cell
//     counts as an empty block; an image is a leaf with no text, so its alt text is not canonical;
//   * offsets (the W3C TextPositionSelector's start/end) count Unicode code points, as the Web
//     Annotation model requires, so "😀" is one character, not two UTF-16 units.
// Inside a textblock ProseMirror positions advance one per UTF-16 unit, so the mapping is a
// binary search for the block plus an addition; code points ⇄ units go through the sorted list
// of astral characters (usually empty).
import type { Node as PMNode } from 'prosemirror-model';

export const BLOCK_SEPARATOR = '\n\n';

interface BlockSpan {
  /** ProseMirror position of the block's first content character. */
  pos: number;
  /** UTF-16 offsets of the block's text inside the canonical text. */
  start: number;
  end: number;
}

/** The canonical text with code-point offsets (what the server needs: no document). */
export class CanonicalText {
  /** UTF-16 index of every astral (surrogate-pair) character, ascending. */
  private readonly astralUnits: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);
      // A lone surrogate counts as one character, as in [...text].
      if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        this.astralUnits.push(i);
        i++;
      }
    }
  }

  /** Length of the canonical text in code points. */
  get length(): number {
    return this.text.length - this.astralUnits.length;
  }

  /** Code-point offset → UTF-16 offset (offsets outside the text are clamped to it). */
  unitFromOffset(offset: number): number {
    const cp = Math.max(0, Math.min(this.length, Math.trunc(offset)));
    // unit = cp + number of astral characters before code point cp.
    let lo = 0;
    let hi = this.astralUnits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const astralCp = this.astralUnits[mid] - mid;
      if (astralCp < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }

  /** UTF-16 offset → code-point offset (an offset inside a surrogate pair snaps to its start). */
  offsetFromUnit(unit: number): number {
    let lo = 0;
    let hi = this.astralUnits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astralUnits[mid] < unit) lo = mid + 1;
      else hi = mid;
    }
    // A unit inside a pair counts that pair already, which lands on the pair's start.
    return unit - lo;
  }

  /** The text between two code-point offsets. */
  slice(start: number, end: number): string {
    return this.text.slice(this.unitFromOffset(start), this.unitFromOffset(end));
  }

  /** The W3C TextQuoteSelector for a range: exact text plus up to `context` code points each side. */
  quote(start: number, end: number, context = 32): { exact: string; prefix: string; suffix: string } {
    return {
      exact: this.slice(start, end),
      prefix: this.slice(Math.max(0, start - context), start),
      suffix: this.slice(end, Math.min(this.length, end + context)),
    };
  }
}

/** The canonical text of a document plus the offset ⇄ ProseMirror position mapping. */
export class TextIndex extends CanonicalText {
  private constructor(
    text: string,
    private readonly blocks: BlockSpan[],
  ) {
    super(text);
  }

  static fromDoc(doc: PMNode): TextIndex {
    const parts: string[] = [];
    const blocks: BlockSpan[] = [];
    let offset = 0;
    doc.descendants((node, pos) => {
      if (!node.isTextblock) return true;
      if (blocks.length > 0) offset += BLOCK_SEPARATOR.length;
      const text = node.textBetween(0, node.content.size, undefined, (leaf) => leaf.type.spec.leafText?.(leaf) ?? '');
      blocks.push({ pos: pos + 1, start: offset, end: offset + text.length });
      parts.push(text);
      offset += text.length;
      return false;
    });
    return new TextIndex(parts.join(BLOCK_SEPARATOR), blocks);
  }

  /**
   * ProseMirror position of a code-point offset. An offset inside a block separator maps to the
   * end of the block before it (`side: -1`) or the start of the block after it (`side: 1`).
   */
  posFromOffset(cp: number, side: -1 | 1 = 1): number {
    const unit = this.unitFromOffset(cp);
    const blocks = this.blocks;
    if (blocks.length === 0) return 0;
    const lo = this.lastBlockWhere((b) => b.start <= unit);
    const block = blocks[lo];
    if (unit <= block.end) return block.pos + (unit - block.start);
    const next = blocks[lo + 1];
    if (side === 1 && next) return next.pos;
    return block.pos + (block.end - block.start);
  }

  /** Code-point offset of a ProseMirror position (a position between blocks snaps forward). */
  offsetFromPos(pos: number): number {
    const blocks = this.blocks;
    if (blocks.length === 0) return 0;
    const lo = this.lastBlockWhere((b) => b.pos <= pos);
    const block = blocks[lo];
    let unit: number;
    if (pos < block.pos) unit = block.start;
    else if (pos - block.pos <= block.end - block.start) unit = block.start + (pos - block.pos);
    else unit = blocks[lo + 1] ? blocks[lo + 1].start : block.end;
    return this.offsetFromUnit(unit);
  }

  /** Index of the last block satisfying a predicate that holds for a prefix of the blocks (0 if none). */
  private lastBlockWhere(test: (block: BlockSpan) => boolean): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (test(this.blocks[mid])) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
