import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/app-header';
import { UserAdmin } from '@/components/user-admin';
import { getDb } from '@/db/client';
import { listUsersPage } from '@/db/queries/users';
import { nextCursor, PAGE_LIMITS } from '@/lib/paging';
import { requirePageViewer } from '@/lib/server/session';

export const metadata: Metadata = { title: 'Reviewers' };
export const dynamic = 'force-dynamic';

export default async function UsersPage() {
  const viewer = await requirePageViewer('/admin/users');
  if (viewer.role !== 'admin') notFound();
  // The first page; "Load more" reads the next ones from GET /api/users.
  const page = listUsersPage(getDb(), viewer, { limit: PAGE_LIMITS.users.default });
  if (!page.ok) notFound();
  return (
    <>
      <AppHeader viewer={viewer} />
      <main className="page">
        <h1>Reviewers</h1>
        <UserAdmin initialUsers={page.value.items} initialCursor={nextCursor('users', '', page.value.next)} viewerId={viewer.id} />
      </main>
    </>
  );
}
