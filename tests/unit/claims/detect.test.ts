import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectClaims, sentenceReasons } from '@/lib/claims/detect';
import { CanonicalText, TextIndex } from '@/lib/document/canonical-text';
import { docFromText } from '@/lib/import/text';

describe('sentenceReasons', () => {
  it.each([
    ['figures: numbers, percentages, money, dates and years', 'The council spent €4.5 million, or 14% of its budget, in March 2024.', ['figure']],
    ['figures in words', 'The plant employed three thousand workers.', ['figure']],
    ['quoted speech', 'The mayor called the plan “a promise the city cannot keep.”', ['quotation']],
    ['attribution without quotes', 'Officials said the bridge was safe.', ['quotation']],
    ['according to', 'The bridge is safe, according to the inspectors.', ['quotation']],
    ['superlatives', 'It is the largest bridge in the region.', ['comparison']],
    ['more than', 'The bridge carries more cars than the tunnel does.', ['comparison']],
    ['changes in quantity', 'Traffic on the bridge has doubled.', ['comparison']],
    ['named people', 'The engineer Helen Moreau inspected the bridge.', ['named_entity']],
    ['named places and organisations', 'The bridge links Ottawa with the Wagner Group depot.', ['named_entity']],
    ['cause and effect', 'The bridge closed because the cables had rusted.', ['causal']],
  ])('%s', (_kind, sentence, reasons) => {
    expect(sentenceReasons(sentence)).toEqual(reasons);
  });

  it('gives every reason a sentence has, in the order of CLAIM_REASONS', () => {
    expect(sentenceReasons('Inflation was the main reason for the gap, Ms. Moreau said, as energy bills rose by a third since 2021.')).toEqual(['figure', 'quotation', 'comparison', 'named_entity', 'causal']);
  });

  it('finds nothing in questions, opinions, headings without a verb and bare predictions', () => {
    expect(sentenceReasons('“Would you eat a fish from Lagos?” he asks.')).toEqual([]);
    expect(sentenceReasons('I think Moscow owes these people more than apologies.')).toEqual([]);
    expect(sentenceReasons('Russia’s Role in Syria')).toEqual([]);
    expect(sentenceReasons('Future developments will depend on how Moscow responds.')).toEqual([]);
    expect(sentenceReasons('He laughs when I ask whether he believes them.')).toEqual([]);
  });

  it('does not take nationalities or the capital after a quotation mark for names', () => {
    expect(sentenceReasons('Russian and Syrian flags hang side by side.')).toEqual([]);
    expect(sentenceReasons('“They came with cameras,” he told me.')).toEqual(['quotation']);
  });
});

describe('detectClaims', () => {
  it('marks the sample article’s claims with code-point offsets, and not its headings', () => {
    const text = TextIndex.fromDoc(docFromText(fs.readFileSync(path.join(__dirname, '../../../content/sample-article.txt'), 'utf8'))).text;
    const canonical = new CanonicalText(text);
    const claims = detectClaims(text);
    const quoted = claims.map((c) => ({ text: canonical.slice(c.start, c.end), reasons: c.reasons }));
    expect(quoted).toContainEqual({ text: 'Aleppo, which witnessed intense battles from 2012 to 2016, has once again become a focal point of conflict.', reasons: ['figure', 'named_entity'] });
    expect(quoted).toContainEqual({ text: 'Russian President Vladimir Putin praised the operation, emphasizing Russia’s decisive role in the city’s “liberation.”', reasons: ['quotation', 'named_entity'] });
    expect(quoted.map((q) => q.text)).not.toContain('Russia’s Role in Syria');
    expect(quoted.map((q) => q.text)).not.toContain('Future developments will depend on how Moscow and its allies respond in the coming weeks.');
    expect(claims.length).toBeGreaterThan(15);
  });

  it('counts astral characters once', () => {
    const claims = detectClaims('😀 Intro line\n\nPrices rose 5% in 2024.');
    expect(claims).toEqual([{ start: 14, end: 37, reasons: ['figure', 'comparison'] }]);
  });
});
