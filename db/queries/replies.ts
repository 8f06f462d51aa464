// Replies: the discussion thread under each annotation. A reply is visible exactly when its
// annotation is (live, and not hidden by a pending blind second check — visibleTo in every WHERE
// clause); anyone who sees an annotation may reply, and only the reply's author or an admin may
// edit or delete it (that rule is in the UPDATE's WHERE clause). Each write touches its
// annotation's `updated_at` (not its version), so polling clients (changes-since) get the
// annotation again with its new `replyCount`; the reply, that touch, the history event and a
// reopened review commit in one transaction.
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { fail, ok, type Result } from '../../lib/errors';
import type { ReplyDto } from '../../lib/replies/types';
import type { Viewer } from '../../lib/viewer';
import type { WriteBase } from '../../lib/annotations/input';
import { WRITE_TRANSACTION, type Db, type Tx } from '../client';
import { annotationReplies, annotations, articles, users, type ReplyRow } from '../schema';
import { recordEvent } from './annotations';
import { noteReviewActivity } from './review-state';
import { visibleTo } from './visibility';

/** A checked reply (lib/replies/input.ts): trimmed, 1–10,000 code points. */
export interface NewReply {
  body: string;
  /** Ask for the signed-off article to go back to review. */
  reopens?: boolean;
}

function toDto(row: ReplyRow, authorName: string): ReplyDto {
  return {
    id: row.id,
    annotationId: row.annotationId,
    body: row.body,
    author: { id: row.authorId, name: authorName },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    reopens: row.reopens,
  };
}

/** The annotation is live and the viewer may see it (the blind second-check rule). */
const liveVisible = (viewer: Viewer, annotationId: number) => and(eq(annotations.id, annotationId), isNull(annotations.deletedAt), visibleTo(viewer));

/**
 * A live reply whose annotation is live and visible to the viewer. The annotation is looked up in
 * a subquery, so the same condition guards reads and the UPDATE of the reply's own row.
 */
const replyVisible = (viewer: Viewer, id: number) =>
  and(
    eq(annotationReplies.id, id),
    isNull(annotationReplies.deletedAt),
    sql`exists (select 1 from ${annotations} where ${annotations.id} = ${annotationReplies.annotationId} and ${annotations.deletedAt} is null and ${visibleTo(viewer)})`,
  );

/** The viewer may change the reply: its author, or any admin. Used inside WHERE clauses. */
function mayChange(viewer: Viewer): SQL | undefined {
  return viewer.role === 'admin' ? undefined : eq(annotationReplies.authorId, viewer.id);
}

const notFound = (what: string, id: number) => fail<never>('not_found', `No ${what} with id ${id}.`);
const archived = () => fail<never>('archived', 'This article is archived and read-only. Unarchive it to reply.');

/** The thread of a live annotation the viewer may see, oldest first. */
export function listReplies(db: Db, viewer: Viewer, annotationId: number): Result<ReplyDto[]> {
  const found = db.select({ id: annotations.id }).from(annotations).where(liveVisible(viewer, annotationId)).get();
  if (!found) return notFound('annotation', annotationId);
  const rows = db
    .select({ r: annotationReplies, authorName: users.name })
    .from(annotationReplies)
    .innerJoin(users, eq(users.id, annotationReplies.authorId))
    .where(and(eq(annotationReplies.annotationId, annotationId), isNull(annotationReplies.deletedAt)))
    .orderBy(asc(annotationReplies.id))
    .all();
  return ok(rows.map((r) => toDto(r.r, r.authorName)));
}

/**
 * Live replies of many annotations, oldest first per annotation (for reports). Only replies of
 * annotations the viewer may see are read — pass the ids of a blind-filtered list; the rule is
 * applied again here, so a hidden verdict's thread never leaks.
 */
export function listRepliesFor(db: Db, viewer: Viewer, annotationIds: number[]): Map<number, ReplyDto[]> {
  const map = new Map<number, ReplyDto[]>();
  // SQLite caps bound parameters; chunk large lists.
  for (let i = 0; i < annotationIds.length; i += 900) {
    const rows = db
      .select({ r: annotationReplies, authorName: users.name })
      .from(annotationReplies)
      .innerJoin(annotations, eq(annotations.id, annotationReplies.annotationId))
      .innerJoin(users, eq(users.id, annotationReplies.authorId))
      .where(and(inArray(annotationReplies.annotationId, annotationIds.slice(i, i + 900)), isNull(annotationReplies.deletedAt), isNull(annotations.deletedAt), visibleTo(viewer)))
      .orderBy(asc(annotationReplies.annotationId), asc(annotationReplies.id))
      .all();
    for (const { r, authorName } of rows) {
      const list = map.get(r.annotationId) ?? [];
      list.push(toDto(r, authorName));
      map.set(r.annotationId, list);
    }
  }
  return map;
}

/** A live reply whose annotation the viewer may see. */
export function getReply(db: Db, viewer: Viewer, id: number): Result<ReplyDto> {
  const row = db
    .select({ r: annotationReplies, authorName: users.name })
    .from(annotationReplies)
    .innerJoin(users, eq(users.id, annotationReplies.authorId))
    .where(replyVisible(viewer, id))
    .get();
  return row ? ok(toDto(row.r, row.authorName)) : notFound('reply', id);
}

/** The annotation shows the change to polling clients: its updated_at moves, its version does not. */
function touchAnnotation(tx: Tx, annotationId: number, at: Date) {
  tx.update(annotations).set({ updatedAt: at }).where(eq(annotations.id, annotationId)).run();
}

/**
 * A reply to a live annotation the viewer may see (404 otherwise; 409 `archived` on an archived
 * article). With `reopens`, a signed-off article goes back to review in the same transaction, and
 * the stored reply says it did.
 */
export function createReply(db: Db, viewer: Viewer, annotationId: number, input: NewReply): Result<ReplyDto> {
  const at = new Date();
  const outcome = db.transaction((tx): Result<number> => {
    const target = tx
      .select({ articleId: annotations.articleId, archivedAt: articles.archivedAt, reviewState: articles.reviewState })
      .from(annotations)
      .innerJoin(articles, eq(articles.id, annotations.articleId))
      .where(liveVisible(viewer, annotationId))
      .get();
    if (!target) return notFound('annotation', annotationId);
    if (target.archivedAt) return archived();
    // Only a signed-off article can be reopened; asked of any other, the reply is just a reply.
    const reopens = input.reopens === true && target.reviewState === 'signed_off';
    const row = tx
      .insert(annotationReplies)
      .values({ annotationId, authorId: viewer.id, body: input.body, reopens, createdAt: at, updatedAt: at })
      .returning({ id: annotationReplies.id })
      .get();
    touchAnnotation(tx, annotationId, at);
    recordEvent(tx, annotationId, viewer.id, 'reply_added', null, input.body, at);
    if (reopens) noteReviewActivity(tx, target.articleId, viewer.id, 'reply', at);
    return ok(row.id);
  }, WRITE_TRANSACTION);
  return outcome.ok ? getReply(db, viewer, outcome.value) : outcome;
}

/**
 * The one path of every change to a reply, in one write transaction: the reply is read only if
 * the viewer may see it and change it (author or admin, in the WHERE clause); its article must not
 * be archived and the version named must be the stored one. `write` then changes the row with the
 * same WHERE clause; any refusal leaves everything as it was.
 */
function changeReply(db: Db, viewer: Viewer, id: number, base: WriteBase, write: (tx: Tx, current: ReplyRow, mine: SQL, at: Date) => boolean): Result<null> {
  // The same condition guards the read and the write: the permission is in the UPDATE too.
  const mine = and(replyVisible(viewer, id), mayChange(viewer))!;
  const at = new Date();
  const outcome = db.transaction((tx): Result<null> | null => {
    const found = tx
      .select({ r: annotationReplies, archivedAt: articles.archivedAt, authorName: users.name })
      .from(annotationReplies)
      .innerJoin(annotations, eq(annotations.id, annotationReplies.annotationId))
      .innerJoin(articles, eq(articles.id, annotations.articleId))
      .innerJoin(users, eq(users.id, annotationReplies.authorId))
      .where(mine)
      .get();
    if (!found) return null;
    if (found.archivedAt) return archived();
    if (base.version !== undefined && base.version !== found.r.version) {
      return fail('edit_conflict', `Someone else changed this reply (now version ${found.r.version}; you edited version ${base.version}). Review their change, then apply yours again.`, {
        current: toDto(found.r, found.authorName),
      });
    }
    if (write(tx, found.r, mine, at)) touchAnnotation(tx, found.r.annotationId, at);
    return ok(null);
  }, WRITE_TRANSACTION);
  if (outcome) return outcome;
  // Refused: say why without showing what the viewer may not see.
  const visible = db.select({ id: annotationReplies.id }).from(annotationReplies).where(replyVisible(viewer, id)).get();
  return visible ? fail('forbidden', 'Only the author of this reply or an admin can change it.') : notFound('reply', id);
}

/** Edits a reply's text (its author or an admin); the same text again changes nothing. */
export function updateReply(db: Db, viewer: Viewer, id: number, body: string, base: WriteBase = {}): Result<ReplyDto> {
  const done = changeReply(db, viewer, id, base, (tx, current, mine, at) => {
    if (current.body === body) return false;
    tx.update(annotationReplies)
      .set({ body, updatedAt: at, version: sql`${annotationReplies.version} + 1` })
      .where(mine)
      .run();
    recordEvent(tx, current.annotationId, viewer.id, 'reply_edited', current.body, body, at);
    return true;
  });
  return done.ok ? getReply(db, viewer, id) : done;
}

/** Deletes a reply (its author or an admin): kept in the table and the annotation's history. */
export function deleteReply(db: Db, viewer: Viewer, id: number, base: WriteBase = {}): Result<null> {
  return changeReply(db, viewer, id, base, (tx, current, mine, at) => {
    tx.update(annotationReplies)
      .set({ deletedAt: at, updatedAt: at, version: sql`${annotationReplies.version} + 1` })
      .where(mine)
      .run();
    recordEvent(tx, current.annotationId, viewer.id, 'reply_deleted', current.body, null, at);
    return true;
  });
}
