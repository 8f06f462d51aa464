// The home page's articles: one row per article with its review state, assignees, verdict counts,
// coverage of the text and of its check-worthy claims (all read from article_stats), and the
// creator's or an admin's archive/delete actions. A server component: no state of its own.
import Link from 'next/link';
import { ArticleActions } from '@/components/article-actions';
import type { ArticleListItem } from '@/db/queries/articles';
import { REVIEW_STATE_LABEL } from '@/lib/review/types';
import type { Viewer } from '@/lib/viewer';
import './article-list.css';

// One formatter for every row: toLocaleString builds a new one per call (about 0.5 ms each).
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const when = (iso: string) => dateTime.format(new Date(iso));
const percent = (share: number) => Math.round(share * 1000) / 10;

/** "4 of 6 claims checked or dismissed", or that none were found. */
function claimCoverage({ checkWorthy, checked, dismissed }: ArticleListItem['claims']): string {
  if (checkWorthy === 0) return 'No check-worthy claims found';
  return `${checked + dismissed} of ${checkWorthy} ${checkWorthy === 1 ? 'claim' : 'claims'} checked or dismissed${dismissed ? ` (${dismissed} dismissed)` : ''}`;
}

export function ArticleList({ articles, viewer }: { articles: ArticleListItem[]; viewer: Viewer }) {
  return (
    <ul className="article-list" data-testid="article-list">
      {articles.map((a) => {
        const total = a.counts.verified + a.counts.disputed + a.counts.needs_source;
        const pct = percent(a.coverage);
        const claims = a.claims.checkWorthy ? (a.claims.checked + a.claims.dismissed) / a.claims.checkWorthy : 0;
        return (
          <li key={a.id} data-testid="article-row">
            <div className="row-main">
              <Link href={`/articles/${a.id}`} className="article-title">
                {a.title}
              </Link>
              <div className="muted small">
                {[a.publisher, a.publishedAt && `published ${a.publishedAt.slice(0, 10)}`, `added by ${a.createdBy.name}`, `last activity ${when(a.lastActivityAt)} UTC`].filter(Boolean).join(' · ')}
              </div>
              <div className="article-facts small">
                <span className={`review-state ${a.reviewState}`} data-testid="review-state">
                  {REVIEW_STATE_LABEL[a.reviewState]}
                </span>
                <span data-testid="assignees">{a.assignees.length ? `Assigned to ${a.assignees.map((u) => u.name).join(', ')}` : 'Not assigned'}</span>
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
              <div className="coverage small" title="Check-worthy sentences with a verdict over at least half of them, or dismissed as not a claim">
                <span className="coverage-bar" role="img" aria-label={`Claims checked or dismissed ${percent(claims)}%`}>
                  <span style={{ width: `${Math.min(100, percent(claims))}%` }} />
                </span>
                <span data-testid="claim-coverage">{claimCoverage(a.claims)}</span>
              </div>
            </div>
            {(viewer.role === 'admin' || viewer.id === a.createdBy.id) && <ArticleActions id={a.id} title={a.title} annotated={total > 0} />}
          </li>
        );
      })}
    </ul>
  );
}
