// Control characters never reach stored text; binary data is refused (issue 9, item 10).
import { describe, expect, it } from 'vitest';
import { looksBinary, stripControlChars } from '@/lib/control-chars';
import { importArticle } from '@/lib/import';
import { cleanStrings } from '@/lib/server/http';

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
const C1 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)).join('');

describe('stripControlChars', () => {
  it('removes C0, DEL and C1 controls but keeps tab and newline, turning other line breaks into newlines', () => {
    expect(stripControlChars(`a${C0}b\u007F${C1}c`)).toBe('a\t\n\n\n\nb\nc');
    expect(stripControlChars('one\r\ntwo\rthree\u000Bfour\u000Cfive\u0085six')).toBe('one\ntwo\nthree\nfour\nfive\nsix');
    expect(stripControlChars('Ana\u0000 Ruiz\u200B é 😀')).toBe('Ana Ruiz\u200B é 😀');
  });
});

describe('looksBinary', () => {
  it('is true for text that is mostly control characters, never for short strings or real text', () => {
    expect(looksBinary('\u0000'.repeat(64))).toBe(true);
    expect(looksBinary('PK\u0003\u0004\u0014\u0000\u0006\u0000\b\u0000\u0000\u0000!\u0000\u0000\u0000word')).toBe(true);
    expect(looksBinary('\uFFFD'.repeat(40) + 'text')).toBe(true);
    expect(looksBinary('\u0000\u0001')).toBe(false);
    expect(looksBinary('A normal paragraph.\r\n\tIndented\fnext page.')).toBe(false);
    expect(looksBinary(`${'word '.repeat(100)}\u0000`)).toBe(false);
  });
});

describe('imports', () => {
  it('store no control characters in the text or the title, whatever the format', async () => {
    const text = await importArticle({ format: 'text', content: 'Head\u0000line\u0007 here\n\nBody \u001Btext\u009B with\u0000 controls.' });
    expect(text.ok && text.value.title).toBe('Headline here');
    expect(text.ok && text.value.plainText).toBe('Headline here\n\nBody text with controls.');
    const html = await importArticle({ format: 'html', content: '<h1>T&#1;itle</h1><p>Bo&#x7;dy &#127;text&#x81;.</p>', title: 'Given\u0000 title\u0085' });
    expect(html.ok && html.value.title).toBe('Given title');
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(html.ok && html.value.plainText).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    expect(html.ok && html.value.plainText).toContain('Body text.');
    const md = await importArticle({ format: 'markdown', content: '# Ti\u0002tle\n\nPara\u0003graph.', byline: 'By\u0000 Ana' });
    expect(md.ok && md.value.plainText).toContain('Paragraph.');
    expect(md.ok && md.value.byline).toBe('By Ana');
  });

  it('refuse text that is mostly binary with 422 and a message', async () => {
    for (const format of ['text', 'markdown', 'html'] as const) {
      const result = await importArticle({ format, content: `${'\u0000\u0001\u0002\u0003'.repeat(50)}title` });
      expect(result).toMatchObject({ ok: false, error: { code: 'unprocessable', message: expect.stringContaining('binary') } });
    }
  });
});

describe('cleanStrings (every JSON body)', () => {
  it('removes control characters from every string at any depth, except passwords', () => {
    expect(cleanStrings({ note: 'a\u0000b', sources: [{ title: 'T\u0007', url: 'https://x.test/\u0000' }], password: 'p\u0001w', n: 3 })).toEqual({
      ok: true,
      value: { note: 'ab', sources: [{ title: 'T', url: 'https://x.test/' }], password: 'p\u0001w', n: 3 },
    });
  });

  it('refuses a binary string with 422 naming the field, and absurd nesting with 400', () => {
    expect(cleanStrings({ title: 'x', content: '\u0000'.repeat(100) })).toMatchObject({ ok: false, error: { code: 'unprocessable', details: { path: 'content' } } });
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(cleanStrings(deep)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
