// The production build the server and browser tests run against: made by `npm test`'s first step
// beside tsc and ESLint (check.mjs --build), or by the server tests' global setup when vitest runs
// alone. FACTMARK_TEST_SKIP_BUILD=1 reuses a build that exists; FACTMARK_DIST_DIR names its folder.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function buildNeeded() {
  const buildId = path.join(root, process.env.FACTMARK_DIST_DIR || '.next', 'BUILD_ID');
  return !(process.env.FACTMARK_TEST_SKIP_BUILD === '1' && fs.existsSync(buildId));
}

/** `next build` without its own type check: tsc has checked the whole project (a superset) first. */
export const BUILD = {
  command: path.join(root, 'node_modules/.bin/next'),
  args: ['build'],
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FACTMARK_BUILD_SKIP_TYPECHECK: '1' },
  cwd: root,
};
