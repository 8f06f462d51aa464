// The replies query module on a fresh SQLite file: permissions in the SQL (own, others', admin),
// the blind second check hiding a thread with its annotation, history events, the annotation's
// updated_at (not its version) moving with each reply, a reply reopening a signed-off article,
// and refusals that change nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { createAnnotation, deleteAnnotation, getAnnotation, listAnnotationChanges, listAnnotationHistory } from '@/db/queries/annotations';
import { createArticle } from '@/db/queries/articles';
import { createReply, deleteReply, listReplies, listRepliesFor, updateReply } from '@/db/queries/replies';
import { createUser } from '@/db/queries/users';
import { articleEvents, articles, secondChecks } from '@/db/schema';
import { TextIndex } from '@/lib/document/canonical-text';
import { docFromText } from '@/lib/import/text';
import { checkReplyBody } from '@/lib/replies/input';
import type { Viewer } from '@/lib/viewer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-replies-'));
const { db, sqlite } = openDatabase(path.join(dir, 'test.db'));
let ana: Viewer;
let ben: Viewer;
let admin: Viewer;
let blind: Viewer;
let articleId: number;
const doc = docFromText('First claim here. Second claim there.\nAnother paragraph with a third claim.');
const index = TextIndex.fromDoc(doc);

async function user(email: string, role: 'admin' | 'reviewer' | 'editor'): Promise<Viewer> {
  const r = await createUser(db, { email, name: email.split('@')[0], role, password: 'long enough pw' });
  if (!r.ok) throw new Error(r.error.message);
  return { id: r.value.id, name: r.value.name, email, role };
}

function annotate(viewer: Viewer, passage: string) {
  const start = index.offsetFromUnit(index.text.indexOf(passage));
  const end = start + [...passage].length;
  const r = createAnnotation(db, viewer, articleId, { start, end, status: 'disputed', note: '', sources: [], ...index.quote(start, end) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function value<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const replyRows = () => sqlite.prepare('select id, body, version, deleted_at from annotation_replies order by id').all();

beforeAll(async () => {
  [ana, ben, admin, blind] = [await user('ana@x.test', 'reviewer'), await user('ben@x.test', 'reviewer'), await user('root@x.test', 'admin'), await user('blind@x.test', 'reviewer')];
  articleId = value(createArticle(db, ana, doc, { title: 'Claims' })).id;
});
afterAll(() => {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('checkReplyBody', () => {
  it('trims, strips control characters, refuses empty (400) and over 10,000 code points (413)', () => {
    expect(checkReplyBody('  a\u0000b\r\nc\u0007  ')).toEqual({ ok: true, value: 'ab\nc' });
    expect(checkReplyBody(' \n\t ')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(checkReplyBody('\u0001\u0002')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // 10,000 emoji are 20,000 UTF-16 units but 10,000 characters: allowed; one more is not.
    expect(checkReplyBody('😀'.repeat(10_000)).ok).toBe(true);
    expect(checkReplyBody(`  ${'x'.repeat(10_000)}  `).ok).toBe(true);
    expect(checkReplyBody('x'.repeat(10_001))).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
  });
});

describe('reply queries', () => {
  it('replies, lists oldest first, and moves the annotation’s updatedAt but not its version', async () => {
    const a = annotate(ana, 'First claim');
    await new Promise((r) => setTimeout(r, 5));
    const first = value(createReply(db, ben, a.id, { body: 'Who says so?' }));
    expect(first).toMatchObject({ annotationId: a.id, body: 'Who says so?', author: { id: ben.id, name: 'ben' }, version: 1, reopens: false });
    value(createReply(db, ana, a.id, { body: 'The ministry.\nSee the source.' }));
    expect(value(listReplies(db, admin, a.id)).map((r) => r.body)).toEqual(['Who says so?', 'The ministry.\nSee the source.']);
    const after = value(getAnnotation(db, ana, a.id));
    expect(after.version).toBe(a.version);
    expect(after.replyCount).toBe(2);
    expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(a.updatedAt));
    // Polling from just before the reply returns the annotation with its new count.
    const changes = value(listAnnotationChanges(db, ben, articleId, Date.parse(a.updatedAt) + 1));
    expect(changes.annotations.map((x) => [x.id, x.replyCount])).toEqual([[a.id, 2]]);
    const history = value(listAnnotationHistory(db, ana, a.id));
    expect(history.filter((e) => e.type === 'reply_added').map((e) => [e.actor.id, e.from, e.to])).toEqual([
      [ben.id, null, 'Who says so?'],
      [ana.id, null, 'The ministry.\nSee the source.'],
    ]);
  });

  it('lets the author and an admin edit or delete a reply, and refuses anyone else with 403 changing nothing', () => {
    const a = annotate(ana, 'Second claim');
    const r = value(createReply(db, ben, a.id, { body: 'Mine' }));
    const before = replyRows();
    expect(updateReply(db, ana, r.id, 'Hijacked')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(deleteReply(db, ana, r.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(replyRows()).toEqual(before);

    const edited = value(updateReply(db, ben, r.id, 'Mine, edited'));
    expect(edited).toMatchObject({ body: 'Mine, edited', version: 2 });
    // The same text again is no change: no version bump, no event.
    expect(value(updateReply(db, ben, r.id, 'Mine, edited')).version).toBe(2);
    const byAdmin = value(updateReply(db, admin, r.id, 'Moderated'));
    expect(byAdmin).toMatchObject({ body: 'Moderated', version: 3, author: { id: ben.id } });
    const events = value(listAnnotationHistory(db, ana, a.id)).filter((e) => e.type.startsWith('reply_'));
    expect(events.map((e) => [e.type, e.actor.id, e.from, e.to])).toEqual([
      ['reply_added', ben.id, null, 'Mine'],
      ['reply_edited', ben.id, 'Mine', 'Mine, edited'],
      ['reply_edited', admin.id, 'Mine, edited', 'Moderated'],
    ]);

    expect(deleteReply(db, admin, r.id).ok).toBe(true);
    expect(value(listReplies(db, ana, a.id))).toEqual([]);
    expect(value(getAnnotation(db, ana, a.id)).replyCount).toBe(0);
    expect(updateReply(db, ben, r.id, 'Back')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(value(listAnnotationHistory(db, ana, a.id)).at(-1)).toMatchObject({ type: 'reply_deleted', actor: { id: admin.id }, from: 'Moderated', to: null });
  });

  it('refuses a stale version with 409 edit_conflict and the reply as it is now', () => {
    const a = annotate(ana, 'third claim');
    const r = value(createReply(db, ana, a.id, { body: 'v1' }));
    value(updateReply(db, ana, r.id, 'v2', { version: 1 }));
    const stale = updateReply(db, ana, r.id, 'my v2', { version: 1 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'edit_conflict', details: { current: { id: r.id, body: 'v2', version: 2 } } } });
    expect(deleteReply(db, ana, r.id, { version: 1 })).toMatchObject({ ok: false, error: { code: 'edit_conflict' } });
    expect(value(listReplies(db, ana, a.id)).map((x) => x.body)).toEqual(['v2']);
  });

  it('answers 404 for a deleted annotation: no list, no reply, no edit of its replies', () => {
    const a = annotate(ben, 'Another paragraph');
    const r = value(createReply(db, ana, a.id, { body: 'Before the delete' }));
    value(deleteAnnotation(db, ben, a.id));
    const before = replyRows();
    expect(listReplies(db, ana, a.id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(createReply(db, ana, a.id, { body: 'After' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(updateReply(db, ana, r.id, 'After')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(deleteReply(db, admin, r.id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(replyRows()).toEqual(before);
  });

  it('hides the thread of a verdict a blind second check hides, on every path', () => {
    const check = db.insert(secondChecks).values({ articleId, reviewerId: blind.id, requestedBy: admin.id }).returning({ id: secondChecks.id }).get();
    try {
      const theirs = annotate(ana, 'claim here');
      const r = value(createReply(db, ana, theirs.id, { body: 'Visible to the first check only' }));
      expect(listReplies(db, blind, theirs.id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(createReply(db, blind, theirs.id, { body: 'peek' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(updateReply(db, blind, r.id, 'peek')).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(listRepliesFor(db, blind, [theirs.id]).size).toBe(0);
      expect(listRepliesFor(db, ana, [theirs.id]).get(theirs.id)?.map((x) => x.body)).toEqual(['Visible to the first check only']);

      // The blind reviewer's own verdict and thread are hidden from the others in turn.
      const mine = annotate(blind, 'Second claim there');
      const own = value(createReply(db, blind, mine.id, { body: 'Note to self' }));
      expect(listReplies(db, admin, mine.id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(deleteReply(db, admin, own.id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(listRepliesFor(db, admin, [mine.id]).size).toBe(0);
    } finally {
      db.update(secondChecks).set({ doneAt: new Date() }).where(eq(secondChecks.id, check.id)).run();
    }
  });

  it('reopens a signed-off article when the reply asks, in the same transaction, and only then', () => {
    const a = annotate(ana, 'First claim here');
    db.update(articles).set({ reviewState: 'signed_off', signedOffBy: admin.id, signedOffAt: new Date() }).where(eq(articles.id, articleId)).run();
    const plain = value(createReply(db, ben, a.id, { body: 'Just a comment' }));
    expect(plain.reopens).toBe(false);
    expect(db.select({ s: articles.reviewState }).from(articles).where(eq(articles.id, articleId)).get()?.s).toBe('signed_off');

    const asking = value(createReply(db, ben, a.id, { body: 'This is wrong, reopen.', reopens: true }));
    expect(asking.reopens).toBe(true);
    const row = db.select().from(articles).where(eq(articles.id, articleId)).get()!;
    expect([row.reviewState, row.signedOffBy]).toEqual(['in_review', null]);
    const reopened = db.select().from(articleEvents).where(eq(articleEvents.articleId, articleId)).all().filter((e) => e.type === 'reopened');
    expect(reopened.map((e) => [e.actorId, e.detail])).toEqual([[ben.id, { cause: 'reply' }]]);

    // Asked of an article that is not signed off, it is a plain reply.
    expect(value(createReply(db, ben, a.id, { body: 'Again', reopens: true })).reopens).toBe(false);
  });

  it('refuses replies and reply edits on an archived article with 409 archived', () => {
    const a = annotate(ana, 'Second claim');
    const r = value(createReply(db, ana, a.id, { body: 'Before archiving' }));
    db.update(articles).set({ archivedAt: new Date() }).where(eq(articles.id, articleId)).run();
    try {
      const before = replyRows();
      expect(createReply(db, ana, a.id, { body: 'x' })).toMatchObject({ ok: false, error: { code: 'archived' } });
      expect(updateReply(db, ana, r.id, 'x')).toMatchObject({ ok: false, error: { code: 'archived' } });
      expect(deleteReply(db, ana, r.id)).toMatchObject({ ok: false, error: { code: 'archived' } });
      expect(replyRows()).toEqual(before);
      // Reading stays open.
      expect(value(listReplies(db, ben, a.id)).map((x) => x.body)).toEqual(['Before archiving']);
    } finally {
      db.update(articles).set({ archivedAt: null }).where(eq(articles.id, articleId)).run();
    }
  });
});
