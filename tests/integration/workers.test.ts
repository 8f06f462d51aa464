// Heavy work off the request path (issue 11, target 2), over HTTP against `next start`: the PDF
// export and article imports run in the worker pool and still answer as before (a valid PDF with
// extractable text, streamed; HTML and URL imports stored); polling stays quick while a large PDF
// renders; and, on a server of this file's own with one thread and a queue of one, a full queue
// answers 503 with Retry-After and a clear error that changes nothing, and a client that leaves
// stops its render.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle, type Db } from '@/db/client';
import { createAnnotation } from '@/db/queries/annotations';
import { createArticle } from '@/db/queries/articles';
import { createUser } from '@/db/queries/users';
import { checkNewAnnotation } from '@/lib/annotations/input';
import { STATUSES } from '@/lib/annotations/status';
import { CanonicalText } from '@/lib/document/canonical-text';
import { docFromText } from '@/lib/import/text';
import type { Viewer } from '@/lib/viewer';
import { createTestUser, testDatabase } from '../support/db';
import { login, type Client } from '../support/http';
import { pdfLastPage, pdfPageTexts } from '../support/pdf-text';
import { startOwnServer, stopOwnServer, type OwnServer } from '../support/server';

const sample = fs.readFileSync(path.join(__dirname, '../../content/sample-article.txt'), 'utf8');
/**
 * Large enough that its render takes a second or more (about 60 pages) — long enough to poll
 * through, to queue behind and to leave half-way — and small enough that the file's four renders
 * stay a small part of `npm test`.
 */
const LARGE = 250;

/**
 * An article of the sample text four times over with `count` annotations (notes, a source each),
 * written straight into SQLite in one transaction, with the per-write fsync off on this connection.
 */
function seedLargeArticle(handle: DatabaseHandle, owner: Viewer, title: string, count: number): number {
  handle.sqlite.pragma('synchronous = OFF');
  // IMMEDIATE: the shared server writes to this file meanwhile, and a deferred transaction that
  // reads first cannot wait for its write lock (SQLite answers "database is locked" at once).
  return handle.sqlite.transaction(() => seed(handle.db, owner, title, count)).immediate();
}

function seed(db: Db, owner: Viewer, title: string, count: number): number {
  const article = createArticle(db, owner, docFromText(Array(4).fill(sample).join('\n\n')), { title });
  if (!article.ok) throw new Error(article.error.message);
  const text = new CanonicalText(article.value.plainText);
  const words = [...text.text.matchAll(/\S+/g)].map((m) => [text.offsetFromUnit(m.index!), text.offsetFromUnit(m.index! + m[0].length)]);
  for (let i = 0; i < count; i++) {
    const first = (i * 37) % (words.length - 6);
    const checked = checkNewAnnotation(text, {
      start: words[first][0],
      end: words[first + (i % 5)][1],
      status: STATUSES[i % STATUSES.length],
      note: `Check ${i}: the figure comes from the ministry's own release, which gives a different number.`,
      sources: [{ url: `https://example.org/source/${i}`, title: `Source ${i}` }],
    });
    if (!checked.ok) throw new Error(checked.error.message);
    const saved = createAnnotation(db, owner, article.value.id, checked.value);
    if (!saved.ok) throw new Error(saved.error.message);
  }
  return article.value.id;
}

/** A request's answer time and status, reading the whole body. */
async function timed(request: () => Promise<Response>): Promise<{ status: number; ms: number; body: ArrayBuffer }> {
  const started = performance.now();
  const res = await request();
  const body = await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started, body };
}

describe('through the pool, on the shared server', () => {
  let client: Client;
  let owner: Viewer;
  let largeId: number;
  let site: http.Server;
  let siteUrl: string;

  beforeAll(async () => {
    const user = await createTestUser({ name: 'Wendy Worker' });
    owner = user;
    // Seeded before signing in: a connection left idle meanwhile would be closed under the client.
    largeId = seedLargeArticle(testDatabase(), owner, 'Workers: large report', LARGE);
    client = await login(user.email, user.password);
    site = http.createServer((req, res) => {
      if (req.url !== '/story') return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fs.readFileSync(path.join(__dirname, '../fixtures/import/article-page.html')));
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    if (!site) return;
    site.closeAllConnections();
    await new Promise((resolve) => site.close(resolve));
  });

  it('exports a PDF: streamed, a valid file whose text extracts, numbered pages', async () => {
    const article = createArticle(testDatabase().db, owner, docFromText(sample), { title: 'Workers: small report' });
    if (!article.ok) throw new Error(article.error.message);
    const text = new CanonicalText(article.value.plainText);
    const at = text.offsetFromUnit(text.text.indexOf('Aleppo’s military airport'));
    const made = await client.post(`/api/articles/${article.value.id}/annotations`, { start: at, end: at + 25, status: 'disputed', note: 'Only the academy, says the agency.' });
    expect(made.status).toBe(201);
    const res = await client.get(`/api/articles/${article.value.id}/report?format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="workers-small-report-factcheck-\d{4}-\d{2}-\d{2}\.pdf"$/);
    // Streamed: no length announced up front.
    expect(res.headers.get('content-length')).toBeNull();
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const pages = await pdfPageTexts(pdf);
    const all = pages.join(' ');
    expect(all).toContain('Workers: small report');
    expect(all).toContain('Aleppo’s military airpor');
    expect(all).toContain('Only the academy, says the agency.');
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
  });

  it('answers a PDF of an article that does not exist with the usual JSON 404', async () => {
    const res = await client.get('/api/articles/987654321/report?format=pdf');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('imports HTML through the pool: sanitised, stored, readable', async () => {
    const res = await client.post('/api/articles', { format: 'html', content: '<h1>Bridge report</h1><p onclick="steal()">The bridge <em>opened</em> in 2001, not 1998.</p><script>alert(1)</script>' });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.title).toBe('Bridge report');
    const full = await (await client.get(`/api/articles/${created.id}`)).json();
    expect(full.plainText).toBe('The bridge opened in 2001, not 1998.');
  });

  it('imports a URL: fetched by the server, parsed in the pool', async () => {
    const res = await client.post('/api/articles', { format: 'url', url: `${siteUrl}/story` });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.sourceUrl).toMatch(/^https?:\/\//);
    const full = await (await client.get(`/api/articles/${created.id}`)).json();
    expect(full.plainText.length).toBeGreaterThan(200);
  });

  it('keeps polling quick while a large PDF renders', { timeout: 180_000 }, async () => {
    const pollArticle = createArticle(testDatabase().db, owner, docFromText(sample), { title: 'Workers: polled' });
    if (!pollArticle.ok) throw new Error(pollArticle.error.message);
    const poll = () => client.get(`/api/articles/${pollArticle.value.id}/annotations?since=${Date.now() - 60_000}`);
    await timed(poll);

    const pdfStarted = performance.now();
    const pdf = timed(() => client.get(`/api/articles/${largeId}/report?format=pdf`)).then((r) => ({ ...r, finishedAt: performance.now() }));
    // Polls spread over the render, one after another, as a reviewer's page would.
    const polls: { ms: number; at: number }[] = [];
    let done = false;
    void pdf.finally(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    while (!done || polls.length < 3) {
      const poll1 = await timed(poll);
      expect(poll1.status).toBe(200);
      polls.push({ ms: poll1.ms, at: performance.now() });
      if (polls.length >= 40) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const render = await pdf;
    expect(render.status).toBe(200);
    const renderMs = render.finishedAt - pdfStarted;
    const during = polls.filter((p) => p.at < render.finishedAt);
    // Polls made while the render ran answered in a small part of its time.
    expect(renderMs).toBeGreaterThan(500);
    expect(during.length).toBeGreaterThanOrEqual(2);
    const slowest = Math.max(...during.map((p) => p.ms));
    expect(slowest, `slowest poll ${slowest.toFixed(0)} ms during a ${renderMs.toFixed(0)} ms render`).toBeLessThan(renderMs / 4);
    // The whole report arrived: every page numbered "of" the total is checked on the small report above.
    const { pageCount, text } = await pdfLastPage(new Uint8Array(render.body));
    expect(pageCount).toBeGreaterThan(25);
    expect(text).toContain(`Page ${pageCount} of ${pageCount}`);
  });
});

describe('a busy pool, on a server of its own (one thread, a queue of one)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-workers-'));
  const databaseFile = path.join(dir, 'workers.db');
  let server: OwnServer;
  let client: Client;
  let largeId: number;
  let fullRenderMs: number;

  /** The titles stored, read from the server's SQLite file. */
  const articleTitles = () => {
    const sqlite = new Database(databaseFile, { readonly: true });
    try {
      return (sqlite.prepare('select title from articles order by id').all() as { title: string }[]).map((r) => r.title);
    } finally {
      sqlite.close();
    }
  };
  const metrics = async () => (await (await client.get('/api/bench/metrics')).json()).workers as { queued: number; running: number; completed: number; refused: number };
  async function until(check: (m: Awaited<ReturnType<typeof metrics>>) => boolean, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = await metrics();
      if (check(m)) return m;
      if (Date.now() > deadline) throw new Error(`worker state not reached: ${JSON.stringify(m)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    const handle = openDatabase(databaseFile);
    const made = await createUser(handle.db, { email: 'busy@newsroom.test', name: 'Bea Busy', role: 'reviewer', password: 'busy-test-password' });
    if (!made.ok) throw new Error(made.error.message);
    largeId = seedLargeArticle(handle, { ...made.value, role: 'reviewer' }, 'Workers: queue', LARGE);
    handle.sqlite.close();
    server = await startOwnServer(databaseFile, { WORKER_THREADS: '1', WORKER_QUEUE_SIZE: '1', FACTMARK_BENCH_METRICS: '1' });
    client = await login('busy@newsroom.test', 'busy-test-password', server.url);
    // One whole render first: it starts the thread, and says how long a render takes here.
    const full = await timed(() => client.get(`/api/articles/${largeId}/report?format=pdf`));
    expect(full.status).toBe(200);
    fullRenderMs = full.ms;
  });
  afterAll(async () => {
    if (server) await stopOwnServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After and a clear error when the queue is full, and stores nothing', { timeout: 180_000 }, async () => {
    const before = articleTitles();
    const first = client.get(`/api/articles/${largeId}/report?format=pdf`);
    await until((m) => m.running === 1);
    const queued = client.request('GET', `/api/articles/${largeId}/report?format=pdf`);
    await until((m) => m.queued === 1);

    const refused = await client.get(`/api/articles/${largeId}/report?format=pdf`);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = await refused.json();
    expect(body.error.code).toBe('unavailable');
    expect(body.error.message).toMatch(/busy.*try again in \d+ s/i);

    const importRefused = await client.post('/api/articles', { format: 'text', content: 'An article that must not be stored while the server is busy.', title: 'Refused import' });
    expect(importRefused.status).toBe(503);
    expect(importRefused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await importRefused.json()).error.code).toBe('unavailable');
    expect((await until((m) => m.refused >= 2)).refused).toBeGreaterThanOrEqual(2);

    // The two accepted renders finish; then the same import goes through.
    for (const res of [await first, await queued]) {
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    }
    expect(articleTitles()).toEqual(before);
    const accepted = await client.post('/api/articles', { format: 'text', content: 'An article that is stored once the server is free.', title: 'Accepted import' });
    expect(accepted.status).toBe(201);
  });

  it('stops a render when its client goes away', async () => {
    await until((m) => m.running === 0 && m.queued === 0);
    const { completed } = await metrics();
    const leave = new AbortController();
    const started = performance.now();
    const res = await fetch(`${server.url}/api/articles/${largeId}/report?format=pdf`, { headers: { cookie: client.cookie! }, signal: leave.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    leave.abort();
    await reader.cancel().catch(() => undefined);
    // The thread is free again long before a whole render would have taken.
    await until((m) => m.running === 0 && m.completed > completed, fullRenderMs);
    const stoppedAfter = performance.now() - started;
    expect(stoppedAfter, `stopped after ${stoppedAfter.toFixed(0)} ms; a whole render takes ${fullRenderMs.toFixed(0)} ms`).toBeLessThan(fullRenderMs * 0.75);
  });
});
