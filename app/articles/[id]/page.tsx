import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
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
  // Read after the page's first part is on its way, so the browser loads the scripts and the
  // article while the server reads and packs thousands of rows (bench/results/paint.md).
  const annotations = afterShell(() => listPackedAnnotations(getDb(), viewer, article.id, article.revision, new CanonicalText(article.plainText)));
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
      <Suspense fallback={<main className="workspace" aria-busy="true" />}>
        <ArticleWorkspace article={shown} viewer={viewer} initialAnnotations={annotations} initialCursor={cursor} revision={revision.value} revisionCount={article.revision} />
      </Suspense>
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

/**
 * Turns of the event loop to wait before the annotations' read: enough for Next to render and send
 * the page's first part (with 3 the first byte of a 5,000-annotation page still waited for the
 * read; from 5 on it came as early as a page without annotations).
 */
const SHELL_TURNS = 10;

/** Runs `read` once React has had the event loop long enough to send what it can render without it. */
async function afterShell<T>(read: () => T): Promise<T> {
  for (let i = 0; i < SHELL_TURNS; i++) await new Promise((resolve) => setImmediate(resolve));
  return read();
}
