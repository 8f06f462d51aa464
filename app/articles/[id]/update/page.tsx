// Update an article's text with a new revision: the form previews what happens to the verdicts
// before anything is saved.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/app-header';
import { RevisionUpdateForm } from '@/components/revision-update-form';
import { getDb } from '@/db/client';
import { getArticle, getArticleTitle } from '@/db/queries/articles';
import { listRevisions } from '@/db/queries/revisions';
import { requirePageViewer } from '@/lib/server/session';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

const ID = /^[1-9][0-9]{0,15}$/;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const title = ID.test(id) ? getArticleTitle(getDb(), Number(id)) : undefined;
  return { title: title ? `Update: ${title}` : 'Update article' };
}

export default async function UpdateArticlePage({ params }: Props) {
  const { id } = await params;
  const viewer = await requirePageViewer(`/articles/${id}/update`);
  if (!ID.test(id)) notFound();
  const db = getDb();
  const article = getArticle(db, viewer, Number(id));
  if (!article.ok) notFound();
  const revisions = listRevisions(db, viewer, article.value.id);
  if (!revisions.ok || revisions.value.length === 0) notFound();
  const { title, byline, publisher, publishedAt, sourceUrl } = article.value;
  return (
    <>
      <AppHeader viewer={viewer} />
      <main className="page narrow-wide">
        <p className="revision-back">
          <Link href={`/articles/${article.value.id}`}>← Back to the article</Link>
        </p>
        <h1>Update article</h1>
        <p className="muted">
          Bring in a newer version of <cite>{title}</cite>. Verdicts are carried over to the new text where their passages survive; the
          earlier text stays available as a revision.
        </p>
        <RevisionUpdateForm
          articleId={article.value.id}
          currentRevision={revisions.value[0].number}
          sourceUrl={sourceUrl}
          details={{ title, byline, publisher, publishedAt }}
        />
      </main>
    </>
  );
}
