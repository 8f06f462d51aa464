// HTML import: the markup is sanitised with DOMPurify on a jsdom window, then ProseMirror's own
// DOMParser keeps what the article schema knows (paragraphs, headings, quotes, lists, tables,
// figures with their images and captions, links, emphasis) and the text of every other element.
// Markdown and URL import end here too. The source's declared language and direction are read
// here (<html lang dir>, <body>, <article>, a wrapper around the whole text).
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { JSDOM, VirtualConsole, type DOMWindow } from 'jsdom';
import { Fragment, DOMParser as ProseMirrorParser, type Node as PMNode } from 'prosemirror-model';
import { parseDirection } from '../document/direction';
import { articleSchema, imageSrc } from '../document/schema';
import type { Result } from '../errors';
import { collapse, finishImport, normaliseMeta, webUrl, type ArticleMeta, type CleanMeta, type FoundMeta, type ImportedArticle } from './article';
import { checkSourceSize, checkTableCells } from './limits';

const SANITIZE_CONFIG: Config & { RETURN_DOM: true } = {
  // Only the attributes the schema reads (and dir/lang, read before parsing): the rest (on* handlers included) go.
  ALLOWED_ATTR: ['href', 'title', 'start', 'style', 'src', 'alt', 'colspan', 'rowspan', 'dir', 'lang'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // DOMPurify already drops script, iframe, object, embed and friends. Styles, SVG and MathML are
  // not article text; media other than images have none; form controls would add button labels.
  // A <picture> goes but keeps its <img>.
  FORBID_TAGS: ['style', 'svg', 'math', 'form', 'button', 'select', 'option', 'textarea', 'picture', 'source', 'video', 'audio', 'canvas', 'map'],
  // Elements removed with their content; every other removed element keeps its text.
  ADD_FORBID_CONTENTS: ['button', 'select', 'option', 'textarea'],
  RETURN_DOM: true,
};

const NO_TEXT_MESSAGE = 'The HTML has no readable text (only mark-up, scripts or styles).';

let shared: { window: DOMWindow; purify: DOMPurify; parser: ProseMirrorParser } | null = null;

/** One jsdom window for the process: it never runs scripts or loads anything, it only parses. */
function htmlTools() {
  if (!shared) {
    const window = new JSDOM('', { virtualConsole: new VirtualConsole() }).window;
    const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
    shared = { window, purify, parser: ProseMirrorParser.fromSchema(articleSchema) };
  }
  return shared;
}

export interface HtmlSourceOptions {
  /** Use the page's <title> as a title candidate (full documents; not Markdown or extracted content). */
  documentTitle?: boolean;
  /** Relative links resolve against this; without it they lose their link (the schema wants http/https). */
  baseUrl?: string | null;
  /** Metadata found by an earlier step (Readability), overridden by the given metadata. */
  found?: Partial<FoundMeta>;
  emptyMessage?: string;
}

/**
 * Imports an HTML document or fragment. Title: the given one, else the first <h1>, else <title>,
 * else the first line. An <h1> that opens the document and is the article's title is removed from
 * the body — the title is stored (and shown) separately, and would otherwise appear twice.
 * Relative links resolve against meta.sourceUrl when given.
 */
export function importHtml(content: string, meta?: ArticleMeta): Result<ImportedArticle> {
  const size = checkSourceSize(content);
  if (!size.ok) return size;
  const given = normaliseMeta(meta);
  if (!given.ok) return given;
  return articleFromHtml(content, given.value, { documentTitle: true, baseUrl: given.value.sourceUrl });
}

/** The shared HTML path: sanitise, take the title, parse into the article schema, finish. */
export function articleFromHtml(content: string, given: CleanMeta, options: HtmlSourceOptions = {}): Result<ImportedArticle> {
  const { window, purify, parser } = htmlTools();
  const source = new window.DOMParser().parseFromString(content, 'text/html');
  // A table over the limit is refused before sanitising and parsing it, the costly steps (the
  // document is checked again after parsing: finishImport).
  const cells = checkTableCells(largestTable(source));
  if (!cells.ok) return cells;
  const documentTitle = options.documentTitle ? collapse(source.title) : null;
  const lang = options.found?.lang ?? declared(source, 'lang');
  const dir = options.found?.dir ?? declared(source, 'dir');
  keepLazyImages(source.body);
  // RETURN_DOM answers the <body> of a fresh document holding the sanitised copy.
  const body = purify.sanitize(source.body, SANITIZE_CONFIG) as HTMLElement;

  if (options.baseUrl) resolveLinks(body, options.baseUrl);
  keepLoadableImages(body, options.baseUrl ?? null);
  imagesInFigures(body);
  captionsBeforeTables(body);

  const firstH1 = body.querySelector('h1');
  const h1Title = firstH1 ? collapse(firstH1.textContent) : null;
  const foundTitle = collapse(options.found?.title) ?? h1Title ?? documentTitle;
  const title = given.title ?? foundTitle;
  if (firstH1 && h1Title && title && sameText(h1Title, title) && opensDocument(body, firstH1)) firstH1.remove();

  const doc = withoutEmptyFigures(parser.parse(body));
  const emptyMessage = options.emptyMessage ?? (/\S/.test(content) ? NO_TEXT_MESSAGE : undefined);
  return finishImport(doc, given, { ...options.found, title: foundTitle, lang, dir }, emptyMessage);
}

/**
 * The `lang` or `dir` the source declares for its article, the nearest first: the page's one
 * <article> (of several, none is surely the story), the elements that wrap the whole text,
 * <body>, <html>. `dir="auto"` says nothing.
 */
function declared(source: Document, name: 'lang' | 'dir'): string | null {
  const wrappers: Element[] = [];
  for (let el: Element | null = source.body; el && el.children.length === 1 && !ownText(el); ) wrappers.unshift((el = el.children[0]));
  const articles = source.getElementsByTagName('article');
  const candidates = [articles.length === 1 ? articles[0] : null, ...wrappers, source.body, source.documentElement];
  for (const el of candidates) {
    const value = el?.getAttribute(name)?.trim();
    if (value && (name === 'lang' || parseDirection(value))) return value;
  }
  return null;
}

/** Cells of the source's largest table (a nested table counts its own). */
function largestTable(source: Document): number {
  let largest = 0;
  for (const table of Array.from(source.getElementsByTagName('table'))) {
    let cells = 0;
    for (const row of Array.from((table as HTMLTableElement).rows)) cells += row.cells.length;
    largest = Math.max(largest, cells);
  }
  return largest;
}

function ownText(el: Element): boolean {
  return Array.from(el.childNodes).some((n) => n.nodeType === 3 && /\S/.test(n.nodeValue ?? ''));
}

/** A lazily loaded image's address (`data-src`, which the sanitiser drops) becomes its src when it has no web one. */
function keepLazyImages(root: HTMLElement): void {
  for (const img of Array.from(root.querySelectorAll('img[data-src]'))) {
    if (!/^(https?:)?\/\//i.test(img.getAttribute('src') ?? '')) img.setAttribute('src', img.getAttribute('data-src') ?? '');
  }
}

/**
 * Images keep an absolute http(s) src (relative ones resolved against the page); one without any
 * is dropped with its alt text, which is not article text. Nothing is ever loaded here.
 */
function keepLoadableImages(body: HTMLElement, baseUrl: string | null): void {
  for (const img of Array.from(body.querySelectorAll('img'))) {
    const raw = img.getAttribute('src') ?? '';
    const src = baseUrl && raw.trim() ? webUrl(raw.trim(), baseUrl) : imageSrc(raw);
    if (src) img.setAttribute('src', src);
    else img.remove();
  }
}

/**
 * Every image stands in a figure with its caption last, as the schema wants: a lone <img> gets a
 * figure of its own — replacing a paragraph that holds nothing else (no empty paragraph is left),
 * or splitting the paragraph around it (no text becomes a caption) — and a caption written before
 * its image moves after it.
 */
function imagesInFigures(body: HTMLElement): void {
  const document = body.ownerDocument;
  for (const img of Array.from(body.querySelectorAll('img'))) {
    if (img.closest('figure')) continue;
    const figure = document.createElement('figure');
    const paragraph = img.closest('p');
    if (paragraph && !/\S/.test(paragraph.textContent ?? '') && paragraph.querySelectorAll('img').length === 1) {
      paragraph.replaceWith(figure);
    } else {
      img.replaceWith(figure);
    }
    figure.append(img);
  }
  for (const caption of Array.from(body.querySelectorAll('figure > figcaption'))) {
    if (caption.nextElementSibling) caption.parentElement!.append(caption);
  }
}

/** A table's <caption> becomes a paragraph before it: the schema's tables hold only rows. */
function captionsBeforeTables(body: HTMLElement): void {
  for (const caption of Array.from(body.querySelectorAll('caption'))) {
    const table = caption.closest('table');
    const p = body.ownerDocument.createElement('p');
    p.append(...Array.from(caption.childNodes));
    caption.remove();
    if (table) table.before(p);
    else caption.replaceWith(p);
  }
}

/** Figures left with neither image nor caption (their image was dropped) go; the schema allows them, an article does not need them. */
function withoutEmptyFigures(node: PMNode): PMNode {
  if (node.isTextblock || node.isLeaf) return node;
  let changed = false;
  const children: PMNode[] = [];
  node.forEach((child) => {
    if (child.type.name === 'figure' && child.childCount === 0) {
      changed = true;
      return;
    }
    const kept = withoutEmptyFigures(child);
    if (kept !== child) changed = true;
    children.push(kept);
  });
  if (!changed) return node;
  // A container whose only child was an empty figure gets what its content needs (an empty paragraph).
  const content = Fragment.from(children);
  return node.type.validContent(content) ? node.copy(content) : node.copy(content.append(node.type.contentMatch.matchFragment(content)?.fillBefore(Fragment.empty, true) ?? Fragment.empty));
}

function resolveLinks(body: HTMLElement, baseUrl: string): void {
  for (const link of Array.from(body.querySelectorAll('a[href]'))) {
    const href = link.getAttribute('href') ?? '';
    // Same-page anchors (#notes) point nowhere once the article is out of its page.
    if (href.startsWith('#')) continue;
    const absolute = webUrl(href, baseUrl);
    if (absolute) link.setAttribute('href', absolute);
  }
}

/**
 * True when no text comes before `element` in `body`. A plain walk that stops at the element, not
 * a DOM Range: jsdom's Range.toString() compared boundary points for every node of the document,
 * which made 100,000-word imports take 8–9 s (bench/RESULTS.md).
 */
function opensDocument(body: HTMLElement, element: Element): boolean {
  const walk = (node: Node): boolean | undefined => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child === element) return true;
      if (child.nodeType === 3 && /\S/.test(child.nodeValue ?? '')) return false;
      const found = walk(child);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(body) ?? false;
}

function sameText(a: string, b: string): boolean {
  return a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();
}
