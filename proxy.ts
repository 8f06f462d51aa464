// Pages need a session: without one, a visit goes to /login?callbackUrl=… and comes back after
// sign-in. API routes answer 401 JSON themselves, so they are not matched here. Whether the
// account is still enabled is checked against the database by each page and route.
import { withAuth } from 'next-auth/middleware';
import { authSecret } from './lib/server/auth-secret';

export default withAuth({ pages: { signIn: '/login' }, secret: authSecret() });

export const config = {
  matcher: ['/((?!login|api/|_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
