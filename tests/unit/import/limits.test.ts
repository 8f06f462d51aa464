import { describe, expect, it } from 'vitest';
import { checkImportedText, countWords, MAX_SOURCE_CHARS, MAX_WORDS } from '@/lib/import/limits';
import { importHtml } from '@/lib/import/html';
import { importMarkdown } from '@/lib/import/markdown';
import { importText } from '@/lib/import/text';
import { errorOf, unwrap } from './helpers';

const words = (n: number) => 'word '.repeat(n);

describe('import limits', () => {
  it('counts words as runs of non-space characters', () => {
    expect(countWords('  Aleppo’s  airport,\nseized —\tagain ')).toBe(5);
    expect(countWords(' \n\t ')).toBe(0);
  });

  it.each([
    ['text', importText],
    ['markdown', importMarkdown],
    ['html', importHtml],
  ] as const)('refuses empty %s with 422', (_format, importer) => {
    for (const content of ['', '   \n\n\t  ']) {
      const error = errorOf(importer(content));
      expect(error.code).toBe('unprocessable');
      expect(error.message).toMatch(/The article is empty/);
    }
  });

  it('accepts exactly 200,000 words', () => {
    const article = unwrap(importText(words(MAX_WORDS)));
    expect(countWords(article.plainText)).toBe(200_000);
  });

  it.each([
    ['text', (n: number) => importText(words(n))],
    ['markdown', (n: number) => importMarkdown(words(n))],
    ['html', (n: number) => importHtml(`<p>${words(n)}</p>`)],
  ] as const)('refuses %s over 200,000 words with 413 and the count', (_format, importWords) => {
    const error = errorOf(importWords(MAX_WORDS + 1));
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toBe('The article has 200,001 words; the limit is 200,000.');
    expect(error.details).toEqual({ words: 200_001, limit: 200_000 });
  });

  it('refuses source too large to parse before parsing it', () => {
    const error = errorOf(importHtml('a'.repeat(MAX_SOURCE_CHARS + 1)));
    expect(error.code).toBe('payload_too_large');
  });

  it('is one check shared by every format', () => {
    expect(errorOf(checkImportedText('')).code).toBe('unprocessable');
    expect(unwrap(checkImportedText('two words'))).toEqual({ words: 2 });
  });
});
