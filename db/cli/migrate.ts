// `npm run db:migrate`: apply pending migrations to the database at DATABASE_URL.
import { DatabaseOpenError, openDatabase } from '../client';

try {
  const { file, sqlite } = openDatabase();
  sqlite.close();
  console.log(`Database ready at ${file}`);
} catch (error) {
  console.error(error instanceof DatabaseOpenError ? error.message : String(error));
  process.exit(1);
}
