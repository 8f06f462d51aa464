// The annotated article's text as the reports print it: the current revision's ProseMirror JSON
// turned into a small block tree (paragraphs, headings, quotes, lists, tables with their grid,
// figures with image, alt text and caption) whose text is cut into spans at verdict boundaries,
// plus where each verdict sits ("Table 1, row 3, column “Budget”"). One pass over the document
// with a cursor over the verdicts sorted by start, so 10,000 verdicts cost what the text costs.
// The document is read as JSON (no schema instance): its textblocks are the canonical text's
// (lib/document/canonical-text.ts), and the text read is checked against the stored canonical
// text — on any difference the section falls back to the plain text's paragraphs, never to
// misplaced highlights.
import type { Status } from '../annotations/status';
import { BLOCK_SEPARATOR, CanonicalText } from '../document/canonical-text';

/** How a span is marked: the one verdict status of all passages over it, 'mixed' when they differ, null when none. */
export type SpanMark = Status | 'mixed' | null;

/** A piece of a textblock's text, under the same verdicts from its first to its last character. */
export interface TextSpan {
  /** The text; a hard break is "\n". */
  text: string;
  mark: SpanMark;
  /** Indices into the report's `items` of the verdicts whose passage ends with this span, ascending: print their references after it. */
  ends: number[];
}

export interface ArticleImage {
  /** An http(s) URL, or null when the source gave none that may be linked. */
  src: string | null;
  alt: string;
  title: string | null;
}

/** What every format prints after an image's link: `alt text: “…”` (or that there is none) and its title. */
export function imageText(image: ArticleImage): string {
  const alt = image.alt.trim() === '' ? 'no alt text' : `alt text: “${image.alt}”`;
  return image.title ? `${alt} · title: “${image.title}”` : alt;
}

export interface ArticleTableCell {
  header: boolean;
  /** First grid column, 0-based (rowspans from rows above and colspans counted). */
  column: number;
  colspan: number;
  rowspan: number;
  blocks: ArticleBlock[];
}

export type ArticleBlock =
  | { kind: 'paragraph'; spans: TextSpan[] }
  | { kind: 'heading'; level: number; spans: TextSpan[] }
  | { kind: 'quote'; blocks: ArticleBlock[] }
  | { kind: 'list'; ordered: boolean; start: number; items: ArticleBlock[][] }
  | {
      kind: 'table';
      /** 1-based, in document order (a nested table counts where it sits). */
      number: number;
      /**
       * Grid width: up to the last column a cell starts in (spans and rowspans counted). A colspan
       * reaching past it only pads its row, so a hostile `colspan="1000"` adds no empty columns.
       */
      columns: number;
      /** The first row is all header cells (GFM's header row). */
      headerRow: boolean;
      rows: ArticleTableCell[][];
    }
  | { kind: 'figure'; number: number; image: ArticleImage | null; caption: TextSpan[] | null };

export interface ArticleText {
  blocks: ArticleBlock[];
  /** False when the document could not be read or disagreed with the canonical text: blocks are its plain paragraphs. */
  structured: boolean;
}

/** What the walk needs of a verdict: its code-point range in the canonical text and its status. */
export interface PlacedRange {
  start: number;
  end: number;
  status: Status;
}

type JsonNode = { type?: unknown; attrs?: Record<string, unknown>; content?: unknown; text?: unknown };

/** Textblocks of lib/document/schema.ts: their inline content is canonical text. */
const TEXTBLOCKS = new Set(['paragraph', 'heading', 'figcaption']);
/** Cells' text in a place name is cut to this many characters. */
const NAME_CHARS = 40;

/** Where a textblock sits, for the location of a verdict in it. */
type Place =
  | { kind: 'cell'; table: number; row: number; headerRow: boolean; column: number; columnName: string | null; rowName: string | null }
  | { kind: 'caption'; figure: number };

interface BlockRecord {
  start: number;
  end: number;
  place: Place | null;
}

/**
 * The article's text with `ranges` (the report's items, in document order) cut into spans, and
 * the location of each range (null: a plain paragraph, nothing to add). A range for which
 * `marked(i)` is false (a passage whose text moved) gets a location but no highlight.
 */
export function buildArticleText(
  doc: unknown,
  text: CanonicalText,
  ranges: readonly PlacedRange[],
  marked: (index: number) => boolean,
): { text: ArticleText; locations: (string | null)[] } {
  const walker = new Walker(text, ranges, marked);
  let blocks: ArticleBlock[] | null = null;
  try {
    blocks = walker.document(doc);
  } catch (error) {
    if (!(error instanceof Mismatch)) throw error;
  }
  if (blocks === null || walker.consumedUnits !== text.text.length) {
    // The document and the text disagree (or there is no document): the text's own paragraphs.
    const plain = new Walker(text, ranges, marked);
    const paragraphs = text.text === '' ? [] : text.text.split(BLOCK_SEPARATOR).map((p): ArticleBlock => ({ kind: 'paragraph', spans: plain.textblock(p, null) }));
    plain.finish();
    return { text: { blocks: paragraphs, structured: false }, locations: ranges.map(() => null) };
  }
  walker.finish();
  return { text: { blocks, structured: true }, locations: walker.locations() };
}

class Mismatch extends Error {}

class Walker {
  /** UTF-16 units of the canonical text read so far (separators included). */
  consumedUnits = 0;
  private blocksSeen = 0;
  private next = 0;
  private active: number[] = [];
  private lastSpans: TextSpan[] | null = null;
  private readonly records: BlockRecord[] = [];
  private tables = 0;
  private figures = 0;

  constructor(
    private readonly text: CanonicalText,
    private readonly ranges: readonly PlacedRange[],
    private readonly marked: (index: number) => boolean,
  ) {}

  document(doc: unknown): ArticleBlock[] | null {
    const root = asNode(doc);
    if (!root || root.type !== 'doc') return null;
    return this.blocks(root, null);
  }

  private blocks(parent: JsonNode, place: Place | null): ArticleBlock[] {
    const out: ArticleBlock[] = [];
    for (const node of children(parent)) {
      const block = this.block(node, place);
      if (block) out.push(block);
    }
    return out;
  }

  private block(node: JsonNode, place: Place | null): ArticleBlock | null {
    switch (node.type) {
      case 'paragraph':
        return { kind: 'paragraph', spans: this.textblock(inlineText(node), place) };
      case 'heading':
        return { kind: 'heading', level: clampInt(node.attrs?.level, 1, 6, 2), spans: this.textblock(inlineText(node), place) };
      case 'blockquote':
        return { kind: 'quote', blocks: this.blocks(node, place) };
      case 'bullet_list':
      case 'ordered_list':
        return {
          kind: 'list',
          ordered: node.type === 'ordered_list',
          start: clampInt(node.attrs?.order, 0, Number.MAX_SAFE_INTEGER, 1),
          items: children(node).map((item) => this.blocks(item, place)),
        };
      case 'table':
        return this.table(node);
      case 'figure':
        return this.figure(node);
      default:
        // An unknown block with textblock content would be canonical text we cannot place.
        if (typeof node.type === 'string' && TEXTBLOCKS.has(node.type)) return { kind: 'paragraph', spans: this.textblock(inlineText(node), place) };
        return children(node).length > 0 ? { kind: 'quote', blocks: this.blocks(node, place) } : null;
    }
  }

  private table(node: JsonNode): ArticleBlock {
    const number = ++this.tables;
    const rowNodes = children(node).filter((r) => r.type === 'table_row');
    const headerRow = rowNodes.length > 0 && children(rowNodes[0]).length > 0 && children(rowNodes[0]).every((c) => c.type === 'table_header');
    const columnNames: (string | null)[] = [];
    // Grid columns still covered by a rowspan from a row above: how many more rows.
    const pending: number[] = [];
    let columns = 0;
    const rows = rowNodes.map((rowNode, r) => {
      const cells: ArticleTableCell[] = [];
      let column = 0;
      let rowName: string | null = null;
      for (const cellNode of children(rowNode)) {
        while ((pending[column] ?? 0) > 0) column++;
        const colspan = clampInt(cellNode.attrs?.colspan, 1, 1000, 1);
        const rowspan = clampInt(cellNode.attrs?.rowspan, 1, 65_534, 1);
        const header = cellNode.type === 'table_header';
        const place: Place = {
          kind: 'cell',
          table: number,
          row: headerRow ? r : r + 1,
          headerRow: headerRow && r === 0,
          column: column + 1,
          columnName: headerRow && r > 0 ? (columnNames[column] ?? null) : null,
          rowName,
        };
        const recordFrom = this.records.length;
        const blocks = this.blocks(cellNode, place);
        const name = shortName(this.records.slice(recordFrom).map((b) => this.text.slice(b.start, b.end)).join(' '));
        if (headerRow && r === 0) for (let c = column; c < column + colspan; c++) columnNames[c] = name;
        else if (header && cells.length === 0) rowName = name;
        cells.push({ header, column, colspan, rowspan, blocks });
        columns = Math.max(columns, column + 1);
        for (let c = column; c < column + colspan; c++) pending[c] = rowspan;
        column += colspan;
      }
      for (let c = 0; c < pending.length; c++) pending[c] = Math.max(0, (pending[c] ?? 0) - 1);
      return cells;
    });
    return { kind: 'table', number, columns, headerRow, rows };
  }

  private figure(node: JsonNode): ArticleBlock {
    const number = ++this.figures;
    let image: ArticleImage | null = null;
    let caption: TextSpan[] | null = null;
    for (const child of children(node)) {
      if (child.type === 'image') {
        const a = child.attrs ?? {};
        image = { src: typeof a.src === 'string' && a.src !== '' ? a.src : null, alt: typeof a.alt === 'string' ? a.alt : '', title: typeof a.title === 'string' && a.title !== '' ? a.title : null };
      } else if (child.type === 'figcaption') {
        caption = this.textblock(inlineText(child), { kind: 'caption', figure: number });
      }
    }
    return { kind: 'figure', number, image, caption };
  }

  /** The next textblock of the canonical text: checked against it, cut into spans at verdict boundaries. */
  textblock(blockText: string, place: Place | null): TextSpan[] {
    const full = this.text.text;
    let unitStart = this.consumedUnits;
    if (this.blocksSeen > 0) {
      if (full.slice(unitStart, unitStart + BLOCK_SEPARATOR.length) !== BLOCK_SEPARATOR) throw new Mismatch();
      unitStart += BLOCK_SEPARATOR.length;
    }
    const unitEnd = unitStart + blockText.length;
    if (full.slice(unitStart, unitEnd) !== blockText) throw new Mismatch();
    this.consumedUnits = unitEnd;
    this.blocksSeen++;
    const start = this.text.offsetFromUnit(unitStart);
    const end = this.text.offsetFromUnit(unitEnd);
    this.records.push({ start, end, place });
    return this.spans(blockText, unitStart, start, end);
  }

  /**
   * A sweep over the block's verdict starts and ends (each sorted once), keeping a count of open
   * passages per status: O(m log m) for the m passages touching the block, whatever they overlap.
   */
  private spans(blockText: string, unitStart: number, start: number, end: number): TextSpan[] {
    const ranges = this.ranges;
    // Passages that ended in the separator before this block: their references follow the last block.
    const carried: number[] = [];
    for (const i of this.active) {
      if (ranges[i].end <= start) {
        this.close(i);
        this.lastSpans?.[this.lastSpans.length - 1]?.ends.push(i);
      } else carried.push(i);
    }
    const starts: number[] = [];
    const open = carried;
    while (this.next < ranges.length && ranges[this.next].start <= end) {
      const i = this.next++;
      if (!this.marked(i)) continue;
      const r = ranges[i];
      if (r.end > r.start && r.start <= start) this.openRange(i);
      else if (r.end > r.start) starts.push(i);
      open.push(i);
    }
    const ends = open.filter((i) => ranges[i].end <= end).sort((a, b) => ranges[a].end - ranges[b].end || a - b);
    this.active = open.filter((i) => ranges[i].end > end);

    const spans: TextSpan[] = [];
    let pos = start;
    const emit = (to: number) => {
      if (to <= pos) return;
      const from = blockText.slice(this.text.unitFromOffset(pos) - unitStart, this.text.unitFromOffset(to) - unitStart);
      spans.push({ text: from, mark: this.mark(), ends: [] });
      pos = to;
    };
    let si = 0;
    let ei = 0;
    while (si < starts.length || ei < ends.length) {
      const p = Math.min(si < starts.length ? ranges[starts[si]].start : Infinity, ei < ends.length ? ranges[ends[ei]].end : Infinity);
      emit(p);
      while (ei < ends.length && ranges[ends[ei]].end === p) {
        const i = ends[ei++];
        // An empty passage never opened (its start is its end).
        if (ranges[i].end > ranges[i].start) this.close(i);
        if (spans.length === 0) spans.push({ text: '', mark: null, ends: [] });
        spans[spans.length - 1].ends.push(i);
      }
      while (si < starts.length && ranges[starts[si]].start === p) this.openRange(starts[si++]);
    }
    emit(end);
    if (spans.length === 0) spans.push({ text: '', mark: null, ends: [] });
    this.lastSpans = spans;
    return spans;
  }

  private readonly openCounts = new Map<Status, number>();

  private openRange(i: number): void {
    const status = this.ranges[i].status;
    this.openCounts.set(status, (this.openCounts.get(status) ?? 0) + 1);
  }

  private close(i: number): void {
    const status = this.ranges[i].status;
    const n = (this.openCounts.get(status) ?? 0) - 1;
    if (n > 0) this.openCounts.set(status, n);
    else this.openCounts.delete(status);
  }

  private mark(): SpanMark {
    if (this.openCounts.size === 0) return null;
    if (this.openCounts.size > 1) return 'mixed';
    return this.openCounts.keys().next().value ?? null;
  }

  /** After the last block: verdicts still open end with it. */
  finish(): void {
    while (this.next < this.ranges.length) {
      if (this.marked(this.next)) this.active.push(this.next);
      this.next++;
    }
    if (this.lastSpans && this.lastSpans.length > 0) {
      const last = this.lastSpans[this.lastSpans.length - 1];
      for (const i of this.active) if (!last.ends.includes(i)) last.ends.push(i);
      last.ends.sort((a, b) => a - b);
    }
    this.active = [];
  }

  /** Each range's place, from the blocks its start and end fall in (binary search over the blocks). */
  locations(): (string | null)[] {
    const blockAt = (offset: number): BlockRecord | null => {
      let lo = 0;
      let hi = this.records.length - 1;
      if (hi < 0) return null;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.records[mid].start <= offset) lo = mid;
        else hi = mid - 1;
      }
      return this.records[lo];
    };
    return this.ranges.map((r) => {
      const from = blockAt(r.start);
      // A passage ending right at a block's start ends in the block before it.
      const to = blockAt(Math.max(r.start, r.end > r.start ? r.end - 1 : r.end));
      return describePlace(from?.place ?? null, to?.place ?? null);
    });
  }
}

/** "Table 1, row 3 (“Defence”), column 2 (“Budget”)"; "Caption of figure 2"; null for ordinary text. */
function describePlace(from: Place | null, to: Place | null): string | null {
  if (!from && !to) return null;
  if (from && to && from.kind === 'cell' && to.kind === 'cell' && from.table === to.table) {
    if (from.row === to.row && from.headerRow === to.headerRow) {
      const columns = from.column === to.column ? `column ${columnRef(from)}` : `columns ${columnRef(from)} to ${columnRef(to)}`;
      return `Table ${from.table}, ${rowText(from)}, ${columns}`;
    }
    return `Table ${from.table}, from ${rowText(from)}, column ${columnRef(from)} to ${rowText(to)}, column ${columnRef(to)}`;
  }
  if (from && to && from.kind === 'caption' && to.kind === 'caption' && from.figure === to.figure) return `Caption of figure ${from.figure}`;
  if (from && !to) return `Starts in ${placeText(from)}`;
  if (!from && to) return `Ends in ${placeText(to)}`;
  return `From ${placeText(from!)} to ${placeText(to!)}`;
}

function placeText(p: Place): string {
  return p.kind === 'cell' ? `table ${p.table}, ${rowText(p)}, column ${columnRef(p)}` : `the caption of figure ${p.figure}`;
}

function rowText(p: Extract<Place, { kind: 'cell' }>): string {
  if (p.headerRow) return 'header row';
  return p.rowName ? `row ${p.row} (“${p.rowName}”)` : `row ${p.row}`;
}

function columnRef(p: Extract<Place, { kind: 'cell' }>): string {
  return p.columnName ? `${p.column} (“${p.columnName}”)` : `${p.column}`;
}

/** A cell's text as a name: one line, at most NAME_CHARS characters; null when empty. */
function shortName(text: string): string | null {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return null;
  const chars = [...line];
  return chars.length > NAME_CHARS ? `${chars.slice(0, NAME_CHARS - 1).join('').trimEnd()}…` : line;
}

function asNode(value: unknown): JsonNode | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonNode) : null;
}

function children(node: JsonNode): JsonNode[] {
  if (!Array.isArray(node.content)) return [];
  const out: JsonNode[] = [];
  for (const child of node.content) {
    const n = asNode(child);
    if (n) out.push(n);
  }
  return out;
}

/** A textblock's text as the canonical text has it: text nodes as they are, a hard break as "\n". */
function inlineText(node: JsonNode): string {
  let out = '';
  for (const child of children(node)) {
    if (child.type === 'text' && typeof child.text === 'string') out += child.text;
    else if (child.type === 'hard_break') out += '\n';
  }
  return out;
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
