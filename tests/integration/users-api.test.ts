// Admins manage accounts over the API; reviewers cannot.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../support/db';
import { attemptLogin, login, type Client } from '../support/http';

let admin: Client;
let adminId: number;
let reviewer: Client;

beforeAll(async () => {
  const a = await createTestUser({ role: 'admin', name: 'Desk Admin' });
  const r = await createTestUser();
  adminId = a.id;
  [admin, reviewer] = await Promise.all([login(a.email, a.password), login(r.email, r.password)]);
});

describe('accounts API', () => {
  it('lets an admin add a reviewer who can then sign in, and disable them', async () => {
    const email = `new-${Date.now()}@desk.example`;
    const res = await admin.post('/api/users', { email, name: 'New Hire', role: 'reviewer', password: 'welcome to the desk' });
    expect(res.status).toBe(201);
    const user = await res.json();
    expect(user).toMatchObject({ email, role: 'reviewer', disabled: false });
    expect(user.passwordHash).toBeUndefined();
    expect((await attemptLogin(email, 'welcome to the desk')).cookie).not.toBeNull();
    expect((await admin.patch(`/api/users/${user.id}`, { disabled: true })).status).toBe(200);
    expect((await attemptLogin(email, 'welcome to the desk')).cookie).toBeNull();
    const list = (await (await admin.get('/api/users')).json()).users;
    expect(list.find((u: { email: string }) => u.email === email).disabled).toBe(true);
  });

  it('refuses reviewers, duplicate emails, short passwords and self-lockout', async () => {
    expect((await reviewer.get('/api/users')).status).toBe(403);
    expect((await reviewer.post('/api/users', { email: 'x@desk.example', name: 'X', role: 'admin', password: 'long enough pw' })).status).toBe(403);
    expect((await reviewer.patch(`/api/users/${adminId}`, { disabled: true })).status).toBe(403);
    const dup = `dup-${Date.now()}@desk.example`;
    expect((await admin.post('/api/users', { email: dup, name: 'D', role: 'reviewer', password: 'long enough pw' })).status).toBe(201);
    expect((await admin.post('/api/users', { email: dup.toUpperCase(), name: 'D', role: 'reviewer', password: 'long enough pw' })).status).toBe(409);
    expect((await admin.post('/api/users', { email: 'short@desk.example', name: 'S', role: 'reviewer', password: 'short' })).status).toBe(400);
    const self = await admin.patch(`/api/users/${adminId}`, { disabled: true });
    expect(self.status).toBe(422);
    expect((await admin.get('/api/users')).status).toBe(200);
  });
});
