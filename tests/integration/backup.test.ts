// Backups while the real server writes: `npm run db:backup` during a burst of annotation writes
// gives a file that opens, passes integrity_check and holds every write acknowledged before the
// backup began; `npm run db:restore` checks a file before it puts it back.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createSampleArticle, createTestUser, testDatabase } from '../support/db';
import { login, type Client } from '../support/http';
import { CanonicalText } from '@/lib/document/canonical-text';
import { getArticleText } from '@/db/queries/articles';

const root = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-backup-'));
let client: Client;
let articleId: number;
let text: CanonicalText;

function cli(script: string, args: string[], databaseUrl: string) {
  return spawnSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, script), ...args], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' });
}

beforeAll(async () => {
  const user = await createTestUser({ name: 'Bea Backup' });
  client = await login(user.email, user.password);
  articleId = createSampleArticle(user, 'Backup: Aleppo airport');
  text = new CanonicalText(getArticleText(testDatabase().db, user, articleId)!);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('db:backup and db:restore', () => {
  it('takes a consistent backup during a write burst, holding every write acknowledged before it began', async () => {
    const acknowledged = new Map<number, string>();
    let stop = false;
    let n = 0;
    const writer = async () => {
      while (!stop) {
        const i = n++;
        const start = (i * 7) % (text.length - 20);
        const note = `burst note ${i}`;
        const res = await client.post(`/api/articles/${articleId}/annotations`, { start, end: start + 12, status: 'needs_source', note });
        if (res.status === 201) acknowledged.set((await res.json()).id, note);
        else if (res.status !== 422) throw new Error(`unexpected ${res.status}`);
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    while (acknowledged.size < 30) await new Promise((r) => setTimeout(r, 20));
    const before = new Map(acknowledged);
    const out = path.join(dir, 'during-burst.db');
    // spawnSync would block this process's writers: run the CLI asynchronously.
    const done = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'db/cli/backup.ts'), '--out', out], { cwd: root, env: { ...process.env, DATABASE_URL: inject('databaseFile') } });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('close', (code) => resolve({ code, output }));
    });
    stop = true;
    await Promise.all(writers);
    expect(done.code, done.output).toBe(0);
    expect(done.output).toContain('integrity ok');
    expect(acknowledged.size).toBeGreaterThan(before.size);

    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = new Map((copy.prepare('SELECT id, note FROM annotations WHERE article_id = ?').all(articleId) as { id: number; note: string }[]).map((r) => [r.id, r.note]));
    const events = new Set((copy.prepare("SELECT annotation_id AS id FROM annotation_events WHERE type = 'created'").all() as { id: number }[]).map((r) => r.id));
    for (const [id, note] of before) {
      expect(rows.get(id), `annotation ${id}`).toBe(note);
      expect(events.has(id), `created event of ${id}`).toBe(true);
    }
    copy.close();

    // Restore it to a new place: checked, migrated, the same rows.
    const target = path.join(dir, 'restored', 'factmark.db');
    const restored = cli('db/cli/restore.ts', ['--from', out], target);
    expect(restored.status, restored.stderr).toBe(0);
    const back = new Database(target, { readonly: true });
    expect((back.prepare('SELECT count(*) AS n FROM annotations WHERE article_id = ?').get(articleId) as { n: number }).n).toBe(rows.size);
    back.close();
  });

  it('refuses to restore a file that is not a sound Factmark database, leaving the target as it was', () => {
    const target = path.join(dir, 'keep.db');
    const keep = new Database(target);
    keep.exec('CREATE TABLE marker (x); INSERT INTO marker VALUES (42);');
    keep.close();
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'this is not a database');
    const bad = cli('db/cli/restore.ts', ['--from', junk], target);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^error: .*junk\.db/m);
    const other = path.join(dir, 'other.db');
    new Database(other).exec('CREATE TABLE t (x)');
    const foreign = cli('db/cli/restore.ts', ['--from', other], target);
    expect(foreign.status).toBe(1);
    expect(foreign.stderr).toContain('is not a Factmark database');
    const still = new Database(target, { readonly: true });
    expect(still.prepare('SELECT x FROM marker').get()).toEqual({ x: 42 });
    still.close();
    const noOut = cli('db/cli/backup.ts', [], target);
    expect(noOut.status).toBe(1);
    expect(noOut.stderr).toContain('Usage: npm run db:backup -- --out FILE');
  });
});
