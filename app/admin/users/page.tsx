import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/app-header';
import { UserAdmin } from '@/components/user-admin';
import { getDb } from '@/db/client';
import { listUsers } from '@/db/queries/users';
import { requirePageViewer } from '@/lib/server/session';

export const metadata: Metadata = { title: 'Reviewers' };
export const dynamic = 'force-dynamic';

export default async function UsersPage() {
  const viewer = await requirePageViewer('/admin/users');
  if (viewer.role !== 'admin') notFound();
  return (
    <>
      <AppHeader viewer={viewer} />
      <main className="page">
        <h1>Reviewers</h1>
        <UserAdmin initialUsers={listUsers(getDb())} viewerId={viewer.id} />
      </main>
    </>
  );
}
