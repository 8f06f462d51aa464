// A compact form of an article's annotations for the page's first render. Thousands of
// annotations as objects repeat every key and author in the HTML; as rows with an author table
// they take a fraction of the bytes to send, parse and hydrate. The quote context (prefix and
// suffix) is left out: the editor anchors by offsets and exact text, and any change re-reads
// the full annotation from the API.
import type { AnnotationDto } from './types';
import { STATUSES, type Status } from './status';

type Row = [id: number, status: number, start: number, end: number, exact: string, author: number, created: number, updated: number, note: string, sources: [string, string | null][]];

export interface PackedAnnotations {
  articleId: number;
  authors: [id: number, name: string][];
  rows: Row[];
}

export function packAnnotations(articleId: number, list: AnnotationDto[]): PackedAnnotations {
  const authorIndex = new Map<number, number>();
  const authors: PackedAnnotations['authors'] = [];
  const rows = list.map((a): Row => {
    let author = authorIndex.get(a.author.id);
    if (author === undefined) {
      author = authors.push([a.author.id, a.author.name]) - 1;
      authorIndex.set(a.author.id, author);
    }
    return [a.id, STATUSES.indexOf(a.status), a.start, a.end, a.exact, author, Date.parse(a.createdAt), Date.parse(a.updatedAt), a.note, a.sources.map((s) => [s.url, s.title])];
  });
  return { articleId, authors, rows };
}

export function unpackAnnotations(packed: PackedAnnotations): AnnotationDto[] {
  const authors = packed.authors.map(([id, name]) => ({ id, name }));
  return packed.rows.map(([id, status, start, end, exact, author, created, updated, note, sources]) => ({
    id,
    articleId: packed.articleId,
    status: STATUSES[status] as Status,
    start,
    end,
    exact,
    prefix: '',
    suffix: '',
    note,
    sources: sources.map(([url, title]) => ({ url, title })),
    author: authors[author],
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(updated).toISOString(),
  }));
}
