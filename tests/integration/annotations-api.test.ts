// The annotations REST API against the real server: every mutation, its history, and each way a
// request can be refused — with nothing changed when it is.
import { beforeAll, describe, expect, it } from 'vitest';
import { createSampleArticle, createTestUser, testDatabase, type TestUser } from '../support/db';
import { anonymous, login, type Client } from '../support/http';
import { CanonicalText } from '@/lib/document/canonical-text';
import { getArticleText } from '@/db/queries/articles';

let owner: TestUser;
let alice: Client;
let bob: Client;
let admin: Client;
let articleId: number;
let text: CanonicalText;

function rangeOf(passage: string) {
  const unit = text.text.indexOf(passage);
  if (unit < 0) throw new Error(`not in the article: ${passage}`);
  const start = text.offsetFromUnit(unit);
  return { start, end: start + [...passage].length };
}

async function count(): Promise<number> {
  const res = await alice.get(`/api/articles/${articleId}/annotations`);
  return ((await res.json()) as { annotations: unknown[] }).annotations.length;
}

beforeAll(async () => {
  owner = await createTestUser({ name: 'Alice Analyst' });
  const bobUser = await createTestUser({ name: 'Bob Checker' });
  const adminUser = await createTestUser({ name: 'Ada Admin', role: 'admin' });
  [alice, bob, admin] = await Promise.all([login(owner.email, owner.password), login(bobUser.email, bobUser.password), login(adminUser.email, adminUser.password)]);
  articleId = createSampleArticle(owner);
  text = new CanonicalText(getArticleText(testDatabase().db, owner, articleId)!);
});

describe('annotations API', () => {
  it('creates, lists in document order, updates with history, and deletes', async () => {
    const later = rangeOf('Russia’s intervention in Syria in 2015 was a turning point in the conflict.');
    const earlier = rangeOf('Syrian opposition forces have seized control of Aleppo’s military airport');
    const first = await alice.post(`/api/articles/${articleId}/annotations`, { ...later, status: 'verified' });
    expect(first.status).toBe(201);
    const created = await first.json();
    expect(created).toMatchObject({
      status: 'verified',
      exact: 'Russia’s intervention in Syria in 2015 was a turning point in the conflict.',
      note: '',
      sources: [],
      author: { name: 'Alice Analyst' },
    });
    expect(created.suffix).toBe(text.slice(later.end, later.end + 32));
    expect(created.prefix).toBe(text.slice(later.start - 32, later.start));

    const second = await alice.post(`/api/articles/${articleId}/annotations`, {
      ...earlier,
      status: 'disputed',
      note: 'The airport was taken, the academy is unconfirmed.\nSecond line.',
      sources: [{ url: 'https://example.org/report', title: 'Agency report' }],
      exact: 'Syrian opposition forces have seized control of Aleppo’s military airport',
    });
    expect(second.status).toBe(201);
    const disputed = await second.json();

    const list = (await (await bob.get(`/api/articles/${articleId}/annotations`)).json()).annotations;
    const ids = list.map((a: { id: number }) => a.id);
    expect(ids.indexOf(disputed.id)).toBeLessThan(ids.indexOf(created.id));
    expect(list.find((a: { id: number }) => a.id === disputed.id)).toMatchObject({
      sources: [{ url: 'https://example.org/report', title: 'Agency report' }],
      author: { name: 'Alice Analyst' },
    });

    const patched = await alice.patch(`/api/annotations/${created.id}`, {
      status: 'needs_source',
      note: 'Which year exactly?',
      sources: [{ url: 'http://archive.example.net/2015' }],
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ status: 'needs_source', note: 'Which year exactly?', sources: [{ url: 'http://archive.example.net/2015', title: null }] });

    const history = (await (await bob.get(`/api/annotations/${created.id}/history`)).json()).events;
    expect(history.map((e: { type: string; from: string | null; to: string | null }) => [e.type, e.from, e.to])).toEqual([
      ['created', null, 'verified'],
      ['status_changed', 'verified', 'needs_source'],
      ['note_edited', '', 'Which year exactly?'],
      ['source_added', null, 'http://archive.example.net/2015'],
    ]);
    expect(history[0].actor.name).toBe('Alice Analyst');

    expect((await alice.delete(`/api/annotations/${created.id}`)).status).toBe(204);
    const after = (await (await alice.get(`/api/articles/${articleId}/annotations`)).json()).annotations;
    expect(after.some((a: { id: number }) => a.id === created.id)).toBe(false);
    const trail = (await (await alice.get(`/api/annotations/${created.id}/history`)).json()).events;
    expect(trail.at(-1).type).toBe('deleted');
    expect((await alice.get(`/api/annotations/${created.id}`)).status).toBe(404);
  });

  it('lets only the author or an admin change or delete an annotation', async () => {
    const res = await alice.post(`/api/articles/${articleId}/annotations`, { ...rangeOf('Hezbollah in Syria'), status: 'verified' });
    const mine = await res.json();
    const forbidden = await bob.patch(`/api/annotations/${mine.id}`, { status: 'disputed' });
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.code).toBe('forbidden');
    expect((await bob.delete(`/api/annotations/${mine.id}`)).status).toBe(403);
    expect((await (await bob.get(`/api/annotations/${mine.id}`)).json()).status).toBe('verified');
    const byAdmin = await admin.patch(`/api/annotations/${mine.id}`, { status: 'disputed' });
    expect(byAdmin.status).toBe(200);
    const history = (await (await alice.get(`/api/annotations/${mine.id}/history`)).json()).events;
    expect(history.at(-1)).toMatchObject({ type: 'status_changed', actor: { name: 'Ada Admin' } });
    expect((await admin.delete(`/api/annotations/${mine.id}`)).status).toBe(204);
  });

  it('reports what changed since a cursor, including deletions, and leaves out what did not change', async () => {
    const pause = () => new Promise((r) => setTimeout(r, 5));
    // Written before the cursor and never touched again: no answer below may carry it.
    const untouched = await (await alice.post(`/api/articles/${articleId}/annotations`, { ...rangeOf('Iran’s regional influence'), status: 'verified' })).json();
    await pause();
    // The newest write when the cursor is taken (changes are "at or after", so it may come back once).
    const marker = await (await alice.post(`/api/articles/${articleId}/annotations`, { ...rangeOf('Hezbollah in Syria'), status: 'disputed' })).json();
    await pause();
    const base = (await (await bob.get(`/api/articles/${articleId}/annotations?since=0`)).json()).cursor;
    expect(base).toBe(Date.parse(marker.updatedAt));
    await pause();
    const made = await (await alice.post(`/api/articles/${articleId}/annotations`, { ...rangeOf('General Sergei Kisel'), status: 'needs_source' })).json();
    const changes = await (await bob.get(`/api/articles/${articleId}/annotations?since=${base}`)).json();
    const changedIds = changes.annotations.map((a: { id: number }) => a.id);
    expect(changedIds).toContain(made.id);
    expect(changedIds).not.toContain(untouched.id);
    expect(changedIds.filter((id: number) => id !== marker.id)).toEqual([made.id]);
    expect(changes.deleted).toEqual([]);
    await alice.delete(`/api/annotations/${made.id}`);
    const afterDelete = await (await bob.get(`/api/articles/${articleId}/annotations?since=${changes.cursor}`)).json();
    expect(afterDelete.deleted).toEqual([made.id]);
    // Nothing else changed after the cursor: the unchanged annotations are all left out.
    expect(afterDelete.annotations).toEqual([]);
    await alice.delete(`/api/annotations/${untouched.id}`);
    await alice.delete(`/api/annotations/${marker.id}`);
  });

  it('stores a note with markup verbatim', async () => {
    const note = '<img src=x onerror=alert(1)> and <script>alert(2)</script>';
    const res = await alice.post(`/api/articles/${articleId}/annotations`, { ...rangeOf('Wagner Group mercenaries'), status: 'disputed', note });
    expect(res.status).toBe(201);
    const stored = await (await bob.get(`/api/annotations/${(await res.json()).id}`)).json();
    expect(stored.note).toBe(note);
  });
});

describe('refusals change nothing', () => {
  const cases: [string, () => Promise<Response>, number, string][] = [];
  const good = () => rangeOf('Aleppo and Idlib');
  const post = (body: unknown) => () => alice.post(`/api/articles/${articleId}/annotations`, body);
  cases.push(
    ['malformed JSON', () => alice.request('POST', `/api/articles/${articleId}/annotations`, '{"start": 1,'), 400, 'bad_request'],
    ['a body that is not an object', () => post([1, 2])(), 400, 'bad_request'],
    ['offsets that are not integers', () => post({ start: 'a', end: 2, status: 'verified' })(), 400, 'bad_request'],
    ['unknown fields', () => post({ ...good(), status: 'verified', colour: 'red' })(), 400, 'bad_request'],
    ['start ≥ end', () => post({ start: 40, end: 40, status: 'verified' })(), 422, 'unprocessable'],
    ['an end past the article', () => post({ start: 10, end: text.length + 1, status: 'verified' })(), 422, 'unprocessable'],
    ['a negative start', () => post({ start: -1, end: 5, status: 'verified' })(), 422, 'unprocessable'],
    ['an unknown status', () => post({ ...good(), status: 'false' })(), 422, 'unprocessable'],
    ['a javascript: source', () => post({ ...good(), status: 'verified', sources: [{ url: 'javascript:alert(1)' }] })(), 422, 'unprocessable'],
    ['a source that is not a URL', () => post({ ...good(), status: 'verified', sources: [{ url: 'see the report' }] })(), 422, 'unprocessable'],
    ['a note over 10,000 characters', () => post({ ...good(), status: 'verified', note: 'x'.repeat(10_001) })(), 413, 'payload_too_large'],
    ['more than 20 sources', () => post({ ...good(), status: 'verified', sources: Array.from({ length: 21 }, (_, i) => ({ url: `https://e.org/${i}` })) })(), 413, 'payload_too_large'],
    // Every field within its limits (the request is valid without the padding): only the 64 KB body limit refuses it.
    ['a body over 64 KB', () => alice.request('POST', `/api/articles/${articleId}/annotations`, `{${' '.repeat(70_000)}${JSON.stringify({ ...good(), status: 'verified', note: 'within limits' }).slice(1)}`), 413, 'payload_too_large'],
    ['an unknown article', () => alice.post('/api/articles/999999/annotations', { start: 0, end: 5, status: 'verified' }), 404, 'not_found'],
    ['a malformed article id', () => alice.post('/api/articles/abc/annotations', { start: 0, end: 5, status: 'verified' }), 404, 'not_found'],
    ['signed out', () => anonymous.post(`/api/articles/${articleId}/annotations`, { ...good(), status: 'verified' }), 401, 'unauthorized'],
  );
  for (const [name, send, status, code] of cases) {
    it(`${name} → ${status}`, async () => {
      const before = await count();
      const res = await send();
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(body.error).toMatchObject({ code, message: expect.any(String) });
      expect(await count()).toBe(before);
    });
  }

  it('a quote that does not match the offsets → 422 showing both strings', async () => {
    const before = await count();
    const res = await alice.post(`/api/articles/${articleId}/annotations`, { ...good(), status: 'verified', exact: 'Aleppo and Damascus' });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.details).toEqual({ sent: 'Aleppo and Damascus', atOffsets: 'Aleppo and Idlib' });
    expect(await count()).toBe(before);
  });

  it('PATCH and DELETE on unknown annotations → 404; a bad PATCH changes nothing', async () => {
    expect((await alice.patch('/api/annotations/999999', { status: 'verified' })).status).toBe(404);
    expect((await alice.delete('/api/annotations/999999')).status).toBe(404);
    expect((await alice.get('/api/annotations/999999/history')).status).toBe(404);
    const made = await (await alice.post(`/api/articles/${articleId}/annotations`, { ...rangeOf('Iran-backed militias'), status: 'verified', note: 'keep' })).json();
    expect((await alice.patch(`/api/annotations/${made.id}`, { status: 'nope', note: 'changed' })).status).toBe(422);
    expect((await alice.patch(`/api/annotations/${made.id}`, {})).status).toBe(400);
    const still = await (await alice.get(`/api/annotations/${made.id}`)).json();
    expect(still).toMatchObject({ status: 'verified', note: 'keep' });
    const events = (await (await alice.get(`/api/annotations/${made.id}/history`)).json()).events;
    expect(events.map((e: { type: string }) => e.type)).toEqual(['created', 'note_edited']);
  });
});

describe('archived articles are read-only', () => {
  it('refuses every annotation write with 409 archived until unarchived, changing nothing', async () => {
    const archivedId = createSampleArticle(owner, 'Archived: Aleppo airport');
    const range = rangeOf('Iran-backed militias');
    const made = await (await alice.post(`/api/articles/${archivedId}/annotations`, { ...range, status: 'verified', note: 'before' })).json();
    expect((await alice.patch(`/api/articles/${archivedId}`, { archived: true })).status).toBe(200);
    const listBefore = await (await alice.get(`/api/articles/${archivedId}/annotations`)).json();

    const refused = [
      await alice.post(`/api/articles/${archivedId}/annotations`, { ...rangeOf('Hezbollah'), status: 'disputed' }),
      await alice.patch(`/api/annotations/${made.id}`, { note: 'after' }),
      await alice.delete(`/api/annotations/${made.id}`),
      await admin.patch(`/api/annotations/${made.id}`, { status: 'disputed' }),
      await alice.post(`/api/articles/${archivedId}/revisions`, { format: 'text', content: 'A completely different text.' }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(409);
      expect((await res.json()).error).toMatchObject({ code: 'archived', message: expect.stringContaining('archived') });
    }
    expect(await (await alice.get(`/api/articles/${archivedId}/annotations`)).json()).toEqual(listBefore);

    expect((await alice.patch(`/api/articles/${archivedId}`, { archived: false })).status).toBe(200);
    const after = await alice.patch(`/api/annotations/${made.id}`, { note: 'after' });
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ note: 'after' });
  });
});

describe('concurrent edits', () => {
  it('refuses a PATCH or DELETE of an older version with 409 edit_conflict and the current annotation', async () => {
    const made = await (await alice.post(`/api/articles/${articleId}/annotations`, { ...rangeOf('Hezbollah in Syria'), status: 'verified', sources: [{ url: 'https://example.org/a', title: 'A' }] })).json();
    expect(made.version).toBe(1);
    // The admin saves first, adding a source…
    const first = await admin.patch(`/api/annotations/${made.id}`, { sources: [...made.sources, { url: 'https://example.org/b', title: 'B' }], version: 1 });
    expect(first.status).toBe(200);
    expect((await first.json()).version).toBe(2);
    // …then the author saves an edit made on version 1: refused, not silently dropping the admin's source.
    const second = await alice.request('PATCH', `/api/annotations/${made.id}`, { sources: [{ url: 'https://example.org/c', title: 'C' }] }, { 'if-match': '"1"' });
    expect(second.status).toBe(409);
    const { error } = await second.json();
    expect(error.code).toBe('edit_conflict');
    expect(error.details.current).toMatchObject({ id: made.id, version: 2, sources: [{ url: 'https://example.org/a' }, { url: 'https://example.org/b' }] });
    const stale = await alice.request('DELETE', `/api/annotations/${made.id}`, undefined, { 'if-match': 'W/"1"' });
    expect(stale.status).toBe(409);
    expect((await alice.get(`/api/annotations/${made.id}`)).status).toBe(200);
    // Re-applied on the current version, it is saved.
    const again = await alice.patch(`/api/annotations/${made.id}`, { sources: [...error.details.current.sources, { url: 'https://example.org/c', title: 'C' }], version: 2 });
    expect(again.status).toBe(200);
    expect((await again.json()).sources.map((s: { url: string }) => s.url)).toEqual(['https://example.org/a', 'https://example.org/b', 'https://example.org/c']);
    expect((await alice.request('PATCH', `/api/annotations/${made.id}`, { note: 'x' }, { 'if-match': 'three' })).status).toBe(400);
    expect((await alice.request('PATCH', `/api/annotations/${made.id}`, { note: 'x', version: 3 }, { 'if-match': '"2"' })).status).toBe(400);
    const deleted = await alice.request('DELETE', `/api/annotations/${made.id}?version=3`);
    expect(deleted.status).toBe(204);
  });

  it('records reordering sources, and the same source added twice, in the history and bumps updatedAt', async () => {
    const a = { url: 'https://example.org/one', title: 'One' };
    const b = { url: 'https://example.org/two', title: 'Two' };
    const made = await (await alice.post(`/api/articles/${articleId}/annotations`, { ...rangeOf('Iran’s regional influence'), status: 'verified', sources: [a, b] })).json();
    await new Promise((r) => setTimeout(r, 5));
    const reordered = await (await alice.patch(`/api/annotations/${made.id}`, { sources: [b, a] })).json();
    expect(reordered.sources.map((s: { url: string }) => s.url)).toEqual([b.url, a.url]);
    expect(Date.parse(reordered.updatedAt)).toBeGreaterThan(Date.parse(made.updatedAt));
    expect(reordered.version).toBe(2);
    const twice = await (await alice.patch(`/api/annotations/${made.id}`, { sources: [b, a, a] })).json();
    expect(twice.sources).toHaveLength(3);
    const events = (await (await alice.get(`/api/annotations/${made.id}/history`)).json()).events;
    expect(events.map((e: { type: string }) => e.type).slice(-2)).toEqual(['sources_reordered', 'source_added']);
    const changes = await (await bob.get(`/api/articles/${articleId}/annotations?since=${Date.parse(made.updatedAt) + 1}`)).json();
    expect(changes.annotations.map((x: { id: number }) => x.id)).toContain(made.id);
  });
});
