// Importing articles through the real server in every format, the list's counts and coverage,
// metadata changes, archive and delete — and each bad import refused with nothing stored.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, testDatabase } from '../support/db';
import { login, type Client } from '../support/http';
import { articles } from '@/db/schema';
import { count, eq } from 'drizzle-orm';

const root = path.resolve(__dirname, '../..');
const sample = fs.readFileSync(path.join(root, 'content/sample-article.txt'), 'utf8');
const fixture = (name: string) => fs.readFileSync(path.join(root, 'tests/fixtures/import', name), 'utf8');

let alice: Client;
let bob: Client;
let site: http.Server;
let siteUrl: string;

// This file's own articles: other test files import into the same server at the same time.
let aliceId = 0;
const storedArticles = () => testDatabase().db.select({ n: count() }).from(articles).where(eq(articles.createdBy, aliceId)).get()!.n;

interface Block {
  type: string;
  content?: { text?: string }[];
}
const blocks = (doc: { content: Block[] }) => doc.content.map((b) => [b.type, (b.content ?? []).map((c) => c.text ?? '').join('')]);

beforeAll(async () => {
  const [a, b] = await Promise.all([createTestUser({ name: 'Alice Importer' }), createTestUser({ name: 'Bob Other' })]);
  aliceId = a.id;
  [alice, bob] = await Promise.all([login(a.email, a.password), login(b.email, b.password)]);
  // A news site on loopback for URL imports (the test server allows 127.0.0.1).
  site = http.createServer((req, res) => {
    if (req.url === '/world/aleppo') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fixture('article-page.html'));
    if (req.url === '/moved') return res.writeHead(301, { location: '/world/aleppo' }).end();
    if (req.url === '/to-private') return res.writeHead(302, { location: 'http://10.0.0.1/admin' }).end();
    if (req.url === '/data.json') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1}');
    if (req.url === '/slow') return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
});
afterAll(async () => {
  site.closeAllConnections();
  await new Promise((r) => site.close(r));
});

describe('importing', () => {
  it('imports the sample article as plain text: paragraphs and its two headings', async () => {
    const res = await alice.post('/api/articles', { format: 'text', content: sample, publisher: 'Wire desk' });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.title).toMatch(/^In a dramatic turn of events/);
    const full = await (await alice.get(`/api/articles/${created.id}`)).json();
    const b = blocks(full.doc);
    expect(b.filter(([t]) => t === 'heading').map(([, text]) => text)).toEqual(['Symbolic Significance of Russian Support', 'Russia’s Role in Syria']);
    expect(b.filter(([t]) => t === 'paragraph')).toHaveLength(sample.split('\n').length - 2);
    expect(full.plainText).toBe(sample.split('\n').join('\n\n'));
    expect(full.publisher).toBe('Wire desk');
  });

  it('imports Markdown with the same text as the plain-text import', async () => {
    const res = await alice.post('/api/articles', { format: 'markdown', content: fixture('sample-article.md') });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.title).toBe('Syrian rebels seize Aleppo’s military airport in a blow to Assad and Moscow');
    expect(created.plainText).toBe(sample.split('\n').join('\n\n'));
  });

  it('imports an uploaded HTML file, sanitised', async () => {
    const html = `<html><head><title>Rebels advance</title><style>p{}</style></head><body>
      <h1>Rebels advance</h1><p onclick="steal()">Forces <em>seized</em> the <a href="javascript:alert(1)">airport</a>.</p>
      <script>alert('x')</script><iframe src="https://evil.example"></iframe><img src=x onerror=alert(1)>
      <custom-box>Unknown elements keep their text.</custom-box><p><a href="https://example.org/src">Source</a></p></body></html>`;
    const form = new FormData();
    form.set('file', new File([html], 'rebels.html', { type: 'text/html' }));
    const res = await alice.request('POST', '/api/articles', undefined, {});
    expect(res.status).toBe(400); // no body at all
    const upload = await fetch(`${(await import('../support/http')).serverUrl()}/api/articles`, { method: 'POST', body: form, headers: { cookie: alice.cookie! } });
    expect(upload.status).toBe(201);
    const created = await upload.json();
    expect(created.title).toBe('Rebels advance');
    expect(created.plainText).toContain('Forces seized the airport.');
    expect(created.plainText).toContain('Unknown elements keep their text.');
    const json = JSON.stringify(created.doc);
    expect(json).not.toMatch(/javascript:|onerror|onclick|<script|alert/);
    expect(json).toContain('https://example.org/src');
  });

  it('imports from a URL, following a redirect and keeping the page’s metadata', async () => {
    const res = await alice.post('/api/articles', { format: 'url', url: `${siteUrl}/moved` });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ byline: 'Jane Reporter', publisher: 'The Loopback Gazette', sourceUrl: `${siteUrl}/world/2024/11/30/aleppo-airport` });
    expect(created.title).toContain('Syrian rebels seize Aleppo’s military airport');
    expect(created.publishedAt).toMatch(/^2024-11-30/);
    // The same page again is a duplicate: the answer names the existing article.
    const again = await alice.post('/api/articles', { format: 'url', url: `${siteUrl}/world/aleppo` });
    expect(again.status).toBe(409);
    expect((await again.json()).error.details.existingArticleId).toBe(created.id);
  });

  it('previews an import without storing it', async () => {
    const before = storedArticles();
    const res = await alice.post('/api/articles/preview', { format: 'text', content: sample });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ headings: ['Symbolic Significance of Russian Support', 'Russia’s Role in Syria'], words: expect.any(Number) });
    expect(storedArticles()).toBe(before);
  });
});

/** What the network guard answers for a local or private address that IMPORT_ALLOWED_HOSTS does not list. */
const GUARD_REFUSAL = /^Factmark does not fetch pages from local or private networks, and \S+ is a local or private network address\./;

describe('bad imports are refused and store nothing', () => {
  const upload = (bytes: Uint8Array<ArrayBuffer>, name: string) => {
    const form = new FormData();
    form.set('file', new File([bytes], name));
    return async () => {
      const { serverUrl } = await import('../support/http');
      return fetch(`${serverUrl()}/api/articles`, { method: 'POST', body: form, headers: { cookie: alice.cookie! } });
    };
  };
  const cases: [string, () => Promise<Response>, number, RegExp][] = [
    ['empty content', () => alice.post('/api/articles', { format: 'text', content: '  \n\n ' }), 422, /empty/i],
    ['over 200,000 words', () => alice.post('/api/articles', { format: 'text', content: 'word '.repeat(200_001) }), 413, /200,001 words/],
    ['an unknown format', () => alice.post('/api/articles', { format: 'docx', content: 'x' }), 400, /format/],
    ['a binary upload', upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]), 'photo.txt'), 422, /./],
    ['a non-UTF-8 upload', upload(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65]), 'latin1.txt'), 422, /UTF-8/],
    ['HTML that is only scripts', () => alice.post('/api/articles', { format: 'html', content: '<script>alert(1)</script><style>p{}</style>' }), 422, /no readable text/],
    // The network guard's own refusal (lib/import/network-guard.ts), given before any connection:
    // "Could not connect … (ECONNREFUSED)" would mean it let the request out.
    ['a URL that redirects to a private address', () => alice.post('/api/articles', { format: 'url', url: `${siteUrl}/to-private` }), 422, GUARD_REFUSAL],
    ['the cloud metadata address', () => alice.post('/api/articles', { format: 'url', url: 'http://169.254.169.254/latest/meta-data/' }), 422, GUARD_REFUSAL],
    ['a private address written as IPv4-mapped IPv6', () => alice.post('/api/articles', { format: 'url', url: 'http://[::ffff:10.0.0.1]/admin' }), 422, GUARD_REFUSAL],
    ['a page that is not HTML', () => alice.post('/api/articles', { format: 'url', url: `${siteUrl}/data.json` }), 422, /not an HTML page/i],
    ['a page that never answers', () => alice.post('/api/articles', { format: 'url', url: `${siteUrl}/slow` }), 422, /did not load within/],
    ['a javascript: URL', () => alice.post('/api/articles', { format: 'url', url: 'javascript:alert(1)' }), 422, /http/],
  ];
  for (const [name, send, status, message] of cases) {
    it(`${name} → ${status}`, async () => {
      const before = storedArticles();
      const res = await send();
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(body.error.message).toMatch(message);
      expect(storedArticles()).toBe(before);
    });
  }

  it('a UTF-8 upload with a BOM is fine', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Title line here\nThe first paragraph, with a café.')]);
    const res = await upload(bytes, 'bom.txt')();
    expect(res.status).toBe(201);
    expect((await res.json()).plainText).not.toContain('\uFEFF');
  });
});

describe('the articles list', () => {
  it('shows counts per status and coverage after annotating', async () => {
    const content = 'Alpha beta gamma delta.\n\nEpsilon zeta eta theta.';
    const created = await (await alice.post('/api/articles', { format: 'text', content, title: 'Coverage check' })).json();
    // "Alpha beta gamma" (0–16) and "gamma delta." (11–23) overlap; "zeta" (33–37).
    for (const [start, end, status] of [
      [0, 16, 'verified'],
      [11, 23, 'disputed'],
      [33, 37, 'needs_source'],
    ] as const) {
      expect((await alice.post(`/api/articles/${created.id}/annotations`, { start, end, status })).status).toBe(201);
    }
    const list = (await (await bob.get('/api/articles?q=coverage%20CHECK')).json()).articles;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: created.id, counts: { verified: 1, disputed: 1, needs_source: 1 }, createdBy: { name: 'Alice Importer' } });
    const length = [...created.plainText].length;
    expect(list[0].coverage).toBeCloseTo((23 + 4) / length, 10);
  });

  it('lets the creator change metadata but not the text; others get 403', async () => {
    const created = await (await alice.post('/api/articles', { format: 'text', content: 'Some text to check.', title: 'Meta check' })).json();
    const res = await alice.patch(`/api/articles/${created.id}`, { title: 'Meta check (corrected)', publishedAt: '2024-12-01', byline: 'A. Writer' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ title: 'Meta check (corrected)', publishedAt: '2024-12-01', byline: 'A. Writer', plainText: 'Some text to check.' });
    expect((await alice.patch(`/api/articles/${created.id}`, { plainText: 'changed' })).status).toBe(400);
    expect((await bob.patch(`/api/articles/${created.id}`, { title: 'Hijack' })).status).toBe(403);
    expect((await alice.patch(`/api/articles/${created.id}`, { sourceUrl: 'ftp://x' })).status).toBe(400);
  });

  it('deletes an article with no annotations, and archives (not deletes) one with annotations', async () => {
    const empty = await (await alice.post('/api/articles', { format: 'text', content: 'Nothing marked here.', title: 'To delete' })).json();
    expect((await bob.delete(`/api/articles/${empty.id}`)).status).toBe(403);
    expect((await alice.delete(`/api/articles/${empty.id}`)).status).toBe(204);
    expect((await alice.get(`/api/articles/${empty.id}`)).status).toBe(404);

    const marked = await (await alice.post('/api/articles', { format: 'text', content: 'A claim worth checking.', title: 'To archive' })).json();
    await alice.post(`/api/articles/${marked.id}/annotations`, { start: 2, end: 7, status: 'verified' });
    const refused = await alice.delete(`/api/articles/${marked.id}`);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/Archive it instead/);
    expect((await alice.patch(`/api/articles/${marked.id}`, { archived: true })).status).toBe(200);
    const list = (await (await alice.get('/api/articles?q=To%20archive')).json()).articles;
    expect(list).toHaveLength(0);
    const withArchived = (await (await alice.get('/api/articles?q=To%20archive&archived=1')).json()).articles;
    expect(withArchived).toHaveLength(1);
    expect((await alice.get(`/api/articles/${marked.id}/annotations`)).status).toBe(200);
  });
});
