import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/app-header';
import { ArticleWorkspace } from '@/components/article-workspace';
import { getDb } from '@/db/client';
import { getArticle } from '@/db/queries/articles';
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
  return { title: /^[0-9]+$/.test(id) ? `Article ${id}` : 'Article' };
}

export default async function ArticlePage({ params }: Props) {
  const { id } = await params;
  const viewer = await requirePageViewer(`/articles/${id}`);
  const article = loadArticle(id, viewer);
  if (!article) notFound();
  return (
    <>
      <AppHeader viewer={viewer} />
      <ArticleWorkspace article={article} viewer={viewer} />
    </>
  );
}
