// The worker pool (lib/workers/pool.ts) with real threads: the real entry (lib/workers/worker.mjs,
// TypeScript through tsx) imports an article and renders a PDF from a real SQLite file; a full
// queue is refused with a Retry-After; a task that throws or kills its thread is a 500 answer and
// the next task runs on a fresh thread.
import fs from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { createArticle } from '@/db/queries/articles';
import { createUser } from '@/db/queries/users';
import { articleSchema } from '@/lib/document/schema';
import { docFromText } from '@/lib/import/text';
import { WorkerPool } from '@/lib/workers/pool';
import { PortReader } from '@/lib/workers/port-stream';
import type { WorkerTask } from '@/lib/workers/types';
import type { Viewer } from '@/lib/viewer';
import { pdfPageTexts } from '../../support/pdf-text';

const ECHO = path.resolve(__dirname, '../../fixtures/workers/echo.mjs');
const echo = (task: Record<string, unknown>) => task as unknown as WorkerTask;
const pools: WorkerPool[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-pool-'));
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('WorkerPool with a stand-in worker', () => {
  it('refuses a task beyond the queue with unavailable and a Retry-After, and runs the rest', async () => {
    const pool = new WorkerPool({ threads: 1, queueSize: 1, filename: ECHO });
    pools.push(pool);
    await pool.run(echo({ kind: 'warm' }));
    const running = pool.run(echo({ kind: 'slow', ms: 400, value: 1 }));
    const queued = pool.run(echo({ kind: 'slow', ms: 10, value: 2 }));
    const refused = await pool.run(echo({ kind: 'slow', value: 3 }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable', details: { retryAfterSeconds: expect.any(Number) } } });
    expect(await running).toEqual({ ok: true, value: 1 });
    expect(await queued).toEqual({ ok: true, value: 2 });
    expect(pool.stats()).toMatchObject({ refused: 1, queued: 0, running: 0 });
  });

  it('answers internal when a task throws or its thread dies, and carries on with a new thread', async () => {
    const pool = new WorkerPool({ threads: 1, queueSize: 4, filename: ECHO });
    pools.push(pool);
    const first = pool.stats().completed;
    expect(await pool.run(echo({ kind: 'throw' }))).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await pool.run(echo({ kind: 'exit' }))).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await pool.run(echo({ kind: 'after', value: 'still here' }))).toEqual({ ok: true, value: 'still here' });
    expect(pool.stats().completed - first).toBe(3);
  });

  it('drops a waiting task when its signal aborts', async () => {
    const pool = new WorkerPool({ threads: 1, queueSize: 4, filename: ECHO });
    pools.push(pool);
    const running = pool.run(echo({ kind: 'slow', ms: 300, value: 'ran' }));
    const stop = new AbortController();
    const waiting = pool.run(echo({ kind: 'slow', value: 'never' }), { signal: stop.signal });
    stop.abort();
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(await running).toEqual({ ok: true, value: 'ran' });
  });
});

describe('WorkerPool with the real worker entry', () => {
  let pool: WorkerPool;
  let viewer: Viewer;
  let articleId: number;

  beforeAll(async () => {
    const file = path.join(dir, 'factmark.db');
    const { db, sqlite } = openDatabase(file);
    const user = await createUser(db, { email: 'pool@newsroom.test', name: 'Pool Tester', password: 'long-enough-password', role: 'admin' });
    if (!user.ok) throw new Error(user.error.message);
    viewer = { id: user.value.id, name: user.value.name, email: user.value.email, role: 'admin' };
    const article = createArticle(db, viewer, docFromText('The minister said the bridge opened in 1998.'), { title: 'Pool test' });
    if (!article.ok) throw new Error(article.error.message);
    articleId = article.value.id;
    sqlite.close();
    // The worker reads DATABASE_URL from its copy of the environment, taken as its thread starts.
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = file;
    pool = new WorkerPool({ threads: 1, queueSize: 2 });
    pools.push(pool);
    await pool.run({ kind: 'import', input: { format: 'text', content: 'warm up' } });
    process.env.DATABASE_URL = previous;
  });

  it('imports HTML: sanitised and parsed in the thread, the document rebuilt here', async () => {
    const answer = await pool.run({ kind: 'import', input: { format: 'html', content: '<h1>Bridge</h1><p onclick="x()">The bridge <em>opened</em> in 2001.</p><script>alert(1)</script>' } });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.value.title).toBe('Bridge');
    expect(answer.value.plainText).toBe('The bridge opened in 2001.');
    expect(articleSchema.nodeFromJSON(answer.value.doc).textContent).toBe('The bridge opened in 2001.');
  });

  it('renders a PDF from the database, streamed back, with its text extractable', async () => {
    const { port1, port2 } = new MessageChannel();
    const reader = new PortReader(port1, { idleMs: 30_000, onStuck: () => undefined });
    const task = pool.run({ kind: 'pdf-report', viewer, articleId, filters: {}, appUrl: 'http://127.0.0.1', port: port2 }, { transfer: [port2] });
    expect((await reader.head).filename).toMatch(/^pool-test-factcheck-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = new Uint8Array(await new Response(reader.body).arrayBuffer());
    expect(await task).toMatchObject({ ok: true, value: { pages: 1 } });
    const [page] = await pdfPageTexts(pdf);
    expect(page).toContain('Pool test');
    expect(page).toContain('Exported');
    expect(page).toContain('Page 1 of 1');
  });

  it('answers a missing article as not found, before any byte', async () => {
    const { port1, port2 } = new MessageChannel();
    const reader = new PortReader(port1, { idleMs: 30_000, onStuck: () => undefined });
    const answer = await pool.run({ kind: 'pdf-report', viewer, articleId: 999_999, filters: {}, appUrl: 'http://127.0.0.1', port: port2 }, { transfer: [port2] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await expect(reader.head).rejects.toThrow();
  });
});
