// The worker thread's entry, started by piscina (lib/workers/pool.ts) by its path on disk: plain
// JavaScript, so nothing needs compiling to start it, under `next start`, `next dev` or vitest
// alike. It teaches this thread's require() TypeScript (tsx, with the project's tsconfig) and
// hands every task to lib/workers/tasks.ts. Only this thread is affected: its environment is a copy.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/cjs/api';

const here = path.dirname(fileURLToPath(import.meta.url));
process.env.TSX_TSCONFIG_PATH = path.join(here, '..', '..', 'tsconfig.json');
register();
const require = createRequire(import.meta.url);
const { runTask } = require('./tasks.ts');
const modules = { pdf: async () => require('./pdf-task.ts'), imports: async () => require('./import-task.ts') };

/** piscina calls this with each task; its answer goes back by structured clone. */
export default function run(task) {
  return runTask(task, modules);
}
