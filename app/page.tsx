import Link from 'next/link';
import { AppHeader } from '@/components/app-header';
import { ArticleList } from '@/components/article-list';
import { getDb } from '@/db/client';
import { readArticleList } from '@/lib/server/article-list';
import { requirePageViewer } from '@/lib/server/session';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

/** The home page's own URL with these parameters (empty ones left out). */
function listHref(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  return query.size ? `/?${query}` : '/';
}

export default async function HomePage({ searchParams }: Props) {
  const params = await searchParams;
  const q = (one(params.q) ?? '').slice(0, 200);
  const sort = params.sort === 'published' ? 'published' : 'activity';
  const assigned = params.assigned === 'me' ? 'me' : undefined;
  const cursor = one(params.cursor);
  const viewer = await requirePageViewer(listHref({ q, sort: sort === 'activity' ? undefined : sort, assigned, cursor }));
  const listed = readArticleList(getDb(), viewer, { q, sort, assigned, cursor });
  const filters = { q: q || undefined, sort: sort === 'activity' ? undefined : sort, assigned };
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
          <label className="assigned-filter">
            <input type="checkbox" name="assigned" value="me" defaultChecked={assigned === 'me'} /> Assigned to me
          </label>
          <button type="submit" className="secondary">
            Apply
          </button>
        </form>
        {!listed.ok ? (
          <p className="form-error" role="alert">
            {listed.error.message} <Link href={listHref(cursor ? filters : { ...filters, q: undefined })}>{cursor ? 'First page' : 'Show all articles'}</Link>
          </p>
        ) : listed.value.articles.length === 0 ? (
          <p className="muted">
            {cursor ? 'No more articles.' : q ? `No article title matches “${q}”.` : assigned ? 'No article is assigned to you.' : 'No articles yet. Import one with “New article”.'}
          </p>
        ) : (
          <ArticleList articles={listed.value.articles} viewer={viewer} />
        )}
        {(cursor || (listed.ok && listed.value.nextCursor)) && (
          <nav className="pager" aria-label="Pages of the list">
            {cursor ? <Link href={listHref(filters)}>First page</Link> : <span />}
            {listed.ok && listed.value.nextCursor && (
              <Link href={listHref({ ...filters, cursor: listed.value.nextCursor })} rel="next">
                Next page
              </Link>
            )}
          </nav>
        )}
      </main>
    </>
  );
}
