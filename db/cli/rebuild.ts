// `npm run db:rebuild`: recomputes every article's derived data (counts, coverage, last activity,
// claim coverage) and the title search index at DATABASE_URL. Safe while the server runs (one
// write transaction); needed only when rows were written with the triggers off (see README).
import { DatabaseOpenError, openDatabase } from '../client';
import { rebuildDerivedData } from '../rebuild';

async function main() {
  const handle = openDatabase();
  try {
    const summary = await rebuildDerivedData(handle);
    console.log(
      `Rebuilt the derived data of ${summary.articles} articles and the title index in ${(summary.ms / 1000).toFixed(1)} s at ${handle.file}: ` +
        `${summary.corrected === 0 ? 'all were already right' : `${summary.corrected} ${summary.corrected === 1 ? 'was' : 'were'} out of date`}` +
        `${summary.claimsBackfilled ? `; claims detected again in ${summary.claimsBackfilled} articles (an older detector's or none)` : ''}.`,
    );
  } finally {
    handle.sqlite.close();
  }
}

main().catch((error) => {
  console.error(`error: ${error instanceof DatabaseOpenError ? error.message : String(error)}`);
  process.exit(1);
});
