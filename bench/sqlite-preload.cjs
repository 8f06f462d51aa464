// Bench-only preload (`node --require bench/sqlite-preload.cjs`, set through NODE_OPTIONS) that
// changes how every better-sqlite3 connection in the process behaves, to measure what a change in
// db/client.ts would give before making it:
//   FACTMARK_BENCH_SYNCHRONOUS=NORMAL|FULL|OFF  the synchronous mode, instead of db/client.ts's,
//     to tell the time a commit waits for fsync (FULL, production) from the CPU a request costs;
//   FACTMARK_BENCH_STATEMENT_CACHE=1  prepare() answers the statement it prepared before for the
//     same SQL (modes reset), instead of compiling it again: Drizzle prepares every query on every
//     call, and an INSERT or UPDATE compiles the table's triggers with it.
const Database = require('better-sqlite3');

const synchronous = process.env.FACTMARK_BENCH_SYNCHRONOUS;
if (synchronous && /^(OFF|NORMAL|FULL|EXTRA)$/i.test(synchronous)) {
  const pragma = Database.prototype.pragma;
  Database.prototype.pragma = function (source, options) {
    return pragma.call(this, /^\s*synchronous\s*=/i.test(source) ? `synchronous = ${synchronous}` : source, options);
  };
}

if (process.env.FACTMARK_BENCH_STATEMENT_CACHE === '1') {
  const prepare = Database.prototype.prepare;
  const caches = new WeakMap();
  Database.prototype.prepare = function (sql) {
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map()));
    const cached = cache.get(sql);
    // A statement still iterating cannot be run again: prepare a fresh one then.
    if (cached && !cached.busy) {
      if (cached.reader) cached.raw(false).pluck(false).expand(false);
      return cached;
    }
    const statement = prepare.call(this, sql);
    if (cache.size < 1000) cache.set(sql, statement);
    return statement;
  };
}
