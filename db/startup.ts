// Server start-up: the environment must parse (lib/env.ts) and the database open and migrate, or
// the process stops with one line per problem. Demo content is seeded in development, and in
// production only with FACTMARK_DEMO=1 and the operator's own FACTMARK_DEMO_PASSWORD.
import { envWarnings, parseEnv } from '../lib/env';
import { DatabaseOpenError, getDatabase } from './client';
import { backfillClaims } from './queries/claims';
import { DEMO_ADMIN, DEMO_REVIEWER, seedDemo } from './seed';

function stop(lines: string[]): never {
  for (const line of lines) console.error(`factmark: ${line.replace(/\s+/g, ' ')}`);
  process.exit(1);
}

export async function startServer(): Promise<void> {
  const parsed = parseEnv();
  if (!parsed.ok) stop(parsed.errors);
  const env = parsed.env;
  for (const warning of envWarnings(env)) console.warn(`factmark: warning: ${warning}`);
  let handle;
  try {
    handle = getDatabase();
  } catch (error) {
    if (error instanceof DatabaseOpenError) stop([error.message]);
    throw error;
  }
  // Claims of articles stored before the current detector (or before there was one).
  backfillClaims(handle.db);
  if (env.nodeEnv === 'development' || env.demo) {
    // lib/env.ts refuses FACTMARK_DEMO=1 in production without a password of the operator's own.
    const password = env.production ? env.demoPassword : undefined;
    await seedDemo(handle.db, password);
    console.log(
      password
        ? `factmark: demo content ready — sign in as ${DEMO_REVIEWER.email} or ${DEMO_ADMIN.email} with FACTMARK_DEMO_PASSWORD`
        : `factmark: demo content ready — sign in as ${DEMO_REVIEWER.email} / ${DEMO_REVIEWER.password}`,
    );
  }
}
