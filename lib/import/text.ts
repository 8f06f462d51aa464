// Plain-text import: blank lines separate paragraphs (or, when the text has none, every line is
// a paragraph); a short line without final punctuation between paragraphs becomes a heading.
import type { Node as PMNode } from 'prosemirror-model';
import type { Result } from '../errors';
import { stripControlChars } from '../control-chars';
import { articleSchema } from '../document/schema';
import { finishImport, normaliseMeta, type ArticleMeta, type ImportedArticle } from './article';
import { checkSourceSize } from './limits';

const FINAL_PUNCTUATION = /[.!?:;,…"'”’)\]»]$/u;
const MAX_HEADING_CHARS = 100;
const MAX_HEADING_WORDS = 14;

export function isHeadingLine(line: string): boolean {
  const words = line.split(/\s+/).filter(Boolean).length;
  return line.length <= MAX_HEADING_CHARS && words > 0 && words <= MAX_HEADING_WORDS && !FINAL_PUNCTUATION.test(line);
}

/** Splits text into blocks of normalised text, without control characters. */
export function textBlocks(text: string): string[] {
  const normalised = stripControlChars(text.replace(/^\uFEFF/, ''));
  const hasBlankLines = /\n[ \t]*\n/.test(normalised.trim());
  const raw = hasBlankLines ? normalised.split(/\n[ \t]*\n/) : normalised.split('\n');
  return raw.map((block) => block.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** A ProseMirror document from plain text. */
export function docFromText(text: string): PMNode {
  const blocks = textBlocks(text);
  const { paragraph, heading } = articleSchema.nodes;
  const nodes = blocks.map((block, i) => {
    const content = articleSchema.text(block);
    const between = i > 0 && i < blocks.length - 1;
    return between && isHeadingLine(block) ? heading.create({ level: 2 }, content) : paragraph.create(null, content);
  });
  return articleSchema.nodes.doc.create(null, nodes.length ? nodes : [paragraph.create()]);
}

/**
 * Imports plain text. The title is the given one, else the first line (cut at a word boundary).
 * Not "the first heading": docFromText never makes the first block a heading, so the first heading
 * is always a section heading inside the article, while the first line is usually its headline.
 * Nothing is removed from the body: plain text has no mark-up saying which line is the headline.
 */
export function importText(content: string, meta?: ArticleMeta): Result<ImportedArticle> {
  const size = checkSourceSize(content);
  if (!size.ok) return size;
  const given = normaliseMeta(meta);
  if (!given.ok) return given;
  return finishImport(docFromText(content), given.value);
}
