'use client';
// Account management for admins: add a reviewer, disable/enable, change role, set a password,
// sign an account out everywhere. Each of the last four ends the account's sessions. Accounts come
// a page at a time, by email ("Load more" reads the next page of GET /api/users).
import { signOut } from 'next-auth/react';
import { useState } from 'react';
import type { UserDto } from '@/db/queries/users';
import { ROLE_LABEL, ROLES } from '@/lib/viewer';

async function send(url: string, method: string, body: unknown) {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error(data?.error?.message ?? `The server answered ${res.status}.`);
  return data as UserDto;
}

async function endSessions(id: number) {
  const res = await fetch(`/api/users/${id}/sessions`, { method: 'DELETE' });
  if (!res.ok) throw new Error(((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? `The server answered ${res.status}.`);
}

async function nextPage(cursor: string) {
  const res = await fetch(`/api/users?cursor=${encodeURIComponent(cursor)}`);
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error(data?.error?.message ?? `The server answered ${res.status}.`);
  return data as { users: UserDto[]; nextCursor: string | null };
}

export function UserAdmin({ initialUsers, initialCursor, viewerId }: { initialUsers: UserDto[]; initialCursor: string | null; viewerId: number }) {
  const [users, setUsers] = useState(initialUsers);
  const [cursor, setCursor] = useState(initialCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const replace = (u: UserDto) => setUsers((list) => list.map((x) => (x.id === u.id ? u : x)));
  async function act(label: string, run: () => Promise<void>) {
    setError(null);
    setNotice(null);
    try {
      await run();
      setNotice(label);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const page = await nextPage(cursor);
      // An account added here meanwhile may already be listed.
      setUsers((list) => [...list, ...page.users.filter((u) => !list.some((x) => x.id === u.id))]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  }

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    await act('Account created.', async () => {
      const user = await send('/api/users', 'POST', { email: f.get('email'), name: f.get('name'), role: f.get('role'), password: f.get('password') });
      setUsers((list) => [...list, user].sort((a, b) => a.email.localeCompare(b.email)));
      form.reset();
    });
  }

  return (
    <div className="user-admin">
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {notice && <p className="notice-ok">{notice}</p>}
      <table className="users">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Status</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid="user-row">
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <select
                  aria-label={`Role of ${u.name}`}
                  value={u.role}
                  disabled={u.id === viewerId}
                  onChange={(e) => void act('Role changed.', async () => replace(await send(`/api/users/${u.id}`, 'PATCH', { role: e.target.value })))}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </select>
              </td>
              <td>{u.disabled ? 'Disabled' : 'Active'}</td>
              <td className="user-actions">
                {u.id !== viewerId && (
                  <button type="button" className="secondary small" onClick={() => void act(u.disabled ? 'Account enabled.' : 'Account disabled.', async () => replace(await send(`/api/users/${u.id}`, 'PATCH', { disabled: !u.disabled })))}>
                    {u.disabled ? 'Enable' : 'Disable'}
                  </button>
                )}
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => {
                    const password = window.prompt(`New password for ${u.name} (at least 10 characters):`);
                    if (!password) return;
                    void act('Password changed.', async () => {
                      replace(await send(`/api/users/${u.id}`, 'PATCH', { password }));
                      // A new password ends the account's sessions, this one too when it is yours.
                      if (u.id === viewerId) await signOut({ callbackUrl: '/login' });
                    });
                  }}
                >
                  Set password
                </button>
                <button
                  type="button"
                  className="secondary small"
                  onClick={() =>
                    void act(`${u.name} is signed out everywhere.`, async () => {
                      await endSessions(u.id);
                      if (u.id === viewerId) await signOut({ callbackUrl: '/login' });
                    })
                  }
                >
                  End sessions
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cursor && (
        <p>
          <button type="button" className="secondary" onClick={() => void loadMore()} disabled={loading}>
            {loading ? 'Loading…' : 'Load more accounts'}
          </button>
        </p>
      )}
      <h2>Add a reviewer</h2>
      <form className="add-user" onSubmit={(e) => void create(e)}>
        <label>
          Name <input name="name" required />
        </label>
        <label>
          Email <input name="email" type="email" required />
        </label>
        <label>
          Role{' '}
          <select name="role" defaultValue="reviewer">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Password <input name="password" type="password" minLength={10} required autoComplete="new-password" />
        </label>
        <button type="submit" className="primary">
          Add
        </button>
      </form>
    </div>
  );
}
