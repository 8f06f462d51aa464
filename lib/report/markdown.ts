// The Markdown report: the HTML report's content as CommonMark (GFM table for the counts).
// User strings are escaped so they stay text in any renderer — no links, HTML, emphasis, lists or
// headings can be smuggled in; only http(s) sources become links. Stale verdicts are marked
// "Needs re-check"; removed ones get a section of their own. Each verdict's replies follow it, and
// a "Review" section (state, assignees, sign-off, second check and agreement) follows the summary.
// Markdown has no direction or language: the header says both ("Language: Arabic (ar) · right to
// left"), and the text is left exactly as written — no invisible direction marks, so a passage
// copied from the report is the article's text — because renderers (GitHub, pandoc's HTML, VS Code)
// give each paragraph and table cell `dir="auto"` or the like, and a right-to-left paragraph starts
// with a right-to-left letter. The "Article text" section prints tables as GFM tables (escaped
// pipes, a header row, colspans as empty cells) and figures as image link, alt text and caption.
import { STATUSES } from '../annotations/status';
import { imageText, type ArticleBlock, type TextSpan } from './article-text';
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
  type PassageContext,
  type ReportEvent,
  type ReportItem,
  type ReportModel,
  type ReportRemovedItem,
  type ReportReview,
  type ReportSource,
  type ReportVerdict,
} from './model';

/**
 * Escapes inline Markdown: every character that can open a link, image, autolink, raw HTML, entity,
 * code span, emphasis, strikethrough, table cell or math span is backslash-escaped (CommonMark
 * allows a backslash before any ASCII punctuation).
 */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/[\\`*_[\]()<>#|~!&$]/g, (c) => `\\${c}`);
}

/** Block-level escapes for an already inline-escaped line: no list, heading, setext or code-block start. */
function escapeLineStart(line: string): string {
  // Four leading spaces would open a code block; no-break spaces keep the indentation visible instead.
  const lead = /^[ \t]+/.exec(line)?.[0] ?? '';
  let rest = line.slice(lead.length);
  if (/^[-+=]/.test(rest)) rest = `\\${rest}`;
  else rest = rest.replace(/^(\d+)\./, '$1\\.');
  return '\u00a0'.repeat(lead.replace(/\t/g, '    ').length) + rest;
}

/** Multi-line user text as escaped Markdown lines (line breaks kept as hard breaks, blank lines as paragraph breaks). */
export function escapeMarkdownText(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => escapeLineStart(escapeMarkdownInline(l)));
  return withHardBreaks(lines);
}

function withHardBreaks(lines: string[]): string[] {
  // A trailing backslash is CommonMark's hard line break; it must not precede a blank line or the end.
  return lines.map((line, i) => (line.trim() !== '' && i + 1 < lines.length && lines[i + 1].trim() !== '' ? `${line}\\` : line));
}

function blockquote(lines: string[]): string {
  return lines.map((l) => (l === '' ? '>' : `> ${l}`)).join('\n');
}

export function renderMarkdown(model: ReportModel): string {
  const out: string[] = [];
  const a = model.article;
  out.push(`# Fact-check report: ${escapeMarkdownInline(a.title)}`, '');
  out.push(`**${escapeMarkdownInline(revisionText(model))}**`, '');

  const meta: string[] = [];
  if (a.byline) meta.push(`- **By:** ${escapeMarkdownInline(a.byline)}`);
  if (a.publisher) meta.push(`- **Publisher:** ${escapeMarkdownInline(a.publisher)}`);
  if (a.publishedAt) meta.push(`- **Published:** ${escapeMarkdownInline(formatPublished(a.publishedAt))}`);
  meta.push(`- **Language:** ${escapeMarkdownInline(languageText(model))}`);
  if (a.sourceUrl) meta.push(`- **Source:** ${a.sourceHref ? autolink(a.sourceHref) : escapeMarkdownInline(a.sourceUrl)}`);
  meta.push(`- **Exported:** ${escapeMarkdownInline(formatDateTime(model.exportedAt))} by ${escapeMarkdownInline(model.exportedBy.name)}`);
  if (model.filterLabels.length > 0) meta.push(`- **Filtered:** ${escapeMarkdownInline(model.filterLabels.join('; '))}`);
  out.push(...meta, '');

  const { counts, total, coverage, stale, removed } = model.summary;
  out.push('## Summary', '', '| Verdict | Annotations |', '| --- | ---: |');
  for (const s of STATUSES) out.push(`| ${statusText(s)} | ${counts[s]} |`);
  out.push(`| **Total** | **${total}** |`, '');
  out.push(
    `**Coverage:** ${formatPercent(coverage.ratio)} of the article’s text (${coverage.covered.toLocaleString('en')} of ${coverage.length.toLocaleString('en')} characters) is under at least one annotation; overlapping annotations count once.`,
    '',
  );
  const reviewers = model.reviewers.map((r) => `${escapeMarkdownInline(r.name)} (${r.annotations})`).join(', ');
  if (stale > 0) out.push(`**⚠ ${RECHECK_LABEL}:** ${staleSummary(stale)}`, '');
  if (removed > 0) out.push(`**${REMOVED_HEADING}:** ${removedSummary(removed)}`, '');
  out.push(`**Reviewers:** ${reviewers || 'none'}`, '');
  if (model.review) out.push(...renderReview(model.review));
  out.push(...renderArticleText(model));

  out.push(`## Annotations (${total})`, '');
  if (model.items.length === 0) out.push('No annotations match this export.', '');
  model.items.forEach((item, i) => out.push(...renderItem(item, i + 1)));
  if (model.removed.length > 0) {
    out.push(`## ${REMOVED_HEADING} (${model.removed.length})`, '', REMOVED_INTRO, '');
    model.removed.forEach((item) => out.push(...renderRemovedItem(item)));
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** The review (methodology) section: each statement a paragraph; a list under it; a written reason quoted. */
function renderReview(review: ReportReview): string[] {
  const out: string[] = [`## ${REVIEW_HEADING}`, ''];
  for (const st of review.statements) {
    if (st.freeText) out.push(`**${escapeMarkdownInline(st.label)}:**`, '', blockquote(escapeMarkdownText(eventValue(st.text, true))), '');
    else out.push(`**${escapeMarkdownInline(st.label)}:** ${escapeMarkdownInline(st.text)}`, '');
    if (st.list.length > 0) out.push(...st.list.map((item) => `- ${escapeMarkdownInline(item)}`), '');
  }
  return out;
}

function renderItem(item: ReportItem, n: number): string[] {
  const out: string[] = [];
  out.push(`### ${n}. ${statusText(item.status)}${item.stale ? ` · ⚠ ${RECHECK_LABEL}` : ''} — annotation #${item.id}`, '');
  out.push(blockquote(contextLines(item.context)), '');
  if (item.stale) out.push(`**⚠ ${RECHECK_LABEL}:** ${escapeMarkdownInline(recheckText(item))}`, '');
  if (!item.anchored) out.push('*The article text at this position differs from the annotated passage; the passage is shown as it was annotated.*', '');
  const moved = item.moved ? ` · *${escapeMarkdownInline(movedText(item))}*` : '';
  const location = item.location ? ` · **${escapeMarkdownInline(item.location)}**` : '';
  out.push(`Characters ${item.start}–${item.end}${location}${moved} · ${byline(item)}`, '');
  out.push(...details(item));
  return out;
}

function renderRemovedItem(item: ReportRemovedItem): string[] {
  const out: string[] = [];
  out.push(`### ${statusText(item.status)} — annotation #${item.id}`, '');
  out.push(blockquote(escapeMarkdownText(item.exact)), '');
  out.push(`**Removed in revision ${item.removedIn}** · ${byline(item)}`, '');
  out.push(...details(item));
  return out;
}

function byline(item: ReportVerdict): string {
  const updated = item.updatedAt !== item.createdAt ? ` · updated ${escapeMarkdownInline(formatDateTime(item.updatedAt))}` : '';
  return `reviewer ${escapeMarkdownInline(item.author.name)} · created ${escapeMarkdownInline(formatDateTime(item.createdAt))}${updated}`;
}

/** Note, sources, replies and history: the same for placed and removed verdicts. */
function details(item: ReportVerdict): string[] {
  const out: string[] = [];
  if (item.note.trim()) out.push('**Note:**', '', blockquote(escapeMarkdownText(item.note)), '');
  if (item.sources.length > 0) out.push('**Sources:**', '', ...item.sources.map((s) => `- ${renderSource(s)}`), '');
  if (item.replies.length > 0) {
    // Each reply: its byline, then its text quoted (line breaks kept, nothing in it becomes markup).
    out.push(`**${repliesHeading(item.replies.length)}:**`, '');
    for (const r of item.replies) out.push(`↳ ${escapeMarkdownInline(replyByline(r))}`, '', blockquote(escapeMarkdownText(r.body)), '');
  }
  if (item.history.length > 0) out.push('**History:**', '', ...item.history.map((e) => `- ${renderEvent(e)}`), '');
  return out;
}

function renderSource(s: ReportSource): string {
  const href = s.href ? webHref(s.href) : null;
  if (href) return s.title ? `[${escapeMarkdownInline(s.title)}](<${href.replace(/\\/g, '%5C')}>)` : autolink(href);
  const title = s.title ? `${escapeMarkdownInline(s.title)} — ` : '';
  return `${title}${escapeMarkdownInline(s.url)} (not a web link)`;
}

/** `<url>`: the WHATWG-serialised http(s) URL has no spaces or angle brackets, so it cannot break out. */
function autolink(href: string): string {
  return `<${href}>`;
}

function renderEvent(e: ReportEvent): string {
  // Inside a list item a note's line breaks become a visible ↵, keeping the item on one line.
  const change = eventChange(e, (v) => escapeMarkdownInline(eventValue(v, e.freeText).replace(/\r\n?|\n/g, ' ↵ ')));
  return `${escapeMarkdownInline(formatDateTime(e.at))} — ${escapeMarkdownInline(e.actor.name)}: ${escapeMarkdownInline(e.action)}${change}`;
}

const PUNCTUATION = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;

type Run = { text: string; hl: boolean };

/**
 * The passage in its context, the passage in bold, one Markdown line per text line. Bold is only
 * used where CommonMark's flanking rules let `**` open and close; otherwise the passage is
 * bracketed with ⟦ ⟧ so it is still marked.
 */
function contextLines(c: PassageContext): string[] {
  return markedLines([
    { text: `${c.clippedBefore ? '…' : ''}${c.before}`, hl: false },
    { text: c.passage, hl: true },
    { text: `${c.after}${c.clippedAfter ? '…' : ''}`, hl: false },
  ]);
}

/** Runs of text, some highlighted, as escaped Markdown lines (line breaks kept as hard breaks). */
function markedLines(runs: Run[]): string[] {
  const lines: Run[][] = [[]];
  for (const run of runs) {
    run.text.replace(/\r\n?/g, '\n').split('\n').forEach((piece, i) => {
      if (i > 0) lines.push([]);
      if (piece) lines[lines.length - 1].push({ text: piece, hl: run.hl });
    });
  }
  return withHardBreaks(lines.map((line) => escapeLineStart(markedInline(line))));
}

/** One line of runs, escaped, highlighted runs in bold (or ⟦ ⟧ where `**` could not open or close). */
function markedInline(line: Run[]): string {
  let md = '';
  line.forEach((run, i) => {
    if (!run.hl) {
      md += escapeMarkdownInline(run.text);
      return;
    }
    const lead = /^\s*/.exec(run.text)![0];
    const trail = /\s*$/.exec(run.text.slice(lead.length))![0];
    const core = run.text.slice(lead.length, run.text.length - trail.length);
    if (!core) {
      md += escapeMarkdownInline(run.text);
      return;
    }
    const prev = lead ? ' ' : (line[i - 1]?.text.slice(-1) ?? '');
    const next = trail ? ' ' : (line[i + 1]?.text[0] ?? '');
    const first = core[0];
    const last = core[core.length - 1];
    const opens = !PUNCTUATION.test(first) || prev === '' || SPACE.test(prev) || PUNCTUATION.test(prev);
    const closes = !PUNCTUATION.test(last) || next === '' || SPACE.test(next) || PUNCTUATION.test(next);
    const body = escapeMarkdownInline(core);
    md += `${lead}${opens && closes ? `**${body}**` : `⟦${body}⟧`}${trail}`;
  });
  return md;
}

/**
 * The "Article text" section: the article's blocks as Markdown — headings under the report's own,
 * quotes, lists, GFM tables and figures — with passages under a verdict in bold and its reference,
 * e.g. "\\[3 ✗ Disputed\\]", after each passage's end.
 */
function renderArticleText(model: ReportModel): string[] {
  const out: string[] = [`## ${escapeMarkdownInline(articleTextHeading(model))}`, '', escapeMarkdownInline(ARTICLE_TEXT_INTRO), ''];
  const body = model.text.blocks.flatMap((b) => blockLines(model, b));
  if (body.length === 0) out.push('(The article has no text.)', '');
  out.push(...body);
  return out;
}

/** A block's lines, each block followed by a blank line. */
function blockLines(model: ReportModel, block: ArticleBlock): string[] {
  switch (block.kind) {
    case 'paragraph': {
      const lines = markedLines(spanRuns(model, block.spans));
      return lines.length === 0 || (lines.length === 1 && lines[0] === '') ? [] : [...lines, ''];
    }
    case 'heading': {
      const text = markedInline(spanRuns(model, block.spans, ' '));
      // The report's sections are "##": the article's headings sit below them.
      return text.trim() === '' ? [] : [`${'#'.repeat(Math.min(6, Math.max(3, block.level + 1)))} ${text}`, ''];
    }
    case 'quote':
      return trimBlank(block.blocks.flatMap((b) => blockLines(model, b))).map((l) => (l === '' ? '>' : `> ${l}`)).concat('');
    case 'list': {
      const out: string[] = [];
      block.items.forEach((item, k) => {
        const marker = block.ordered ? `${block.start + k}. ` : '- ';
        const lines = trimBlank(item.flatMap((b) => blockLines(model, b)));
        if (lines.length === 0) lines.push('');
        lines.forEach((l, j) => out.push(j === 0 ? `${marker}${l}` : l === '' ? '' : `${' '.repeat(marker.length)}${l}`));
        out.push('');
      });
      return out;
    }
    case 'table': {
      // A GFM table is a grid of one-line cells: a colspan leaves empty cells after its cell, a
      // rowspan empty cells below it; a table without a header row gets an empty one.
      const grid: string[][] = block.rows.map(() => Array.from({ length: block.columns }, () => ''));
      block.rows.forEach((row, r) => {
        for (const cell of row) if (cell.column < block.columns) grid[r][cell.column] = cellText(model, cell.blocks);
      });
      const line = (cells: string[]) => `| ${cells.map((c) => c || ' ').join(' | ')} |`;
      const header = block.headerRow ? grid[0] : grid.length > 0 ? grid[0].map(() => '') : [];
      if (header.length === 0) return [];
      return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...grid.slice(block.headerRow ? 1 : 0).map(line), ''];
    }
    case 'figure': {
      const lines: string[] = [];
      const img = block.image;
      const caption = block.caption ? markedInline(spanRuns(model, block.caption, ' ↵ ')) : '';
      lines.push(`**Figure ${block.number}:**${caption ? ` ${caption}` : ''}`);
      if (img) {
        const href = webHref(img.src);
        lines.push(`${href ? `[Image](<${href.replace(/\\/g, '%5C')}>)` : 'Image (no web address)'} — ${escapeMarkdownInline(imageText(img))}`);
      }
      return [...withHardBreaks(lines), ''];
    }
  }
}

/** A table cell's blocks on one line: blocks joined by " · ", line breaks as " ↵ ", a nested table's rows by " / ". */
function cellText(model: ReportModel, blocks: ArticleBlock[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph' || b.kind === 'heading') parts.push(markedInline(spanRuns(model, b.spans, ' ↵ ')));
    else if (b.kind === 'quote') parts.push(cellText(model, b.blocks));
    else if (b.kind === 'list') parts.push(b.items.map((item) => cellText(model, item)).join('; '));
    else if (b.kind === 'table') parts.push(`Table ${b.number}: ${b.rows.map((row) => row.map((c) => cellText(model, c.blocks)).join(', ')).join(' / ')}`);
    else if (b.kind === 'figure') parts.push(`Figure ${b.number}${b.caption ? `: ${markedInline(spanRuns(model, b.caption, ' ↵ '))}` : ''}`);
  }
  return parts.filter((p) => p.trim() !== '').join(' · ');
}

/** Spans as runs, each passage end followed by its references; `lineBreak` replaces "\n" when the text must stay on one line. */
function spanRuns(model: ReportModel, spans: TextSpan[], lineBreak?: string): Run[] {
  const runs: Run[] = [];
  for (const span of spans) {
    const text = lineBreak === undefined ? span.text : span.text.replace(/\n/g, lineBreak);
    const hl = span.mark !== null;
    const last = runs[runs.length - 1];
    // Overlapping passages make several spans in a row: one bold run.
    if (last && last.hl === hl && hl) last.text += text;
    else if (text) runs.push({ text, hl });
    if (span.ends.length > 0) runs.push({ text: ` [${span.ends.map((i) => verdictRef(model.items[i], i)).join('] [')}]`, hl: false });
  }
  return runs;
}

function trimBlank(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1] === '') end--;
  return lines.slice(0, end);
}
