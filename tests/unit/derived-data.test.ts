// Derived article data (article_stats) and the title index on a fresh SQLite file, with rows
// written straight into SQLite as a restore or a bulk load would: the triggers keep every count
// right through random inserts, edits, deletions, blind flips, claims, dismissals and revisions;
// then the data is corrupted and db:rebuild's function puts it right again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { listArticles } from '@/db/queries/articles';
import { rebuildDerivedData } from '@/db/rebuild';
import { DETECTOR_VERSION } from '@/lib/claims/detect';
import { titleMatch } from '@/lib/title-search';
import type { Viewer } from '@/lib/viewer';
import { prng } from '../support/prng';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-derived-'));
const handle = openDatabase(path.join(dir, 'derived.db'));
const { sqlite, db } = handle;
// Each write here is its own transaction; waiting for the disk on each would only slow the test.
sqlite.pragma('synchronous = OFF');
afterAll(() => {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const STATES = ['unchanged', 'moved', 'changed', 'removed'] as const;
const STATUSES = ['verified', 'disputed', 'needs_source'] as const;

interface Row {
  [k: string]: number | string | null;
}

/** The derived data of one article, computed here from its rows with the rules the issue states. */
function expected(articleId: number) {
  const article = sqlite.prepare('SELECT updated_at, revision FROM articles WHERE id = ?').get(articleId) as Row;
  const all = sqlite.prepare('SELECT * FROM annotations WHERE article_id = ?').all(articleId) as Row[];
  const live = all.filter((a) => a.deleted_at === null && a.blind === 0);
  const placed = live.filter((a) => a.anchor_state !== 'removed').sort((a, b) => Number(a.start) - Number(b.start));
  let covered = 0;
  let reach = -1;
  for (const a of placed) {
    const from = Math.max(Number(a.start), reach);
    if (Number(a.end) > from) covered += Number(a.end) - from;
    reach = Math.max(reach, Number(a.end));
  }
  const claims = sqlite.prepare('SELECT start, "end" FROM claims WHERE article_id = ? AND revision = ?').all(articleId, article.revision) as { start: number; end: number }[];
  const dismissals = sqlite.prepare('SELECT start, "end" FROM claim_dismissals WHERE article_id = ? AND revision = ? AND undone_at IS NULL').all(articleId, article.revision) as { start: number; end: number }[];
  const checking = live.filter((a) => a.anchor_state === 'unchanged' || a.anchor_state === 'moved');
  let checked = 0;
  let dismissed = 0;
  for (const c of claims) {
    const byVerdict = checking.some((a) => {
      const overlap = Math.min(Number(a.end), c.end) - Math.max(Number(a.start), c.start);
      return overlap > 0 && 2 * overlap >= c.end - c.start;
    });
    if (byVerdict) checked++;
    else if (dismissals.some((d) => d.start === c.start && d.end === c.end)) dismissed++;
  }
  return {
    verified: live.filter((a) => a.status === 'verified').length,
    disputed: live.filter((a) => a.status === 'disputed').length,
    needsSource: live.filter((a) => a.status === 'needs_source').length,
    covered,
    lastActivity: Math.max(Number(article.updated_at), ...all.filter((a) => a.blind === 0).map((a) => Number(a.updated_at))),
    claims: { checkWorthy: claims.length, checked, dismissed },
  };
}

function stored(articleId: number) {
  const s = sqlite.prepare('SELECT * FROM article_stats WHERE article_id = ?').get(articleId) as Row | undefined;
  if (!s) return undefined;
  return {
    verified: s.verified_count,
    disputed: s.disputed_count,
    needsSource: s.needs_source_count,
    covered: s.covered_length,
    lastActivity: s.last_activity_at,
    claims: { checkWorthy: s.claims_check_worthy, checked: s.claims_checked, dismissed: s.claims_dismissed },
  };
}

const articleIds = () => sqlite.prepare('SELECT id FROM articles ORDER BY id').pluck().all() as number[];
const mismatches = () => articleIds().filter((id) => JSON.stringify(stored(id)) !== JSON.stringify(expected(id)));

sqlite.prepare(`INSERT INTO users (email, name, password_hash, role) VALUES ('desk@x.test', 'Desk', 'not-a-hash', 'admin')`).run();
const viewer: Viewer = { id: 1, name: 'Desk', email: 'desk@x.test', role: 'admin' };
// Claims as the current detector's, so that rebuild's claim backfill leaves the ones inserted here alone.
const insertArticle = sqlite.prepare(
  `INSERT INTO articles (id, slug, title, doc, plain_text, text_length, created_by, updated_at, claims_detector) VALUES (?, ?, ?, '{}', '', 5000, 1, ?, ${DETECTOR_VERSION})`,
);
const insertAnnotation = sqlite.prepare(
  `INSERT INTO annotations (article_id, author_id, status, start, "end", exact, anchor_state, blind, deleted_at, updated_at) VALUES (?, 1, ?, ?, ?, '', ?, ?, ?, ?)`,
);
const insertClaim = sqlite.prepare(`INSERT INTO claims (article_id, revision, start, "end", reasons) VALUES (?, ?, ?, ?, '[]')`);
const insertDismissal = sqlite.prepare(`INSERT INTO claim_dismissals (article_id, revision, start, "end", exact, dismissed_by) VALUES (?, ?, ?, ?, '', 1)`);
const TITLES = ['Dam report from the valley', 'Minister disputes flood figures', 'Málaga port expansion', 'Unemployment at a record low', 'The dam and the drought'];

describe('derived article data kept by triggers', () => {
  it('counts a bulk load that inserts each article row after its annotations (foreign keys off)', () => {
    const rand = prng(7);
    sqlite.pragma('foreign_keys = OFF');
    sqlite.transaction(() => {
      for (let id = 1; id <= 6; id++) {
        for (let i = 0; i < 40; i++) {
          const start = Math.floor(rand() * 4800);
          insertAnnotation.run(id, STATUSES[i % 3], start, start + 1 + Math.floor(rand() * 180), STATES[Math.floor(rand() * 4)], rand() < 0.15 ? 1 : 0, rand() < 0.1 ? 5 : null, 1000 + i * id);
        }
        for (let c = 0; c < 12; c++) insertClaim.run(id, 1, c * 400, c * 400 + 150 + (c % 3) * 40);
        insertDismissal.run(id, 1, 800, 950);
        insertArticle.run(id, `a-${id}`, TITLES[id % TITLES.length], 900 + id);
      }
    })();
    sqlite.pragma('foreign_keys = ON');
    expect(mismatches()).toEqual([]);
    // Hidden blind verdicts are in the table but in no count.
    const blind = sqlite.prepare('SELECT count(*) FROM annotations WHERE blind = 1 AND deleted_at IS NULL').pluck().get() as number;
    expect(blind).toBeGreaterThan(0);
    const counted = sqlite.prepare('SELECT sum(verified_count + disputed_count + needs_source_count) FROM article_stats').pluck().get();
    expect(counted).toBe(sqlite.prepare('SELECT count(*) FROM annotations WHERE blind = 0 AND deleted_at IS NULL').pluck().get());
  });

  it('stays right through 600 random writes straight into SQLite', () => {
    const rand = prng(11);
    const annotationIdsOf = sqlite.prepare('SELECT id FROM annotations WHERE article_id = ?').pluck();
    const revisionOf = sqlite.prepare('SELECT revision FROM articles WHERE id = ?').pluck();
    const moveAnnotation = sqlite.prepare('UPDATE annotations SET start = ?, "end" = ?, updated_at = ? WHERE id = ?');
    const softDelete = sqlite.prepare('UPDATE annotations SET deleted_at = ?, updated_at = ? WHERE id = ?');
    const setStateAndStatus = sqlite.prepare('UPDATE annotations SET anchor_state = ?, status = ? WHERE id = ?');
    const flipBlind = sqlite.prepare('UPDATE annotations SET blind = 1 - blind WHERE id = ?');
    const hardDelete = sqlite.prepare('DELETE FROM annotations WHERE id = ?');
    const undoDismissal = sqlite.prepare('UPDATE claim_dismissals SET undone_at = ? WHERE article_id = ? AND start = ? AND undone_at IS NULL');
    const deleteLastClaim = sqlite.prepare('DELETE FROM claims WHERE id = (SELECT max(id) FROM claims WHERE article_id = ?)');
    const newRevision = sqlite.prepare('UPDATE articles SET revision = revision + 1, updated_at = ? WHERE id = ?');
    const carryTo = sqlite.prepare('UPDATE annotations SET revision = ?, anchor_state = CASE WHEN id % 5 = 0 THEN \'removed\' ELSE anchor_state END WHERE article_id = ?');
    const touchArticle = sqlite.prepare('UPDATE articles SET updated_at = ?, archived_at = ? WHERE id = ?');
    const retitle = sqlite.prepare('UPDATE articles SET title = ? WHERE id = ?');
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
    let clock = 5000;
    for (let k = 0; k < 600; k++) {
      const articleId = 1 + Math.floor(rand() * 6);
      const ids = annotationIdsOf.all(articleId) as number[];
      const id = pick(ids);
      const start = Math.floor(rand() * 4800);
      const revision = revisionOf.get(articleId) as number;
      clock += 1 + Math.floor(rand() * 10);
      switch (Math.floor(rand() * 11)) {
        case 0:
          insertAnnotation.run(articleId, pick(STATUSES), start, start + 1 + Math.floor(rand() * 300), pick(STATES), rand() < 0.2 ? 1 : 0, null, clock);
          break;
        case 1:
          moveAnnotation.run(start, start + 1 + Math.floor(rand() * 250), clock, id);
          break;
        case 2:
          softDelete.run(clock, clock, id);
          break;
        case 3:
          setStateAndStatus.run(pick(STATES), pick(STATUSES), id);
          break;
        case 4:
          // A second check ends (blind cleared) or, outside the app, starts hiding a verdict.
          flipBlind.run(id);
          break;
        case 5:
          hardDelete.run(id);
          break;
        case 6: {
          const c = Math.floor(rand() * 12) * 400;
          if (rand() < 0.5) insertDismissal.run(articleId, revision, c, c + 150);
          else undoDismissal.run(clock, articleId, c);
          break;
        }
        case 7:
          if (rand() < 0.5) insertClaim.run(articleId, revision, 4900 + Math.floor(rand() * 50), 4960);
          else deleteLastClaim.run(articleId);
          break;
        case 8: {
          // A new revision: its claims, the verdicts carried to it.
          newRevision.run(clock, articleId);
          for (let c = 0; c < 8; c++) insertClaim.run(articleId, revision + 1, c * 550, c * 550 + 200);
          carryTo.run(revision + 1, articleId);
          break;
        }
        case 9:
          // updated_at may also go back (a restore of an older row).
          touchArticle.run(clock - Math.floor(rand() * 3000), rand() < 0.3 ? clock : null, articleId);
          break;
        default:
          retitle.run(`${pick(TITLES)} ${k}`, articleId);
      }
    }
    expect(mismatches()).toEqual([]);
  });

  it('searches titles by words through the FTS index, accents and case ignored, the last word as a prefix', () => {
    insertArticle.run(100, 'malaga', 'Málaga harbour expansion reviewed', 100);
    insertArticle.run(101, 'airport', 'New airport terminal opens', 101);
    const titles = (q: string) => {
      const match = titleMatch(q);
      if (!match.ok) throw new Error(match.error.message);
      return listArticles(db, viewer, { match: match.value, includeArchived: true }, { limit: 200 }).items.map((a) => a.title);
    };
    expect(titles('MALAGA harbour')).toEqual(['Málaga harbour expansion reviewed']);
    expect(titles('malaga harb')).toEqual(['Málaga harbour expansion reviewed']);
    // Words, not substrings: "port" is not found inside "airport".
    expect(titles('port terminal')).toEqual([]);
    expect(titles('airport')).toEqual(['New airport terminal opens']);
  });
});

describe('npm run db:rebuild', () => {
  it('puts corrupted counts, coverage, claim coverage, activity and the title index right again', async () => {
    const before = articleIds().map((id) => expected(id));
    expect(mismatches()).toEqual([]);
    // What a bulk load with the triggers off would leave behind.
    sqlite.exec(`UPDATE article_stats SET verified_count = 99, covered_length = 0, claims_checked = 42, last_activity_at = 1 WHERE article_id IN (1, 2, 3)`);
    sqlite.exec(`DELETE FROM article_stats WHERE article_id = 4`);
    sqlite.exec(`INSERT INTO articles_fts (articles_fts, rowid, title) SELECT 'delete', id, title FROM articles WHERE id = 100`);
    expect(mismatches()).toEqual([1, 2, 3, 4]);
    expect(listArticles(db, viewer, { match: '"harbour"*', includeArchived: true }, { limit: 10 }).items).toEqual([]);

    const summary = await rebuildDerivedData(handle);
    expect(summary).toMatchObject({ articles: articleIds().length, corrected: 4, claimsBackfilled: 0 });
    expect(mismatches()).toEqual([]);
    expect(articleIds().map((id) => expected(id))).toEqual(before);
    expect(listArticles(db, viewer, { match: '"harbour"*', includeArchived: true }, { limit: 10 }).items.map((a) => a.id)).toEqual([100]);
    // A second run finds nothing to correct.
    expect((await rebuildDerivedData(handle)).corrected).toBe(0);
  });
});
