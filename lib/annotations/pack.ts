// A compact form of an article's annotations for the page's first render. Thousands of
// annotations as objects repeat every key and author in the HTML; as rows with an author table
// they take a fraction of the bytes to send, parse and hydrate. The quoted text is not sent when
// the server has checked that it is exactly the article's text at the offsets (the client reads
// it from its own copy of the text); a quote that does not match travels in full, with its
// context, so the editor can re-anchor it or refuse to paint it. An anchor other than a plain
// `unchanged` one (moved, stale, removed by a revision) travels as one more element.
import type { CanonicalText } from '../document/canonical-text';
import { ANCHOR_STATES, type AnchorState } from '../revisions/types';
import type { AnnotationDto } from './types';
import { STATUSES, type Status } from './status';

type Row = [
  id: number,
  status: number,
  start: number,
  end: number,
  author: number,
  created: number,
  updated: number,
  version: number,
  note: string,
  sources: [string, string | null][],
  /** Present (non-zero) only when the stored quote differs from the text at the offsets. */
  quote?: [exact: string, prefix: string, suffix: string] | 0,
  /** Present only when a revision moved, changed or removed the passage. */
  anchor?: [state: number, previousExact: string | null, previousRevision: number | null],
];

export interface PackedAnnotations {
  articleId: number;
  /** The revision every row's offsets refer to. */
  revision: number;
  authors: [id: number, name: string][];
  rows: Row[];
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
  const authors: PackedAnnotations['authors'] = [];
  const rows: Row[] = [];
  const replyCounts: PackedAnnotations['replyCounts'] = [];
  const secondCheck: number[] = [];
  for (const a of list) {
    if (a.replyCount) replyCounts.push([a.id, a.replyCount]);
    if (a.secondCheck) secondCheck.push(a.id);
    let author = authorIndex.get(a.authorId);
    if (author === undefined) {
      author = authors.push([a.authorId, a.authorName]) - 1;
      authorIndex.set(a.authorId, author);
    }
    const removed = a.anchorState === 'removed';
    const row: Row = [a.id, STATUSES.indexOf(a.status), removed ? -1 : a.start, removed ? -1 : a.end, author, a.created, a.updated, a.version, a.note, a.sources];
    const quote: Row[10] = removed || text.slice(a.start, a.end) !== a.exact ? [a.exact, a.prefix, a.suffix] : 0;
    if (a.anchorState !== 'unchanged') row.push(quote, [ANCHOR_STATES.indexOf(a.anchorState), a.previousExact, a.previousRevision]);
    else if (quote) row.push(quote);
    rows.push(row);
  }
  return { articleId, revision, authors, rows, replyCounts, secondCheck };
}

/** The DTOs, with quotes read from the client's copy of the same canonical text. */
export function unpackAnnotations(packed: PackedAnnotations, text: CanonicalText): AnnotationDto[] {
  const authors = packed.authors.map(([id, name]) => ({ id, name }));
  const replies = new Map(packed.replyCounts);
  const second = new Set(packed.secondCheck);
  return packed.rows.map(([id, status, start, end, author, created, updated, version, note, sources, quote, anchor]) => {
    const state = anchor ? ANCHOR_STATES[anchor[0]] : 'unchanged';
    const removed = state === 'removed';
    return {
      id,
      articleId: packed.articleId,
      status: STATUSES[status] as Status,
      start: removed ? null : start,
      end: removed ? null : end,
      ...(quote ? { exact: quote[0], prefix: quote[1], suffix: quote[2] } : text.quote(start, end)),
      note,
      sources: sources.map(([url, title]) => ({ url, title })),
      author: authors[author],
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(updated).toISOString(),
      version,
      anchor: {
        revision: packed.revision,
        state,
        ...(anchor?.[1] != null ? { previousExact: anchor[1] } : {}),
        ...(anchor?.[2] != null ? { previousRevision: anchor[2] } : {}),
      },
      replyCount: replies.get(id) ?? 0,
      secondCheck: second.has(id),
    };
  });
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
