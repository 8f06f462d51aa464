import { defineConfig } from 'vitest/config';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import LongestFirst from './tests/support/sequencer.mjs';

const __dirname = path.dirname(fileURLToPath(import.meta.url));

const alias = { '@': path.resolve(__dirname), 'server-only': path.resolve(__dirname, 'tests/support/empty.ts') };

export default defineConfig({
  resolve: { alias },
  test: {
    // Test files share their worker's modules instead of importing everything again per file
    // (import time was about a fifth of the suite's CPU). Files keep their own data: their own
    // users and articles on the shared server, their own temporary databases elsewhere; module
    // caches are kept per database handle.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        resolve: { alias },
        // A shared 2-core machine can stall a heavy unit test well past vitest's 5 s default (and a
        // worker thread that compiles its TypeScript as it starts, past the 10 s of a hook).
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000, isolate: false, maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      {
        resolve: { alias },
        test: {
          name: 'server',
          include: ['tests/integration/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // expect.poll waits for what a page or the server does next (a navigation, a poll's
          // answer): vitest's 1 s default is shorter than a loaded shared machine takes.
          expect: { poll: { timeout: 10_000 } },
          // One server is shared; files run three at a time: most of their time is spent waiting on a server or a browser.
          maxWorkers: 3,
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
