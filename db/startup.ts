// Server start-up: the database must open and migrate, or the process stops.
import { DatabaseOpenError, getDatabase } from './client';
import { seedDemo } from './seed';

export async function startServer(): Promise<void> {
  let handle;
  try {
    handle = getDatabase();
  } catch (error) {
    if (error instanceof DatabaseOpenError) {
      console.error(`factmark: ${error.message.replace(/\s+/g, " ")}`);
      process.exit(1);
    }
    throw error;
  }
  if (process.env.NODE_ENV === 'development' || process.env.FACTMARK_DEMO === '1') {
    await seedDemo(handle.db);
    console.log('factmark: demo content ready — sign in as demo@factmark.test / factmark-demo');
  }
}
