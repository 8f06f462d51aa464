// Sign-in through next-auth's own endpoints against the real server and SQLite file.
import { describe, expect, it } from 'vitest';
import { anonymous, attemptLogin, Client, login, serverUrl } from '../support/http';
import { createTestUser, disableUser } from '../support/db';

describe('sign-in', () => {
  it('signs a reviewer in and the session names them', async () => {
    const user = await createTestUser({ name: 'Ruth Reviewer' });
    const attempt = await attemptLogin(user.email.toUpperCase(), user.password);
    expect(attempt.status).toBe(200);
    expect(attempt.error).toBeNull();
    expect(attempt.cookie).toContain('next-auth.session-token=');
    const session = await new Client(attempt.cookie).get('/api/auth/session');
    expect(await session.json()).toMatchObject({ user: { name: 'Ruth Reviewer', email: user.email } });
  });

  it('sets the session cookie httpOnly and SameSite=Lax', async () => {
    const user = await createTestUser();
    const base = serverUrl();
    const csrfRes = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const res = await fetch(`${base}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') },
      body: new URLSearchParams({ csrfToken, email: user.email, password: user.password, json: 'true' }),
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
  });

  it('answers a wrong password and an unknown email alike, with 401', async () => {
    const user = await createTestUser();
    const wrong = await attemptLogin(user.email, 'not-the-password');
    const unknown = await attemptLogin('nobody-here@newsroom.test', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.error).toBe('CredentialsSignin');
    expect(unknown.error).toBe(wrong.error);
    expect(wrong.cookie).toBeNull();
  });

  it('refuses malformed sign-in payloads with 401 and no session', async () => {
    for (const [email, password] of [
      ['', ''],
      ['not-an-email', 'x'],
      ['a@b.test', 'x'.repeat(5000)],
    ]) {
      const attempt = await attemptLogin(email, password);
      expect(attempt.status).toBe(401);
      expect(attempt.cookie).toBeNull();
    }
  });

  it('locks a disabled reviewer out at once, even with a session issued before', async () => {
    const user = await createTestUser();
    const client = await login(user.email, user.password);
    expect((await client.get('/')).status).toBe(200);
    disableUser(user.email);
    const api = await client.get('/api/articles/1/annotations');
    expect(api.status).toBe(401);
    const page = await client.get('/');
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toContain('/login');
    const again = await attemptLogin(user.email, user.password);
    expect(again.status).toBe(401);
    expect(again.cookie).toBeNull();
  });

  it('rate-limits failed sign-ins per email, with a clear message, even for the right password', async () => {
    const user = await createTestUser();
    for (let i = 0; i < 10; i++) {
      expect((await attemptLogin(user.email, `wrong-password-${i}`)).error).toBe('CredentialsSignin');
    }
    const locked = await attemptLogin(user.email, user.password);
    expect(locked.status).toBe(401);
    expect(locked.cookie).toBeNull();
    expect(locked.error).toMatch(/Too many failed sign-in attempts\. Try again in \d+ minutes?\./);
    // Another reviewer is not affected.
    const other = await createTestUser();
    expect((await attemptLogin(other.email, other.password)).cookie).not.toBeNull();
  });

  it('rate-limits failed sign-ins per client IP across emails', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.77' };
    const user = await createTestUser();
    // Its own address, so no other test's failures count against this budget.
    for (let i = 0; i < 30; i++) {
      const attempt = await attemptLogin(`guess-${i}@newsroom.test`, 'wrong-password', ip);
      expect(attempt.cookie).toBeNull();
      expect(attempt.error, `attempt ${i + 1} is refused as a wrong sign-in, not yet locked`).not.toMatch(/Too many/);
    }
    const locked = await attemptLogin(user.email, user.password, ip);
    expect(locked.error).toMatch(/Too many failed sign-in attempts/);
    // The same account from another address signs in.
    expect((await attemptLogin(user.email, user.password, { 'x-forwarded-for': '203.0.113.78' })).cookie).not.toBeNull();
  });
});

describe('signed out', () => {
  it('API routes answer 401 JSON', async () => {
    const res = await anonymous.get('/api/articles/1/annotations');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('pages redirect to the login page with a callbackUrl', async () => {
    const res = await anonymous.get('/articles/1');
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get('location')!, serverUrl());
    expect(location.pathname).toBe('/login');
    expect(location.searchParams.get('callbackUrl')).toContain('/articles/1');
  });
});

describe('unknown routes and bad input', () => {
  it('unknown pages get a 404 page and unknown API paths a 404 JSON error', async () => {
    const user = await createTestUser();
    const client = await login(user.email, user.password);
    const page = await client.get('/no-such-page');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Not found');
    const api = await client.get('/api/no-such-thing');
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe('not_found');
  });
});
