// The limits every import passes through, in one place: an article must have text, must be text
// (not binary data), and must not be so long that annotating it becomes unreasonable.
import type { Node as PMNode } from 'prosemirror-model';
import { BINARY_MESSAGE, looksBinary } from '../control-chars';
import { fail, ok, type Result } from '../errors';

export const MAX_WORDS = 200_000;
/**
 * Characters of source (text, Markdown or HTML) accepted before parsing, so a huge upload is
 * refused before it costs a parse. Far above what 200,000 words of article needs even as HTML.
 */
export const MAX_SOURCE_CHARS = 10_000_000;

/** Cells in one table (a nested table counts its own): a bigger table is data, not an article to check. */
export const MAX_TABLE_CELLS = 5_000;

export const EMPTY_ARTICLE_MESSAGE = 'The article is empty: there is no text to import.';

/** Words as a reader counts them: runs of non-space characters. */
export function countWords(text: string): number {
  const word = /\S+/g;
  let count = 0;
  while (word.exec(text)) count++;
  return count;
}

/** Refuses source text too large to parse (413), or binary data rather than text (422). */
export function checkSourceSize(source: string): Result<true> {
  if (source.length > MAX_SOURCE_CHARS) {
    return fail('payload_too_large', `The content is ${formatCount(source.length)} characters long; the limit is ${formatCount(MAX_SOURCE_CHARS)}.`, {
      chars: source.length,
      limit: MAX_SOURCE_CHARS,
    });
  }
  if (looksBinary(source)) return fail('unprocessable', `The content ${BINARY_MESSAGE}. Paste or upload the article's text.`);
  return ok(true);
}

/**
 * Checks an imported article's canonical plain text: empty (only whitespace) → 422, over
 * MAX_WORDS → 413 with the count. `emptyMessage` lets a format say why it found no text.
 */
export function checkImportedText(plainText: string, emptyMessage = EMPTY_ARTICLE_MESSAGE): Result<{ words: number }> {
  const words = countWords(plainText);
  if (words === 0) return fail('unprocessable', emptyMessage);
  if (words > MAX_WORDS) {
    return fail('payload_too_large', `The article has ${formatCount(words)} words; the limit is ${formatCount(MAX_WORDS)}.`, { words, limit: MAX_WORDS });
  }
  return ok({ words });
}

/** Refuses a table of more than MAX_TABLE_CELLS cells (413, with the count). */
export function checkTableCells(cells: number): Result<true> {
  if (cells <= MAX_TABLE_CELLS) return ok(true);
  return fail('payload_too_large', `A table has ${formatCount(cells)} cells; the limit is ${formatCount(MAX_TABLE_CELLS)} per table.`, { cells, limit: MAX_TABLE_CELLS });
}

/** Refuses a document with a table of more than MAX_TABLE_CELLS cells (413, with the count). */
export function checkTables(doc: PMNode): Result<true> {
  let largest = 0;
  doc.descendants((node) => {
    if (node.type.spec.tableRole === 'table') {
      let cells = 0;
      node.forEach((row) => (cells += row.childCount));
      largest = Math.max(largest, cells);
    }
    // Only blocks can hold a table; a textblock's inline content cannot.
    return !node.isTextblock;
  });
  return checkTableCells(largest);
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
