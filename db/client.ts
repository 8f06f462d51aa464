// The one database handle: a better-sqlite3 connection (WAL, foreign keys, busy timeout) wrapped
// by Drizzle, migrated on open and cached on globalThis so hot reload and route modules share it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { detectDirection } from '../lib/document/direction';
import { contentHash } from '../lib/revisions/hash';
import { databasePath } from './path';
import { cacheStatements } from './statement-cache';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
/** The handle inside `db.transaction(...)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export interface DatabaseHandle {
  file: string;
  sqlite: Database.Database;
  db: Db;
}

export { databasePath };

/**
 * Options for every write transaction: take the write lock at BEGIN. A deferred transaction that
 * reads first and then writes cannot wait for another connection's write to finish (SQLite
 * answers "database is locked" at once instead of using the busy timeout), and the CLI, tests and
 * a second server process are other connections.
 */
export const WRITE_TRANSACTION = { behavior: 'immediate' } as const;

export function migrationsFolder(): string {
  return path.join(process.cwd(), 'drizzle');
}

export class DatabaseOpenError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`Cannot open the database at ${file}: ${reason}`);
  }
}

/** Opens (creating folder and file when needed) and migrates a database file. */
export function openDatabase(file = databasePath()): DatabaseHandle {
  let sqlite: Database.Database;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // FULL: a write is on disk (the WAL fsynced) before it is acknowledged, so an acknowledged
    // verdict survives a power cut too, not only a crashed process (NORMAL would keep only the latter).
    sqlite.pragma('synchronous = FULL');
  } catch (error) {
    throw new DatabaseOpenError(file, error instanceof Error ? error.message : String(error));
  }
  const db = drizzle(sqlite, { schema });
  try {
    // Migrations may call them: 0002 hashes every article's text as its revision 1, 0006 gives
    // every stored article and revision the direction of its text.
    sqlite.function('factmark_sha256', { deterministic: true }, (text) => contentHash(String(text)));
    sqlite.function('factmark_text_direction', { deterministic: true }, (text) => detectDirection(String(text)));
    migrate(db, { migrationsFolder: migrationsFolder() });
  } catch (error) {
    sqlite.close();
    throw new DatabaseOpenError(file, `migration failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  // After migrating: the migrations' one-off statements would only fill the cache.
  cacheStatements(sqlite);
  return { file, sqlite, db };
}

const cache = globalThis as unknown as { __factmarkDatabase?: DatabaseHandle };

/** The process-wide database handle. */
export function getDatabase(): DatabaseHandle {
  const file = databasePath();
  if (!cache.__factmarkDatabase || cache.__factmarkDatabase.file !== file) {
    cache.__factmarkDatabase = openDatabase(file);
  }
  return cache.__factmarkDatabase;
}

export function getDb(): Db {
  return getDatabase().db;
}
