// Backups of the live database and restores from them. A backup uses SQLite's online backup API
// (better-sqlite3's `backup()`), which copies a consistent snapshot page by page while the server
// keeps reading and writing; a restore checks the copy (`PRAGMA integrity_check`, Factmark's
// tables) before it replaces the database, then migrates it to the current schema.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from './client';

export class BackupError extends Error {}

/** The result of `PRAGMA integrity_check` ("ok" when sound) and the row counts of the main tables. */
export function inspectDatabase(file: string): { integrity: string; counts: Record<string, number> } {
  if (!fs.existsSync(file)) throw new BackupError(`No database file at ${file}.`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    for (const required of ['users', 'articles', 'annotations', '__drizzle_migrations']) {
      if (!tables.has(required)) throw new BackupError(`${file} is not a Factmark database (no ${required} table).`);
    }
    const counts: Record<string, number> = {};
    for (const table of ['users', 'articles', 'article_revisions', 'annotations', 'annotation_events']) {
      if (tables.has(table)) counts[table] = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    }
    return { integrity, counts };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} cannot be read as a SQLite database: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
}

/** Copies the live database at `from` into a new file `to` (refused when `to` exists). */
export async function backupDatabase(from: string, to: string): Promise<{ integrity: string; counts: Record<string, number> }> {
  if (!fs.existsSync(from)) throw new BackupError(`No database at ${from}.`);
  if (fs.existsSync(to)) throw new BackupError(`${to} already exists; choose a new file name.`);
  fs.mkdirSync(path.dirname(path.resolve(to)), { recursive: true });
  const source = new Database(from, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(to);
  } finally {
    source.close();
  }
  const checked = inspectDatabase(to);
  if (checked.integrity !== 'ok') throw new BackupError(`The backup at ${to} failed its integrity check: ${checked.integrity}`);
  return checked;
}

/**
 * Replaces the database at `to` with the backup `from` — run with the server stopped. The copy
 * is written beside the target and renamed over it, so a failure leaves the old database whole.
 */
export async function restoreDatabase(from: string, to: string): Promise<{ counts: Record<string, number> }> {
  const checked = inspectDatabase(from);
  if (checked.integrity !== 'ok') throw new BackupError(`${from} failed its integrity check: ${checked.integrity}`);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const staging = `${to}.restoring-${process.pid}`;
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(staging);
  } finally {
    source.close();
  }
  // A journal left by the replaced database must not be replayed onto the restored one.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${to}${suffix}`, { force: true });
  fs.renameSync(staging, to);
  const { sqlite } = openDatabase(to);
  sqlite.close();
  return { counts: inspectDatabase(to).counts };
}
