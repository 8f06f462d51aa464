import Link from 'next/link';
import { AppHeader } from '@/components/app-header';
import { ArticleActions } from '@/components/article-actions';
import { getDb } from '@/db/client';
import { listArticles } from '@/db/queries/articles';
import { requirePageViewer } from '@/lib/server/session';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function HomePage({ searchParams }: Props) {
  const params = await searchParams;
  const q = typeof params.q === 'string' ? params.q.slice(0, 200) : '';
  const sort = params.sort === 'published' ? 'published' : 'activity';
  const viewer = await requirePageViewer('/');
  const articles = listArticles(getDb(), viewer, { q, sort });
  return (
    <>
      <AppHeader viewer={viewer} />
      <main className="page">
        <div className="page-title">
          <h1>Articles</h1>
          <Link href="/articles/new" className="primary">
            New article
          </Link>
        </div>
        <form className="list-controls" role="search" action="/">
          <label>
            <span className="sr-only">Search titles</span>
            <input type="search" name="q" defaultValue={q} placeholder="Search titles" />
          </label>
          <label>
            Sort by{' '}
            <select name="sort" defaultValue={sort}>
              <option value="activity">Last activity</option>
              <option value="published">Published date</option>
            </select>
          </label>
          <button type="submit" className="secondary">
            Apply
          </button>
        </form>
        {articles.length === 0 ? (
          <p className="muted">{q ? `No article title matches “${q}”.` : 'No articles yet. Import one with “New article”.'}</p>
        ) : (
          <ul className="article-list" data-testid="article-list">
            {articles.map((a) => {
              const total = a.counts.verified + a.counts.disputed + a.counts.needs_source;
              const pct = Math.round(a.coverage * 1000) / 10;
              return (
                <li key={a.id} data-testid="article-row">
                  <div className="row-main">
                    <Link href={`/articles/${a.id}`} className="article-title">
                      {a.title}
                    </Link>
                    <div className="muted small">
                      {[a.publisher, a.publishedAt && `published ${a.publishedAt.slice(0, 10)}`, `added by ${a.createdBy.name}`, `last activity ${when(a.lastActivityAt)} UTC`]
                        .filter(Boolean)
                        .join(' · ')}
                    </div>
                    <div className="counts small">
                      <span className="status-chip verified">{a.counts.verified} verified</span>
                      <span className="status-chip disputed">{a.counts.disputed} disputed</span>
                      <span className="status-chip needs_source">{a.counts.needs_source} need a source</span>
                    </div>
                    <div className="coverage small" title="Share of the article's text under at least one annotation">
                      <span className="coverage-bar" role="img" aria-label={`Coverage ${pct}%`}>
                        <span style={{ width: `${Math.min(100, pct)}%` }} />
                      </span>
                      <span data-testid="coverage">{pct}% covered</span>
                    </div>
                  </div>
                  {(viewer.role === 'admin' || viewer.id === a.createdBy.id) && <ArticleActions id={a.id} title={a.title} annotated={total > 0} />}
                </li>
              );
            })}
          </ul>
        )}
      </main>
    </>
  );
}
