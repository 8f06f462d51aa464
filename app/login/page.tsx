import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login-form';
import { env } from '@/lib/env';
import { getViewer } from '@/lib/server/session';
import { safeCallbackPath } from '@/lib/safe-callback';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Without NEXTAUTH_URL, an origin no request can have: absolute URLs are then all refused.
  const origin = env().appOrigin ?? 'http://factmark.invalid';
  const callbackPath = safeCallbackPath(typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined, origin);
  if (await getViewer()) redirect(callbackPath);
  return (
    <main className="login-page">
      <div className="login-card">
        <h1>Factmark</h1>
        <p className="muted">Sign in to review articles.</p>
        <LoginForm callbackPath={callbackPath} />
      </div>
    </main>
  );
}
