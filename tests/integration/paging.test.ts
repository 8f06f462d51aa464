// Keyset pages over HTTP on the real server: the articles list, an article's annotations, an
// annotation's history and the accounts each paged through once and only once — the articles list
// even while annotations move articles up the order by activity — the home page's "Next page",
// "Assigned to me", review state and claim coverage; and every bad page request (a changed cursor,
// one from another list or search, a page size of 0 or over the maximum, FTS syntax) a 400 with a
// clear message that changes nothing.
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, testDatabase, type TestUser } from '../support/db';
import { login, type Client } from '../support/http';
import { createArticle } from '@/db/queries/articles';
import { docFromText } from '@/lib/import/text';

// This file's articles carry a word no other test uses, so searches for it see only them.
const TAG = `pg${crypto.randomBytes(3).toString('hex')}`;
const TEXT = 'The minister said the dam holds 40 million cubic metres of water.\n\nCritics disputed the figures on Tuesday.';

let alice: TestUser;
let aliceApi: Client;
let adminApi: Client;
const mine: number[] = [];

interface Listed {
  id: number;
  title: string;
  counts: { verified: number; disputed: number; needs_source: number };
  reviewState: string;
  assignees: { id: number; name: string }[];
  claims: { checkWorthy: number; checked: number; dismissed: number };
}

async function getJson(client: Client, path: string) {
  // A GET is sent again once if the connection was reset (a kept-alive socket the loaded server
  // closed as it was reused): the pages are the subject here, not the transport.
  const res = await client.get(path).catch((error: unknown) => {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    return client.get(path);
  });
  return { status: res.status, body: await res.json() };
}

/** A verdict through the API; its answer is read to the end, so its connection is free again. */
async function annotate(articleId: number, start = 4, end = 12) {
  const res = await aliceApi.post(`/api/articles/${articleId}/annotations`, { start, end, status: 'verified' });
  const body = await res.json();
  return { status: res.status, json: async () => body };
}

/** The article stats rows of this file's articles, to show that a refused request changed nothing. */
const statsOfMine = () => JSON.stringify(testDatabase().sqlite.prepare(`SELECT * FROM article_stats WHERE article_id IN (${mine.join(',')}) ORDER BY article_id`).all());

beforeAll(async () => {
  const admin = await createTestUser({ role: 'admin', name: 'Paging Admin' });
  alice = await createTestUser({ name: 'Alice Pager' });
  [aliceApi, adminApi] = await Promise.all([login(alice.email, alice.password), login(admin.email, admin.password)]);
  // 55 articles, more than the home page's 50 per page, stored with the app's own write path.
  const { db } = testDatabase();
  for (let i = 0; i < 55; i++) {
    const made = createArticle(db, alice, docFromText(TEXT), { title: `Dam figures ${TAG} number ${i}`, publishedAt: i % 4 ? `2024-03-${String(1 + (i % 28)).padStart(2, '0')}` : null });
    if (!made.ok) throw new Error(made.error.message);
    mine.push(made.value.id);
  }
});

describe('the articles list in pages', () => {
  it('lists every article exactly once while annotations move articles up the order by activity', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    const notSeenYet = () => mine.filter((id) => !seen.includes(id));
    do {
      const { status, body } = await getJson(aliceApi, `/api/articles?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(status).toBe(200);
      expect(body.articles.length).toBeLessThanOrEqual(7);
      seen.push(...body.articles.map((a: Listed) => a.id));
      cursor = body.nextCursor;
      pages++;
      // After the first pages: activity on one article not listed yet and on one already listed.
      if (pages <= 3 && notSeenYet().length > 5) {
        expect((await annotate(notSeenYet()[notSeenYet().length - 1 - pages])).status).toBe(201);
        expect((await annotate(seen.find((id) => mine.includes(id)) ?? mine[0])).status).toBe(201);
      }
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(new Set(seen).size).toBe(seen.length);
    expect(mine.filter((id) => !seen.includes(id))).toEqual([]);
  });

  it('pages by published date, undated articles last, each once', async () => {
    const seen: { id: number; publishedAt: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const { status, body } = await getJson(aliceApi, `/api/articles?q=${TAG}&sort=published&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(status).toBe(200);
      seen.push(...body.articles);
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.map((a) => a.id).sort((a, b) => a - b)).toEqual([...mine].sort((a, b) => a - b));
    const dates = seen.map((a) => a.publishedAt);
    const firstUndated = dates.indexOf(null);
    expect(dates.slice(firstUndated).every((d) => d === null)).toBe(true);
    expect(dates.slice(0, firstUndated)).toEqual([...dates.slice(0, firstUndated)].sort().reverse());
  });

  it('answers counts, review state, assignees and claim coverage from the derived data, and filters "assigned to me"', async () => {
    const [first, second] = mine;
    testDatabase()
      .sqlite.prepare(`INSERT INTO article_assignments (article_id, user_id, assigned_by) VALUES (?, ?, ?), (?, ?, ?)`)
      .run(first, alice.id, alice.id, second, alice.id, alice.id);
    const { body } = await getJson(aliceApi, `/api/articles?assigned=me&limit=200`);
    expect(body.articles.map((a: Listed) => a.id).sort()).toEqual([first, second].sort());
    expect(body.articles[0].assignees).toEqual([{ id: alice.id, name: 'Alice Pager' }]);
    const target = mine[20];
    expect((await aliceApi.post(`/api/articles/${target}/annotations`, { start: 22, end: 25, status: 'disputed' })).status).toBe(201);
    expect((await aliceApi.post(`/api/articles/${target}/annotations`, { start: 32, end: 50, status: 'needs_source' })).status).toBe(201);
    const annotated = (await getJson(aliceApi, `/api/articles?q=${TAG}%20number%2020&limit=5`)).body.articles.find((a: Listed) => a.id === target) as Listed;
    expect(annotated).toMatchObject({ counts: { disputed: 1, needs_source: 1 }, reviewState: 'in_review' });
    expect(annotated.claims.checkWorthy).toBeGreaterThanOrEqual(annotated.claims.checked);
  });
});

describe('bad page requests', () => {
  it('refuses a changed cursor, one from another list or another search, with 400 and nothing changed', async () => {
    const before = statsOfMine();
    const first = (await getJson(aliceApi, `/api/articles?q=${TAG}&limit=5`)).body.nextCursor as string;
    const [payload, signature] = first.split('.');
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
    decoded.k.id += 1;
    const forged = `${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${signature}`;
    const users = (await getJson(adminApi, '/api/users?limit=1')).body.nextCursor as string;
    const cases: [string, RegExp][] = [
      [`/api/articles?q=${TAG}&limit=5&cursor=${encodeURIComponent(forged)}`, /cursor is not valid: it was changed/],
      [`/api/articles?q=${TAG}&limit=5&cursor=${encodeURIComponent(first.slice(0, -3))}`, /cursor is not valid/],
      [`/api/articles?q=${TAG}&limit=5&cursor=garbage`, /cursor is not valid/],
      [`/api/articles?q=${TAG}&limit=5&cursor=${encodeURIComponent(users)}`, /from the users list, not the articles list/],
      [`/api/articles?q=${TAG}&sort=published&limit=5&cursor=${encodeURIComponent(first)}`, /another search, filter or order/],
      [`/api/articles?q=dam&limit=5&cursor=${encodeURIComponent(first)}`, /another search, filter or order/],
      [`/api/articles/${mine[0]}/annotations?cursor=${encodeURIComponent(first)}`, /from the articles list, not the annotations list/],
    ];
    for (const [path, message] of cases) {
      const { status, body } = await getJson(aliceApi, path);
      expect({ path, status, code: body.error?.code }).toEqual({ path, status: 400, code: 'bad_request' });
      expect(body.error.message).toMatch(message);
    }
    expect(statsOfMine()).toBe(before);
  });

  it('refuses a page size of 0, over the maximum or not a whole number', async () => {
    for (const [path, max] of [
      ['/api/articles?limit=0', 200],
      ['/api/articles?limit=201', 200],
      ['/api/articles?limit=2.5', 200],
      ['/api/articles?limit=ten', 200],
      [`/api/articles/${mine[0]}/annotations?limit=2001`, 2000],
      ['/api/users?limit=0', 500],
    ] as const) {
      const { status, body } = await getJson(path.startsWith('/api/users') ? adminApi : aliceApi, path);
      expect({ path, status }).toEqual({ path, status: 400 });
      expect(body.error.message).toContain(`limit: must be a whole number from 1 to ${max}`);
    }
  });

  it('refuses FTS syntax in a search — quotes, operators, wildcards, column filters — and a search with no words', async () => {
    const before = statsOfMine();
    for (const [q, message] of [
      ['"dam figures', /leave out double quotes/],
      ['"dam figures"', /leave out double quotes/],
      ['dam OR flood', /“OR” in capitals is a search operator/],
      ['NOT dam', /“NOT” in capitals is a search operator/],
      ['dam*', /leave out “\*”/],
      ['title:dam', /leave out “:”/],
      ['(dam)', /leave out “\(”/],
      ['!!! ---', /has no letters or digits/],
    ] as const) {
      const { status, body } = await getJson(aliceApi, `/api/articles?q=${encodeURIComponent(q)}`);
      expect({ q, status, code: body.error?.code }).toEqual({ q, status: 400, code: 'bad_request' });
      expect(body.error.message).toMatch(message);
    }
    // Words with punctuation between them are words: found, not refused.
    const { body } = await getJson(aliceApi, `/api/articles?q=${encodeURIComponent(`dam-figures, ${TAG}!`)}&limit=1`);
    expect(body.articles).toHaveLength(1);
    expect(statsOfMine()).toBe(before);
  });
});

describe("an article's annotations, an annotation's history and the accounts in pages", () => {
  it('pages through annotations in document order and through a history, each item once', async () => {
    const made = createArticle(testDatabase().db, alice, docFromText(TEXT), { title: "Annotations in pages" });
    if (!made.ok) throw new Error(made.error.message);
    const articleId = made.value.id;
    const ranges = [
      [40, 50],
      [0, 3],
      [4, 12],
      [4, 12],
      [60, 70],
      [13, 20],
      [21, 30],
    ];
    const ids: number[] = [];
    for (const [start, end] of ranges) ids.push((await (await annotate(articleId, start, end)).json()).id);
    const listed: { id: number; start: number }[] = [];
    let cursor: string | null = null;
    do {
      const { status, body } = await getJson(aliceApi, `/api/articles/${articleId}/annotations?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(status).toBe(200);
      listed.push(...body.annotations);
      cursor = body.nextCursor;
    } while (cursor);
    expect(listed.map((a) => a.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(listed.map((a) => a.start)).toEqual([0, 4, 4, 13, 21, 40, 60]);
    // Without limit and cursor the answer is as before, now with nextCursor: null.
    const whole = (await getJson(aliceApi, `/api/articles/${articleId}/annotations`)).body;
    expect(whole.annotations.map((a: { id: number }) => a.id)).toEqual(listed.map((a) => a.id));
    expect(whole.nextCursor).toBeNull();
    // A cursor of this article's list does not continue another article's.
    const other = (await getJson(aliceApi, `/api/articles/${articleId}/annotations?limit=3`)).body.nextCursor;
    expect((await aliceApi.get(`/api/articles/${mine[11]}/annotations?limit=3&cursor=${encodeURIComponent(other)}`)).status).toBe(400);

    const id = ids[0];
    for (const note of ['one', 'two', 'three']) expect((await aliceApi.patch(`/api/annotations/${id}`, { note })).status).toBe(200);
    const events: { id: number; type: string }[] = [];
    cursor = null;
    do {
      const { body } = await getJson(aliceApi, `/api/annotations/${id}/history?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(body.events.length).toBeLessThanOrEqual(1);
      events.push(...body.events);
      cursor = body.nextCursor;
    } while (cursor);
    expect(events.map((e) => e.type)).toEqual(['created', 'note_edited', 'note_edited', 'note_edited']);
    expect((await getJson(aliceApi, `/api/annotations/${id}/history`)).body.events).toEqual(events);
  });

  it('pages through the accounts by email, for admins only', async () => {
    const emails: string[] = [];
    let cursor: string | null = null;
    do {
      const { status, body } = await getJson(adminApi, `/api/users?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(status).toBe(200);
      emails.push(...body.users.map((u: { email: string }) => u.email));
      cursor = body.nextCursor;
    } while (cursor);
    expect(emails).toEqual([...new Set(emails)].sort());
    expect(emails).toContain(alice.email);
    expect((await aliceApi.get('/api/users?limit=2')).status).toBe(403);
  });
});

describe('the home page', () => {
  it('shows 50 articles with a Next page link, then the rest, with review state, assignees and claim coverage', async () => {
    const page1 = await (await aliceApi.get(`/?q=${TAG}`)).text();
    expect(page1.match(/data-testid="article-row"/g)).toHaveLength(50);
    const next = /<a [^>]*rel="next"[^>]*>/.exec(page1)?.[0].match(/href="([^"]+)"/)?.[1];
    expect(next).toBeDefined();
    const page2 = await (await aliceApi.get(next!.replaceAll('&amp;', '&'))).text();
    expect(page2.match(/data-testid="article-row"/g)).toHaveLength(5);
    expect(page2).toContain('First page');
    expect(page2).not.toContain('Next page');
    expect(page1).toMatch(/data-testid="review-state">(Open|In review)</);
    expect(page1 + page2).toContain('Assigned to Alice Pager');
    expect(page1).toMatch(/data-testid="claim-coverage">(No check-worthy claims found|\d+ of \d+ claims? checked or dismissed)/);

    const mineOnly = await (await aliceApi.get(`/?q=${TAG}&assigned=me`)).text();
    expect(mineOnly.match(/data-testid="article-row"/g)).toHaveLength(2);
    // A search in FTS syntax is explained on the page, not a crash.
    const refused = await aliceApi.get(`/?q=${encodeURIComponent('"dam')}`);
    expect(refused.status).toBe(200);
    expect(await refused.text()).toContain('leave out double quotes');
  });
});
