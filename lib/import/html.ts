// HTML import: the markup is sanitised with DOMPurify on a jsdom window, then ProseMirror's own
// DOMParser keeps what the article schema knows (paragraphs, headings, quotes, lists, links,
// emphasis) and the text of every other element. Markdown and URL import end here too.
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { JSDOM, VirtualConsole, type DOMWindow } from 'jsdom';
import { DOMParser as ProseMirrorParser, type TagParseRule } from 'prosemirror-model';
import { articleSchema } from '../document/schema';
import type { Result } from '../errors';
import { collapse, finishImport, normaliseMeta, webUrl, type ArticleMeta, type CleanMeta, type ImportedArticle } from './article';
import { checkSourceSize } from './limits';

const SANITIZE_CONFIG: Config & { RETURN_DOM: true } = {
  // Only the attributes the schema reads: the rest (on* handlers included) go.
  ALLOWED_ATTR: ['href', 'title', 'start', 'style'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // DOMPurify already drops script, iframe, object, embed and friends. Styles, SVG and MathML are
  // not article text; images and media have none; form controls would add button labels.
  FORBID_TAGS: ['style', 'svg', 'math', 'form', 'button', 'select', 'option', 'textarea', 'img', 'picture', 'video', 'audio', 'canvas', 'map'],
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
    // Table rows become paragraphs so a table reads row by row instead of as one run-on line.
    const extraRules: TagParseRule[] = [{ tag: 'tr', node: 'paragraph' }];
    const parser = new ProseMirrorParser(articleSchema, [...extraRules, ...ProseMirrorParser.fromSchema(articleSchema).rules]);
    shared = { window, purify, parser };
  }
  return shared;
}

export interface HtmlSourceOptions {
  /** Use the page's <title> as a title candidate (full documents; not Markdown or extracted content). */
  documentTitle?: boolean;
  /** Relative links resolve against this; without it they lose their link (the schema wants http/https). */
  baseUrl?: string | null;
  /** Metadata found by an earlier step (Readability), overridden by the given metadata. */
  found?: Partial<CleanMeta>;
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
  const documentTitle = options.documentTitle ? collapse(source.title) : null;
  // RETURN_DOM answers the <body> of a fresh document holding the sanitised copy.
  const body = purify.sanitize(source.body, SANITIZE_CONFIG) as HTMLElement;

  if (options.baseUrl) resolveLinks(body, options.baseUrl);
  separateTableCells(body);

  const firstH1 = body.querySelector('h1');
  const h1Title = firstH1 ? collapse(firstH1.textContent) : null;
  const foundTitle = collapse(options.found?.title) ?? h1Title ?? documentTitle;
  const title = given.title ?? foundTitle;
  if (firstH1 && h1Title && title && sameText(h1Title, title) && opensDocument(body, firstH1)) firstH1.remove();

  const doc = parser.parse(body);
  const emptyMessage = options.emptyMessage ?? (/\S/.test(content) ? NO_TEXT_MESSAGE : undefined);
  return finishImport(doc, given, { ...options.found, title: foundTitle }, emptyMessage);
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

/** A space after each table cell but the last, so adjacent cells do not run their words together. */
function separateTableCells(body: HTMLElement): void {
  for (const cell of Array.from(body.querySelectorAll('td, th'))) {
    if (cell.nextElementSibling) cell.after(cell.ownerDocument.createTextNode(' '));
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
