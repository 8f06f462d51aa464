// The revisions API against the real server: a new version of the sample article carries each
// verdict (unchanged, changed, removed), writes on an old revision get 409, stale verdicts are
// re-confirmed by their author, and every refused request leaves the article and its verdicts as they were.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, createSampleArticle, type TestUser } from '../support/db';
import { anonymous, login, postDeclared, serverUrl, type Client } from '../support/http';
import { CanonicalText } from '@/lib/document/canonical-text';

const sample = fs.readFileSync(path.join(__dirname, '../../content/sample-article.txt'), 'utf8');

// Three passages of the sample article, and an edited version that keeps the first, rewrites a
// word inside the second and deletes the paragraph of the third.
const KEPT = 'Russia’s intervention in Syria in 2015 was a turning point in the conflict.';
const EDITED = 'Russian President Vladimir Putin praised the operation';
const GONE_PARAGRAPH = sample.split('\n').find((l) => l.startsWith('In Moscow, frustration is mounting'))!;
const GONE = 'In Moscow, frustration is mounting over the loss of territory';
const revised = sample.replace('Russian President Vladimir Putin praised', 'Russian President Vladimir Putin hailed').replace(`${GONE_PARAGRAPH}\n`, '');

let ownerUser: TestUser;
let owner: Client;
let other: Client;
let admin: Client;
let articleId: number;

function rangeIn(text: string, passage: string) {
  const t = new CanonicalText(text);
  const unit = t.text.indexOf(passage);
  if (unit < 0) throw new Error(`not in the text: ${passage}`);
  const start = t.offsetFromUnit(unit);
  return { start, end: start + [...passage].length };
}

async function getJson(client: Client, url: string) {
  const res = await client.get(url);
  expect(res.status, url).toBe(200);
  return res.json();
}

/** Everything a refused request must leave as it was. */
async function snapshot() {
  const article = await getJson(owner, `/api/articles/${articleId}`);
  const { annotations } = await getJson(owner, `/api/articles/${articleId}/annotations`);
  const { revisions } = await getJson(owner, `/api/articles/${articleId}/revisions`);
  return { revision: article.revision, plainText: article.plainText, annotations, revisions };
}

const ids: Record<'kept' | 'edited' | 'gone', number> = { kept: 0, edited: 0, gone: 0 };

beforeAll(async () => {
  ownerUser = await createTestUser({ name: 'Rita Reviewer' });
  const otherUser = await createTestUser({ name: 'Omar Other' });
  const adminUser = await createTestUser({ name: 'Ada Admin', role: 'admin' });
  [owner, other, admin] = await Promise.all([login(ownerUser.email, ownerUser.password), login(otherUser.email, otherUser.password), login(adminUser.email, adminUser.password)]);
  articleId = createSampleArticle(ownerUser, 'Revisions: Aleppo airport');
  const { plainText } = await getJson(owner, `/api/articles/${articleId}`);
  for (const [key, passage, status] of [
    ['kept', KEPT, 'verified'],
    ['edited', EDITED, 'verified'],
    ['gone', GONE, 'disputed'],
  ] as const) {
    const res = await owner.post(`/api/articles/${articleId}/annotations`, { ...rangeIn(plainText, passage), status, revision: 1 });
    expect(res.status).toBe(201);
    ids[key] = (await res.json()).id;
  }
});

describe('revisions API', () => {
  it('starts every article at revision 1 with its hash and how it arrived', async () => {
    const article = await getJson(owner, `/api/articles/${articleId}`);
    expect(article.revision).toBe(1);
    expect(Date.parse(article.revisedAt)).toBeGreaterThan(0);
    const { revisions } = await getJson(owner, `/api/articles/${articleId}/revisions`);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ number: 1, source: 'paste', carried: null, title: 'Revisions: Aleppo airport' });
    expect(revisions[0].contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers { unchanged: true } for the same text and stores nothing', async () => {
    const before = await snapshot();
    const res = await owner.post(`/api/articles/${articleId}/revisions`, { format: 'text', content: sample });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ unchanged: true });
    expect(await snapshot()).toEqual(before);
  });

  it('previews what a new version does to each verdict without storing anything', async () => {
    const before = await snapshot();
    const res = await owner.post(`/api/articles/${articleId}/revisions?preview=1`, { format: 'text', content: revised });
    expect(res.status).toBe(200);
    const preview = await res.json();
    expect(preview).toMatchObject({ unchanged: false, carried: { unchanged: 1, moved: 0, changed: 1, removed: 1 } });
    const byId = new Map(preview.annotations.map((a: { id: number }) => [a.id, a]));
    expect(byId.get(ids.edited)).toMatchObject({ state: 'changed', previousExact: EDITED, exact: expect.stringContaining('hailed') });
    expect(byId.get(ids.gone)).toMatchObject({ state: 'removed', previousExact: GONE, exact: null });
    expect(byId.has(ids.kept)).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it('stores a new revision and carries every verdict honestly', async () => {
    const res = await owner.post(`/api/articles/${articleId}/revisions`, { format: 'text', content: revised, title: 'Revisions: Aleppo airport (corrected)' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.revision).toMatchObject({ number: 2, source: 'paste', createdBy: { name: 'Rita Reviewer' }, title: 'Revisions: Aleppo airport (corrected)' });
    expect(body.carried).toEqual({ unchanged: 1, moved: 0, changed: 1, removed: 1 });

    const article = await getJson(owner, `/api/articles/${articleId}`);
    expect(article).toMatchObject({ revision: 2, title: 'Revisions: Aleppo airport (corrected)' });
    expect(article.plainText).not.toContain(GONE);

    const { annotations } = await getJson(other, `/api/articles/${articleId}/annotations`);
    const byId = new Map(annotations.map((a: { id: number }) => [a.id, a]));
    const text = new CanonicalText(article.plainText);
    const kept = byId.get(ids.kept) as { start: number; end: number; exact: string; anchor: unknown };
    expect(kept.anchor).toEqual({ revision: 2, state: 'unchanged' });
    expect(text.slice(kept.start, kept.end)).toBe(KEPT);
    const edited = byId.get(ids.edited) as { start: number; end: number; exact: string; anchor: unknown };
    expect(edited.anchor).toEqual({ revision: 2, state: 'changed', previousExact: EDITED, previousRevision: 1 });
    expect(text.slice(edited.start, edited.end)).toBe(edited.exact);
    expect(edited.exact).toContain('hailed');
    expect(byId.get(ids.gone)).toMatchObject({ start: null, end: null, exact: GONE, anchor: { revision: 2, state: 'removed', previousExact: GONE, previousRevision: 1 } });

    const history = await getJson(owner, `/api/annotations/${ids.edited}/history`);
    expect(history.events).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'reanchored', from: '1', to: '2 changed' })]));
    const keptHistory = await getJson(owner, `/api/annotations/${ids.kept}/history`);
    expect(keptHistory.events.map((e: { type: string }) => e.type)).not.toContain('reanchored');

    const old = await getJson(other, `/api/articles/${articleId}/revisions/1`);
    expect(old.plainText).toContain(GONE);
    expect(old.doc).toMatchObject({ type: 'doc' });
    const { revisions } = await getJson(other, `/api/articles/${articleId}/revisions`);
    expect(revisions.map((r: { number: number }) => r.number)).toEqual([2, 1]);

    const changes = await getJson(other, `/api/articles/${articleId}/annotations?since=0`);
    expect(changes.revision).toBe(2);
  });

  it('refuses writes made on an older revision with 409 revision_conflict, changing nothing', async () => {
    const before = await snapshot();
    const create = await owner.post(`/api/articles/${articleId}/annotations`, { ...rangeIn(sample, KEPT), status: 'disputed', revision: 1 });
    expect(create.status).toBe(409);
    expect((await create.json()).error).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 2 } });
    const patch = await owner.patch(`/api/annotations/${ids.kept}`, { status: 'disputed', revision: 1 });
    expect(patch.status).toBe(409);
    expect((await patch.json()).error.code).toBe('revision_conflict');
    const reconfirm = await owner.post(`/api/annotations/${ids.edited}/reconfirm`, { status: 'verified', revision: 1 });
    expect(reconfirm.status).toBe(409);
    expect(await snapshot()).toEqual(before);
    // Without a revision, offsets are taken against the current text.
    const current = await owner.post(`/api/articles/${articleId}/annotations`, { ...rangeIn((await getJson(owner, `/api/articles/${articleId}`)).plainText, KEPT), status: 'needs_source' });
    expect(current.status).toBe(201);
    expect((await current.json()).anchor).toEqual({ revision: 2, state: 'unchanged' });
  });

  it('lets only the author or an admin re-confirm a stale verdict, then it is no longer stale', async () => {
    const before = await snapshot();
    const refused = await other.post(`/api/annotations/${ids.edited}/reconfirm`, { status: 'verified', revision: 2 });
    expect(refused.status).toBe(403);
    const notStale = await owner.post(`/api/annotations/${ids.kept}/reconfirm`, { revision: 2 });
    expect(notStale.status).toBe(422);
    const removedNoRange = await owner.post(`/api/annotations/${ids.gone}/reconfirm`, { revision: 2 });
    expect(removedNoRange.status).toBe(422);
    expect(await snapshot()).toEqual(before);

    const res = await owner.post(`/api/annotations/${ids.edited}/reconfirm`, { status: 'disputed', revision: 2 });
    expect(res.status).toBe(200);
    const confirmed = await res.json();
    expect(confirmed).toMatchObject({ status: 'disputed', anchor: { revision: 2, state: 'unchanged' } });
    expect(confirmed.exact).toContain('hailed');
    const history = await getJson(owner, `/api/annotations/${ids.edited}/history`);
    expect(history.events.slice(-2)).toEqual([expect.objectContaining({ type: 'status_changed', from: 'verified', to: 'disputed' }), expect.objectContaining({ type: 'reconfirmed', from: 'changed', to: 'disputed' })]);
  });

  it('re-attaches a removed verdict to a new selection (admin may do it for anyone)', async () => {
    const { plainText } = await getJson(owner, `/api/articles/${articleId}`);
    const passage = 'analysts caution against drawing conclusions';
    const res = await admin.post(`/api/annotations/${ids.gone}/reconfirm`, { ...rangeIn(plainText, passage), exact: passage, revision: 2 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ exact: passage, status: 'disputed', anchor: { state: 'unchanged' } });
  });

  it('refuses bad new versions with a clear 4xx and leaves everything unchanged', async () => {
    const before = await snapshot();
    const cases: [Client, string, unknown, number][] = [
      [owner, `/api/articles/${articleId}/revisions`, { format: 'text', content: '' }, 422],
      [owner, `/api/articles/${articleId}/revisions`, { format: 'text', content: '   \n\n  ' }, 422],
      [owner, `/api/articles/${articleId}/revisions`, { format: 'pdf', content: 'x' }, 400],
      [owner, `/api/articles/${articleId}/revisions`, { format: 'text', content: 'x', extra: 1 }, 400],
      [owner, `/api/articles/${articleId}/revisions`, { format: 'url' }, 422],
      [owner, `/api/articles/${articleId}/revisions`, { format: 'url', url: 'http://127.0.0.1:9/nothing-listens-here' }, 422],
      [owner, `/api/articles/${articleId}/revisions`, { format: 'text', content: revised, baseRevision: 1 }, 409],
      [owner, `/api/articles/999999/revisions`, { format: 'text', content: 'New text.' }, 404],
      [anonymous, `/api/articles/${articleId}/revisions`, { format: 'text', content: 'New text.' }, 401],
    ];
    for (const [client, url, body, status] of cases) {
      const res = await client.post(url, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      const { error } = await res.json();
      expect(error.message.length, JSON.stringify(body)).toBeGreaterThan(5);
    }
    const huge = await postDeclared(`${serverUrl()}/api/articles/${articleId}/revisions`, owner.cookie, 'application/json', 15_000_000);
    expect(huge.status).toBe(413);
    expect((await owner.get(`/api/articles/${articleId}/revisions/9`)).status).toBe(404);
    expect((await owner.get(`/api/articles/${articleId}/revisions/zero`)).status).toBe(404);
    expect((await owner.get(`/api/articles/999999/revisions`)).status).toBe(404);
    expect((await anonymous.get(`/api/articles/${articleId}/revisions`)).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('stores one of two versions sent at once; the other gets 409', async () => {
    const { revision } = await getJson(owner, `/api/articles/${articleId}`);
    const a = revised.replace('Iran-backed militias', 'Iran-aligned militias');
    const b = revised.replace('Despite mounting challenges', 'Despite the challenges');
    const answers = await Promise.all([a, b].map((content) => owner.post(`/api/articles/${articleId}/revisions`, { format: 'text', content, baseRevision: revision })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const { revisions } = await getJson(owner, `/api/articles/${articleId}/revisions`);
    expect(revisions[0].number).toBe(revision + 1);
  });
});

describe('fetching the source URL again', () => {
  let site: http.Server;
  let page = '';
  let base = '';

  beforeAll(async () => {
    site = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => site.close(() => r())));

  const html = (lede: string) =>
    `<!doctype html><html><head><title>Dam levels fall</title></head><body><article><h1>Dam levels fall</h1><p>${lede}</p><p>The reservoir supplies two million people in the region, officials said on Monday after the latest survey of the basin.</p><p>Engineers expect the level to recover slowly over the winter months if the rains arrive as forecast by the weather service.</p><p>Farmers downstream have already cut their planting by a third, according to the regional agriculture office, and more cuts are expected next spring.</p><p>The water authority said it would publish a full report on the state of the basin, including the survey data, before the end of the year.</p></article></body></html>`;

  it('re-fetches with { format: "url" } and records the revision as fetched', async () => {
    page = html('Water levels at the northern dam fell by 40 percent this year, the highest drop on record.');
    const created = await owner.post('/api/articles', { format: 'url', url: `${base}/dam` });
    expect(created.status, await created.clone().text()).toBe(201);
    const article = await created.json();
    const range = rangeIn(article.plainText, 'fell by 40 percent this year');
    expect((await owner.post(`/api/articles/${article.id}/annotations`, { ...range, status: 'disputed' })).status).toBe(201);

    page = html('Water levels at the northern dam fell by 35 percent this year, the highest drop on record.');
    const res = await owner.post(`/api/articles/${article.id}/revisions`, { format: 'url' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.revision).toMatchObject({ number: 2, source: 'url' });
    expect(body.carried).toMatchObject({ changed: 1 });
    const again = await owner.post(`/api/articles/${article.id}/revisions`, { format: 'url' });
    expect(await again.json()).toEqual({ unchanged: true });
  });
});
