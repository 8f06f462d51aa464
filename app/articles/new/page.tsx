import type { Metadata } from 'next';
import { AppHeader } from '@/components/app-header';
import { ImportForm } from '@/components/import-form';
import { requirePageViewer } from '@/lib/server/session';

export const metadata: Metadata = { title: 'New article' };
export const dynamic = 'force-dynamic';

export default async function NewArticlePage() {
  const viewer = await requirePageViewer('/articles/new');
  return (
    <>
      <AppHeader viewer={viewer} />
      <main className="page narrow-wide">
        <h1>New article</h1>
        <p className="muted">Bring in the article you are checking: paste it, upload a file, or give its address. Check what was found, correct the details, then save.</p>
        <ImportForm />
      </main>
    </>
  );
}
