// Bench-only preload (`node --require bench/sqlite-preload.cjs`, set through NODE_OPTIONS) that
// changes how every better-sqlite3 connection in the process behaves, to measure what a change in
// db/client.ts would give before making it:
//   FACTMARK_BENCH_SYNCHRONOUS=NORMAL|FULL|OFF  the synchronous mode, instead of db/client.ts's,
//     to tell the time a commit waits for fsync (FULL, production) from the CPU a request costs.
const Database = require('better-sqlite3');

const synchronous = process.env.FACTMARK_BENCH_SYNCHRONOUS;
if (synchronous && /^(OFF|NORMAL|FULL|EXTRA)$/i.test(synchronous)) {
  const pragma = Database.prototype.pragma;
  Database.prototype.pragma = function (source, options) {
    return pragma.call(this, /^\s*synchronous\s*=/i.test(source) ? `synchronous = ${synchronous}` : source, options);
  };
}

