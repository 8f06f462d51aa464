// The header of every signed-in page: product name, the reviewer's name, and sign-out buttons
// (this browser, or every session of the account).
import Link from 'next/link';
import { ROLE_LABEL, type Viewer } from '@/lib/viewer';
import { SignOutButton, SignOutEverywhereButton } from './sign-out-button';

export function AppHeader({ viewer }: { viewer: Viewer }) {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Factmark
      </Link>
      <nav aria-label="Main">
        <Link href="/">Articles</Link>
        <Link href="/articles/new">New article</Link>
        {viewer.role === 'admin' && <Link href="/admin/users">Reviewers</Link>}
      </nav>
      <div className="who">
        <span data-testid="viewer-name">{viewer.name}</span>
        <span className="role">{ROLE_LABEL[viewer.role]}</span>
        <SignOutButton />
        <SignOutEverywhereButton userId={viewer.id} />
      </div>
    </header>
  );
}
