import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/app-header';
import { ArticleWorkspace } from '@/components/article-workspace';
import { getDb } from '@/db/client';
import { CanonicalText } from '@/lib/document/canonical-text';
import { listPackedAnnotations } from '@/db/queries/packed-annotations';
import { getArticle, getArticleTitle } from '@/db/queries/articles';
import { getCurrentRevision } from '@/db/queries/revisions';
import { requirePageViewer } from '@/lib/server/session';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

function loadArticle(id: string, viewer: Parameters<typeof getArticle>[1]) {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) return undefined;
  const result = getArticle(getDb(), viewer, Number(id));
  return result.ok ? result.value : undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const row = /^[1-9][0-9]{0,15}$/.test(id) ? getArticleTitle(getDb(), Number(id)) : undefined;
  return { title: row ?? 'Article' };
}

export default async function ArticlePage({ params }: Props) {
  const { id } = await params;
  const viewer = await requirePageViewer(`/articles/${id}`);
  const article = loadArticle(id, viewer);
  if (!article) notFound();
  // Read the clock first: polling asks for everything changed from here on, so nothing written
  // between this list and the first poll is missed.
  const cursor = Date.now();
  const annotations = listPackedAnnotations(getDb(), viewer, article.id, article.revision, new CanonicalText(article.plainText));
  const revision = getCurrentRevision(getDb(), viewer, article.id);
  if (!revision.ok) notFound();
  const { plainText: _omit, ...shown } = article;
  return (
    <>
      <AppHeader viewer={viewer} />
      <ArticleWorkspace article={shown} viewer={viewer} initialAnnotations={annotations} initialCursor={cursor} revision={revision.value} revisionCount={article.revision} />
    </>
  );
}
