// `npm run db:restore -- --from FILE`: puts a backup back at DATABASE_URL after checking it.
// Stop the server first: a running server keeps its handle on the old file.
import { parseArgs } from 'node:util';
import { BackupError, restoreDatabase } from '../backup';
import { DatabaseOpenError } from '../client';
import { databasePath } from '../path';

const { values } = parseArgs({ options: { from: { type: 'string' } } });
if (!values.from) {
  console.error('Usage: npm run db:restore -- --from FILE   (with the server stopped)');
  process.exit(1);
}
const target = databasePath();
restoreDatabase(values.from, target).then(
  ({ counts }) => console.log(`Restored ${values.from} to ${target} (${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}).`),
  (error) => {
    console.error(`error: ${error instanceof BackupError || error instanceof DatabaseOpenError ? error.message : String(error)}`);
    process.exit(1);
  },
);
