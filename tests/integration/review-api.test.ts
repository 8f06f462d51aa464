// The review workflow over HTTP on the real server: assignment, the blind second check (hidden on
// every read path, reports and the article page included, in both directions), the agreement,
// adjudication, sign-off blocked / allowed / overridden with a reason, reopening, and the
// permission matrix (reviewer 403, editor and admin allowed), each refusal changing nothing.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getArticleText } from '@/db/queries/articles';
import { articleEvents } from '@/db/schema';
import { CanonicalText } from '@/lib/document/canonical-text';
import { REPORT_FORMATS } from '@/lib/report/formats';
import { createTestUser, testDatabase, type TestUser } from '../support/db';
import { anonymous, login, type Client } from '../support/http';
import { pdfPageTexts } from '../support/pdf-text';

const PARAGRAPHS = [
  'Exports rose 40% in 2023, the ministry said.',
  'The mayor said the bridge cost $3 million.',
  'It is the largest port in the region.',
  'Crime fell by half because of new street lighting.',
  'Officials expect the harbour to double its traffic by 2030.',
];

let editorUser: TestUser;
let editor: Client, admin: Client, ana: Client, bea: Client, carl: Client;
let anaUser: TestUser, beaUser: TestUser, carlUser: TestUser;
let articleId: number;
/** Ids of the first check's verdicts (Ana's) and the second's (Bea's), by paragraph index. */
const anaIds: Record<number, number> = {};
const beaIds: Record<number, number> = {};
let anaDeleted: number;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function body(res: Response, status: number): Promise<Json> {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(status);
  return text ? JSON.parse(text) : {};
}

function spanOf(passage: string) {
  const text = new CanonicalText(getArticleText(testDatabase().db, editorUser as never, articleId)!);
  const start = text.offsetFromUnit(text.text.indexOf(passage));
  return { start, end: start + [...passage].length };
}

async function mark(client: Client, passage: string, status: string, note = '', sources: { url: string; title: string }[] = []): Promise<number> {
  return (await body(await client.post(`/api/articles/${articleId}/annotations`, { ...spanOf(passage), status, note, sources }), 201)).id;
}

const review = async (client: Client = editor) => body(await client.get(`/api/articles/${articleId}/review`), 200);
const post = (client: Client, path: string, payload?: unknown) => (payload === undefined ? client.request('POST', `/api/articles/${articleId}/review/${path}`) : client.post(`/api/articles/${articleId}/review/${path}`, payload));

async function pdfText(res: Response): Promise<string> {
  return (await pdfPageTexts(new Uint8Array(await res.arrayBuffer()))).join(' ');
}

/** Every report format as text (the PDF's extracted text), by format. */
async function reports(client: Client): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  await Promise.all(
    REPORT_FORMATS.map(async (format) => {
      const res = await client.get(`/api/articles/${articleId}/report?format=${format}`);
      expect(res.status, format).toBe(200);
      out[format] = format === 'pdf' ? await pdfText(res) : await res.text();
    }),
  );
  return out;
}

/**
 * What `client` can read of the article on every path: it must see its own canary notes and none
 * of `hidden` (canary notes) or `hiddenIds` (annotation ids), and may not change those.
 */
async function expectHidden(client: Client, own: string[], hidden: string[], hiddenIds: number[]) {
  const list = await body(await client.get(`/api/articles/${articleId}/annotations`), 200);
  const changes = await body(await client.get(`/api/articles/${articleId}/annotations?since=0`), 200);
  const page = await client.get(`/articles/${articleId}`);
  const html = await page.text();
  expect(page.status).toBe(200);
  const paths: Record<string, string> = { list: JSON.stringify(list), changes: JSON.stringify(changes), page: html, ...(await reports(client)) };
  for (const [where, text] of Object.entries(paths)) {
    for (const canary of hidden) expect(text, `${canary} leaked through ${where}`).not.toContain(canary);
  }
  // The same paths do show the viewer's own verdicts (claimreview lists verified and disputed ones only).
  for (const where of ['list', 'changes', 'page', 'html', 'md', 'csv', 'json', 'pdf']) {
    for (const canary of own) expect(paths[where], `${canary} missing from ${where}`).toContain(canary);
  }
  const listed = [...list.annotations, ...changes.annotations].map((a: Json) => a.id);
  for (const id of hiddenIds) {
    expect(listed).not.toContain(id);
    expect(changes.deleted).not.toContain(id);
  }
  const attempts = hiddenIds.flatMap((id) => [
    ...[`/api/annotations/${id}`, `/api/annotations/${id}/history`, `/api/annotations/${id}/replies`].map((path) => [path, () => client.get(path)] as const),
    [`PATCH ${id}`, () => client.patch(`/api/annotations/${id}`, { note: 'overwritten' })] as const,
    [`reply to ${id}`, () => client.post(`/api/annotations/${id}/replies`, { body: 'a reply' })] as const,
    [`DELETE ${id}`, () => client.delete(`/api/annotations/${id}`)] as const,
  ]);
  const statuses = await Promise.all(attempts.map(async ([what, send]) => [what, (await send()).status]));
  expect(statuses).toEqual(attempts.map(([what]) => [what, 404]));
  // The article's text stays readable.
  const article = await body(await client.get(`/api/articles/${articleId}`), 200);
  expect(article.plainText).toContain(PARAGRAPHS[2]);
}

beforeAll(async () => {
  editorUser = await createTestUser({ role: 'editor', name: 'Edda Editor' });
  const adminUser = await createTestUser({ role: 'admin', name: 'Ada Admin' });
  [anaUser, beaUser, carlUser] = await Promise.all([createTestUser({ name: 'Ana First' }), createTestUser({ name: 'Bea Second' }), createTestUser({ name: 'Carl Reviewer' })]);
  [editor, admin, ana, bea, carl] = await Promise.all([editorUser, adminUser, anaUser, beaUser, carlUser].map((u) => login(u.email, u.password)));
  articleId = (await body(await editor.post('/api/articles', { format: 'text', content: PARAGRAPHS.join('\n\n'), title: 'Harbour figures' }), 201)).id;
});

describe('review API', () => {
  it('answers the review to anyone signed in; 401 signed out, 404 for an unknown article', async () => {
    expect(await review(carl)).toEqual({ articleId, state: 'open', assignees: [], signOff: null, secondCheck: null });
    expect((await anonymous.get(`/api/articles/${articleId}/review`)).status).toBe(401);
    expect((await carl.get('/api/articles/99999999/review')).status).toBe(404);
  });

  it('refuses every editor action to a reviewer (403) and changes nothing', async () => {
    const before = await review();
    const attempts: [string, unknown][] = [
      ['assign', { add: [carlUser.id] }],
      ['sign-off', { reason: 'looks fine' }],
      ['reopen', {}],
      ['second-check', { reviewerId: beaUser.id }],
      ['adjudications', { firstAnnotationId: 1, decision: 'keep_first' }],
    ];
    for (const [path, payload] of attempts) {
      const res = await body(await post(carl, path, payload), 403);
      expect(res.error.code, path).toBe('forbidden');
    }
    expect((await carl.get(`/api/articles/${articleId}/review/agreement`)).status).toBe(403);
    expect(await review()).toEqual(before);
  });

  it('assigns reviewers: unknown or malformed ids change nothing; the article goes in review', async () => {
    const unknown = await body(await post(editor, 'assign', { add: [anaUser.id, 987654321] }), 422);
    expect(unknown.error).toMatchObject({ code: 'unprocessable', details: { userId: 987654321 } });
    expect(unknown.error.message).toContain('987654321');
    await body(await post(editor, 'assign', { add: ['ana'] }), 400);
    await body(await post(editor, 'assign', {}), 400);
    await body(await post(editor, 'assign', { add: [anaUser.id], extra: 1 }), 400);
    expect((await review()).assignees).toEqual([]);
    // Admins may too.
    const assigned = await body(await post(admin, 'assign', { add: [anaUser.id, carlUser.id] }), 200);
    expect(assigned).toMatchObject({ state: 'in_review', assignees: [{ id: anaUser.id, name: 'Ana First' }, { id: carlUser.id, name: 'Carl Reviewer' }] });
    expect((await body(await post(editor, 'assign', { remove: [carlUser.id] }), 200)).assignees.map((u: Json) => u.id)).toEqual([anaUser.id]);
  });

  it('starts a second check only with someone active who has no verdicts here', async () => {
    anaIds[0] = await mark(ana, PARAGRAPHS[0], 'verified', 'ANAxCANARYxzero', [{ url: 'https://ana-source.example/trade', title: 'Trade figures' }]);
    anaIds[1] = await mark(ana, PARAGRAPHS[1], 'disputed', 'ANAxCANARYxone');
    anaIds[2] = await mark(ana, PARAGRAPHS[2], 'verified', 'ANAxCANARYxtwo');
    anaIds[4] = await mark(ana, PARAGRAPHS[4], 'verified', 'ANAxCANARYxfour');
    const own = await body(await post(editor, 'second-check', { reviewerId: anaUser.id }), 409);
    expect(own.error.message).toMatch(/cannot start from one's own verdicts/);
    expect((await body(await post(editor, 'second-check', { reviewerId: 987654321 }), 422)).error.details).toEqual({ userId: 987654321 });
    await body(await post(editor, 'second-check', { reviewerId: '12' }), 400);
    expect((await review()).secondCheck).toBeNull();
    const started = await body(await post(editor, 'second-check', { reviewerId: beaUser.id }), 201);
    expect(started.secondCheck).toMatchObject({ reviewer: { id: beaUser.id, name: 'Bea Second' }, requestedBy: { name: 'Edda Editor' }, doneAt: null });
    expect((await body(await post(admin, 'second-check', { reviewerId: carlUser.id }), 409)).error.message).toMatch(/already under way/);
  });

  it('hides the first check from the pending second reviewer on every read path, reports included', async () => {
    // A verdict deleted during the check must not show up in the second reviewer's `deleted` list either.
    anaDeleted = await mark(ana, PARAGRAPHS[3], 'needs_source', 'ANAxCANARYxgone');
    expect((await ana.delete(`/api/annotations/${anaDeleted}`)).status).toBe(204);
    beaIds[0] = await mark(bea, PARAGRAPHS[0], 'verified', 'BEAxCANARYxzero');
    beaIds[1] = await mark(bea, 'the bridge cost $3 million', 'verified', 'BEAxCANARYxone');
    beaIds[3] = await mark(bea, PARAGRAPHS[3], 'needs_source', 'BEAxCANARYxthree');
    const anaCanaries = ['ANAxCANARYxzero', 'ANAxCANARYxone', 'ANAxCANARYxtwo', 'ANAxCANARYxfour', 'ANAxCANARYxgone', 'ana-source.example'];
    const beaCanaries = ['BEAxCANARYxzero', 'BEAxCANARYxone', 'BEAxCANARYxthree'];
    await expectHidden(bea, beaCanaries, anaCanaries, [...Object.values(anaIds), anaDeleted]);
    // …and the second check from everyone else: the first reviewer, and even an admin.
    await expectHidden(ana, ['ANAxCANARYxzero', 'ANAxCANARYxtwo'], beaCanaries, Object.values(beaIds));
    const adminList = JSON.stringify(await body(await admin.get(`/api/articles/${articleId}/annotations`), 200));
    expect(adminList).toContain('ANAxCANARYxone');
    for (const canary of beaCanaries) expect(adminList).not.toContain(canary);
    expect((await admin.get(`/api/annotations/${beaIds[0]}`)).status).toBe(404);
    expect((await admin.patch(`/api/annotations/${beaIds[0]}`, { note: 'an admin edit' })).status).toBe(404);
  }, 180_000); // every report format for two viewers, the PDFs through the worker pool

  it('does not count hidden verdicts in the articles list of the second reviewer', async () => {
    const list = await body(await bea.get('/api/articles?q=Harbour%20figures'), 200);
    const mine = list.articles.find((a: Json) => a.id === articleId);
    const own: Json = { verified: 2, disputed: 0, needs_source: 1 };
    for (const status of Object.keys(own)) expect(mine.counts[status] ?? 0, status).toBeLessThanOrEqual(own[status]);
  });

  it('does not list hidden verdicts in the preview of a new version for the second reviewer', async () => {
    const edited = [PARAGRAPHS[0].replace('40%', '45%'), ...PARAGRAPHS.slice(1).map((p) => p.replace('.', ' indeed.'))].join('\n\n');
    const preview = await body(await bea.post(`/api/articles/${articleId}/revisions?preview=1`, { format: 'text', content: edited }), 200);
    const ids = preview.annotations.map((a: Json) => a.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of Object.values(anaIds)) expect(ids).not.toContain(id);
  });

  it('lets only the second reviewer finish; then everyone sees everything', async () => {
    expect((await body(await post(ana, 'second-check/done'), 403)).error.code).toBe('forbidden');
    expect((await body(await post(editor, 'second-check/done'), 403)).error.code).toBe('forbidden');
    expect((await editor.get(`/api/articles/${articleId}/review/agreement`)).status).toBe(404);
    const done = await body(await post(bea, 'second-check/done'), 200);
    expect(done.secondCheck.doneAt).not.toBeNull();
    await body(await post(bea, 'second-check/done'), 404);
    for (const client of [ana, bea]) {
      const ids = (await body(await client.get(`/api/articles/${articleId}/annotations`), 200)).annotations.map((a: Json) => a.id);
      expect(ids.sort()).toEqual([...Object.values(anaIds), ...Object.values(beaIds)].sort());
    }
  });

  it('answers the agreement to editors, admins and the second reviewer', async () => {
    const agreement = await body(await editor.get(`/api/articles/${articleId}/review/agreement`), 200);
    expect(agreement.pairs.map((p: Json) => [p.outcome, p.first?.annotationId ?? null, p.second?.annotationId ?? null])).toEqual([
      ['agree', anaIds[0], beaIds[0]],
      ['disagree', anaIds[1], beaIds[1]],
      ['only_first', anaIds[2], null],
      ['only_second', null, beaIds[3]],
      ['only_first', anaIds[4], null],
    ]);
    expect(agreement).toMatchObject({ agree: 1, disagree: 1, onlyFirst: 2, onlySecond: 1, bothFound: 0.4, kappa: 0, meaning: 'slight agreement' });
    expect(agreement.pairs[1]).toMatchObject({ first: { status: 'disputed', author: { name: 'Ana First' } }, second: { status: 'verified', author: { name: 'Bea Second' } }, adjudication: null, open: true });
    expect((await body(await bea.get(`/api/articles/${articleId}/review/agreement`), 200)).kappa).toBe(0);
    expect((await body(await admin.get(`/api/articles/${articleId}/review/agreement`), 200)).agree).toBe(1);
    expect((await ana.get(`/api/articles/${articleId}/review/agreement`)).status).toBe(403);
  });

  it('blocks the sign-off until each disagreement and one-sided passage is adjudicated', async () => {
    const blocked = await body(await post(editor, 'sign-off', {}), 409);
    expect(blocked.error.code).toBe('not_ready');
    const unadjudicated = blocked.error.details.blocking.filter((b: Json) => b.kind === 'unadjudicated');
    expect(unadjudicated.map((b: Json) => b.annotationId)).toEqual([anaIds[1], anaIds[2], beaIds[3], anaIds[4]]);
    expect((await review()).state).toBe('in_review');

    const adjudicate = (payload: Json, client: Client = editor) => post(client, 'adjudications', payload);
    await body(await adjudicate({ firstAnnotationId: anaIds[1], secondAnnotationId: beaIds[1], decision: 'keep_first' }, bea), 403);
    await body(await adjudicate({ firstAnnotationId: anaIds[1], decision: 'maybe' }), 400);
    await body(await adjudicate({ decision: 'drop' }), 400);
    expect((await body(await adjudicate({ firstAnnotationId: anaIds[0], secondAnnotationId: beaIds[0], decision: 'keep_first' }), 409)).error.message).toMatch(/agree/);
    expect((await body(await adjudicate({ firstAnnotationId: anaIds[1], secondAnnotationId: beaIds[3], decision: 'keep_first' }), 422)).error.code).toBe('unprocessable');
    await body(await adjudicate({ secondAnnotationId: beaIds[3], decision: 'final' }), 422);

    const after = await body(await adjudicate({ firstAnnotationId: anaIds[1], secondAnnotationId: beaIds[1], decision: 'keep_second' }), 201);
    expect(after.pairs[1].adjudication).toMatchObject({ decision: 'keep_second', by: { name: 'Edda Editor' } });
    await body(await adjudicate({ firstAnnotationId: anaIds[1], secondAnnotationId: beaIds[1], decision: 'keep_first' }), 409);
    // The first verdict left the article; both originals stay in the history.
    expect((await ana.get(`/api/annotations/${anaIds[1]}`)).status).toBe(404);
    const history = (await body(await ana.get(`/api/annotations/${anaIds[1]}/history`), 200)).events.map((e: Json) => [e.type, e.actor.name]);
    expect(history.slice(-2)).toEqual([
      ['adjudicated', 'Edda Editor'],
      ['deleted', 'Edda Editor'],
    ]);
    expect((await body(await ana.get(`/api/annotations/${beaIds[1]}/history`), 200)).events.map((e: Json) => e.type)).toEqual(['created', 'note_edited', 'adjudicated']);

    await body(await adjudicate({ firstAnnotationId: anaIds[2], decision: 'keep_first' }), 201);
    await body(await adjudicate({ secondAnnotationId: beaIds[3], decision: 'final', status: 'needs_source', note: 'Editor: ask the police for the study.' }), 201);
    const final = await body(await admin.post(`/api/articles/${articleId}/review/adjudications`, { firstAnnotationId: anaIds[4], decision: 'keep_first' }), 201);
    expect(final).toMatchObject({ agree: 1, disagree: 1, onlyFirst: 2, onlySecond: 1, kappa: 0 });
    expect(final.pairs.map((p: Json) => p.open)).toEqual([false, false, false, false, false]);
    expect(await body(await ana.get(`/api/annotations/${beaIds[3]}`), 200)).toMatchObject({ status: 'needs_source', note: 'Editor: ask the police for the study.' });
  });

  it('signs off when nothing blocks it, refuses a second sign-off, and reopens on a new verdict', async () => {
    const signed = await body(await post(editor, 'sign-off'), 200);
    expect(signed).toMatchObject({ state: 'signed_off', signOff: { by: { id: editorUser.id, name: 'Edda Editor' }, reason: null, overridden: [] } });
    expect((await body(await post(admin, 'sign-off', { reason: 'twice' }), 409)).error.code).toBe('conflict');

    const late = await mark(carl, 'the largest port', 'disputed');
    expect(await review(carl)).toMatchObject({ state: 'in_review', signOff: null });
    const events = testDatabase()
      .db.select()
      .from(articleEvents)
      .where(eq(articleEvents.articleId, articleId))
      .all();
    expect(events.at(-1)).toMatchObject({ type: 'reopened', actorId: carlUser.id, detail: { cause: 'verdict_created' } });

    // A disputed verdict without note or source blocks; a written reason signs off anyway, recorded.
    const blocked = await body(await post(editor, 'sign-off', { reason: '  ' }), 409);
    expect(blocked.error.details.blocking).toEqual([expect.objectContaining({ kind: 'missing_evidence', annotationId: late })]);
    const overridden = await body(await post(editor, 'sign-off', { reason: 'Carl adds the source after publication.' }), 200);
    expect(overridden.signOff).toMatchObject({ reason: 'Carl adds the source after publication.', overridden: [{ kind: 'missing_evidence', annotationId: late }] });
    expect((await review(ana)).signOff.reason).toBe('Carl adds the source after publication.');
  });

  it('reopens a signed-off article for editors only; a second reopen is refused', async () => {
    await body(await post(ana, 'reopen', {}), 403);
    expect(await body(await post(admin, 'reopen'), 200)).toMatchObject({ state: 'in_review', signOff: null });
    expect((await body(await post(editor, 'reopen', { reason: 'again' }), 409)).error.code).toBe('conflict');
    await body(await post(editor, 'reopen', { why: 'unknown field' }), 400);
  });

  it('refuses review writes on an archived article', async () => {
    const archived = (await body(await editor.post('/api/articles', { format: 'text', content: 'A short note of 12 words.', title: 'Archived note' }), 201)).id;
    await body(await editor.patch(`/api/articles/${archived}`, { archived: true }), 200);
    for (const [path, payload] of [
      ['sign-off', { reason: 'archived anyway' }],
      ['assign', { add: [anaUser.id] }],
      ['second-check', { reviewerId: beaUser.id }],
    ] as const) {
      expect((await body(await editor.post(`/api/articles/${archived}/review/${path}`, payload), 409)).error.code, path).toBe('archived');
    }
    expect(await body(await editor.get(`/api/articles/${archived}/review`), 200)).toMatchObject({ state: 'open', assignees: [], secondCheck: null });
  });
});
