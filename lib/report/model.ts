// The report model: everything an export shows, computed once from the article, its annotations
// and their history, so every format (HTML, Markdown, CSV, JSON-LD, PDF) renders the same facts.
// Framework-free and pure: no database, no Next; the route handler builds the ReportInput.
import type { AnnotationAuthor, AnnotationDto, AnnotationEventDto, AnnotationEventType, AnnotationSource } from '../annotations/types';
import { STATUSES, STATUS_LABEL, isStatus, type Status } from '../annotations/status';
import { CanonicalText } from '../document/canonical-text';

export interface ReportArticle {
  id: number;
  slug: string;
  title: string;
  byline: string | null;
  sourceUrl: string | null;
  publisher: string | null;
  publishedAt: string | null;
  plainText: string;
}

export interface ReportInput {
  article: ReportArticle;
  /** Already filtered, in document order (start, end, id). */
  annotations: AnnotationDto[];
  /** Per annotation id, oldest first. */
  history: Map<number, AnnotationEventDto[]>;
  exportedBy: { id: number; name: string };
  exportedAt: Date;
  /** Base URL of the app, e.g. "http://localhost:3000"; used for ids and links. */
  appUrl: string;
  filters: { status?: Status; reviewer?: number | string };
}

export interface ReportSource extends AnnotationSource {
  /** The URL normalised, when it is http(s) and may become a link; null means show it as inert text. */
  href: string | null;
}

export interface ReportEvent {
  id: number;
  type: AnnotationEventType;
  actor: AnnotationAuthor;
  /** UTC ISO 8601 ("…Z"), or the stored string when it does not parse. */
  at: string;
  /** What happened, e.g. "Status changed". */
  action: string;
  /** Old and new value as shown to a reader (statuses as their labels). */
  from: string | null;
  to: string | null;
  /** True when from/to are free text (a note), which renderers quote so its edges are visible. */
  freeText: boolean;
}

export interface PassageContext {
  /** Text just before the passage, on the same line (block or hard-break line), cut at a word boundary. */
  before: string;
  passage: string;
  after: string;
  /** True when `before`/`after` stop short of the line's edge (show an ellipsis). */
  clippedBefore: boolean;
  clippedAfter: boolean;
}

export interface ReportItem {
  id: number;
  status: Status;
  statusLabel: string;
  start: number;
  end: number;
  /** The TextQuoteSelector as stored with the annotation. */
  exact: string;
  prefix: string;
  suffix: string;
  context: PassageContext;
  /** False when the article text at [start, end) no longer equals `exact` (context then comes from prefix/suffix). */
  anchored: boolean;
  note: string;
  sources: ReportSource[];
  author: AnnotationAuthor;
  /** UTC ISO 8601 ("…Z"). */
  createdAt: string;
  updatedAt: string;
  history: ReportEvent[];
}

export interface ReportReviewer extends AnnotationAuthor {
  annotations: number;
}

export interface ReportModel {
  article: Omit<ReportArticle, 'plainText'> & {
    /** `sourceUrl` normalised when it is http(s), else null (shown, never linked). */
    sourceHref: string | null;
    /** Length of the canonical text in code points. */
    length: number;
  };
  exportedBy: { id: number; name: string };
  /** UTC ISO 8601 ("…Z"). */
  exportedAt: string;
  /** Without a trailing slash. */
  appUrl: string;
  /** Where the article is shown in the app; annotation anchors are `#annotation-<id>`. */
  articleUrl: string;
  filters: { status?: Status; reviewer?: number | string };
  /** The filters in words, e.g. ["Status: Disputed", "Reviewer: Ann"]; empty when unfiltered. */
  filterLabels: string[];
  summary: {
    counts: Record<Status, number>;
    total: number;
    coverage: { covered: number; length: number; ratio: number };
  };
  /** Distinct annotation authors, by name. */
  reviewers: ReportReviewer[];
  /** In document order. */
  items: ReportItem[];
}

/** Code points of context shown on each side of a passage. */
export const CONTEXT_CODE_POINTS = 80;

export function buildReportModel(input: ReportInput): ReportModel {
  const text = new CanonicalText(input.article.plainText);
  const annotations = inDocumentOrder(input.annotations);
  const appUrl = input.appUrl.replace(/\/+$/, '');
  const { plainText: _plainText, ...article } = input.article;

  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const reviewers = new Map<number, ReportReviewer>();
  const items: ReportItem[] = annotations.map((a) => {
    counts[a.status]++;
    const reviewer = reviewers.get(a.author.id);
    if (reviewer) reviewer.annotations++;
    else reviewers.set(a.author.id, { id: a.author.id, name: a.author.name, annotations: 1 });
    return buildItem(a, text, input.history.get(a.id) ?? []);
  });

  const covered = coveredLength(annotations, text.length);
  return {
    article: { ...article, sourceHref: webHref(article.sourceUrl), length: text.length },
    exportedBy: { id: input.exportedBy.id, name: input.exportedBy.name },
    exportedAt: input.exportedAt.toISOString(),
    appUrl,
    articleUrl: `${appUrl}/articles/${article.id}`,
    filters: { ...input.filters },
    filterLabels: describeFilters(input.filters, annotations),
    summary: {
      counts,
      total: items.length,
      coverage: { covered, length: text.length, ratio: text.length === 0 ? 0 : covered / text.length },
    },
    reviewers: [...reviewers.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id),
    items,
  };
}

/** The input promises document order; trust but verify in O(n), and sort a copy only if needed. */
function inDocumentOrder(annotations: AnnotationDto[]): AnnotationDto[] {
  const cmp = (a: AnnotationDto, b: AnnotationDto) => a.start - b.start || a.end - b.end || a.id - b.id;
  for (let i = 1; i < annotations.length; i++) {
    if (cmp(annotations[i - 1], annotations[i]) > 0) return [...annotations].sort(cmp);
  }
  return annotations;
}

/**
 * Code points under at least one annotation: one pass over the annotations sorted by start,
 * merging overlapping or touching ranges, so overlaps count once. Ranges are clamped to the text.
 */
export function coveredLength(sortedByStart: ReadonlyArray<{ start: number; end: number }>, length: number): number {
  let total = 0;
  let runStart = 0;
  let runEnd = -1;
  for (const { start, end } of sortedByStart) {
    const s = Math.max(0, Math.min(length, start));
    const e = Math.max(0, Math.min(length, end));
    if (e <= s) continue;
    if (s > runEnd) {
      if (runEnd > runStart) total += runEnd - runStart;
      runStart = s;
      runEnd = e;
    } else if (e > runEnd) {
      runEnd = e;
    }
  }
  if (runEnd > runStart) total += runEnd - runStart;
  return total;
}

function buildItem(a: AnnotationDto, text: CanonicalText, events: AnnotationEventDto[]): ReportItem {
  const inRange = a.start >= 0 && a.start <= a.end && a.end <= text.length;
  const anchored = inRange && text.slice(a.start, a.end) === a.exact;
  const context: PassageContext = anchored
    ? passageContext(text, a.start, a.end)
    : // The text moved under the annotation: fall back to the quote stored with it.
      { before: a.prefix, passage: a.exact, after: a.suffix, clippedBefore: true, clippedAfter: true };
  return {
    id: a.id,
    status: a.status,
    statusLabel: STATUS_LABEL[a.status],
    start: a.start,
    end: a.end,
    exact: a.exact,
    prefix: a.prefix,
    suffix: a.suffix,
    context,
    anchored,
    note: a.note,
    sources: a.sources.map((s) => ({ url: s.url, title: s.title, href: webHref(s.url) })),
    author: { id: a.author.id, name: a.author.name },
    createdAt: utcIso(a.createdAt) ?? a.createdAt,
    updatedAt: utcIso(a.updatedAt) ?? a.updatedAt,
    history: events.map(describeEvent),
  };
}

/**
 * The passage with up to CONTEXT_CODE_POINTS code points either side, cut at word boundaries and
 * at the nearest line break (blocks are joined by "\n\n", hard breaks are "\n"), so the context
 * never runs into the neighbouring paragraph. Work is proportional to the passage plus the window.
 */
export function passageContext(text: CanonicalText, start: number, end: number): PassageContext {
  const full = text.text;
  const s = text.unitFromOffset(start);
  const e = text.unitFromOffset(end);
  const windowStart = text.unitFromOffset(start - CONTEXT_CODE_POINTS);
  const windowEnd = text.unitFromOffset(end + CONTEXT_CODE_POINTS);

  let before = full.slice(windowStart, s);
  let clippedBefore = windowStart > 0;
  const lineStart = before.lastIndexOf('\n');
  if (lineStart >= 0) {
    before = before.slice(lineStart + 1);
    clippedBefore = false;
  } else if (clippedBefore && !isSpace(full[windowStart - 1])) {
    // The window starts inside a word: drop that partial word.
    const firstSpace = before.search(/\s/);
    before = firstSpace >= 0 ? before.slice(firstSpace) : '';
  }
  if (clippedBefore) before = before.replace(/^\s+/, '');

  let after = full.slice(e, windowEnd);
  let clippedAfter = windowEnd < full.length;
  const lineEnd = after.indexOf('\n');
  if (lineEnd >= 0) {
    after = after.slice(0, lineEnd);
    clippedAfter = false;
  } else if (clippedAfter && !isSpace(full[windowEnd])) {
    let lastSpace = after.length - 1;
    while (lastSpace >= 0 && !isSpace(after[lastSpace])) lastSpace--;
    after = lastSpace >= 0 ? after.slice(0, lastSpace) : '';
  }
  if (clippedAfter) after = after.replace(/\s+$/, '');

  return { before, passage: full.slice(s, e), after, clippedBefore, clippedAfter };
}

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/.test(ch);
}

const EVENT_ACTION: Record<AnnotationEventType, string> = {
  created: 'Created',
  status_changed: 'Status changed',
  note_edited: 'Note edited',
  source_added: 'Source added',
  source_removed: 'Source removed',
  deleted: 'Deleted',
};

function describeEvent(e: AnnotationEventDto): ReportEvent {
  // Status values are stored raw ("needs_source"); readers see the label.
  const show = (v: string | null) => (v !== null && isStatus(v) ? STATUS_LABEL[v] : v);
  return {
    id: e.id,
    type: e.type,
    actor: { id: e.actor.id, name: e.actor.name },
    at: utcIso(e.createdAt) ?? e.createdAt,
    action: EVENT_ACTION[e.type] ?? e.type,
    from: show(e.from),
    to: show(e.to),
    freeText: e.type === 'note_edited',
  };
}

function describeFilters(filters: ReportInput['filters'], annotations: AnnotationDto[]): string[] {
  const labels: string[] = [];
  if (filters.status) labels.push(`Status: ${STATUS_LABEL[filters.status]}`);
  if (filters.reviewer !== undefined && filters.reviewer !== '') {
    const r = filters.reviewer;
    const name = typeof r === 'number' ? annotations.find((a) => a.author.id === r)?.author.name ?? `#${r}` : r;
    labels.push(`Reviewer: ${name}`);
  }
  return labels;
}

/**
 * An http(s) URL normalised by the WHATWG parser (so it carries no raw spaces, quotes or angle
 * brackets), or null for anything else (javascript:, data:, relative, unparsable): only these
 * become links in any export.
 */
export function webHref(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/**
 * A timestamp as UTC ISO 8601 ending in "Z" (whole seconds drop the ".000"). A string without a
 * zone (e.g. SQLite's "2024-12-01 10:00:00") is read as UTC, as the DTOs promise. Null if unparsable.
 */
export function utcIso(value: string | Date): string | null {
  let date: Date;
  if (value instanceof Date) date = value;
  else {
    const s = value.trim();
    const zoneless = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s);
    date = new Date(zoneless ? `${s.replace(' ', 'T')}Z` : s);
  }
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

/** "2024-12-01 14:03 UTC" — one unambiguous form in every export, independent of the server's locale. */
export function formatDateTime(value: string): string {
  const iso = utcIso(value);
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : value;
}

/** A published date as given when it is a bare date, else formatted like formatDateTime. */
export function formatPublished(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? value.trim() : formatDateTime(value);
}

/** "12.3 %" with one decimal; a non-zero share below 0.05 % shows as "< 0.1 %" rather than "0.0 %". */
export function formatPercent(ratio: number): string {
  if (ratio > 0 && ratio < 0.0005) return '< 0.1 %';
  return `${(ratio * 100).toFixed(1)} %`;
}

/** The stable in-app URL of one annotation (used by HTML anchors and ClaimReview). */
export function annotationUrl(model: ReportModel, id: number): string {
  return `${model.articleUrl}#annotation-${id}`;
}

/** A verdict marker that does not rely on colour. */
export const STATUS_ICON: Record<Status, string> = {
  verified: '✓',
  disputed: '✗',
  needs_source: '?',
};

export function statusText(status: Status): string {
  return `${STATUS_ICON[status]} ${STATUS_LABEL[status]}`;
}

/** An event's old or new value for display: notes are quoted so their edges show, an empty one says so. */
export function eventValue(value: string, freeText: boolean): string {
  if (!freeText) return value;
  return value.trim() === '' ? '(empty)' : `“${value}”`;
}

/**
 * The change an event made, as ": old → new", or ": value" when there is only one side (a creation's
 * status, an added or removed source); empty when there is none. `show` renders (and escapes) a value.
 */
export function eventChange(e: ReportEvent, show: (value: string) => string): string {
  if (e.from !== null && e.to !== null) return `: ${show(e.from)} → ${show(e.to)}`;
  const only = e.to ?? e.from;
  return only === null ? '' : `: ${show(only)}`;
}
