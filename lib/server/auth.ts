// next-auth configuration: email + password sign-in against the users table, JWT sessions in an
// httpOnly cookie that carry the user's session version, sign-in attempts rate-limited per email
// and per client IP, each counted before its password is checked.
import ipaddr from 'ipaddr.js';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../../db/client';
import { beginLoginAttempt, loginSucceeded } from '../../db/queries/login-failures';
import { getUserById, verifyCredentials } from '../../db/queries/users';
import type { Role } from '../../db/schema';
import { env } from '../env';
import { authSecret } from './auth-secret';

type HeaderBag = Record<string, string | string[] | undefined> | Headers | undefined;

/**
 * The client's address for rate limiting, or null when it cannot be known. Route handlers do not
 * see the socket, so it comes from X-Forwarded-For, believed only behind TRUST_PROXY=N reverse
 * proxies: each appends the address it received from, so the client is the N-th entry from the
 * right. Entries further left are whatever the client sent and are never read. IPv6 addresses
 * count by their /64 network, which one client usually holds whole.
 */
export function clientIp(headers: HeaderBag, hops = env().trustProxyHops): string | null {
  if (hops < 1) return null;
  const raw = headers instanceof Headers ? headers.get('x-forwarded-for') : headers?.['x-forwarded-for'];
  const forwarded = (Array.isArray(raw) ? raw.join(',') : raw) ?? '';
  const entries = forwarded
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const entry = entries[Math.max(0, entries.length - hops)];
  return normaliseIp(entry);
}

function normaliseIp(entry: string): string {
  // Proxies may write "[::1]:1234" or "10.0.0.1:5678"; keep the address.
  const bare = entry.replace(/^\[([^\]]+)\](?::\d+)?$/, '$1').replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1');
  if (!ipaddr.isValid(bare)) return entry.slice(0, 64);
  const address = ipaddr.process(bare);
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}

/** Thrown by the jwt callback for a token whose account changed: next-auth then clears the cookie. */
class SessionEnded extends Error {
  constructor() {
    super('The session has ended: the account was disabled, its password or role changed, or it was signed out everywhere.');
    this.name = 'SessionEnded';
  }
}

export const authOptions: NextAuthOptions = {
  // Read on first use, not at import: `next build` loads this module without a database.
  get secret() {
    return authSecret();
  },
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login', error: '/login' },
  logger: {
    error(code, metadata) {
      // An ended session is expected, not an error worth a stack trace in the log.
      if (code === 'JWT_SESSION_ERROR' && metadata instanceof SessionEnded) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth][warn][${code}]`);
    },
    debug() {},
  },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials, req) {
        const email = typeof credentials?.email === 'string' ? credentials.email.trim().toLowerCase() : '';
        const password = typeof credentials?.password === 'string' ? credentials.password : '';
        if (!email || !password || email.length > 320 || password.length > 1024) return null;
        const db = getDb();
        const ip = clientIp(req?.headers as HeaderBag);
        // Counted before argon2 runs: of any burst, at most the limit is ever verified.
        const attempt = beginLoginAttempt(db, email, ip);
        if (!attempt.ok) {
          const m = attempt.lockedForMinutes;
          throw new Error(`Too many failed sign-in attempts. Try again in ${m} minute${m === 1 ? '' : 's'}.`);
        }
        const user = await verifyCredentials(db, email, password);
        if (!user) return null;
        loginSucceeded(db, email, ip);
        return { id: String(user.id), email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const signedIn = user as { id: string; role?: Role; sessionVersion?: number };
        token.uid = Number(signedIn.id);
        token.role = signedIn.role;
        token.sv = signedIn.sessionVersion ?? 0;
        return token;
      }
      // Every later read of the session (pages, API, /api/auth/session): the account must still be
      // enabled and at the version the token was issued under. lib/server/session.ts checks again.
      const row = typeof token.uid === 'number' ? getUserById(getDb(), token.uid) : undefined;
      if (!row || row.disabled || row.sessionVersion !== token.sv) throw new SessionEnded();
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        const user = session.user as { id?: number; role?: Role; sessionVersion?: number };
        user.id = token.uid as number;
        user.role = token.role as Role;
        user.sessionVersion = token.sv as number;
      }
      return session;
    },
  },
};
