// Exports of rich articles through the real server: an HTML article with a table (header row,
// colspan, empty cell) and a figure (image, alt text, caption), and a short Arabic article, both
// imported through the API; verdicts on a table cell, a caption and Arabic words; then the HTML,
// Markdown, PDF, W3C and CSV exports as a reviewer downloads them.
import { beforeAll, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { parse } from 'csv-parse/sync';
import { CanonicalText } from '@/lib/document/canonical-text';
import { createTestUser } from '../support/db';
import { login, type Client } from '../support/http';
import { pdfPageTexts } from '../support/pdf-text';
import { failedAssertions, MUST_TESTS } from '../unit/report/w3c-conformance';

const BUDGET_HTML = `<!DOCTYPE html><html lang="en"><head><title>Budget 2025</title></head><body><article>
<h1>Budget 2025: where the money goes</h1>
<p>The minister said spending rose sharply across every department this year, according to the figures published on Monday.</p>
<table>
  <thead><tr><th>Department</th><th>Budget</th><th>Change</th></tr></thead>
  <tbody>
    <tr><th>Defence</th><td>€12 bn</td><td>+3 %</td></tr>
    <tr><th>Health</th><td colspan="2">not published</td></tr>
    <tr><th>Schools</th><td></td><td>−1 %</td></tr>
  </tbody>
</table>
<figure><img src="https://example.com/chart.png" alt="Bar chart of spending by department"><figcaption>Defence spending doubled since 2015.</figcaption></figure>
<p>Opposition parties disputed the figures in a statement released later that afternoon.</p>
</article></body></html>`;

const ARABIC_PASSAGE = 'ارتفعت الأسعار بنسبة 12 في المئة';
const ARABIC_HTML = `<!DOCTYPE html><html lang="ar" dir="rtl"><head><title>الأسعار ترتفع</title></head><body><article>
<h1>الأسعار ترتفع</h1>
<p>قال الوزير إن ${ARABIC_PASSAGE} خلال عام واحد، وإن الحكومة ستعلن عن خطة جديدة لدعم الأسر في الأسابيع المقبلة.</p>
<p>وأضاف أن تقرير البنك المركزي يؤكد ذلك، مشيرا إلى أن أسعار الغذاء كانت الأكثر ارتفاعا خلال الأشهر الستة الماضية.</p>
</article></body></html>`;

let client: Client;
let budgetId: number;
let arabicId: number;

async function importHtml(content: string): Promise<number> {
  const res = await client.post('/api/articles', { format: 'html', content });
  expect(res.status).toBe(201);
  return (await res.json()).id as number;
}

async function annotate(articleId: number, passage: string, status: string): Promise<number> {
  const article = await (await client.get(`/api/articles/${articleId}`)).json();
  const text = new CanonicalText(article.plainText as string);
  const unit = text.text.indexOf(passage);
  expect(unit, passage).toBeGreaterThanOrEqual(0);
  const start = text.offsetFromUnit(unit);
  const res = await client.post(`/api/articles/${articleId}/annotations`, { start, end: start + [...passage].length, status });
  expect(res.status).toBe(201);
  return (await res.json()).id as number;
}

const report = (articleId: number, format: string) => client.get(`/api/articles/${articleId}/report?format=${format}`);

beforeAll(async () => {
  const user = await createTestUser({ name: 'Rania Reviewer' });
  client = await login(user.email, user.password);
  [budgetId, arabicId] = [await importHtml(BUDGET_HTML), await importHtml(ARABIC_HTML)];
  await annotate(budgetId, '€12 bn', 'disputed');
  await annotate(budgetId, 'Defence spending doubled', 'needs_source');
  await annotate(arabicId, ARABIC_PASSAGE, 'disputed');
}, 60_000);

describe('exports of an imported table, figure and Arabic article', () => {
  it('HTML: the article text with a real table and figure; the Arabic article’s words rtl, the chrome English', async () => {
    const budget = new JSDOM(await (await report(budgetId, 'html')).text()).window.document;
    const table = budget.querySelector('.fm-article-text table')!;
    expect([...table.querySelectorAll('th[scope="col"]')].map((th) => th.textContent)).toEqual(['Department', 'Budget', 'Change']);
    expect(table.querySelector('td[colspan="2"]')?.textContent).toBe('not published');
    expect(table.querySelector('mark')?.textContent).toBe('€12 bn');
    expect(budget.querySelector('.fm-article-text figure a')?.getAttribute('href')).toBe('https://example.com/chart.png');
    expect(budget.querySelector('.fm-article-text figcaption mark')?.textContent).toBe('Defence spending doubled');
    expect([...budget.querySelectorAll('.fm-location')].map((l) => l.textContent)).toEqual(['Table 1, row 1 (“Defence”), column 2 (“Budget”)', 'Caption of figure 1']);

    const arabic = new JSDOM(await (await report(arabicId, 'html')).text()).window.document;
    expect(arabic.documentElement.getAttribute('lang')).toBe('en');
    const text = arabic.querySelector('.fm-text')!;
    expect([text.getAttribute('lang'), text.getAttribute('dir')]).toEqual(['ar', 'rtl']);
    expect(text.querySelector('mark')?.textContent).toBe(ARABIC_PASSAGE);
    const passage = arabic.querySelector('.fm-passage')!;
    expect([passage.getAttribute('lang'), passage.getAttribute('dir')]).toEqual(['ar', 'rtl']);
  });

  it('Markdown: the GFM table with the annotated cell marked, the figure with its caption and image link', async () => {
    const md = await (await report(budgetId, 'md')).text();
    expect(md).toContain('| Department | Budget | Change |');
    expect(md).toContain('| Defence | **€12 bn** \\[1 ✗ Disputed\\] | +3 % |');
    expect(md).toContain('| Health | not published |   |');
    expect(md).toContain('| Schools |   | −1 % |');
    const doc = new JSDOM(new MarkdownIt().render(md)).window.document;
    const table = doc.querySelectorAll('table')[1];
    expect([...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent))).toEqual([
      ['Defence', '€12 bn [1 ✗ Disputed]', '+3 %'],
      ['Health', 'not published', ''],
      ['Schools', '', '−1 %'],
    ]);
    expect(md).toContain('**Figure 1:** **Defence spending doubled** \\[2 ? Needs source\\] since 2015.\\');
    expect(md).toContain('[Image](<https://example.com/chart.png>) — alt text: “Bar chart of spending by department”');
    expect(await (await report(arabicId, 'md')).text()).toContain('- **Language:** Arabic \\(ar\\) · right to left');
  });

  it('PDF: the Arabic passage extracts in logical order; the table is there row by row', async () => {
    const arabic = (await pdfPageTexts(new Uint8Array(await (await report(arabicId, 'pdf')).arrayBuffer()))).join(' ');
    expect(arabic).toContain(`قال الوزير إن ${ARABIC_PASSAGE} `);
    const budget = (await pdfPageTexts(new Uint8Array(await (await report(budgetId, 'pdf')).arrayBuffer()))).join(' ');
    expect(budget).toContain('Defence | €12 bn [1 ✗ Disputed] | +3 %');
    expect(budget).toContain('Health | not published |');
  });

  it('W3C: still valid by the suite, the target naming the text’s language and direction; CSV: the cell’s location', async () => {
    const collection = await (await report(arabicId, 'json')).json();
    expect(failedAssertions(collection, MUST_TESTS.collection)).toEqual([]);
    expect(failedAssertions(collection.first, MUST_TESTS.page)).toEqual([]);
    const annotation = collection.first.items[0];
    expect(failedAssertions(annotation, MUST_TESTS.annotation)).toEqual([]);
    expect(annotation.target.source).toMatchObject({ language: 'ar', textDirection: 'rtl' });
    const csv = parse(await (await report(budgetId, 'csv')).text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(csv.map((r) => r.location)).toEqual(['Table 1, row 1 (“Defence”), column 2 (“Budget”)', 'Caption of figure 1']);
  });
});
