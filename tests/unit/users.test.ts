// The users query module on a fresh SQLite file: the rules the CLI and sign-in rely on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { createUser, findUserByEmail, listUsers, setUserDisabled, setUserPassword, signOutEverywhere, updateUser, verifyCredentials, type UserDto } from '@/db/queries/users';
import { beginLoginAttempt, countLoginAttempts, loginLockMinutes, loginSucceeded } from '@/db/queries/login-failures';

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
  it('counts each attempt before it is verified and refuses past the limit until the window passes', () => {
    const t0 = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 3; i++) expect(beginLoginAttempt(db, 'a@x.test', null, limits, t0 + i * 1000)).toEqual({ ok: true });
    // The fourth is refused without being counted: nothing to verify, the lock does not grow.
    expect(beginLoginAttempt(db, 'a@x.test', null, limits, t0 + 5000)).toEqual({ ok: false, lockedForMinutes: 15 });
    expect(countLoginAttempts(db, 'a@x.test', limits, t0 + 5000)).toBe(3);
    expect(loginLockMinutes(db, 'b@x.test', null, limits, t0 + 5000)).toBe(0);
    expect(beginLoginAttempt(db, 'a@x.test', null, limits, t0 + 15 * 60_000 + 1500)).toEqual({ ok: true });
  });

  it('locks an IP across emails, unknown ones included, only when the IP is known', () => {
    const t0 = Date.UTC(2026, 0, 2);
    for (let i = 0; i < 5; i++) expect(beginLoginAttempt(db, `nobody-${i}@x.test`, '198.51.100.7', limits, t0).ok).toBe(true);
    expect(beginLoginAttempt(db, 'fresh@x.test', '198.51.100.7', limits, t0 + 1)).toMatchObject({ ok: false });
    expect(beginLoginAttempt(db, 'fresh@x.test', '198.51.100.8', limits, t0 + 1)).toEqual({ ok: true });
    expect(loginLockMinutes(db, 'fresh2@x.test', null, limits, t0 + 1)).toBe(0);
  });

  it('a right password forgets that address\'s attempts on the email, not another address\'s', () => {
    const t0 = Date.UTC(2026, 0, 3);
    beginLoginAttempt(db, 'c@x.test', '198.51.100.20', limits, t0);
    beginLoginAttempt(db, 'c@x.test', '198.51.100.20', limits, t0);
    beginLoginAttempt(db, 'c@x.test', '203.0.113.9', limits, t0);
    loginSucceeded(db, 'c@x.test', '198.51.100.20');
    expect(countLoginAttempts(db, 'c@x.test', limits, t0 + 1)).toBe(1);
  });
});

describe('session version', () => {
  const version = (email: string) => findUserByEmail(db, email)!.sessionVersion;
  it('is bumped by a password change, a role change, disabling and signing out everywhere — not by renaming or enabling', async () => {
    const admin = (await createUser(db, { email: 'sv-admin@x.test', name: 'A', role: 'admin', password: 'long enough pw' })) as { ok: true; value: UserDto };
    const viewer = { id: admin.value.id, name: 'A', email: 'sv-admin@x.test', role: 'admin' as const };
    const user = (await createUser(db, { email: 'sv@x.test', name: 'S', role: 'reviewer', password: 'long enough pw' })) as { ok: true; value: UserDto };
    const id = user.value.id;
    expect(version('sv@x.test')).toBe(0);
    await updateUser(db, viewer, id, { name: 'Renamed' });
    await updateUser(db, viewer, id, { role: 'reviewer' });
    expect(version('sv@x.test')).toBe(0);
    await updateUser(db, viewer, id, { role: 'admin' });
    expect(version('sv@x.test')).toBe(1);
    await updateUser(db, viewer, id, { password: 'a new long password' });
    expect(version('sv@x.test')).toBe(2);
    await updateUser(db, viewer, id, { disabled: true });
    expect(version('sv@x.test')).toBe(3);
    await updateUser(db, viewer, id, { disabled: false });
    expect(version('sv@x.test')).toBe(3);
    setUserDisabled(db, 'sv@x.test', true);
    setUserDisabled(db, 'sv@x.test', false);
    expect(version('sv@x.test')).toBe(4);
    await setUserPassword(db, 'sv@x.test', 'yet another password');
    expect(version('sv@x.test')).toBe(5);
    expect(signOutEverywhere(db, viewer, id)).toEqual({ ok: true, value: true });
    expect(version('sv@x.test')).toBe(6);
  });

  it('lets a reviewer sign out everywhere only themselves', async () => {
    const a = (await createUser(db, { email: 'sv-a@x.test', name: 'A', role: 'reviewer', password: 'long enough pw' })) as { ok: true; value: UserDto };
    const b = (await createUser(db, { email: 'sv-b@x.test', name: 'B', role: 'reviewer', password: 'long enough pw' })) as { ok: true; value: UserDto };
    const viewer = { id: a.value.id, name: 'A', email: 'sv-a@x.test', role: 'reviewer' as const };
    expect(signOutEverywhere(db, viewer, b.value.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(version('sv-b@x.test')).toBe(0);
    expect(signOutEverywhere(db, viewer, a.value.id).ok).toBe(true);
    expect(version('sv-a@x.test')).toBe(1);
  });
});

describe('names', () => {
  it('are stored without control characters', async () => {
    const res = await createUser(db, { email: 'ctl@x.test', name: 'Ana\u0000 \u0007Ruiz\u009b\r\n', role: 'reviewer', password: 'long enough pw' });
    expect(res).toMatchObject({ ok: true, value: { name: 'Ana Ruiz' } });
    expect(await createUser(db, { email: 'ctl2@x.test', name: '\u0000\u0001', role: 'reviewer', password: 'long enough pw' })).toMatchObject({ ok: false });
  });
});
