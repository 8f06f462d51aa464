// What a production start does with its database: stops at once when the path is unusable,
// and never creates the demo accounts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, serverEnv } from '../support/global-setup';
import { openDatabase } from '@/db/client';
import { users } from '@/db/schema';

const root = path.resolve(__dirname, '../..');

function startServer(databaseFile: string, port: number) {
  const child = spawn(path.join(root, 'node_modules/.bin/next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    env: serverEnv({ DATABASE_URL: databaseFile, NEXTAUTH_URL: `http://127.0.0.1:${port}` }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return { child, stderr: () => stderr };
}

describe('production start', () => {
  it('stops with one line naming the path when the database cannot be opened', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-bad-db-'));
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'a file where a folder should be');
    const target = path.join(blocker, 'factmark.db');
    const { child, stderr } = startServer(target, await freePort());
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 30_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).toBe(1);
    const lines = stderr()
      .split('\n')
      .filter((l) => l.includes('factmark:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Cannot open the database at ${target}`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates and migrates a fresh database but no demo accounts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-fresh-'));
    const file = path.join(dir, 'nested', 'factmark.db');
    const port = await freePort();
    const { child } = startServer(file, port);
    try {
      const deadline = Date.now() + 30_000;
      let up = false;
      while (!up && Date.now() < deadline) {
        up = await fetch(`http://127.0.0.1:${port}/login`).then(
          (r) => r.ok,
          () => false,
        );
        if (!up) await new Promise((r) => setTimeout(r, 250));
      }
      expect(up).toBe(true);
      expect(fs.existsSync(file)).toBe(true);
      const { db, sqlite } = openDatabase(file);
      expect(db.select().from(users).all()).toEqual([]);
      sqlite.close();
    } finally {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
