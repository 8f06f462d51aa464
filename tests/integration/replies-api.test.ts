// The replies API on the real server over HTTP with real sign-in: every endpoint, who may change
// what (own, others', admin), bad input refused with nothing changed, a deleted or hidden
// annotation answering 404, a reply reaching another reviewer through changes-since, a reply
// reopening a signed-off article, and replies in the md/csv/html/W3C reports — never those of a
// verdict a blind second check hides.
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSampleArticle, createTestUser, testDatabase, type TestUser } from '../support/db';
import { anonymous, login, serverUrl, type Client } from '../support/http';
import { CanonicalText } from '@/lib/document/canonical-text';
import { getArticleText } from '@/db/queries/articles';
import type { AnnotationDto } from '@/lib/annotations/types';
import type { ReplyDto } from '@/lib/replies/types';

let aliceUser: TestUser;
let alice: Client;
let bob: Client;
let admin: Client;
let articleId: number;
let text: CanonicalText;

const P1 = 'Syrian opposition forces have seized control of Aleppo’s military airport';
const P2 = 'Russia’s intervention in Syria in 2015 was a turning point in the conflict.';

function rangeOf(passage: string, t = text) {
  const unit = t.text.indexOf(passage);
  if (unit < 0) throw new Error(`not in the article: ${passage}`);
  const start = t.offsetFromUnit(unit);
  return { start, end: start + [...passage].length };
}

async function annotate(who: Client, article: number, passage: string, t = text): Promise<AnnotationDto> {
  const res = await who.post(`/api/articles/${article}/annotations`, { ...rangeOf(passage, t), status: 'disputed' });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

async function reply(who: Client, annotationId: number, body: string, extra: Record<string, unknown> = {}): Promise<ReplyDto> {
  const res = await who.post(`/api/annotations/${annotationId}/replies`, { body, ...extra });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

async function thread(who: Client, annotationId: number): Promise<ReplyDto[]> {
  const res = await who.get(`/api/annotations/${annotationId}/replies`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { replies: ReplyDto[] }).replies;
}

/**
 * Every reply row, history event and annotation version on this file's articles (titled
 * "Replies: …"), to prove a refused request changed nothing. Other files write to the same
 * database at the same time, so the whole tables would not stay still.
 */
function snapshot() {
  const { sqlite } = testDatabase();
  const mine = "select a.id from annotations a join articles r on r.id = a.article_id where r.title like 'Replies:%'";
  return {
    replies: sqlite.prepare(`select * from annotation_replies where annotation_id in (${mine}) order by id`).all(),
    events: sqlite.prepare(`select count(*) as n from annotation_events where annotation_id in (${mine})`).get(),
    annotations: sqlite.prepare(`select id, version, updated_at from annotations where id in (${mine}) order by id`).all(),
  };
}

/** Status and error code of an answer (the raw body when it is not the error shape, so a failure says what came back). */
async function errorOf(res: Response) {
  const raw = await res.text();
  let code: string;
  try {
    code = (JSON.parse(raw) as { error?: { code?: string } }).error?.code ?? raw.slice(0, 200);
  } catch {
    code = raw.slice(0, 200);
  }
  return { status: res.status, code };
}

beforeAll(async () => {
  aliceUser = await createTestUser({ name: 'Alice Replier' });
  const bobUser = await createTestUser({ name: 'Bob Asker' });
  const adminUser = await createTestUser({ name: 'Ada Admin', role: 'admin' });
  [alice, bob, admin] = await Promise.all([login(aliceUser.email, aliceUser.password), login(bobUser.email, bobUser.password), login(adminUser.email, adminUser.password)]);
  articleId = createSampleArticle(aliceUser, 'Replies: Aleppo airport');
  text = new CanonicalText(getArticleText(testDatabase().db, aliceUser, articleId)!);
});

describe('replies API', () => {
  it('replies, lists the thread, counts it on the annotation and records it in the history', async () => {
    const a = await annotate(alice, articleId, P1);
    const first = await reply(bob, a.id, '  Which academy?\nThe source names only the airport.  ');
    expect(first).toMatchObject({
      annotationId: a.id,
      body: 'Which academy?\nThe source names only the airport.',
      author: { name: 'Bob Asker' },
      version: 1,
      reopens: false,
    });
    expect(first.createdAt).toBe(first.updatedAt);
    await reply(alice, a.id, 'The ministry’s statement names both.');
    expect((await thread(admin, a.id)).map((r) => [r.author.name, r.body])).toEqual([
      ['Bob Asker', 'Which academy?\nThe source names only the airport.'],
      ['Alice Replier', 'The ministry’s statement names both.'],
    ]);
    const now = (await (await bob.get(`/api/annotations/${a.id}`)).json()) as AnnotationDto;
    expect(now.replyCount).toBe(2);
    expect(now.version).toBe(a.version);
    const events = (await (await bob.get(`/api/annotations/${a.id}/history`)).json()).events as { type: string; actor: { name: string }; to: string }[];
    expect(events.filter((e) => e.type === 'reply_added').map((e) => [e.actor.name, e.to])).toEqual([
      ['Bob Asker', 'Which academy?\nThe source names only the airport.'],
      ['Alice Replier', 'The ministry’s statement names both.'],
    ]);
  });

  it('reaches another reviewer through changes-since: the annotation again, with its new reply count', async () => {
    const a = await annotate(alice, articleId, P2);
    const start = (await (await bob.get(`/api/articles/${articleId}/annotations?since=0`)).json()) as { cursor: number };
    const quiet = (await (await bob.get(`/api/articles/${articleId}/annotations?since=${start.cursor + 1}`)).json()) as { annotations: AnnotationDto[]; cursor: number };
    expect(quiet.annotations).toEqual([]);
    await new Promise((r) => setTimeout(r, 5));
    await reply(alice, a.id, 'Added context for the desk.');
    const changes = (await (await bob.get(`/api/articles/${articleId}/annotations?since=${quiet.cursor + 1}`)).json()) as { annotations: AnnotationDto[] };
    expect(changes.annotations.map((x) => [x.id, x.replyCount, x.version])).toEqual([[a.id, 1, a.version]]);
  });

  it('lets the author edit and delete their reply, an admin any, and refuses anyone else with 403, changing nothing', async () => {
    const a = await annotate(alice, articleId, 'Aleppo’s military airport');
    const r = await reply(alice, a.id, 'First thought.');
    const before = snapshot();
    expect(await errorOf(await bob.patch(`/api/replies/${r.id}`, { body: 'Hijacked' }))).toEqual({ status: 403, code: 'forbidden' });
    expect(await errorOf(await bob.delete(`/api/replies/${r.id}`))).toEqual({ status: 403, code: 'forbidden' });
    expect(snapshot()).toEqual(before);

    const edited = await alice.patch(`/api/replies/${r.id}`, { body: 'Second thought.', version: 1 });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ body: 'Second thought.', version: 2 });
    // A stale version, in the body or If-Match, is 409 edit_conflict with the reply as it is now.
    const stale = await alice.patch(`/api/replies/${r.id}`, { body: 'Third thought.', version: 1 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: 'edit_conflict', details: { current: { id: r.id, body: 'Second thought.', version: 2 } } } });
    expect((await alice.request('DELETE', `/api/replies/${r.id}`, undefined, { 'if-match': '"1"' })).status).toBe(409);

    const moderated = await admin.patch(`/api/replies/${r.id}`, { body: 'Moderated by an admin.' });
    expect(moderated.status).toBe(200);
    expect(await moderated.json()).toMatchObject({ body: 'Moderated by an admin.', author: { name: 'Alice Replier' }, version: 3 });
    expect((await admin.request('DELETE', `/api/replies/${r.id}`, undefined, { 'if-match': '"3"' })).status).toBe(204);
    expect(await thread(bob, a.id)).toEqual([]);
    expect(((await (await bob.get(`/api/annotations/${a.id}`)).json()) as AnnotationDto).replyCount).toBe(0);
    expect(await errorOf(await alice.patch(`/api/replies/${r.id}`, { body: 'Back from the dead' }))).toEqual({ status: 404, code: 'not_found' });
    const events = (await (await bob.get(`/api/annotations/${a.id}/history`)).json()).events as { type: string; actor: { name: string }; from: string | null; to: string | null }[];
    expect(events.filter((e) => e.type.startsWith('reply_')).map((e) => [e.type, e.actor.name, e.from, e.to])).toEqual([
      ['reply_added', 'Alice Replier', null, 'First thought.'],
      ['reply_edited', 'Alice Replier', 'First thought.', 'Second thought.'],
      ['reply_edited', 'Ada Admin', 'Second thought.', 'Moderated by an admin.'],
      ['reply_deleted', 'Ada Admin', 'Moderated by an admin.', null],
    ]);
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const a = await annotate(alice, articleId, 'military airport');
    const r = await reply(alice, a.id, 'Kept as is.');
    const before = snapshot();
    const url = `/api/annotations/${a.id}/replies`;
    const cases: [Promise<Response>, number, string][] = [
      [bob.post(url, { body: '' }), 400, 'bad_request'],
      [bob.post(url, { body: ' \n\t ' }), 400, 'bad_request'],
      [bob.post(url, { body: '\u0000\u0001' }), 400, 'bad_request'],
      [bob.post(url, {}), 400, 'bad_request'],
      [bob.post(url, { body: 42 }), 400, 'bad_request'],
      [bob.post(url, { body: 'ok', author: 1 }), 400, 'bad_request'],
      [bob.post(url, { body: 'ok', reopens: 'yes' }), 400, 'bad_request'],
      [bob.post(url, { body: 'x'.repeat(10_001) }), 413, 'payload_too_large'],
      [bob.request('POST', url), 400, 'bad_request'],
      [fetch(`${serverUrl()}${url}`, { method: 'POST', headers: { cookie: bob.cookie!, 'content-type': 'text/plain' }, body: JSON.stringify({ body: 'ok' }) }), 415, 'unsupported_media_type'],
      [bob.post('/api/annotations/999999/replies', { body: 'To nowhere' }), 404, 'not_found'],
      [bob.post('/api/annotations/abc/replies', { body: 'To nowhere' }), 404, 'not_found'],
      [alice.patch(`/api/replies/${r.id}`, { body: '   ' }), 400, 'bad_request'],
      [alice.patch(`/api/replies/${r.id}`, { body: 'x'.repeat(10_001) }), 413, 'payload_too_large'],
      [alice.patch(`/api/replies/${r.id}`, { body: 'ok', reopens: true }), 400, 'bad_request'],
      [alice.request('PATCH', `/api/replies/${r.id}`, { body: 'ok' }, { 'if-match': 'yesterday' }), 400, 'bad_request'],
      [alice.patch('/api/replies/999999', { body: 'ok' }), 404, 'not_found'],
      [alice.delete('/api/replies/0'), 404, 'not_found'],
      [anonymous.get(url), 401, 'unauthorized'],
      [anonymous.post(url, { body: 'anonymous' }), 401, 'unauthorized'],
      [anonymous.patch(`/api/replies/${r.id}`, { body: 'anonymous' }), 401, 'unauthorized'],
      [anonymous.delete(`/api/replies/${r.id}`), 401, 'unauthorized'],
      [bob.request('POST', url, { body: 'cross-site' }, { origin: 'https://evil.example' }), 403, 'forbidden'],
    ];
    for (const [res, status, code] of cases) expect(await errorOf(await res)).toEqual({ status, code });
    expect(snapshot()).toEqual(before);
    // 10,000 characters after trimming is the limit, not over it: whitespace around does not count.
    expect((await bob.post(url, { body: ` ${'y'.repeat(10_000)} ` })).status).toBe(201);
  });

  it('answers 404 for the thread of a deleted annotation: no list, no reply, no edit', async () => {
    const a = await annotate(bob, articleId, 'Aleppo’s military');
    const r = await reply(alice, a.id, 'Before the delete.');
    expect((await bob.delete(`/api/annotations/${a.id}`)).status).toBe(204);
    const before = snapshot();
    expect(await errorOf(await alice.get(`/api/annotations/${a.id}/replies`))).toEqual({ status: 404, code: 'not_found' });
    expect(await errorOf(await alice.post(`/api/annotations/${a.id}/replies`, { body: 'After.' }))).toEqual({ status: 404, code: 'not_found' });
    expect(await errorOf(await alice.patch(`/api/replies/${r.id}`, { body: 'After.' }))).toEqual({ status: 404, code: 'not_found' });
    expect(await errorOf(await admin.delete(`/api/replies/${r.id}`))).toEqual({ status: 404, code: 'not_found' });
    expect(snapshot()).toEqual(before);
  });

  it('reopens a signed-off article when a reply asks, and refuses replies on an archived one with 409', async () => {
    const owner = await createTestUser({ name: 'Olga Owner' });
    const id = createSampleArticle(owner, 'Replies: reopen');
    const t = new CanonicalText(getArticleText(testDatabase().db, owner, id)!);
    const a = await annotate(alice, id, P1, t);
    const signed = await admin.post(`/api/articles/${id}/review/sign-off`, { reason: 'Enough for publication.' });
    expect(signed.status, await signed.clone().text()).toBe(200);
    const state = async () => ((await (await bob.get(`/api/articles/${id}/review`)).json()) as { state: string }).state;
    expect(await state()).toBe('signed_off');

    expect((await reply(bob, a.id, 'Just a note, no need to reopen.')).reopens).toBe(false);
    expect(await state()).toBe('signed_off');
    const asking = await reply(bob, a.id, 'The airport was retaken: reopen.', { reopens: true });
    expect(asking.reopens).toBe(true);
    expect(await state()).toBe('in_review');

    expect((await admin.patch(`/api/articles/${id}`, { archived: true })).status).toBe(200);
    const before = snapshot();
    expect(await errorOf(await bob.post(`/api/annotations/${a.id}/replies`, { body: 'Archived?' }))).toEqual({ status: 409, code: 'archived' });
    expect(await errorOf(await bob.patch(`/api/replies/${asking.id}`, { body: 'Archived?' }))).toEqual({ status: 409, code: 'archived' });
    expect(await errorOf(await bob.delete(`/api/replies/${asking.id}`))).toEqual({ status: 409, code: 'archived' });
    expect(snapshot()).toEqual(before);
    expect((await thread(alice, a.id)).length).toBe(2);
  });
});

describe('reports with replies', () => {
  let id: number;
  let verdict: AnnotationDto;
  let hidden: AnnotationDto;
  let carol: Client;
  let carolUser: TestUser;

  beforeAll(async () => {
    const owner = await createTestUser({ name: 'Rita Reporter' });
    carolUser = await createTestUser({ name: 'Carol Second' });
    carol = await login(carolUser.email, carolUser.password);
    id = createSampleArticle(owner, 'Replies: report');
    const t = new CanonicalText(getArticleText(testDatabase().db, owner, id)!);
    verdict = await annotate(alice, id, P1, t);
    await reply(bob, verdict.id, 'Line one of the reply,\nline <b>two</b>.');
    await reply(alice, verdict.id, '=SUM(1,2) is not a formula here');
    // Carol checks independently: she and the first check do not see each other's verdicts or threads.
    const check = await admin.post(`/api/articles/${id}/review/second-check`, { reviewerId: carolUser.id });
    expect(check.status, await check.clone().text()).toBe(201);
    hidden = await annotate(carol, id, P2, t);
    await reply(carol, hidden.id, 'Carol’s private reasoning.');
  });

  const report = async (who: Client, format: string) => {
    const res = await who.get(`/api/articles/${id}/report?format=${format}`);
    expect(res.status).toBe(200);
    return res.text();
  };

  it('Markdown and HTML show each reply under its verdict, and the review section', async () => {
    const md = await report(bob, 'md');
    expect(md).toContain('**Replies (2):**');
    expect(md).toMatch(/↳ Bob Asker · \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(md).toContain('> Line one of the reply,\\\n> line \\<b\\>two\\</b\\>.');
    expect(md).toContain('## Review');
    expect(md).toContain('An independent second check by Carol Second was requested by Ada Admin');
    const html = await report(bob, 'html');
    expect(html).toContain(`<li class="fm-reply" id="reply-`);
    expect(html).toContain('<div class="fm-reply-body" dir="auto">Line one of the reply,\nline &lt;b&gt;two&lt;/b&gt;.</div>');
    expect(html).toContain('<h2 id="fm-review-heading">Review</h2>');
    expect(html).not.toContain('Carol’s private reasoning');
  });

  it('CSV appends a replies count; W3C JSON-LD adds replying annotations targeting the verdict', async () => {
    const rows = parse(await report(bob, 'csv'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.id, r.replies])).toEqual([[String(verdict.id), '2']]);
    const w3c = JSON.parse(await report(bob, 'json')) as { total: number; first: { items: { id: string; motivation: string; target: unknown; body: { value: string }[] }[] } };
    const replies = w3c.first.items.filter((a) => a.motivation === 'replying');
    expect(w3c.total).toBe(3);
    expect(replies.map((r) => [r.target, r.body[0].value])).toEqual([
      [w3c.first.items[0].id, 'Line one of the reply,\nline <b>two</b>.'],
      [w3c.first.items[0].id, '=SUM(1,2) is not a formula here'],
    ]);
    expect(w3c.first.items[0].id).toMatch(new RegExp(`/api/annotations/${verdict.id}$`));
  });

  it('never leaks a hidden verdict’s thread: the blind reviewer sees only their own, and the others not theirs', async () => {
    for (const format of ['md', 'html', 'json']) {
      const theirs = await report(carol, format);
      expect(theirs).toContain('Carol’s private reasoning');
      expect(theirs).not.toContain('Line one of the reply');
      expect(theirs).not.toContain('=SUM(1,2)');
      expect(await report(alice, format)).not.toContain('Carol’s private reasoning');
    }
    // The CSV counts replies: Carol's one verdict with its one reply; the first check's not at all.
    const rows = (csv: string) => (parse(csv, { bom: true, columns: true }) as Record<string, string>[]).map((r) => [r.id, r.reviewer, r.replies]);
    expect(rows(await report(carol, 'csv'))).toEqual([[String(hidden.id), 'Carol Second', '1']]);
    expect(rows(await report(alice, 'csv'))).toEqual([[String(verdict.id), 'Alice Replier', '2']]);
    expect(await errorOf(await carol.get(`/api/annotations/${verdict.id}/replies`))).toEqual({ status: 404, code: 'not_found' });
    expect(await errorOf(await carol.post(`/api/annotations/${verdict.id}/replies`, { body: 'peek' }))).toEqual({ status: 404, code: 'not_found' });
    expect(await errorOf(await alice.get(`/api/annotations/${hidden.id}/replies`))).toEqual({ status: 404, code: 'not_found' });
  });
});
