// Migration 0006 (language and direction) on a database as the previous release left it (0000–0005,
// with an article, its revision, annotations and the triggers' derived rows): every row keeps every
// value — text, document, offsets, quotes, stats — and gains lang NULL and the direction of its
// text's script (the sample article ltr, an Arabic one rtl); the stored
// document still gives the stored canonical text under today's schema; dir accepts only ltr/rtl.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { getArticle } from '@/db/queries/articles';
import { listRevisions } from '@/db/queries/revisions';
import { TextIndex } from '@/lib/document/canonical-text';
import { articleSchema } from '@/lib/document/schema';
import { docFromText } from '@/lib/import/text';
import { contentHash } from '@/lib/revisions/hash';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-lang-migration-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A migrations folder holding 0000–0005 only: the schema before this migration. */
function migrationsUpTo0005(): string {
  const source = path.join(process.cwd(), 'drizzle');
  const folder = path.join(dir, 'drizzle-0005');
  fs.mkdirSync(path.join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(source, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === '0005_derived_article_data') + 1);
  expect(entries.at(-1)?.tag).toBe('0005_derived_article_data');
  for (const e of entries) fs.copyFileSync(path.join(source, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  return folder;
}

const TABLES = ['articles', 'article_revisions', 'annotations', 'article_stats', 'claims', 'annotation_events'];
const rowsOf = (sqlite: Database.Database, table: string) => sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[];
const without = (row: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));

describe('migration 0006: article language and direction', () => {
  it('keeps every article, revision and annotation exactly as it was, adding lang NULL and the direction of its text', () => {
    const file = path.join(dir, 'at-0005.db');
    const old = new Database(file);
    old.pragma('foreign_keys = ON');
    old.function('factmark_sha256', { deterministic: true }, (text) => contentHash(String(text)));
    migrate(drizzle(old), { migrationsFolder: migrationsUpTo0005() });
    old.prepare("INSERT INTO users (email, name, role, password_hash) VALUES ('old@x.test', 'Old', 'reviewer', 'x')").run();

    // The sample article and a short Arabic one, stored as the previous release stored them.
    const texts = [fs.readFileSync(path.join(process.cwd(), 'content/sample-article.txt'), 'utf8'), 'قال الوزير إن مستوى المياه انخفض 😀 هذا العام.\n\nويتوقع المهندسون تعافياً بطيئاً.'];
    const passages = [['Aleppo’s military airport', 'Russian backers'], ['مستوى المياه', 'تعافياً']];
    texts.forEach((text, i) => {
      const doc = docFromText(text);
      const index = TextIndex.fromDoc(doc);
      const id = i + 1;
      old.prepare('INSERT INTO articles (slug, title, doc, plain_text, text_length, created_by) VALUES (?, ?, ?, ?, ?, 1)').run(`a-${id}`, `Article ${id}`, JSON.stringify(doc.toJSON()), index.text, index.length);
      old.prepare("INSERT INTO article_revisions (article_id, number, doc, plain_text, text_length, content_hash, source, title, created_by) VALUES (?, 1, ?, ?, ?, ?, 'paste', ?, 1)").run(id, JSON.stringify(doc.toJSON()), index.text, index.length, contentHash(index.text), `Article ${id}`);
      for (const passage of passages[i]) {
        const start = index.offsetFromUnit(index.text.indexOf(passage));
        const end = start + [...passage].length;
        const q = index.quote(start, end);
        old.prepare("INSERT INTO annotations (article_id, author_id, status, start, end, exact, prefix, suffix) VALUES (?, 1, 'disputed', ?, ?, ?, ?, ?)").run(id, start, end, q.exact, q.prefix, q.suffix);
      }
    });
    const before = Object.fromEntries(TABLES.map((t) => [t, rowsOf(old, t)]));
    expect(before.annotations).toHaveLength(4);
    expect(before.article_stats).toHaveLength(2);
    old.close();

    const { sqlite, db } = openDatabase(file);
    try {
      for (const table of TABLES) {
        const after = rowsOf(sqlite, table);
        expect(after.map((r) => without(r, 'lang', 'dir')), table).toEqual(before[table]);
      }
      for (const table of ['articles', 'article_revisions']) {
        expect(rowsOf(sqlite, table).map((r) => [r.lang, r.dir])).toEqual([
          [null, 'ltr'],
          [null, 'rtl'],
        ]);
      }
      // Offsets still land on their words: the stored document gives the stored text under today's schema.
      for (const article of rowsOf(sqlite, 'articles')) {
        const index = TextIndex.fromDoc(articleSchema.nodeFromJSON(JSON.parse(String(article.doc))));
        expect(index.text).toBe(article.plain_text);
        for (const a of before.annotations.filter((r) => r.article_id === article.id)) expect(index.slice(Number(a.start), Number(a.end))).toBe(a.exact);
      }
      const viewer = { id: 1, name: 'Old', email: 'old@x.test', role: 'reviewer' as const };
      expect(getArticle(db, viewer, 1)).toMatchObject({ ok: true, value: { lang: null, dir: 'ltr' } });
      expect(getArticle(db, viewer, 2)).toMatchObject({ ok: true, value: { lang: null, dir: 'rtl' } });
      expect(listRevisions(db, viewer, 2)).toMatchObject({ ok: true, value: [{ lang: null, dir: 'rtl' }] });
      // The column takes a direction and nothing else.
      sqlite.prepare("UPDATE articles SET lang = 'ar' WHERE id = 2").run();
      expect(() => sqlite.prepare("UPDATE articles SET dir = 'up' WHERE id = 2").run()).toThrow(/CHECK constraint failed/);
      expect(() => sqlite.prepare("UPDATE article_revisions SET dir = 'auto' WHERE article_id = 2").run()).toThrow(/CHECK constraint failed/);
      expect(getArticle(db, viewer, 2)).toMatchObject({ ok: true, value: { lang: 'ar', dir: 'rtl' } });
    } finally {
      sqlite.close();
    }
  });
});
