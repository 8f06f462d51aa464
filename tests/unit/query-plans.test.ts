// No request reads a whole large table. A database is seeded straight into SQLite (thousands of
// rows in every table) and ANALYZEd; every entry point of db/queries a request can reach is called
// (the list below) while every statement it prepares is captured with its parameters, together
// with the statements inside every trigger. Each one's EXPLAIN QUERY PLAN must be free of:
//   - `SCAN <large table>` without an index: a full table scan;
//   - `SCAN <large table> USING [COVERING] INDEX`, unless the statement has a LIMIT and its plan
//     no temporary B-tree: then it is a walk of an index in the ORDER BY's order that stops after
//     LIMIT rows (the first page of a list), not a read of the table.
// Large tables: every per-article and per-annotation table (users and login_failures are not).
// INSERT … VALUES is not judged by its plan (see scanProblems); the triggers it fires are.
// New query functions are covered once they are called from ENTRY_POINTS.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Statement } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import * as annotationQueries from '@/db/queries/annotations';
import * as articleQueries from '@/db/queries/articles';
import * as claimQueries from '@/db/queries/claims';
import * as loginQueries from '@/db/queries/login-failures';
import { listPackedAnnotations } from '@/db/queries/packed-annotations';
import * as replyQueries from '@/db/queries/replies';
import { loadReportInput } from '@/db/queries/reports';
import * as reviewQueries from '@/db/queries/review';
import * as revisionQueries from '@/db/queries/revisions';
import * as userQueries from '@/db/queries/users';
import { CanonicalText, TextIndex } from '@/lib/document/canonical-text';
import { docFromText } from '@/lib/import/text';
import { DETECTOR_VERSION } from '@/lib/claims/detect';
import type { Viewer } from '@/lib/viewer';
import { prng } from '../support/prng';

const LARGE_TABLES = new Set([
  'articles',
  'article_stats',
  'article_revisions',
  'article_activity_log',
  'annotations',
  'annotation_sources',
  'annotation_events',
  'annotation_replies',
  'article_events',
  'article_assignments',
  'claims',
  'claim_dismissals',
  'second_checks',
  'adjudications',
]);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-plans-'));
const handle = openDatabase(path.join(dir, 'plans.db'));
const { db, sqlite } = handle;
afterAll(() => {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Captured {
  sql: string;
  params: unknown[];
  entry: string;
}
const captured = new Map<string, Captured>();
let currentEntry = 'setup';

/** Records every statement prepared on the handle, with the parameters of its first run. */
function captureStatements() {
  const prepare = sqlite.prepare.bind(sqlite);
  // The connection keeps its statements (db/statement-cache.ts): wrap each one once.
  const seen = new WeakSet<Statement>();
  const wrapped = (source: string): Statement => {
    const statement = prepare(source) as Statement;
    if (seen.has(statement)) return statement;
    seen.add(statement);
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const original = (statement[method] as (...args: unknown[]) => unknown).bind(statement);
      Object.defineProperty(statement, method, {
        value: (...params: unknown[]) => {
          if (!captured.has(source)) captured.set(source, { sql: source, params, entry: currentEntry });
          return original(...params);
        },
      });
    }
    return statement;
  };
  Object.defineProperty(sqlite, 'prepare', { value: wrapped, configurable: true });
}

/** The table each name in a statement stands for (aliases resolved). */
function tablesByName(source: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of source.matchAll(/\b(?:from|join|update|into)\s+["`]?(\w+)["`]?(?:\s+(?:as\s+)?["`]?(\w+)["`]?)?/gi)) {
    names.set(m[1], m[1]);
    if (m[2] && !/^(where|on|set|inner|left|cross|join|order|group|limit|values|select|using|natural)$/i.test(m[2])) names.set(m[2], m[1]);
  }
  return names;
}

/** What is wrong with a statement's plan, or nothing. */
function scanProblems(source: string, plan: string[]): string[] {
  // A plan of INSERT … VALUES scans nothing of its own: its SCANs are SQLite's search for rows of
  // other tables that a new parent row would fix, which runs only while a foreign-key violation
  // is outstanding (OP_FkIfZero skips it otherwise, and the app's constraints are immediate).
  if (/^\s*insert\b/i.test(source) && !/\bselect\b/i.test(source)) return [];
  const names = tablesByName(source);
  const limited = /\blimit\b/i.test(source) && !plan.some((line) => line.includes('USE TEMP B-TREE'));
  return plan.flatMap((line) => {
    const m = /^SCAN (\w+)( USING (?:COVERING )?INDEX \w+)?/.exec(line);
    if (!m) return [];
    const table = names.get(m[1]) ?? m[1];
    if (!LARGE_TABLES.has(table)) return [];
    if (m[2] && limited) return [];
    return [`${line}${m[2] ? ' (an index walked without a LIMIT that stops it, or with a sort after it)' : ' (a full table scan)'}`];
  });
}

function explain(source: string, params: unknown[]): string[] {
  return (sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

/** Every statement inside every trigger, with `new.x`/`old.x` as parameters. */
function triggerStatements(): { name: string; sql: string; params: unknown[] }[] {
  const triggers = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string; sql: string }[];
  return triggers.flatMap(({ name, sql }) => {
    const body = sql.slice(sql.search(/\bBEGIN\b/i) + 5, sql.search(/\bEND\s*$/i));
    return splitStatements(body).map((statement) => {
      const params: unknown[] = [];
      const text = statement.replace(/\b(?:new|old)\.("?\w+"?)/gi, () => {
        params.push(1);
        return '?';
      });
      return { name, sql: text, params };
    });
  });
}

/** Splits at semicolons outside quotes and parentheses. */
function splitStatements(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ';' && depth === 0) {
      out.push(body.slice(from, i).trim());
      from = i + 1;
    }
  }
  return [...out, body.slice(from).trim()].filter(Boolean);
}

// ---- the seeded database ----------------------------------------------------------------------

const ARTICLES = 2000;
const ANNOTATIONS = 12000;
const WORDS = ['dam', 'flood', 'minister', 'budget', 'harbour', 'election', 'drought', 'vaccine', 'strike', 'report', 'figures', 'capital'];
const sampleText = fs.readFileSync(path.join(__dirname, '../../content/sample-article.txt'), 'utf8');

const viewers = {} as Record<'admin' | 'editor' | 'ana' | 'ben', Viewer>;
let target = 0;
let targetText: CanonicalText;

function seed() {
  const rand = prng(3);
  const int = (n: number) => Math.floor(rand() * n);
  sqlite.pragma('synchronous = OFF');
  const user = sqlite.prepare(`INSERT INTO users (email, name, role, password_hash) VALUES (?, ?, ?, 'not-a-hash')`);
  const people: [keyof typeof viewers, Viewer['role']][] = [
    ['admin', 'admin'],
    ['editor', 'editor'],
    ['ana', 'reviewer'],
    ['ben', 'reviewer'],
  ];
  for (const [name, role] of people) {
    const id = Number(user.run(`${name}@plans.test`, name, role).lastInsertRowid);
    viewers[name] = { id, name, email: `${name}@plans.test`, role };
  }
  for (let i = 0; i < 60; i++) user.run(`reviewer-${i}@plans.test`, `Reviewer ${i}`, 'reviewer');
  const text = 'The minister said the dam holds 40 million cubic metres. Critics disputed the figures. '.repeat(20);
  const ins = {
    article: sqlite.prepare(
      `INSERT INTO articles (slug, title, doc, plain_text, text_length, created_by, published_at, archived_at, claims_detector, created_at, updated_at) VALUES (?, ?, '{}', ?, ?, 1, ?, ?, ${DETECTOR_VERSION}, ?, ?)`,
    ),
    revision: sqlite.prepare(`INSERT INTO article_revisions (article_id, number, doc, plain_text, text_length, content_hash, source, title, created_by) VALUES (?, 1, '{}', ?, ?, 'x', 'paste', ?, 1)`),
    annotation: sqlite.prepare(
      `INSERT INTO annotations (article_id, author_id, status, start, "end", exact, anchor_state, blind, deleted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
    ),
    source: sqlite.prepare(`INSERT INTO annotation_sources (annotation_id, url, position) VALUES (?, 'https://example.org/s', 0)`),
    event: sqlite.prepare(`INSERT INTO annotation_events (annotation_id, actor_id, type, to_value, created_at) VALUES (?, ?, 'created', 'verified', ?)`),
    reply: sqlite.prepare(`INSERT INTO annotation_replies (annotation_id, author_id, body) VALUES (?, ?, 'Agreed.')`),
    claim: sqlite.prepare(`INSERT INTO claims (article_id, revision, start, "end", reasons) VALUES (?, 1, ?, ?, '["figure"]')`),
    dismissal: sqlite.prepare(`INSERT INTO claim_dismissals (article_id, revision, start, "end", exact, dismissed_by) VALUES (?, 1, ?, ?, '', ?)`),
    assignment: sqlite.prepare(`INSERT OR IGNORE INTO article_assignments (article_id, user_id, assigned_by) VALUES (?, ?, 2)`),
    articleEvent: sqlite.prepare(`INSERT INTO article_events (article_id, actor_id, type, detail) VALUES (?, 2, 'assigned', '{}')`),
    secondCheck: sqlite.prepare(`INSERT INTO second_checks (article_id, reviewer_id, requested_by, done_at) VALUES (?, ?, 2, ?)`),
  };
  const t0 = Date.now() - 400 * 86_400_000;
  sqlite.transaction(() => {
    for (let i = 0; i < ARTICLES; i++) {
      const title = `${WORDS[int(WORDS.length)]} ${WORDS[int(WORDS.length)]} ${i}`;
      const at = t0 + i * 3_600_000;
      const id = Number(ins.article.run(`seed-${i}`, title, text, text.length, rand() < 0.2 ? null : `2024-${String(1 + int(12)).padStart(2, '0')}-01`, rand() < 0.1 ? at : null, at, at).lastInsertRowid);
      ins.revision.run(id, text, text.length, title);
      for (let c = 0; c < 3; c++) ins.claim.run(id, c * 90, c * 90 + 56);
      if (i % 5 === 0) ins.dismissal.run(id, 90, 146, 3 + int(60));
      ins.assignment.run(id, 3 + int(60));
      ins.articleEvent.run(id);
      if (i % 20 === 0) ins.secondCheck.run(id, 3 + int(60), at);
    }
    for (let i = 0; i < ANNOTATIONS; i++) {
      const start = int(text.length - 200);
      const at = t0 + int(400 * 86_400_000);
      const id = Number(
        ins.annotation.run(1 + int(ARTICLES), 3 + int(60), ['verified', 'disputed', 'needs_source'][int(3)], start, start + 10 + int(150), ['unchanged', 'moved', 'changed', 'removed'][int(4)], rand() < 0.03 ? 1 : 0, rand() < 0.05 ? at : null, at, at)
          .lastInsertRowid,
      );
      ins.event.run(id, 3, at);
      if (i % 3 === 0) ins.source.run(id);
      if (i % 5 === 0) ins.reply.run(id, 3 + int(60));
    }
  })();
  // The article the write paths use, made through the app.
  const created = articleQueries.createArticle(db, viewers.ana, docFromText(sampleText), { title: 'Aleppo airport figures' });
  if (!created.ok) throw new Error(created.error.message);
  target = created.value.id;
  targetText = new CanonicalText(created.value.plainText);
  sqlite.exec('ANALYZE');
}

function passage(word: string, length = 40) {
  const index = TextIndex.fromDoc(docFromText(sampleText));
  const start = index.offsetFromUnit(index.text.indexOf(word));
  const end = start + length;
  return { start, end, ...index.quote(start, end) };
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Every function of db/queries a request reaches, called as requests call them (reads and writes). */
const ENTRY_POINTS: [string, () => unknown][] = [
  ['articles: list by activity, page 1 and 2, after activity moved an article', () => {
    const first = articleQueries.listArticles(db, viewers.ana, { sort: 'activity' }, { limit: 50 });
    const deep = articleQueries.listArticles(db, viewers.ana, { sort: 'activity' }, { limit: 50, after: first.next! });
    const moved = deep.items[10].id;
    annotationQueries.createAnnotation(db, viewers.ana, target, { ...passage('airport'), status: 'verified', note: '', sources: [] });
    sqlite.prepare(`UPDATE annotations SET updated_at = updated_at + 1 WHERE id = (SELECT id FROM annotations WHERE article_id = ? LIMIT 1)`).run(moved);
    return articleQueries.listArticles(db, viewers.ana, { sort: 'activity' }, { limit: 50, after: first.next! });
  }],
  ['articles: list by published date through the undated ones', () => {
    let after: articleQueries.ArticleCursor | undefined;
    for (let i = 0; i < 3; i++) after = articleQueries.listArticles(db, viewers.ana, { sort: 'published' }, { limit: 50, after }).next ?? undefined;
    return articleQueries.listArticles(db, viewers.ana, { sort: 'published' }, { limit: 50, after: { sort: 'published', publishedAt: null, id: 900 } });
  }],
  ['articles: list with archived ones, both orders', () => {
    articleQueries.listArticles(db, viewers.ana, { sort: 'activity', includeArchived: true }, { limit: 50, after: { sort: 'activity', at: Date.now(), id: 5, seq: 0, since: Date.now() } });
    return articleQueries.listArticles(db, viewers.ana, { sort: 'published', includeArchived: true }, { limit: 50, after: { sort: 'published', publishedAt: '2024-06-01', id: 5 } });
  }],
  ['articles: title search, both orders, matching few articles (read from the index) and many (the list walked)', () => {
    articleQueries.listArticles(db, viewers.ana, { match: '"dam" "flo"*', sort: 'activity' }, { limit: 20, after: { sort: 'activity', at: Date.now(), id: 999, seq: 0, since: Date.now() } });
    articleQueries.listArticles(db, viewers.ana, { match: '"dam"*', sort: 'activity' }, { limit: 20 });
    articleQueries.listArticles(db, viewers.ana, { match: '"dam"*', sort: 'activity' }, { limit: 20, after: { sort: 'activity', at: Date.now(), id: 999, seq: 0, since: Date.now() } });
    return articleQueries.listArticles(db, viewers.ana, { match: '"minister"*', sort: 'published' }, { limit: 20 });
  }],
  ['articles: assigned to me, with and without a search', () => {
    const me = { ...viewers.ana, id: 5 };
    articleQueries.listArticles(db, me, { assignedToMe: true, sort: 'activity' }, { limit: 20 });
    return articleQueries.listArticles(db, me, { assignedToMe: true, match: '"dam"*', sort: 'published' }, { limit: 20 });
  }],
  ['articles: get, text, title, by slug, by source URL', () => {
    articleQueries.getArticle(db, viewers.ana, target);
    articleQueries.getArticleText(db, viewers.ana, target);
    articleQueries.forgetArticleText(db, target);
    articleQueries.getArticleCanonicalText(db, viewers.ana, target);
    articleQueries.getArticleTitle(db, target);
    articleQueries.findArticleBySlug(db, 'seed-5');
    return articleQueries.findArticleBySourceUrl(db, 'https://example.org/a');
  }],
  ['articles: create, change metadata, archive, delete', () => {
    const made = unwrap(articleQueries.createArticle(db, viewers.ben, docFromText('A short article about the dam.\n\nIt has two paragraphs.'), { title: 'Dam report', sourceUrl: 'https://example.org/a' }));
    articleQueries.updateArticleMeta(db, viewers.ben, made.id, { title: 'Dam report (corrected)', sourceUrl: 'https://example.org/b', publishedAt: '2024-02-02' });
    articleQueries.updateArticleMeta(db, viewers.ben, made.id, { archived: true });
    return articleQueries.deleteArticle(db, viewers.ben, made.id);
  }],
  ['annotations: list, a page, the next page into removed ones, changes since', () => {
    annotationQueries.listAnnotations(db, viewers.ana, 7);
    const page = unwrap(annotationQueries.listAnnotationsPage(db, viewers.ana, 7, {}, { limit: 2 }));
    annotationQueries.listAnnotationsPage(db, viewers.ana, 7, { statuses: ['verified'], authorId: 5 }, { limit: 2, after: page.next! });
    annotationQueries.listAnnotationsPage(db, viewers.ana, 7, {}, { limit: 2, after: { removed: true, start: 0, end: 0, id: 0 } });
    return annotationQueries.listAnnotationChanges(db, viewers.ana, 7, Date.now() - 86_400_000);
  }],
  ['annotations: create, get, update, reconfirm, delete, history', () => {
    const made = unwrap(annotationQueries.createAnnotation(db, viewers.ana, target, { ...passage('airport', 30), status: 'disputed', note: 'Check', sources: [{ url: 'https://example.org/s', title: null }] }));
    annotationQueries.getAnnotation(db, viewers.ana, made.id);
    annotationQueries.getAnnotationArticle(db, viewers.ana, made.id);
    annotationQueries.updateAnnotation(db, viewers.ana, made.id, { status: 'verified', note: 'Checked', sources: [] }, { version: made.version });
    annotationQueries.reconfirmAnnotation(db, viewers.ana, made.id, { range: { ...passage('airport', 20) } }, {});
    annotationQueries.listAnnotationHistory(db, viewers.ana, made.id);
    const page = unwrap(annotationQueries.listAnnotationHistoryPage(db, viewers.ana, made.id, { limit: 1 }));
    annotationQueries.listAnnotationHistoryPage(db, viewers.ana, made.id, { limit: 1, after: page.next! });
    return annotationQueries.deleteAnnotation(db, viewers.ana, made.id, {});
  }],
  ['annotations: the article page first render', () => listPackedAnnotations(db, viewers.ana, target, 1, targetText)],
  ['revisions: list, get, current, preview, add', () => {
    revisionQueries.listRevisions(db, viewers.ana, target);
    revisionQueries.getRevision(db, viewers.ana, target, 1);
    revisionQueries.getCurrentRevision(db, viewers.ana, target);
    revisionQueries.articleSource(db, target);
    const doc = docFromText(sampleText.replace('airport', 'air base'));
    revisionQueries.previewRevision(db, viewers.ana, target, { doc, meta: {}, source: 'paste', baseRevision: 1 });
    const added = revisionQueries.addRevision(db, viewers.ana, target, { doc, meta: { title: 'Aleppo air base figures' }, source: 'paste', baseRevision: 1 });
    targetText = new CanonicalText(unwrap(articleQueries.getArticle(db, viewers.ana, target)).plainText);
    return added;
  }],
  ['reports: the report input', () => loadReportInput(db, viewers.ana, target, { statuses: ['verified'] }, 'http://localhost')],
  ['users: a page of accounts, look-ups, a new account, sign-in, changes', async () => {
    const page = unwrap(userQueries.listUsersPage(db, viewers.admin, { limit: 10 }));
    userQueries.listUsersPage(db, viewers.admin, { limit: 10, after: page.next! });
    userQueries.getUserById(db, viewers.ben.id);
    userQueries.findUserByEmail(db, 'ben@plans.test');
    await userQueries.createUser(db, { email: 'new@plans.test', name: 'New', role: 'reviewer', password: 'long enough password' });
    await userQueries.verifyCredentials(db, 'new@plans.test', 'long enough password');
    await userQueries.updateUser(db, viewers.admin, viewers.ben.id, { name: 'Ben B.', role: 'reviewer' });
    return userQueries.signOutEverywhere(db, viewers.admin, viewers.ben.id);
  }],
  ['sign-in limits', () => {
    loginQueries.beginLoginAttempt(db, 'ben@plans.test', '10.0.0.1');
    loginQueries.countLoginAttempts(db, 'ben@plans.test');
    loginQueries.loginLockMinutes(db, 'ben@plans.test', '10.0.0.1');
    return loginQueries.loginSucceeded(db, 'ben@plans.test', '10.0.0.1');
  }],
  ['claims: list, dismiss, restore', () => {
    const claims = unwrap(claimQueries.listClaims(db, viewers.ana, target));
    const first = claims.claims[0];
    if (!first) return claims;
    const dismissed = claimQueries.dismissClaim(db, viewers.ana, target, { start: first.start, end: first.end });
    return dismissed.ok && dismissed.value.dismissal ? claimQueries.restoreClaim(db, viewers.ana, dismissed.value.dismissal.id) : dismissed;
  }],
  ['replies: create, list, get, edit, delete', () => {
    const on = unwrap(annotationQueries.createAnnotation(db, viewers.ben, target, { ...passage('figures', 12), status: 'needs_source', note: '', sources: [] }));
    const reply = unwrap(replyQueries.createReply(db, viewers.ana, on.id, { body: 'Source?' }));
    replyQueries.listReplies(db, viewers.ana, on.id);
    replyQueries.listRepliesFor(db, viewers.ana, [on.id, 5, 6]);
    replyQueries.getReply(db, viewers.ana, reply.id);
    replyQueries.updateReply(db, viewers.ana, reply.id, 'Source, please?');
    return replyQueries.deleteReply(db, viewers.ana, reply.id);
  }],
  ['review: assign, read, second check, agreement, adjudicate, sign off, reopen', () => {
    reviewQueries.assignReviewers(db, viewers.editor, target, { add: [viewers.ana.id, viewers.ben.id], remove: [] });
    reviewQueries.getReview(db, viewers.ana, target);
    reviewQueries.getReviewSummary(db, viewers.ana, target);
    reviewQueries.listBlockingItems(db, viewers.editor, target);
    reviewQueries.requestSecondCheck(db, viewers.editor, target, { reviewerId: viewers.ben.id });
    annotationQueries.createAnnotation(db, viewers.ben, target, { ...passage('airport', 25), status: 'disputed', note: '', sources: [] });
    reviewQueries.finishSecondCheck(db, viewers.ben, target);
    reviewQueries.getAgreement(db, viewers.editor, target);
    reviewQueries.adjudicate(db, viewers.editor, target, { decision: 'drop', secondAnnotationId: 1 });
    reviewQueries.signOff(db, viewers.editor, target, { reason: 'Checked enough for publication.' });
    return reviewQueries.reopenReview(db, viewers.editor, target, { reason: 'A reader wrote in.' });
  }],
];

beforeAll(async () => {
  seed();
  captureStatements();
  for (const [name, call] of ENTRY_POINTS) {
    currentEntry = name;
    await call();
  }
}, 120_000);

describe('query plans on a seeded database', () => {
  it('the rule catches a full scan and an unbounded index walk', () => {
    const full = 'SELECT id FROM annotations WHERE note = ?';
    expect(scanProblems(full, explain(full, ['x']))).toHaveLength(1);
    const walk = 'SELECT s.article_id FROM article_stats s WHERE s.archived = 0 ORDER BY s.last_activity_at DESC';
    expect(scanProblems(walk, explain(walk, []))).toHaveLength(1);
    const page = `${walk} LIMIT 50`;
    expect(scanProblems(page, explain(page, []))).toEqual([]);
  });

  it('every statement the entry points ran reads its rows by index', () => {
    const statements = [...captured.values()].filter((c) => /^\s*(select|insert|update|delete|with)\b/i.test(c.sql));
    expect(statements.length).toBeGreaterThan(100);
    const problems = statements.flatMap((c) => scanProblems(c.sql, explain(c.sql, c.params)).map((p) => `${c.entry}\n  ${c.sql.slice(0, 300)}\n  → ${p}`));
    expect(problems).toEqual([]);
  });

  it('every statement inside every trigger reads its rows by index', () => {
    const statements = triggerStatements();
    expect(statements.length).toBeGreaterThan(15);
    const problems = statements.flatMap((s) => scanProblems(s.sql, explain(s.sql, s.params)).map((p) => `trigger ${s.name}\n  ${s.sql.slice(0, 300)}\n  → ${p}`));
    expect(problems).toEqual([]);
  });
});
