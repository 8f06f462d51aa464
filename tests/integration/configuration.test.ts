// The README's configuration table, checked against real servers: a `file:` DATABASE_URL, a
// generated NEXTAUTH_SECRET that survives a restart, TRUST_PROXY unset ignoring X-Forwarded-For,
// and an https NEXTAUTH_URL giving a Secure session cookie.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { createUser } from '@/db/queries/users';
import { createTestUser } from '../support/db';
import { attemptLogin, Client, serverUrl } from '../support/http';
import { startOwnServer, stopOwnServer, type OwnServer } from '../support/server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-config-'));
const servers: OwnServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => stopOwnServer(s, 'SIGKILL')));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(file: string, extra: Record<string, string>, unset: string[]) {
  const server = await startOwnServer(file, extra, unset);
  servers.push(server);
  return server;
}

async function addUser(file: string, email: string) {
  const { sqlite, db } = openDatabase(file);
  const made = await createUser(db, { email, name: 'Config Tester', role: 'reviewer', password: 'config-test-password' });
  sqlite.close();
  if (!made.ok) throw new Error(made.error.message);
}

describe('configuration', () => {
  it('takes a file: DATABASE_URL, generates a secret beside it that survives a restart, and ignores X-Forwarded-For without TRUST_PROXY', async () => {
    const file = path.join(dir, 'nested', 'factmark.db');
    const env = { DATABASE_URL: `file:${file}` };
    let server = await start(file, env, ['TRUST_PROXY', 'NEXTAUTH_SECRET']);
    // The file: prefix was understood: the database is where it names, migrated.
    const disk = new Database(file, { readonly: true });
    expect((disk.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'article_revisions'").get() as { n: number }).n).toBe(1);
    disk.close();
    const secretFile = path.join(path.dirname(file), 'nextauth-secret');
    const secret = fs.readFileSync(secretFile, 'utf8');
    expect(secret.length).toBeGreaterThanOrEqual(32);

    await addUser(file, 'config@newsroom.test');
    // 35 failures "from" one spoofed address: without TRUST_PROXY the header is not believed, so no per-IP lock.
    const spoofed = { 'x-forwarded-for': '203.0.113.9' };
    for (let i = 0; i < 35; i++) await attemptLogin(`nobody-${i}@newsroom.test`, 'wrong-password', spoofed, server.url);
    const signedIn = await attemptLogin('config@newsroom.test', 'config-test-password', spoofed, server.url);
    expect(signedIn.error).toBeNull();
    expect(signedIn.cookie).not.toBeNull();
    const client = new Client(signedIn.cookie, server.url);
    expect((await client.get('/api/articles')).status).toBe(200);

    // Restart: the same generated secret is read back, so the session issued before still works.
    await stopOwnServer(server);
    server = await start(file, env, ['TRUST_PROXY', 'NEXTAUTH_SECRET']);
    expect(fs.readFileSync(secretFile, 'utf8')).toBe(secret);
    expect((await new Client(signedIn.cookie, server.url).get('/api/articles')).status).toBe(200);
    await stopOwnServer(server);
  });

  it('marks the session cookie Secure under an https NEXTAUTH_URL, and not under http', async () => {
    const file = path.join(dir, 'https.db');
    const server = await start(file, { NEXTAUTH_URL: 'https://factmark.newsroom.example' }, []);
    await addUser(file, 'secure@newsroom.test');
    const csrf = await fetch(`${server.url}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await fetch(`${server.url}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') },
      body: new URLSearchParams({ csrfToken, email: 'secure@newsroom.test', password: 'config-test-password', json: 'true' }),
      redirect: 'manual',
    });
    const session = res.headers.getSetCookie().find((c) => /next-auth\.session-token=/.test(c));
    expect(session, res.headers.getSetCookie().join('\n')).toBeDefined();
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/^__Secure-/);
    // The shared test server runs with an http NEXTAUTH_URL: its cookie is not Secure (or it would never come back over http).
    const user = await createTestUser();
    const csrf2 = await fetch(`${serverUrl()}/api/auth/csrf`);
    const token = ((await csrf2.json()) as { csrfToken: string }).csrfToken;
    const plain = await fetch(`${serverUrl()}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf2.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') },
      body: new URLSearchParams({ csrfToken: token, email: user.email, password: user.password, json: 'true' }),
      redirect: 'manual',
    });
    const plainSession = plain.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
    expect(plainSession).toBeDefined();
    expect(plainSession).not.toMatch(/;\s*Secure/i);
  });
});
