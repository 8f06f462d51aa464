// `npm run db:backup -- --out FILE`: a consistent copy of the database at DATABASE_URL, taken
// with SQLite's online backup while the server runs.
import { parseArgs } from 'node:util';
import { backupDatabase, BackupError } from '../backup';
import { databasePath } from '../path';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
if (!values.out) {
  console.error('Usage: npm run db:backup -- --out FILE');
  process.exit(1);
}
backupDatabase(databasePath(), values.out).then(
  ({ counts }) => console.log(`Backup written to ${values.out} (integrity ok; ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}).`),
  (error) => {
    console.error(`error: ${error instanceof BackupError ? error.message : String(error)}`);
    process.exit(1);
  },
);
