import { describe, expect, it } from 'vitest';
import { TextIndex } from '@/lib/document/canonical-text';
import { docFromText, importText } from '@/lib/import/text';
import { errorOf, SAMPLE_HEADINGS, sampleText, unwrap } from './helpers';

describe('importText', () => {
  it('imports the sample article as its paragraphs and two headings', () => {
    const lines = sampleText().split('\n');
    const article = unwrap(importText(sampleText()));
    const blocks = article.doc.content.content.map((node) => ({ type: node.type.name, text: node.textContent }));

    expect(blocks.filter((b) => b.type === 'heading').map((b) => b.text)).toEqual(SAMPLE_HEADINGS);
    const paragraphs = blocks.filter((b) => b.type === 'paragraph').map((b) => b.text);
    // The file has 13 lines: 2 headings and 11 paragraphs, each line exactly one block.
    expect(paragraphs).toHaveLength(11);
    expect(paragraphs).toEqual(lines.filter((line) => !SAMPLE_HEADINGS.includes(line)));
    expect(blocks.map((b) => b.type[0]).join('')).toBe('pphpphppppppp');
    expect(article.doc.content.content.filter((n) => n.type.name === 'heading').every((n) => n.attrs.level === 2)).toBe(true);
  });

  it('gives the canonical text of the document and keeps curly quotes', () => {
    const article = unwrap(importText(sampleText()));
    expect(article.plainText).toBe(TextIndex.fromDoc(article.doc).text);
    expect(article.plainText).toBe(sampleText().split('\n').join('\n\n'));
    expect(article.plainText).toContain('Aleppo’s military airport');
  });

  it('takes the title from the first line, cut at a word boundary', () => {
    const article = unwrap(importText(sampleText()));
    expect(article.title.length).toBeLessThanOrEqual(120);
    expect(article.title).toMatch(/^In a dramatic turn of events, Syrian opposition forces .*…$/);
    expect(sampleText().startsWith(article.title.slice(0, -1))).toBe(true);
    // The cut falls between words.
    expect(sampleText()[article.title.length - 1]).toMatch(/[\s,]/);
  });

  it('uses a short first line as the whole title and keeps it in the body', () => {
    const article = unwrap(importText('Rebels seize airport\n\nThe airport fell on Saturday.\n'));
    expect(article.title).toBe('Rebels seize airport');
    expect(article.plainText).toBe('Rebels seize airport\n\nThe airport fell on Saturday.');
  });

  it('lets given metadata win and normalises it', () => {
    const article = unwrap(
      importText(sampleText(), { title: '  Aleppo  airport ', byline: 'Staff reporter', publisher: 'Sample news desk', sourceUrl: 'https://news.example/a#top', publishedAt: '2024-11-30' }),
    );
    expect(article).toMatchObject({
      title: 'Aleppo airport',
      byline: 'Staff reporter',
      publisher: 'Sample news desk',
      sourceUrl: 'https://news.example/a#top',
      publishedAt: '2024-11-30',
    });
  });

  it('refuses metadata it cannot store', () => {
    expect(errorOf(importText('Text.', { sourceUrl: 'javascript:alert(1)' })).code).toBe('bad_request');
    expect(errorOf(importText('Text.', { publishedAt: 'yesterday' })).code).toBe('bad_request');
    expect(errorOf(importText('Text.', { publishedAt: '2024-02-31' })).code).toBe('bad_request');
    expect(unwrap(importText('Text.', { publishedAt: '2024-11-30T08:15:00+01:00' })).publishedAt).toBe('2024-11-30T07:15:00.000Z');
  });

  it('splits on blank lines when there are any, and handles CRLF and a BOM', () => {
    const doc = docFromText('\uFEFFFirst paragraph\r\nstill first.\r\n\r\nSecond paragraph.\r\n');
    expect(doc.content.content.map((n) => n.textContent)).toEqual(['First paragraph still first.', 'Second paragraph.']);
  });
});
