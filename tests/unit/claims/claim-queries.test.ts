// The claims query module on a fresh SQLite file: listing with state from the viewer's verdicts,
// "not a claim" and its undo (who may, what is refused, what is recorded), the backfill for
// articles stored before the detector, and dismissals carried through a new revision.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { createAnnotation } from '@/db/queries/annotations';
import { createArticle, updateArticleMeta } from '@/db/queries/articles';
import { backfillClaims, dismissClaim, listClaims, restoreClaim } from '@/db/queries/claims';
import { addRevision } from '@/db/queries/revisions';
import { createUser } from '@/db/queries/users';
import { articleEvents, articles, claimDismissals, claims } from '@/db/schema';
import { DETECTOR_VERSION } from '@/lib/claims/detect';
import { CanonicalText, TextIndex } from '@/lib/document/canonical-text';
import { docFromText } from '@/lib/import/text';
import type { Role, Viewer } from '@/lib/viewer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-claims-'));
const { db } = openDatabase(path.join(dir, 'test.db'));
const v1 = [
  'The dam supplies two million people in the region.',
  'Officials said water levels fell by 40 percent this year.',
  'The river is wide and slow here. Engineers at Hydro Quebec blamed the drought for the drop.',
].join('\n\n');
let ana: Viewer;
let ben: Viewer;
let eve: Viewer;

async function user(name: string, role: Role): Promise<Viewer> {
  const email = `${name.toLowerCase()}@x.test`;
  const r = await createUser(db, { email, name, role, password: 'long enough pw' });
  if (!r.ok) throw new Error(r.error.message);
  return { id: r.value.id, name, email, role };
}

function article(text = v1): number {
  const a = createArticle(db, ana, docFromText(text), { title: `Dam ${Math.random()}` });
  if (!a.ok) throw new Error(a.error.message);
  return a.value.id;
}

function claimsOf(viewer: Viewer, articleId: number) {
  const r = listClaims(db, viewer, articleId);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const claimWith = (viewer: Viewer, articleId: number, words: string) => claimsOf(viewer, articleId).claims.find((c) => c.text.includes(words))!;
const events = (articleId: number) => db.select().from(articleEvents).where(eq(articleEvents.articleId, articleId)).all();

beforeAll(async () => {
  ana = await user('Ana', 'reviewer');
  ben = await user('Ben', 'reviewer');
  eve = await user('Eve', 'editor');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('listClaims', () => {
  it('lists the stored claims in document order with their text and reasons, all unchecked at first', () => {
    const id = article();
    const { claims: list, coverage } = claimsOf(ana, id);
    const text = new CanonicalText(TextIndex.fromDoc(docFromText(v1)).text);
    expect(list.map((c) => c.text)).toEqual([
      'The dam supplies two million people in the region.',
      'Officials said water levels fell by 40 percent this year.',
      'Engineers at Hydro Quebec blamed the drought for the drop.',
    ]);
    for (const c of list) expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(list[1].reasons).toEqual(['figure', 'quotation', 'comparison']);
    expect(coverage).toEqual({ checkWorthy: 3, checked: 0, dismissed: 0 });
  });

  it('is checked by a verdict over half of the sentence, for everyone who can see it', () => {
    const id = article();
    const c = claimWith(ana, id, 'two million');
    const text = new CanonicalText(TextIndex.fromDoc(docFromText(v1)).text);
    const r = createAnnotation(db, ben, id, { start: c.start, end: c.start + Math.ceil((c.end - c.start) / 2), status: 'verified', note: '', sources: [], ...text.quote(c.start, c.start + Math.ceil((c.end - c.start) / 2)) });
    if (!r.ok) throw new Error(r.error.message);
    expect(claimWith(ana, id, 'two million')).toMatchObject({ state: 'checked', annotationIds: [r.value.id] });
    expect(claimsOf(ana, id).coverage).toEqual({ checkWorthy: 3, checked: 1, dismissed: 0 });
  });

  it('answers 404 for an unknown article', () => {
    expect(listClaims(db, ana, 99_999)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('dismissClaim and restoreClaim', () => {
  it('dismisses a claim with who and when, records it, and the dismisser can undo it', () => {
    const id = article();
    const c = claimWith(ana, id, 'Officials said');
    const dismissed = dismissClaim(db, ben, id, { start: c.start, end: c.end, revision: 1 });
    expect(dismissed).toMatchObject({ ok: true, value: { state: 'dismissed', dismissal: { by: { id: ben.id, name: 'Ben' } } } });
    expect(claimsOf(ana, id).coverage).toEqual({ checkWorthy: 3, checked: 0, dismissed: 1 });
    const dismissalId = dismissed.ok ? dismissed.value.dismissal!.id : 0;
    expect(events(id).map((e) => e.type)).toEqual(['claim_dismissed']);

    expect(restoreClaim(db, ben, dismissalId)).toMatchObject({ ok: true, value: { state: 'unchecked' } });
    expect(claimWith(ana, id, 'Officials said').dismissal).toBeUndefined();
    expect(events(id).map((e) => e.type)).toEqual(['claim_dismissed', 'claim_restored']);
    const row = db.select().from(claimDismissals).where(eq(claimDismissals.id, dismissalId)).get()!;
    expect(row.undoneBy).toBe(ben.id);
    expect(row.undoneAt).toBeInstanceOf(Date);
  });

  it('lets an editor undo anyone’s dismissal, but not another reviewer (403), and a second undo is 404', () => {
    const id = article();
    const c = claimWith(ana, id, 'two million');
    const d = dismissClaim(db, ben, id, { start: c.start, end: c.end });
    if (!d.ok) throw new Error(d.error.message);
    const dismissalId = d.value.dismissal!.id;
    expect(restoreClaim(db, ana, dismissalId)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(claimWith(ana, id, 'two million').state).toBe('dismissed');
    expect(restoreClaim(db, eve, dismissalId)).toMatchObject({ ok: true, value: { state: 'unchecked' } });
    expect(restoreClaim(db, eve, dismissalId)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses a range that is no claim (422), a stale revision (409), a second dismissal (409) and an archived article (409), changing nothing', () => {
    const id = article();
    const c = claimWith(ana, id, 'two million');
    expect(dismissClaim(db, ana, id, { start: c.start, end: c.end - 1 })).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
    expect(dismissClaim(db, ana, id, { start: c.start, end: c.end, revision: 2 })).toMatchObject({ ok: false, error: { code: 'revision_conflict' } });
    expect(dismissClaim(db, ana, 99_999, { start: c.start, end: c.end })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(events(id)).toEqual([]);
    const d = dismissClaim(db, ana, id, { start: c.start, end: c.end });
    expect(dismissClaim(db, ana, id, { start: c.start, end: c.end })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const archived = updateArticleMeta(db, ana, id, { archived: true });
    if (!archived.ok) throw new Error(archived.error.message);
    const other = claimWith(ana, id, 'Officials said');
    expect(dismissClaim(db, ana, id, { start: other.start, end: other.end })).toMatchObject({ ok: false, error: { code: 'archived' } });
    expect(restoreClaim(db, ana, d.ok ? d.value.dismissal!.id : 0)).toMatchObject({ ok: false, error: { code: 'archived' } });
    expect(claimsOf(ana, id).coverage).toEqual({ checkWorthy: 3, checked: 0, dismissed: 1 });
    expect(events(id).map((e) => e.type)).toEqual(['claim_dismissed']);
  });
});

describe('dismissals through a new revision', () => {
  it('keeps a dismissal whose sentence is unchanged or moved (new offsets), drops one whose sentence changed', () => {
    const id = article();
    const moved = claimWith(ana, id, 'Engineers at Hydro Quebec');
    const edited = claimWith(ana, id, 'Officials said');
    const keep = dismissClaim(db, ana, id, { start: moved.start, end: moved.end });
    const drop = dismissClaim(db, ben, id, { start: edited.start, end: edited.end });
    if (!keep.ok || !drop.ok) throw new Error('dismissal failed');
    const v2 = ['A new opening paragraph about the valley was added here.', v1.replace('40 percent', '35 percent')].join('\n\n');
    const r = addRevision(db, ana, id, { doc: docFromText(v2), meta: {}, source: 'paste', baseRevision: 1 });
    if (!r.ok) throw new Error(r.error.message);

    const after = claimsOf(ana, id);
    const movedNow = after.claims.find((c) => c.text === moved.text)!;
    expect(movedNow.start).toBeGreaterThan(moved.start);
    expect(movedNow).toMatchObject({ state: 'dismissed', dismissal: { id: keep.value.dismissal!.id, by: { name: 'Ana' } } });
    expect(after.claims.find((c) => c.text.includes('35 percent'))).toMatchObject({ state: 'unchecked' });
    expect(after.coverage.dismissed).toBe(1);

    const kept = db.select().from(claimDismissals).where(eq(claimDismissals.id, keep.value.dismissal!.id)).get()!;
    expect(kept).toMatchObject({ revision: 2, start: movedNow.start, end: movedNow.end, undoneAt: null });
    const dropped = db.select().from(claimDismissals).where(eq(claimDismissals.id, drop.value.dismissal!.id)).get()!;
    expect(dropped.undoneAt).toBeInstanceOf(Date);
    expect(dropped.revision).toBe(1);
    const restored = events(id).filter((e) => e.type === 'claim_restored');
    expect(restored).toHaveLength(1);
    expect(restored[0].detail).toMatchObject({ dismissalId: drop.value.dismissal!.id, cause: 'revision', revision: 2 });
  });
});

describe('backfillClaims', () => {
  it('detects claims for articles stored by an older detector, replacing their current claims, once', () => {
    const id = article();
    db.delete(claims).where(eq(claims.articleId, id)).run();
    db.insert(claims).values({ articleId: id, revision: 1, start: 0, end: 3, reasons: ['figure'] }).run();
    db.update(articles).set({ claimsDetector: 0 }).where(eq(articles.id, id)).run();
    expect(backfillClaims(db)).toBeGreaterThanOrEqual(1);
    expect(claimsOf(ana, id).claims.map((c) => c.text)).toHaveLength(3);
    expect(db.select().from(articles).where(eq(articles.id, id)).get()!.claimsDetector).toBe(DETECTOR_VERSION);
    expect(db.select().from(claims).where(and(eq(claims.articleId, id), eq(claims.start, 0), eq(claims.end, 3))).all()).toEqual([]);
    expect(backfillClaims(db)).toBe(0);
  });
});
