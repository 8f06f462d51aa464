// The users query module on a fresh SQLite file: the rules the CLI and sign-in rely on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { createUser, findUserByEmail, listUsers, setUserDisabled, setUserPassword, verifyCredentials } from '@/db/queries/users';
import { clearLoginFailures, loginLockMinutes, recordLoginFailure } from '@/db/queries/login-failures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-users-'));
const { db, sqlite } = openDatabase(path.join(dir, 'test.db'));
afterAll(() => {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('users', () => {
  it('stores the email lower-case and only an argon2id hash of the password', async () => {
    const res = await createUser(db, { email: '  Ana.Ruiz@Newsroom.Example ', name: 'Ana Ruiz', role: 'reviewer', password: 'correct horse battery' });
    expect(res.ok).toBe(true);
    const row = findUserByEmail(db, 'ana.ruiz@newsroom.example')!;
    expect(row.email).toBe('ana.ruiz@newsroom.example');
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain('correct horse');
  });

  it('refuses a taken email, a malformed email, a short password and an unknown role', async () => {
    const base = { email: 'x@newsroom.example', name: 'X', role: 'reviewer' as const, password: 'long enough pw' };
    await createUser(db, base);
    const taken = await createUser(db, { ...base, email: 'X@NEWSROOM.example' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await createUser(db, { ...base, email: 'not-an-email' })).toMatchObject({ ok: false, error: { message: 'Email address is malformed.' } });
    expect(await createUser(db, { ...base, email: 'y@newsroom.example', password: 'short' })).toMatchObject({ ok: false, error: { message: 'Password must be at least 10 characters.' } });
    expect(await createUser(db, { ...base, email: 'z@newsroom.example', role: 'owner' as never })).toMatchObject({ ok: false });
    expect(listUsers(db).map((u) => u.email)).toEqual(['ana.ruiz@newsroom.example', 'x@newsroom.example']);
  });

  it('verifies credentials, refuses wrong passwords and disabled users, and changes passwords', async () => {
    await createUser(db, { email: 'v@newsroom.example', name: 'V', role: 'admin', password: 'first password' });
    expect((await verifyCredentials(db, 'V@newsroom.example', 'first password'))?.name).toBe('V');
    expect(await verifyCredentials(db, 'v@newsroom.example', 'wrong password')).toBeUndefined();
    expect(await verifyCredentials(db, 'nobody@newsroom.example', 'first password')).toBeUndefined();
    setUserDisabled(db, 'v@newsroom.example', true);
    expect(await verifyCredentials(db, 'v@newsroom.example', 'first password')).toBeUndefined();
    setUserDisabled(db, 'v@newsroom.example', false);
    expect((await setUserPassword(db, 'v@newsroom.example', 'second password')).ok).toBe(true);
    expect(await verifyCredentials(db, 'v@newsroom.example', 'first password')).toBeUndefined();
    expect(await verifyCredentials(db, 'v@newsroom.example', 'second password')).toBeDefined();
  });
});

describe('sign-in rate limit', () => {
  const limits = { windowMs: 15 * 60_000, maxPerEmail: 3, maxPerIp: 5 };
  it('locks an email after the limit and unlocks when the window passes', () => {
    const t0 = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 3; i++) recordLoginFailure(db, 'a@x.test', null, limits, t0 + i * 1000);
    expect(loginLockMinutes(db, 'a@x.test', null, limits, t0 + 5000)).toBe(15);
    expect(loginLockMinutes(db, 'b@x.test', null, limits, t0 + 5000)).toBe(0);
    expect(loginLockMinutes(db, 'a@x.test', null, limits, t0 + 15 * 60_000 + 1500)).toBe(0);
    clearLoginFailures(db, 'a@x.test');
  });

  it('locks an IP across emails only when the IP is known', () => {
    const t0 = Date.UTC(2026, 0, 2);
    for (let i = 0; i < 5; i++) recordLoginFailure(db, `u${i}@x.test`, '198.51.100.7', limits, t0);
    expect(loginLockMinutes(db, 'fresh@x.test', '198.51.100.7', limits, t0 + 1)).toBeGreaterThan(0);
    expect(loginLockMinutes(db, 'fresh@x.test', '198.51.100.8', limits, t0 + 1)).toBe(0);
    expect(loginLockMinutes(db, 'fresh@x.test', null, limits, t0 + 1)).toBe(0);
  });
});
