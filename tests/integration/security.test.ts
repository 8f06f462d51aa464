// The sign-in, session, redirect, CSRF, body-size and control-character fixes of issue 9, over real
// HTTP against the real server. Each test names the weakness it closes; every one fails without it.
// Sign-in tests use their own X-Forwarded-For address (TRUST_PROXY=1 in the test server), so
// their failures never spend the per-IP budget other test files share.
import crypto from 'node:crypto';
import http from 'node:http';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { articles, loginFailures, users } from '@/db/schema';
import { createTestUser, testDatabase, type TestUser } from '../support/db';
import { attemptLogin, Client, login, serverUrl } from '../support/http';

/** A documentation address (TEST-NET) of its own for each caller. */
function freshIp(): string {
  const b = crypto.randomBytes(2);
  return `198.18.${b[0]}.${b[1]}`;
}

function rowsFor(where: { email?: string; ip?: string }) {
  const { db } = testDatabase();
  const all = db.select().from(loginFailures).all();
  return all.filter((r) => (where.email === undefined || r.email === where.email) && (where.ip === undefined || r.ip === where.ip));
}

let admin: TestUser;
let adminClient: Client;
beforeAll(async () => {
  admin = await createTestUser({ role: 'admin', name: 'Security Admin' });
  adminClient = await login(admin.email, admin.password);
});

describe('item 1: a burst of sign-ins cannot get past the per-email limit', () => {
  it('verifies at most the limit (10) of 200 parallel wrong sign-ins for one email', async () => {
    const user = await createTestUser();
    // Each from its own address, so only the per-email limit applies.
    const attempts = await Promise.all(Array.from({ length: 200 }, (_, i) => attemptLogin(user.email, `wrong-password-${i}`, { 'x-forwarded-for': freshIp() })));
    const verified = attempts.filter((a) => a.error === 'CredentialsSignin').length;
    const refused = attempts.filter((a) => a.error?.startsWith('Too many failed sign-in attempts')).length;
    expect(verified + refused).toBe(200);
    expect(verified).toBeLessThanOrEqual(10);
    expect(verified).toBeGreaterThan(0);
    // Every verified attempt was counted first, in the database: never more than the limit.
    expect(rowsFor({ email: user.email }).length).toBeLessThanOrEqual(10);
    expect(attempts.every((a) => a.cookie === null)).toBe(true);
  });
});

describe('item 2: X-Forwarded-For is read from the right, and unknown emails are limited per IP', () => {
  it('keys the per-IP limit on the address the proxy appended, not on what the client wrote', async () => {
    const ip = freshIp();
    const user = await createTestUser();
    for (let i = 0; i < 30; i++) {
      // A rotating fake address on the left, as an attacker would send, and an unknown email each time.
      const attempt = await attemptLogin(`guess-${i}-${ip}@nowhere.test`, 'wrong-password', { 'x-forwarded-for': `${freshIp()}, ${ip}` });
      expect(attempt.error).toBe('CredentialsSignin');
    }
    expect(rowsFor({ ip }).length).toBe(30);
    const locked = await attemptLogin(user.email, user.password, { 'x-forwarded-for': `10.9.8.7, ${ip}` });
    expect(locked.error).toMatch(/Too many failed sign-in attempts/);
    expect(locked.cookie).toBeNull();
    // The left-most entry is never taken for the client: writing the locked address there does nothing.
    const spoofed = await attemptLogin(user.email, user.password, { 'x-forwarded-for': `${ip}, ${freshIp()}` });
    expect(spoofed.cookie).not.toBeNull();
  });

  it('verifies at most the per-IP limit (30) of 100 parallel sign-ins with rotating unknown emails', async () => {
    const ip = freshIp();
    const attempts = await Promise.all(Array.from({ length: 100 }, (_, i) => attemptLogin(`rotating-${i}-${ip}@nowhere.test`, 'wrong-password', { 'x-forwarded-for': `${freshIp()}, ${ip}` })));
    expect(attempts.filter((a) => a.error === 'CredentialsSignin').length).toBeLessThanOrEqual(30);
    expect(rowsFor({ ip }).length).toBeLessThanOrEqual(30);
  });
});

describe('item 3: a session ends when its account changes', () => {
  async function signedIn() {
    const user = await createTestUser();
    const [first, second] = await Promise.all([login(user.email, user.password), login(user.email, user.password)]);
    expect((await first.get('/api/articles')).status).toBe(200);
    return { user, first, second };
  }

  async function expectEnded(client: Client) {
    const api = await client.get('/api/articles');
    expect(api.status).toBe(401);
    expect((await api.json()).error.code).toBe('unauthorized');
    const page = await client.get('/');
    expect(page.status).toBe(307);
    expect(new URL(page.headers.get('location')!, serverUrl()).pathname).toBe('/login');
    // next-auth's own endpoint names nobody either, and clears the cookie.
    const session = await client.get('/api/auth/session');
    expect(await session.json()).toEqual({});
    expect(session.headers.getSetCookie().some((c) => /^next-auth\.session-token=;/.test(c))).toBe(true);
  }

  it('ends every session of the account when an admin sets a new password', async () => {
    const { user, first, second } = await signedIn();
    expect((await adminClient.patch(`/api/users/${user.id}`, { password: 'a brand new password' })).status).toBe(200);
    await expectEnded(first);
    await expectEnded(second);
    // Signing in again with the new password gives a working session.
    const again = await login(user.email, 'a brand new password');
    expect((await again.get('/api/articles')).status).toBe(200);
  });

  it('ends them on a role change and on disabling, but not on a rename', async () => {
    const a = await signedIn();
    expect((await adminClient.patch(`/api/users/${a.user.id}`, { name: 'Renamed Reviewer' })).status).toBe(200);
    expect((await a.first.get('/api/articles')).status).toBe(200);
    expect((await adminClient.patch(`/api/users/${a.user.id}`, { role: 'admin' })).status).toBe(200);
    await expectEnded(a.first);

    const b = await signedIn();
    expect((await adminClient.patch(`/api/users/${b.user.id}`, { disabled: true })).status).toBe(200);
    expect((await adminClient.patch(`/api/users/${b.user.id}`, { disabled: false })).status).toBe(200);
    // Enabled again, the old sessions stay ended.
    await expectEnded(b.first);
  });

  it('"sign out everywhere" ends all of one\'s own sessions; an admin can do it for anyone, a reviewer only for themselves', async () => {
    const { user, first, second } = await signedIn();
    const other = await signedIn();
    expect((await first.delete(`/api/users/${other.user.id}/sessions`)).status).toBe(403);
    expect((await other.first.get('/api/articles')).status).toBe(200);
    expect((await first.delete(`/api/users/${user.id}/sessions`)).status).toBe(204);
    await expectEnded(first);
    await expectEnded(second);
    expect((await adminClient.delete(`/api/users/${other.user.id}/sessions`)).status).toBe(204);
    await expectEnded(other.first);
    expect((await adminClient.delete('/api/users/999999/sessions')).status).toBe(404);
  });
});

describe('item 4: the redirect after sign-in stays on this site', () => {
  it.each(['/%09/evil.example', '//evil.example', '/%5Cevil.example', '/%0A/evil.example', 'https://evil.example/', 'https:evil.example', 'javascript:alert(1)'])(
    'callbackUrl=%s sends a signed-in reviewer to a page of this site',
    async (callback) => {
      const res = await adminClient.get(`/login?callbackUrl=${encodeURIComponent(callback)}`);
      expect(res.status).toBe(307);
      const location = new URL(res.headers.get('location')!, serverUrl());
      expect(location.origin).toBe(serverUrl());
      expect(res.headers.get('location')).toMatch(/^\/(?![/\\])/);
    },
  );

  it('the login form is handed a safe path', async () => {
    const res = await fetch(`${serverUrl()}/login?callbackUrl=${encodeURIComponent('/\t/evil.example')}`);
    const html = await res.text();
    // The page echoes its own URL elsewhere; what matters is the path handed to the form.
    const prop = html.slice(html.indexOf('callbackPath'), html.indexOf('callbackPath') + 40);
    expect(prop).toMatch(/^callbackPath\\":\\"\/\\"/);
  });
});

describe('item 5: no cross-site writes', () => {
  const newUser = () => ({ email: `csrf-${crypto.randomBytes(4).toString('hex')}@desk.example`, name: 'Planted Admin', role: 'admin', password: 'planted password' });
  const exists = (email: string) => testDatabase().db.select().from(users).where(eq(users.email, email)).get() !== undefined;

  it('refuses a write whose Origin is another site, even a sibling subdomain, with 403', async () => {
    const base = new URL(serverUrl());
    for (const origin of ['https://evil.example', `http://sub.${base.hostname}:${base.port}`, `https://${base.host}`, 'null']) {
      const body = newUser();
      const res = await adminClient.request('POST', '/api/users', body, { origin });
      expect(res.status, origin).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
      expect(exists(body.email)).toBe(false);
    }
    const patch = await adminClient.request('PATCH', `/api/users/${admin.id}`, { name: 'Hijacked' }, { origin: 'https://evil.example' });
    expect(patch.status).toBe(403);
    const del = await adminClient.request('DELETE', `/api/users/${admin.id}/sessions`, undefined, { 'sec-fetch-site': 'same-site' });
    expect(del.status).toBe(403);
    expect((await adminClient.get('/api/articles')).status).toBe(200);
  });

  it('accepts the same write from this site', async () => {
    const body = newUser();
    const res = await adminClient.request('POST', '/api/users', body, { origin: serverUrl(), 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(201);
    expect(exists(body.email)).toBe(true);
  });

  it('takes JSON only as application/json: a form-style text/plain post is 415 and stores nothing', async () => {
    const body = newUser();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await fetch(`${serverUrl()}/api/users`, { method: 'POST', headers: { cookie: adminClient.cookie!, 'content-type': type }, body: JSON.stringify(body) });
      expect(res.status, type).toBe(415);
      expect((await res.json()).error.code).toBe('unsupported_media_type');
    }
    expect(exists(body.email)).toBe(false);
  });

  it('refuses a cross-site sign-in post before next-auth sees it', async () => {
    const csrf = await fetch(`${serverUrl()}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const post = (origin: string) =>
      fetch(`${serverUrl()}/api/auth/callback/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin, 'x-forwarded-for': freshIp() },
        body: new URLSearchParams({ csrfToken, email: admin.email, password: admin.password, json: 'true' }),
        redirect: 'manual',
      });
    const refused = await post('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.getSetCookie().some((c) => c.startsWith('next-auth.session-token='))).toBe(false);
    const accepted = await post(serverUrl());
    expect(accepted.headers.getSetCookie().some((c) => c.startsWith('next-auth.session-token='))).toBe(true);
  });
});

/**
 * Sends `path` a body with Transfer-Encoding: chunked (no Content-Length), 16 KB at a time, and
 * never ends it. Answers the status and how many bytes had been sent when the answer came, or
 * null status when `capBytes` went out without one.
 */
function endlessUpload(path: string, headers: Record<string, string>, capBytes: number): Promise<{ status: number | null; sentBytes: number }> {
  const url = new URL(path, serverUrl());
  return new Promise((resolve) => {
    let sent = 0;
    let done = false;
    const finish = (status: number | null) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ status, sentBytes: sent });
    };
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume();
      finish(res.statusCode ?? null);
    });
    req.on('error', () => finish(null));
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const pump = () => {
      while (!done && sent < capBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      // Sent the cap with no answer: the server is buffering. Wait briefly for a late answer.
      if (!done) setTimeout(() => finish(null), 3000);
    };
    pump();
  });
}

describe('item 6: bodies are refused at the limit, not after reading them whole', () => {
  it('answers 413 to an endless chunked JSON body past 64 KB', async () => {
    const result = await endlessUpload('/api/users', { cookie: adminClient.cookie!, 'content-type': 'application/json' }, 64 * 1024 * 1024);
    expect(result.status).toBe(413);
    // The answer came long before the upload could have ended: the server stopped reading.
    expect(result.sentBytes).toBeLessThan(16 * 1024 * 1024);
  });

  it('answers 413 to an endless chunked sign-in body', async () => {
    const result = await endlessUpload('/api/auth/callback/credentials', { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': freshIp() }, 64 * 1024 * 1024);
    expect(result.status).toBe(413);
    expect(result.sentBytes).toBeLessThan(16 * 1024 * 1024);
  });

  it('answers 413 to an endless chunked multipart upload past 12 MB', async () => {
    const result = await endlessUpload('/api/articles', { cookie: adminClient.cookie!, 'content-type': 'multipart/form-data; boundary=----x' }, 200 * 1024 * 1024);
    expect(result.status).toBe(413);
    expect(result.sentBytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('still serves after those', async () => {
    expect((await adminClient.get('/api/articles')).status).toBe(200);
  });
});

describe('item 10: control characters are not stored', () => {
  it('imports a text with controls without them, title included', async () => {
    const res = await adminClient.post('/api/articles', {
      format: 'text',
      title: 'Con\u0000trol\u0007 title\u009b',
      content: 'First\u0000 line\u0001\n\nA para\u001bgraph\u007f with\u0085controls.',
    });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.title).toBe('Control title');
    const row = testDatabase().db.select().from(articles).where(eq(articles.id, created.id)).get()!;
    // eslint-disable-next-line no-control-regex -- looking for control characters
    const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
    expect(row.title).not.toMatch(controls);
    expect(row.plainText).not.toMatch(controls);
    expect(row.plainText).toBe('First line\n\nA paragraph with controls.');
  });

  it('refuses a pasted text of control characters with 422 and stores nothing', async () => {
    // Only this file's admin imports as them, so their count is stable while other files run.
    const mine = () => testDatabase().db.select().from(articles).where(eq(articles.createdBy, admin.id)).all().length;
    const before = mine();
    const content = Array.from({ length: 400 }, (_, i) => String.fromCharCode(i % 32)).join('');
    const res = await adminClient.post('/api/articles', { format: 'text', title: 'Binary', content });
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({ code: 'unprocessable', message: expect.stringContaining('binary') });
    expect(mine()).toBe(before);
  });

  it('stores a reviewer name without control characters', async () => {
    const email = `ctl-${crypto.randomBytes(4).toString('hex')}@desk.example`;
    const res = await adminClient.post('/api/users', { email, name: 'Ana\u0000 \u200eRuiz\u0008', role: 'reviewer', password: 'long enough pw' });
    expect(res.status).toBe(201);
    expect((await res.json()).name).toBe('Ana \u200eRuiz');
  });
});
