// Reports of rich articles, from hand-built ProseMirror JSON: the article text with its table
// (header row, colspan, empty cell) and figure (alt text, caption), verdicts on a cell, across a
// row and on a caption, and right-to-left articles (Arabic, Hebrew) in every format that shows text.
import path from 'node:path';
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { CanonicalText } from '@/lib/document/canonical-text';
import { buildArticleText } from '@/lib/report/article-text';
import { renderClaimReview } from '@/lib/report/claimreview';
import { renderHtml } from '@/lib/report/html';
import { renderMarkdown } from '@/lib/report/markdown';
import { buildReportModel } from '@/lib/report/model';
import { dejaVuFontDir, renderPdf } from '@/lib/report/pdf';
import { layoutBidi } from '@/lib/report/pdf-bidi';
import { buildW3cCollection, type W3cAnnotation } from '@/lib/report/w3c';
import { pdfPageTexts, withPdfDocument } from '../../support/pdf-text';
import { MUST_TESTS, failedAssertions } from './w3c-conformance';
import {
  ARABIC_PASSAGE,
  ARABIC_SENTENCE,
  BUDGET_DOC,
  BUDGET_TEXT,
  HEBREW_PASSAGE,
  HEBREW_TEXT,
  HOSTILE_ALT,
  HOSTILE_CELL,
  arabicInput,
  budgetInput,
  hebrewInput,
  hostileInput,
  para,
} from './rich-fixture';

const text = (el: Element | null | undefined) => el?.textContent ?? '';
const budget = buildReportModel(budgetInput());
const arabic = buildReportModel(arabicInput());

describe('the article text model', () => {
  it('keeps the table grid: header row, row headers, a colspan and an empty cell', () => {
    const table = budget.text.blocks.find((b) => b.kind === 'table');
    expect(budget.text.structured).toBe(true);
    expect(table).toMatchObject({ kind: 'table', number: 1, columns: 3, headerRow: true });
    if (table?.kind !== 'table') throw new Error('no table');
    const cells = table.rows.map((row) => row.map((c) => [c.column, c.colspan, c.header, c.blocks.map((b) => (b.kind === 'paragraph' ? b.spans.map((s) => s.text).join('') : '?')).join('')]));
    expect(cells).toEqual([
      [[0, 1, true, 'Department'], [1, 1, true, 'Budget'], [2, 1, true, 'Change']],
      [[0, 1, true, 'Defence'], [1, 1, false, '€12 bn'], [2, 1, false, '+3 %']],
      [[0, 1, true, 'Health'], [1, 2, false, 'not published']],
      [[0, 1, true, 'Schools'], [1, 1, false, ''], [2, 1, false, '−1 %']],
    ]);
    const figure = budget.text.blocks.find((b) => b.kind === 'figure');
    expect(figure).toMatchObject({ number: 1, image: { src: 'https://example.com/chart.png', alt: 'Bar chart of spending by department' } });
  });

  it('places cells under a rowspan in the right columns (and Markdown leaves the spanned cells empty)', () => {
    const c = (t: string, rowspan = 1) => ({ type: 'table_cell', attrs: { colspan: 1, rowspan, colwidth: null }, content: [para(t)] });
    const doc = { type: 'doc', content: [{ type: 'table', content: [{ type: 'table_row', content: [c('North', 2), c('a'), c('b')] }, { type: 'table_row', content: [c('c'), c('d')] }] }] };
    const plainText = ['North', 'a', 'b', 'c', 'd'].join('\n\n');
    const input = { ...budgetInput(), article: { ...budgetInput().article, plainText, doc }, annotations: [] };
    const model = buildReportModel(input);
    const table = model.text.blocks[0];
    if (table.kind !== 'table') throw new Error('no table');
    expect(table.rows.map((row) => row.map((cell) => cell.column))).toEqual([[0, 1, 2], [1, 2]]);
    expect(renderMarkdown(model)).toContain('| North | a | b |\n|   | c | d |');
    const located = buildArticleText(doc, new CanonicalText(plainText), [{ start: 16, end: 17, status: 'verified' }], () => true);
    expect(located.locations).toEqual(['Table 1, row 2, column 3']);
  });

  it('adds no empty columns for a colspan that reaches past every other cell (colspan="1000")', () => {
    const wide = { type: 'table_cell', attrs: { colspan: 1000, rowspan: 1, colwidth: null }, content: [para('Total')] };
    const doc = { type: 'doc', content: [{ type: 'table', content: [{ type: 'table_row', content: [wide] }, { type: 'table_row', content: [wide] }] }] };
    const model = buildReportModel({ ...budgetInput(), article: { ...budgetInput().article, plainText: 'Total\n\nTotal', doc }, annotations: [] });
    expect(model.text.blocks[0]).toMatchObject({ kind: 'table', columns: 1 });
    expect(renderMarkdown(model)).toContain('|   |\n| --- |\n| Total |\n| Total |');
  });

  it('says where a verdict sits: a cell, across a row, a caption; nothing for a paragraph', () => {
    expect(budget.items.map((i) => [i.id, i.location])).toEqual([
      [31, null],
      [32, 'Table 1, row 1 (“Defence”), column 2 (“Budget”)'],
      [33, 'Table 1, row 1 (“Defence”), columns 2 (“Budget”) to 3 (“Change”)'],
      [34, 'Caption of figure 1'],
    ]);
  });

  it('marks each span with its verdicts’ status and puts each reference after its passage’s end', () => {
    const table = budget.text.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    const [budgetCell, changeCell] = table.rows[1].slice(1).map((c) => (c.blocks[0].kind === 'paragraph' ? c.blocks[0].spans : []));
    // "€12 bn" is under a disputed and a verified verdict; the disputed one ends there.
    expect(budgetCell).toEqual([{ text: '€12 bn', mark: 'mixed', ends: [1] }]);
    expect(changeCell).toEqual([{ text: '+3 %', mark: 'verified', ends: [2] }]);
  });

  it('falls back to the plain text’s paragraphs when the document does not match the text', () => {
    const wrong = buildReportModel({ ...budgetInput(), article: { ...budgetInput().article, doc: { type: 'doc', content: [para('Something else')] } } });
    expect(wrong.text.structured).toBe(false);
    expect(wrong.text.blocks).toHaveLength(BUDGET_TEXT.split('\n\n').length);
    expect(wrong.items.every((i) => i.location === null)).toBe(true);
    // The verdicts are still marked where the text says.
    const first = wrong.text.blocks[1];
    expect(first.kind === 'paragraph' && first.spans.find((s) => s.mark !== null)?.text).toBe('spending rose | sharply');
  });

  it('stays cheap: 10,000 verdicts over a 2,000-cell table', () => {
    const cells = Array.from({ length: 2_000 }, (_, i) => `Cell number ${i} with some text`);
    const rows = Array.from({ length: 400 }, (_, r) => ({
      type: 'table_row',
      content: cells.slice(r * 5, r * 5 + 5).map((t) => ({ type: 'table_cell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [para(t)] })),
    }));
    const plain = cells.join('\n\n');
    const canonical = new CanonicalText(plain);
    let offset = 0;
    const ranges = cells.flatMap((c) => {
      const start = offset;
      offset += c.length + 2;
      // Five verdicts per cell, two of them overlapping.
      return [0, 5, 12, 14, 19].map((d) => ({ start: start + d, end: start + d + 6, status: 'verified' as const }));
    });
    const t0 = performance.now();
    const built = buildArticleText({ type: 'doc', content: [{ type: 'table', content: rows }] }, canonical, ranges, () => true);
    const elapsed = performance.now() - t0;
    expect(built.text.structured).toBe(true);
    expect(built.locations[9_999]).toBe('Table 1, row 400, column 5');
    expect(elapsed).toBeLessThan(2_000);
  });
});

describe('HTML report of a rich article', () => {
  const doc = new JSDOM(renderHtml(budget)).window.document;
  const section = doc.querySelector('.fm-article-text')!;

  it('keeps the report chrome English and left to right, and says the article’s language', () => {
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(doc.documentElement.getAttribute('dir')).toBe('ltr');
    expect(text(doc.querySelector('.fm-meta'))).toContain('English (en) · left to right');
  });

  it('has an Article text section (revision 1) with the table as a real table', () => {
    expect(text(section.querySelector('h2'))).toBe('Article text (revision 1)');
    const table = section.querySelector('table')!;
    expect([...table.querySelectorAll('thead th')].map((th) => [text(th), th.getAttribute('scope')])).toEqual([
      ['Department', 'col'],
      ['Budget', 'col'],
      ['Change', 'col'],
    ]);
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows.map((tr) => tr.children.length)).toEqual([3, 2, 3]);
    expect(rows[1].children[1].getAttribute('colspan')).toBe('2');
    expect(text(rows[2].children[1])).toBe('');
    expect(rows[0].children[0].tagName).toBe('TH');
    expect(rows[0].children[0].getAttribute('scope')).toBe('row');
    // The cell's passage is marked and refers to its verdicts, which are in the same document.
    const cell = rows[0].children[1];
    expect(text(cell.querySelector('mark'))).toBe('€12 bn');
    const ref = cell.querySelector('a.fm-mref')!;
    expect(text(ref)).toBe('[2 ✗ Disputed]');
    expect(doc.getElementById(ref.getAttribute('href')!.slice(1))).not.toBeNull();
  });

  it('shows a figure as its image link, alt text and caption, the caption’s passage marked', () => {
    const figure = section.querySelector('figure')!;
    expect(figure.querySelector('a')?.getAttribute('href')).toBe('https://example.com/chart.png');
    expect(text(figure.querySelector('.fm-image'))).toContain('alt text: “Bar chart of spending by department”');
    expect(figure.querySelector('img')).toBeNull();
    expect(text(figure.querySelector('figcaption mark'))).toBe('Defence spending doubled');
    expect(text(figure.querySelector('figcaption'))).toBe('Defence spending doubled[4 ✗ Disputed] since 2015.');
  });

  it('says where each verdict sits', () => {
    expect(text(doc.querySelector('#annotation-32 .fm-location'))).toBe('Table 1, row 1 (“Defence”), column 2 (“Budget”)');
    expect(text(doc.querySelector('#annotation-34 .fm-location'))).toBe('Caption of figure 1');
    expect(doc.querySelector('#annotation-31 .fm-location')).toBeNull();
  });

  it('puts the Arabic article’s lang and dir on its own words, dir="auto" on notes', () => {
    const ar = new JSDOM(renderHtml(buildReportModel({ ...arabicInput(), annotations: arabicInput().annotations.map((a) => ({ ...a, note: 'Source: وزارة المالية' })) }))).window.document;
    expect(ar.documentElement.getAttribute('dir')).toBe('ltr');
    const body = ar.querySelector('.fm-text')!;
    expect([body.getAttribute('lang'), body.getAttribute('dir')]).toEqual(['ar', 'rtl']);
    expect(text(body.querySelector('mark'))).toBe(ARABIC_PASSAGE);
    const passage = ar.querySelector('#annotation-41 .fm-passage')!;
    expect([passage.getAttribute('lang'), passage.getAttribute('dir')]).toEqual(['ar', 'rtl']);
    expect(ar.querySelector('#annotation-41 .fm-note')?.getAttribute('dir')).toBe('auto');
    expect(ar.querySelector('h1')?.getAttribute('dir')).toBe('auto');
    expect(text(ar.querySelector('.fm-meta'))).toContain('Arabic (ar) · right to left');
  });

  it('keeps hostile cell text, alt text and image addresses inert', () => {
    const hostile = renderHtml(buildReportModel(hostileInput()));
    const h = new JSDOM(hostile).window.document;
    expect(h.querySelectorAll('script, img, iframe')).toHaveLength(0);
    for (const el of h.querySelectorAll('*')) for (const attr of el.getAttributeNames()) expect(attr.startsWith('on')).toBe(false);
    expect(text(h.querySelector('.fm-text td'))).toBe(HOSTILE_CELL.replace('<script>', '<script>[1 ✗ Disputed]'));
    expect(text(h.querySelector('.fm-image'))).toBe(`Image (no web address) — alt text: “${HOSTILE_ALT}”`);
    expect(hostile).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
  });
});

describe('Markdown report of a rich article', () => {
  const md = renderMarkdown(budget);
  const render = (markdown: string) => {
    const it_ = new MarkdownIt({ html: true });
    it_.validateLink = () => true;
    return new JSDOM(it_.render(markdown)).window.document;
  };
  const doc = render(md);

  it('prints the table as a GFM table: header row, escaped pipes, colspan and empty cells', () => {
    expect(md).toContain('| Department | Budget | Change |');
    expect(md).toContain('| Defence | **€12 bn** \\[2 ✗ Disputed\\] | **+3 %** \\[3 ✓ Verified\\] |');
    // The first table is the summary's counts.
    const table = doc.querySelectorAll('table')[1];
    expect([...table.querySelectorAll('thead th')].map(text)).toEqual(['Department', 'Budget', 'Change']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map(text));
    expect(rows).toEqual([
      ['Defence', '€12 bn [2 ✗ Disputed]', '+3 % [3 ✓ Verified]'],
      ['Health', 'not published', ''],
      ['Schools', '', '−1 %'],
    ]);
    expect(text(table.querySelector('tbody tr td:nth-child(2) strong'))).toBe('€12 bn');
    // The paragraph's pipe stays text, not a table.
    expect(doc.querySelectorAll('table')).toHaveLength(2);
    expect([...doc.querySelectorAll('p')].map(text)).toContain('The minister said spending rose | sharply [1 ? Needs source].');
  });

  it('prints a figure as caption, image link and alt text; headings below the report’s own', () => {
    const figure = [...doc.querySelectorAll('p')].find((p) => text(p).startsWith('Figure 1:'))!;
    expect(text(figure)).toBe('Figure 1: Defence spending doubled [4 ✗ Disputed] since 2015.\nImage — alt text: “Bar chart of spending by department”');
    expect(figure.querySelector('a')?.getAttribute('href')).toBe('https://example.com/chart.png');
    expect(figure.querySelector('img')).toBeNull();
    expect(text(doc.querySelector('h3'))).toBe('The 2025 budget');
    expect([...doc.querySelectorAll('li')].map((li) => text(li).trim())).toEqual(expect.arrayContaining(['First point', 'Second point']));
  });

  it('says the language and direction, and keeps right-to-left text exactly as written', () => {
    const ar = renderMarkdown(arabic);
    expect(ar).toContain('- **Language:** Arabic \\(ar\\) · right to left');
    expect(ar).toContain(`قال الوزير إن **${ARABIC_PASSAGE}** \\[1 ✗ Disputed\\] خلال عام واحد.`);
    // No invisible direction marks are added.
    expect(ar).not.toMatch(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
  });

  it('keeps hostile cell text and alt text inert in the table', () => {
    const hostile = render(renderMarkdown(buildReportModel(hostileInput())));
    expect(hostile.querySelectorAll('script, img')).toHaveLength(0);
    // Only the report's own title is a level-1 heading.
    expect(hostile.querySelectorAll('h1')).toHaveLength(1);
    const cells = [...hostile.querySelectorAll('table')].pop()!.querySelectorAll('td');
    expect(text(cells[0])).toBe(HOSTILE_CELL.replace('<script>', '<script> [1 ✗ Disputed]'));
    expect(cells[0].querySelector('a') === null).toBe(true);
    expect([...cells[0].querySelectorAll('strong')].map(text)).toEqual(['<script>']);
    expect(hostile.body.innerHTML).not.toMatch(/href="javascript:/);
  });
});

describe('PDF report of a right-to-left article', () => {
  it('extracts the Arabic passage and sentence in logical order, the lines right-aligned', async () => {
    const pdf = await renderPdf(arabic);
    const page = (await pdfPageTexts(pdf)).join(' ');
    expect(page).toContain(ARABIC_PASSAGE);
    expect(page).toContain(`قال الوزير إن ${ARABIC_PASSAGE} `);
    expect(page).toContain(' خلال عام واحد.');
    expect(page).toContain('وأضاف أن تقرير OECD يؤكد ذلك (انظر الجدول).');
    expect(page).toContain('Language: Arabic (ar) · right to left');
    // Right-aligned: the article's lines end at the right margin (A4 595.28 pt, 56 pt margin).
    const items = await withPdfDocument(pdf, async (doc) => (await (await doc.getPage(1)).getTextContent()).items.filter((i) => 'str' in i && i.str.includes('تقرير')));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) if ('str' in item) expect(item.transform[4] + item.width).toBeCloseTo(595.28 - 56, 0);
  });

  it('extracts Hebrew with its brackets the right way round and its number in order', async () => {
    const page = (await pdfPageTexts(await renderPdf(buildReportModel(hebrewInput())))).join(' ');
    expect(page).toContain(HEBREW_PASSAGE);
    expect(page).toContain(HEBREW_TEXT.slice(0, 20));
  });

  it('prints the table row by row, cells apart, and a verdict’s location in its heading', async () => {
    const page = (await pdfPageTexts(await renderPdf(budget))).join(' ');
    expect(page).toContain('Department | Budget | Change');
    expect(page).toContain('Defence | €12 bn [2 ✗ Disputed] | +3 % [3 ✓ Verified]');
    expect(page).toContain('Schools | | −1 %');
    expect(page).toContain('Figure 1: Defence spending doubled [4 ✗ Disputed] since 2015.');
    expect(page).toContain('Image: https://example.com/chart.png — alt text: “Bar chart of spending by department”');
    expect(page).toContain('Annotation #32 · characters 98–104 · Table 1, row 1 (“Defence”), column 2 (“Budget”)');
  });
});

describe('right-to-left lines for the PDF (pdf-bidi)', () => {
  // The fontkit face pdfkit draws with (fontkit itself is pdfkit's dependency, not ours).
  type Glyph = { id: number; codePoints: number[] };
  type Face = { layout(text: string, features?: string[]): { glyphs: Glyph[]; advanceWidth: number }; glyphForCodePoint(cp: number): Glyph };
  const font = (new PDFDocument({ font: path.join(dejaVuFontDir(), 'DejaVuSans.ttf') }) as unknown as { _font: { font: Face } })._font.font;
  const measure = (t: string) => font.layout(t).advanceWidth / 100;

  it('orders an Arabic line right to left with its number left to right, and joins the letters', () => {
    const paragraph = layoutBidi([{ text: ARABIC_SENTENCE, style: 0 }], 'rtl', 10_000, measure);
    expect(paragraph.rtl).toBe(true);
    expect(paragraph.lines).toHaveLength(1);
    const [piece] = paragraph.lines[0].pieces;
    const run = font.layout(piece.text, []);
    // What the font draws, left to right, read back: the sentence in screen order — the words
    // reversed and the number "12" (not "21").
    const drawn = run.glyphs.map((g) => String.fromCodePoint(...g.codePoints)).join('');
    expect(drawn).toContain('12');
    // Read right to left glyph by glyph (a ligature's letters stay in order), it is the sentence.
    const readBack = [...run.glyphs].reverse().map((g) => String.fromCodePoint(...g.codePoints)).join('');
    expect(readBack.replace('21', '12')).toBe(ARABIC_SENTENCE);
    // Joined: the word's glyphs are its contextual forms, not the isolated letters.
    const word = font.layout('الميزانية');
    const isolated = [...'الميزانية'].map((c) => font.glyphForCodePoint(c.codePointAt(0)!).id);
    expect(word.glyphs.map((g) => g.id)).not.toEqual(isolated.reverse());
  });

  it('wraps a long paragraph into lines no wider than the column, each in right-to-left order', () => {
    const long = Array.from({ length: 12 }, () => ARABIC_SENTENCE).join(' ');
    const paragraph = layoutBidi([{ text: long, style: 0 }], 'rtl', 300, measure);
    expect(paragraph.lines.length).toBeGreaterThan(3);
    for (const line of paragraph.lines) expect(line.width).toBeLessThanOrEqual(300 + 1e-6);
  });

  it('never ends a line inside a reference whose spaces are no-break spaces', () => {
    const ref = '[12\u00a0✗\u00a0Disputed]';
    // From the narrowest line the reference fits on (a word wider than the line is cut anywhere).
    for (let width = Math.ceil(measure(ref)); width <= 400; width += 7) {
      const paragraph = layoutBidi([{ text: ARABIC_SENTENCE, style: 0 }, { text: ' ', style: 0 }, { text: ref, style: 1, isolate: true }, { text: ` ${ARABIC_SENTENCE}`, style: 0 }], 'rtl', width, measure);
      const refs = paragraph.lines.flatMap((line) => line.pieces.filter((p) => p.style === 1).map((p) => p.text));
      expect(refs, `width ${width}`).toEqual([ref]);
    }
  });

  it('mirrors brackets in right-to-left text and keeps an isolated reference left to right', () => {
    const paragraph = layoutBidi(
      [
        { text: 'مرحبا (عالم)', style: 0 },
        { text: ' ', style: 0 },
        { text: '[1 ✓ Verified]', style: 1, isolate: true },
      ],
      'rtl',
      10_000,
      measure,
    );
    const pieces = paragraph.lines[0].pieces;
    const ref = pieces.find((p) => p.style === 1)!;
    expect(ref.text).toBe('[1 ✓ Verified]');
    expect(ref.rtl).toBe(false);
    // The reference comes after the text, so on screen it is left of it.
    const arabicPiece = pieces.find((p) => p.style === 0 && p.rtl)!;
    expect(ref.x).toBeLessThan(arabicPiece.x);
    // Logical "(عالم)" in right-to-left text is drawn with the brackets swapped, so it looks right.
    expect(arabicPiece.text).toContain(')عالم(');
  });
});

describe('W3C and ClaimReview exports of a right-to-left article', () => {
  it('gives the target’s source its language and direction and still passes the W3C suite', () => {
    const collection = buildW3cCollection(arabic);
    const annotation = collection.first.items[0] as W3cAnnotation;
    expect(annotation.target.source).toEqual({ id: 'urn:factmark:article:9', language: 'ar', textDirection: 'rtl' });
    for (const [kind, instance] of [
      ['collection', collection],
      ['page', collection.first],
      ['annotation', annotation],
    ] as const) {
      expect(failedAssertions(instance, MUST_TESTS[kind]).map((f) => f.title)).toEqual([]);
    }
  });

  it('says the claim’s language in ClaimReview', () => {
    const doc = JSON.parse(renderClaimReview(arabic)) as { '@graph': { itemReviewed: { inLanguage?: string; appearance: { inLanguage?: string } } }[] };
    expect(doc['@graph'][0].itemReviewed.inLanguage).toBe('ar');
    expect(doc['@graph'][0].itemReviewed.appearance.inLanguage).toBe('ar');
  });
});

// BUDGET_DOC is the document the canonical text is taken from: keep the fixture honest.
it('the budget fixture’s text is its document’s textblocks', () => {
  const blocks: string[] = [];
  const walk = (n: { type: string; text?: string; content?: unknown[] }) => {
    if (['paragraph', 'heading', 'figcaption'].includes(n.type)) blocks.push((n.content ?? []).map((c) => (c as { text?: string }).text ?? '').join(''));
    else for (const c of n.content ?? []) walk(c as typeof n);
  };
  walk(BUDGET_DOC as never);
  expect(blocks.join('\n\n')).toBe(BUDGET_TEXT);
});
