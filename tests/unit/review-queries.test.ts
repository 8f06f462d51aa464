// The review query module on a fresh SQLite file: assignment, the blind second check, the
// agreement frozen when the second reviewer is done, adjudication and sign-off, with the
// permission and bad-input refusals each leaving everything as it was.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { createAnnotation, deleteAnnotation, listAnnotationHistory, listAnnotations, updateAnnotation } from '@/db/queries/annotations';
import { createArticle } from '@/db/queries/articles';
import { storeClaims } from '@/db/queries/claims';
import { adjudicate, assignReviewers, finishSecondCheck, getAgreement, getReview, getReviewSummary, reopenReview, requestSecondCheck, signOff } from '@/db/queries/review';
import { createUser, setUserDisabled } from '@/db/queries/users';
import { articleEvents, claims } from '@/db/schema';
import { TextIndex } from '@/lib/document/canonical-text';
import { docFromText } from '@/lib/import/text';
import type { Status } from '@/lib/annotations/status';
import type { Role, Viewer } from '@/lib/viewer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-review-'));
const { db, sqlite } = openDatabase(path.join(dir, 'test.db'));
const SENTENCES = ['Exports rose 40% in 2023.', 'The mayor said the bridge cost $3 million.', 'It is the largest port in the region.', 'Crime fell because of new lighting.'];
const doc = docFromText(SENTENCES.join(' '));
const index = TextIndex.fromDoc(doc);
let editor: Viewer, ana: Viewer, bea: Viewer, carl: Viewer, gone: Viewer;
let articleId: number;

async function user(name: string, role: Role): Promise<Viewer> {
  const email = `${name.toLowerCase()}@review.test`;
  const r = await createUser(db, { email, name, role, password: 'long enough pw' });
  if (!r.ok) throw new Error(r.error.message);
  return { id: r.value.id, name, email, role };
}
const span = (passage: string) => {
  const start = index.offsetFromUnit(index.text.indexOf(passage));
  return { start, end: start + [...passage].length };
};
function mark(viewer: Viewer, passage: string, status: Status, note = '') {
  const { start, end } = span(passage);
  const r = createAnnotation(db, viewer, articleId, { start, end, status, note, sources: [], ...index.quote(start, end) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const value = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const events = () =>
  db
    .select()
    .from(articleEvents)
    .where(eq(articleEvents.articleId, articleId))
    .all()
    .map((e) => e.type);

beforeAll(async () => {
  [editor, ana, bea, carl, gone] = [await user('Edda', 'editor'), await user('Ana', 'reviewer'), await user('Bea', 'reviewer'), await user('Carl', 'reviewer'), await user('Gone', 'reviewer')];
  setUserDisabled(db, gone.email, true);
  articleId = value(createArticle(db, editor, doc, { title: 'Port figures' })).id;
  // Claims as a detector would store them (whatever the detector of the day finds here).
  db.transaction((tx) => {
    tx.delete(claims).where(eq(claims.articleId, articleId)).run();
    storeClaims(
      tx,
      articleId,
      1,
      SENTENCES.map((s) => ({ ...span(s), reasons: ['figure'] })),
    );
  });
});
afterAll(() => {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('review queries', () => {
  it('assigns reviewers (editors only; unknown or disabled ids change nothing)', () => {
    expect(assignReviewers(db, ana, articleId, { add: [ana.id], remove: [] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(assignReviewers(db, editor, articleId, { add: [ana.id, 999_999], remove: [] })).toMatchObject({ ok: false, error: { code: 'unprocessable', details: { userId: 999_999 } } });
    expect(assignReviewers(db, editor, articleId, { add: [gone.id], remove: [] })).toMatchObject({ ok: false, error: { code: 'unprocessable', details: { userId: gone.id } } });
    expect(value(getReview(db, ana, articleId))).toMatchObject({ state: 'open', assignees: [] });
    const review = value(assignReviewers(db, editor, articleId, { add: [ana.id, carl.id], remove: [] }));
    expect(review).toMatchObject({ state: 'in_review', assignees: [{ name: 'Ana' }, { name: 'Carl' }] });
    expect(value(assignReviewers(db, editor, articleId, { add: [], remove: [carl.id] })).assignees.map((u) => u.name)).toEqual(['Ana']);
    expect(events()).toEqual(['assigned', 'assigned', 'review_started', 'unassigned']);
  });

  it('runs a blind second check: neither side sees the other until the second reviewer is done', () => {
    mark(ana, SENTENCES[0], 'verified');
    mark(ana, SENTENCES[1], 'disputed', 'The bridge cost $4 million.');
    mark(ana, SENTENCES[2], 'verified');
    expect(requestSecondCheck(db, ana, articleId, { reviewerId: bea.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(requestSecondCheck(db, editor, articleId, { reviewerId: ana.id })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/cannot start from one's own verdicts/) } });
    expect(requestSecondCheck(db, editor, articleId, { reviewerId: editor.id })).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
    expect(requestSecondCheck(db, editor, articleId, { reviewerId: 424_242 })).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
    expect(value(requestSecondCheck(db, editor, articleId, { reviewerId: bea.id })).secondCheck).toMatchObject({ reviewer: { name: 'Bea' }, doneAt: null });
    expect(requestSecondCheck(db, editor, articleId, { reviewerId: carl.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect(value(listAnnotations(db, bea, articleId))).toEqual([]);
    mark(bea, SENTENCES[0], 'verified');
    mark(bea, 'bridge cost $3 million', 'verified');
    mark(bea, SENTENCES[3], 'needs_source', 'Which study?');
    expect(value(listAnnotations(db, bea, articleId)).map((a) => a.author.name)).toEqual(['Bea', 'Bea', 'Bea']);
    expect(value(listAnnotations(db, ana, articleId)).map((a) => a.author.name)).toEqual(['Ana', 'Ana', 'Ana']);
    expect(getAgreement(db, editor, articleId)).toMatchObject({ ok: false, error: { code: 'not_found' } });

    expect(finishSecondCheck(db, ana, articleId)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(value(finishSecondCheck(db, bea, articleId)).secondCheck?.doneAt).not.toBeNull();
    expect(finishSecondCheck(db, bea, articleId)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(value(listAnnotations(db, ana, articleId))).toHaveLength(6);
    expect(value(listAnnotations(db, bea, articleId))).toHaveLength(6);
  });

  it('pairs the two checks, with kappa and the claim of each passage', () => {
    expect(getAgreement(db, carl, articleId)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const agreement = value(getAgreement(db, editor, articleId));
    expect(value(getAgreement(db, bea, articleId)).kappa).toBe(agreement.kappa);
    expect(agreement.pairs.map((p) => [p.outcome, p.first?.status ?? null, p.second?.status ?? null, p.claim?.start ?? null])).toEqual([
      ['agree', 'verified', 'verified', span(SENTENCES[0]).start],
      ['disagree', 'disputed', 'verified', span(SENTENCES[1]).start],
      ['only_first', 'verified', null, span(SENTENCES[2]).start],
      ['only_second', null, 'needs_source', span(SENTENCES[3]).start],
    ]);
    // Paired statuses (verified, verified) and (disputed, verified): pₒ = 0.5, pₑ = 0.5 → κ = 0.
    expect(agreement).toMatchObject({ agree: 1, disagree: 1, onlyFirst: 1, onlySecond: 1, bothFound: 0.5, kappa: 0, meaning: 'slight agreement' });
    expect(agreement.pairs.map((p) => p.open)).toEqual([false, true, true, true]);
    expect(getReviewSummary(db, carl, articleId).agreement).toMatchObject({ agree: 1, disagree: 1, kappa: 0 });
  });

  it('refuses a sign-off with what blocks it, then adjudicates each open row', () => {
    const blocked = signOff(db, editor, articleId, {});
    expect(blocked).toMatchObject({ ok: false, error: { code: 'not_ready' } });
    const blocking = (blocked as { error: { details: { blocking: { kind: string }[] } } }).error.details.blocking;
    expect(blocking.map((b) => b.kind)).toEqual(['unadjudicated', 'unadjudicated', 'unadjudicated']);
    expect(signOff(db, bea, articleId, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const [agree, disagree, onlyFirst, onlySecond] = value(getAgreement(db, editor, articleId)).pairs;
    const ids = (p: typeof agree) => ({ firstAnnotationId: p.first?.annotationId, secondAnnotationId: p.second?.annotationId });
    expect(adjudicate(db, bea, articleId, { ...ids(disagree), decision: 'keep_first' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(adjudicate(db, editor, articleId, { ...ids(agree), decision: 'keep_first' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(adjudicate(db, editor, articleId, { firstAnnotationId: disagree.first!.annotationId, secondAnnotationId: onlySecond.second!.annotationId, decision: 'keep_first' })).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
    expect(adjudicate(db, editor, articleId, { ...ids(disagree), decision: 'drop' })).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
    expect(adjudicate(db, editor, articleId, { ...ids(onlySecond), decision: 'final' })).toMatchObject({ ok: false, error: { code: 'unprocessable' } });

    value(adjudicate(db, editor, articleId, { ...ids(disagree), decision: 'keep_second' }));
    expect(adjudicate(db, editor, articleId, { ...ids(disagree), decision: 'keep_first' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // The first verdict is gone from the article but kept, with the decision, in its history.
    expect(value(listAnnotations(db, ana, articleId)).some((a) => a.id === disagree.first!.annotationId)).toBe(false);
    expect(value(listAnnotationHistory(db, ana, disagree.first!.annotationId)).map((e) => [e.type, e.from, e.to])).toEqual([
      ['created', null, 'disputed'],
      ['note_edited', null, 'The bridge cost $4 million.'],
      ['adjudicated', 'keep_second', 'deleted'],
      ['deleted', null, null],
    ]);
    value(adjudicate(db, editor, articleId, { ...ids(onlyFirst), decision: 'keep_first' }));
    const after = value(adjudicate(db, editor, articleId, { ...ids(onlySecond), decision: 'final', status: 'disputed', note: 'No study found.' }));
    const final = value(listAnnotations(db, editor, articleId)).find((a) => a.id === onlySecond.second!.annotationId)!;
    expect(final).toMatchObject({ status: 'disputed', note: 'No study found.' });
    // The figures are those of the check as it was finished: adjudicating does not move them.
    expect(after).toMatchObject({ agree: 1, disagree: 1, onlyFirst: 1, onlySecond: 1, kappa: 0 });
    expect(after.pairs.map((p) => p.adjudication?.decision ?? null)).toEqual([null, 'keep_second', 'keep_first', 'final']);
    expect(after.pairs.every((p) => !p.open)).toBe(true);
  });

  it('signs off when nothing blocks it, once; a new verdict reopens it; editors reopen', () => {
    const review = value(signOff(db, editor, articleId, {}));
    expect(review).toMatchObject({ state: 'signed_off', signOff: { by: { name: 'Edda' }, reason: null, overridden: [] } });
    expect(signOff(db, editor, articleId, { reason: 'again' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(reopenReview(db, ana, articleId, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const verdict = mark(carl, 'largest port', 'disputed');
    expect(value(getReview(db, editor, articleId))).toMatchObject({ state: 'in_review', signOff: null });
    expect(reopenReview(db, editor, articleId, {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Now a disputed verdict without evidence blocks: an override needs a written reason, which is kept.
    expect(signOff(db, editor, articleId, { reason: '   ' })).toMatchObject({ ok: false, error: { code: 'not_ready' } });
    const overridden = value(signOff(db, editor, articleId, { reason: 'Carl will add the source after publication.' }));
    expect(overridden.signOff).toMatchObject({ reason: 'Carl will add the source after publication.', overridden: [{ kind: 'missing_evidence', annotationId: verdict.id }] });
    expect(value(reopenReview(db, editor, articleId, { reason: 'Source arrived' })).state).toBe('in_review');
    value(updateAnnotation(db, carl, verdict.id, { note: 'The port authority ranks it second.' }));
    expect(value(signOff(db, editor, articleId, {})).signOff?.overridden).toEqual([]);
    const history = db.select().from(articleEvents).where(eq(articleEvents.articleId, articleId)).all().slice(-5);
    expect(history.map((e) => [e.type, (e.detail as { cause?: string } | null)?.cause ?? null])).toEqual([
      ['signed_off', null],
      ['reopened', 'verdict_created'],
      ['signed_off', null],
      ['reopened', 'editor'],
      ['signed_off', null],
    ]);
  });

  it('keeps the pairs of an earlier check from an editor doing the next second check', () => {
    const editor2 = { ...carl, id: carl.id, role: 'editor' as const };
    // Carl deletes his verdict here, so he may do a new check (as an editor would).
    for (const a of value(listAnnotations(db, carl, articleId)).filter((a) => a.author.id === carl.id)) value(deleteAnnotation(db, carl, a.id));
    expect(value(getReview(db, editor, articleId)).state).toBe('in_review');
    value(requestSecondCheck(db, editor, articleId, { reviewerId: carl.id }));
    expect(getAgreement(db, editor2, articleId)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(adjudicate(db, editor2, articleId, { firstAnnotationId: 1, decision: 'keep_first' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(value(getAgreement(db, editor, articleId)).agree).toBe(1);
  });
});
