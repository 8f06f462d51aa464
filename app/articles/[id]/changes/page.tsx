// What changed in an article's text between two revisions (?from=A&to=B; by default the previous
// revision and the current one): B's text with insertions and deletions marked.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/app-header';
import { RevisionChanges, RevisionDiffSummary } from '@/components/revision-changes';
import { getDb } from '@/db/client';
import { getArticle, getArticleTitle } from '@/db/queries/articles';
import { getRevision, listRevisions } from '@/db/queries/revisions';
import { ANCHOR_STATES, ANCHOR_STATE_LABEL, type RevisionDto } from '@/lib/revisions/types';
import { diffTexts } from '@/lib/revisions/diff';
import { requirePageViewer } from '@/lib/server/session';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const NUMBER = /^[1-9][0-9]{0,15}$/;

/** A revision number from the query: absent → undefined, anything but a positive integer → null. */
function revisionParam(value: string | string[] | undefined): number | null | undefined {
  if (value === undefined || value === '') return undefined;
  return typeof value === 'string' && NUMBER.test(value) ? Number(value) : null;
}

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const revisionLabel = (r: RevisionDto, current: number) =>
  `Revision ${r.number}${r.number === current ? ' (current)' : ''} · ${when.format(new Date(r.createdAt))} UTC · ${r.createdBy.name}`;

/** One of the two revision selects (`from` or `to`) of the compare form. */
function RevisionPicker({ name, label, value, revisions, current }: { name: 'from' | 'to'; label: string; value: number; revisions: RevisionDto[]; current: number }) {
  return (
    <div className="rev-picker">
      <label htmlFor={`rev-${name}`}>{label}</label>
      <select id={`rev-${name}`} name={name} defaultValue={String(value)}>
        {revisions.map((r) => (
          <option key={r.number} value={r.number}>
            {revisionLabel(r, current)}
          </option>
        ))}
      </select>
    </div>
  );
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const title = NUMBER.test(id) ? getArticleTitle(getDb(), Number(id)) : undefined;
  return { title: title ? `Changes: ${title}` : 'Changes' };
}

export default async function ArticleChangesPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = await searchParams;
  const viewer = await requirePageViewer(`/articles/${id}/changes`);
  if (!NUMBER.test(id)) notFound();
  const db = getDb();
  const article = getArticle(db, viewer, Number(id));
  if (!article.ok) notFound();
  const listed = listRevisions(db, viewer, article.value.id);
  if (!listed.ok || listed.value.length === 0) notFound();
  const revisions = listed.value; // newest first
  const current = revisions[0].number;

  const toParam = revisionParam(query.to);
  const fromParam = revisionParam(query.from);
  if (toParam === null || fromParam === null) notFound();
  const to = toParam ?? current;
  const from = fromParam ?? Math.max(1, to - 1);
  const older = getRevision(db, viewer, article.value.id, from);
  const newer = getRevision(db, viewer, article.value.id, to);
  if (!older.ok || !newer.ok) notFound();

  const diff = from === to ? [{ op: 'equal' as const, text: newer.value.plainText }] : diffTexts(older.value.plainText, newer.value.plainText);
  const carried = to === from + 1 ? newer.value.carried : null;
  const articleUrl = `/articles/${article.value.id}`;

  return (
    <>
      <AppHeader viewer={viewer} />
      <main className="page rev-page">
        <p className="revision-back">
          <Link href={articleUrl}>← Back to the article</Link>
        </p>
        <h1>Changes to <cite>{article.value.title}</cite></h1>

        {revisions.length === 1 ? (
          <p>This article has only one revision, so there is nothing to compare yet.</p>
        ) : (
          <form className="rev-pickers" method="get" action={`/articles/${article.value.id}/changes`} aria-label="Revisions to compare">
            <RevisionPicker name="from" label="From" value={from} revisions={revisions} current={current} />
            <RevisionPicker name="to" label="To" value={to} revisions={revisions} current={current} />
            <button type="submit" className="secondary">
              Compare
            </button>
          </form>
        )}

        <section aria-labelledby="rev-diff-title" className="rev-result">
          <h2 id="rev-diff-title">
            {from === to ? `Revision ${to}` : `Revision ${to} compared with revision ${from}`}
          </h2>
          {from !== to && <RevisionDiffSummary diff={diff} />}
          {carried && (
            <p className="muted small" data-testid="carried-summary">
              Verdicts when revision {to} arrived:{' '}
              {ANCHOR_STATES.map((s) => `${ANCHOR_STATE_LABEL[s].toLowerCase()} ${carried[s]}`).join(', ')}.
            </p>
          )}
          {from !== to && (
            <p className="rev-legend small">
              Key: <ins className="rev-mark">inserted text is underlined</ins>, <del className="rev-mark">deleted text is struck through</del>.
            </p>
          )}
          <RevisionChanges diff={diff} />
        </section>
        <p>
          <Link href={articleUrl}>Back to the article</Link>
          {' · '}
          <Link href={`${articleUrl}/update`}>Update the article</Link>
        </p>
      </main>
    </>
  );
}
