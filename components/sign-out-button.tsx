'use client';
// Sign out of this browser, or of every browser and device at once (ends all the account's sessions).
import { signOut } from 'next-auth/react';
import { useState } from 'react';

export function SignOutButton() {
  return (
    <button type="button" className="link-button" onClick={() => void signOut({ callbackUrl: '/login' })}>
      Sign out
    </button>
  );
}

/** Ends every session of the account through the API, then this one's cookie. */
export function SignOutEverywhereButton({ userId }: { userId: number }) {
  const [pending, setPending] = useState(false);
  async function run() {
    if (!window.confirm('Sign out on every device and browser, including this one?')) return;
    setPending(true);
    const res = await fetch(`/api/users/${userId}/sessions`, { method: 'DELETE' }).catch(() => null);
    // Even when the call failed (already signed out), this browser's session ends.
    if (!res?.ok && res?.status !== 401) window.alert('Could not sign out the other sessions. Try again.');
    await signOut({ callbackUrl: '/login' });
  }
  return (
    // Not labelled "Sign out …": the plain "Sign out" button must stay the only one of that name.
    <button type="button" className="link-button" disabled={pending} title="Sign out everywhere: every browser and device, this one too" onClick={() => void run()}>
      End all sessions
    </button>
  );
}
