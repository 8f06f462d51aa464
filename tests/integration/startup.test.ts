// What a production start does with its database and environment: stops at once, one line per
// problem, when the path is unusable or a setting is bad; warns without an https NEXTAUTH_URL;
// never creates the demo accounts, unless FACTMARK_DEMO=1 with the operator's own password.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { freePort, serverEnv } from '../support/global-setup';

const root = path.resolve(__dirname, '../..');

function startServer(databaseFile: string, port: number, extra: Record<string, string> = {}) {
  const child = spawn(path.join(root, 'node_modules/.bin/next'), ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    env: serverEnv({ DATABASE_URL: databaseFile, NEXTAUTH_URL: `http://127.0.0.1:${port}`, ...extra }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.on('data', (d) => (stdout += d));
  return { child, stderr: () => stderr, stdout: () => stdout };
}

/** The exit code, or null when the server was still running after `ms` (it is then killed). */
function exitCode(child: ReturnType<typeof startServer>['child'], ms = 30_000) {
  return new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, ms);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
}

async function waitUp(port: number) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const up = await fetch(`http://127.0.0.1:${port}/login`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

const factmarkLines = (output: string) => output.split('\n').filter((l) => l.startsWith('factmark:'));

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
      .filter((l) => l.includes('factmark:') && !l.includes('factmark: warning:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`Cannot open the database at ${target}`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // One start for both: each `next start` is seconds of CPU on the test machine.
  it('creates and migrates a fresh database but no demo accounts, and warns once that cookies are not Secure without an https NEXTAUTH_URL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-fresh-'));
    const file = path.join(dir, 'nested', 'factmark.db');
    const port = await freePort();
    const { child, stderr } = startServer(file, port);
    try {
      expect(await waitUp(port)).toBe(true);
      const warnings = factmarkLines(stderr()).filter((l) => l.startsWith('factmark: warning:'));
      expect(warnings).toEqual([expect.stringMatching(/NEXTAUTH_URL is "http:\/\/127\.0\.0\.1:\d+", not an https:\/\/ URL: session cookies are not marked Secure/)]);
      expect(fs.existsSync(file)).toBe(true);
      // A plain read-only handle: the app's openDatabase would migrate the file itself.
      const sqlite = new Database(file, { readonly: true });
      const journal = JSON.parse(fs.readFileSync(path.join(root, 'drizzle/meta/_journal.json'), 'utf8')) as { entries: unknown[] };
      expect((sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBe(journal.entries.length);
      const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(['users', 'articles', 'annotations', 'login_failures']));
      const columns = (sqlite.prepare("SELECT name FROM pragma_table_info('users')").all() as { name: string }[]).map((c) => c.name);
      expect(columns).toContain('session_version');
      expect((sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n).toBe(0);
      sqlite.close();
    } finally {
      child.kill('SIGTERM');
      await exitCode(child, 5000);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('production start and the environment (issue 9, items 9 and 11)', () => {
  it('stops with one line per bad variable', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-bad-env-'));
    const file = path.join(dir, 'factmark.db');
    const { child, stderr } = startServer(file, await freePort(), { TRUST_PROXY: 'yes', LOGIN_WINDOW_MINUTES: '-5', NEXTAUTH_SECRET: 'too-short' });
    expect(await exitCode(child)).toBe(1);
    const lines = factmarkLines(stderr());
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.split(':')[1].trim()).sort()).toEqual(['LOGIN_WINDOW_MINUTES', 'NEXTAUTH_SECRET', 'TRUST_PROXY']);
    // Stopped before touching the database.
    expect(fs.existsSync(file)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses FACTMARK_DEMO=1 without a demo password of its own', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-demo-'));
    const file = path.join(dir, 'factmark.db');
    const { child, stderr } = startServer(file, await freePort(), { FACTMARK_DEMO: '1' });
    expect(await exitCode(child)).toBe(1);
    expect(factmarkLines(stderr())).toEqual([expect.stringMatching(/^factmark: FACTMARK_DEMO_PASSWORD: must be set when FACTMARK_DEMO=1 in production/)]);
    expect(fs.existsSync(file)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('with FACTMARK_DEMO_PASSWORD, seeds the demo accounts with it and never with the published passwords', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-demo-'));
    const file = path.join(dir, 'factmark.db');
    const port = await freePort();
    const { child, stdout } = startServer(file, port, { FACTMARK_DEMO: '1', FACTMARK_DEMO_PASSWORD: 'our own demo password' });
    try {
      expect(await waitUp(port)).toBe(true);
      expect(stdout()).not.toContain('factmark-demo');
      const sqlite = new Database(file, { readonly: true });
      const rows = sqlite.prepare("SELECT email, password_hash AS hash FROM users WHERE email IN ('demo@factmark.test', 'editor@factmark.test')").all() as { email: string; hash: string }[];
      sqlite.close();
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(await verify(row.hash, 'our own demo password')).toBe(true);
        expect(await verify(row.hash, 'factmark-demo')).toBe(false);
        expect(await verify(row.hash, 'factmark-editor')).toBe(false);
      }
    } finally {
      child.kill('SIGTERM');
      await exitCode(child, 5000);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
