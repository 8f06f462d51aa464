// The Drizzle schema: the one description of Factmark's tables. Migrations in drizzle/ are
// generated from it by drizzle-kit; every index here serves a query in db/queries/.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { STATUSES } from '../lib/annotations/status';
import { EVENT_TYPES, type AnnotationEventType } from '../lib/annotations/types';
import { ANCHOR_STATES, REVISION_SOURCES } from '../lib/revisions/types';
import { ROLES, type Role } from '../lib/viewer';
import { ADJUDICATION_DECISIONS, REVIEW_EVENT_TYPES, REVIEW_STATES } from '../lib/review/types';
import type { ClaimReason } from '../lib/claims/types';
import { TEXT_DIRECTIONS } from '../lib/document/direction';

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;
const timestamps = {
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
};

export { ROLES, type Role };

/**
 * An article's (and each revision's) language and base direction (lib/document/direction.ts): a
 * BCP 47 tag or null, and 'ltr' | 'rtl'. drizzle/0006_article_language.sql adds a CHECK on dir.
 */
const language = {
  lang: text('lang'),
  dir: text('dir', { enum: TEXT_DIRECTIONS }).notNull().default('ltr'),
};

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull().default('reviewer'),
  passwordHash: text('password_hash').notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  /** Bumped by a password or role change, disabling and "sign out everywhere": sessions carry the
   * version they were issued under, and one that no longer matches is refused. */
  sessionVersion: integer('session_version').notNull().default(0),
  ...timestamps,
});

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    byline: text('byline'),
    sourceUrl: text('source_url'),
    publisher: text('publisher'),
    publishedAt: text('published_at'),
    /** The document as ProseMirror JSON (lib/document/schema.ts). */
    doc: text('doc', { mode: 'json' }).notNull(),
    /** Canonical plain text (lib/document/canonical-text.ts): annotation offsets index into it. */
    plainText: text('plain_text').notNull(),
    /** Length of plainText in code points (coverage = annotated share of it). */
    textLength: integer('text_length').notNull().default(0),
    createdBy: integer('created_by').notNull().references(() => users.id),
    /** Number of the current (latest) revision; doc, plainText and textLength are its copy. */
    revision: integer('revision').notNull().default(1),
    archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
    /** The desk's workflow (lib/review/types.ts): open → in_review → signed_off. */
    reviewState: text('review_state', { enum: REVIEW_STATES }).notNull().default('open'),
    signedOffBy: integer('signed_off_by').references(() => users.id),
    signedOffAt: integer('signed_off_at', { mode: 'timestamp_ms' }),
    /** The editor's written reason when they signed off although something blocked it. */
    signOffReason: text('sign_off_reason'),
    /** BlockingItem[] as JSON: what blocked the sign-off the editor overrode. */
    signOffOverridden: text('sign_off_overridden', { mode: 'json' }),
    /** Version of the claim detector whose claims are stored for the current revision (0: none yet). */
    claimsDetector: integer('claims_detector').notNull().default(0),
    ...language,
    ...timestamps,
  },
  (t) => [
    index('articles_updated_idx').on(t.updatedAt),
    uniqueIndex('articles_source_url_idx').on(t.sourceUrl),
    index('articles_created_by_idx').on(t.createdBy),
    // The list by published date (db/queries/articles.ts listArticles), partial for the default list without archived
    // articles. The id is not listed: SQLite adds the rowid, and a range over (published_at, rowid) needs it last.
    index('articles_published_live_idx').on(t.publishedAt).where(sql`archived_at is null`),
    index('articles_published_idx').on(t.publishedAt),
  ],
);

/**
 * Derived data of each article, one row per article, kept by SQLite triggers
 * (drizzle/0005_derived_article_data.sql) so that rows written outside the app stay counted;
 * `npm run db:rebuild` (db/rebuild.ts) recomputes it. A table of its own, not columns of
 * `articles`: every annotation write updates it, and an article row holds the whole text twice
 * (a 100,000-word article's row is over 1 MB, which SQLite would read and rewrite each time).
 * Nothing here counts annotations hidden by a blind second check.
 */
export const articleStats = sqliteTable(
  'article_stats',
  {
    articleId: integer('article_id')
      .primaryKey()
      .references(() => articles.id, { onDelete: 'cascade' }),
    /** Copies of articles.revision and (archived_at is not null), for the triggers and the list's index. */
    revision: integer('revision').notNull().default(1),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    /** Live annotations per status. */
    verifiedCount: integer('verified_count').notNull().default(0),
    disputedCount: integer('disputed_count').notNull().default(0),
    needsSourceCount: integer('needs_source_count').notNull().default(0),
    /** Code points under at least one live, placed (anchor not removed) annotation. */
    coveredLength: integer('covered_length').notNull().default(0),
    /** At least the longest live placed annotation (code points): bounds the triggers' overlap searches. */
    longestSpan: integer('longest_span').notNull().default(0),
    /** At least the longest claim of any revision (code points): bounds the triggers' search for the claims a verdict touches. */
    longestClaim: integer('longest_claim').notNull().default(0),
    /** Latest of the article's updatedAt and its annotations' (deleted ones too). */
    lastActivityAt: integer('last_activity_at', { mode: 'timestamp_ms' }).notNull().default(sql`0`),
    /** Claim coverage of the current revision (lib/claims/types.ts ClaimCoverage). */
    claimsCheckWorthy: integer('claims_check_worthy').notNull().default(0),
    claimsChecked: integer('claims_checked').notNull().default(0),
    claimsDismissed: integer('claims_dismissed').notNull().default(0),
  },
  (t) => [
    // The list by last activity, partial for the default list without archived articles (the rowid, article_id,
    // comes last implicitly, so a keyset range (last_activity_at, article_id) < (?, ?) is one index search).
    index('article_stats_activity_live_idx').on(t.lastActivityAt).where(sql`archived = 0`),
    index('article_stats_activity_idx').on(t.lastActivityAt),
  ],
);

/**
 * Every change of an article's last activity, with the value before it (written by a trigger):
 * a page of the list by activity is read in the order the list had when its first page was read
 * (db/queries/articles.ts). Only the last few minutes are needed; older rows are pruned on write.
 */
export const articleActivityLog = sqliteTable(
  'article_activity_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    /** last_activity_at before this change (ms). */
    previous: integer('previous').notNull(),
    /** When the change was written (ms), for pruning. */
    at: integer('at').notNull(),
  },
  (t) => [index('article_activity_log_article_idx').on(t.articleId, t.seq)],
);

/**
 * Every version of an article's text, numbered from 1. The latest is also kept on the article row
 * (doc, plainText), which every read of the current text uses; older ones serve the Changes view
 * and the API. Never updated, never deleted while the article lives.
 */
export const articleRevisions = sqliteTable(
  'article_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    doc: text('doc', { mode: 'json' }).notNull(),
    plainText: text('plain_text').notNull(),
    textLength: integer('text_length').notNull(),
    /** SHA-256 (hex) of plainText. */
    contentHash: text('content_hash').notNull(),
    source: text('source', { enum: REVISION_SOURCES }).notNull(),
    title: text('title').notNull(),
    byline: text('byline'),
    publisher: text('publisher'),
    publishedAt: text('published_at'),
    /** CarrySummary as JSON: what happened to the annotations when this revision arrived. */
    carried: text('carried', { mode: 'json' }),
    ...language,
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [uniqueIndex('article_revisions_article_number_idx').on(t.articleId, t.number)],
);

export const annotations = sqliteTable(
  'annotations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id').notNull().references(() => articles.id),
    authorId: integer('author_id').notNull().references(() => users.id),
    status: text('status', { enum: STATUSES }).notNull(),
    /** TextPositionSelector: code-point offsets into the article's canonical text. */
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    /** TextQuoteSelector. */
    exact: text('exact').notNull(),
    prefix: text('prefix').notNull().default(''),
    suffix: text('suffix').notNull().default(''),
    note: text('note').notNull().default(''),
    /** The revision start/end refer to (the article's current one once carried). */
    revision: integer('revision').notNull().default(1),
    anchorState: text('anchor_state', { enum: ANCHOR_STATES }).notNull().default('unchanged'),
    /** The passage before the revision that moved, changed or removed it. */
    previousExact: text('previous_exact'),
    previousRevision: integer('previous_revision'),
    /** Bumped by every change, for optimistic concurrency. */
    version: integer('version').notNull().default(1),
    /** Made by the second reviewer of an independent second check (kept for the agreement). */
    secondCheck: integer('second_check', { mode: 'boolean' }).notNull().default(false),
    /**
     * Hidden by a pending second check: such rows are seen only by that second reviewer, and the
     * article's other rows not by them (db/queries/visibility.ts). Cleared when they are done.
     */
    blind: integer('blind', { mode: 'boolean' }).notNull().default(false),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
    ...timestamps,
  },
  (t) => [
    index('annotations_article_start_idx').on(t.articleId, t.start, t.end),
    index('annotations_article_updated_idx').on(t.articleId, t.updatedAt),
    index('annotations_author_idx').on(t.authorId),
    // Document order of the live rows a viewer sees, for keyset pages (listAnnotations).
    index('annotations_live_order_idx').on(t.articleId, t.blind, sql`(anchor_state = 'removed')`, t.start, t.end).where(sql`deleted_at is null`),
    // The rows coverage and claim checks count, with what the triggers read (covering).
    index('annotations_covering_idx')
      .on(t.articleId, t.start, t.end, t.anchorState)
      .where(sql`deleted_at is null and blind = 0 and anchor_state <> 'removed'`),
  ],
);

export const annotationSources = sqliteTable(
  'annotation_sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    annotationId: integer('annotation_id')
      .notNull()
      .references(() => annotations.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    title: text('title'),
    position: integer('position').notNull(),
  },
  (t) => [index('annotation_sources_annotation_idx').on(t.annotationId, t.position)],
);

export type EventType = AnnotationEventType;

/** The audit trail: who did what to which annotation, and when. Never updated, never deleted. */
export const annotationEvents = sqliteTable(
  'annotation_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    annotationId: integer('annotation_id')
      .notNull()
      .references(() => annotations.id),
    actorId: integer('actor_id')
      .notNull()
      .references(() => users.id),
    type: text('type', { enum: EVENT_TYPES }).notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [index('annotation_events_annotation_idx').on(t.annotationId, t.id)],
);

/** The discussion under a verdict: plain text, edited or deleted by its author (admins any). */
export const annotationReplies = sqliteTable(
  'annotation_replies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    annotationId: integer('annotation_id')
      .notNull()
      .references(() => annotations.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    /** The reply asked for the signed-off article to go back to review. */
    reopens: integer('reopens', { mode: 'boolean' }).notNull().default(false),
    version: integer('version').notNull().default(1),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
    ...timestamps,
  },
  (t) => [index('annotation_replies_annotation_idx').on(t.annotationId, t.id), index('annotation_replies_updated_idx').on(t.annotationId, t.updatedAt)],
);

/**
 * The check-worthy sentences of each revision (lib/claims/detect.ts), stored when the revision
 * is added so that lists and coverage never run the detector on a request.
 */
export const claims = sqliteTable(
  'claims',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    reasons: text('reasons', { mode: 'json' }).$type<ClaimReason[]>().notNull(),
  },
  (t) => [index('claims_article_revision_idx').on(t.articleId, t.revision, t.start)],
);

/**
 * "Not a claim": a reviewer dismissed a check-worthy sentence. Carried through revisions like
 * annotations (dropped when its sentence changed); undone by setting undoneAt (history kept).
 */
export const claimDismissals = sqliteTable(
  'claim_dismissals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    exact: text('exact').notNull(),
    dismissedBy: integer('dismissed_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    undoneBy: integer('undone_by').references(() => users.id),
    undoneAt: integer('undone_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('claim_dismissals_article_idx').on(t.articleId, t.revision, t.start)],
);

/** Reviewers an editor assigned to an article. */
export const articleAssignments = sqliteTable(
  'article_assignments',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    assignedBy: integer('assigned_by')
      .notNull()
      .references(() => users.id),
    assignedAt: integer('assigned_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [uniqueIndex('article_assignments_pk').on(t.articleId, t.userId), index('article_assignments_user_idx').on(t.userId, t.articleId)],
);

/** Independent second checks: the latest row of an article is its current one. */
export const secondChecks = sqliteTable(
  'second_checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    requestedBy: integer('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: integer('requested_at', { mode: 'timestamp_ms' }).notNull().default(now),
    doneAt: integer('done_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('second_checks_article_idx').on(t.articleId, t.id), index('second_checks_pending_idx').on(t.reviewerId, t.doneAt)],
);

/** An editor's decision on a disagreement or a one-sided passage of a second check. */
export const adjudications = sqliteTable(
  'adjudications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    secondCheckId: integer('second_check_id')
      .notNull()
      .references(() => secondChecks.id),
    firstAnnotationId: integer('first_annotation_id').references(() => annotations.id),
    secondAnnotationId: integer('second_annotation_id').references(() => annotations.id),
    decision: text('decision', { enum: ADJUDICATION_DECISIONS }).notNull(),
    /** The final status when decision is `final`. */
    status: text('status', { enum: STATUSES }),
    note: text('note').notNull().default(''),
    decidedBy: integer('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [
    index('adjudications_check_idx').on(t.secondCheckId),
    // Foreign keys to annotations: without them every new annotation made SQLite scan this table.
    index('adjudications_first_idx').on(t.firstAnnotationId),
    index('adjudications_second_idx').on(t.secondAnnotationId),
  ],
);

/** The article's review history (assignments, second checks, sign-offs, dismissals). Never updated. */
export const articleEvents = sqliteTable(
  'article_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => users.id),
    type: text('type', { enum: REVIEW_EVENT_TYPES }).notNull(),
    /** Event-specific JSON (a user id, a reopen cause, a reason…). */
    detail: text('detail', { mode: 'json' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [index('article_events_article_idx').on(t.articleId, t.id)],
);

/** Failed sign-ins, for rate limiting per email and per IP. Old rows are pruned on write. */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('login_failures_email_idx').on(t.email, t.at), index('login_failures_ip_idx').on(t.ip, t.at)],
);

export type UserRow = typeof users.$inferSelect;
export type ArticleRow = typeof articles.$inferSelect;
export type ArticleStatsRow = typeof articleStats.$inferSelect;
export type AnnotationRow = typeof annotations.$inferSelect;
export type ArticleRevisionRow = typeof articleRevisions.$inferSelect;
export type AnnotationEventRow = typeof annotationEvents.$inferSelect;
export type ReplyRow = typeof annotationReplies.$inferSelect;
export type SecondCheckRow = typeof secondChecks.$inferSelect;
