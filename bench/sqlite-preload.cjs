// Bench-only preload (`node --require bench/sqlite-synchronous.cjs`): with FACTMARK_BENCH_SYNCHRONOUS
// set (NORMAL, FULL, OFF), every better-sqlite3 connection in the process uses that synchronous mode
// instead of the one db/client.ts asks for, so the throughput suite can tell the time a commit
// waits for fsync (synchronous = FULL, production) from the CPU each request costs.
const Database = require('better-sqlite3');

const mode = process.env.FACTMARK_BENCH_SYNCHRONOUS;
if (mode && /^(OFF|NORMAL|FULL|EXTRA)$/i.test(mode)) {
  const pragma = Database.prototype.pragma;
  Database.prototype.pragma = function (source, options) {
    return pragma.call(this, /^\s*synchronous\s*=/i.test(source) ? `synchronous = ${mode}` : source, options);
  };
}
