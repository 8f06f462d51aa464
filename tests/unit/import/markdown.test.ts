import { describe, expect, it } from 'vitest';
import { importMarkdown } from '@/lib/import/markdown';
import { importText } from '@/lib/import/text';
import { readFixture, SAMPLE_HEADINGS, sampleText, unwrap } from './helpers';

describe('importMarkdown', () => {
  it('gives the sample article the same canonical text as the text import', () => {
    const fromText = unwrap(importText(sampleText()));
    const fromMarkdown = unwrap(importMarkdown(readFixture('sample-article.md')));
    expect(fromMarkdown.plainText).toBe(fromText.plainText);
    const headings = fromMarkdown.doc.content.content.filter((n) => n.type.name === 'heading');
    expect(headings.map((n) => [n.textContent, n.attrs.level])).toEqual(SAMPLE_HEADINGS.map((h) => [h, 2]));
  });

  it('takes the title from the opening # heading and does not repeat it in the body', () => {
    const article = unwrap(importMarkdown(readFixture('sample-article.md')));
    expect(article.title).toBe('Syrian rebels seize Aleppo’s military airport in a blow to Assad and Moscow');
    expect(article.plainText).not.toContain('blow to Assad and Moscow');
  });

  it('keeps the opening # heading in the body when a different title is given', () => {
    const article = unwrap(importMarkdown('# Headline\n\nBody text.', { title: 'Another title' }));
    expect(article.title).toBe('Another title');
    expect(article.plainText).toBe('Headline\n\nBody text.');
  });

  it('keeps emphasis, strong, links, quotes and lists', () => {
    const source = [
      'Text with *emphasis*, **strong** and [a link](https://example.org/story "Story").',
      '',
      '> A quoted **claim**.',
      '',
      '- first',
      '- second',
      '',
      '3. third',
      '4. fourth',
      '',
      '### Level three',
    ].join('\n');
    const json = unwrap(importMarkdown(source)).doc.toJSON();
    const [paragraph, quote, bullets, ordered, heading] = json.content;
    expect(paragraph.content).toEqual([
      { type: 'text', text: 'Text with ' },
      { type: 'text', marks: [{ type: 'em' }], text: 'emphasis' },
      { type: 'text', text: ', ' },
      { type: 'text', marks: [{ type: 'strong' }], text: 'strong' },
      { type: 'text', text: ' and ' },
      { type: 'text', marks: [{ type: 'link', attrs: { href: 'https://example.org/story', title: 'Story' } }], text: 'a link' },
      { type: 'text', text: '.' },
    ]);
    expect(quote.type).toBe('blockquote');
    expect(quote.content[0].content[1]).toEqual({ type: 'text', marks: [{ type: 'strong' }], text: 'claim' });
    expect(bullets.type).toBe('bullet_list');
    expect(bullets.content).toHaveLength(2);
    expect(ordered).toMatchObject({ type: 'ordered_list', attrs: { order: 3 } });
    expect(heading).toMatchObject({ type: 'heading', attrs: { level: 3 } });
  });

  it('shows raw HTML as the text that was typed, never as mark-up', () => {
    const article = unwrap(importMarkdown('Before <script>alert(1)</script> <b onclick="x()">after</b>\n\n<img src=x onerror=alert(2)>'));
    expect(article.plainText).toBe('Before <script>alert(1)</script> <b onclick="x()">after</b>\n\n<img src=x onerror=alert(2)>');
    const json = JSON.stringify(article.doc.toJSON());
    expect(json).not.toContain('"strong"');
    expect(article.doc.content.content.every((n) => n.type.name === 'paragraph')).toBe(true);
  });

  it('makes no link of an unsafe target (markdown-it leaves it as typed text)', () => {
    const article = unwrap(importMarkdown('[click](javascript:alert(1)) and [data](data:text/html,hi) and [ok](https://example.org/)'));
    const hrefs = [...JSON.stringify(article.doc.toJSON()).matchAll(/"href":"([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['https://example.org/']);
    expect(article.plainText).toBe('[click](javascript:alert(1)) and [data](data:text/html,hi) and ok');
  });

  it('reads a table row by row, a cell per textblock', () => {
    const article = unwrap(importMarkdown('| City | Held by |\n| --- | --- |\n| Aleppo | rebels |\n'));
    expect(article.plainText).toBe('City\n\nHeld by\n\nAleppo\n\nrebels');
  });
});
