// The report model: everything an export shows, computed once from the article, its annotations,
// their history and replies, and the article's review, so every format (HTML, Markdown, CSV,
// JSON-LD, PDF) renders the same facts. Framework-free and pure: no database, no Next; the route
// handler builds the ReportInput (db/queries/reports.ts).
// A report is on one revision of the article: verdicts placed in its text are `items`; verdicts
// whose passage a revision removed have no place in it and are listed apart (`removed`).
// Each verdict carries its live replies (`ReportVerdict.replies`), and the report carries the
// review — state, assignees, sign-off, second check and agreement — as data and as the sentences
// every format prints (`ReportModel.review`, built by describeReview).
// The report also carries the article's language and base direction, its text with its structure
// (tables, figures) and the verdicts marked in it (`ReportModel.text`, lib/report/article-text.ts),
// and where each verdict sits when that is a table cell or a caption (`ReportItem.location`).
import type { AnnotationAuthor, AnnotationDto, AnnotationEventDto, AnnotationEventType, AnnotationSource } from '../annotations/types';
import { STATUSES, STATUS_LABEL, isStatus, type Status } from '../annotations/status';
import { CanonicalText } from '../document/canonical-text';
import type { TextDirection } from '../document/direction';
import type { ReplyDto } from '../replies/types';
import { REVIEW_STATE_LABEL, type ReviewSummary } from '../review/types';
import { ANCHOR_STATES, ANCHOR_STATE_LABEL, type AnchorState } from '../revisions/types';
import { buildArticleText, type ArticleText } from './article-text';

export interface ReportArticle {
  id: number;
  slug: string;
  title: string;
  byline: string | null;
  sourceUrl: string | null;
  publisher: string | null;
  publishedAt: string | null;
  /** The canonical text of the current revision. */
  plainText: string;
  /** The number of the current revision, the one the report is on. */
  revision: number;
  /** When the current revision was made, ISO 8601. */
  revisedAt: string;
  /** The article's language (BCP 47) as stored; null or left out: not known. */
  lang?: string | null;
  /** The article's base direction; left out: 'ltr'. */
  dir?: TextDirection;
  /**
   * The current revision's document (ProseMirror JSON), whose textblocks are `plainText`; null or
   * left out: the article text section shows the plain text's paragraphs.
   */
  doc?: unknown;
}

export interface ReportInput {
  article: ReportArticle;
  /** Already filtered, in document order (start, end, id). */
  annotations: AnnotationDto[];
  /** Per annotation id, oldest first. */
  history: Map<number, AnnotationEventDto[]>;
  /**
   * Live replies per annotation id, oldest first — read only for the annotations above, so a
   * verdict hidden by a blind second check cannot leak through its thread. Left out: none.
   */
  replies?: Map<number, ReplyDto[]>;
  /** The article's review (db/queries/review.ts getReviewSummary); null or left out: not known. */
  review?: ReviewSummary | null;
  exportedBy: { id: number; name: string };
  exportedAt: Date;
  /** Base URL of the app, e.g. "http://localhost:3000"; used for ids and links. */
  appUrl: string;
  filters: { statuses?: Status[]; reviewer?: number | string };
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

/** What every verdict in a report carries, whether or not it has a place in the current text. */
export interface ReportVerdict {
  id: number;
  status: Status;
  statusLabel: string;
  /** The TextQuoteSelector as stored with the annotation. */
  exact: string;
  prefix: string;
  suffix: string;
  note: string;
  sources: ReportSource[];
  author: AnnotationAuthor;
  /** UTC ISO 8601 ("…Z"). */
  createdAt: string;
  updatedAt: string;
  history: ReportEvent[];
  /** The verdict's live replies, oldest first (empty when none). */
  replies: ReportReply[];
}

/** One reply in a verdict's thread (plain text: renderers escape it and keep its line breaks). */
export interface ReportReply {
  id: number;
  author: AnnotationAuthor;
  body: string;
  /** UTC ISO 8601 ("…Z"). */
  createdAt: string;
  updatedAt: string;
  /** Changed after it was posted (show "edited"). */
  edited: boolean;
  /** The reply asked for the signed-off article to go back to review. */
  reopens: boolean;
}

/**
 * One line of the report's "Review" (methodology) section: a label and a sentence, the same words
 * in every format. Plain text: renderers escape it.
 */
export interface ReviewStatement {
  /** E.g. "Review state", "Signed off", "Second check". */
  label: string;
  text: string;
  /** `text` was written by a person (the sign-off reason): quote it and keep its line breaks. */
  freeText: boolean;
  /** Items listed under the sentence (what blocked a sign-off an editor overrode); empty when none. */
  list: string[];
}

/**
 * The review as a report shows it: the ReviewSummary as loaded (state, assignees, sign-off with its
 * reason and what it overrode, second check, agreement figures) and, in `statements`, the
 * sentences that say it — renderers print `statements` in order under a "Review" heading.
 */
export interface ReportReview extends ReviewSummary {
  stateLabel: string;
  statements: ReviewStatement[];
}

/** How a placed passage fared across revisions (`removed` ones are not placed). */
export type PlacedAnchorState = Exclude<AnchorState, 'removed'>;

/** A verdict on a passage of the current revision. */
export interface ReportItem extends ReportVerdict {
  start: number;
  end: number;
  context: PassageContext;
  /** False when the article text at [start, end) no longer equals `exact` (context then comes from prefix/suffix). */
  anchored: boolean;
  anchorState: PlacedAnchorState;
  /** A revision changed the passage and no reviewer has re-confirmed the verdict since: "needs re-check". */
  stale: boolean;
  /** A revision moved the passage; its words are as they were. */
  moved: boolean;
  /** The revision that moved or changed the passage; null when unchanged. */
  changedIn: number | null;
  /** The passage as it read before that revision, when it read differently; else null. */
  previousExact: string | null;
  /** Where the passage sits when that is not a plain paragraph, e.g. "Table 1, row 3, column 2 (“Budget”)"; else null. */
  location: string | null;
}

/** A verdict whose passage a revision took out of the article: it has no offsets in the current text. */
export interface ReportRemovedItem extends ReportVerdict {
  /** The revision that removed the passage. `exact` is the passage as it read before it. */
  removedIn: number;
}

export interface ReportReviewer extends AnnotationAuthor {
  annotations: number;
}

export interface ReportModel {
  article: Omit<ReportArticle, 'plainText' | 'doc' | 'lang' | 'dir'> & {
    lang: string | null;
    dir: TextDirection;
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
  filters: { statuses?: Status[]; reviewer?: number | string };
  /** The filters in words, e.g. ["Status: Disputed", "Reviewer: Ann"]; empty when unfiltered. */
  filterLabels: string[];
  /** The verdicts placed in the current text (`items`); removed ones are counted apart. */
  summary: {
    counts: Record<Status, number>;
    total: number;
    /** Items whose verdict needs re-check. */
    stale: number;
    /** Length of `removed`. */
    removed: number;
    coverage: { covered: number; length: number; ratio: number };
  };
  /** Distinct annotation authors, by name, counting their placed and removed verdicts. */
  reviewers: ReportReviewer[];
  /** In document order. */
  items: ReportItem[];
  /** Verdicts whose passage a revision removed, by that revision, then id. */
  removed: ReportRemovedItem[];
  /** The review section (methodology); null when the review is not known (then print no section). */
  review: ReportReview | null;
  /** The article's text (current revision) with `items` marked in it, for the formats that print it. */
  text: ArticleText;
}

/** Code points of context shown on each side of a passage. */
export const CONTEXT_CODE_POINTS = 80;

type PlacedAnnotation = AnnotationDto & { start: number; end: number };

/** Placed in the current text: not removed, and with offsets (a removed one has none). */
function isPlaced(a: AnnotationDto): a is PlacedAnnotation {
  return a.anchor.state !== 'removed' && a.start !== null && a.end !== null;
}

export function buildReportModel(input: ReportInput): ReportModel {
  const text = new CanonicalText(input.article.plainText);
  const annotations = inDocumentOrder(input.annotations.filter(isPlaced));
  const appUrl = input.appUrl.replace(/\/+$/, '');
  const { plainText: _plainText, doc, lang, dir, ...article } = input.article;

  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const reviewers = new Map<number, ReportReviewer>();
  const replies = (id: number) => (input.replies?.get(id) ?? []).map(buildReply);
  const countReviewer = (a: AnnotationDto) => {
    const reviewer = reviewers.get(a.author.id);
    if (reviewer) reviewer.annotations++;
    else reviewers.set(a.author.id, { id: a.author.id, name: a.author.name, annotations: 1 });
  };
  const items: ReportItem[] = annotations.map((a) => {
    counts[a.status]++;
    countReviewer(a);
    return buildItem(a, text, input.history.get(a.id) ?? [], replies(a.id));
  });
  const removed: ReportRemovedItem[] = input.annotations
    .filter((a) => !isPlaced(a))
    .map((a) => {
      countReviewer(a);
      return buildRemovedItem(a, input.history.get(a.id) ?? [], replies(a.id));
    })
    .sort((a, b) => a.removedIn - b.removedIn || a.id - b.id);

  const covered = coveredLength(annotations, text.length);
  const articleText = buildArticleText(doc ?? null, text, items, (i) => items[i].anchored);
  items.forEach((item, i) => (item.location = articleText.locations[i]));
  return {
    article: { ...article, lang: lang ?? null, dir: dir ?? 'ltr', revisedAt: utcIso(article.revisedAt) ?? article.revisedAt, sourceHref: webHref(article.sourceUrl), length: text.length },
    exportedBy: { id: input.exportedBy.id, name: input.exportedBy.name },
    exportedAt: input.exportedAt.toISOString(),
    appUrl,
    articleUrl: `${appUrl}/articles/${article.id}`,
    filters: { ...input.filters },
    filterLabels: describeFilters(input.filters, input.annotations),
    summary: {
      counts,
      total: items.length,
      stale: items.filter((i) => i.stale).length,
      removed: removed.length,
      coverage: { covered, length: text.length, ratio: text.length === 0 ? 0 : covered / text.length },
    },
    reviewers: [...reviewers.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id),
    items,
    removed,
    review: input.review ? describeReview(input.review) : null,
    text: articleText.text,
  };
}

/** The input promises document order; trust but verify in O(n), and sort a copy only if needed. */
function inDocumentOrder(annotations: PlacedAnnotation[]): PlacedAnnotation[] {
  const cmp = (a: PlacedAnnotation, b: PlacedAnnotation) => a.start - b.start || a.end - b.end || a.id - b.id;
  for (let i = 1; i < annotations.length; i++) {
    if (cmp(annotations[i - 1], annotations[i]) > 0) return [...annotations].sort(cmp);
  }
  return annotations;
}

/**
 * Code points under at least one annotation: one pass over the annotations sorted by start,
 * merging overlapping or touching ranges, so overlaps count once. Ranges are clamped to the text;
 * a range without offsets (a passage a revision removed) covers nothing.
 */
export function coveredLength(sortedByStart: ReadonlyArray<{ start: number | null; end: number | null }>, length: number): number {
  let total = 0;
  let runStart = 0;
  let runEnd = -1;
  for (const { start, end } of sortedByStart) {
    if (start === null || end === null) continue;
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

function buildReply(r: ReplyDto): ReportReply {
  const createdAt = utcIso(r.createdAt) ?? r.createdAt;
  const updatedAt = utcIso(r.updatedAt) ?? r.updatedAt;
  return { id: r.id, author: { id: r.author.id, name: r.author.name }, body: r.body, createdAt, updatedAt, edited: updatedAt !== createdAt, reopens: r.reopens };
}

function buildVerdict(a: AnnotationDto, events: AnnotationEventDto[], replies: ReportReply[]): ReportVerdict {
  return {
    id: a.id,
    status: a.status,
    statusLabel: STATUS_LABEL[a.status],
    exact: a.exact,
    prefix: a.prefix,
    suffix: a.suffix,
    note: a.note,
    sources: a.sources.map((s) => ({ url: s.url, title: s.title, href: webHref(s.url) })),
    author: { id: a.author.id, name: a.author.name },
    createdAt: utcIso(a.createdAt) ?? a.createdAt,
    updatedAt: utcIso(a.updatedAt) ?? a.updatedAt,
    history: events.map(describeEvent),
    replies,
  };
}

function buildItem(a: PlacedAnnotation, text: CanonicalText, events: AnnotationEventDto[], replies: ReportReply[]): ReportItem {
  const inRange = a.start >= 0 && a.start <= a.end && a.end <= text.length;
  const anchored = inRange && text.slice(a.start, a.end) === a.exact;
  const context: PassageContext = anchored
    ? passageContext(text, a.start, a.end)
    : // The text moved under the annotation: fall back to the quote stored with it.
      { before: a.prefix, passage: a.exact, after: a.suffix, clippedBefore: true, clippedAfter: true };
  // isPlaced already excluded 'removed'; the test only narrows the type.
  const state: PlacedAnchorState = a.anchor.state === 'removed' ? 'unchanged' : a.anchor.state;
  const previous = a.anchor.previousExact;
  const v = buildVerdict(a, events, replies);
  // Fields copied one by one, not `...v`: spreading and then adding ten properties made building
  // 50,000 items three times slower (measured: ~5 s against ~1.5 s; see the linear test).
  return {
    id: v.id,
    status: v.status,
    statusLabel: v.statusLabel,
    exact: v.exact,
    prefix: v.prefix,
    suffix: v.suffix,
    note: v.note,
    sources: v.sources,
    author: v.author,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    history: v.history,
    replies: v.replies,
    start: a.start,
    end: a.end,
    context,
    anchored,
    anchorState: state,
    stale: state === 'changed',
    moved: state === 'moved',
    changedIn: state === 'unchanged' ? null : revisionOf(state, a, events),
    previousExact: state !== 'unchanged' && previous !== undefined && previous !== a.exact ? previous : null,
    location: null,
  };
}

function buildRemovedItem(a: AnnotationDto, events: AnnotationEventDto[], replies: ReportReply[]): ReportRemovedItem {
  return { ...buildVerdict(a, events, replies), removedIn: revisionOf('removed', a, events) };
}

/**
 * The revision that put the passage in its state: the latest `reanchored` event to that state
 * says so; without one, the anchor's own revision (the current one, which is the same revision
 * unless later revisions left the passage as it was).
 */
function revisionOf(state: AnchorState, a: AnnotationDto, events: AnnotationEventDto[]): number {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.type !== 'reanchored') continue;
    const to = parseReanchoredTo(e.to);
    if (to?.state === state) return to.revision;
  }
  return a.anchor.revision;
}

/** A `reanchored` event's `to`: "<new revision> <state>", e.g. "2 changed". */
export function parseReanchoredTo(value: string | null): { revision: number; state: AnchorState } | null {
  const m = /^\s*(\d+)\s+(\w+)\s*$/.exec(value ?? '');
  if (!m || !isAnchorState(m[2])) return null;
  return { revision: Number(m[1]), state: m[2] };
}

function isAnchorState(value: unknown): value is AnchorState {
  return typeof value === 'string' && (ANCHOR_STATES as readonly string[]).includes(value);
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
  sources_reordered: 'Sources reordered',
  deleted: 'Deleted',
  reanchored: 'Re-anchored',
  reconfirmed: 'Re-confirmed',
  reply_added: 'Reply added',
  reply_edited: 'Reply edited',
  reply_deleted: 'Reply deleted',
  adjudicated: 'Adjudicated',
};

/** Events whose values are text people wrote (a note; a reply: added → its text, edited → old and new, deleted → its text). */
const FREE_TEXT_EVENTS = new Set<AnnotationEventType>(['note_edited', 'reply_added', 'reply_edited', 'reply_deleted']);

function describeEvent(e: AnnotationEventDto): ReportEvent {
  // Status values are stored raw ("needs_source"), anchor states too ("changed"); readers see labels.
  const show = (v: string | null) => (v !== null && isStatus(v) ? STATUS_LABEL[v] : v);
  const event: ReportEvent = {
    id: e.id,
    type: e.type,
    actor: { id: e.actor.id, name: e.actor.name },
    at: utcIso(e.createdAt) ?? e.createdAt,
    action: EVENT_ACTION[e.type] ?? e.type,
    from: show(e.from),
    to: show(e.to),
    freeText: FREE_TEXT_EVENTS.has(e.type),
  };
  if (e.type === 'reanchored') {
    // "Re-anchored to revision 2: Needs re-check" (the old revision is the one before it).
    const to = parseReanchoredTo(e.to);
    if (to) return { ...event, action: `Re-anchored to revision ${to.revision}`, from: null, to: ANCHOR_STATE_LABEL[to.state] };
  }
  if (e.type === 'reconfirmed') {
    // "Re-confirmed: Needs re-check → Verified".
    return { ...event, from: isAnchorState(e.from) ? ANCHOR_STATE_LABEL[e.from] : e.from };
  }
  return event;
}

/** "1 passage", "3 passages". */
function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** Cohen's kappa as printed: two decimals ("0.62", "−0.10"), or "undefined" when it is. */
export function formatKappa(kappa: number | null): string {
  if (kappa === null || !Number.isFinite(kappa)) return 'undefined';
  return kappa.toFixed(2).replace('-', '−');
}

/** The second check's agreement in one clause, e.g. "agreement on 6 of 8 passages both checks found (…), Cohen's kappa 0.62 (substantial)". */
export function agreementText(agreement: NonNullable<ReviewSummary['agreement']>): string {
  const { agree, disagree, onlyFirst, onlySecond, kappa, bothFound, meaning } = agreement;
  const both = agree + disagree;
  const total = both + onlyFirst + onlySecond;
  return (
    `agreement on ${agree.toLocaleString('en')} of ${count(both, 'passage')} both checks found (${disagree.toLocaleString('en')} disagreed; ` +
    `${formatPercent(bothFound)} of all ${count(total, 'passage')} were found by both, ${onlyFirst.toLocaleString('en')} by the first check only, ${onlySecond.toLocaleString('en')} by the second only), ` +
    `Cohen’s kappa ${formatKappa(kappa)}${meaning ? ` (${meaning})` : ''}`
  );
}

/** The review as sentences (see ReportReview): the same facts in every format. */
export function describeReview(review: ReviewSummary): ReportReview {
  const stateLabel = REVIEW_STATE_LABEL[review.state] ?? review.state;
  const statement = (label: string, text: string, extra: Partial<ReviewStatement> = {}): ReviewStatement => ({ label, text, freeText: false, list: [], ...extra });
  const statements: ReviewStatement[] = [statement('Review state', `${stateLabel}.`)];
  statements.push(statement('Assigned to', review.assignees.length > 0 ? `${review.assignees.map((a) => a.name).join(', ')}.` : 'Nobody.'));
  const signOff = review.signOff;
  if (signOff) {
    statements.push(statement('Signed off', `By ${signOff.by.name} on ${formatDateTime(signOff.at)}.`));
    if (signOff.overridden.length > 0) {
      const n = signOff.overridden.length;
      statements.push(
        statement('Overridden', `${signOff.by.name} signed off although ${n === 1 ? 'one thing' : `${n.toLocaleString('en')} things`} still blocked it:`, {
          list: signOff.overridden.map((b) => b.message),
        }),
      );
    }
    if (signOff.reason !== null && signOff.reason.trim() !== '') statements.push(statement('Reason given', signOff.reason, { freeText: true }));
  }
  const check = review.secondCheck;
  if (!check) statements.push(statement('Second check', 'No independent second check was requested.'));
  else if (check.doneAt === null) {
    statements.push(
      statement('Second check', `An independent second check by ${check.reviewer.name} was requested by ${check.requestedBy.name} on ${formatDateTime(check.requestedAt)} and is not finished yet.`),
    );
  } else {
    const figures = review.agreement ? `: ${agreementText(review.agreement)}.` : '.';
    statements.push(
      statement('Second check', `An independent second check was done by ${check.reviewer.name} (requested by ${check.requestedBy.name}, finished at ${formatDateTime(check.doneAt)})${figures}`),
    );
  }
  return { ...review, stateLabel, statements };
}

function describeFilters(filters: ReportInput['filters'], annotations: readonly AnnotationDto[]): string[] {
  const labels: string[] = [];
  if (filters.statuses?.length) labels.push(`Status: ${filters.statuses.map((s) => STATUS_LABEL[s]).join(' or ')}`);
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

/** "Revision 2 of 2024-12-04 16:20 UTC": the revision a report is on, in every format ("revision …" mid-sentence). */
export function revisionText(model: ReportModel, midSentence = false): string {
  return `${midSentence ? 'revision' : 'Revision'} ${model.article.revision} of ${formatDateTime(model.article.revisedAt)}`;
}

/** What a reader is told about a stale verdict, after its "Needs re-check" marker. */
export function recheckText(item: ReportItem): string {
  const since = item.changedIn === null ? 'A revision' : `Revision ${item.changedIn}`;
  return item.previousExact === null
    ? `${since} changed this passage; the verdict has not been re-confirmed since.`
    : `${since} changed this passage; the verdict was given when it read “${item.previousExact}” and has not been re-confirmed since.`;
}

/** The marker of a moved passage, e.g. "moved in revision 2". */
export function movedText(item: ReportItem): string {
  return item.changedIn === null ? 'moved in a revision' : `moved in revision ${item.changedIn}`;
}

export const RECHECK_LABEL = ANCHOR_STATE_LABEL.changed;

/** The summary's line on stale verdicts, after the "Needs re-check" marker. */
export function staleSummary(count: number): string {
  return count === 1
    ? '1 of these verdicts: a revision changed its passage after the verdict was given.'
    : `${count} of these verdicts: a revision changed their passages after the verdicts were given.`;
}

/** The summary's line on removed verdicts, after the "Removed in a revision" heading. */
export function removedSummary(count: number): string {
  return count === 1 ? '1 more verdict, listed apart and not counted above.' : `${count} more verdicts, listed apart and not counted above.`;
}
export const REMOVED_HEADING = 'Removed in a revision';
export const REMOVED_INTRO =
  'A later revision took these passages out of the article, so their verdicts have no place in the current text. Each is shown with the passage as it read before.';

/** "Replies (2)": the heading over a verdict's thread in every format. */
export function repliesHeading(count: number): string {
  return `Replies (${count.toLocaleString('en')})`;
}

/** A reply's byline, e.g. "Alice Martin · 2024-12-03 09:00 UTC · edited 2024-12-03 09:05 UTC · asked to reopen the review". */
export function replyByline(reply: ReportReply): string {
  const parts = [reply.author.name, formatDateTime(reply.createdAt)];
  if (reply.edited) parts.push(`edited ${formatDateTime(reply.updatedAt)}`);
  if (reply.reopens) parts.push(REOPENED_TEXT);
  return parts.join(' · ');
}
export const REOPENED_TEXT = 'reopened the signed-off review';

/** The heading of the review (methodology) section. */
export const REVIEW_HEADING = 'Review';

/** A verdict marker that does not rely on colour. */
export const STATUS_ICON: Record<Status, string> = {
  verified: '✓',
  disputed: '✗',
  needs_source: '?',
};

export function statusText(status: Status): string {
  return `${STATUS_ICON[status]} ${STATUS_LABEL[status]}`;
}

/** The reference printed after a marked passage in the article text: the verdict's number and label, e.g. "3 ✗ Disputed". */
export function verdictRef(item: ReportItem, index: number): string {
  return `${index + 1} ${statusText(item.status)}`;
}

/** The heading of the article text section, e.g. "Article text (revision 2)". */
export function articleTextHeading(model: ReportModel): string {
  return `Article text (revision ${model.article.revision})`;
}

/** What the article text section says before the text. */
export const ARTICLE_TEXT_INTRO = 'Passages under a verdict are marked; the reference after a passage, e.g. [1 ✓ Verified], is its number in the list of annotations.';

/** "Arabic · right to left": the article's language and direction in words, for the report's header. */
export function languageText(model: ReportModel): string {
  const { lang, dir } = model.article;
  let name: string | null = null;
  if (lang) {
    try {
      name = new Intl.DisplayNames(['en'], { type: 'language' }).of(lang) ?? null;
    } catch {
      name = null;
    }
  }
  const direction = dir === 'rtl' ? 'right to left' : 'left to right';
  return `${name && lang ? `${name} (${lang})` : (lang ?? 'not known')} · ${direction}`;
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
