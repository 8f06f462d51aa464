// Queries on the request paths every reviewer hits (the session's user, a new or changed verdict,
// its history event, its read-back), built once per connection with placeholders. Drizzle builds
// a query's SQL again on every call, walking its tree with an `is` check per node: for a new
// annotation that was about 60 % of the CPU of createAnnotation (a --cpu-prof of 16,000 creates;
// bench/results/throughput.md has the server's profile). A prepared query only fills its
// parameters and runs the statement compiled with it.
//
// A transaction handle shares its database's session (Drizzle runs a better-sqlite3 transaction
// on the same connection), so a query prepared for the database runs inside the transaction too.
// The cache is keyed by that session: one set of statements per open database file.
import { sql, type Placeholder } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { RunResult } from 'better-sqlite3';
import type { Db, Tx } from './client';
import type * as schema from './schema';

/** What both a database and a transaction handle are: enough to build a query. */
export type Handle = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

/** Drizzle's session: the same object for a database and every transaction opened on it. */
function sessionOf(handle: Db | Tx): object {
  const session = (handle as unknown as { session?: object }).session;
  if (!session) throw new Error('A Drizzle handle without a session: prepared queries need drizzle-orm/better-sqlite3.');
  return session;
}

/** `build` run once per connection; later calls get the same prepared query(s). */
export function prepared<Q>(build: (db: Handle) => Q): (db: Db | Tx) => Q {
  const byConnection = new WeakMap<object, Q>();
  return (db) => {
    const session = sessionOf(db);
    let query = byConnection.get(session);
    if (query === undefined) {
      query = build(db);
      byConnection.set(session, query);
    }
    return query;
  };
}

/** A placeholder per name, named alike: the values of a prepared INSERT (`values(placeholders('a', 'b'))`). */
export function placeholders<K extends string>(...names: K[]): { [N in K]: Placeholder<N> } {
  return Object.fromEntries(names.map((n) => [n, sql.placeholder(n)])) as { [N in K]: Placeholder<N> };
}
