// Markdown import: markdown-it renders CommonMark (plus GFM tables and strikethrough) to HTML, which
// then takes the HTML import path: a table becomes a table, `![alt](url "title")` a figure
// without caption (its alt text is not article text). Raw HTML in the Markdown is not parsed (html: false): it is
// shown as the text the author typed, so a paste cannot smuggle mark-up in.
import MarkdownIt from 'markdown-it';
import type { Result } from '../errors';
import type { ArticleMeta, ImportedArticle } from './article';
import { normaliseMeta } from './article';
import { articleFromHtml } from './html';
import { checkSourceSize, EMPTY_ARTICLE_MESSAGE } from './limits';

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/**
 * Imports Markdown. Title: the given one, else the first `#` heading, else the first line. A `#`
 * heading that opens the document and is the title is removed from the body (as for HTML), so
 * "# Headline" followed by the story stores the story once and the headline as the title.
 */
export function importMarkdown(content: string, meta?: ArticleMeta): Result<ImportedArticle> {
  const size = checkSourceSize(content);
  if (!size.ok) return size;
  const given = normaliseMeta(meta);
  if (!given.ok) return given;
  return articleFromHtml(markdown.render(content), given.value, { baseUrl: given.value.sourceUrl, emptyMessage: EMPTY_ARTICLE_MESSAGE });
}
