// The W3C Web Annotation export: one AnnotationCollection whose embedded first AnnotationPage holds
// every annotation, each targeting the article with a TextQuoteSelector and a TextPositionSelector
// (code points, as the model requires). Checked against the W3C MUST assertions in the unit tests.
// The selectors are into the current revision's text, and the target's TimeState says when that
// revision was taken. A stale verdict says in a `commenting` body that it needs re-check; one whose
// passage a revision removed keeps only a TextQuoteSelector of the old passage (which will not
// anchor in the current text) and says so in a `commenting` body. Each reply follows its verdict
// as an annotation of its own, motivation `replying`, whose target is the verdict's IRI.
import type { Status } from '../annotations/status';
import { RECHECK_LABEL, recheckText, revisionText, utcIso, webHref, type ReportItem, type ReportModel, type ReportRemovedItem, type ReportReply, type ReportVerdict } from './model';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** The profile-qualified media type the W3C Web Annotation Protocol recommends. */
export const W3C_CONTENT_TYPE = `application/ld+json; profile="${ANNO_CONTEXT}"`;

type TextualBody = { type: 'TextualBody'; purpose: 'assessing' | 'commenting' | 'replying'; value: string; format?: 'text/plain' };
type LinkBody = { type: 'SpecificResource'; purpose: 'linking'; source: string };

export interface W3cAnnotation {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'assessing' | 'questioning';
  created?: string;
  modified?: string;
  creator: { id: string; type: 'Person'; name: string };
  body: (TextualBody | LinkBody)[];
  target: W3cTarget;
}

/** A reply in a verdict's thread: an annotation on the verdict's annotation (its IRI). */
export interface W3cReply extends Omit<W3cAnnotation, 'motivation' | 'target'> {
  motivation: 'replying';
  target: string;
}

type QuoteSelector = { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string };
type PositionSelector = { type: 'TextPositionSelector'; start: number; end: number };

/** The annotated article: its IRI, or the IRI with its language (BCP 47) and base direction. */
export type W3cSource = string | { id: string; language?: string; textDirection: 'ltr' | 'rtl' };

export type W3cTarget =
  | {
      source: W3cSource;
      /** The source as it was when the current revision was taken (omitted if that date does not parse). */
      state?: { type: 'TimeState'; sourceDate: string };
      selector: [QuoteSelector, PositionSelector];
    }
  | {
      /** A passage a revision removed: only the quote as it read; it has no position in the current text. */
      source: W3cSource;
      selector: QuoteSelector;
    };

export interface W3cPage {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationPage';
  partOf: { id: string; total: number };
  startIndex: 0;
  /** Each verdict, followed by its replies. */
  items: (W3cAnnotation | W3cReply)[];
}

export interface W3cCollection {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: W3cPage;
}

const MOTIVATION: Record<Status, W3cAnnotation['motivation']> = {
  verified: 'assessing',
  disputed: 'assessing',
  needs_source: 'questioning',
};

/**
 * The annotations' target: the article's original http(s) URL when it has a valid one, else a URN
 * naming Factmark's copy (a stored source URL that is not a valid web URL must not produce an
 * invalid `source`).
 */
export function w3cTargetSource(model: ReportModel): W3cSource {
  const id = model.article.sourceHref ?? `urn:factmark:article:${model.article.id}`;
  const { lang, dir } = model.article;
  // The model's External Web Resource carries the text's language and base direction; an article
  // with neither known keeps the bare IRI.
  if (!lang && dir === 'ltr') return id;
  return { id, ...(lang ? { language: lang } : {}), textDirection: dir };
}

/** The collection's id: the export itself, with the filters that shaped it. */
export function w3cCollectionId(model: ReportModel): string {
  const params = new URLSearchParams({ format: 'json' });
  for (const status of model.filters.statuses ?? []) params.append('status', status);
  if (model.filters.reviewer !== undefined && model.filters.reviewer !== '') params.set('reviewer', String(model.filters.reviewer));
  return `${model.appUrl}/api/articles/${model.article.id}/report?${params}`;
}

/**
 * Every object carries its own @context (the same one), so an annotation or the page copied out of
 * the collection is still a complete, conforming Web Annotation document.
 */
export function buildW3cCollection(model: ReportModel): W3cCollection {
  const id = w3cCollectionId(model);
  const replies = [...model.items, ...model.removed].reduce((n, item) => n + item.replies.length, 0);
  const total = model.items.length + model.removed.length + replies;
  const source = w3cTargetSource(model);
  return {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: `Fact-check annotations on “${model.article.title}”, ${revisionText(model, true)}`,
    total,
    first: {
      '@context': ANNO_CONTEXT,
      id: `${id}&page=0`,
      type: 'AnnotationPage',
      partOf: { id, total },
      startIndex: 0,
      items: [
        ...model.items.flatMap((item) => [buildW3cAnnotation(model, item, source), ...buildW3cReplies(model, item)]),
        ...model.removed.flatMap((item) => [buildW3cRemovedAnnotation(model, item, source), ...buildW3cReplies(model, item)]),
      ],
    },
  };
}

export function buildW3cAnnotation(model: ReportModel, item: ReportItem, source = w3cTargetSource(model)): W3cAnnotation {
  const extra: TextualBody[] = item.stale
    ? [{ type: 'TextualBody', purpose: 'commenting', value: `${RECHECK_LABEL}: ${recheckText(item)}`, format: 'text/plain' }]
    : [];
  const sourceDate = utcIso(model.article.revisedAt);
  return annotation(model, item, extra, {
    source,
    ...(sourceDate ? { state: { type: 'TimeState', sourceDate } } : {}),
    selector: [
      { type: 'TextQuoteSelector', exact: item.exact, prefix: item.prefix, suffix: item.suffix },
      { type: 'TextPositionSelector', start: item.start, end: item.end },
    ],
  });
}

/**
 * A verdict on a passage a revision removed: kept, so the export holds every verdict, but targeted
 * by its old quote alone (a consumer will find no match in the current text, which is the truth),
 * with a body saying why.
 */
export function buildW3cRemovedAnnotation(model: ReportModel, item: ReportRemovedItem, source = w3cTargetSource(model)): W3cAnnotation {
  const why: TextualBody = {
    type: 'TextualBody',
    purpose: 'commenting',
    value: `Removed in revision ${item.removedIn}: this passage is not in the article's current text (${revisionText(model, true)}); the quote is the passage as it read before.`,
    format: 'text/plain',
  };
  return annotation(model, item, [why], {
    source,
    selector: { type: 'TextQuoteSelector', exact: item.exact, prefix: item.prefix, suffix: item.suffix },
  });
}

/** The IRI of a verdict's annotation: its API address. */
export function w3cAnnotationId(model: ReportModel, id: number): string {
  return `${model.appUrl}/api/annotations/${id}`;
}

/** A verdict's replies, oldest first, each an annotation `replying` to the verdict's IRI. */
export function buildW3cReplies(model: ReportModel, item: ReportVerdict): W3cReply[] {
  return item.replies.map((r) => buildW3cReply(model, item.id, r));
}

function buildW3cReply(model: ReportModel, annotationId: number, reply: ReportReply): W3cReply {
  const created = utcIso(reply.createdAt);
  const modified = utcIso(reply.updatedAt);
  return {
    '@context': ANNO_CONTEXT,
    id: `${model.appUrl}/api/replies/${reply.id}`,
    type: 'Annotation',
    motivation: 'replying',
    ...(created ? { created } : {}),
    ...(modified ? { modified } : {}),
    creator: creator(model, reply.author),
    body: [{ type: 'TextualBody', purpose: 'replying', value: reply.body, format: 'text/plain' }],
    target: w3cAnnotationId(model, annotationId),
  };
}

const creator = (model: ReportModel, author: { id: number; name: string }): W3cAnnotation['creator'] => ({ id: `${model.appUrl}/users/${author.id}`, type: 'Person', name: author.name });

/** The parts every annotation shares: id, motivation, dates, creator, and the verdict, note and sources as bodies. */
function annotation(model: ReportModel, item: ReportVerdict, extra: TextualBody[], target: W3cTarget): W3cAnnotation {
  const body: W3cAnnotation['body'] = [{ type: 'TextualBody', purpose: 'assessing', value: item.status }, ...extra];
  if (item.note.trim()) body.push({ type: 'TextualBody', purpose: 'commenting', value: item.note, format: 'text/plain' });
  for (const s of item.sources) {
    const href = webHref(s.url);
    if (href) body.push({ type: 'SpecificResource', purpose: 'linking', source: href });
    // Not a web link (javascript:, a bare word…): kept as words, never as a resource to follow.
    else body.push({ type: 'TextualBody', purpose: 'commenting', value: `Source (not a web link): ${s.title ? `${s.title} — ` : ''}${s.url}`, format: 'text/plain' });
  }
  // Only well-formed UTC timestamps are emitted; an unparsable one is left out rather than invalid.
  const created = utcIso(item.createdAt);
  const modified = utcIso(item.updatedAt);
  return {
    '@context': ANNO_CONTEXT,
    id: w3cAnnotationId(model, item.id),
    type: 'Annotation',
    motivation: MOTIVATION[item.status],
    ...(created ? { created } : {}),
    ...(modified ? { modified } : {}),
    creator: creator(model, item.author),
    body,
    target,
  };
}

export function renderW3c(model: ReportModel): string {
  return `${JSON.stringify(buildW3cCollection(model), null, 2)}\n`;
}
