// A compact form of an article's annotations for the page's first render. Thousands of
// annotations as objects repeat every key and author in the HTML; as rows with an author table
// they take a fraction of the bytes to send, parse and hydrate. The quoted text is not sent when
// the server has checked that it is exactly the article's text at the offsets (the client reads
// it from its own copy of the text); a quote that does not match travels in full, with its
// context, so the editor can re-anchor it or refuse to paint it.
import type { CanonicalText } from '../document/canonical-text';
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
  note: string,
  sources: [string, string | null][],
  /** Present only when the stored quote differs from the text at the offsets. */
  quote?: [exact: string, prefix: string, suffix: string],
];

export interface PackedAnnotations {
  articleId: number;
  authors: [id: number, name: string][];
  rows: Row[];
}

export interface PackableAnnotation {
  id: number;
  status: Status;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  authorId: number;
  authorName: string;
  created: number;
  updated: number;
  note: string;
  sources: [string, string | null][];
}

export function packAnnotations(articleId: number, text: CanonicalText, list: Iterable<PackableAnnotation>): PackedAnnotations {
  const authorIndex = new Map<number, number>();
  const authors: PackedAnnotations['authors'] = [];
  const rows: Row[] = [];
  for (const a of list) {
    let author = authorIndex.get(a.authorId);
    if (author === undefined) {
      author = authors.push([a.authorId, a.authorName]) - 1;
      authorIndex.set(a.authorId, author);
    }
    const row: Row = [a.id, STATUSES.indexOf(a.status), a.start, a.end, author, a.created, a.updated, a.note, a.sources];
    if (text.slice(a.start, a.end) !== a.exact) row.push([a.exact, a.prefix, a.suffix]);
    rows.push(row);
  }
  return { articleId, authors, rows };
}

/** The DTOs, with quotes read from the client's copy of the same canonical text. */
export function unpackAnnotations(packed: PackedAnnotations, text: CanonicalText): AnnotationDto[] {
  const authors = packed.authors.map(([id, name]) => ({ id, name }));
  return packed.rows.map(([id, status, start, end, author, created, updated, note, sources, quote]) => ({
    id,
    articleId: packed.articleId,
    status: STATUSES[status] as Status,
    start,
    end,
    ...(quote ? { exact: quote[0], prefix: quote[1], suffix: quote[2] } : text.quote(start, end)),
    note,
    sources: sources.map(([url, title]) => ({ url, title })),
    author: authors[author],
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(updated).toISOString(),
  }));
}

/** An API DTO in the packer's input shape (used by tests and anything holding DTOs). */
export function packableFromDto(a: AnnotationDto): PackableAnnotation {
  return {
    ...a,
    authorId: a.author.id,
    authorName: a.author.name,
    created: Date.parse(a.createdAt),
    updated: Date.parse(a.updatedAt),
    sources: a.sources.map((s) => [s.url, s.title]),
  };
}
