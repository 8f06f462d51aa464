import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/app-header';
import { ArticleWorkspace } from '@/components/article-workspace';
import { ReviewPanel } from '@/components/review-panel';
import { SecondCheckBanner } from '@/components/second-check-banner';
import { getDb } from '@/db/client';
import { CanonicalText } from '@/lib/document/canonical-text';
import { listPackedAnnotations } from '@/db/queries/packed-annotations';
import { getArticle, getArticleTitle } from '@/db/queries/articles';
import { getCurrentRevision } from '@/db/queries/revisions';
import { getReview, listBlockingItems } from '@/db/queries/review';
import { listUsers } from '@/db/queries/users';
import { requirePageViewer } from '@/lib/server/session';
import { isEditor, type Viewer } from '@/lib/viewer';

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
  const review = reviewProps(viewer, article.id);
  const pending = review.review.secondCheck?.doneAt === null ? review.review.secondCheck : null;
  return (
    <>
      <AppHeader viewer={viewer} />
      <ReviewPanel articleId={article.id} articleTitle={article.title} {...review} />
      {pending?.reviewer.id === viewer.id && <SecondCheckBanner articleId={article.id} requestedBy={pending.requestedBy.name} />}
      <ArticleWorkspace article={shown} viewer={viewer} initialAnnotations={annotations} initialCursor={cursor} revision={revision.value} revisionCount={article.revision} />
    </>
  );
}

/** The review bar's data: the review, and for editors the active accounts and what blocks the sign-off. */
function reviewProps(viewer: Viewer, articleId: number) {
  const db = getDb();
  const review = getReview(db, viewer, articleId);
  if (!review.ok) notFound();
  const editor = isEditor(viewer);
  const blocking = editor ? listBlockingItems(db, viewer, articleId) : undefined;
  return {
    review: review.value,
    editor,
    people: editor ? listUsers(db).filter((u) => !u.disabled).map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)) : [],
    blocking: blocking?.ok ? blocking.value : [],
  };
}
