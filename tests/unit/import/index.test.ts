import { describe, expect, it } from 'vitest';
import { importArticle, type ImportInput } from '@/lib/import';
import { errorOf, readFixture, sampleText, unwrap } from './helpers';

describe('importArticle', () => {
  it('imports each content format to the same canonical text', async () => {
    const text = unwrap(await importArticle({ format: 'text', content: sampleText() }));
    const markdown = unwrap(await importArticle({ format: 'markdown', content: readFixture('sample-article.md') }));
    const html = unwrap(await importArticle({ format: 'html', content: readFixture('sample-article.html') }));
    expect(markdown.plainText).toBe(text.plainText);
    expect(html.plainText).toBe(text.plainText);
    expect(html.title).toBe(markdown.title);
  });

  it('passes the metadata through, given values first', async () => {
    const article = unwrap(
      await importArticle({ format: 'html', content: '<h1>Found</h1><p>Body.</p>', title: 'Given', byline: ' Staff ', publisher: 'Desk', sourceUrl: 'https://news.example/x', publishedAt: '2024-11-30' }),
    );
    expect(article).toMatchObject({ title: 'Given', byline: 'Staff', publisher: 'Desk', sourceUrl: 'https://news.example/x', publishedAt: '2024-11-30' });
    expect(article.plainText).toBe('Found\n\nBody.');
  });

  it('answers 400 for input it cannot use', async () => {
    expect(errorOf(await importArticle({ format: 'text' })).code).toBe('bad_request');
    expect(errorOf(await importArticle({ format: 'url', url: '  ' })).code).toBe('bad_request');
    expect(errorOf(await importArticle({ format: 'pdf', content: 'x' } as unknown as ImportInput)).message).toMatch(/Unknown import format "pdf"/);
    expect(errorOf(await importArticle({ format: 'text', content: 'Body.', sourceUrl: 'ftp://x' })).code).toBe('bad_request');
  });

  it('refuses a non-web URL without any network access', async () => {
    const error = errorOf(await importArticle({ format: 'url', url: 'javascript:alert(1)' }));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/Only http and https/);
  });
});
