// Rich articles (issue 12): tables, figures and right-to-left text through the importers — the
// document nodes, the canonical text (cells and captions are textblocks, alt text is not), the
// language and direction, every bad input of the issue, and the sample article's text and
// document exactly as they were before tables and figures existed.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { DOMParser, type Node as PMNode } from 'prosemirror-model';
import { TextIndex } from '@/lib/document/canonical-text';
import { detectDirection, isRtlLang, normalizeLang } from '@/lib/document/direction';
import { articleSchema } from '@/lib/document/schema';
import { importHtml } from '@/lib/import/html';
import { checkTables, MAX_TABLE_CELLS } from '@/lib/import/limits';
import { importMarkdown } from '@/lib/import/markdown';
import { importText } from '@/lib/import/text';
import { diffBlocks } from '@/components/revision-blocks';
import { diffTexts } from '@/lib/revisions/diff';
import { importPageInWorker } from '@/lib/workers/import-task';
import { errorOf, readFixture, sampleText, unwrap } from './helpers';

/** The document as a compact outline: node names with their text, cell spans when not 1. */
function outline(node: PMNode): string {
  if (node.isText) return JSON.stringify(node.text);
  const spans = node.attrs.colspan > 1 || node.attrs.rowspan > 1 ? `[${node.attrs.colspan}x${node.attrs.rowspan}]` : '';
  const image = node.type.name === 'image' ? `[${node.attrs.src} alt=${JSON.stringify(node.attrs.alt)}]` : '';
  const children: string[] = [];
  node.forEach((child) => children.push(outline(child)));
  return `${node.type.name}${spans}${image}${children.length ? `(${children.join(' ')})` : ''}`;
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const given = { title: 'Rich article' };

describe('tables', () => {
  it('imports an HTML table with a header row, a colspan and an empty cell as a real table, its cells read row by row', () => {
    const article = unwrap(
      importHtml(
        '<p>Results by district.</p><table><thead><tr><th>District</th><th>Turnout</th></tr></thead><tbody><tr><td colspan="2">North (no count)</td></tr><tr><td>South</td><td></td></tr></tbody></table><p>After.</p>',
        given,
      ),
    );
    expect(outline(article.doc)).toBe(
      'doc(paragraph("Results by district.") table(table_row(table_header(paragraph("District")) table_header(paragraph("Turnout"))) table_row(table_cell[2x1](paragraph("North (no count)"))) table_row(table_cell(paragraph("South")) table_cell(paragraph))) paragraph("After."))',
    );
    // The empty cell is an empty textblock: it keeps its place between separators.
    expect(article.plainText).toBe('Results by district.\n\nDistrict\n\nTurnout\n\nNorth (no count)\n\nSouth\n\n\n\nAfter.');
    expect(TextIndex.fromDoc(article.doc).text).toBe(article.plainText);
  });

  it('maps an offset inside a cell to that cell and back', () => {
    const article = unwrap(importHtml('<table><tr><th>City</th><th>Held by</th></tr><tr><td>Aleppo</td><td>rebels</td></tr></table>', given));
    const index = TextIndex.fromDoc(article.doc);
    const start = index.text.indexOf('rebels');
    const from = index.posFromOffset(start);
    const to = index.posFromOffset(start + 'rebels'.length, -1);
    const $from = article.doc.resolve(from);
    expect($from.node($from.depth - 1).type.name).toBe('table_cell');
    expect(article.doc.textBetween(from, to)).toBe('rebels');
    expect(index.offsetFromPos(from)).toBe(start);
  });

  it('imports a GFM Markdown table with its header cells', () => {
    const article = unwrap(importMarkdown('Prices:\n\n| Item | 2023 | 2024 |\n| --- | ---: | ---: |\n| Bread | 1.10 | 1.45 |\n| Fuel | 2.00 |\n\nEnd.'));
    expect(outline(article.doc)).toBe(
      'doc(paragraph("Prices:") table(table_row(table_header(paragraph("Item")) table_header(paragraph("2023")) table_header(paragraph("2024"))) table_row(table_cell(paragraph("Bread")) table_cell(paragraph("1.10")) table_cell(paragraph("1.45"))) table_row(table_cell(paragraph("Fuel")) table_cell(paragraph("2.00")) table_cell(paragraph))) paragraph("End."))',
    );
    expect(article.plainText).toBe('Prices:\n\nItem\n\n2023\n\n2024\n\nBread\n\n1.10\n\n1.45\n\nFuel\n\n2.00\n\n\n\nEnd.');
  });

  it('keeps a table caption as a paragraph before the table', () => {
    const article = unwrap(importHtml('<table><caption>Table 1: <b>turnout</b></caption><tr><td>a</td></tr></table>', given));
    expect(outline(article.doc)).toBe('doc(paragraph("Table 1: " "turnout") table(table_row(table_cell(paragraph("a")))))');
  });
});

describe('figures', () => {
  it('imports a figure with its image, alt text and caption; the caption is text, the alt text is not', () => {
    const article = unwrap(
      importHtml('<p>Before.</p><figure><img src="https://img.example/dam.jpg" alt="The dam from the air" title="Dam"><figcaption>The dam in <em>May</em>.</figcaption></figure><p>After.</p>', given),
    );
    expect(outline(article.doc)).toBe('doc(paragraph("Before.") figure(image[https://img.example/dam.jpg alt="The dam from the air"] figcaption("The dam in " "May" ".")) paragraph("After."))');
    expect(article.doc.child(1).child(0).attrs.title).toBe('Dam');
    expect(article.plainText).toBe('Before.\n\nThe dam in May.\n\nAfter.');
    expect(article.plainText).not.toContain('from the air');
  });

  it('imports a Markdown image as a figure without caption, its alt text not in the text', () => {
    const article = unwrap(importMarkdown('Intro.\n\n![Flooded street](https://img.example/flood.png "Photo")\n\nEnd.'));
    expect(outline(article.doc)).toBe('doc(paragraph("Intro.") figure(image[https://img.example/flood.png alt="Flooded street"]) paragraph("End."))');
    expect(article.doc.child(1).child(0).attrs.title).toBe('Photo');
    expect(article.plainText).toBe('Intro.\n\nEnd.');
  });

  it('resolves a relative image address against the page and never keeps data: or javascript: ones', () => {
    const page = unwrap(importHtml('<p>Text.</p><img src="/photo.jpg" alt="A"><img src="data:image/png;base64,AAAA" alt="B"><img src="javascript:alert(1)" alt="C">', { ...given, sourceUrl: 'https://news.example/story/1' }));
    expect(outline(page.doc)).toBe('doc(paragraph("Text.") figure(image[https://news.example/photo.jpg alt="A"]))');
    expect(JSON.stringify(page.doc.toJSON())).not.toMatch(/data:|javascript:/);
  });

  it('schema: an image read from the DOM keeps only an absolute http(s) address', () => {
    const { document } = new JSDOM('').window;
    const read = (src: string) => {
      const box = document.createElement('div');
      box.append(document.createElement('img'));
      box.firstElementChild!.setAttribute('src', src);
      return DOMParser.fromSchema(articleSchema).parse(box).firstChild!.firstChild!.attrs.src;
    };
    expect(read('https://a.example/x.png')).toBe('https://a.example/x.png');
    expect(read('data:image/png;base64,AAAA')).toBeNull();
    expect(read('javascript:alert(1)')).toBeNull();
    expect(read('/relative.png')).toBeNull();
  });
});

describe('language and direction', () => {
  it('stores a short Arabic article as right to left with its language', () => {
    const article = unwrap(
      importHtml('<html lang="ar"><head><title>السدّ</title></head><body><h1>السدّ</h1><p>قال الوزير إن مستوى المياه في السد انخفض بنسبة 40 في المئة هذا العام.</p><p>ويتوقع المهندسون تعافياً بطيئاً.</p></body></html>'),
    );
    expect(article.lang).toBe('ar');
    expect(article.dir).toBe('rtl');
    expect(article.plainText).toBe('قال الوزير إن مستوى المياه في السد انخفض بنسبة 40 في المئة هذا العام.\n\nويتوقع المهندسون تعافياً بطيئاً.');
  });

  it('takes the direction the source declares (<article>, <body>, <html>) before guessing, and guesses from the script when it says nothing', () => {
    expect(unwrap(importHtml('<html dir="ltr"><body><article dir="rtl" lang="fa-ir"><p>Mostly Latin words here.</p></article><p>More.</p></body></html>'))).toMatchObject({ dir: 'rtl', lang: 'fa-IR' });
    // Of several <article>s none is surely the story: the page's own declaration counts.
    expect(unwrap(importHtml('<html lang="ar" dir="rtl"><body><article dir="ltr" lang="en"><p>Related story.</p></article><article><p>نص المقال.</p></article></body></html>'))).toMatchObject({ dir: 'rtl', lang: 'ar' });
    expect(unwrap(importHtml('<p>טקסט קצר בעברית.</p>', given))).toMatchObject({ dir: 'rtl', lang: null });
    expect(unwrap(importText('هذا نص عربي قصير.'))).toMatchObject({ dir: 'rtl', lang: null });
    expect(unwrap(importMarkdown('# Title\n\nPlain English.'))).toMatchObject({ dir: 'ltr', lang: null });
    // dir="auto" says nothing; an invalid lang is dropped.
    expect(unwrap(importHtml('<html lang="not a tag" dir="auto"><body><p>English text.</p></body></html>'))).toMatchObject({ dir: 'ltr', lang: null });
    // Digits only: the language decides.
    expect(unwrap(importHtml('<html lang="he"><body><p>2024 — 40%</p></body></html>', given))).toMatchObject({ dir: 'rtl', lang: 'he' });
  });

  it('a fetched page keeps Readability\'s lang and dir, its table and its figure (the URL import after the fetch, as the worker runs it)', () => {
    const sentence = 'قال وزير الموارد المائية إن مستوى المياه في السد انخفض بنسبة كبيرة هذا العام، وإن المهندسين يتوقعون تعافياً بطيئاً خلال أشهر الشتاء المقبلة.';
    const html = `<html lang="ar"><head><title>السد</title></head><body><nav><a href="/">الرئيسية</a></nav>
      <div dir="rtl"><article><h1>السد</h1><p>${sentence} ${sentence}</p><p>${sentence} ${sentence}</p>
      <table><tr><th>المنطقة</th><th>الأيام</th></tr><tr><td>الشمال</td><td>31</td></tr></table>
      <figure><img src="/img/dam.jpg" alt="السد من الجو"><figcaption>السد في أيار.</figcaption></figure><p>${sentence} ${sentence}</p></article></div></body></html>`;
    const page = importPageInWorker({ kind: 'import-page', html, url: 'https://news.example/ar/dam', meta: {} });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value).toMatchObject({ lang: 'ar', dir: 'rtl' });
    const doc = articleSchema.nodeFromJSON(page.value.doc);
    const names = new Set<string>();
    doc.descendants((n) => void names.add(n.type.name));
    expect([...names]).toEqual(expect.arrayContaining(['table', 'table_header', 'table_cell', 'figure', 'image', 'figcaption']));
    expect(page.value.plainText).toContain('المنطقة\n\nالأيام\n\nالشمال\n\n31');
    expect(page.value.plainText).toContain('السد في أيار.');
    expect(JSON.stringify(page.value.doc)).toContain('"src":"https://news.example/img/dam.jpg"');
  });

  it('keeps a mixed-direction paragraph whole, in logical order', () => {
    const article = unwrap(importHtml('<p>The minister said «هذا غير صحيح» on Monday, then left.</p>', given));
    expect(article.plainText).toBe('The minister said «هذا غير صحيح» on Monday, then left.');
    expect(article.dir).toBe('ltr');
  });

  it('detectDirection counts strong letters only; normalizeLang and isRtlLang read BCP 47', () => {
    expect(detectDirection('قال الوزير 2024 — 40% the')).toBe('rtl');
    expect(detectDirection('The report (التقرير) says')).toBe('ltr');
    expect(detectDirection('12345 — !!')).toBe('ltr');
    expect(detectDirection('12345', 'rtl')).toBe('rtl');
    expect(normalizeLang('EN_us')).toBe('en-US');
    expect(normalizeLang('')).toBeNull();
    expect(normalizeLang('#$%')).toBeNull();
    expect([isRtlLang('ar-EG'), isRtlLang('fa'), isRtlLang('ur'), isRtlLang('he'), isRtlLang('en'), isRtlLang('ku-Latn'), isRtlLang('az-Arab')]).toEqual([true, true, true, true, false, false, true]);
  });
});

describe('bad input imports without error and without losing text', () => {
  it('a table nested in a table: its cells stand where the inner table sits', () => {
    const article = unwrap(importHtml('<table><tr><td>outer<table><tr><td>inner 1</td><td>inner 2</td></tr></table></td><td>next</td></tr></table>', given));
    expect(outline(article.doc)).toBe('doc(table(table_row(table_cell(paragraph("outer") table(table_row(table_cell(paragraph("inner 1")) table_cell(paragraph("inner 2"))))) table_cell(paragraph("next")))))');
    expect(article.plainText).toBe('outer\n\ninner 1\n\ninner 2\n\nnext');
  });

  it('rows of different lengths and an empty row', () => {
    const article = unwrap(importHtml('<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr><tr></tr><tr><td>e</td><td>f</td></tr></table>', given));
    expect(article.plainText).toBe('a\n\nb\n\nc\n\nd\n\ne\n\nf');
    article.doc.check();
  });

  it('colspan and rowspan, with nonsense and huge values clamped to what HTML allows', () => {
    const article = unwrap(importHtml('<table><tr><td rowspan="2">a</td><td colspan="abc">b</td><td colspan="99999">c</td><td rowspan="-3">d</td></tr><tr><td>e</td></tr></table>', given));
    expect(outline(article.doc)).toBe('doc(table(table_row(table_cell[1x2](paragraph("a")) table_cell(paragraph("b")) table_cell[1000x1](paragraph("c")) table_cell(paragraph("d"))) table_row(table_cell(paragraph("e")))))');
    // What is stored reads back (attribute validation included).
    expect(articleSchema.nodeFromJSON(article.doc.toJSON()).eq(article.doc)).toBe(true);
  });

  it(`a table of 10,000 cells is refused with the count and the limit (${MAX_TABLE_CELLS})`, () => {
    const row = `<tr>${'<td>1</td>'.repeat(100)}</tr>`;
    const error = errorOf(importHtml(`<p>Data.</p><table>${row.repeat(100)}</table>`, given));
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toBe('A table has 10,000 cells; the limit is 5,000 per table.');
    expect(error.details).toEqual({ cells: 10_000, limit: MAX_TABLE_CELLS });
    // The limit is per table, nested tables counting their own cells.
    const { table, table_row, table_cell, paragraph, doc } = articleSchema.nodes;
    const tableOf = (cells: number) => table.create(null, Array.from({ length: cells / 10 }, () => table_row.create(null, Array.from({ length: 10 }, () => table_cell.create(null, paragraph.create())))));
    expect(checkTables(doc.create(null, [tableOf(MAX_TABLE_CELLS), tableOf(MAX_TABLE_CELLS)])).ok).toBe(true);
    expect(checkTables(doc.create(null, [tableOf(MAX_TABLE_CELLS + 10)])).ok).toBe(false);
  });

  it('an image without src is dropped (its alt text is not article text); the figure goes when nothing is left', () => {
    const article = unwrap(importHtml('<p>Start.</p><figure><img alt="lost"></figure><img alt="also lost"><figure><img src=""><figcaption>Caption stays.</figcaption></figure><p>End.</p>', given));
    expect(outline(article.doc)).toBe('doc(paragraph("Start.") figure(figcaption("Caption stays.")) paragraph("End."))');
  });

  it('a caption-only figure keeps its caption as text', () => {
    const article = unwrap(importHtml('<figure><figcaption>Only a caption.</figcaption></figure>', given));
    expect(outline(article.doc)).toBe('doc(figure(figcaption("Only a caption.")))');
    expect(article.plainText).toBe('Only a caption.');
  });

  it('a lone image gets a figure of its own; one inside a sentence splits the paragraph, the rest is not a caption', () => {
    const lone = unwrap(importHtml('<p>Before.</p><p><img src="https://img.example/a.png" alt="A"></p><p>After.</p>', given));
    expect(outline(lone.doc)).toBe('doc(paragraph("Before.") figure(image[https://img.example/a.png alt="A"]) paragraph("After."))');
    const inline = unwrap(importHtml('<p>Words before <img src="https://img.example/a.png" alt="A"> and after.</p>', given));
    expect(inline.doc.child(1).type.name).toBe('figure');
    expect(inline.doc.child(1).childCount).toBe(1);
    expect(inline.plainText.replace(/\s+/g, ' ')).toBe('Words before and after.');
  });

  it('a caption written before its image ends up under it', () => {
    const article = unwrap(importHtml('<figure><figcaption>Cap.</figcaption><img src="https://img.example/a.png" alt=""></figure>', given));
    expect(outline(article.doc)).toBe('doc(figure(image[https://img.example/a.png alt=""] figcaption("Cap.")))');
  });
});

describe('revisions of a table', () => {
  it('the changes view shows a new version of a table cell by cell, an empty cell taking no block', () => {
    const v1 = unwrap(importHtml('<p>Turnout.</p><table><tr><th>North</th><th>South</th></tr><tr><td>41%</td><td></td></tr></table>', given)).plainText;
    const v2 = unwrap(importHtml('<p>Turnout.</p><table><tr><th>North</th><th>South</th></tr><tr><td>44%</td><td>38%</td></tr></table>', given)).plainText;
    const blocks = diffBlocks(diffTexts(v1, v2)).map((b) => b.pieces.map((p) => (p.op === 'equal' ? p.text : `${p.op === 'insert' ? '+' : '-'}[${p.text}]`)).join(''));
    expect(blocks).toEqual(['Turnout.', 'North', 'South', '4-[1]+[4]%', '+[38%]']);
  });
});

describe('existing articles', () => {
  // SHA-256 of the canonical text and of the document JSON the importers produced before tables
  // and figures existed (commit f7df630), for the sample article the demo is seeded with.
  const BEFORE_TEXT = 'b9fbabf2999308f887308a57cd173b5ea259d0fd3f6c1cb123cf66741bd8f057';
  const BEFORE_DOC = 'b066252a99effead489fa68c54586de46ca553f7956efcf62135d805f98806a3';

  it('the sample article gives the same canonical text and document as before, in every format', () => {
    const fromText = unwrap(importText(sampleText()));
    expect(sha256(fromText.plainText)).toBe(BEFORE_TEXT);
    expect(sha256(JSON.stringify(fromText.doc.toJSON()))).toBe(BEFORE_DOC);
    expect(sha256(unwrap(importHtml(readFixture('sample-article.html'))).plainText)).toBe(BEFORE_TEXT);
    expect(sha256(unwrap(importMarkdown(readFixture('sample-article.md'))).plainText)).toBe(BEFORE_TEXT);
    // The stored document, read back through today's schema, gives the same text.
    expect(sha256(TextIndex.fromDoc(articleSchema.nodeFromJSON(fromText.doc.toJSON())).text)).toBe(BEFORE_TEXT);
    expect(fromText.dir).toBe('ltr');
  });
});
