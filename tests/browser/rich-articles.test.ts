// Rich articles in the real Chromium (issue 12): imported through the API, an article with tables
// and figures shows a real <table> with header cells (a wide one scrolling inside its own box),
// each caption under its image and a broken image's alt text; verdicts on one cell, across two
// cells of a row and on a caption are painted on those words; an Arabic article is laid out right
// to left, and a drag over Arabic words marked with 1 highlights exactly those words. axe-core
// finds nothing on either page.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, openArticleAs } from '../support/browser';
import { createTestUser, testDatabase, type TestUser } from '../support/db';
import { login, type Client } from '../support/http';
import { dragSelect, paintedPassages } from '../support/select';

const CHART_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="240"><rect width="480" height="240" fill="#7aa6c2"/><rect x="40" y="140" width="400" height="60" fill="#24506b"/></svg>';
const WIDE_COLUMNS = 24;
const ARABIC_WORDS = 'مستوى المياه في السد';

let browser: Browser;
let images: http.Server;
let imageBase: string;
let alice: TestUser;
let client: Client;
let richId: number;
let arabicId: number;
let richText: string;

/** A local image host: the chart loads, anything else is a 404 (a broken image). */
function startImageHost(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.url === '/chart.svg') res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(CHART_SVG);
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function richHtml(): string {
  const wideHead = Array.from({ length: WIDE_COLUMNS }, (_, i) => `<th>Month ${i + 1}</th>`).join('');
  const wideRow = Array.from({ length: WIDE_COLUMNS }, (_, i) => `<td>${(i + 1) * 111} mm</td>`).join('');
  return `<html lang="en"><body>
    <h1>Water and power: the figures</h1>
    <p>Officials published the district figures on Monday.</p>
    <table>
      <thead><tr><th>District</th><th>Households</th><th>Outages in 2024</th></tr></thead>
      <tbody>
        <tr><td>North bank</td><td>12,400 homes</td><td>31 days without power</td></tr>
        <tr><td>South bank</td><td>9,800 homes</td><td>4 days</td></tr>
      </tbody>
    </table>
    <figure><img src="${imageBase}/chart.svg" alt="Bar chart of reservoir levels"><figcaption>The reservoir at its lowest level since 1998.</figcaption></figure>
    <figure><img src="${imageBase}/missing.png" alt="Flooded street in the south"><figcaption>A street after the storm.</figcaption></figure>
    <p>Rainfall by month:</p>
    <table><tr>${wideHead}</tr><tr>${wideRow}</tr></table>
    <p>Engineers expect a slow recovery.</p>
  </body></html>`;
}

const ARABIC_HTML = `<html lang="ar" dir="rtl"><body><h1>السد في أدنى مستوياته</h1>
  <p>قال وزير الموارد المائية إن ${ARABIC_WORDS} انخفض بنسبة كبيرة هذا العام.</p>
  <p>ويتوقع المهندسون تعافياً بطيئاً خلال أشهر الشتاء.</p></body></html>`;

async function importHtml(content: string): Promise<{ id: number; lang: string | null; dir: string; plainText: string }> {
  const res = await client.post('/api/articles', { format: 'html', content });
  expect(res.status).toBe(201);
  return res.json();
}

/** Stores a verdict on the text from `first` to the end of `last` (the same passage when one is given). */
async function annotate(articleId: number, text: string, status: string, first: string, last = first) {
  const at = text.indexOf(first);
  const endAt = text.indexOf(last, at) + last.length;
  expect(at).toBeGreaterThanOrEqual(0);
  const start = [...text.slice(0, at)].length;
  const res = await client.post(`/api/articles/${articleId}/annotations`, { start, end: start + [...text.slice(at, endAt)].length, status });
  expect(res.status).toBe(201);
}

/**
 * Drags over a passage of right-to-left text as a reviewer does: from the right edge of its first
 * (logical) character to the left edge of its last, then waits for the toolbar.
 */
async function dragSelectRtl(page: Page, passage: string) {
  const box = await page.evaluate((text) => {
    const walker = document.createTreeWalker(document.querySelector('.ProseMirror')!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const at = n.data.indexOf(text);
      if (at < 0) continue;
      const rect = (offset: number) => {
        const r = document.createRange();
        r.setStart(n, offset);
        r.setEnd(n, offset + 1);
        return r.getBoundingClientRect();
      };
      const a = rect(at);
      const b = rect(at + text.length - 1);
      return { x1: a.right - 1, y1: a.top + a.height / 2, x2: b.left + 1, y2: b.top + b.height / 2 };
    }
    return null;
  }, passage);
  if (!box) throw new Error(`passage not found: ${passage}`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, box.y1, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
  await page.getByTestId('selection-toolbar').waitFor();
}

beforeAll(async () => {
  images = await startImageHost();
  imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  alice = await createTestUser({ name: 'Alice Tables' });
  client = await login(alice.email, alice.password);
  const rich = await importHtml(richHtml());
  richId = rich.id;
  richText = rich.plainText;
  expect([rich.lang, rich.dir]).toEqual(['en', 'ltr']);
  const arabic = await importHtml(ARABIC_HTML);
  arabicId = arabic.id;
  expect([arabic.lang, arabic.dir]).toEqual(['ar', 'rtl']);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => images?.close(resolve));
});

describe('an article with tables and figures', () => {
  it('shows real tables with header cells, a wide one scrolling in its own box, captions under their images and a broken image as its alt text', async () => {
    await annotate(richId, richText, 'disputed', '31 days without power');
    await annotate(richId, richText, 'needs_source', 'lowest level since 1998');
    await annotate(richId, richText, 'verified', 'South bank', '9,800 homes');
    const page = await openArticleAs(browser, alice, richId);
    const view = page.locator('.ProseMirror');

    const first = view.locator('table').first();
    expect(await first.locator('tr').first().locator('th').allTextContents()).toEqual(['District', 'Households', 'Outages in 2024']);
    expect(await first.locator('td').allTextContents()).toEqual(['North bank', '12,400 homes', '31 days without power', 'South bank', '9,800 homes', '4 days']);

    // The wide table scrolls inside its wrapper; the page itself does not get wider.
    const widths = await page.evaluate(() => {
      const wrapper = document.querySelectorAll('.ProseMirror .table-scroll')[1] as HTMLElement;
      return { scroll: wrapper.scrollWidth, client: wrapper.clientWidth, overflow: getComputedStyle(wrapper).overflowX, page: document.documentElement.scrollWidth, viewport: window.innerWidth };
    });
    expect(widths.scroll).toBeGreaterThan(widths.client);
    expect(widths.overflow).toBe('auto');
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);

    // The chart loads (lazily, from its http address) and its caption sits under it.
    const chart = view.locator('figure').first();
    await expect.poll(() => chart.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const img = (await chart.locator('img').boundingBox())!;
    const caption = (await chart.locator('figcaption').boundingBox())!;
    expect(img.height).toBeGreaterThan(100);
    expect(caption.y).toBeGreaterThanOrEqual(img.y + img.height - 1);
    expect(caption.x).toBeLessThan(img.x + img.width);
    expect(await chart.locator('img').getAttribute('loading')).toBe('lazy');
    expect(await chart.locator('img').getAttribute('referrerpolicy')).toBe('no-referrer');
    // The broken one shows its alt text in its place, still above its caption.
    const broken = view.locator('figure').nth(1);
    await broken.locator('.image-alt').waitFor();
    expect(await broken.locator('.image-alt').textContent()).toBe('Flooded street in the south');
    expect(await broken.locator('img').count()).toBe(0);
    expect((await broken.locator('figcaption').boundingBox())!.y).toBeGreaterThan((await broken.locator('.image-alt').boundingBox())!.y);

    // Verdicts on one cell, on a caption and across two cells of a row are painted on those words.
    await expect.poll(() => paintedPassages(page, 'disputed')).toEqual(['31 days without power']);
    await expect.poll(() => paintedPassages(page, 'needs_source')).toEqual(['lowest level since 1998']);
    // Across cells the DOM has no separator: the range holds both cells' words and nothing else.
    await expect.poll(() => paintedPassages(page, 'verified')).toEqual(['South bank9,800 homes']);
    const paintedCells = await page.evaluate(() => {
      const range = [...(CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('fm-verified')!][0];
      const cells = [...document.querySelectorAll('.ProseMirror td')].filter((td) => {
        const r = document.createRange();
        r.setStart(range.startContainer, range.startOffset);
        r.setEnd(range.endContainer, range.endOffset);
        return r.intersectsNode(td.firstChild!.firstChild!);
      });
      return cells.map((td) => td.textContent);
    });
    expect(paintedCells).toEqual(['South bank', '9,800 homes']);
    // A reviewer's drag across two cells of a row, then 2: stored on the words of both cells.
    await dragSelect(page, 'North bank12,400 homes');
    await page.keyboard.press('2');
    await expect.poll(async () => (await paintedPassages(page, 'disputed')).sort()).toEqual(['31 days without power', 'North bank12,400 homes']);
    await expect
      .poll(async () => ((await (await client.get(`/api/articles/${richId}/annotations?status=disputed`)).json()).annotations as { exact: string }[]).map((a) => a.exact))
      .toEqual(['North bank\n\n12,400 homes', '31 days without power']);

    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('over the API', () => {
  it('refuses a table of 10,000 cells with 413 and the limit, storing nothing', async () => {
    // Only this title: other files store articles in the shared database meanwhile.
    const count = () => (testDatabase().sqlite.prepare("SELECT count(*) AS n FROM articles WHERE title = 'Rich: too big a table'").get() as { n: number }).n;
    const row = `<tr>${'<td>7</td>'.repeat(100)}</tr>`;
    const res = await client.post('/api/articles', { format: 'html', content: `<p>Raw data.</p><table>${row.repeat(100)}</table>`, title: 'Rich: too big a table' });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'payload_too_large', message: 'A table has 10,000 cells; the limit is 5,000 per table.', details: { cells: 10_000, limit: 5_000 } } });
    expect(count()).toBe(0);
  });

  it('gives each revision its own language and direction', async () => {
    const created = await client.post('/api/articles', { format: 'text', content: 'A short English text about the dam.\n\nIt will be translated.' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const res = await client.post(`/api/articles/${id}/revisions`, { format: 'html', content: '<html lang="he"><body><p>טקסט קצר על הסכר.</p></body></html>' });
    expect(res.status).toBe(201);
    expect(await (await client.get(`/api/articles/${id}`)).json()).toMatchObject({ revision: 2, lang: 'he', dir: 'rtl' });
    const { revisions } = (await (await client.get(`/api/articles/${id}/revisions`)).json()) as { revisions: { number: number; lang: string | null; dir: string }[] };
    expect(revisions.map((r) => [r.number, r.lang, r.dir])).toEqual([
      [2, 'he', 'rtl'],
      [1, null, 'ltr'],
    ]);
  });
});

describe('a right-to-left article', () => {
  it('is laid out right to left with its language, and a drag over Arabic words marked with 1 highlights exactly them', async () => {
    const page = await openArticleAs(browser, alice, arabicId);
    const view = page.locator('.ProseMirror');
    expect(await view.getAttribute('dir')).toBe('rtl');
    expect(await view.getAttribute('lang')).toBe('ar');
    // The first line starts at the right edge of the text column.
    const layout = await page.evaluate(() => {
      const p = document.querySelector('.ProseMirror p')!;
      const r = document.createRange();
      r.setStart(p.firstChild!, 0);
      r.setEnd(p.firstChild!, 1);
      return { first: r.getBoundingClientRect().right, box: p.getBoundingClientRect() };
    });
    expect(layout.box.right - layout.first).toBeLessThan(4);

    await dragSelectRtl(page, ARABIC_WORDS);
    await page.keyboard.press('1');
    await expect.poll(() => paintedPassages(page, 'verified')).toEqual([ARABIC_WORDS]);
    // Stored on those words, and the sidebar card quotes them in their own direction.
    await expect.poll(async () => (await (await client.get(`/api/articles/${arabicId}/annotations`)).json()).annotations?.map((a: { exact: string }) => a.exact)).toEqual([ARABIC_WORDS]);
    const card = page.getByTestId('annotation-card').first();
    expect(await card.locator('.card-quote').getAttribute('dir')).toBe('auto');
    expect(await card.locator('.card-quote').textContent()).toContain(ARABIC_WORDS);

    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
