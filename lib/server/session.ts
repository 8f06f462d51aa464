// Who is asking: the signed-in, still-enabled user behind a request. The session cookie only
// names a user and the session version it was issued under; the users table decides, so disabling
// someone, changing their password or role, or "sign out everywhere" ends every session at once.
//
// The cookie is read here directly — next-auth's own JWT (JWE, dir + A256GCM, key from HKDF of the
// secret, as next-auth/jwt's decode) — instead of through getServerSession, which per request
// derives the key twice, decrypts, re-encrypts a refreshed token that a route handler cannot even
// send, builds an internal request with a fresh CSRF token, and runs the jwt callback's users
// look-up before ours. next-auth's decode + encode cost about 170 + 190 µs here, this decode 40 µs
// (bench/session-check.ts); the server's CPU per created annotation fell by about 14 % (bench/throughput.ts).
// The token is decoded by ./session-token.ts, its key derived once per secret; a token that fails
// to decrypt, is malformed or expired names nobody. Then one users look-up per request.
import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '../../db/client';
import { getUserById } from '../../db/queries/users';
import type { Viewer } from '../viewer';
import { env } from '../env';
import { fail, ok, type Result } from '../errors';
import { authSecret } from './auth-secret';
import { decodeSessionToken } from './session-token';

export type { Viewer };

/** next-auth's session cookie name: `__Secure-` first when NEXTAUTH_URL is https (its useSecureCookies default). */
function sessionCookieName(): string {
  return `${env().appUrl?.startsWith('https://') ? '__Secure-' : ''}next-auth.session-token`;
}

/** The session token, joined from its chunks (`name.0`, `name.1`, …) when next-auth had to split it. */
async function sessionToken(): Promise<string | undefined> {
  const name = sessionCookieName();
  const parts: [number, string][] = [];
  for (const c of (await cookies()).getAll()) {
    if (c.name === name) parts.push([0, c.value]);
    else if (c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1))) parts.push([Number(c.name.slice(name.length + 1)), c.value]);
  }
  if (parts.length === 0) return undefined;
  return parts
    .sort((a, b) => a[0] - b[0])
    .map(([, v]) => v)
    .join('');
}

export async function getViewer(): Promise<Viewer | undefined> {
  const token = await sessionToken();
  if (!token) return undefined;
  // lib/server/auth.ts's jwt callback writes the user id as `uid` and the session version as `sv`.
  const claims = decodeSessionToken(token, authSecret());
  if (typeof claims?.uid !== 'number') return undefined;
  const row = getUserById(getDb(), claims.uid);
  if (!row || row.disabled || row.sessionVersion !== claims.sv) return undefined;
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}

/** For route handlers: the viewer, or a 401 error value. */
export async function requireViewer(): Promise<Result<Viewer>> {
  const viewer = await getViewer();
  return viewer ? ok(viewer) : fail('unauthorized', 'Sign in to continue.');
}

/** For pages: the viewer, or a redirect to the login page that comes back here afterwards. */
export async function requirePageViewer(callbackPath: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return viewer;
}
