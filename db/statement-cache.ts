// Prepared statements kept per connection. Drizzle prepares every query on every call, and
// SQLite compiles an INSERT or UPDATE together with every trigger on its table (0005's derived
// article data): measured with bench/sqlite-preload.cjs, that compiling was about a fifth of the
// CPU of creating an annotation (bench/results/throughput.md). The same SQL text now answers the
// statement compiled before. SQLite re-prepares a cached statement by itself after a schema change.
import type Database from 'better-sqlite3';

/** Distinct SQL texts kept per connection; the least recently used go first. */
export const STATEMENT_CACHE_SIZE = 500;

export function cacheStatements(sqlite: Database.Database, size = STATEMENT_CACHE_SIZE): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    // A statement still being iterated cannot run again: that caller gets a fresh one.
    if (cached && !cached.busy) {
      cache.delete(source);
      cache.set(source, cached);
      // raw/pluck/expand stay set on a statement: the next caller expects the defaults.
      if (cached.reader) cached.raw(false).pluck(false).expand(false);
      return cached;
    }
    const statement = prepare(source);
    if (!cached) {
      cache.set(source, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
    }
    return statement;
  }) as typeof sqlite.prepare;
}
