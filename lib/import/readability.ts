// Finds the article inside a fetched web page with Mozilla's Readability (Firefox Reader View):
// the story's HTML without navigation, ads and comments, plus its metadata — title, byline, site
// name, publication time and canonical address.
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { fail, ok, type Result } from '../errors';
import { collapse, normaliseDate, webUrl } from './article';

export interface ExtractedArticle {
  /** The article's HTML (links already absolute); still to be sanitised — see articleFromHtml. */
  contentHtml: string;
  title: string | null;
  byline: string | null;
  publisher: string | null;
  publishedAt: string | null;
  /** The page's canonical URL (<link rel=canonical>, else og:url), else the URL it was fetched from. */
  sourceUrl: string;
  /** The page's `<html lang>` and the `dir` of the article or its nearest ancestor that says (Readability's). */
  lang: string | null;
  dir: string | null;
}

/** Fewer characters of text than this is a teaser or an error page, not an article to check. */
const MIN_ARTICLE_CHARS = 200;
const NOT_FOUND_MESSAGE = 'No article found on that page. Open the article itself (not a home or section page), or paste its text instead.';

export function extractArticle(html: string, finalUrl: string): Result<ExtractedArticle> {
  // `url` makes relative links resolve against the page; jsdom runs no scripts and loads nothing.
  const dom = new JSDOM(html, { url: finalUrl, virtualConsole: new VirtualConsole() });
  try {
    const document = dom.window.document;
    // Read before Readability, which rewrites the document as it works.
    const sourceUrl = canonicalUrl(document, finalUrl);
    if (!isProbablyReaderable(document)) return fail('unprocessable', NOT_FOUND_MESSAGE);
    const article = new Readability(document).parse();
    const text = collapse(article?.textContent) ?? '';
    if (!article?.content || text.length < MIN_ARTICLE_CHARS) return fail('unprocessable', NOT_FOUND_MESSAGE);
    return ok({
      contentHtml: article.content,
      title: collapse(article.title),
      byline: collapse(article.byline),
      publisher: collapse(article.siteName),
      publishedAt: article.publishedTime ? normaliseDate(article.publishedTime) : null,
      sourceUrl,
      lang: article.lang?.trim() || null,
      dir: article.dir?.trim() || null,
    });
  } finally {
    dom.window.close();
  }
}

function canonicalUrl(document: Document, finalUrl: string): string {
  const candidates = [
    document.querySelector('link[rel~="canonical"][href]')?.getAttribute('href'),
    document.querySelector('meta[property="og:url"][content]')?.getAttribute('content'),
  ];
  for (const candidate of candidates) {
    const url = candidate ? webUrl(candidate.trim(), finalUrl) : null;
    if (url) return url;
  }
  return finalUrl;
}
