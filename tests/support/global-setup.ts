// Starts one real Factmark server for the integration and browser tests: a production build
// (unless one is already there for this run: ./build.mjs), a fresh SQLite
// file in a temp folder, and `next start` on a free port. Test files create their own users.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { BUILD, buildNeeded } from './build.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    databaseFile: string;
  }
}

const root = path.resolve(__dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForServer(url: string, child: ChildProcess, log: () => string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/login`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not answer within ${timeoutMs} ms:\n${log()}`);
}

export function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXTAUTH_SECRET: 'factmark-test-secret-0123456789abcdef',
    TRUST_PROXY: '1',
    IMPORT_ALLOWED_HOSTS: '127.0.0.1,localhost',
    IMPORT_TIMEOUT_MS: '1500',
    ...extra,
  };
}

let server: ChildProcess | undefined;
let tempDir: string | undefined;

export async function setup(project: TestProject) {
  if (buildNeeded()) {
    const build = spawnSync(BUILD.command, BUILD.args, { cwd: BUILD.cwd, env: BUILD.env, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
  }

  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factmark-test-'));
  const databaseFile = path.join(tempDir, 'factmark.db');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  server = spawn(path.join(root, 'node_modules/.bin/next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    env: serverEnv({ DATABASE_URL: databaseFile, NEXTAUTH_URL: url, PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  await waitForServer(url, server, () => output);
  project.provide('serverUrl', url);
  project.provide('databaseFile', databaseFile);
}

export async function teardown() {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
}
