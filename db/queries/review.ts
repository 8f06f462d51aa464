// The desk's workflow on an article: assignment, review state and sign-off, the independent
// (blind) second check, its agreement with the first check, and the editor's adjudication.
// Reads are open to any signed-in user (the agreement to editors and the second reviewer);
// writes are for editors and admins (isEditor), except finishing a second check, which is its
// reviewer's. Each write and its history (article_events, annotation_events) is one transaction.
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Status } from '../../lib/annotations/status';
import { fail, ok, type Result } from '../../lib/errors';
import { cohensKappa, kappaMeaning } from '../../lib/review/kappa';
import { countOutcomes, pairVerdicts, type CheckVerdict } from '../../lib/review/pairing';
import { blockingItems, needsAdjudication } from '../../lib/review/readiness';
import type { AdjudicationDecision, AgreementDto, AgreementPair, BlockingItem, ReviewDto, ReviewSummary, SecondCheckDto, SignOffDto, UserRef } from '../../lib/review/types';
import { isEditor, type Viewer } from '../../lib/viewer';
import { WRITE_TRANSACTION, type Db, type Tx } from '../client';
import { adjudications, annotationEvents, annotations, articleAssignments, articles, secondChecks, users, type SecondCheckRow } from '../schema';
import { listAnnotations, recordEvent } from './annotations';
import { listClaims } from './claims';
import { noteReviewActivity, recordArticleEvent } from './review-state';
import { isBlindReviewer } from './visibility';

const editorsOnly = (what: string) => fail<never>('forbidden', `Only editors and admins can ${what}.`);
const noArticle = (id: number) => fail<never>('not_found', `No article with id ${id}.`);
const blindRefusal = () => fail<never>('forbidden', 'You are doing the second check of this article: the other verdicts stay hidden from you until you are done.');

function articleRow(db: Db | Tx, articleId: number) {
  return db.select().from(articles).where(eq(articles.id, articleId)).get();
}

function namesOf(db: Db | Tx, ids: number[]): Map<number, string> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  return new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, unique))
      .all()
      .map((u) => [u.id, u.name]),
  );
}

function refOf(names: Map<number, string>, id: number): UserRef {
  return { id, name: names.get(id) ?? '' };
}

/** The article's latest second check (its current one), or undefined when none was requested. */
function latestSecondCheck(db: Db | Tx, articleId: number): SecondCheckRow | undefined {
  return db.select().from(secondChecks).where(eq(secondChecks.articleId, articleId)).orderBy(desc(secondChecks.id)).limit(1).get();
}

/** The article's latest finished second check: the one the agreement is about. */
function latestDoneCheck(db: Db | Tx, articleId: number): SecondCheckRow | undefined {
  return db
    .select()
    .from(secondChecks)
    .where(and(eq(secondChecks.articleId, articleId), isNotNull(secondChecks.doneAt)))
    .orderBy(desc(secondChecks.id))
    .limit(1)
    .get();
}

function secondCheckDto(db: Db | Tx, row: SecondCheckRow | undefined): SecondCheckDto | null {
  if (!row) return null;
  const names = namesOf(db, [row.reviewerId, row.requestedBy]);
  return {
    id: row.id,
    reviewer: refOf(names, row.reviewerId),
    requestedBy: refOf(names, row.requestedBy),
    requestedAt: row.requestedAt.toISOString(),
    doneAt: row.doneAt ? row.doneAt.toISOString() : null,
  };
}

function assigneesOf(db: Db | Tx, articleId: number): UserRef[] {
  return db
    .select({ id: users.id, name: users.name })
    .from(articleAssignments)
    .innerJoin(users, eq(users.id, articleAssignments.userId))
    .where(eq(articleAssignments.articleId, articleId))
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

function reviewDto(db: Db | Tx, article: NonNullable<ReturnType<typeof articleRow>>): ReviewDto {
  let signOff: SignOffDto | null = null;
  if (article.reviewState === 'signed_off' && article.signedOffBy !== null && article.signedOffAt !== null) {
    signOff = {
      by: refOf(namesOf(db, [article.signedOffBy]), article.signedOffBy),
      at: article.signedOffAt.toISOString(),
      reason: article.signOffReason,
      overridden: (article.signOffOverridden as BlockingItem[] | null) ?? [],
    };
  }
  return { articleId: article.id, state: article.reviewState, assignees: assigneesOf(db, article.id), signOff, secondCheck: secondCheckDto(db, latestSecondCheck(db, article.id)) };
}

/** The article's review: state, assignees, sign-off and its latest second check. Any signed-in user. */
export function getReview(db: Db, _viewer: Viewer, articleId: number): Result<ReviewDto> {
  const article = articleRow(db, articleId);
  return article ? ok(reviewDto(db, article)) : noArticle(articleId);
}

/** A pair as the agreement answers it, with `open` true while it waits for an editor's decision. */
export type AgreementRow = AgreementPair & { open: boolean };
export interface AgreementView extends AgreementDto {
  pairs: AgreementRow[];
  secondCheck: SecondCheckDto;
}

/** The status each verdict had when the second check was finished (its history up to then). */
function statusesAt(db: Db | Tx, ids: number[], at: Date): Map<number, Status> {
  const map = new Map<number, Status>();
  for (let i = 0; i < ids.length; i += 900) {
    const rows = db
      .select({ id: annotationEvents.annotationId, to: annotationEvents.toValue })
      .from(annotationEvents)
      .where(and(inArray(annotationEvents.annotationId, ids.slice(i, i + 900)), inArray(annotationEvents.type, ['created', 'status_changed', 'reconfirmed']), lte(annotationEvents.createdAt, at)))
      .orderBy(asc(annotationEvents.id))
      .all();
    for (const r of rows) if (r.to) map.set(r.id, r.to as Status);
  }
  return map;
}

/**
 * The agreement of a finished second check, frozen at the moment it was finished: the verdicts
 * live then, with the statuses they had then, so that adjudicating (which deletes and changes
 * verdicts) or later edits never move the figures. Offsets are the current ones.
 */
function computeAgreement(db: Db | Tx, check: SecondCheckRow, claims: readonly { start: number; end: number }[]): AgreementView {
  const doneAt = check.doneAt!;
  const isSecond = and(eq(annotations.secondCheck, true), eq(annotations.authorId, check.reviewerId), gte(annotations.createdAt, check.requestedAt));
  const rows = db
    .select({ a: annotations, authorName: users.name, second: sql<number>`${isSecond}` })
    .from(annotations)
    .innerJoin(users, eq(users.id, annotations.authorId))
    .where(and(eq(annotations.articleId, check.articleId), lte(annotations.createdAt, doneAt), or(isNull(annotations.deletedAt), gt(annotations.deletedAt, doneAt))))
    .all();
  const statuses = statusesAt(
    db,
    rows.map((r) => r.a.id),
    doneAt,
  );
  const verdict = ({ a, authorName }: (typeof rows)[number]): CheckVerdict => ({
    annotationId: a.id,
    status: statuses.get(a.id) ?? a.status,
    start: a.start,
    end: a.end,
    exact: a.exact,
    author: { id: a.authorId, name: authorName },
    placed: a.anchorState !== 'removed',
  });
  const pairs = pairVerdicts(
    rows.filter((r) => r.second !== 1).map(verdict),
    rows.filter((r) => r.second === 1).map(verdict),
    claims,
  );
  const decided = db
    .select({ d: adjudications, name: users.name })
    .from(adjudications)
    .innerJoin(users, eq(users.id, adjudications.decidedBy))
    .where(eq(adjudications.secondCheckId, check.id))
    .all();
  const key = (first: number | null | undefined, second: number | null | undefined) => `${first ?? ''}:${second ?? ''}`;
  const byPair = new Map(decided.map(({ d, name }) => [key(d.firstAnnotationId, d.secondAnnotationId), { decision: d.decision, status: d.status, note: d.note, by: { id: d.decidedBy, name }, at: d.decidedAt.toISOString() }]));
  const live = new Set(rows.filter((r) => r.a.deletedAt === null).map((r) => r.a.id));
  const withDecisions: AgreementRow[] = pairs.map((p) => {
    const pair: AgreementPair = { ...p, adjudication: byPair.get(key(p.first?.annotationId, p.second?.annotationId)) ?? null };
    // A verdict deleted since (by its author) settles its row: nothing is left to decide.
    const open = needsAdjudication(pair) && [p.first, p.second].every((v) => !v || live.has(v.annotationId));
    return { ...pair, open };
  });
  const kappa = cohensKappa(withDecisions.filter((p) => p.first && p.second).map((p) => [p.first!.status, p.second!.status] as const));
  return { pairs: withDecisions, ...countOutcomes(pairs), kappa, meaning: kappaMeaning(kappa), secondCheck: secondCheckDto(db, check)! };
}

/**
 * The agreement of the article's latest finished second check, per passage and claim, with each
 * pair's adjudication. For editors and admins, and for that check's second reviewer.
 */
export function getAgreement(db: Db, viewer: Viewer, articleId: number): Result<AgreementView> {
  if (!articleRow(db, articleId)) return noArticle(articleId);
  const check = latestDoneCheck(db, articleId);
  if (!check) {
    if (!isEditor(viewer)) return editorsOnly('see the agreement of a second check');
    return fail('not_found', 'This article has no finished second check yet: the agreement is computed when the second reviewer is done.');
  }
  if (!isEditor(viewer) && viewer.id !== check.reviewerId) return editorsOnly('see the agreement of a second check (and its second reviewer, once done)');
  // An earlier check's pairs show the verdicts a pending second check hides from its reviewer.
  if (isBlindReviewer(db, viewer, articleId)) return blindRefusal();
  const claims = listClaims(db, viewer, articleId);
  return ok(computeAgreement(db, check, claims.ok ? claims.value.claims : []));
}

/**
 * The review as the report's methodology section states it: state, assignees, sign-off, latest
 * second check and, once a second check is finished, its agreement figures. Any signed-in user.
 */
export function getReviewSummary(db: Db, viewer: Viewer, articleId: number): ReviewSummary {
  const article = articleRow(db, articleId);
  if (!article) return { articleId, state: 'open', assignees: [], signOff: null, secondCheck: null, agreement: null };
  const review = reviewDto(db, article);
  const check = latestDoneCheck(db, articleId);
  if (!check) return { ...review, agreement: null };
  const { agree, disagree, onlyFirst, onlySecond, kappa, bothFound, meaning } = computeAgreement(db, check, []);
  return { ...review, agreement: { agree, disagree, onlyFirst, onlySecond, kappa, bothFound, meaning } };
}

/** Writes on an archived article are refused (it is read-only until unarchived). */
const archived = () => fail<never>('archived', 'This article is archived and read-only. Unarchive it to change its review.');

export interface AssignmentChange {
  add: number[];
  remove: number[];
}

/**
 * Assigns and unassigns reviewers (editors and admins). Every id must be a known user, and an
 * added one an active account: otherwise 422 naming it, and nothing changes. Assigning someone
 * to an open article puts it in review.
 */
export function assignReviewers(db: Db, viewer: Viewer, articleId: number, change: AssignmentChange): Result<ReviewDto> {
  if (!isEditor(viewer)) return editorsOnly('assign reviewers');
  const article = articleRow(db, articleId);
  if (!article) return noArticle(articleId);
  if (article.archivedAt) return archived();
  const both = change.add.find((id) => change.remove.includes(id));
  if (both !== undefined) return fail('unprocessable', `User ${both} is both added and removed: name them once.`, { userId: both });
  const known = new Map(
    db
      .select({ id: users.id, disabled: users.disabled })
      .from(users)
      .where(inArray(users.id, [...change.add, ...change.remove]))
      .all()
      .map((u) => [u.id, u]),
  );
  for (const id of [...change.add, ...change.remove]) {
    if (!known.has(id)) return fail('unprocessable', `There is no user with id ${id}.`, { userId: id });
  }
  const inactive = change.add.find((id) => known.get(id)!.disabled);
  if (inactive !== undefined) return fail('unprocessable', `User ${inactive} is disabled and cannot be assigned.`, { userId: inactive });
  const at = new Date();
  db.transaction((tx) => {
    let added = 0;
    for (const userId of new Set(change.add)) {
      const row = tx.insert(articleAssignments).values({ articleId, userId, assignedBy: viewer.id, assignedAt: at }).onConflictDoNothing().returning({ userId: articleAssignments.userId }).get();
      if (!row) continue;
      added++;
      recordArticleEvent(tx, articleId, viewer.id, 'assigned', { userId }, at);
    }
    for (const userId of new Set(change.remove)) {
      const gone = tx
        .delete(articleAssignments)
        .where(and(eq(articleAssignments.articleId, articleId), eq(articleAssignments.userId, userId)))
        .returning({ userId: articleAssignments.userId })
        .get();
      if (gone) recordArticleEvent(tx, articleId, viewer.id, 'unassigned', { userId }, at);
    }
    if (added > 0) startReview(tx, articleId, viewer.id, 'assigned', at);
  }, WRITE_TRANSACTION);
  return getReview(db, viewer, articleId);
}

/** open → in_review because someone was assigned or asked to check (verdicts use noteReviewActivity). */
function startReview(tx: Tx, articleId: number, actorId: number, cause: 'assigned' | 'second_check', at: Date) {
  const moved = tx
    .update(articles)
    .set({ reviewState: 'in_review' })
    .where(and(eq(articles.id, articleId), eq(articles.reviewState, 'open')))
    .returning({ id: articles.id })
    .get();
  if (moved) recordArticleEvent(tx, articleId, actorId, 'review_started', { cause }, at);
}

/** The rows of the latest finished second check still waiting for an editor's decision. */
function openPairs(db: Db, articleId: number): AgreementRow[] {
  const check = latestDoneCheck(db, articleId);
  return check ? computeAgreement(db, check, []).pairs.filter((p) => p.open) : [];
}

/** What blocks signing the article off, as the viewer sees its claims and verdicts. */
export function listBlockingItems(db: Db, viewer: Viewer, articleId: number): Result<BlockingItem[]> {
  const claims = listClaims(db, viewer, articleId);
  if (!claims.ok) return claims;
  const verdicts = listAnnotations(db, viewer, articleId);
  if (!verdicts.ok) return verdicts;
  return ok(
    blockingItems({
      claims: claims.value.claims,
      annotations: verdicts.value,
      secondCheck: secondCheckDto(db, latestSecondCheck(db, articleId)),
      // A pending second reviewer is not shown an earlier check's pairs (hidden verdicts); the
      // pending check blocks the sign-off anyway.
      openPairs: isBlindReviewer(db, viewer, articleId) ? [] : openPairs(db, articleId),
    }),
  );
}

/**
 * Signs the article off (editors and admins). When something blocks it (listBlockingItems) the
 * answer is 409 not_ready with `details.blocking`, unless a written reason is given: then it is
 * signed off anyway, and the reason and what it overrode are stored with the sign-off.
 */
export function signOff(db: Db, viewer: Viewer, articleId: number, input: { reason?: string }): Result<ReviewDto> {
  if (!isEditor(viewer)) return editorsOnly('sign articles off');
  const reason = input.reason?.trim() || null;
  const at = new Date();
  const done = db.transaction((tx): Result<null> => {
    // Read inside the write lock: no verdict can arrive between the check and the sign-off.
    const article = articleRow(tx, articleId);
    if (!article) return noArticle(articleId);
    if (article.archivedAt) return archived();
    if (article.reviewState === 'signed_off') return fail('conflict', 'This article is already signed off. Reopen it first to sign it off again.');
    const blocking = listBlockingItems(db, viewer, articleId);
    if (!blocking.ok) return blocking;
    if (blocking.value.length > 0 && !reason) {
      return fail('not_ready', `${blocking.value.length} ${blocking.value.length === 1 ? 'thing blocks' : 'things block'} the sign-off. Resolve ${blocking.value.length === 1 ? 'it' : 'them'}, or give a written reason to sign off anyway.`, { blocking: blocking.value });
    }
    tx.update(articles)
      .set({ reviewState: 'signed_off', signedOffBy: viewer.id, signedOffAt: at, signOffReason: reason, signOffOverridden: blocking.value })
      .where(eq(articles.id, articleId))
      .run();
    recordArticleEvent(tx, articleId, viewer.id, 'signed_off', { reason, overridden: blocking.value.length }, at);
    return ok(null);
  }, WRITE_TRANSACTION);
  return done.ok ? getReview(db, viewer, articleId) : done;
}

/** Puts a signed-off article back in review (editors and admins); 409 when it is not signed off. */
export function reopenReview(db: Db, viewer: Viewer, articleId: number, input: { reason?: string }): Result<ReviewDto> {
  if (!isEditor(viewer)) return editorsOnly('reopen a review');
  const at = new Date();
  const done = db.transaction((tx): Result<null> => {
    const article = articleRow(tx, articleId);
    if (!article) return noArticle(articleId);
    if (article.archivedAt) return archived();
    if (article.reviewState !== 'signed_off') return fail('conflict', 'This article is not signed off: there is nothing to reopen.');
    tx.update(articles).set({ reviewState: 'in_review', signedOffBy: null, signedOffAt: null, signOffReason: null, signOffOverridden: null }).where(eq(articles.id, articleId)).run();
    recordArticleEvent(tx, articleId, viewer.id, 'reopened', { cause: 'editor', reason: input.reason?.trim() || null }, at);
    return ok(null);
  }, WRITE_TRANSACTION);
  return done.ok ? getReview(db, viewer, articleId) : done;
}

/**
 * Asks a reviewer for an independent second check (editors and admins). From then until they are
 * done, they see none of the article's other verdicts and nobody sees theirs (visibility.ts).
 */
export function requestSecondCheck(db: Db, viewer: Viewer, articleId: number, input: { reviewerId: number }): Result<ReviewDto> {
  if (!isEditor(viewer)) return editorsOnly('request a second check');
  const reviewer = db.select().from(users).where(eq(users.id, input.reviewerId)).get();
  const at = new Date();
  const done = db.transaction((tx): Result<null> => {
    const article = articleRow(tx, articleId);
    if (!article) return noArticle(articleId);
    if (article.archivedAt) return archived();
    if (!reviewer) return fail('unprocessable', `There is no user with id ${input.reviewerId}.`, { userId: input.reviewerId });
    if (reviewer.disabled) return fail('unprocessable', `${reviewer.name} is disabled and cannot do a second check.`, { userId: reviewer.id });
    if (reviewer.id === viewer.id) return fail('unprocessable', 'An independent second check must be done by someone else than the editor who asks for it.', { userId: reviewer.id });
    if (article.reviewState === 'signed_off') return fail('conflict', 'This article is signed off. Reopen it before asking for a second check.');
    const pending = latestSecondCheck(tx, articleId);
    if (pending && pending.doneAt === null) return fail('conflict', 'A second check of this article is already under way. Wait until its reviewer is done.', { secondCheckId: pending.id });
    const own = tx
      .select({ n: sql<number>`count(*)` })
      .from(annotations)
      .where(and(eq(annotations.articleId, articleId), eq(annotations.authorId, reviewer.id), isNull(annotations.deletedAt)))
      .get()!.n;
    if (own > 0) {
      return fail('conflict', `${reviewer.name} already has ${own} ${own === 1 ? 'verdict' : 'verdicts'} on this article: an independent second check cannot start from one's own verdicts. Ask someone who has not checked it.`, {
        userId: reviewer.id,
      });
    }
    const row = tx.insert(secondChecks).values({ articleId, reviewerId: reviewer.id, requestedBy: viewer.id, requestedAt: at }).returning({ id: secondChecks.id }).get();
    recordArticleEvent(tx, articleId, viewer.id, 'second_check_requested', { secondCheckId: row.id, reviewerId: reviewer.id }, at);
    startReview(tx, articleId, viewer.id, 'second_check', at);
    return ok(null);
  }, WRITE_TRANSACTION);
  return done.ok ? getReview(db, viewer, articleId) : done;
}

/**
 * The second reviewer says they are done: the check is finished and every verdict of the article
 * is visible to everyone again (the revealed ones are touched, so open pages get them by polling).
 */
export function finishSecondCheck(db: Db, viewer: Viewer, articleId: number): Result<ReviewDto> {
  const at = new Date();
  const done = db.transaction((tx): Result<null> => {
    if (!articleRow(tx, articleId)) return noArticle(articleId);
    const pending = latestSecondCheck(tx, articleId);
    if (!pending || pending.doneAt !== null) return fail('not_found', 'This article has no second check under way.');
    if (pending.reviewerId !== viewer.id) return fail('forbidden', 'Only the second reviewer can say their second check is done.');
    tx.update(secondChecks).set({ doneAt: at }).where(eq(secondChecks.id, pending.id)).run();
    tx.update(annotations)
      .set({ blind: false, updatedAt: at })
      .where(and(eq(annotations.articleId, articleId), eq(annotations.blind, true)))
      .run();
    recordArticleEvent(tx, articleId, viewer.id, 'second_check_done', { secondCheckId: pending.id }, at);
    return ok(null);
  }, WRITE_TRANSACTION);
  return done.ok ? getReview(db, viewer, articleId) : done;
}

export interface AdjudicationInput {
  firstAnnotationId?: number;
  secondAnnotationId?: number;
  decision: AdjudicationDecision;
  /** The final status (decision `final` only). */
  status?: Status;
  /** The final note (decision `final`): replaces the kept verdict's note when given. */
  note?: string;
}

/** Which decisions fit which row: keeping one side needs that side; dropping is for a one-sided find. */
function checkDecision(pair: AgreementRow, input: AdjudicationInput): Result<null> {
  const { decision } = input;
  if (decision === 'final' && !input.status) return fail('unprocessable', 'A final verdict needs its status.');
  if (decision !== 'final' && input.status) return fail('unprocessable', `A status is given only with the decision "final" (not "${decision}").`);
  if (decision === 'keep_first' && !pair.first) return fail('unprocessable', 'Only the second check found this passage: there is no first verdict to keep.');
  if (decision === 'keep_second' && !pair.second) return fail('unprocessable', 'Only the first check found this passage: there is no second verdict to keep.');
  if (decision === 'drop' && pair.first && pair.second) return fail('unprocessable', 'Both checks found this passage: keep one verdict or set the final one (drop is for a passage one check found).');
  return ok(null);
}

/** Soft-deletes a verdict as an adjudication's outcome, with `adjudicated` and `deleted` in its history. */
function deleteByAdjudication(tx: Tx, id: number, actorId: number, decision: AdjudicationDecision, at: Date) {
  tx.update(annotations)
    .set({ deletedAt: at, updatedAt: at, version: sql`${annotations.version} + 1` })
    .where(and(eq(annotations.id, id), isNull(annotations.deletedAt)))
    .run();
  recordEvent(tx, id, actorId, 'adjudicated', decision, 'deleted', at);
  recordEvent(tx, id, actorId, 'deleted', null, null, at);
}

/**
 * An editor's decision on a disagreement or a one-sided passage of the latest finished second
 * check: keep the first verdict, keep the second, set the final status (and note) on the first
 * (or the only) one, or drop a one-sided verdict. The verdicts not kept are soft-deleted; both
 * originals stay in the history. Agreeing or already decided rows are refused (409); verdicts that
 * are not a row of the agreement, 422.
 */
export function adjudicate(db: Db, viewer: Viewer, articleId: number, input: AdjudicationInput): Result<AgreementView> {
  if (!isEditor(viewer)) return editorsOnly('adjudicate a second check');
  if (isBlindReviewer(db, viewer, articleId)) return blindRefusal();
  const at = new Date();
  const done = db.transaction((tx): Result<null> => {
    const article = articleRow(tx, articleId);
    if (!article) return noArticle(articleId);
    if (article.archivedAt) return archived();
    const check = latestDoneCheck(tx, articleId);
    if (!check) return fail('conflict', 'This article has no finished second check to adjudicate.');
    const first = input.firstAnnotationId ?? null;
    const second = input.secondAnnotationId ?? null;
    if (first === null && second === null) return fail('bad_request', 'Name the verdicts of the row: firstAnnotationId, secondAnnotationId or both.');
    const pair = computeAgreement(tx, check, []).pairs.find((p) => (p.first?.annotationId ?? null) === first && (p.second?.annotationId ?? null) === second);
    if (!pair) {
      return fail('unprocessable', `Verdicts ${[first, second].filter((id) => id !== null).join(' and ')} are not a row of this article's agreement. Name both verdicts of a pair, or the one verdict of a passage found by one check only.`);
    }
    if (pair.outcome === 'agree') return fail('conflict', 'Both checks agree on this passage: there is nothing to adjudicate.');
    if (pair.adjudication) return fail('conflict', `This row was already adjudicated by ${pair.adjudication.by.name}.`, { adjudication: pair.adjudication });
    if (!pair.open) return fail('conflict', 'A verdict of this row has been deleted since: it needs no decision.');
    const fits = checkDecision(pair, input);
    if (!fits.ok) return fits;
    const { decision } = input;
    const kept = decision === 'keep_first' || decision === 'final' ? (pair.first ?? pair.second) : decision === 'keep_second' ? pair.second : null;
    for (const v of [pair.first, pair.second]) {
      if (v && v.annotationId !== kept?.annotationId) deleteByAdjudication(tx, v.annotationId, viewer.id, decision, at);
    }
    if (kept) {
      const row = tx.select().from(annotations).where(eq(annotations.id, kept.annotationId)).get()!;
      const status = decision === 'final' ? input.status! : row.status;
      const note = decision === 'final' && input.note !== undefined && input.note.trim() !== '' ? input.note : row.note;
      if (status !== row.status || note !== row.note) {
        tx.update(annotations).set({ status, note, updatedAt: at, version: sql`${annotations.version} + 1` }).where(eq(annotations.id, row.id)).run();
        if (status !== row.status) recordEvent(tx, row.id, viewer.id, 'status_changed', row.status, status, at);
        if (note !== row.note) recordEvent(tx, row.id, viewer.id, 'note_edited', row.note, note, at);
      }
      recordEvent(tx, row.id, viewer.id, 'adjudicated', decision, 'kept', at);
    }
    tx.insert(adjudications)
      .values({ secondCheckId: check.id, firstAnnotationId: first, secondAnnotationId: second, decision, status: decision === 'final' ? input.status! : null, note: input.note?.trim() ?? '', decidedBy: viewer.id, decidedAt: at })
      .run();
    recordArticleEvent(tx, articleId, viewer.id, 'adjudicated', { secondCheckId: check.id, firstAnnotationId: first, secondAnnotationId: second, decision, status: input.status ?? null }, at);
    if (decision !== 'keep_first' || pair.second) noteReviewActivity(tx, articleId, viewer.id, 'verdict_changed', at);
    return ok(null);
  }, WRITE_TRANSACTION);
  return done.ok ? getAgreement(db, viewer, articleId) : done;
}
