// The articles list's pages on a fresh SQLite file: by activity, a page after the first keeps the
// order of the first page, so every article is listed once even when activity moves articles
// past the page reached — and, once the snapshot is too old to keep, no article twice; by
// published date, undated articles last.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { listArticles, SNAPSHOT_MS, type ArticleCursor } from '@/db/queries/articles';
import type { Viewer } from '@/lib/viewer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-list-'));
const { db, sqlite } = openDatabase(path.join(dir, 'list.db'));
sqlite.pragma('synchronous = OFF');
afterAll(() => {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

sqlite.prepare(`INSERT INTO users (email, name, password_hash) VALUES ('ana@x.test', 'Ana', 'not-a-hash')`).run();
const viewer: Viewer = { id: 1, name: 'Ana', email: 'ana@x.test', role: 'reviewer' };
const insertArticle = sqlite.prepare(`INSERT INTO articles (slug, title, doc, plain_text, text_length, created_by, published_at, updated_at) VALUES (?, ?, '{}', 'Some text.', 10, 1, ?, ?)`);
const ids = Array.from({ length: 30 }, (_, i) => Number(insertArticle.run(`a-${i}`, `Article ${i}`, i % 3 ? `2024-01-${String(10 + (i % 15)).padStart(2, '0')}` : null, 1000 + i * 10).lastInsertRowid));
let clock = 10_000;
/** A verdict on an article now: its activity moves it to the top of the list. */
const annotate = (articleId: number) =>
  sqlite.prepare(`INSERT INTO annotations (article_id, author_id, status, start, "end", exact, updated_at) VALUES (?, 1, 'verified', 0, 4, 'Some', ?)`).run(articleId, ++clock);

/** Pages through the list by activity; after `page`, annotates the article `pick` chooses among those not listed yet, and one listed. */
function pageThrough(now: (page: number) => number, pick: (unseen: number[]) => number | undefined) {
  const listed: number[] = [];
  let after: ArticleCursor | undefined;
  let page = 0;
  do {
    const result = listArticles(db, viewer, { sort: 'activity' }, { limit: 4, after }, now(page));
    listed.push(...result.items.map((a) => a.id));
    after = result.next ?? undefined;
    page++;
    const unseen = ids.filter((id) => !listed.includes(id));
    const moved = pick(unseen);
    if (moved !== undefined) {
      annotate(moved);
      annotate(listed[0]);
    }
  } while (after);
  return listed;
}

describe('the list by activity, paged while activity changes', () => {
  it('lists every article exactly once although unlisted ones move to the top', () => {
    const start = Date.now();
    const listed = pageThrough(
      () => start,
      (unseen) => unseen[unseen.length - 1],
    );
    expect(listed).toHaveLength(ids.length);
    expect(new Set(listed)).toEqual(new Set(ids));
  });

  it('after the snapshot time, still lists none twice, but an article that moved past the page reached is not listed', () => {
    const start = Date.now();
    let movedAway: number | undefined;
    const listed = pageThrough(
      (page) => (page === 0 ? start : start + SNAPSHOT_MS + 1),
      (unseen) => (movedAway === undefined && unseen.length > 10 ? (movedAway = unseen[unseen.length - 1]) : undefined),
    );
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).not.toContain(movedAway);
    expect(listed).toHaveLength(ids.length - 1);
  });
});

describe('a pending blind second check', () => {
  it('shows the second reviewer the counts and coverage of their own verdicts only, and the others none of theirs', () => {
    const bea: Viewer = { id: Number(sqlite.prepare(`INSERT INTO users (email, name, password_hash) VALUES ('bea@x.test', 'Bea', 'not-a-hash')`).run().lastInsertRowid), name: 'Bea', email: 'bea@x.test', role: 'reviewer' };
    const articleId = Number(insertArticle.run('blind-check', 'Blind check', '2023-01-01', ++clock).lastInsertRowid);
    const verdict = sqlite.prepare(`INSERT INTO annotations (article_id, author_id, status, start, "end", exact, blind, second_check, updated_at) VALUES (?, ?, ?, ?, ?, 'x', ?, ?, ?)`);
    verdict.run(articleId, 1, 'disputed', 0, 4, 0, 0, ++clock);
    verdict.run(articleId, 1, 'disputed', 5, 9, 0, 0, ++clock);
    sqlite.prepare('INSERT INTO second_checks (article_id, reviewer_id, requested_by) VALUES (?, ?, 1)').run(articleId, bea.id);
    verdict.run(articleId, bea.id, 'verified', 0, 2, 1, 1, ++clock);
    const row = (who: Viewer) => listArticles(db, who, { sort: 'published' }, { limit: 50 }).items.find((a) => a.id === articleId)!;
    expect(row(bea)).toMatchObject({ counts: { verified: 1, disputed: 0, needs_source: 0 }, coverage: 0.2 });
    expect(row(viewer)).toMatchObject({ counts: { verified: 0, disputed: 2, needs_source: 0 }, coverage: 0.8 });
  });
});

describe('a search matching many articles', () => {
  it('pages through the matches in order, read by walking the list (a twentieth or more match)', () => {
    const add = sqlite.transaction(() => {
      for (let i = 0; i < 1000; i++) insertArticle.run(`bulk-${i}`, i % 8 === 0 ? `Quokka census ${i}` : `Wombat census ${i}`, i % 2 ? '2023-05-05' : null, 50_000 + (i % 97) * 10);
    });
    add();
    const expected = sqlite
      .prepare(`SELECT s.article_id AS id FROM article_stats s JOIN articles a ON a.id = s.article_id WHERE a.title LIKE 'Quokka%' ORDER BY s.last_activity_at DESC, s.article_id DESC`)
      .pluck()
      .all() as number[];
    expect(expected).toHaveLength(125);
    for (const sort of ['activity', 'published'] as const) {
      const listed: number[] = [];
      let after: ArticleCursor | undefined;
      do {
        const result = listArticles(db, viewer, { sort, match: '"quokka"*' }, { limit: 40, after });
        listed.push(...result.items.map((a) => a.id));
        after = result.next ?? undefined;
      } while (after);
      if (sort === 'activity') expect(listed).toEqual(expected);
      else expect([...listed].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    }
  });
});

describe('the list by published date', () => {
  it('lists dated articles newest first, then undated ones, each once', () => {
    const listed: { id: number; publishedAt: string | null }[] = [];
    let after: ArticleCursor | undefined;
    do {
      const result = listArticles(db, viewer, { sort: 'published' }, { limit: 7, after });
      listed.push(...result.items);
      after = result.next ?? undefined;
    } while (after);
    expect(new Set(listed.map((a) => a.id)).size).toBe(listed.length);
    expect(listed.map((a) => a.id).filter((id) => ids.includes(id)).sort((a, b) => a - b)).toEqual(ids);
    const dates = listed.map((a) => a.publishedAt);
    const undated = dates.indexOf(null);
    expect(dates.slice(undated).every((d) => d === null)).toBe(true);
    expect(dates.slice(0, undated).every((d, i, all) => i === 0 || all[i - 1]! >= d!)).toBe(true);
  });
});
