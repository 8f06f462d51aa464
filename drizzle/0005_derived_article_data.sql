CREATE TABLE `article_activity_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`previous` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_activity_log_article_idx` ON `article_activity_log` (`article_id`,`seq`);--> statement-breakpoint
CREATE TABLE `article_stats` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`verified_count` integer DEFAULT 0 NOT NULL,
	`disputed_count` integer DEFAULT 0 NOT NULL,
	`needs_source_count` integer DEFAULT 0 NOT NULL,
	`covered_length` integer DEFAULT 0 NOT NULL,
	`longest_span` integer DEFAULT 0 NOT NULL,
	`longest_claim` integer DEFAULT 0 NOT NULL,
	`last_activity_at` integer DEFAULT 0 NOT NULL,
	`claims_check_worthy` integer DEFAULT 0 NOT NULL,
	`claims_checked` integer DEFAULT 0 NOT NULL,
	`claims_dismissed` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_stats_activity_live_idx` ON `article_stats` (`last_activity_at`) WHERE archived = 0;--> statement-breakpoint
CREATE INDEX `article_stats_activity_idx` ON `article_stats` (`last_activity_at`);--> statement-breakpoint
CREATE INDEX `adjudications_first_idx` ON `adjudications` (`first_annotation_id`);--> statement-breakpoint
CREATE INDEX `adjudications_second_idx` ON `adjudications` (`second_annotation_id`);--> statement-breakpoint
CREATE INDEX `annotations_live_order_idx` ON `annotations` (`article_id`,`blind`,(anchor_state = 'removed'),`start`,`end`) WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX `annotations_covering_idx` ON `annotations` (`article_id`,`start`,`end`,`anchor_state`) WHERE deleted_at is null and blind = 0 and anchor_state <> 'removed';--> statement-breakpoint
CREATE INDEX `articles_published_live_idx` ON `articles` (`published_at`) WHERE archived_at is null;--> statement-breakpoint
CREATE INDEX `articles_published_idx` ON `articles` (`published_at`);--> statement-breakpoint
-- Derived data of each article (article_stats: counts per status, coverage, last activity, claim
-- coverage) and the title search index, kept by triggers so that rows written outside the app (a
-- restore, a bulk load straight into SQLite) stay counted. db/rebuild.ts (`npm run db:rebuild`)
-- holds the same full recomputation as the backfill below. Counted annotations: live (deleted_at
-- null) and not hidden by a blind second check (blind = 0); coverage and claims count only placed
-- ones (anchor not removed; for claims: unchanged or moved, over at least half the sentence).
INSERT INTO article_stats (article_id, revision, archived) SELECT id, revision, archived_at IS NOT NULL FROM articles;
--> statement-breakpoint
UPDATE article_stats SET
  verified_count = (SELECT count(*) FROM annotations o WHERE o.article_id = article_stats.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.status = 'verified'),
  disputed_count = (SELECT count(*) FROM annotations o WHERE o.article_id = article_stats.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.status = 'disputed'),
  needs_source_count = (SELECT count(*) FROM annotations o WHERE o.article_id = article_stats.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.status = 'needs_source'),
  longest_span = coalesce((SELECT max(o."end" - o.start) FROM annotations o WHERE o.article_id = article_stats.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed'), 0),
  longest_claim = coalesce((SELECT max(c."end" - c.start) FROM claims c WHERE c.article_id = article_stats.article_id), 0),
  last_activity_at = max(coalesce((SELECT a.updated_at FROM articles a WHERE a.id = article_stats.article_id), 0), coalesce((SELECT o.updated_at FROM annotations o WHERE o.article_id = article_stats.article_id AND o.blind = 0 ORDER BY o.updated_at DESC LIMIT 1), 0));
--> statement-breakpoint
UPDATE article_stats SET covered_length = (SELECT coalesce(sum(max(0, e - max(s, coalesce(reach, s)))), 0) FROM (
  SELECT o.start AS s, o."end" AS e, max(o."end") OVER (ORDER BY o.start, o."end" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
  FROM annotations o WHERE o.article_id = article_stats.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed'));
--> statement-breakpoint
UPDATE article_stats SET (claims_check_worthy, claims_checked, claims_dismissed) = (
  SELECT count(*), coalesce(sum(chk), 0), coalesce(sum(dism AND NOT chk), 0) FROM (
    SELECT EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = c.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved')
            AND o.start >= c.start - article_stats.longest_span AND o.start < c."end" AND o."end" > c.start
            AND 2 * (min(o."end", c."end") - max(o.start, c.start)) >= c."end" - c.start) AS chk,
      EXISTS (SELECT 1 FROM claim_dismissals d WHERE d.article_id = c.article_id AND d.revision = c.revision AND d.start = c.start AND d."end" = c."end" AND d.undone_at IS NULL) AS dism
    FROM claims c WHERE c.article_id = article_stats.article_id AND c.revision = article_stats.revision));
--> statement-breakpoint
CREATE VIRTUAL TABLE articles_fts USING fts5(title, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title) VALUES (new.id, new.title);
END;
--> statement-breakpoint
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title) VALUES ('delete', old.id, old.title);
END;
--> statement-breakpoint
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title ON articles WHEN old.title IS NOT new.title BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title) VALUES ('delete', old.id, old.title);
  INSERT INTO articles_fts(rowid, title) VALUES (new.id, new.title);
END;
--> statement-breakpoint
-- A new article row (also one a bulk load inserts after its annotations) starts from what is stored for it.
CREATE TRIGGER articles_stats_insert AFTER INSERT ON articles BEGIN
  INSERT OR REPLACE INTO article_stats (article_id, revision, archived) VALUES (new.id, new.revision, new.archived_at IS NOT NULL);
  UPDATE article_stats SET
  verified_count = (SELECT count(*) FROM annotations o WHERE o.article_id = article_stats.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.status = 'verified'),
  disputed_count = (SELECT count(*) FROM annotations o WHERE o.article_id = article_stats.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.status = 'disputed'),
  needs_source_count = (SELECT count(*) FROM annotations o WHERE o.article_id = article_stats.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.status = 'needs_source'),
  longest_span = coalesce((SELECT max(o."end" - o.start) FROM annotations o WHERE o.article_id = article_stats.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed'), 0),
  longest_claim = coalesce((SELECT max(c."end" - c.start) FROM claims c WHERE c.article_id = article_stats.article_id), 0),
  last_activity_at = max(coalesce((SELECT a.updated_at FROM articles a WHERE a.id = article_stats.article_id), 0), coalesce((SELECT o.updated_at FROM annotations o WHERE o.article_id = article_stats.article_id AND o.blind = 0 ORDER BY o.updated_at DESC LIMIT 1), 0)) WHERE article_id = new.id;
  UPDATE article_stats SET covered_length = (SELECT coalesce(sum(max(0, e - max(s, coalesce(reach, s)))), 0) FROM (
  SELECT o.start AS s, o."end" AS e, max(o."end") OVER (ORDER BY o.start, o."end" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
  FROM annotations o WHERE o.article_id = article_stats.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed')) WHERE article_id = new.id;
  UPDATE article_stats SET (claims_check_worthy, claims_checked, claims_dismissed) = (
  SELECT count(*), coalesce(sum(chk), 0), coalesce(sum(dism AND NOT chk), 0) FROM (
    SELECT EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = c.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved')
            AND o.start >= c.start - article_stats.longest_span AND o.start < c."end" AND o."end" > c.start
            AND 2 * (min(o."end", c."end") - max(o.start, c.start)) >= c."end" - c.start) AS chk,
      EXISTS (SELECT 1 FROM claim_dismissals d WHERE d.article_id = c.article_id AND d.revision = c.revision AND d.start = c.start AND d."end" = c."end" AND d.undone_at IS NULL) AS dism
    FROM claims c WHERE c.article_id = article_stats.article_id AND c.revision = article_stats.revision)) WHERE article_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER articles_stats_delete AFTER DELETE ON articles BEGIN
  DELETE FROM article_stats WHERE article_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER articles_stats_archived AFTER UPDATE OF archived_at ON articles BEGIN
  UPDATE article_stats SET archived = new.archived_at IS NOT NULL WHERE article_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER articles_stats_touched AFTER UPDATE OF updated_at ON articles BEGIN
  UPDATE article_stats SET last_activity_at = CASE WHEN new.updated_at >= old.updated_at THEN max(last_activity_at, new.updated_at) ELSE max(coalesce((SELECT a.updated_at FROM articles a WHERE a.id = new.id), 0), coalesce((SELECT o.updated_at FROM annotations o WHERE o.article_id = new.id AND o.blind = 0 ORDER BY o.updated_at DESC LIMIT 1), 0)) END WHERE article_id = new.id;
END;
--> statement-breakpoint
-- A new revision has its own claims and dismissals.
CREATE TRIGGER articles_stats_revision AFTER UPDATE OF revision ON articles WHEN old.revision IS NOT new.revision BEGIN
  UPDATE article_stats SET revision = new.revision WHERE article_id = new.id;
  UPDATE article_stats SET (claims_check_worthy, claims_checked, claims_dismissed) = (
  SELECT count(*), coalesce(sum(chk), 0), coalesce(sum(dism AND NOT chk), 0) FROM (
    SELECT EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = c.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved')
            AND o.start >= c.start - article_stats.longest_span AND o.start < c."end" AND o."end" > c.start
            AND 2 * (min(o."end", c."end") - max(o.start, c.start)) >= c."end" - c.start) AS chk,
      EXISTS (SELECT 1 FROM claim_dismissals d WHERE d.article_id = c.article_id AND d.revision = c.revision AND d.start = c.start AND d."end" = c."end" AND d.undone_at IS NULL) AS dism
    FROM claims c WHERE c.article_id = article_stats.article_id AND c.revision = article_stats.revision)) WHERE article_id = new.id;
END;
--> statement-breakpoint
-- The list by activity reads every page in the order its first page had (db/queries/articles.ts):
-- it needs each article's activity before a change. Rows older than 15 minutes are pruned, two per change.
CREATE TRIGGER article_stats_activity_log AFTER UPDATE OF last_activity_at ON article_stats
WHEN new.last_activity_at IS NOT old.last_activity_at AND old.last_activity_at <> 0 BEGIN
  INSERT INTO article_activity_log (article_id, previous, at) VALUES (new.article_id, old.last_activity_at, cast(unixepoch('subsec') * 1000 as integer));
  DELETE FROM article_activity_log WHERE seq <= (SELECT min(seq) FROM article_activity_log) + 1 AND at < cast(unixepoch('subsec') * 1000 as integer) - 900000;
END;
--> statement-breakpoint
CREATE TRIGGER annotations_stats_insert AFTER INSERT ON annotations BEGIN
  UPDATE article_stats SET
    verified_count = verified_count + (new.deleted_at IS NULL AND new.blind = 0 AND new.status = 'verified'),
    disputed_count = disputed_count + (new.deleted_at IS NULL AND new.blind = 0 AND new.status = 'disputed'),
    needs_source_count = needs_source_count + (new.deleted_at IS NULL AND new.blind = 0 AND new.status = 'needs_source'),
    covered_length = covered_length + CASE WHEN (new.deleted_at IS NULL AND new.blind = 0 AND new.anchor_state <> 'removed') THEN new."end" - new.start - (SELECT coalesce(sum(max(0, ce - max(cs, coalesce(reach, cs)))), 0) FROM (
        SELECT cs, ce, max(ce) OVER (ORDER BY cs, ce ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach FROM (
          SELECT max(o.start, new.start) AS cs, min(o."end", new."end") AS ce FROM annotations o
          WHERE o.article_id = new.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.id <> new.id
            AND o.start >= new.start - article_stats.longest_span AND o.start < new."end" AND o."end" > new.start))) ELSE 0 END,
    longest_span = CASE WHEN (new.deleted_at IS NULL AND new.blind = 0 AND new.anchor_state <> 'removed') THEN max(longest_span, new."end" - new.start) ELSE longest_span END,
    (claims_checked, claims_dismissed) = (SELECT article_stats.claims_checked + coalesce(sum(d), 0), article_stats.claims_dismissed - coalesce(sum(d * dism), 0)
      FROM (SELECT r.d AS d, CASE WHEN r.d <> 0 THEN EXISTS (SELECT 1 FROM claim_dismissals d WHERE d.article_id = r.article_id AND d.revision = r.revision AND d.start = r.start AND d."end" = r."end" AND d.undone_at IS NULL) ELSE 0 END AS dism FROM (
          SELECT q.article_id, q.revision, q.start, q."end", CASE WHEN q.qn = q.qo OR EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = q.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved') AND o.id <> new.id
            AND o.start >= q.start - article_stats.longest_span AND o.start < q."end" AND o."end" > q.start
            AND 2 * (min(o."end", q."end") - max(o.start, q.start)) >= q."end" - q.start) THEN 0 ELSE q.qn - q.qo END AS d
          FROM (SELECT c.article_id, c.revision, c.start, c."end", (new.deleted_at IS NULL AND new.blind = 0 AND new.anchor_state <> 'removed' AND new.anchor_state IN ('unchanged', 'moved') AND new.start < c."end" AND new."end" > c.start AND 2 * (min(new."end", c."end") - max(new.start, c.start)) >= c."end" - c.start) AS qn, 0 AS qo FROM claims c
                WHERE (new.deleted_at IS NULL AND new.blind = 0 AND new.anchor_state <> 'removed' AND new.anchor_state IN ('unchanged', 'moved')) AND c.article_id = new.article_id AND c.revision = article_stats.revision AND c.start >= new.start - article_stats.longest_claim AND c.start < new."end") q) r)),
    last_activity_at = CASE WHEN new.blind = 0 THEN max(last_activity_at, new.updated_at) ELSE last_activity_at END
  WHERE article_id = new.article_id;
END;
--> statement-breakpoint
-- An annotation never moves to another article (article_id is set at creation).
CREATE TRIGGER annotations_stats_update AFTER UPDATE ON annotations
WHEN old.status IS NOT new.status OR old.start IS NOT new.start OR old."end" IS NOT new."end" OR old.deleted_at IS NOT new.deleted_at
  OR old.blind IS NOT new.blind OR old.anchor_state IS NOT new.anchor_state OR old.updated_at IS NOT new.updated_at BEGIN
  UPDATE article_stats SET
    verified_count = verified_count + (new.deleted_at IS NULL AND new.blind = 0 AND new.status = 'verified') - (old.deleted_at IS NULL AND old.blind = 0 AND old.status = 'verified'),
    disputed_count = disputed_count + (new.deleted_at IS NULL AND new.blind = 0 AND new.status = 'disputed') - (old.deleted_at IS NULL AND old.blind = 0 AND old.status = 'disputed'),
    needs_source_count = needs_source_count + (new.deleted_at IS NULL AND new.blind = 0 AND new.status = 'needs_source') - (old.deleted_at IS NULL AND old.blind = 0 AND old.status = 'needs_source'),
    covered_length = covered_length + CASE WHEN ((old.deleted_at IS NULL AND old.blind = 0 AND old.anchor_state <> 'removed') OR (new.deleted_at IS NULL AND new.blind = 0 AND new.anchor_state <> 'removed')) AND (old.start IS NOT new.start OR old."end" IS NOT new."end" OR (old.deleted_at IS NULL AND old.blind = 0 AND old.anchor_state <> 'removed') IS NOT (new.deleted_at IS NULL AND new.blind = 0 AND new.anchor_state <> 'removed')) THEN CASE WHEN (new.deleted_at IS NULL AND new.blind = 0 AND new.anchor_state <> 'removed') THEN new."end" - new.start - (SELECT coalesce(sum(max(0, ce - max(cs, coalesce(reach, cs)))), 0) FROM (
        SELECT cs, ce, max(ce) OVER (ORDER BY cs, ce ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach FROM (
          SELECT max(o.start, new.start) AS cs, min(o."end", new."end") AS ce FROM annotations o
          WHERE o.article_id = new.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.id <> new.id
            AND o.start >= new.start - article_stats.longest_span AND o.start < new."end" AND o."end" > new.start))) ELSE 0 END - CASE WHEN (old.deleted_at IS NULL AND old.blind = 0 AND old.anchor_state <> 'removed') THEN old."end" - old.start - (SELECT coalesce(sum(max(0, ce - max(cs, coalesce(reach, cs)))), 0) FROM (
        SELECT cs, ce, max(ce) OVER (ORDER BY cs, ce ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach FROM (
          SELECT max(o.start, old.start) AS cs, min(o."end", old."end") AS ce FROM annotations o
          WHERE o.article_id = new.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.id <> new.id
            AND o.start >= old.start - article_stats.longest_span AND o.start < old."end" AND o."end" > old.start))) ELSE 0 END ELSE 0 END,
    longest_span = CASE WHEN (new.deleted_at IS NULL AND new.blind = 0 AND new.anchor_state <> 'removed') THEN max(longest_span, new."end" - new.start) ELSE longest_span END,
    (claims_checked, claims_dismissed) = (SELECT article_stats.claims_checked + coalesce(sum(d), 0), article_stats.claims_dismissed - coalesce(sum(d * dism), 0)
      FROM (SELECT r.d AS d, CASE WHEN r.d <> 0 THEN EXISTS (SELECT 1 FROM claim_dismissals d WHERE d.article_id = r.article_id AND d.revision = r.revision AND d.start = r.start AND d."end" = r."end" AND d.undone_at IS NULL) ELSE 0 END AS dism FROM (
          SELECT q.article_id, q.revision, q.start, q."end", CASE WHEN q.qn = q.qo OR EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = q.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved') AND o.id <> new.id
            AND o.start >= q.start - article_stats.longest_span AND o.start < q."end" AND o."end" > q.start
            AND 2 * (min(o."end", q."end") - max(o.start, q.start)) >= q."end" - q.start) THEN 0 ELSE q.qn - q.qo END AS d
          FROM (SELECT c.article_id, c.revision, c.start, c."end", (new.deleted_at IS NULL AND new.blind = 0 AND new.anchor_state <> 'removed' AND new.anchor_state IN ('unchanged', 'moved') AND new.start < c."end" AND new."end" > c.start AND 2 * (min(new."end", c."end") - max(new.start, c.start)) >= c."end" - c.start) AS qn, (old.deleted_at IS NULL AND old.blind = 0 AND old.anchor_state <> 'removed' AND old.anchor_state IN ('unchanged', 'moved') AND old.start < c."end" AND old."end" > c.start AND 2 * (min(old."end", c."end") - max(old.start, c.start)) >= c."end" - c.start) AS qo FROM claims c
                WHERE (((old.deleted_at IS NULL AND old.blind = 0 AND old.anchor_state <> 'removed' AND old.anchor_state IN ('unchanged', 'moved')) OR (new.deleted_at IS NULL AND new.blind = 0 AND new.anchor_state <> 'removed' AND new.anchor_state IN ('unchanged', 'moved'))) AND (old.start IS NOT new.start OR old."end" IS NOT new."end" OR (old.deleted_at IS NULL AND old.blind = 0 AND old.anchor_state <> 'removed' AND old.anchor_state IN ('unchanged', 'moved')) IS NOT (new.deleted_at IS NULL AND new.blind = 0 AND new.anchor_state <> 'removed' AND new.anchor_state IN ('unchanged', 'moved')))) AND c.article_id = new.article_id AND c.revision = article_stats.revision AND c.start >= min(new.start, old.start) - article_stats.longest_claim AND c.start < max(new."end", old."end")) q) r)),
    last_activity_at = CASE WHEN old.blind = 0 AND (new.blind <> 0 OR new.updated_at < old.updated_at) THEN max(coalesce((SELECT a.updated_at FROM articles a WHERE a.id = new.article_id), 0), coalesce((SELECT o.updated_at FROM annotations o WHERE o.article_id = new.article_id AND o.blind = 0 ORDER BY o.updated_at DESC LIMIT 1), 0))
      WHEN new.blind = 0 THEN max(last_activity_at, new.updated_at) ELSE last_activity_at END
  WHERE article_id = new.article_id;
END;
--> statement-breakpoint
CREATE TRIGGER annotations_stats_delete AFTER DELETE ON annotations BEGIN
  UPDATE article_stats SET
    verified_count = verified_count - (old.deleted_at IS NULL AND old.blind = 0 AND old.status = 'verified'),
    disputed_count = disputed_count - (old.deleted_at IS NULL AND old.blind = 0 AND old.status = 'disputed'),
    needs_source_count = needs_source_count - (old.deleted_at IS NULL AND old.blind = 0 AND old.status = 'needs_source'),
    covered_length = covered_length - CASE WHEN (old.deleted_at IS NULL AND old.blind = 0 AND old.anchor_state <> 'removed') THEN old."end" - old.start - (SELECT coalesce(sum(max(0, ce - max(cs, coalesce(reach, cs)))), 0) FROM (
        SELECT cs, ce, max(ce) OVER (ORDER BY cs, ce ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach FROM (
          SELECT max(o.start, old.start) AS cs, min(o."end", old."end") AS ce FROM annotations o
          WHERE o.article_id = old.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.id <> old.id
            AND o.start >= old.start - article_stats.longest_span AND o.start < old."end" AND o."end" > old.start))) ELSE 0 END,
    (claims_checked, claims_dismissed) = (SELECT article_stats.claims_checked + coalesce(sum(d), 0), article_stats.claims_dismissed - coalesce(sum(d * dism), 0)
      FROM (SELECT r.d AS d, CASE WHEN r.d <> 0 THEN EXISTS (SELECT 1 FROM claim_dismissals d WHERE d.article_id = r.article_id AND d.revision = r.revision AND d.start = r.start AND d."end" = r."end" AND d.undone_at IS NULL) ELSE 0 END AS dism FROM (
          SELECT q.article_id, q.revision, q.start, q."end", CASE WHEN q.qn = q.qo OR EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = q.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved') AND o.id <> old.id
            AND o.start >= q.start - article_stats.longest_span AND o.start < q."end" AND o."end" > q.start
            AND 2 * (min(o."end", q."end") - max(o.start, q.start)) >= q."end" - q.start) THEN 0 ELSE q.qn - q.qo END AS d
          FROM (SELECT c.article_id, c.revision, c.start, c."end", 0 AS qn, (old.deleted_at IS NULL AND old.blind = 0 AND old.anchor_state <> 'removed' AND old.anchor_state IN ('unchanged', 'moved') AND old.start < c."end" AND old."end" > c.start AND 2 * (min(old."end", c."end") - max(old.start, c.start)) >= c."end" - c.start) AS qo FROM claims c
                WHERE (old.deleted_at IS NULL AND old.blind = 0 AND old.anchor_state <> 'removed' AND old.anchor_state IN ('unchanged', 'moved')) AND c.article_id = old.article_id AND c.revision = article_stats.revision AND c.start >= old.start - article_stats.longest_claim AND c.start < old."end") q) r)),
    last_activity_at = CASE WHEN old.blind = 0 THEN max(coalesce((SELECT a.updated_at FROM articles a WHERE a.id = old.article_id), 0), coalesce((SELECT o.updated_at FROM annotations o WHERE o.article_id = old.article_id AND o.blind = 0 ORDER BY o.updated_at DESC LIMIT 1), 0)) ELSE last_activity_at END
  WHERE article_id = old.article_id;
END;
--> statement-breakpoint
CREATE TRIGGER claims_stats_insert AFTER INSERT ON claims BEGIN
  UPDATE article_stats SET
    longest_claim = max(longest_claim, new."end" - new.start),
    claims_check_worthy = claims_check_worthy + 1,
    claims_checked = claims_checked + EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = new.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved')
            AND o.start >= new.start - article_stats.longest_span AND o.start < new."end" AND o."end" > new.start
            AND 2 * (min(o."end", new."end") - max(o.start, new.start)) >= new."end" - new.start),
    claims_dismissed = claims_dismissed + (NOT EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = new.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved')
            AND o.start >= new.start - article_stats.longest_span AND o.start < new."end" AND o."end" > new.start
            AND 2 * (min(o."end", new."end") - max(o.start, new.start)) >= new."end" - new.start) AND EXISTS (SELECT 1 FROM claim_dismissals d WHERE d.article_id = new.article_id AND d.revision = new.revision AND d.start = new.start AND d."end" = new."end" AND d.undone_at IS NULL))
  WHERE article_id = new.article_id AND revision = new.revision;
END;
--> statement-breakpoint
CREATE TRIGGER claims_stats_delete AFTER DELETE ON claims BEGIN
  UPDATE article_stats SET
    claims_check_worthy = claims_check_worthy - 1,
    claims_checked = claims_checked - EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = old.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved')
            AND o.start >= old.start - article_stats.longest_span AND o.start < old."end" AND o."end" > old.start
            AND 2 * (min(o."end", old."end") - max(o.start, old.start)) >= old."end" - old.start),
    claims_dismissed = claims_dismissed - (NOT EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = old.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved')
            AND o.start >= old.start - article_stats.longest_span AND o.start < old."end" AND o."end" > old.start
            AND 2 * (min(o."end", old."end") - max(o.start, old.start)) >= old."end" - old.start) AND EXISTS (SELECT 1 FROM claim_dismissals d WHERE d.article_id = old.article_id AND d.revision = old.revision AND d.start = old.start AND d."end" = old."end" AND d.undone_at IS NULL))
  WHERE article_id = old.article_id AND revision = old.revision;
END;
--> statement-breakpoint
CREATE TRIGGER claims_stats_update AFTER UPDATE ON claims BEGIN
  UPDATE article_stats SET
    claims_check_worthy = claims_check_worthy - 1,
    claims_checked = claims_checked - EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = old.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved')
            AND o.start >= old.start - article_stats.longest_span AND o.start < old."end" AND o."end" > old.start
            AND 2 * (min(o."end", old."end") - max(o.start, old.start)) >= old."end" - old.start),
    claims_dismissed = claims_dismissed - (NOT EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = old.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved')
            AND o.start >= old.start - article_stats.longest_span AND o.start < old."end" AND o."end" > old.start
            AND 2 * (min(o."end", old."end") - max(o.start, old.start)) >= old."end" - old.start) AND EXISTS (SELECT 1 FROM claim_dismissals d WHERE d.article_id = old.article_id AND d.revision = old.revision AND d.start = old.start AND d."end" = old."end" AND d.undone_at IS NULL))
  WHERE article_id = old.article_id AND revision = old.revision;
  UPDATE article_stats SET
    longest_claim = max(longest_claim, new."end" - new.start),
    claims_check_worthy = claims_check_worthy + 1,
    claims_checked = claims_checked + EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = new.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved')
            AND o.start >= new.start - article_stats.longest_span AND o.start < new."end" AND o."end" > new.start
            AND 2 * (min(o."end", new."end") - max(o.start, new.start)) >= new."end" - new.start),
    claims_dismissed = claims_dismissed + (NOT EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = new.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved')
            AND o.start >= new.start - article_stats.longest_span AND o.start < new."end" AND o."end" > new.start
            AND 2 * (min(o."end", new."end") - max(o.start, new.start)) >= new."end" - new.start) AND EXISTS (SELECT 1 FROM claim_dismissals d WHERE d.article_id = new.article_id AND d.revision = new.revision AND d.start = new.start AND d."end" = new."end" AND d.undone_at IS NULL))
  WHERE article_id = new.article_id AND revision = new.revision;
END;
--> statement-breakpoint
-- Dismissals are rare: the article's claims are recounted.
CREATE TRIGGER claim_dismissals_stats_insert AFTER INSERT ON claim_dismissals BEGIN
  UPDATE article_stats SET (claims_check_worthy, claims_checked, claims_dismissed) = (
  SELECT count(*), coalesce(sum(chk), 0), coalesce(sum(dism AND NOT chk), 0) FROM (
    SELECT EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = c.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved')
            AND o.start >= c.start - article_stats.longest_span AND o.start < c."end" AND o."end" > c.start
            AND 2 * (min(o."end", c."end") - max(o.start, c.start)) >= c."end" - c.start) AS chk,
      EXISTS (SELECT 1 FROM claim_dismissals d WHERE d.article_id = c.article_id AND d.revision = c.revision AND d.start = c.start AND d."end" = c."end" AND d.undone_at IS NULL) AS dism
    FROM claims c WHERE c.article_id = article_stats.article_id AND c.revision = article_stats.revision)) WHERE article_id = new.article_id;
END;
--> statement-breakpoint
CREATE TRIGGER claim_dismissals_stats_delete AFTER DELETE ON claim_dismissals BEGIN
  UPDATE article_stats SET (claims_check_worthy, claims_checked, claims_dismissed) = (
  SELECT count(*), coalesce(sum(chk), 0), coalesce(sum(dism AND NOT chk), 0) FROM (
    SELECT EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = c.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved')
            AND o.start >= c.start - article_stats.longest_span AND o.start < c."end" AND o."end" > c.start
            AND 2 * (min(o."end", c."end") - max(o.start, c.start)) >= c."end" - c.start) AS chk,
      EXISTS (SELECT 1 FROM claim_dismissals d WHERE d.article_id = c.article_id AND d.revision = c.revision AND d.start = c.start AND d."end" = c."end" AND d.undone_at IS NULL) AS dism
    FROM claims c WHERE c.article_id = article_stats.article_id AND c.revision = article_stats.revision)) WHERE article_id = old.article_id;
END;
--> statement-breakpoint
CREATE TRIGGER claim_dismissals_stats_update AFTER UPDATE ON claim_dismissals BEGIN
  UPDATE article_stats SET (claims_check_worthy, claims_checked, claims_dismissed) = (
  SELECT count(*), coalesce(sum(chk), 0), coalesce(sum(dism AND NOT chk), 0) FROM (
    SELECT EXISTS (SELECT 1 FROM annotations o WHERE o.article_id = c.article_id AND o.deleted_at IS NULL AND o.blind = 0 AND o.anchor_state <> 'removed' AND o.anchor_state IN ('unchanged', 'moved')
            AND o.start >= c.start - article_stats.longest_span AND o.start < c."end" AND o."end" > c.start
            AND 2 * (min(o."end", c."end") - max(o.start, c.start)) >= c."end" - c.start) AS chk,
      EXISTS (SELECT 1 FROM claim_dismissals d WHERE d.article_id = c.article_id AND d.revision = c.revision AND d.start = c.start AND d."end" = c."end" AND d.undone_at IS NULL) AS dism
    FROM claims c WHERE c.article_id = article_stats.article_id AND c.revision = article_stats.revision)) WHERE article_id IN (old.article_id, new.article_id);
END;
