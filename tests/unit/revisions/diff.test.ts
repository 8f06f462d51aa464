import { describe, expect, it } from 'vitest';
import { diffPassage, diffTexts, type DiffSegment } from '@/lib/revisions/diff';
import { article, sampleParagraphs } from './helpers';

const P = sampleParagraphs();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const oldSide = (segments: DiffSegment[]) => segments.filter((s) => s.op !== 'insert').map((s) => s.text).join('');
const newSide = (segments: DiffSegment[]) => segments.filter((s) => s.op !== 'delete').map((s) => s.text).join('');
const short = (segments: DiffSegment[]) => segments.map((s) => [s.op, s.text]);

describe('diffTexts', () => {
  it('rebuilds both texts, with merged segments', () => {
    const old = article(P);
    const edited = article([P[0].replace('significant blow', 'major blow'), ...P.slice(1, 4), ...P.slice(5), 'A new closing paragraph.']);
    const segments = diffTexts(old, edited);
    expect(oldSide(segments)).toBe(old);
    expect(newSide(segments)).toBe(edited);
    for (let i = 1; i < segments.length; i++) expect(segments[i].op).not.toBe(segments[i - 1].op);
    expect(segments.every((s) => s.text.length > 0)).toBe(true);
  });

  it('shows an edited word as that word, not as scattered letters', () => {
    const old = article([P[2], 'Inflation fell to 3 percent last year.', P[5]]);
    const edited = article([P[2], 'Inflation rose to 3 percent last year.', P[5]]);
    expect(short(diffTexts(old, edited))).toEqual([
      ['equal', `${P[2]}\n\nInflation `],
      ['delete', 'fell'],
      ['insert', 'rose'],
      ['equal', ` to 3 percent last year.\n\n${P[5]}`],
    ]);
  });

  it('keeps the untouched paragraphs of a moved paragraph equal', () => {
    const edited = article([...P.slice(0, 7), ...P.slice(8), P[7]]);
    const segments = diffTexts(article(P), edited);
    expect(segments.filter((s) => s.op === 'delete').map((s) => s.text.trim())).toEqual([P[7]]);
    expect(segments.filter((s) => s.op === 'insert').map((s) => s.text.trim())).toEqual([P[7]]);
  });

  it('never splits a surrogate pair, even where two characters share half of one', () => {
    // 😀 U+1F600 and 😁 U+1F601 share their first unit; U+10000 and U+20000 their second.
    expect(short(diffTexts('a 😀 b', 'a 😁 b'))).toEqual([['equal', 'a '], ['delete', '😀'], ['insert', '😁'], ['equal', ' b']]);
    expect(short(diffTexts('x\u{10000}y', 'x\u{20000}y'))).toEqual([['equal', 'x'], ['delete', '\u{10000}'], ['insert', '\u{20000}'], ['equal', 'y']]);
    expect(short(diffTexts('😀😀', '😀😁'))).toEqual([['equal', '😀'], ['delete', '😀'], ['insert', '😁']]);
  });

  it('never splits a surrogate pair in random texts full of astral characters', () => {
    const alphabet = ['😀', '😁', '🙀', '\u{10000}', '\u{20000}', 'a', ' ', '\n\n'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const text = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 200; i++) {
      const a = text(Math.floor(random() * 60));
      const half = Math.floor([...a].length / 2);
      const b = random() < 0.5 ? text(Math.floor(random() * 60)) : [...a].slice(0, half).join('') + text(5) + [...a].slice(half).join('');
      const segments = diffTexts(a, b);
      expect(oldSide(segments)).toBe(a);
      expect(newSide(segments)).toBe(b);
      for (const s of segments) expect(s.text, `${JSON.stringify(a)} → ${JSON.stringify(b)}`).not.toMatch(LONE_SURROGATE);
    }
  });

  it('handles identical and empty texts', () => {
    expect(short(diffTexts('same', 'same'))).toEqual([['equal', 'same']]);
    expect(diffTexts('', '')).toEqual([]);
    expect(short(diffTexts('', 'new'))).toEqual([['insert', 'new']]);
    expect(short(diffTexts('old', ''))).toEqual([['delete', 'old']]);
  });
});

describe('diffPassage', () => {
  it('diffs whole words', () => {
    expect(short(diffPassage('inflation fell sharply last year', 'inflation rose sharply this year'))).toEqual([
      ['equal', 'inflation '],
      ['delete', 'fell'],
      ['insert', 'rose'],
      ['equal', ' sharply '],
      ['delete', 'last'],
      ['insert', 'this'],
      ['equal', ' year'],
    ]);
  });

  it('keeps an emoji whole', () => {
    expect(short(diffPassage('flags 😀 here', 'flags 😁 here'))).toEqual([['equal', 'flags '], ['delete', '😀'], ['insert', '😁'], ['equal', ' here']]);
  });
});
