// The HTML report: a standalone, script-free document (inline CSS, inline SVG chart) that prints
// cleanly, plus its body and stylesheet for showing the same report inside an app page.
// Every user-supplied string goes through escapeHtml; only http(s) URLs ever become an href.
// Stale verdicts carry a "Needs re-check" marker; removed ones have a section of their own.
// Each verdict's replies follow it; a "Review" section (state, assignees, sign-off, second check
// and agreement) follows the summary when the review is known.
// The chrome is English (`<html lang="en" dir="ltr">`); the article's own words — each passage in
// its context, the "Article text" section — carry the article's `lang` and `dir`; the title and a
// removed passage's old quote its `lang` with `dir="auto"`, notes and replies `dir="auto"`, so
// Arabic or Hebrew reads right to left inside an English report, mixed text by its first letter. The article text
// shows tables as tables and figures with their image link, alt text and caption, passages under
// a verdict marked with a reference to it.
import { STATUSES, STATUS_LABEL, type Status } from '../annotations/status';
import { imageText, type ArticleBlock, type ArticleTableCell, type TextSpan } from './article-text';
import {
  ARTICLE_TEXT_INTRO,
  RECHECK_LABEL,
  REMOVED_HEADING,
  REMOVED_INTRO,
  REVIEW_HEADING,
  STATUS_ICON,
  eventChange,
  eventValue,
  formatDateTime,
  formatPercent,
  formatPublished,
  articleTextHeading,
  languageText,
  movedText,
  recheckText,
  removedSummary,
  repliesHeading,
  replyByline,
  staleSummary,
  revisionText,
  statusText,
  verdictRef,
  webHref,
  type ReportEvent,
  type ReportItem,
  type ReportModel,
  type ReportRemovedItem,
  type ReportReply,
  type ReportReview,
  type ReportSource,
  type ReportVerdict,
} from './model';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const COLOR: Record<Status, { ink: string; tint: string }> = {
  verified: { ink: '#1b6e2a', tint: '#dcf1df' },
  disputed: { ink: '#b3261e', tint: '#fbe0de' },
  needs_source: { ink: '#8a5300', tint: '#fdeec8' },
};

/** Scoped under .fm-report so the app can include it next to its own styles. */
export const REPORT_CSS = `
.fm-report { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1d1d1f; max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
.fm-report h1 { font-size: 1.7rem; line-height: 1.25; margin: 0.2rem 0 0.8rem; }
.fm-report h2 { font-size: 1.25rem; margin: 2rem 0 0.8rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
.fm-report .fm-kicker { text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.8rem; color: #555; margin: 0; }
.fm-report .fm-meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0 0 0.8rem; }
.fm-report .fm-meta dt { font-weight: 600; color: #444; }
.fm-report .fm-meta dd { margin: 0; overflow-wrap: anywhere; }
.fm-report .fm-exported { color: #444; font-size: 0.9rem; }
.fm-report .fm-counts { border-collapse: collapse; margin: 0.5rem 0; }
.fm-report .fm-counts th, .fm-report .fm-counts td { text-align: left; padding: 0.15rem 1.2rem 0.15rem 0; }
.fm-report .fm-counts td.fm-num { text-align: right; font-variant-numeric: tabular-nums; }
.fm-report .fm-chart { display: block; max-width: 100%; height: auto; }
.fm-report .fm-annotation { border: 1px solid #ccc; border-left-width: 6px; border-radius: 4px; padding: 0.8rem 1rem; margin: 0 0 1rem; }
.fm-report .fm-annotation > header { display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; align-items: baseline; margin-bottom: 0.4rem; }
.fm-report .fm-badge { font-weight: 700; padding: 0 0.45rem; border-radius: 3px; border: 1px solid currentColor; }
.fm-report .fm-ref { color: #555; font-size: 0.85rem; }
.fm-report .fm-passage { margin: 0.4rem 0; padding: 0.4rem 0.8rem; background: #f6f6f6; border-left: 3px solid #bbb; white-space: pre-wrap; }
.fm-report .fm-passage mark { padding: 0 0.1em; font-weight: 600; color: inherit; }
.fm-report .fm-revision { font-weight: 600; margin: 0 0 0.3rem; }
.fm-report .fm-mismatch { color: #8a5300; font-size: 0.85rem; }
.fm-report .fm-recheck { font-weight: 700; color: #7a2e00; background: #fff3cd; border: 1px dashed #7a2e00; padding: 0 0.45rem; border-radius: 3px; }
.fm-report .fm-recheck-note { color: #7a2e00; font-size: 0.9rem; margin: 0.2rem 0 0.6rem; }
.fm-report .fm-annotation.fm-needs-recheck { background: #fffbea; outline: 1px dashed #c98a00; outline-offset: -1px; }
.fm-report .fm-moved { color: #666; font-size: 0.85rem; font-style: italic; }
.fm-report .fm-removed .fm-annotation { border-left-color: #999; border-left-style: dotted; }
.fm-report .fm-removed-in { font-weight: 600; color: #555; font-size: 0.85rem; }
.fm-report .fm-passage.fm-old { color: #444; border-left-style: dotted; }
.fm-report .fm-label { font-weight: 600; }
.fm-report .fm-note { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.2rem 0 0.6rem; }
.fm-report .fm-sources, .fm-report .fm-history { margin: 0.2rem 0 0.6rem; padding-left: 1.3rem; }
.fm-report .fm-sources li, .fm-report .fm-history li { overflow-wrap: anywhere; }
.fm-report .fm-inert { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
.fm-report .fm-url { color: #555; font-size: 0.85em; }
.fm-report .fm-byline { color: #444; font-size: 0.9rem; margin: 0.4rem 0; }
.fm-report .fm-history { font-size: 0.9rem; color: #333; }
.fm-report .fm-value { white-space: pre-wrap; }
.fm-report .fm-replies { list-style: none; margin: 0.2rem 0 0.6rem; padding: 0; }
.fm-report .fm-reply { border-left: 3px solid #ccc; padding: 0.1rem 0 0.1rem 0.7rem; margin: 0 0 0.5rem; }
.fm-report .fm-reply-meta { color: #444; font-size: 0.85rem; margin: 0; }
.fm-report .fm-reply-body { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; }
.fm-report .fm-review-list { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0; }
.fm-report .fm-review-list dt { font-weight: 600; color: #444; }
.fm-report .fm-review-list dd { margin: 0; overflow-wrap: anywhere; }
.fm-report .fm-review dd ul { margin: 0.2rem 0 0; padding-left: 1.2rem; }
.fm-report .fm-review .fm-note { margin: 0; }
.fm-report .fm-location { color: #333; font-size: 0.85rem; font-weight: 600; }
.fm-report .fm-text { overflow-wrap: anywhere; }
.fm-report .fm-text p, .fm-report .fm-text figcaption { white-space: pre-wrap; }
.fm-report .fm-text mark { padding: 0 0.1em; color: inherit; }
.fm-report .fm-text mark.fm-mixed { background: #e8e2f4; text-decoration: underline double #6b4fa0; }
.fm-report .fm-mref { font-size: 0.75em; vertical-align: super; line-height: 0; white-space: nowrap; text-decoration: none; color: #333; margin-inline-start: 0.15em; }
.fm-report .fm-table-scroll { overflow-x: auto; margin: 0.6rem 0; }
.fm-report .fm-text table { border-collapse: collapse; font-size: 0.92rem; }
.fm-report .fm-text th, .fm-report .fm-text td { border: 1px solid #bbb; padding: 0.2rem 0.5rem; vertical-align: top; text-align: start; }
.fm-report .fm-text th { background: #f0f0f0; }
.fm-report .fm-text th > p, .fm-report .fm-text td > p { margin: 0; }
.fm-report .fm-text figure { margin: 0.8rem 0; padding: 0.5rem 0.8rem; border: 1px solid #ddd; border-radius: 4px; }
.fm-report .fm-text figcaption { font-style: italic; }
.fm-report .fm-image { margin: 0 0 0.3rem; font-size: 0.9rem; }
${STATUSES.map(
  (s) => `.fm-report .fm-annotation.fm-status-${s} { border-left-color: ${COLOR[s].ink}; }
.fm-report .fm-status-${s} .fm-badge { color: ${COLOR[s].ink}; background: ${COLOR[s].tint}; }
.fm-report .fm-status-${s} mark, .fm-report mark.fm-status-${s} { background: ${COLOR[s].tint}; }`,
).join('\n')}
/* Each verdict also has its own border style, so it survives greyscale printing. */
.fm-report .fm-annotation.fm-status-disputed { border-left-style: double; }
.fm-report .fm-annotation.fm-status-needs_source { border-left-style: dashed; }
@media print {
  @page { margin: 16mm 14mm; }
  .fm-report { max-width: none; padding: 0; font-size: 10.5pt; color: #000; }
  .fm-report h2 { break-after: avoid; page-break-after: avoid; }
  .fm-report .fm-annotation, .fm-report .fm-summary, .fm-report .fm-review { break-inside: avoid; page-break-inside: avoid; }
  .fm-report a { color: #000; text-decoration: underline; }
  /* On paper a link is only as good as its printed address. */
  .fm-report a[href]:not(.fm-bare)::after { content: " <" attr(href) ">"; font-size: 0.85em; color: #333; overflow-wrap: anywhere; }
  .fm-report a + .fm-url { display: none; }
  .fm-report .fm-passage, .fm-report .fm-badge, .fm-report mark, .fm-report .fm-recheck, .fm-report .fm-needs-recheck { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** The complete standalone document. */
export function renderHtml(model: ReportModel): string {
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Factmark">
<title>${escapeHtml(`Fact-check report: ${model.article.title}`)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${renderHtmlBody(model)}
</body>
</html>
`;
}

/** The report as one `<main class="fm-report">` element, for embedding next to REPORT_CSS. */
export function renderHtmlBody(model: ReportModel): string {
  return `<main class="fm-report">
${renderHeader(model)}
${renderSummary(model)}
${renderReview(model.review)}
${renderArticleText(model)}
<section class="fm-annotations" aria-labelledby="fm-annotations-heading">
<h2 id="fm-annotations-heading">Annotations (${model.summary.total})</h2>
${model.items.length === 0 ? '<p>No annotations match this export.</p>' : model.items.map((item, i) => renderItem(model, item, i + 1)).join('\n')}
</section>
${renderRemoved(model)}
</main>`;
}

function renderHeader(model: ReportModel): string {
  const a = model.article;
  const meta: [string, string][] = [];
  if (a.byline) meta.push(['By', escapeHtml(a.byline)]);
  if (a.publisher) meta.push(['Publisher', escapeHtml(a.publisher)]);
  if (a.publishedAt) meta.push(['Published', escapeHtml(formatPublished(a.publishedAt))]);
  meta.push(['Language', escapeHtml(languageText(model))]);
  if (a.sourceUrl) {
    meta.push(['Source', a.sourceHref ? link(a.sourceHref, a.sourceUrl, true) : `<span class="fm-inert">${escapeHtml(a.sourceUrl)}</span>`]);
  }
  const exported = `Exported ${escapeHtml(formatDateTime(model.exportedAt))} by ${escapeHtml(model.exportedBy.name)}.`;
  const filters = model.filterLabels.length > 0 ? ` Filtered — ${escapeHtml(model.filterLabels.join('; '))}.` : '';
  return `<header>
<p class="fm-kicker">Fact-check report</p>
<h1${articleAttrs(model, 'auto')}>${escapeHtml(a.title)}</h1>
<p class="fm-revision">${escapeHtml(revisionText(model))}</p>
${meta.length > 0 ? `<dl class="fm-meta">\n${meta.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('\n')}\n</dl>` : ''}
<p class="fm-exported">${exported}${filters}</p>
</header>`;
}

function renderSummary(model: ReportModel): string {
  const { counts, total, coverage, stale, removed } = model.summary;
  const revisions: string[] = [];
  if (stale > 0) revisions.push(`<span class="fm-recheck">⚠ ${RECHECK_LABEL}</span> ${staleSummary(stale)}`);
  if (removed > 0) revisions.push(`<span class="fm-label">${REMOVED_HEADING}:</span> ${removedSummary(removed)}`);
  const rows = STATUSES.map(
    (s) => `<tr class="fm-status-${s}"><th scope="row"><span class="fm-badge">${escapeHtml(statusText(s))}</span></th><td class="fm-num">${counts[s]}</td></tr>`,
  ).join('\n');
  const reviewers =
    model.reviewers.length > 0
      ? model.reviewers.map((r) => `${escapeHtml(r.name)} (${r.annotations})`).join(', ')
      : 'none';
  return `<section class="fm-summary" aria-labelledby="fm-summary-heading">
<h2 id="fm-summary-heading">Summary</h2>
${barChart(counts)}
<table class="fm-counts">
<thead><tr><th scope="col">Verdict</th><th scope="col">Annotations</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th scope="row">Total</th><td class="fm-num">${total}</td></tr></tfoot>
</table>
<p><span class="fm-label">Coverage:</span> ${formatPercent(coverage.ratio)} of the article’s text (${coverage.covered.toLocaleString('en')} of ${coverage.length.toLocaleString('en')} characters) is under at least one annotation; overlapping annotations count once.</p>
${revisions.map((r) => `<p class="fm-revisions">${r}</p>`).join('\n')}
<p><span class="fm-label">Reviewers:</span> ${reviewers}</p>
</section>`;
}

/** The review (methodology) section: the model's statements as a definition list; nothing when the review is not known. */
function renderReview(review: ReportReview | null): string {
  if (!review) return '';
  const rows = review.statements.map((st) => {
    const text = st.freeText ? `<div class="fm-note">${escapeHtml(eventValue(st.text, true))}</div>` : escapeHtml(st.text);
    const list = st.list.length > 0 ? `<ul>\n${st.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>` : '';
    return `<dt>${escapeHtml(st.label)}</dt><dd>${text}${list}</dd>`;
  });
  return `<section class="fm-review" aria-labelledby="fm-review-heading">
<h2 id="fm-review-heading">${REVIEW_HEADING}</h2>
<dl class="fm-review-list">
${rows.join('\n')}
</dl>
</section>`;
}

/** A horizontal bar per verdict, labelled in text so it reads without colour. */
function barChart(counts: Record<Status, number>): string {
  const max = Math.max(1, ...STATUSES.map((s) => counts[s]));
  const labelWidth = 130;
  const barMax = 260;
  const rowHeight = 26;
  const width = labelWidth + barMax + 50;
  const height = STATUSES.length * rowHeight + 4;
  const description = STATUSES.map((s) => `${STATUS_LABEL[s]}: ${counts[s]}`).join(', ');
  const rows = STATUSES.map((s, i) => {
    const y = i * rowHeight + 4;
    const w = counts[s] === 0 ? 0 : Math.max(2, Math.round((counts[s] / max) * barMax));
    return `<g><text x="0" y="${y + 14}">${escapeHtml(`${STATUS_ICON[s]} ${STATUS_LABEL[s]}`)}</text>` +
      `<rect x="${labelWidth}" y="${y}" width="${w}" height="18" rx="2" fill="${COLOR[s].ink}"/>` +
      `<text x="${labelWidth + w + 6}" y="${y + 14}">${counts[s]}</text></g>`;
  }).join('');
  return `<svg class="fm-chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="fm-chart-title"><title id="fm-chart-title">${escapeHtml(`Annotations per verdict — ${description}`)}</title><g font-family="system-ui, 'DejaVu Sans', sans-serif" font-size="13" fill="#1d1d1f">${rows}</g></svg>`;
}

function renderItem(model: ReportModel, item: ReportItem, n: number): string {
  const c = item.context;
  const passage =
    `${c.clippedBefore ? '…' : ''}${escapeHtml(c.before)}<mark>${escapeHtml(c.passage)}</mark>${escapeHtml(c.after)}${c.clippedAfter ? '…' : ''}`;
  const mismatch = item.anchored
    ? ''
    : '\n<p class="fm-mismatch">The article text at this position differs from the annotated passage; the passage is shown as it was annotated.</p>';
  const recheck = item.stale ? `\n<p class="fm-recheck-note">${escapeHtml(recheckText(item))}</p>` : '';
  const badge = item.stale ? ` <span class="fm-recheck">⚠ ${RECHECK_LABEL}</span>` : '';
  const moved = item.moved ? ` <span class="fm-moved">${escapeHtml(movedText(item))}</span>` : '';
  const location = item.location ? ` <span class="fm-location">${escapeHtml(item.location)}</span>` : '';
  return `<article class="fm-annotation fm-status-${item.status}${item.stale ? ' fm-needs-recheck' : ''}" id="annotation-${item.id}">
<header><span class="fm-badge">${escapeHtml(statusText(item.status))}</span>${badge} <span class="fm-ref">${n}. Annotation #${item.id} · characters ${item.start}–${item.end}</span>${location}${moved}</header>
<blockquote class="fm-passage"${articleAttrs(model)}>${passage}</blockquote>${mismatch}${recheck}
${renderDetails(item)}
</article>`;
}

/** Verdicts whose passage a revision removed: apart, with the passage as it read. */
function renderRemoved(model: ReportModel): string {
  if (model.removed.length === 0) return '';
  return `<section class="fm-removed" aria-labelledby="fm-removed-heading">
<h2 id="fm-removed-heading">${REMOVED_HEADING} (${model.removed.length})</h2>
<p>${escapeHtml(REMOVED_INTRO)}</p>
${model.removed.map((item) => renderRemovedItem(model, item)).join('\n')}
</section>`;
}

function renderRemovedItem(model: ReportModel, item: ReportRemovedItem): string {
  return `<article class="fm-annotation fm-status-${item.status}" id="annotation-${item.id}">
<header><span class="fm-badge">${escapeHtml(statusText(item.status))}</span> <span class="fm-removed-in">Removed in revision ${item.removedIn}</span> <span class="fm-ref">Annotation #${item.id}</span></header>
<blockquote class="fm-passage fm-old"${articleAttrs(model, 'auto')}><mark>${escapeHtml(item.exact)}</mark></blockquote>
${renderDetails(item)}
</article>`;
}

/** Note, sources, reviewer line, replies and history: the same for placed and removed verdicts. */
function renderDetails(item: ReportVerdict): string {
  const note = item.note.trim()
    ? `<p class="fm-label">Note</p>\n<div class="fm-note" dir="auto">${escapeHtml(item.note)}</div>`
    : '';
  const sources =
    item.sources.length > 0
      ? `<p class="fm-label">Sources</p>\n<ul class="fm-sources">\n${item.sources.map((s) => `<li>${renderSource(s)}</li>`).join('\n')}\n</ul>`
      : '';
  const updated = item.updatedAt !== item.createdAt ? ` · updated ${escapeHtml(formatDateTime(item.updatedAt))}` : '';
  const history =
    item.history.length > 0
      ? `<p class="fm-label">History</p>\n<ol class="fm-history">\n${item.history.map(renderEvent).join('\n')}\n</ol>`
      : '';
  return `${note}
${sources}
<p class="fm-byline">Reviewer: ${escapeHtml(item.author.name)} · created ${escapeHtml(formatDateTime(item.createdAt))}${updated}</p>
${renderReplies(item.replies)}${history}`;
}

function renderReplies(replies: ReportReply[]): string {
  if (replies.length === 0) return '';
  const items = replies.map(
    (r) => `<li class="fm-reply" id="reply-${r.id}"><p class="fm-reply-meta">${escapeHtml(replyByline(r))}</p><div class="fm-reply-body" dir="auto">${escapeHtml(r.body)}</div></li>`,
  );
  return `<p class="fm-label">${escapeHtml(repliesHeading(replies.length))}</p>\n<ol class="fm-replies">\n${items.join('\n')}\n</ol>\n`;
}

function renderSource(s: ReportSource): string {
  if (s.href) {
    if (s.title) return `${link(s.href, s.title, false)} <span class="fm-url">${escapeHtml(s.href)}</span>`;
    return link(s.href, s.url, true);
  }
  const title = s.title ? `${escapeHtml(s.title)} — ` : '';
  return `${title}<span class="fm-inert">${escapeHtml(s.url)}</span> <span class="fm-url">(not a web link)</span>`;
}

/** `bare` marks links whose text already is the address, so print does not repeat it. */
function link(href: string, text: string, bare: boolean): string {
  // Defence in depth: callers pass normalised http(s) URLs only, but never trust that here.
  const safe = webHref(href);
  if (!safe) return `<span class="fm-inert">${escapeHtml(text)}</span>`;
  return `<a${bare ? ' class="fm-bare"' : ''} href="${escapeHtml(safe)}" rel="noopener noreferrer nofollow">${escapeHtml(text)}</a>`;
}

function renderEvent(e: ReportEvent): string {
  const change = eventChange(e, (v) => `<span class="fm-value">${escapeHtml(eventValue(v, e.freeText))}</span>`);
  return `<li><time datetime="${escapeHtml(e.at)}">${escapeHtml(formatDateTime(e.at))}</time> — ${escapeHtml(e.actor.name)}: ${escapeHtml(e.action)}${change}</li>`;
}

/**
 * ` lang="ar" dir="rtl"`: the article's language (an empty `lang` says "not known", rather than
 * inheriting the report's English) and its direction, or `dir="auto"` where a part (the title) may
 * not follow the article's base direction.
 */
function articleAttrs(model: ReportModel, dir: 'article' | 'auto' = 'article'): string {
  return ` lang="${escapeHtml(model.article.lang ?? '')}" dir="${dir === 'auto' ? 'auto' : model.article.dir}"`;
}

/** The article's text with its structure, passages under a verdict marked and referenced. */
function renderArticleText(model: ReportModel): string {
  const out: string[] = [];
  const ctx: TextContext = { model, out };
  for (const block of model.text.blocks) renderBlock(ctx, block);
  return `<section class="fm-article-text" aria-labelledby="fm-text-heading">
<h2 id="fm-text-heading">${escapeHtml(articleTextHeading(model))}</h2>
<p>${escapeHtml(ARTICLE_TEXT_INTRO)}</p>
<div class="fm-text"${articleAttrs(model)}>
${out.length > 0 ? out.join('') : '<p>(The article has no text.)</p>'}
</div>
</section>`;
}

interface TextContext {
  model: ReportModel;
  /** Pieces of HTML, joined once at the end. */
  out: string[];
}

function renderBlock(ctx: TextContext, block: ArticleBlock): void {
  const out = ctx.out;
  switch (block.kind) {
    case 'paragraph':
      out.push('<p>', renderSpans(ctx, block.spans), '</p>\n');
      return;
    case 'heading': {
      // The report's sections are h2: the article's headings sit below them.
      const level = Math.min(6, Math.max(3, block.level + 1));
      out.push(`<h${level}>`, renderSpans(ctx, block.spans), `</h${level}>\n`);
      return;
    }
    case 'quote':
      out.push('<blockquote>\n');
      for (const b of block.blocks) renderBlock(ctx, b);
      out.push('</blockquote>\n');
      return;
    case 'list':
      out.push(block.ordered ? (block.start === 1 ? '<ol>\n' : `<ol start="${block.start}">\n`) : '<ul>\n');
      for (const item of block.items) {
        out.push('<li>');
        for (const b of item) renderBlock(ctx, b);
        out.push('</li>\n');
      }
      out.push(block.ordered ? '</ol>\n' : '</ul>\n');
      return;
    case 'table': {
      out.push(`<div class="fm-table-scroll" role="region" aria-label="Table ${block.number}" tabindex="0">\n<table>\n`);
      block.rows.forEach((row, r) => {
        const head = block.headerRow && r === 0;
        if (head) out.push('<thead>\n');
        else if (r === (block.headerRow ? 1 : 0)) out.push('<tbody>\n');
        out.push('<tr>');
        for (const cell of row) renderCell(ctx, cell, head);
        out.push('</tr>\n');
        if (head) out.push('</thead>\n');
      });
      if (block.rows.length > (block.headerRow ? 1 : 0)) out.push('</tbody>\n');
      out.push('</table>\n</div>\n');
      return;
    }
    case 'figure': {
      out.push('<figure>\n');
      const img = block.image;
      if (img) {
        const href = webHref(img.src);
        const linkText = href ? link(href, 'Image', false) : 'Image (no web address)';
        out.push(`<p class="fm-image" dir="auto">${linkText} — ${escapeHtml(imageText(img))}</p>\n`);
      }
      if (block.caption) out.push('<figcaption>', renderSpans(ctx, block.caption), '</figcaption>\n');
      out.push('</figure>\n');
      return;
    }
  }
}

function renderCell(ctx: TextContext, cell: ArticleTableCell, inHeaderRow: boolean): void {
  const tag = cell.header ? 'th' : 'td';
  const scope = cell.header ? ` scope="${inHeaderRow ? 'col' : 'row'}"` : '';
  const spans = `${cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ''}${cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : ''}`;
  // A cell's blocks without the newlines between them: no stray white space around its text.
  const inner: TextContext = { model: ctx.model, out: [] };
  for (const b of cell.blocks) renderBlock(inner, b);
  ctx.out.push(`<${tag}${scope}${spans}>`, inner.out.join('').replace(/\n+$/, ''), `</${tag}>`);
}

/** A textblock's spans: marked where a verdict covers them (its status's tint; several statuses: fm-mixed), references after passage ends. */
function renderSpans(ctx: TextContext, spans: TextSpan[]): string {
  const items = ctx.model.items;
  let html = '';
  for (const span of spans) {
    const text = escapeHtml(span.text).replace(/\n/g, '<br>');
    if (span.mark === null || text === '') html += text;
    else {
      const title = span.mark === 'mixed' ? 'Passages with different verdicts overlap here' : STATUS_LABEL[span.mark];
      html += `<mark class="${span.mark === 'mixed' ? 'fm-mixed' : `fm-status-${span.mark}`}" title="${escapeHtml(title)}">${text}</mark>`;
    }
    for (const i of span.ends) {
      const item = items[i];
      html += `<a class="fm-mref" href="#annotation-${item.id}" dir="ltr">[${escapeHtml(verdictRef(item, i))}]</a>`;
    }
  }
  return html;
}
