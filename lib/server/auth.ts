// next-auth configuration: email + password sign-in against the users table, JWT sessions in an
// httpOnly cookie, failed sign-ins rate-limited per email and per IP.
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../../db/client';
import { clearLoginFailures, loginLockMinutes, recordLoginFailure } from '../../db/queries/login-failures';
import { verifyCredentials } from '../../db/queries/users';
import type { Role } from '../../db/schema';
import { authSecret } from './auth-secret';

/**
 * The client's IP for rate limiting. Next.js route handlers do not see the socket, so the address
 * comes from the reverse proxy's X-Forwarded-For — believed only when TRUST_PROXY=1, since anyone
 * can send that header. Without it only the per-email limit applies.
 */
export function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  if (process.env.TRUST_PROXY !== '1') return null;
  const forwarded = headers?.['x-forwarded-for'];
  return (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() || null;
}

export const authOptions: NextAuthOptions = {
  // Read on first use, not at import: `next build` loads this module without a database.
  get secret() {
    return authSecret();
  },
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login', error: '/login' },
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
        const ip = clientIp(req?.headers as Record<string, string> | undefined);
        const lockedFor = loginLockMinutes(db, email, ip);
        if (lockedFor > 0) {
          throw new Error(`Too many failed sign-in attempts. Try again in ${lockedFor} minute${lockedFor === 1 ? '' : 's'}.`);
        }
        const user = await verifyCredentials(db, email, password);
        if (!user) {
          recordLoginFailure(db, email, ip);
          return null;
        }
        clearLoginFailures(db, email);
        return { id: String(user.id), email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = (user as { role?: Role }).role;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        (session.user as { id?: number }).id = token.uid as number;
        (session.user as { role?: Role }).role = token.role as Role;
      }
      return session;
    },
  },
};
