// The revisions query module on a fresh SQLite file: a new revision and the carry of every
// annotation are one transaction (a failure half-way leaves nothing changed), flags are never
// cleared by a later revision, and a migrated database keeps every article's text as revision 1.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { createAnnotation, listAnnotations } from '@/db/queries/annotations';
import { createArticle, getArticle } from '@/db/queries/articles';
import { addRevision, listRevisions } from '@/db/queries/revisions';
import { createUser } from '@/db/queries/users';
import { TextIndex } from '@/lib/document/canonical-text';
import { docFromText } from '@/lib/import/text';
import { contentHash } from '@/lib/revisions/hash';
import type { Viewer } from '@/lib/viewer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-rev-'));
const { db, sqlite } = openDatabase(path.join(dir, 'test.db'));
let ana: Viewer;
let articleId: number;
const v1 = 'The dam supplies two million people in the region.\n\nOfficials said water levels fell by 40 percent this year.\n\nEngineers expect a slow recovery over the winter months.';

function annotate(text: string, passage: string) {
  const index = TextIndex.fromDoc(docFromText(text));
  const start = index.offsetFromUnit(index.text.indexOf(passage));
  const end = start + [...passage].length;
  const r = createAnnotation(db, ana, articleId, { start, end, status: 'verified', note: '', sources: [], ...index.quote(start, end) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.id;
}

function revise(text: string, base: number) {
  return addRevision(db, ana, articleId, { doc: docFromText(text), meta: {}, source: 'paste', baseRevision: base });
}

beforeAll(async () => {
  const r = await createUser(db, { email: 'ana@x.test', name: 'Ana', role: 'reviewer', password: 'long enough pw' });
  if (!r.ok) throw new Error(r.error.message);
  ana = { id: r.value.id, name: 'Ana', email: 'ana@x.test', role: 'reviewer' };
  const a = createArticle(db, ana, docFromText(v1), { title: 'Dam' });
  if (!a.ok) throw new Error(a.error.message);
  articleId = a.value.id;
});
afterAll(() => {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('addRevision', () => {
  it('changes nothing when the carry fails half-way through its transaction', () => {
    const first = annotate(v1, 'two million people');
    const second = annotate(v1, 'fell by 40 percent');
    const before = { article: getArticle(db, ana, articleId), annotations: listAnnotations(db, ana, articleId), revisions: listRevisions(db, ana, articleId) };
    // Make the update of the second annotation fail after the first was written.
    sqlite.exec(`CREATE TEMP TRIGGER fail_carry BEFORE UPDATE OF revision ON annotations WHEN NEW.id = ${second} BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    expect(() => revise(v1.replace('40 percent', '35 percent'), 1)).toThrow(/disk on fire/);
    sqlite.exec('DROP TRIGGER fail_carry');
    expect({ article: getArticle(db, ana, articleId), annotations: listAnnotations(db, ana, articleId), revisions: listRevisions(db, ana, articleId) }).toEqual(before);
    expect(first).toBeLessThan(second);
  });

  it('keeps a stale verdict stale through a later revision that leaves its words alone', () => {
    const v2 = v1.replace('40 percent', '35 percent');
    const added = revise(v2, 1);
    expect(added.ok && !added.value.unchanged && added.value.carried).toEqual({ unchanged: 1, moved: 0, changed: 1, removed: 0 });
    const v3 = v2.replace('Engineers expect', 'Hydrologists expect');
    const again = revise(v3, 2);
    expect(again.ok && !again.value.unchanged && again.value.carried).toEqual({ unchanged: 1, moved: 0, changed: 1, removed: 0 });
    const list = listAnnotations(db, ana, articleId);
    if (!list.ok) throw new Error(list.error.message);
    const stale = list.value.find((a) => a.anchor.state === 'changed')!;
    // Still what the verdict was made on, in the revision it was made in.
    expect(stale.anchor).toEqual({ revision: 3, state: 'changed', previousExact: 'fell by 40 percent', previousRevision: 1 });
    expect(stale.exact).toBe('fell by 35 percent');
  });

  it('refuses a version made against an older revision', () => {
    const r = revise('Entirely new text of the article.', 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'revision_conflict', details: { currentRevision: 3 } });
  });
});

describe('the revisions migration', () => {
  it('turns every existing article into revision 1 with its hash, losing nothing', () => {
    // A database as the previous release left it: migrations 0000 and 0001 only.
    const file = path.join(dir, 'old.db');
    const old = new Database(file);
    const folder = path.join(process.cwd(), 'drizzle');
    for (const name of ['0000_init.sql', '0001_article_text_length.sql']) {
      for (const stmt of fs.readFileSync(path.join(folder, name), 'utf8').split('--> statement-breakpoint')) if (stmt.trim()) old.exec(stmt);
    }
    old.exec(`CREATE TABLE "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`);
    const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
    for (const e of journal.entries.slice(0, 2)) {
      old.prepare('INSERT INTO "__drizzle_migrations" (hash, created_at) VALUES (?, ?)').run(crypto.createHash('sha256').update(fs.readFileSync(path.join(folder, `${e.tag}.sql`), 'utf8')).digest('hex'), e.when);
    }
    old.prepare("INSERT INTO users (email, name, role, password_hash) VALUES ('old@x.test', 'Old', 'reviewer', 'x')").run();
    const text = 'An article 😀 from before revisions.\n\nSecond paragraph.';
    old.prepare("INSERT INTO articles (slug, title, doc, plain_text, text_length, created_by) VALUES ('old', 'Old article', ?, ?, ?, 1)").run(JSON.stringify(docFromText(text).toJSON()), TextIndex.fromDoc(docFromText(text)).text, [...text].length);
    old.prepare("INSERT INTO annotations (article_id, author_id, status, start, end, exact) VALUES (1, 1, 'verified', 11, 15, 'from')").run();
    old.close();

    const migrated = openDatabase(file);
    const rev = migrated.sqlite.prepare('SELECT * FROM article_revisions').all() as Record<string, unknown>[];
    expect(rev).toHaveLength(1);
    const article = migrated.sqlite.prepare('SELECT * FROM articles').get() as Record<string, unknown>;
    expect(rev[0]).toMatchObject({ article_id: 1, number: 1, plain_text: article.plain_text, doc: article.doc, title: 'Old article', source: 'paste', content_hash: contentHash(article.plain_text as string) });
    expect(article.revision).toBe(1);
    expect(migrated.sqlite.prepare('SELECT start, end, exact, revision, anchor_state FROM annotations').get()).toEqual({ start: 11, end: 15, exact: 'from', revision: 1, anchor_state: 'unchanged' });
    migrated.sqlite.close();
  });
});
