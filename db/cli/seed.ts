// `npm run db:seed`: create the demo accounts and sample article (development only).
import { env } from '../../lib/env';
import { openDatabase } from '../client';
import { seedDemo } from '../seed';

async function main() {
  if (env().production) {
    console.error('Refusing to create demo accounts with NODE_ENV=production.');
    process.exit(1);
  }
  const { sqlite, db } = openDatabase();
  await seedDemo(db);
  sqlite.close();
  console.log('Demo content ready: demo@factmark.test / factmark-demo (reviewer), editor@factmark.test / factmark-editor (admin)');
}

void main();
