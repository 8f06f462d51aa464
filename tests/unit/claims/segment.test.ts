import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentSentences } from '@/lib/claims/segment';
import { CanonicalText, TextIndex } from '@/lib/document/canonical-text';
import { docFromText } from '@/lib/import/text';

const sampleText = TextIndex.fromDoc(docFromText(fs.readFileSync(path.join(__dirname, '../../../content/sample-article.txt'), 'utf8'))).text;
const texts = (text: string) => segmentSentences(text).map((s) => s.text);

describe('segmentSentences on the sample article', () => {
  const sentences = segmentSentences(sampleText);

  it('gives each sentence with offsets that slice it out of the canonical text', () => {
    const canonical = new CanonicalText(sampleText);
    expect(sentences).toHaveLength(29);
    for (const s of sentences) expect(canonical.slice(s.start, s.end)).toBe(s.text);
    for (let i = 1; i < sentences.length; i++) expect(sentences[i].start).toBeGreaterThan(sentences[i - 1].end);
  });

  it('keeps each heading as its own unit', () => {
    expect(sentences.map((s) => s.text)).toContain('Symbolic Significance of Russian Support');
    expect(sentences.map((s) => s.text)).toContain('Russia’s Role in Syria');
    const heading = sentences.find((s) => s.text === 'Russia’s Role in Syria')!;
    expect(sampleText.slice(heading.start - 2, heading.start)).toBe('\n\n');
    expect(sampleText.slice(heading.end, heading.end + 2)).toBe('\n\n');
  });

  it('does not split at ’ or inside “” quotes, and keeps the closing quote with its sentence', () => {
    expect(sentences.map((s) => s.text)).toContain('Russian President Vladimir Putin praised the operation, emphasizing Russia’s decisive role in the city’s “liberation.”');
    expect(sentences.map((s) => s.text)).toContain('Analysts suggest the loss of Aleppo represents a “major reputational setback” for Russia, as its image as a reliable ally begins to falter.');
  });

  it('never spans a paragraph break', () => {
    for (const s of sentences) expect(s.text).not.toContain('\n');
  });
});

describe('segmentSentences joins the splits Intl.Segmenter makes after abbreviations', () => {
  it('after initialisms that run on into a name, not before a new sentence', () => {
    expect(texts('The U.S. Army said so. He moved to the U.S. The next day he left. John F. Kennedy spoke.')).toEqual(['The U.S. Army said so.', 'He moved to the U.S.', 'The next day he left.', 'John F. Kennedy spoke.']);
  });

  it('after titles and before numbers', () => {
    expect(texts('Mr. Smith met Dr. Jones and Gen. Sergei Kisel. They met at No. 10 on Jan. 5. He said no. Then he left.')).toEqual([
      'Mr. Smith met Dr. Jones and Gen. Sergei Kisel.',
      'They met at No. 10 on Jan. 5.',
      'He said no.',
      'Then he left.',
    ]);
  });

  it('when a quoted question or exclamation runs on into its attribution', () => {
    expect(texts('“Is it true?” she asked. “Yes!” he said. “We won.” Then he left.')).toEqual(['“Is it true?” she asked.', '“Yes!” he said.', '“We won.”', 'Then he left.']);
  });

  it('counts offsets in code points and splits a hard line break', () => {
    const text = 'a😀b is here. Next 😀 one.\nA line\n\nLast.';
    const sentences = segmentSentences(text);
    expect(sentences.map((s) => [s.start, s.end, s.text])).toEqual([
      [0, 12, 'a😀b is here.'],
      [13, 24, 'Next 😀 one.'],
      [25, 31, 'A line'],
      [33, 38, 'Last.'],
    ]);
    expect([...text].slice(13, 24).join('')).toBe('Next 😀 one.');
  });

  it('segments a very long paragraph in pieces with the same result', () => {
    const sentence = 'The council spent €1.2 million on roads, Mr. Berg said. ';
    const block = sentence.repeat(400).trim();
    const sentences = segmentSentences(block);
    expect(sentences).toHaveLength(400);
    expect(new Set(sentences.map((s) => s.text))).toEqual(new Set([sentence.trim()]));
  });
});
