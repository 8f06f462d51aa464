// The limits every import passes through, in one place: an article must have text, must be text
// (not binary data), and must not be so long that annotating it becomes unreasonable.
import { BINARY_MESSAGE, looksBinary } from '../control-chars';
import { fail, ok, type Result } from '../errors';

export const MAX_WORDS = 200_000;
/**
 * Characters of source (text, Markdown or HTML) accepted before parsing, so a huge upload is
 * refused before it costs a parse. Far above what 200,000 words of article needs even as HTML.
 */
export const MAX_SOURCE_CHARS = 10_000_000;

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

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
