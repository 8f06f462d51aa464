import { describe, expect, it } from 'vitest';
import { decodeUpload } from '@/lib/import/decode';
import { importText } from '@/lib/import/text';
import { errorOf, sampleText, unwrap } from './helpers';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeUpload', () => {
  it('decodes UTF-8 text with curly quotes unchanged', () => {
    const text = sampleText();
    expect(unwrap(decodeUpload(utf8(text)))).toBe(text);
  });

  it('drops a UTF-8 byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Aleppo’s airport')]);
    expect(unwrap(decodeUpload(bytes))).toBe('Aleppo’s airport');
  });

  it('refuses text that is not UTF-8, asking for a UTF-8 file', () => {
    // "café" in Latin-1: 0xE9 alone is not valid UTF-8.
    const error = errorOf(decodeUpload(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a])));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/The file is not UTF-8 text/);
  });

  it('refuses UTF-16 with its own message', () => {
    const error = errorOf(decodeUpload(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42, 0x00])));
    expect(error.message).toMatch(/UTF-16/);
  });

  it('refuses binary files containing NUL bytes', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const error = errorOf(decodeUpload(png));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/binary/);
  });

  it('refuses valid UTF-8 that is mostly control characters', () => {
    const bytes = utf8('\u0001\u0002\u0003\u0004 abc \u001b[0m\u0007\u0008 more text');
    expect(errorOf(decodeUpload(bytes)).message).toMatch(/binary/);
  });

  it('accepts tabs, form feeds and CRLF line ends', () => {
    expect(unwrap(decodeUpload(utf8('Title\r\n\r\nA\tparagraph.\f\r\n')))).toBe('Title\r\n\r\nA\tparagraph.\f\r\n');
  });

  it('decodes an empty file to empty text, which the import then refuses as empty', () => {
    const text = unwrap(decodeUpload(new Uint8Array()));
    expect(text).toBe('');
    expect(errorOf(importText(text)).message).toMatch(/The article is empty/);
  });
});
