// The claims API on the real server over HTTP with real sign-in: the list's shape and code-point
// offsets, a verdict checking a claim, "not a claim" and its undo (who may), bad input refused
// with nothing changed (400/404/409/422), archived articles, a new revision carrying dismissals,
// and a blind second check's verdicts not counting for the others.
import { beforeAll, describe, expect, it } from 'vitest';
import { createSampleArticle, createTestUser, testDatabase, type TestUser } from '../support/db';
import { anonymous, login, type Client } from '../support/http';
import { getArticleText } from '@/db/queries/articles';
import type { ClaimCoverage, ClaimDto } from '@/lib/claims/types';
import { CanonicalText } from '@/lib/document/canonical-text';

let aliceUser: TestUser;
let bobUser: TestUser;
let alice: Client;
let bob: Client;
let editor: Client;
let articleId: number;
let text: CanonicalText;

const AIRPORT = 'In a dramatic turn of events, Syrian opposition forces have seized control of Aleppo’s military airport and academy';
const PUTIN = 'Russian President Vladimir Putin praised the operation, emphasizing Russia’s decisive role in the city’s “liberation.”';
const ALEPPO = 'Aleppo, which witnessed intense battles from 2012 to 2016, has once again become a focal point of conflict.';

interface ClaimList {
  claims: ClaimDto[];
  coverage: ClaimCoverage;
  revision: number;
}

async function claimsOf(who: Client, id = articleId): Promise<ClaimList> {
  const res = await who.get(`/api/articles/${id}/claims`);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

const find = (list: ClaimList, words: string) => list.claims.find((c) => c.text.includes(words))!;

function rangeOf(passage: string) {
  const start = text.offsetFromUnit(text.text.indexOf(passage));
  return { start, end: start + [...passage].length };
}

/** To prove a refused request changed nothing: this file's claims, dismissals and article events (its articles are titled "Claims: …"; other files write meanwhile). */
function snapshot() {
  const { sqlite } = testDatabase();
  const mine = "select id from articles where title like 'Claims: %'";
  return {
    claims: sqlite.prepare('select * from claims where article_id = ? order by id').all(articleId),
    dismissals: sqlite.prepare(`select * from claim_dismissals where article_id in (${mine}) order by id`).all(),
    events: sqlite.prepare(`select * from article_events where article_id in (${mine}) order by id`).all(),
  };
}

async function errorOf(res: Response) {
  return { status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code };
}

beforeAll(async () => {
  aliceUser = await createTestUser({ name: 'Alice Claims' });
  bobUser = await createTestUser({ name: 'Bob Claims' });
  const editorUser = await createTestUser({ name: 'Edna Editor', role: 'editor' });
  [alice, bob, editor] = await Promise.all([login(aliceUser.email, aliceUser.password), login(bobUser.email, bobUser.password), login(editorUser.email, editorUser.password)]);
  articleId = createSampleArticle(aliceUser, 'Claims: Aleppo airport');
  text = new CanonicalText(getArticleText(testDatabase().db, aliceUser, articleId)!);
});

describe('GET /api/articles/:id/claims', () => {
  it('lists the check-worthy sentences in document order with code-point offsets, reasons and state', async () => {
    const list = await claimsOf(alice);
    expect(list.revision).toBe(1);
    expect(list.claims.length).toBeGreaterThan(15);
    expect(list.coverage).toEqual({ checkWorthy: list.claims.length, checked: 0, dismissed: 0 });
    for (const c of list.claims) {
      expect(Object.keys(c).sort()).toEqual(['annotationIds', 'end', 'reasons', 'start', 'state', 'text']);
      expect(text.slice(c.start, c.end)).toBe(c.text);
      expect(c.state).toBe('unchecked');
      expect(c.reasons.length).toBeGreaterThan(0);
    }
    for (let i = 1; i < list.claims.length; i++) expect(list.claims[i].start).toBeGreaterThan(list.claims[i - 1].end);
    // Offsets count code points: the ’ and “” before it are one each, as in the canonical text.
    expect(find(list, 'Vladimir Putin')).toMatchObject({ ...rangeOf(PUTIN), text: PUTIN, reasons: ['quotation', 'named_entity'] });
    expect(find(list, 'from 2012 to 2016').reasons).toEqual(['figure', 'named_entity']);
    expect(list.claims.map((c) => c.text)).not.toContain('Russia’s Role in Syria');
  });

  it('answers 401 signed out and 404 for an unknown or malformed article id', async () => {
    expect(await errorOf(await anonymous.get(`/api/articles/${articleId}/claims`))).toEqual({ status: 401, code: 'unauthorized' });
    expect(await errorOf(await alice.get('/api/articles/987654321/claims'))).toEqual({ status: 404, code: 'not_found' });
    expect(await errorOf(await alice.get('/api/articles/abc/claims'))).toEqual({ status: 404, code: 'not_found' });
  });

  it('turns a claim checked when a verdict covers at least half of it, listing the verdict', async () => {
    const res = await bob.post(`/api/articles/${articleId}/annotations`, { ...rangeOf(AIRPORT), status: 'verified' });
    expect(res.status).toBe(201);
    const verdict = (await res.json()) as { id: number };
    const list = await claimsOf(alice);
    expect(find(list, 'seized control')).toMatchObject({ state: 'checked', annotationIds: [verdict.id] });
    expect(list.coverage.checked).toBe(1);
  });
});

describe('dismissing and undoing', () => {
  it('dismisses a claim (201, who and when), lists it as dismissed, and its author undoes it (200)', async () => {
    const claim = find(await claimsOf(alice), 'Vladimir Putin');
    const res = await alice.post(`/api/articles/${articleId}/claims/dismissals`, { start: claim.start, end: claim.end, revision: 1 });
    expect(res.status, await res.clone().text()).toBe(201);
    const dismissed = (await res.json()) as ClaimDto;
    expect(dismissed).toMatchObject({ start: claim.start, end: claim.end, state: 'dismissed', dismissal: { by: { name: 'Alice Claims' } } });
    expect(new Date(dismissed.dismissal!.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const seen = await claimsOf(bob);
    expect(find(seen, 'Vladimir Putin')).toMatchObject({ state: 'dismissed', dismissal: { id: dismissed.dismissal!.id } });
    expect(seen.coverage.dismissed).toBe(1);

    const undo = await alice.delete(`/api/claim-dismissals/${dismissed.dismissal!.id}`);
    expect(undo.status).toBe(200);
    expect(await undo.json()).toMatchObject({ start: claim.start, state: 'unchecked' });
    expect(find(await claimsOf(bob), 'Vladimir Putin').state).toBe('unchecked');
    const { sqlite } = testDatabase();
    const types = sqlite.prepare("select type from article_events where article_id = ? and type like 'claim_%' order by id").pluck().all(articleId);
    expect(types).toEqual(['claim_dismissed', 'claim_restored']);
  });

  it('lets an editor undo a reviewer’s dismissal, but not another reviewer (403, nothing changed)', async () => {
    const claim = find(await claimsOf(alice), 'from 2012 to 2016');
    const res = await alice.post(`/api/articles/${articleId}/claims/dismissals`, { start: claim.start, end: claim.end });
    const id = ((await res.json()) as ClaimDto).dismissal!.id;
    const before = snapshot();
    expect(await errorOf(await bob.delete(`/api/claim-dismissals/${id}`))).toEqual({ status: 403, code: 'forbidden' });
    expect(snapshot()).toEqual(before);
    expect((await editor.delete(`/api/claim-dismissals/${id}`)).status).toBe(200);
    expect(await errorOf(await editor.delete(`/api/claim-dismissals/${id}`))).toEqual({ status: 404, code: 'not_found' });
    expect(await errorOf(await editor.delete('/api/claim-dismissals/0'))).toEqual({ status: 404, code: 'not_found' });
  });

  it('refuses bad input with its 4xx and changes nothing', async () => {
    const claim = find(await claimsOf(alice), 'from 2012 to 2016');
    const url = `/api/articles/${articleId}/claims/dismissals`;
    const before = snapshot();
    const cases: [unknown, number, string][] = [
      [{ start: claim.start }, 400, 'bad_request'],
      [{ start: claim.start, end: claim.end, extra: 1 }, 400, 'bad_request'],
      [{ start: -1, end: claim.end }, 400, 'bad_request'],
      [{ start: claim.end, end: claim.start }, 400, 'bad_request'],
      [{ start: String(claim.start), end: claim.end }, 400, 'bad_request'],
      ['{not json', 400, 'bad_request'],
      [{ start: claim.start, end: claim.end - 1 }, 422, 'unprocessable'],
      [{ start: 0, end: 5 }, 422, 'unprocessable'],
      [{ start: claim.start, end: claim.end, revision: 2 }, 409, 'revision_conflict'],
    ];
    for (const [body, status, code] of cases) expect(await errorOf(await alice.post(url, body)), JSON.stringify(body)).toEqual({ status, code });
    expect(await errorOf(await alice.post(`/api/articles/987654321/claims/dismissals`, { start: claim.start, end: claim.end }))).toEqual({ status: 404, code: 'not_found' });
    expect(await errorOf(await anonymous.post(url, { start: claim.start, end: claim.end }))).toEqual({ status: 401, code: 'unauthorized' });
    expect(await errorOf(await alice.request('POST', url, { start: claim.start, end: claim.end }, { origin: 'https://evil.example' }))).toEqual({ status: 403, code: 'forbidden' });
    expect(snapshot()).toEqual(before);
    // A second dismissal of the same claim is a conflict.
    expect((await alice.post(url, { start: claim.start, end: claim.end })).status).toBe(201);
    const twice = snapshot();
    expect(await errorOf(await bob.post(url, { start: claim.start, end: claim.end }))).toEqual({ status: 409, code: 'conflict' });
    expect(snapshot()).toEqual(twice);
  });

  it('refuses dismissing and undoing on an archived article (409 archived)', async () => {
    const id = createSampleArticle(aliceUser, 'Claims: archived one');
    const list = await claimsOf(alice, id);
    const [first, second] = list.claims;
    const made = (await (await alice.post(`/api/articles/${id}/claims/dismissals`, { start: first.start, end: first.end })).json()) as ClaimDto;
    expect((await alice.patch(`/api/articles/${id}`, { archived: true })).status).toBe(200);
    const before = snapshot();
    expect(await errorOf(await alice.post(`/api/articles/${id}/claims/dismissals`, { start: second.start, end: second.end }))).toEqual({ status: 409, code: 'archived' });
    expect(await errorOf(await alice.delete(`/api/claim-dismissals/${made.dismissal!.id}`))).toEqual({ status: 409, code: 'archived' });
    expect(snapshot()).toEqual(before);
    expect((await claimsOf(bob, id)).coverage.dismissed).toBe(1);
  });
});

describe('through a new revision', () => {
  it('keeps the dismissal of an unchanged sentence at its new offsets and drops the one of an edited sentence', async () => {
    const id = createSampleArticle(aliceUser, 'Claims: revised');
    const before = await claimsOf(alice, id);
    const kept = find(before, 'Vladimir Putin');
    const edited = find(before, 'from 2012 to 2016');
    for (const c of [kept, edited]) expect((await alice.post(`/api/articles/${id}/claims/dismissals`, { start: c.start, end: c.end })).status).toBe(201);
    const v1 = getArticleText(testDatabase().db, aliceUser, id)!;
    const v2 = `A new first paragraph was added.\n\n${v1.replace(ALEPPO, ALEPPO.replace('2012', '2011'))}`;
    const res = await alice.post(`/api/articles/${id}/revisions`, { format: 'text', content: v2, baseRevision: 1 });
    expect(res.status, await res.clone().text()).toBe(201);
    const after = await claimsOf(bob, id);
    expect(after.revision).toBe(2);
    const moved = find(after, 'Vladimir Putin');
    expect(moved.start).toBe(kept.start + [...'A new first paragraph was added.\n\n'].length);
    expect(moved.state).toBe('dismissed');
    expect(find(after, 'from 2011 to 2016').state).toBe('unchecked');
    expect(after.coverage.dismissed).toBe(1);
    // A stale revision is refused.
    expect(await errorOf(await alice.post(`/api/articles/${id}/claims/dismissals`, { start: moved.start, end: moved.end, revision: 1 }))).toEqual({ status: 409, code: 'revision_conflict' });
  });
});

describe('a blind second check', () => {
  it('counts the second reviewer’s verdicts for them alone until they are done', async () => {
    const id = createSampleArticle(aliceUser, 'Claims: second check');
    expect((await editor.post(`/api/articles/${id}/review/second-check`, { reviewerId: bobUser.id })).status).toBe(201);
    const res = await bob.post(`/api/articles/${id}/annotations`, { ...rangeOf(PUTIN), status: 'disputed' });
    expect(res.status).toBe(201);
    expect(find(await claimsOf(bob, id), 'Vladimir Putin').state).toBe('checked');
    expect(find(await claimsOf(alice, id), 'Vladimir Putin')).toMatchObject({ state: 'unchecked', annotationIds: [] });
  });
});
