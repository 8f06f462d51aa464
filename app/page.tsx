import Link from 'next/link';
import { AppHeader } from '@/components/app-header';
import { getDb } from '@/db/client';
import { listArticles } from '@/db/queries/articles';
import { requirePageViewer } from '@/lib/server/session';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const viewer = await requirePageViewer('/');
  const articles = listArticles(getDb(), viewer);
  return (
    <>
      <AppHeader viewer={viewer} />
      <main className="page">
        <div className="page-title">
          <h1>Articles</h1>
        </div>
        {articles.length === 0 ? (
          <p className="muted">No articles yet.</p>
        ) : (
          <ul className="article-list">
            {articles.map((a) => (
              <li key={a.id}>
                <Link href={`/articles/${a.id}`} className="article-title">
                  {a.title}
                </Link>
                <div className="muted small">
                  {[a.publisher, a.publishedAt, `added by ${a.createdBy.name}`].filter(Boolean).join(' · ')}
                </div>
                <div className="counts small">
                  <span className="status-chip verified">{a.counts.verified} verified</span>
                  <span className="status-chip disputed">{a.counts.disputed} disputed</span>
                  <span className="status-chip needs_source">{a.counts.needs_source} need a source</span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
