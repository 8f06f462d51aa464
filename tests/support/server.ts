// A Factmark server of a test's own (for tests that must kill or restart it): `next start` on a
// free port over the given SQLite file, using the build the global setup made.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, serverEnv, waitForServer } from './global-setup';

const root = path.resolve(__dirname, '../..');

export interface OwnServer {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** `extra` overrides the test environment (tests/support/global-setup.ts); `unset` removes variables from it. */
export async function startOwnServer(databaseFile: string, extra: Record<string, string> = {}, unset: string[] = []): Promise<OwnServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = serverEnv({ DATABASE_URL: databaseFile, NEXTAUTH_URL: url, PORT: String(port), ...extra });
  for (const name of unset) delete env[name];
  const child = spawn(path.join(root, 'node_modules/.bin/next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await waitForServer(url, child, () => output);
  return { child, url, output: () => output };
}

/** Ends a server this test started (by its own PID), waiting for it to exit. */
export function stopOwnServer(server: OwnServer, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill(signal);
  });
}
