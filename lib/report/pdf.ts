// The PDF report: the HTML report's content laid out by pdfkit on A4, with selectable text in
// embedded DejaVu fonts (Latin, Cyrillic, Greek, curly quotes, ✓ ✗), page numbers, and each
// annotation kept on one page when it fits. Runs in a worker thread (lib/workers/pdf-task.ts) or
// the Next server bundle, so it never touches pdfkit's built-in AFM fonts (their data files may be
// missing there): the TTFs are the only fonts. Stale verdicts are marked "Needs re-check"; removed
// ones come last, in a section of their own. As in the HTML report, a "Review" section follows the
// summary and each verdict's replies follow its reviewer line.
// Streamed: each page is written out as soon as the next one starts (no `bufferPages`), so memory
// stays flat whatever the size. "Page X of Y" survives: each footer is a small XObject whose text
// is written after the last page, once Y is known (see PageFooter).
// Right-to-left and mixed text (Arabic, Hebrew) is ordered by the bidi algorithm line by line and
// shaped by fontkit (lib/report/pdf-bidi.ts); the article's own words take its direction (an RTL
// article's paragraphs are right-aligned), notes and replies their own. The "Article text" section
// prints the text with its structure: a table row as "cell | cell" (header cells bold), a figure as
// its caption, image link and alt text, passages under a verdict in its colour with a reference.
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { STATUSES, type Status } from '../annotations/status';
import type { TextDirection } from '../document/direction';
import { imageText, type ArticleBlock, type SpanMark, type TextSpan } from './article-text';
import { layoutBidi, needsBidi, unmirror, type BaseDirection } from './pdf-bidi';
import {
  ARTICLE_TEXT_INTRO,
  articleTextHeading,
  languageText,
  verdictRef,
  RECHECK_LABEL,
  REMOVED_HEADING,
  REMOVED_INTRO,
  REVIEW_HEADING,
  eventChange,
  eventValue,
  formatDateTime,
  formatPercent,
  formatPublished,
  movedText,
  recheckText,
  removedSummary,
  repliesHeading,
  replyByline,
  revisionText,
  staleSummary,
  statusText,
  webHref,
  type ReportItem,
  type ReportModel,
  type ReportRemovedItem,
  type ReportReview,
  type ReportVerdict,
} from './model';

const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf' } as const;
type FontName = keyof typeof FONT_FILES;

let fontDirCache: string | null = null;

/**
 * A font file's path. Marked for Turbopack: a path it cannot resolve at build time would make it
 * trace the whole project into the server's file list; the fonts are listed in next.config.js.
 */
function fontFile(dir: string, file: string): string {
  return path.join(/*turbopackIgnore: true*/ dir, file);
}

/**
 * The directory holding the DejaVu TTFs from the `dejavu-fonts-ttf` package: first under the working
 * directory's node_modules (where `next start` and the tests run), then wherever Node resolves the
 * package from this module (a bundler may rewrite that lookup, hence it is only the fallback).
 */
export function dejaVuFontDir(): string {
  if (fontDirCache) return fontDirCache;
  const candidates = [path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf')];
  try {
    const resolved: unknown = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
    if (typeof resolved === 'string') candidates.push(path.join(path.dirname(resolved), 'ttf'));
  } catch {
    // Not resolvable from here (bundled code): the cwd candidate is all we have.
  }
  const found = candidates.find((dir) => existsSync(fontFile(dir, FONT_FILES.regular)));
  if (!found) throw new Error(`DejaVu fonts not found (looked in ${candidates.join(', ')}); is dejavu-fonts-ttf installed?`);
  fontDirCache = found;
  return found;
}

const INK: Record<Status, string> = { verified: '#1b6e2a', disputed: '#b3261e', needs_source: '#8a5300' };
const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
const LINK_INK = '#1a4fa0';
const RECHECK_INK = '#7a2e00';
const REMOVED_INK = '#999999';

type Run = { text: string; font?: FontName; color?: string; link?: string; /** One left-to-right unit inside right-to-left text (a reference). */ isolate?: boolean };
type RunOptions = { indent?: number; width?: number; gap?: number; /** Base direction; left out: left to right (reordered only where the text has right-to-left letters). */ dir?: BaseDirection };

/** pdfkit's embedded-font internals used here: the fontkit face, the subset, the glyph → text map. */
type FontInternals = EmbeddedFont & {
  name: string;
  font: { layout(text: string, features: string[]): { direction: string; glyphs: { id: number; codePoints: number[] }[] } };
  subset: { includeGlyph(id: number): number };
  unicode: number[][];
};

class PdfWriter {
  private readonly hasGlyph: (cp: number) => boolean;
  private readonly glyphCache = new Map<number, boolean>();
  private readonly footer: PageFooter;
  private bar: { color: string; fromY: number } | null = null;

  constructor(readonly doc: PDFKit.PDFDocument) {
    doc.font('regular');
    // pdfkit exposes its fonts only internally: the embedded one draws the footers; the fontkit
    // one says which characters have glyphs (without it every character is kept as is).
    const regular = (doc as unknown as { _font: EmbeddedFont & { font?: { hasGlyphForCodePoint?: (cp: number) => boolean } } })._font;
    const fontkitFont = regular.font;
    this.hasGlyph = fontkitFont?.hasGlyphForCodePoint ? (cp) => fontkitFont.hasGlyphForCodePoint!(cp) : () => true;
    this.footer = new PageFooter(regular);
    // Every page break — ensure() or pdfkit wrapping a paragraph — finishes the page first.
    const addPage = doc.addPage.bind(doc);
    doc.addPage = (options) => {
      const fill = (doc as unknown as { _fillColor?: [PDFKit.Mixins.ColorValue, number | undefined] })._fillColor;
      this.endPage();
      addPage(options);
      // A new page starts in black: a paragraph wrapped onto it keeps its colour.
      if (fill) doc.fillColor(fill[0], fill[1]);
      return doc;
    };
  }

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  get usableHeight(): number {
    return this.bottom - this.doc.page.margins.top;
  }
  /**
   * Text the fonts can draw: characters DejaVu lacks (emoji, mostly) become one U+FFFD per run
   * instead of invisible .notdef boxes that extract as NUL; control characters other than the
   * line break are dropped.
   */
  clean(text: string): string {
    let out = '';
    let missing = false;
    for (const ch of text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0x0a) {
        out += ch;
        missing = false;
        continue;
      }
      if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
      // Joiners and variation selectors belong to the character before them.
      if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) {
        if (missing) continue;
        out += ch;
        continue;
      }
      let ok = this.glyphCache.get(cp);
      if (ok === undefined) {
        ok = this.hasGlyph(cp);
        this.glyphCache.set(cp, ok);
      }
      if (ok) {
        out += ch;
        missing = false;
      } else if (!missing) {
        out += '\uFFFD';
        missing = true;
      }
    }
    return out;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  height(text: string, font: FontName, size: number, width: number): number {
    if (!text) return 0;
    return this.doc.font(font).fontSize(size).heightOfString(this.clean(text), { width });
  }

  /** One paragraph of runs (fonts, colours, links) wrapped at `width`, starting at `indent`. */
  runs(runs: Run[], size: number, opts: RunOptions = {}): void {
    const x = this.left + (opts.indent ?? 0);
    const width = opts.width ?? this.width - (opts.indent ?? 0);
    const parts = runs.map((r) => ({ ...r, text: this.clean(r.text) })).filter((r) => r.text !== '');
    if (parts.length === 0) return;
    if (needsBidi(parts.map((r) => r.text).join(''), opts.dir ?? 'ltr')) this.bidiRuns(parts, size, x, width, opts.dir ?? 'ltr');
    else {
      this.doc.x = x;
      parts.forEach((r, i) => {
        this.doc
          .font(r.font ?? 'regular')
          .fontSize(size)
          .fillColor(r.link ? LINK_INK : (r.color ?? '#1d1d1f'));
        this.doc.text(r.text, { width, continued: i < parts.length - 1, link: r.link ?? null, underline: Boolean(r.link) });
      });
    }
    this.doc.x = this.left;
    if (opts.gap) this.doc.moveDown(opts.gap);
  }

  text(text: string, font: FontName, size: number, opts: RunOptions & { color?: string } = {}): void {
    this.runs([{ text, font, color: opts.color }], size, opts);
  }

  /**
   * A paragraph with right-to-left text: wrapped and ordered line by line (pdf-bidi.ts), each line
   * right-aligned when the paragraph is right to left, each piece drawn at its place. A right-to-left
   * paragraph is drawn in one font, left to right, emphasis underlined rather than bold: pdf.js
   * then reads each line as one item and turns it back into logical order itself (a change of font
   * would cut the line into items it keeps in screen order). Pieces in right-to-left text use a copy
   * of their font whose glyph → text map says what an extractor must read (see rtlFont).
   */
  private bidiRuns(runs: Run[], size: number, left: number, width: number, dir: BaseDirection): void {
    const doc = this.doc;
    const fontOf = (style: number) => runs[style].font ?? 'regular';
    // Words are measured as pdfkit measures them (cached per word); a piece is drawn as one run.
    const measure = (text: string, style: number) => doc.font(fontOf(style)).fontSize(size).widthOfString(text);
    const layout = () => layoutBidi(runs.map((r, style) => ({ text: r.text, style, isolate: r.isolate })), dir, width, measure);
    // A right-to-left paragraph gets one font (below); known up front for the article's text, else seen after one layout.
    let paragraph = dir === 'rtl' ? null : layout();
    let underline = new Set<number>();
    if ((paragraph === null || paragraph.rtl) && new Set(runs.map((r) => r.font ?? 'regular')).size > 1) {
      const base: FontName = runs.some((r) => (r.font ?? 'regular') === 'regular') ? 'regular' : (runs[0].font ?? 'regular');
      underline = new Set(runs.flatMap((r, i) => ((r.font ?? 'regular') !== base && !r.isolate ? [i] : [])));
      runs = runs.map((r) => ({ ...r, font: base }));
      paragraph = null;
    }
    paragraph ??= layout();
    const lineHeight = Math.max(...runs.map((r) => doc.font(r.font ?? 'regular').fontSize(size).currentLineHeight(true)));
    for (const line of paragraph.lines) {
      this.ensure(lineHeight);
      const y = doc.y;
      const x0 = paragraph.rtl ? left + width - line.width : left;
      const pieces = paragraph.rtl ? [...line.pieces].sort((p, q) => p.x - q.x) : line.pieces;
      for (const piece of pieces) {
        const run = runs[piece.style];
        const font = piece.rtl || paragraph.rtl ? this.rtlFont(fontOf(piece.style)) : fontOf(piece.style);
        doc.font(font).fontSize(size).fillColor(run.link ? LINK_INK : (run.color ?? '#1d1d1f'));
        this.rtlGlyphs = piece.rtl;
        for (const word of piece.words) {
          doc.text(word.text, x0 + piece.x + word.dx, y, { lineBreak: false, link: run.link ?? null, underline: Boolean(run.link) || underline.has(piece.style) });
        }
        this.rtlGlyphs = false;
      }
      doc.y = y + lineHeight;
    }
  }

  private internals(font: string): FontInternals {
    this.doc.font(font);
    return (this.doc as unknown as { _font: FontInternals })._font;
  }

  private readonly rtlCopies = new Set<FontName>();
  /** Set while a right-to-left piece is drawn: its glyphs' text is stored for extraction (see rtlFont). */
  private rtlGlyphs = false;

  /**
   * The name of a second embedding of `font` for right-to-left text. pdfkit shares one embedded
   * font per PostScript name, so the copy is loaded while that name's entry is set aside. What an
   * extractor reads for a glyph of the copy is set as the glyph is laid out in a right-to-left
   * piece: pdf.js reverses such a piece back to logical order, so a ligature's letters (lam-alef)
   * are stored reversed, and a mirrored bracket stands for the other bracket.
   */
  private rtlFont(font: FontName): string {
    const key = `rtl-${font}`;
    if (this.rtlCopies.has(font)) return key;
    const families = (this.doc as unknown as { _fontFamilies: Record<string, unknown> })._fontFamilies;
    const original = this.internals(font);
    const shared = families[original.name];
    delete families[original.name];
    const copy = this.internals(key) as FontInternals & { layoutRun(text: string, features: unknown): ReturnType<FontInternals['font']['layout']> };
    if (shared) families[original.name] = shared;
    else delete families[original.name];
    const layoutRun = copy.layoutRun.bind(copy);
    copy.layoutRun = (text, features) => {
      const run = layoutRun(text, features);
      if (this.rtlGlyphs) {
        for (const glyph of run.glyphs) {
          copy.unicode[copy.subset.includeGlyph(glyph.id)] = [...glyph.codePoints].reverse().map((cp) => unmirror(String.fromCodePoint(cp)).codePointAt(0)!);
        }
      }
      return run;
    };
    this.rtlCopies.add(font);
    return key;
  }

  /** Starts a coloured bar beside what is drawn next, until closeBar(); it follows page breaks. */
  openBar(color: string): void {
    this.bar = { color, fromY: this.doc.y };
  }

  closeBar(): void {
    if (this.bar) this.drawBar(this.bar.fromY, this.doc.y);
    this.bar = null;
    this.doc.x = this.left;
  }

  /** The pages so far (the current one included). */
  get pageCount(): number {
    return this.footer.pages;
  }

  /** Ends the last page: call once, just before doc.end(). */
  finish(): void {
    this.endPage();
    this.footer.writeAll();
  }

  /** What a page gets just before pdfkit writes it out: its part of an open bar, and its number. */
  private endPage(): void {
    if (this.bar) {
      this.drawBar(this.bar.fromY, this.bottom);
      this.bar.fromY = this.doc.page.margins.top;
    }
    this.footer.draw(this.doc);
  }

  /** Raw drawing operators, so a page break inside a wrapped paragraph leaves pdfkit's text state alone. */
  private drawBar(top: number, end: number): void {
    if (end > top && this.bar) this.doc.addContent(`q ${rgb(this.bar.color)} rg ${this.left} ${top.toFixed(2)} 3 ${(end - top).toFixed(2)} re f Q`);
  }
}

/** "0.106 0.431 0.165" for "#1b6e2a": a fill colour operand. */
function rgb(hex: string): string {
  return [1, 3, 5].map((i) => (parseInt(hex.slice(i, i + 2), 16) / 255).toFixed(3)).join(' ');
}

type EmbeddedFont = {
  id: string;
  ascender: number;
  ref(): PDFKit.PDFKitReference;
  encode(text: string): [string[], unknown];
  widthOfString(text: string, size: number): number;
};

const FOOTER_SIZE = 8;
const FOOTER_GREY = '#666666';

/**
 * Page numbers on a streamed document: a page is written out before the page count is known, so
 * its footer is a form XObject of its own that the page draws but whose content — "Page 3 of 12"
 * — is written after the last page (PDF objects may come in any order). pdf.js and every viewer
 * read XObject text like any other, so the footer stays one extractable, centred line. Drawn with
 * raw operators: a page may end inside a wrapped paragraph whose text state pdfkit still holds.
 */
class PageFooter {
  private readonly footers: PDFKit.PDFKitReference[] = [];

  constructor(private readonly font: EmbeddedFont) {}

  get pages(): number {
    return this.footers.length;
  }

  /** Places this page's footer (drawn later, by writeAll). */
  draw(doc: PDFKit.PDFDocument): void {
    const page = doc.page;
    const footer = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 0, 0], Resources: { Font: { [this.font.id]: this.font.ref() } } });
    this.footers.push(footer);
    page.xobjects.Footer = footer;
    const centre = page.margins.left + (page.width - page.margins.left - page.margins.right) / 2;
    const baseline = 40 - (this.font.ascender / 1000) * FOOTER_SIZE;
    // pdfkit's page space has y pointing down; the XObject is placed in PDF space, at its baseline.
    doc.addContent(`q 1 0 0 -1 0 ${page.height} cm 1 0 0 1 ${centre.toFixed(2)} ${baseline.toFixed(2)} cm /Footer Do Q`);
  }

  /** Writes every footer's text, now that the count is known; after the last page. */
  writeAll(): void {
    const total = this.footers.length;
    this.footers.forEach((footer, i) => {
      const text = `Page ${i + 1} of ${total}`;
      const half = this.font.widthOfString(text, FOOTER_SIZE) / 2;
      const [glyphs] = this.font.encode(text);
      (footer.data as Record<string, unknown>).BBox = [-Math.ceil(half) - 1, -FOOTER_SIZE, Math.ceil(half) + 1, FOOTER_SIZE * 2];
      footer.end(`${rgb(FOOTER_GREY)} rg BT /${this.font.id} ${FOOTER_SIZE} Tf 1 0 0 1 ${(-half).toFixed(2)} 0 Tm <${glyphs.join('')}> Tj ET`);
    });
  }
}

/**
 * Where the PDF goes while it is made: lib/workers/pdf-task.ts streams it to the response,
 * renderPdf collects it.
 */
export interface PdfSink {
  /** The next piece of the file. */
  write(chunk: Uint8Array): void;
  /**
   * Asked after each annotation: a promise to wait for before drawing more (the reader is behind,
   * or it is time to let messages in), undefined to go on. A rejection stops the render.
   */
  ready(): Promise<void> | undefined;
}

export interface PdfStats {
  pages: number;
  bytes: number;
}

/** The whole PDF in memory (tests, scripts; the server streams it with writePdf). */
export async function renderPdf(model: ReportModel): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  await writePdf(model, { write: (chunk) => chunks.push(chunk), ready: () => undefined });
  return Buffer.concat(chunks);
}

/** Lays the report out page by page, handing each finished part of the file to `sink` at once. */
export async function writePdf(model: ReportModel, sink: PdfSink): Promise<PdfStats> {
  const dir = dejaVuFontDir();
  const exportedAt = new Date(model.exportedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    // A TTF as the initial font: pdfkit would otherwise load its built-in Helvetica (AFM) here.
    font: fontFile(dir, FONT_FILES.regular),
    lang: 'en',
    displayTitle: true,
    info: {
      Title: `Fact-check report: ${model.article.title}`,
      Author: model.exportedBy.name,
      Subject: model.article.sourceUrl ?? model.article.title,
      Creator: 'Factmark',
      CreationDate: exportedAt,
      ModDate: exportedAt,
    },
  });
  for (const [name, file] of Object.entries(FONT_FILES)) {
    doc.registerFont(name, fontFile(dir, file));
    doc.registerFont(`rtl-${name}`, fontFile(dir, file));
  }
  // pdfkit caches a font under the name it is asked for — except when the same face is already
  // loaded under another key (here the constructor's file path): then every doc.font('regular')
  // re-reads and re-parses the TTF, ~46 ms per annotation (bench/RESULTS.md). Point the name at
  // the face already loaded.
  const fonts = doc as unknown as { _fontFamilies?: Record<string, unknown>; _font?: unknown };
  if (fonts._fontFamilies && fonts._font) fonts._fontFamilies.regular = fonts._font;

  // The document stream is read by hand after every annotation, not left to flow: a flowing
  // stream hands data over on process.nextTick, which a render that awaits only resolved promises
  // never reaches — it would hold the whole file until the end.
  let bytes = 0;
  const drain = () => {
    for (let chunk = doc.read() as Uint8Array | null; chunk !== null; chunk = doc.read() as Uint8Array | null) {
      bytes += chunk.byteLength;
      sink.write(chunk);
    }
  };
  const ended = once(doc, 'end');

  const w = new PdfWriter(doc);
  drawHeader(w, model);
  drawSummary(w, model);
  drawReview(w, model.review);
  w.ensure(80);
  w.text(articleTextHeading(model), 'bold', 13, { gap: 0.2 });
  w.text(ARTICLE_TEXT_INTRO, 'regular', 9.5, { color: '#444444', gap: 0.5 });
  if (model.text.blocks.length === 0) w.text('(The article has no text.)', 'regular', 10, { gap: 0.5 });
  for (const block of model.text.blocks) {
    drawArticleBlock(w, model, block, 0);
    drain();
    await sink.ready();
  }
  w.doc.moveDown(0.6);
  w.ensure(60);
  w.text(`Annotations (${model.summary.total})`, 'bold', 13, { gap: 0.4 });
  if (model.items.length === 0) w.text('No annotations match this export.', 'regular', 10);
  for (let i = 0; i < model.items.length; i++) {
    drawItem(w, model, model.items[i], i + 1);
    drain();
    await sink.ready();
  }
  if (model.removed.length > 0) {
    w.ensure(80);
    w.doc.moveDown(0.4);
    w.text(`${REMOVED_HEADING} (${model.removed.length})`, 'bold', 13, { gap: 0.2 });
    w.text(REMOVED_INTRO, 'regular', 9.5, { color: '#444444', gap: 0.5 });
    for (const item of model.removed) {
      drawRemovedItem(w, model, item);
      drain();
      await sink.ready();
    }
  }
  w.finish();
  doc.end();
  drain();
  await ended;
  return { pages: w.pageCount, bytes };
}

function drawHeader(w: PdfWriter, model: ReportModel): void {
  const a = model.article;
  w.text('FACT-CHECK REPORT', 'regular', 8.5, { color: '#555555', gap: 0.2 });
  w.text(a.title, 'bold', 18, { gap: 0.2, dir: a.dir });
  w.text(revisionText(model), 'bold', 10.5, { gap: 0.4 });
  const meta: Run[][] = [];
  if (a.byline) meta.push([{ text: 'By: ', font: 'bold' }, { text: a.byline }]);
  if (a.publisher) meta.push([{ text: 'Publisher: ', font: 'bold' }, { text: a.publisher }]);
  if (a.publishedAt) meta.push([{ text: 'Published: ', font: 'bold' }, { text: formatPublished(a.publishedAt) }]);
  meta.push([{ text: 'Language: ', font: 'bold' }, { text: languageText(model) }]);
  if (a.sourceUrl) meta.push([{ text: 'Source: ', font: 'bold' }, { text: a.sourceUrl, link: a.sourceHref ?? undefined }]);
  for (const line of meta) w.runs(line, 10);
  w.doc.moveDown(0.3);
  const filters = model.filterLabels.length > 0 ? ` Filtered — ${model.filterLabels.join('; ')}.` : '';
  w.text(`Exported ${formatDateTime(model.exportedAt)} by ${model.exportedBy.name}.${filters}`, 'regular', 9, { color: '#444444', gap: 0.8 });
}

function drawSummary(w: PdfWriter, model: ReportModel): void {
  const { counts, total, coverage, stale, removed } = model.summary;
  w.ensure(170);
  w.text('Summary', 'bold', 13, { gap: 0.4 });

  // The bar chart: a labelled bar per verdict, so it reads without colour too.
  const doc = w.doc;
  const max = Math.max(1, ...STATUSES.map((s) => counts[s]));
  const labelWidth = 110;
  const barMax = 250;
  let y = doc.y;
  for (const s of STATUSES) {
    const barWidth = counts[s] === 0 ? 0 : Math.max(2, (counts[s] / max) * barMax);
    doc.font('regular').fontSize(10).fillColor('#1d1d1f').text(statusText(s), w.left, y + 1, { width: labelWidth, lineBreak: false });
    if (barWidth > 0) doc.save().rect(w.left + labelWidth, y, barWidth, 12).fill(INK[s]).restore();
    doc.font('bold').fontSize(10).fillColor('#1d1d1f').text(String(counts[s]), w.left + labelWidth + barWidth + 6, y + 1, { lineBreak: false });
    y += 18;
  }
  doc.x = w.left;
  doc.y = y + 4;
  w.runs([{ text: 'Total: ', font: 'bold' }, { text: `${total} annotation${total === 1 ? '' : 's'}` }], 10);
  w.runs(
    [
      { text: 'Coverage: ', font: 'bold' },
      {
        text: `${formatPercent(coverage.ratio)} of the article’s text (${coverage.covered.toLocaleString('en')} of ${coverage.length.toLocaleString('en')} characters) is under at least one annotation; overlapping annotations count once.`,
      },
    ],
    10,
  );
  if (stale > 0) w.runs([{ text: `⚠ ${RECHECK_LABEL}: `, font: 'bold', color: RECHECK_INK }, { text: staleSummary(stale) }], 10);
  if (removed > 0) w.runs([{ text: `${REMOVED_HEADING}: `, font: 'bold' }, { text: removedSummary(removed) }], 10);
  const reviewers = model.reviewers.map((r) => `${r.name} (${r.annotations})`).join(', ') || 'none';
  w.runs([{ text: 'Reviewers: ', font: 'bold' }, { text: reviewers }], 10, { gap: 0.8 });
}

/** The review (methodology) section, as the HTML report has it: one labelled sentence per statement. */
function drawReview(w: PdfWriter, review: ReportReview | null): void {
  if (!review) return;
  w.ensure(120);
  w.text(REVIEW_HEADING, 'bold', 13, { gap: 0.4 });
  for (const st of review.statements) {
    w.runs([{ text: `${st.label}: `, font: 'bold' }, { text: st.freeText ? eventValue(st.text, true) : st.text }], 10, { gap: st.list.length > 0 ? 0 : 0.15 });
    for (const line of st.list) w.text(`• ${line}`, 'regular', 10, { indent: INDENT });
    if (st.list.length > 0) w.doc.moveDown(0.15);
  }
  w.doc.moveDown(0.65);
}

const INDENT = 12;
/** Replies sit under their verdict, indented once more. */
const REPLY_INDENT = INDENT + 10;

function drawItem(w: PdfWriter, model: ReportModel, item: ReportItem, n: number): void {
  const c = item.context;
  const ink = INK[item.status];
  const heading: Run[] = [{ text: statusText(item.status), font: 'bold', color: ink }];
  if (item.stale) heading.push({ text: `   ⚠ ${RECHECK_LABEL}`, font: 'bold', color: RECHECK_INK });
  heading.push({ text: `   ${n}. Annotation #${item.id} · characters ${item.start}–${item.end}`, color: '#555555' });
  if (item.location) heading.push({ text: ` · ${item.location}`, font: 'bold', color: '#333333' });
  if (item.moved) heading.push({ text: ` · ${movedText(item)}`, font: 'italic', color: '#666666' });
  const remarks: Remark[] = [];
  if (item.stale) remarks.push({ text: recheckText(item), color: RECHECK_INK });
  if (!item.anchored) {
    remarks.push({ text: 'The article text at this position differs from the annotated passage; the passage is shown as it was annotated.', color: '#8a5300' });
  }
  drawBlock(w, item, {
    heading,
    passage: [
      { text: `${c.clippedBefore ? '…' : ''}${c.before}`, color: '#444444' },
      { text: c.passage || ' ', font: 'bold', color: ink },
      { text: `${c.after}${c.clippedAfter ? '…' : ''}`, color: '#444444' },
    ],
    remarks,
    bar: ink,
    dir: model.article.dir,
  });
}

function drawRemovedItem(w: PdfWriter, model: ReportModel, item: ReportRemovedItem): void {
  drawBlock(w, item, {
    heading: [
      { text: statusText(item.status), font: 'bold', color: INK[item.status] },
      { text: `   Removed in revision ${item.removedIn}`, font: 'bold', color: '#555555' },
      { text: ` · Annotation #${item.id}`, color: '#555555' },
    ],
    passage: [{ text: item.exact || ' ', color: '#444444' }],
    remarks: [],
    bar: REMOVED_INK,
    dir: model.article.dir,
  });
}

type Remark = { text: string; color: string };

/**
 * One verdict: heading, passage, remarks (italic), note, sources, reviewer line, replies and history, with a
 * coloured bar beside it. The whole block is measured first, so one that fits on a page is never split.
 */
function drawBlock(w: PdfWriter, item: ReportVerdict, parts: { heading: Run[]; passage: Run[]; remarks: Remark[]; bar: string; dir: TextDirection }): void {
  const width = w.width - INDENT;
  const headingText = parts.heading.map((r) => r.text).join('');
  const passageText = parts.passage.map((r) => r.text).join('');
  const note = item.note.trim() ? item.note : '';
  const sourceLines = item.sources.map((s) => `• ${s.title ? `${s.title} — ` : ''}${s.url}${webHref(s.url) ? '' : ' (not a web link)'}`);
  const byline = `Reviewer: ${item.author.name} · created ${formatDateTime(item.createdAt)}${item.updatedAt !== item.createdAt ? ` · updated ${formatDateTime(item.updatedAt)}` : ''}`;
  const historyLines = item.history.map(eventLine);
  const replyWidth = w.width - REPLY_INDENT;

  const label = 14;
  const passageHeight = w.height(passageText, 'bold', 10, width) + 6;
  const blockHeight =
    w.height(headingText, 'bold', 10.5, width) +
    passageHeight +
    parts.remarks.reduce((h, r) => h + w.height(r.text, 'italic', 8.5, width) + 4, 0) +
    (note ? label + w.height(note, 'regular', 9.5, width) : 0) +
    (sourceLines.length ? label + sourceLines.reduce((h, l) => h + w.height(l, 'regular', 9, width), 0) : 0) +
    w.height(byline, 'regular', 8.5, width) +
    (item.replies.length
      ? label + item.replies.reduce((h, r) => h + w.height(replyByline(r), 'regular', 8, replyWidth) + w.height(r.body, 'regular', 9, replyWidth) + 4, 0)
      : 0) +
    (historyLines.length ? label + historyLines.reduce((h, l) => h + w.height(l, 'regular', 8, width), 0) : 0) +
    24;
  w.ensure(blockHeight <= w.usableHeight ? blockHeight : w.height(headingText, 'bold', 10.5, width) + passageHeight + 12);

  w.openBar(parts.bar);
  w.runs(parts.heading, 10.5, { indent: INDENT, gap: 0.25 });
  w.runs(parts.passage, 10, { indent: INDENT, gap: 0.35, dir: parts.dir });
  for (const r of parts.remarks) w.text(r.text, 'italic', 8.5, { indent: INDENT, color: r.color, gap: 0.3 });
  if (note) {
    w.text('Note', 'bold', 9, { indent: INDENT });
    w.text(note, 'regular', 9.5, { indent: INDENT, gap: 0.35, dir: 'auto' });
  }
  if (item.sources.length > 0) {
    w.text('Sources', 'bold', 9, { indent: INDENT });
    for (const s of item.sources) {
      const href = webHref(s.url);
      w.runs(
        href
          ? [{ text: `• ${s.title ? `${s.title} — ` : ''}` }, { text: href, link: href }]
          : [{ text: `• ${s.title ? `${s.title} — ` : ''}${s.url}` }, { text: ' (not a web link)', font: 'italic', color: '#555555' }],
        9,
        { indent: INDENT },
      );
    }
    w.doc.moveDown(0.35);
  }
  w.text(byline, 'regular', 8.5, { indent: INDENT, color: '#444444', gap: 0.3 });
  if (item.replies.length > 0) {
    w.text(repliesHeading(item.replies.length), 'bold', 8.5, { indent: INDENT });
    for (const r of item.replies) {
      w.text(replyByline(r), 'regular', 8, { indent: REPLY_INDENT, color: '#444444' });
      w.text(r.body, 'regular', 9, { indent: REPLY_INDENT, gap: 0.3, dir: 'auto' });
    }
  }
  if (historyLines.length > 0) {
    w.text('History', 'bold', 8.5, { indent: INDENT });
    for (const line of historyLines) w.text(line, 'regular', 8, { indent: INDENT, color: '#333333' });
  }
  w.closeBar();
  w.doc.moveDown(1);
}

function eventLine(e: ReportItem['history'][number]): string {
  const change = eventChange(e, (v) => eventValue(v, e.freeText));
  return `${formatDateTime(e.at)} — ${e.actor.name}: ${e.action}${change}`;
}

/** Ink of a marked passage in the article text: its verdict's colour; overlapping verdicts of different statuses: purple. */
const MIXED_INK = '#5b3f8c';
const TEXT_INK = '#1d1d1f';
const REF_INK = '#555555';
/** Indent per level of quote or list in the article text. */
const NEST_INDENT = 14;

/** The runs of a textblock: marked passages bold in their verdict's colour, each passage end followed by its reference. */
function spanRuns(model: ReportModel, spans: TextSpan[], base: FontName = 'regular'): Run[] {
  const runs: Run[] = [];
  for (const span of spans) {
    if (span.text) runs.push(span.mark === null ? { text: span.text, font: base, color: TEXT_INK } : { text: span.text, font: 'bold', color: markInk(span.mark) });
    // The space stays outside the isolated reference (inside, it would widen the gap before it);
    // the reference's own spaces are no-break spaces, so a line never ends inside it.
    for (const i of span.ends) {
      runs.push({ text: ' ', font: 'regular', color: REF_INK }, { text: `[${verdictRef(model.items[i], i)}]`.replace(/ /g, '\u00a0'), font: 'regular', color: REF_INK, isolate: true });
    }
  }
  return runs;
}

function markInk(mark: Exclude<SpanMark, null>): string {
  return mark === 'mixed' ? MIXED_INK : INK[mark];
}

/** One block of the article text, in the article's direction; tables row by row as "cell | cell". */
function drawArticleBlock(w: PdfWriter, model: ReportModel, block: ArticleBlock, indent: number, prefix: Run[] = []): void {
  const dir = model.article.dir;
  switch (block.kind) {
    case 'paragraph':
      w.runs([...prefix, ...spanRuns(model, block.spans)], 10, { indent, gap: 0.4, dir });
      return;
    case 'heading':
      w.ensure(40);
      w.runs([...prefix, ...spanRuns(model, block.spans, 'bold')], block.level <= 2 ? 12 : 11, { indent, gap: 0.3, dir });
      return;
    case 'quote':
      block.blocks.forEach((b, i) => drawArticleBlock(w, model, b, indent + NEST_INDENT, i === 0 ? prefix : []));
      return;
    case 'list':
      block.items.forEach((item, k) => {
        const marker: Run = { text: block.ordered ? `${block.start + k}. ` : '• ', color: TEXT_INK };
        item.forEach((b, i) => drawArticleBlock(w, model, b, indent + NEST_INDENT, i === 0 ? [marker] : []));
      });
      return;
    case 'table': {
      w.text(`Table ${block.number}`, 'bold', 8.5, { indent, color: REF_INK, dir: 'ltr' });
      const separator: Run = { text: '  |  ', color: '#888888' };
      block.rows.forEach((row) => {
        // The row as a grid line: a colspan leaves empty cells after its cell; a rowspan, empty cells below it.
        const cells: Run[][] = Array.from({ length: block.columns }, () => []);
        for (const cell of row) if (cell.column < block.columns) cells[cell.column] = cellRuns(model, cell.blocks, cell.header ? 'bold' : 'regular');
        const runs: Run[] = [];
        cells.forEach((c, i) => {
          if (i > 0) runs.push(separator);
          runs.push(...(c.length > 0 ? c : [{ text: ' ' }]));
        });
        w.runs(runs, 9.5, { indent, gap: 0.15, dir });
      });
      w.doc.moveDown(0.4);
      return;
    }
    case 'figure': {
      const caption = block.caption ? spanRuns(model, block.caption) : [];
      w.runs([{ text: `Figure ${block.number}${caption.length > 0 ? ': ' : ''}`, font: 'bold', color: TEXT_INK }, ...caption], 10, { indent, dir });
      const img = block.image;
      if (img) {
        const href = webHref(img.src);
        w.runs(
          [
            { text: 'Image: ', font: 'italic', color: REF_INK },
            href ? { text: href, link: href } : { text: '(no web address)', color: REF_INK },
            { text: ` — ${imageText(img)}`, color: REF_INK },
          ],
          8.5,
          { indent, dir: 'auto' },
        );
      }
      w.doc.moveDown(0.4);
      return;
    }
  }
}

/** A table cell's blocks as one run list: blocks joined by " · ", a nested table's rows by " / ". */
function cellRuns(model: ReportModel, blocks: ArticleBlock[], font: FontName): Run[] {
  const parts: Run[][] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph' || b.kind === 'heading') parts.push(spanRuns(model, b.spans, font).map((r) => ({ ...r, text: r.text.replace(/\n/g, ' ↵ ') })));
    else if (b.kind === 'quote') parts.push(cellRuns(model, b.blocks, font));
    else if (b.kind === 'list') parts.push(b.items.flatMap((item, k) => [...(k > 0 ? [{ text: '; ' }] : []), ...cellRuns(model, item, font)]));
    else if (b.kind === 'table') {
      parts.push([
        { text: `Table ${b.number}: `, color: REF_INK },
        ...b.rows.flatMap((row, r) => [...(r > 0 ? [{ text: ' / ' }] : []), ...row.flatMap((c, i) => [...(i > 0 ? [{ text: ', ' }] : []), ...cellRuns(model, c.blocks, font)])]),
      ]);
    } else if (b.kind === 'figure') parts.push([{ text: `Figure ${b.number}${b.caption ? ': ' : ''}` }, ...(b.caption ? spanRuns(model, b.caption, font) : [])]);
  }
  return parts.filter((p) => p.length > 0).flatMap((p, i) => (i > 0 ? [{ text: ' · ' }, ...p] : p));
}
