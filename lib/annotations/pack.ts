// A compact form of an article's annotations for the page's first render. Thousands of
// annotations as objects repeat every key and author in the HTML; here they are columns of small
// numbers (ids, offsets and times as differences from the previous annotation, in document
// order), an author table, and sparse lists for what most annotations lack (a note, sources, a
// version above 1). Numbers need no quoting inside the page's inline script, so the payload costs
// a fraction of the bytes to send, parse and hydrate (bench/results/paint.md). The quoted text is
// not sent when the server has checked that it is exactly the article's text at the offsets (the
// client reads it from its own copy of the text); a quote that does not match travels in full,
// with its context, so the editor can re-anchor it or refuse to paint it. An anchor other than a
// plain `unchanged` one (moved, stale, removed by a revision) travels in its own sparse list.
import type { CanonicalText } from '../document/canonical-text';
import { ANCHOR_STATES, type AnchorState } from '../revisions/types';
import type { AnnotationAnchor, AnnotationDto } from './types';
import { STATUSES, type Status } from './status';

export interface PackedAnnotations {
  articleId: number;
  /** The revision every annotation's offsets refer to. */
  revision: number;
  authors: [id: number, name: string][];
  /** One entry per annotation, in the order packed: id minus the previous annotation's id. */
  ids: number[];
  /** Index into STATUSES. */
  statuses: number[];
  /** Start minus the previous placed annotation's start; 0 for a removed passage (no offsets). */
  starts: number[];
  /** End minus start (0 for a removed passage). */
  lengths: number[];
  /** Index into `authors`. */
  authorOf: number[];
  /** Creation time (ms) minus the previous annotation's. */
  created: number[];
  /** Last change minus creation (ms). */
  updated: number[];
  /** Sparse, by position in the columns: versions above 1, notes, sources. */
  versions: [at: number, version: number][];
  notes: [at: number, note: string][];
  sources: [at: number, sources: [url: string, title: string | null][]][];
  /** Quotes that differ from the text at the offsets (and every removed passage's). */
  quotes: [at: number, exact: string, prefix: string, suffix: string][];
  /** Anchors other than a plain `unchanged` one. */
  anchors: [at: number, state: number, previousExact: string | null, previousRevision: number | null][];
  /** Sparse: [id, live replies] for annotations that have any. */
  replyCounts: [id: number, count: number][];
  /** Ids of the annotations made for a second check. */
  secondCheck: number[];
}

export interface PackableAnnotation {
  id: number;
  status: Status;
  /** As stored; for a removed passage they point into an older revision and are not sent. */
  start: number;
  end: number;
  anchorState: AnchorState;
  previousExact: string | null;
  previousRevision: number | null;
  exact: string;
  prefix: string;
  suffix: string;
  authorId: number;
  authorName: string;
  created: number;
  updated: number;
  version: number;
  note: string;
  sources: [string, string | null][];
  replyCount: number;
  secondCheck: boolean;
}

export function packAnnotations(articleId: number, revision: number, text: CanonicalText, list: Iterable<PackableAnnotation>): PackedAnnotations {
  const authorIndex = new Map<number, number>();
  const p: PackedAnnotations = {
    articleId,
    revision,
    authors: [],
    ids: [],
    statuses: [],
    starts: [],
    lengths: [],
    authorOf: [],
    created: [],
    updated: [],
    versions: [],
    notes: [],
    sources: [],
    quotes: [],
    anchors: [],
    replyCounts: [],
    secondCheck: [],
  };
  let at = 0;
  let prevId = 0;
  let prevStart = 0;
  let prevCreated = 0;
  for (const a of list) {
    let author = authorIndex.get(a.authorId);
    if (author === undefined) {
      author = p.authors.push([a.authorId, a.authorName]) - 1;
      authorIndex.set(a.authorId, author);
    }
    const removed = a.anchorState === 'removed';
    p.ids.push(a.id - prevId);
    p.statuses.push(STATUSES.indexOf(a.status));
    p.starts.push(removed ? 0 : a.start - prevStart);
    p.lengths.push(removed ? 0 : a.end - a.start);
    p.authorOf.push(author);
    p.created.push(a.created - prevCreated);
    p.updated.push(a.updated - a.created);
    if (a.version !== 1) p.versions.push([at, a.version]);
    if (a.note) p.notes.push([at, a.note]);
    if (a.sources.length) p.sources.push([at, a.sources]);
    if (removed || text.slice(a.start, a.end) !== a.exact) p.quotes.push([at, a.exact, a.prefix, a.suffix]);
    if (a.anchorState !== 'unchanged') p.anchors.push([at, ANCHOR_STATES.indexOf(a.anchorState), a.previousExact, a.previousRevision]);
    if (a.replyCount) p.replyCounts.push([a.id, a.replyCount]);
    if (a.secondCheck) p.secondCheck.push(a.id);
    prevId = a.id;
    if (!removed) prevStart = a.start;
    prevCreated = a.created;
    at++;
  }
  return p;
}

/** The DTOs, with quotes read from the client's copy of the same canonical text. */
export function unpackAnnotations(packed: PackedAnnotations, text: CanonicalText): AnnotationDto[] {
  const authors = packed.authors.map(([id, name]) => ({ id, name }));
  const versions = new Map(packed.versions);
  const notes = new Map(packed.notes);
  const sources = new Map(packed.sources.map(([at, list]) => [at, list.map(([url, title]) => ({ url, title }))]));
  const quotes = new Map(packed.quotes.map(([at, exact, prefix, suffix]) => [at, { exact, prefix, suffix }]));
  const anchors = new Map(
    packed.anchors.map(([at, state, previousExact, previousRevision]): [number, AnnotationAnchor] => [
      at,
      { revision: packed.revision, state: ANCHOR_STATES[state], ...(previousExact !== null ? { previousExact } : {}), ...(previousRevision !== null ? { previousRevision } : {}) },
    ]),
  );
  const replies = new Map(packed.replyCounts);
  const second = new Set(packed.secondCheck);
  const unchanged: AnnotationAnchor = { revision: packed.revision, state: 'unchanged' };
  const out: AnnotationDto[] = new Array(packed.ids.length);
  let id = 0;
  let start = 0;
  let created = 0;
  for (let at = 0; at < out.length; at++) {
    id += packed.ids[at];
    created += packed.created[at];
    const anchor = anchors.get(at) ?? unchanged;
    const removed = anchor.state === 'removed';
    if (!removed) start += packed.starts[at];
    const end = start + packed.lengths[at];
    const quote = quotes.get(at);
    const createdAt = isoTime(created);
    out[at] = {
      id,
      articleId: packed.articleId,
      status: STATUSES[packed.statuses[at]],
      start: removed ? null : start,
      end: removed ? null : end,
      exact: quote ? quote.exact : text.slice(start, end),
      prefix: quote ? quote.prefix : text.slice(Math.max(0, start - QUOTE_CONTEXT), start),
      suffix: quote ? quote.suffix : text.slice(end, Math.min(text.length, end + QUOTE_CONTEXT)),
      note: notes.get(at) ?? '',
      sources: sources.get(at) ?? [],
      author: authors[packed.authorOf[at]],
      createdAt,
      updatedAt: packed.updated[at] === 0 ? createdAt : isoTime(created + packed.updated[at]),
      version: versions.get(at) ?? 1,
      // One shared object for the common case: DTOs are never mutated.
      anchor,
      replyCount: replies.get(id) ?? 0,
      secondCheck: second.has(id),
    };
  }
  return out;
}

/** Context on each side of a quote (CanonicalText.quote's default). */
const QUOTE_CONTEXT = 32;
const DAY_MS = 86_400_000;
let isoDay = Number.NaN;
let isoDayPrefix = '';
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * `new Date(ms).toISOString()`, about ten times faster for runs of times on the same day (the
 * date part is cached): with thousands of annotations the Date round trips were most of the
 * unpacking time.
 */
export function isoTime(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  if (day !== isoDay) {
    const iso = new Date(day * DAY_MS).toISOString();
    isoDay = day;
    isoDayPrefix = iso.slice(0, iso.indexOf('T') + 1);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${isoDayPrefix}${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(rest - s * 1000, 3)}Z`;
}

/** An API DTO in the packer's input shape (used by tests and anything holding DTOs). */
export function packableFromDto(a: AnnotationDto): PackableAnnotation {
  return {
    ...a,
    start: a.start ?? -1,
    end: a.end ?? -1,
    anchorState: a.anchor.state,
    previousExact: a.anchor.previousExact ?? null,
    previousRevision: a.anchor.previousRevision ?? null,
    authorId: a.author.id,
    authorName: a.author.name,
    created: Date.parse(a.createdAt),
    updated: Date.parse(a.updatedAt),
    sources: a.sources.map((s) => [s.url, s.title]),
  };
}
