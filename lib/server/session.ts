// Who is asking: the signed-in, still-enabled user behind a request. The session cookie only
// names a user and the session version it was issued under; the users table decides, so disabling
// someone, changing their password or role, or "sign out everywhere" ends every session at once.
//
// The cookie is read here directly — next-auth's own JWT (JWE, dir + A256GCM, key from HKDF of the
// secret, as next-auth/jwt's decode) — instead of through getServerSession, which per request
// derives the key twice, decrypts, re-encrypts a refreshed token that a route handler cannot even
// send, builds an internal request with a fresh CSRF token, and runs the jwt callback's users
// look-up before ours: about half of a small API request's CPU under load (bench/throughput.ts).
// The key is derived once per secret. Same rules: a token that fails to decrypt, is malformed or
// expired (15 s clock tolerance, as next-auth) names nobody; then one users look-up per request.
import 'server-only';
import crypto from 'node:crypto';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '../../db/client';
import { getUserById } from '../../db/queries/users';
import type { Viewer } from '../viewer';
import { env } from '../env';
import { fail, ok, type Result } from '../errors';
import { authSecret } from './auth-secret';

export type { Viewer };

const CLOCK_TOLERANCE_S = 15;
/** next-auth's HKDF info for the session encryption key (next-auth/jwt getDerivedEncryptionKey, empty salt). */
const KEY_INFO = 'NextAuth.js Generated Encryption Key';
const PROTECTED_HEADER = { alg: 'dir', enc: 'A256GCM' };

let derived: { secret: string; key: Buffer } | undefined;

function encryptionKey(secret: string): Buffer {
  if (derived?.secret !== secret) derived = { secret, key: Buffer.from(crypto.hkdfSync('sha256', secret, '', KEY_INFO, 32)) };
  return derived.key;
}

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

/** The claims of a compact JWE next-auth issued, or undefined when it is not one, was altered, or has expired. */
export function decodeSessionToken(token: string, secret: string, now = Date.now()): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 5) return undefined;
  const [headerPart, encryptedKey, ivPart, cipherPart, tagPart] = parts;
  try {
    const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (header.alg !== PROTECTED_HEADER.alg || header.enc !== PROTECTED_HEADER.enc || Object.keys(header).length !== 2 || encryptedKey !== '') return undefined;
    const iv = Buffer.from(ivPart, 'base64url');
    const tag = Buffer.from(tagPart, 'base64url');
    if (iv.length !== 12 || tag.length !== 16) return undefined;
    const decipher = crypto.createDecipheriv('aes-256-gcm', encryptionKey(secret), iv, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(headerPart, 'ascii'));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(cipherPart, 'base64url')), decipher.final()]);
    const claims = JSON.parse(plain.toString('utf8')) as unknown;
    if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return undefined;
    const { exp, nbf } = claims as { exp?: unknown; nbf?: unknown };
    const seconds = Math.floor(now / 1000);
    if (exp !== undefined && (typeof exp !== 'number' || exp <= seconds - CLOCK_TOLERANCE_S)) return undefined;
    if (nbf !== undefined && (typeof nbf !== 'number' || nbf > seconds + CLOCK_TOLERANCE_S)) return undefined;
    return claims as Record<string, unknown>;
  } catch {
    // Bad base64, a failed authentication tag (altered or another secret's token), or not JSON.
    return undefined;
  }
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
