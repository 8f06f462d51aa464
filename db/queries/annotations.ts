// Annotations: verdicts on passages, their sources and their audit trail.
// Every read is open to any signed-in reviewer except what a pending blind second check hides
// (db/queries/visibility.ts, in each WHERE clause); a change is allowed to the author or an admin,
// and that rule is part of the UPDATE's WHERE clause. Each mutation, its history events and the
// review state it moves are written in one transaction, so a rejected request changes nothing.
import { and, asc, eq, gt, gte, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AnnotationDto, AnnotationEventDto, AnnotationSource } from '../../lib/annotations/types';
import type { CheckedNewAnnotation, CheckedPatch, CheckedReconfirmation, WriteBase } from '../../lib/annotations/input';
import type { Status } from '../../lib/annotations/status';
import { fail, ok, type Result } from '../../lib/errors';
import { toPage, type Page, type PageRequest } from '../../lib/paging';
import type { Viewer } from '../../lib/viewer';
import type { ReopenCause } from '../../lib/review/types';
import { WRITE_TRANSACTION, type Db, type Tx } from '../client';
import { placeholders, prepared } from '../prepared';
import { annotationEvents, annotationReplies, annotationSources, annotations, articles, users, type AnnotationEventRow, type AnnotationRow, type EventType } from '../schema';
import { noteReviewActivity } from './review-state';
import { blindParam, isBlindReviewer, visibleInArticle, visibleInArticlePrepared, visibleTo } from './visibility';

export type { Tx };

/** A checked create or patch request (lib/annotations/input.ts decides what is valid). */
export type NewAnnotation = CheckedNewAnnotation;
export type AnnotationPatch = CheckedPatch;

const nowMs = () => new Date();

/** The viewer may change the row: the author, or any admin. Used inside WHERE clauses. */
function mayChange(viewer: Viewer): SQL | undefined {
  return viewer.role === 'admin' ? undefined : eq(annotations.authorId, viewer.id);
}

function sourcesByAnnotation(db: Db, ids: number[]): Map<number, AnnotationSource[]> {
  const map = new Map<number, AnnotationSource[]>();
  if (ids.length === 0) return map;
  // SQLite caps bound parameters; chunk large lists.
  for (let i = 0; i < ids.length; i += 900) {
    const rows = db
      .select()
      .from(annotationSources)
      .where(inArray(annotationSources.annotationId, ids.slice(i, i + 900)))
      .orderBy(asc(annotationSources.annotationId), asc(annotationSources.position))
      .all();
    for (const r of rows) {
      const list = map.get(r.annotationId) ?? [];
      list.push({ url: r.url, title: r.title });
      map.set(r.annotationId, list);
    }
  }
  return map;
}

/** Where the annotation stands in the current revision (null offsets once its passage was removed). */
export function anchorOf(row: Pick<AnnotationRow, 'revision' | 'anchorState' | 'previousExact' | 'previousRevision'>): AnnotationDto['anchor'] {
  return {
    revision: row.revision,
    state: row.anchorState,
    ...(row.previousExact !== null ? { previousExact: row.previousExact } : {}),
    ...(row.previousRevision !== null ? { previousRevision: row.previousRevision } : {}),
  };
}

/** Live replies of the row, read in the same statement. */
export const replyCount = sql<number>`(select count(*) from ${annotationReplies} where ${annotationReplies.annotationId} = ${annotations.id} and ${annotationReplies.deletedAt} is null)`;

function toDto(row: AnnotationRow, authorName: string, sources: AnnotationSource[], replies: number): AnnotationDto {
  const removed = row.anchorState === 'removed';
  return {
    id: row.id,
    articleId: row.articleId,
    status: row.status,
    start: removed ? null : row.start,
    end: removed ? null : row.end,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    note: row.note,
    sources,
    author: { id: row.authorId, name: authorName },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    anchor: anchorOf(row),
    replyCount: replies,
    secondCheck: row.secondCheck,
  };
}

/** Document order, with removed passages (no place in the text) last. */
export const documentOrder = [asc(sql`${annotations.anchorState} = 'removed'`), asc(annotations.start), asc(annotations.end), asc(annotations.id)];

function articleExists(db: Db, articleId: number): boolean {
  return db.select({ id: articles.id }).from(articles).where(eq(articles.id, articleId)).get() !== undefined;
}

export interface AnnotationFilter {
  /** Any of these statuses (all when empty or left out). */
  statuses?: Status[];
  authorId?: number;
}

/** The article's live annotations the viewer may see, filtered. */
function liveInArticle(db: Db, viewer: Viewer, articleId: number, filter: AnnotationFilter): SQL | undefined {
  return and(
    eq(annotations.articleId, articleId),
    isNull(annotations.deletedAt),
    visibleInArticle(db, viewer, articleId),
    filter.statuses?.length ? inArray(annotations.status, filter.statuses) : undefined,
    filter.authorId ? eq(annotations.authorId, filter.authorId) : undefined,
  );
}

function withSources(db: Db, rows: { a: AnnotationRow; authorName: string; replies: number }[]): AnnotationDto[] {
  const sources = sourcesByAnnotation(
    db,
    rows.map((r) => r.a.id),
  );
  return rows.map((r) => toDto(r.a, r.authorName, sources.get(r.a.id) ?? [], r.replies));
}

/** Every live annotation of an article in document order (start, end, id), for reports and claims. */
export function listAnnotations(db: Db, viewer: Viewer, articleId: number, filter: AnnotationFilter = {}): Result<AnnotationDto[]> {
  if (!articleExists(db, articleId)) return fail('not_found', `No article with id ${articleId}.`);
  const rows = db
    .select({ a: annotations, authorName: users.name, replies: replyCount })
    .from(annotations)
    .innerJoin(users, eq(users.id, annotations.authorId))
    .where(liveInArticle(db, viewer, articleId, filter))
    .orderBy(...documentOrder)
    .all();
  return ok(withSources(db, rows));
}

/** Where the next page of an article's annotations starts: after this one in document order. */
export const annotationCursorSchema = z.object({ removed: z.boolean(), start: z.number().int(), end: z.number().int(), id: z.number().int() });
export type AnnotationCursor = z.infer<typeof annotationCursorSchema>;

/**
 * A page of an article's live annotations in document order: placed ones by (start, end, id),
 * then removed ones. Each part is a search of annotations_live_order_idx from the cursor on.
 */
export function listAnnotationsPage(db: Db, viewer: Viewer, articleId: number, filter: AnnotationFilter, page: PageRequest<AnnotationCursor>): Result<Page<AnnotationDto, AnnotationCursor>> {
  if (!articleExists(db, articleId)) return fail('not_found', `No article with id ${articleId}.`);
  const where = liveInArticle(db, viewer, articleId, filter);
  const { after } = page;
  const part = (removed: boolean, limit: number) =>
    db
      .select({ a: annotations, authorName: users.name, replies: replyCount })
      .from(annotations)
      .innerJoin(users, eq(users.id, annotations.authorId))
      .where(
        and(
          where,
          sql`(${annotations.anchorState} = 'removed') = ${removed ? 1 : 0}`,
          after && after.removed === removed ? sql`(${annotations.start}, ${annotations.end}, ${annotations.id}) > (${after.start}, ${after.end}, ${after.id})` : undefined,
        ),
      )
      .orderBy(asc(annotations.start), asc(annotations.end), asc(annotations.id))
      .limit(limit)
      .all();
  const placed = after?.removed ? [] : part(false, page.limit + 1);
  const rows = placed.length > page.limit ? placed : [...placed, ...part(true, page.limit + 1 - placed.length)];
  const { items, next } = toPage(rows, page.limit, (r) => ({ removed: r.a.anchorState === 'removed', start: r.a.start, end: r.a.end, id: r.a.id }));
  return ok({ items: withSources(db, items), next });
}

export interface AnnotationChanges {
  annotations: AnnotationDto[];
  deleted: number[];
  /** Pass back as `since` to get what changed after this answer. */
  cursor: number;
  /** The article's current revision: a page showing an older one must reload its text. */
  revision: number;
}

// Every open article page asks this every few seconds (components/use-annotation-polling.ts).
const changes = prepared((db) => ({
  article: db
    .select({ revision: articles.revision })
    .from(articles)
    .where(eq(articles.id, sql.placeholder('articleId')))
    .prepare(),
  // `since` in ms: a placeholder in a WHERE clause is bound as it is given.
  rows: db
    .select({ a: annotations, authorName: users.name, replies: replyCount })
    .from(annotations)
    .innerJoin(users, eq(users.id, annotations.authorId))
    .where(and(eq(annotations.articleId, sql.placeholder('articleId')), gte(annotations.updatedAt, sql.placeholder('since')), visibleInArticlePrepared))
    .orderBy(...documentOrder)
    .prepare(),
}));

/** What changed in an article's annotations at or after `since` (ms), for polling clients. */
export function listAnnotationChanges(db: Db, viewer: Viewer, articleId: number, since: number): Result<AnnotationChanges> {
  const queries = changes(db);
  const article = queries.article.get({ articleId });
  if (!article) return fail('not_found', `No article with id ${articleId}.`);
  const rows = queries.rows.all({ articleId, since, blind: blindParam(db, viewer, articleId) });
  const live = rows.filter((r) => r.a.deletedAt === null);
  const sources = sourcesByAnnotation(
    db,
    live.map((r) => r.a.id),
  );
  const cursor = rows.reduce((max, r) => Math.max(max, r.a.updatedAt.getTime()), since);
  return ok({
    annotations: live.map((r) => toDto(r.a, r.authorName, sources.get(r.a.id) ?? [], r.replies)),
    deleted: rows.filter((r) => r.a.deletedAt !== null).map((r) => r.a.id),
    cursor,
    revision: article.revision,
  });
}

const liveById = prepared((db) =>
  db
    .select({ a: annotations, authorName: users.name, replies: replyCount })
    .from(annotations)
    .innerJoin(users, eq(users.id, annotations.authorId))
    .where(and(eq(annotations.id, sql.placeholder('id')), isNull(annotations.deletedAt), visibleTo({ id: sql.placeholder('viewerId') })))
    .prepare(),
);

/** A live annotation the viewer may see (a blind second check hides some). */
function getLive(db: Db | Tx, viewer: Viewer, id: number) {
  return liveById(db).get({ id, viewerId: viewer.id });
}

const sourcesById = prepared((db) =>
  db
    .select({ url: annotationSources.url, title: annotationSources.title })
    .from(annotationSources)
    .where(eq(annotationSources.annotationId, sql.placeholder('id')))
    .orderBy(asc(annotationSources.position))
    .prepare(),
);

/** One annotation's sources in their order. */
function sourcesOf(db: Db | Tx, id: number): AnnotationSource[] {
  return sourcesById(db).all({ id });
}

/** The article a live annotation the viewer may see belongs to. */
export function getAnnotationArticle(db: Db, viewer: Viewer, id: number): number | undefined {
  return db
    .select({ articleId: annotations.articleId })
    .from(annotations)
    .where(and(eq(annotations.id, id), isNull(annotations.deletedAt), visibleTo(viewer)))
    .get()?.articleId;
}

export function getAnnotation(db: Db, viewer: Viewer, id: number): Result<AnnotationDto> {
  const found = getLive(db, viewer, id);
  if (!found) return fail('not_found', `No annotation with id ${id}.`);
  return ok(toDto(found.a, found.authorName, sourcesOf(db, id), found.replies));
}

const insertEvent = prepared((db) => db.insert(annotationEvents).values(placeholders('annotationId', 'actorId', 'type', 'fromValue', 'toValue', 'createdAt')).prepare());

export function recordEvent(tx: Tx, annotationId: number, actorId: number, type: EventType, fromValue: string | null, toValue: string | null, at: Date) {
  insertEvent(tx).run({ annotationId, actorId, type, fromValue, toValue, createdAt: at });
}

const sourceWrites = prepared((db) => ({
  clear: db.delete(annotationSources).where(eq(annotationSources.annotationId, sql.placeholder('annotationId'))).prepare(),
  insert: db.insert(annotationSources).values(placeholders('annotationId', 'url', 'title', 'position')).prepare(),
}));

function writeSources(tx: Tx, annotationId: number, sources: AnnotationSource[]) {
  const write = sourceWrites(tx);
  write.clear.run({ annotationId });
  sources.forEach((s, position) => write.insert.run({ annotationId, url: s.url, title: s.title, position }));
}

/** 409 when a write names a revision other than the article's current one. */
export function checkRevision(current: number, named: number | undefined): Result<null> {
  if (named === undefined || named === current) return ok(null);
  return fail('revision_conflict', `This article is now at revision ${current}; the change was made on revision ${named}. Reload the article and try again.`, { currentRevision: current });
}

interface ArticleState {
  revision: number;
  archivedAt: Date | null;
}

/** An annotation may be written when its article is not archived (read-only) and the write names its current revision. */
function checkWritable(article: ArticleState, named: number | undefined): Result<null> {
  if (article.archivedAt) return fail('archived', 'This article is archived and read-only. Unarchive it to change its annotations.');
  return checkRevision(article.revision, named);
}

const articleState = { revision: articles.revision, archivedAt: articles.archivedAt };

const creation = prepared((db) => ({
  article: db.select(articleState).from(articles).where(eq(articles.id, sql.placeholder('articleId'))).prepare(),
  insert: db
    .insert(annotations)
    .values(placeholders('articleId', 'authorId', 'secondCheck', 'blind', 'status', 'start', 'end', 'exact', 'prefix', 'suffix', 'note', 'revision', 'createdAt', 'updatedAt'))
    .returning({ id: annotations.id })
    .prepare(),
}));

/** Creates an annotation on the article's current revision (`revision` is the one the offsets were taken in). */
export function createAnnotation(db: Db, viewer: Viewer, articleId: number, input: NewAnnotation, revision?: number): Result<AnnotationDto> {
  const queries = creation(db);
  const article = queries.article.get({ articleId });
  if (!article) return fail('not_found', `No article with id ${articleId}.`);
  const writable = checkWritable(article, revision);
  if (!writable.ok) return writable;
  const at = nowMs();
  const id = db.transaction((tx) => {
    // A pending second reviewer's verdicts are theirs alone until they are done.
    const blind = isBlindReviewer(tx, viewer, articleId);
    const row = queries.insert.get({
      articleId,
      authorId: viewer.id,
      secondCheck: blind,
      blind,
      status: input.status,
      start: input.start,
      end: input.end,
      exact: input.exact,
      prefix: input.prefix,
      suffix: input.suffix,
      note: input.note,
      revision: article.revision,
      createdAt: at,
      updatedAt: at,
    })!;
    writeSources(tx, row.id, input.sources);
    recordEvent(tx, row.id, viewer.id, 'created', null, input.status, at);
    for (const s of input.sources) recordEvent(tx, row.id, viewer.id, 'source_added', null, s.url, at);
    if (input.note) recordEvent(tx, row.id, viewer.id, 'note_edited', null, input.note, at);
    noteReviewActivity(tx, articleId, viewer.id, 'verdict_created', at);
    return row.id;
  }, WRITE_TRANSACTION);
  return getAnnotation(db, viewer, id);
}

/** 404 when the annotation is unknown or deleted, 403 when it is someone else's. */
function refuse(db: Db, viewer: Viewer, id: number): Result<never> {
  return getLive(db, viewer, id) ? fail('forbidden', 'Only the author of this annotation or an admin can change it.') : fail('not_found', `No annotation with id ${id}.`);
}

const sourceKey = (s: AnnotationSource) => `${s.url}\u0000${s.title ?? ''}`;

/** Source events from one list to the next, counting duplicates (the same source added twice is an addition). */
function sourceEvents(before: AnnotationSource[], after: AnnotationSource[]): [EventType, string | null, string | null][] {
  const events: [EventType, string | null, string | null][] = [];
  const left = new Map<string, number>();
  for (const s of after) left.set(sourceKey(s), (left.get(sourceKey(s)) ?? 0) + 1);
  for (const s of before) {
    const n = left.get(sourceKey(s)) ?? 0;
    if (n > 0) left.set(sourceKey(s), n - 1);
    else events.push(['source_removed', s.url, null]);
  }
  const kept = new Map<string, number>();
  for (const s of before) kept.set(sourceKey(s), (kept.get(sourceKey(s)) ?? 0) + 1);
  for (const s of after) {
    const n = kept.get(sourceKey(s)) ?? 0;
    if (n > 0) kept.set(sourceKey(s), n - 1);
    else events.push(['source_added', null, s.url]);
  }
  const order = (list: AnnotationSource[]) => list.map(sourceKey).join('\n');
  if (events.length === 0 && order(before) !== order(after)) events.push(['sources_reordered', before.map((s) => s.url).join('\n'), after.map((s) => s.url).join('\n')]);
  return events;
}

/** 409 edit_conflict when the client edited an older version than the stored one. */
function checkVersion(db: Db | Tx, current: AnnotationRow, expected: number | undefined): Result<null> {
  if (expected === undefined || expected === current.version) return ok(null);
  const author = db.select({ name: users.name }).from(users).where(eq(users.id, current.authorId)).get();
  const sources = sourcesOf(db, current.id);
  const replies = db.select({ n: sql<number>`count(*)` }).from(annotationReplies).where(and(eq(annotationReplies.annotationId, current.id), isNull(annotationReplies.deletedAt))).get()?.n ?? 0;
  return fail('edit_conflict', `Someone else changed this annotation (now version ${current.version}; you edited version ${expected}). Review their change, then apply yours again.`, {
    current: toDto(current, author?.name ?? '', sources, replies),
  });
}

/** The article an annotation belongs to, to check a write against (archived, current revision). */
function articleOf(tx: Tx, annotationId: number): ArticleState & { id: number } {
  return tx.select({ ...articleState, id: articles.id }).from(annotations).innerJoin(articles, eq(articles.id, annotations.articleId)).where(eq(annotations.id, annotationId)).get()!;
}

/**
 * The one path of every change to an existing annotation, in one write transaction: the row is
 * read only if the viewer may change it (author or admin, in the WHERE clause), its article must
 * be writable at the revision named, and the version named must be the stored one. Then `write`
 * makes the change and its history events; any refusal leaves everything as it was.
 */
function changeAnnotation<T>(db: Db, viewer: Viewer, id: number, base: WriteBase, cause: ReopenCause, write: (tx: Tx, current: AnnotationRow, mine: SQL) => Result<T | 'unchanged'>): Result<T | 'unchanged'> {
  // The permission is in every statement's WHERE clause, the read and the write alike.
  const mine = and(eq(annotations.id, id), isNull(annotations.deletedAt), mayChange(viewer), visibleTo(viewer))!;
  const outcome = db.transaction((tx): Result<T | 'unchanged'> | null => {
    const current = tx.select().from(annotations).where(mine).get();
    if (!current) return null;
    const article = articleOf(tx, id);
    const writable = checkWritable(article, base.revision);
    if (!writable.ok) return writable;
    const fresh = checkVersion(tx, current, base.version);
    if (!fresh.ok) return fresh;
    const written = write(tx, current, mine);
    if (written.ok && written.value !== 'unchanged') noteReviewActivity(tx, article.id, viewer.id, cause, nowMs());
    return written;
  }, WRITE_TRANSACTION);
  return outcome ?? refuse(db, viewer, id);
}

/** Bumps the row's version and updatedAt with the change (only the author or an admin gets here). */
const touched = (at: Date) => ({ updatedAt: at, version: sql`${annotations.version} + 1` });

export function updateAnnotation(db: Db, viewer: Viewer, id: number, patch: AnnotationPatch, base: WriteBase = {}): Result<AnnotationDto> {
  const at = nowMs();
  const changed = changeAnnotation(db, viewer, id, base, 'verdict_changed', (tx, current, mine) => {
    const events: [EventType, string | null, string | null][] = [];
    if (patch.status !== undefined && patch.status !== current.status) events.push(['status_changed', current.status, patch.status]);
    if (patch.note !== undefined && patch.note !== current.note) events.push(['note_edited', current.note, patch.note]);
    if (patch.sources !== undefined) {
      const changes = sourceEvents(sourcesOf(tx, id), patch.sources);
      if (changes.length) writeSources(tx, id, patch.sources);
      events.push(...changes);
    }
    if (events.length === 0) return ok('unchanged' as const);
    tx.update(annotations)
      .set({ status: patch.status ?? current.status, note: patch.note ?? current.note, ...touched(at) })
      .where(mine)
      .run();
    for (const [type, from, to] of events) recordEvent(tx, id, viewer.id, type, from, to, at);
    return ok(null);
  });
  return changed.ok ? getAnnotation(db, viewer, id) : changed;
}

export function deleteAnnotation(db: Db, viewer: Viewer, id: number, base: WriteBase = {}): Result<null> {
  const at = nowMs();
  const done = changeAnnotation(db, viewer, id, base, 'verdict_deleted', (tx, _current, mine) => {
    tx.update(annotations)
      .set({ deletedAt: at, ...touched(at) })
      .where(mine)
      .run();
    recordEvent(tx, id, viewer.id, 'deleted', null, null, at);
    return ok(null);
  });
  return done.ok ? ok(null) : done;
}

/**
 * A reviewer re-confirms a verdict a revision moved, made stale or removed: on its words in the
 * current text (keeping or changing the status), or re-attached to a new passage (required for a
 * removed one). The anchor is then `unchanged`; the `reconfirmed` event keeps what it was.
 */
export function reconfirmAnnotation(db: Db, viewer: Viewer, id: number, input: CheckedReconfirmation, base: WriteBase = {}): Result<AnnotationDto> {
  const at = nowMs();
  const done = changeAnnotation(db, viewer, id, base, 'verdict_changed', (tx, current, mine) => {
    if (current.anchorState === 'unchanged' && !input.range) return fail('unprocessable', 'This verdict was not changed by a revision: there is nothing to re-confirm.');
    if (current.anchorState === 'removed' && !input.range) {
      return fail('unprocessable', 'The passage of this verdict was removed: select the words to re-attach it to, or delete it.');
    }
    const status = input.status ?? current.status;
    const range = input.range ?? { start: current.start, end: current.end, exact: current.exact, prefix: current.prefix, suffix: current.suffix };
    tx.update(annotations)
      .set({ ...range, status, anchorState: 'unchanged', previousExact: null, previousRevision: null, ...touched(at) })
      .where(mine)
      .run();
    if (status !== current.status) recordEvent(tx, id, viewer.id, 'status_changed', current.status, status, at);
    recordEvent(tx, id, viewer.id, 'reconfirmed', current.anchorState, status, at);
    return ok(null);
  });
  return done.ok ? getAnnotation(db, viewer, id) : done;
}

/** Where the next page of a history starts: after this event. */
export const historyCursorSchema = z.object({ id: z.number().int() });
export type HistoryCursor = z.infer<typeof historyCursorSchema>;

/** The annotation, if the viewer may see it (also a deleted one: its trail is kept). */
function historyVisible(db: Db, viewer: Viewer, id: number): boolean {
  return db.select({ id: annotations.id }).from(annotations).where(and(eq(annotations.id, id), visibleTo(viewer))).get() !== undefined;
}

/** An annotation's whole history, oldest first (also for deleted annotations: the trail is kept). */
export function listAnnotationHistory(db: Db, viewer: Viewer, id: number): Result<AnnotationEventDto[]> {
  if (!historyVisible(db, viewer, id)) return fail('not_found', `No annotation with id ${id}.`);
  return ok(listEventsFor(db, [id]).get(id) ?? []);
}

/** A page of an annotation's history, oldest first: a search of annotation_events_annotation_idx from the cursor on. */
export function listAnnotationHistoryPage(db: Db, viewer: Viewer, id: number, page: PageRequest<HistoryCursor>): Result<Page<AnnotationEventDto, HistoryCursor>> {
  if (!historyVisible(db, viewer, id)) return fail('not_found', `No annotation with id ${id}.`);
  const rows = db
    .select({ e: annotationEvents, actorName: users.name })
    .from(annotationEvents)
    .innerJoin(users, eq(users.id, annotationEvents.actorId))
    .where(and(eq(annotationEvents.annotationId, id), page.after ? gt(annotationEvents.id, page.after.id) : undefined))
    .orderBy(asc(annotationEvents.id))
    .limit(page.limit + 1)
    .all();
  return ok(toPage(rows.map(toEventDto), page.limit, (e) => ({ id: e.id })));
}

function toEventDto({ e, actorName }: { e: AnnotationEventRow; actorName: string }): AnnotationEventDto {
  return { id: e.id, annotationId: e.annotationId, type: e.type, actor: { id: e.actorId, name: actorName }, from: e.fromValue, to: e.toValue, createdAt: e.createdAt.toISOString() };
}

/** History of many annotations at once, oldest first per annotation (for reports). */
export function listEventsFor(db: Db, ids: number[]): Map<number, AnnotationEventDto[]> {
  const map = new Map<number, AnnotationEventDto[]>();
  for (let i = 0; i < ids.length; i += 900) {
    const rows = db
      .select({ e: annotationEvents, actorName: users.name })
      .from(annotationEvents)
      .innerJoin(users, eq(users.id, annotationEvents.actorId))
      .where(inArray(annotationEvents.annotationId, ids.slice(i, i + 900)))
      .orderBy(asc(annotationEvents.annotationId), asc(annotationEvents.id))
      .all();
    for (const row of rows) {
      const list = map.get(row.e.annotationId) ?? [];
      list.push(toEventDto(row));
      map.set(row.e.annotationId, list);
    }
  }
  return map;
}
