// Recomputes every article's derived data (article_stats: counts per status, coverage, last
// activity, claim coverage) and the title search index from the stored rows. SQLite triggers keep them right on
// every write (drizzle/0005_derived_article_data.sql); this is for a database whose triggers were
// bypassed or dropped, e.g. rows copied in with triggers off. The rules are the triggers' rules.
import { backfillClaims } from './queries/claims';
import type { DatabaseHandle } from './client';

const S = 'article_stats';
const COUNTED = `o.deleted_at IS NULL AND o.blind = 0`;
const PLACED = `${COUNTED} AND o.anchor_state <> 'removed'`;
const OF_ARTICLE = `o.article_id = ${S}.article_id`;

/** One row per article, with the copies of its revision and archived flag the triggers and the list read. */
const ROWS = [
  `DELETE FROM ${S} WHERE article_id NOT IN (SELECT id FROM articles)`,
  `INSERT OR IGNORE INTO ${S} (article_id) SELECT id FROM articles`,
  `UPDATE ${S} SET (revision, archived) = (SELECT a.revision, a.archived_at IS NOT NULL FROM articles a WHERE a.id = ${S}.article_id)`,
];

/** Counts, the longest annotation and claim (which bound the triggers' searches and the claim count below) and last activity. */
const COUNTS = `UPDATE ${S} SET
  verified_count = (SELECT count(*) FROM annotations o WHERE ${OF_ARTICLE} AND ${COUNTED} AND o.status = 'verified'),
  disputed_count = (SELECT count(*) FROM annotations o WHERE ${OF_ARTICLE} AND ${COUNTED} AND o.status = 'disputed'),
  needs_source_count = (SELECT count(*) FROM annotations o WHERE ${OF_ARTICLE} AND ${COUNTED} AND o.status = 'needs_source'),
  longest_span = coalesce((SELECT max(o."end" - o.start) FROM annotations o WHERE ${OF_ARTICLE} AND ${PLACED}), 0),
  longest_claim = coalesce((SELECT max(c."end" - c.start) FROM claims c WHERE c.article_id = ${S}.article_id), 0),
  last_activity_at = max(coalesce((SELECT a.updated_at FROM articles a WHERE a.id = ${S}.article_id), 0),
    coalesce((SELECT o.updated_at FROM annotations o WHERE ${OF_ARTICLE} AND o.blind = 0 ORDER BY o.updated_at DESC LIMIT 1), 0))`;

/** Union of the placed ranges: each range adds what reaches past the furthest end before it. */
const COVERAGE = `UPDATE ${S} SET covered_length = (SELECT coalesce(sum(max(0, e - max(s, coalesce(reach, s)))), 0) FROM (
  SELECT o.start AS s, o."end" AS e, max(o."end") OVER (ORDER BY o.start, o."end" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
  FROM annotations o WHERE ${OF_ARTICLE} AND ${PLACED}))`;

/** A claim is checked by one placed verdict over at least half of it (lib/claims/types.ts), else dismissed by an active dismissal. */
const CLAIMS = `UPDATE ${S} SET (claims_check_worthy, claims_checked, claims_dismissed) = (
  SELECT count(*), coalesce(sum(chk), 0), coalesce(sum(dism AND NOT chk), 0) FROM (
    SELECT EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = c.article_id AND ${PLACED} AND o.anchor_state IN ('unchanged', 'moved')
             AND o.start >= c.start - ${S}.longest_span AND o.start < c."end" AND o."end" > c.start
             AND 2 * (min(o."end", c."end") - max(o.start, c.start)) >= c."end" - c.start) AS chk,
           EXISTS (SELECT 1 FROM claim_dismissals d WHERE d.article_id = c.article_id AND d.revision = c.revision
             AND d.start = c.start AND d."end" = c."end" AND d.undone_at IS NULL) AS dism
    FROM claims c WHERE c.article_id = ${S}.article_id AND c.revision = ${S}.revision))`;

const DERIVED_COLUMNS = 'verified_count, disputed_count, needs_source_count, covered_length, last_activity_at, claims_check_worthy, claims_checked, claims_dismissed';

export interface RebuildSummary {
  articles: number;
  /** Articles whose derived data was wrong before the rebuild. */
  corrected: number;
  /** Articles whose claims were detected again (their stored ones came from an older detector, or none). */
  claimsBackfilled: number;
  ms: number;
}

/** Recomputes every article's derived columns and the title index in one write transaction. */
export async function rebuildDerivedData({ db, sqlite }: DatabaseHandle): Promise<RebuildSummary> {
  const started = performance.now();
  // Claims first (db/queries/claims.ts detects those an older detector missed): the claim counts read them.
  const claimsBackfilled = backfillClaims(db);
  const snapshot = () =>
    new Map((sqlite.prepare(`SELECT a.id, json_array(${DERIVED_COLUMNS}) AS v FROM articles a LEFT JOIN ${S} ON ${S}.article_id = a.id`).all() as { id: number; v: string }[]).map((r) => [r.id, r.v]));
  const corrected = sqlite
    .transaction(() => {
      const before = snapshot();
      for (const statement of [...ROWS, COUNTS, COVERAGE, CLAIMS]) sqlite.prepare(statement).run();
      sqlite.prepare(`INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')`).run();
      // The activity changes just written are not reviewers' activity: snapshot paging starts afresh.
      sqlite.prepare('DELETE FROM article_activity_log').run();
      const after = snapshot();
      return [...after].filter(([id, v]) => before.get(id) !== v).length;
    })
    .immediate();
  return { articles: (sqlite.prepare('SELECT count(*) FROM articles').pluck().get() as number) ?? 0, corrected, claimsBackfilled, ms: performance.now() - started };
}
