// Report inputs for rich articles, built by hand as the import stores them (ProseMirror JSON of
// lib/document/schema.ts plus the canonical text of its textblocks): a budget article with a
// heading, a table (header row, a row header, a colspan, an empty cell), a figure with alt text and
// caption and a list; and a short Arabic article (right to left) with a number and a Latin word in it.
// Verdicts: on one table cell, across two cells of a row, on the caption, and on Arabic words.
import type { AnnotationDto } from '@/lib/annotations/types';
import type { Status } from '@/lib/annotations/status';
import type { ReportInput } from '@/lib/report/model';
import { fixtureAnnotations, offsetsOf } from './fixture';

type Json = Record<string, unknown>;

const text = (t: string): Json[] => (t ? [{ type: 'text', text: t }] : []);
export const para = (t: string): Json => ({ type: 'paragraph', content: text(t) });
const cell = (type: 'table_cell' | 'table_header', t: string, attrs: Json = {}): Json => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth: null, ...attrs },
  content: [para(t)],
});
const row = (...cells: Json[]): Json => ({ type: 'table_row', content: cells });

export const BUDGET_DOC: Json = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: text('The 2025 budget') },
    para('The minister said spending rose | sharply.'),
    {
      type: 'table',
      content: [
        row(cell('table_header', 'Department'), cell('table_header', 'Budget'), cell('table_header', 'Change')),
        row(cell('table_header', 'Defence'), cell('table_cell', '€12 bn'), cell('table_cell', '+3 %')),
        row(cell('table_header', 'Health'), cell('table_cell', 'not published', { colspan: 2 })),
        row(cell('table_header', 'Schools'), cell('table_cell', ''), cell('table_cell', '−1 %')),
      ],
    },
    {
      type: 'figure',
      content: [
        { type: 'image', attrs: { src: 'https://example.com/chart.png', alt: 'Bar chart of spending by department', title: null } },
        { type: 'figcaption', content: text('Defence spending doubled since 2015.') },
      ],
    },
    { type: 'bullet_list', content: [{ type: 'list_item', content: [para('First point')] }, { type: 'list_item', content: [para('Second point')] }] },
  ],
};

/** The canonical text of BUDGET_DOC: its textblocks joined by "\n\n", cells row by row. */
export const BUDGET_TEXT = [
  'The 2025 budget',
  'The minister said spending rose | sharply.',
  'Department',
  'Budget',
  'Change',
  'Defence',
  '€12 bn',
  '+3 %',
  'Health',
  'not published',
  'Schools',
  '',
  '−1 %',
  'Defence spending doubled since 2015.',
  'First point',
  'Second point',
].join('\n\n');

export const ARABIC_PASSAGE = 'ارتفعت الأسعار بنسبة 12 في المئة';
export const ARABIC_SENTENCE = `قال الوزير إن ${ARABIC_PASSAGE} خلال عام واحد.`;
export const ARABIC_DOC: Json = {
  type: 'doc',
  content: [para(ARABIC_SENTENCE), para('وأضاف أن تقرير OECD يؤكد ذلك (انظر الجدول).')],
};
export const ARABIC_TEXT = `${ARABIC_SENTENCE}\n\nوأضاف أن تقرير OECD يؤكد ذلك (انظر الجدول).`;

/** A verdict on the first `phrase` in `full` at or after UTF-16 offset `from`: the sample fixture's first verdict with its place and words. */
function annotation(id: number, full: string, phrase: string, status: Status, from = 0): AnnotationDto {
  const { start, end } = offsetsOf(full, phrase, from);
  const cps = [...full];
  const prefix = cps.slice(Math.max(0, start - 32), start).join('');
  return { ...fixtureAnnotations()[0], id, articleId: 9, status, start, end, exact: phrase, prefix, suffix: cps.slice(end, end + 32).join(''), note: '', sources: [] };
}

function input(article: Partial<ReportInput['article']> & Pick<ReportInput['article'], 'plainText'>, annotations: AnnotationDto[]): ReportInput {
  return {
    article: {
      id: 9,
      slug: 'rich',
      title: 'Rich article',
      byline: null,
      sourceUrl: null,
      publisher: null,
      publishedAt: null,
      revision: 1,
      revisedAt: '2025-03-01T18:00:00.000Z',
      ...article,
    },
    annotations,
    history: new Map(),
    exportedBy: { id: 1, name: 'Alice Martin' },
    exportedAt: new Date('2025-03-05T12:00:00.000Z'),
    appUrl: 'http://localhost:3000',
    filters: {},
  };
}

/** The budget article: verdict 1 on "€12 bn" (a cell), 2 across "€12 bn" … "+3 %" (a row), 3 on the caption, 4 on the paragraph's pipe. */
export function budgetInput(): ReportInput {
  const anns = [
    annotation(31, BUDGET_TEXT, 'spending rose | sharply', 'needs_source'),
    annotation(32, BUDGET_TEXT, '€12 bn', 'disputed'),
    annotation(33, BUDGET_TEXT, '€12 bn\n\n+3 %', 'verified'),
    annotation(34, BUDGET_TEXT, 'Defence spending doubled', 'disputed', BUDGET_TEXT.indexOf('since') - 30),
  ];
  return input({ title: 'Budget 2025: where the money goes', plainText: BUDGET_TEXT, doc: BUDGET_DOC, lang: 'en', dir: 'ltr' }, anns);
}

/** The Arabic article (lang ar, rtl): one verdict on ARABIC_PASSAGE. */
export function arabicInput(): ReportInput {
  return input(
    { title: 'الأسعار ترتفع', plainText: ARABIC_TEXT, doc: ARABIC_DOC, lang: 'ar', dir: 'rtl' },
    [annotation(41, ARABIC_TEXT, ARABIC_PASSAGE, 'disputed')],
  );
}

export const HEBREW_PASSAGE = 'התקציב (לפי הדוח) גדל ב-5 מיליארד';
export const HEBREW_TEXT = `השר אמר כי ${HEBREW_PASSAGE} בשנה אחת.`;

/** A Hebrew article (lang he, rtl) with brackets and a number in its one verdict's passage. */
export function hebrewInput(): ReportInput {
  return input(
    { title: 'התקציב גדל', plainText: HEBREW_TEXT, doc: { type: 'doc', content: [para(HEBREW_TEXT)] }, lang: 'he', dir: 'rtl' },
    [annotation(51, HEBREW_TEXT, HEBREW_PASSAGE, 'verified')],
  );
}

export const HOSTILE_CELL = '<script>alert(1)</script> | **x** [a](javascript:alert(1)) # not a heading';
export const HOSTILE_ALT = '"><img src=x onerror=alert(1)> | alt';

/** A table whose cell and an image's alt text and address are written to break escaping. */
export function hostileInput(): ReportInput {
  const doc = {
    type: 'doc',
    content: [
      { type: 'table', content: [row(cell('table_cell', HOSTILE_CELL), cell('table_cell', 'ok'))] },
      { type: 'figure', content: [{ type: 'image', attrs: { src: 'javascript:alert(1)', alt: HOSTILE_ALT, title: null } }, { type: 'figcaption', content: text('A caption') }] },
    ],
  };
  const plainText = [HOSTILE_CELL, 'ok', 'A caption'].join('\n\n');
  return input({ plainText, doc, lang: null, dir: 'ltr' }, [annotation(61, plainText, '<script>', 'disputed')]);
}
