// Who is asking: the signed-in, still-enabled user behind a request. The session cookie only
// names a user and the session version it was issued under; the users table decides, so disabling
// someone, changing their password or role, or "sign out everywhere" ends every session at once.
import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { getDb } from '../../db/client';
import { getUserById } from '../../db/queries/users';
import type { Viewer } from '../viewer';
import { fail, ok, type Result } from '../errors';
import { authOptions } from './auth';

export type { Viewer };

export async function getViewer(): Promise<Viewer | undefined> {
  const session = await getServerSession(authOptions);
  const claims = session?.user as { id?: number; sessionVersion?: number } | undefined;
  if (typeof claims?.id !== 'number') return undefined;
  const row = getUserById(getDb(), claims.id);
  if (!row || row.disabled || row.sessionVersion !== claims.sessionVersion) return undefined;
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
