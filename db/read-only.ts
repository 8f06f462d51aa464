// A read-only handle on the database for worker threads (lib/workers/): the server's own handle
// (db/client.ts) has migrated the file, so a worker opens it without migrating and cannot write.
// WAL lets it read a consistent snapshot while the request thread writes.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from './client';
import { databasePath } from './path';
import * as schema from './schema';

let handle: { file: string; sqlite: Database.Database; db: Db } | undefined;

/** This thread's read-only handle on DATABASE_URL, opened on first use. */
export function readOnlyDb(): Db {
  const file = databasePath();
  if (handle?.file !== file) {
    handle?.sqlite.close();
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    handle = { file, sqlite, db: drizzle(sqlite, { schema }) };
  }
  return handle.db;
}
