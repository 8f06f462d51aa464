'use client';
// Above an article that has been revised: which revision this is, when and by whom it arrived,
// what happened to the verdicts (from the revision's carry summary), and the ways on: re-check the
// stale verdicts, see the changes.
import type { RevisionDto } from '@/lib/revisions/types';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 hours ago", in the reader's language; the exact time is in the element's title. */
export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 86400],
    ['month', 30 * 86400],
    ['week', 7 * 86400],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  // Intl says "now" for under a minute, which reads as part of the sentence ("Revision 2, now by …").
  return 'just now';
}

interface Props {
  articleId: number;
  revision: RevisionDto;
  /** Verdicts still waiting for a re-check now (stale and removed); the summary is as of the revision's arrival. */
  waiting: number;
  /** The same, ignoring the sidebar's filters. */
  outstanding: number;
  onRecheck: () => void;
}

export function ArticleRevisionBanner({ articleId, revision, waiting, outstanding, onRecheck }: Props) {
  const c = revision.carried;
  const parts = c
    ? [
        plural(c.unchanged + c.moved, 'verdict carried', 'verdicts carried'),
        c.changed ? `${c.changed} need${c.changed === 1 ? 's' : ''} re-check` : null,
        c.removed ? plural(c.removed, 'passage removed', 'passages removed') : null,
      ].filter(Boolean)
    : [];
  const flagged = c ? c.changed + c.removed : 0;
  return (
    <section className={`revision-banner ${waiting > 0 ? 'waiting' : ''}`} aria-label="Revision" data-testid="revision-banner">
      <p>
        <strong>Revision {revision.number}</strong>, saved{' '}
        <time dateTime={revision.createdAt} title={new Date(revision.createdAt).toUTCString()} suppressHydrationWarning>
          {timeAgo(revision.createdAt)}
        </time>{' '}
        by {revision.createdBy.name}
        {parts.length > 0 && <>: {parts.join(', ')}</>}
        {/* The counts are as of the revision's arrival: say when the work they ask for is done. */}
        {outstanding === 0 && flagged > 0 && <span className="revision-done"> — all re-checked</span>}
      </p>
      <p className="revision-links">
        {waiting > 0 && (
          <a
            href="#recheck"
            className="revision-recheck"
            onClick={(e) => {
              e.preventDefault();
              onRecheck();
            }}
          >
            Re-check {plural(waiting, 'verdict', 'verdicts')}
          </a>
        )}
        {waiting === 0 && outstanding > 0 && <span className="muted">{plural(outstanding, 'verdict', 'verdicts')} to re-check, hidden by the filters</span>}
        <a href={`/articles/${articleId}/changes?from=${revision.number - 1}&to=${revision.number}`}>Changes</a>
      </p>
    </section>
  );
}
