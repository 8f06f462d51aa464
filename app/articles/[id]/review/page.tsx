// The agreement of an article's latest finished second check: the figures (counts, the share both
// checks found, Cohen's kappa and what it means), then each claim and each passage with both
// verdicts side by side. Editors and admins adjudicate disagreements and one-sided passages here;
// the second reviewer sees it read-only; anyone else is told who may see it (the API answers 403).
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AdjudicationForm } from '@/components/adjudication-form';
import { AppHeader } from '@/components/app-header';
import { getDb } from '@/db/client';
import { getArticle, getArticleTitle } from '@/db/queries/articles';
import { getAgreement, type AgreementRow, type AgreementView } from '@/db/queries/review';
import { STATUS_LABEL } from '@/lib/annotations/status';
import { CanonicalText } from '@/lib/document/canonical-text';
import { DECISION_LABEL, OUTCOME_LABEL, formatKappa, formatShare, formatWhen } from '@/lib/review/labels';
import { requirePageViewer } from '@/lib/server/session';
import { isEditor } from '@/lib/viewer';
import '@/components/review.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };
const NUMBER = /^[1-9][0-9]{0,15}$/;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const title = NUMBER.test(id) ? getArticleTitle(getDb(), Number(id)) : undefined;
  return { title: title ? `Agreement: ${title}` : 'Agreement' };
}

function Verdict({ side }: { side: AgreementRow['first'] }) {
  if (!side) return <span className="muted">Not found</span>;
  return (
    <span className="verdict-cell">
      <span className={`status-chip ${side.status}`}>{STATUS_LABEL[side.status]}</span>
      <span className="muted small">{side.author.name}</span>
    </span>
  );
}

function Decision({ row, index, articleId, editor }: { row: AgreementRow; index: number; articleId: number; editor: boolean }) {
  const { adjudication } = row;
  if (adjudication) {
    return (
      <span data-testid={`decision-${index}`}>
        {DECISION_LABEL[adjudication.decision]}
        {adjudication.status ? `: ${STATUS_LABEL[adjudication.status]}` : ''}
        {adjudication.note ? ` — “${adjudication.note}”` : ''}
        <span className="muted small"> ({adjudication.by.name}, {formatWhen(adjudication.at)})</span>
      </span>
    );
  }
  if (row.outcome === 'agree') return <span className="muted">Nothing to decide</span>;
  if (!row.open) return <span className="muted">Settled: a verdict was deleted since</span>;
  return editor ? <AdjudicationForm articleId={articleId} pair={row} row={index} /> : <span className="muted">Waiting for an editor</span>;
}

/** Per claim: how its passages fared, e.g. "1 agree · 1 second check only". */
function claimRows(agreement: AgreementView, text: CanonicalText) {
  const byClaim = new Map<string, { start: number; end: number; rows: AgreementRow[] }>();
  for (const row of agreement.pairs) {
    if (!row.claim) continue;
    const key = `${row.claim.start}:${row.claim.end}`;
    const entry = byClaim.get(key) ?? { ...row.claim, rows: [] };
    entry.rows.push(row);
    byClaim.set(key, entry);
  }
  return [...byClaim.values()]
    .sort((a, b) => a.start - b.start)
    .map((c) => {
      const counts = (['agree', 'disagree', 'only_first', 'only_second'] as const).map((o) => [o, c.rows.filter((r) => r.outcome === o).length] as const).filter(([, n]) => n > 0);
      return { ...c, text: text.slice(c.start, c.end), counts };
    });
}

export default async function AgreementPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requirePageViewer(`/articles/${id}/review`);
  if (!NUMBER.test(id)) notFound();
  const db = getDb();
  const article = getArticle(db, viewer, Number(id));
  if (!article.ok) notFound();
  const result = getAgreement(db, viewer, article.value.id);
  const editor = isEditor(viewer);
  const back = (
    <p>
      <Link href={`/articles/${article.value.id}`}>← Back to “{article.value.title}”</Link>
    </p>
  );
  if (!result.ok) {
    return (
      <>
        <AppHeader viewer={viewer} />
        <main className="page agreement-page">
          {back}
          <h1>Second-check agreement</h1>
          <p role="status">{result.error.code === 'forbidden' ? 'Only editors, admins and the second reviewer (once done) can see the agreement of a second check.' : result.error.message}</p>
        </main>
      </>
    );
  }
  const agreement = result.value;
  const check = agreement.secondCheck;
  const text = new CanonicalText(article.value.plainText);
  const claims = claimRows(agreement, text);
  const figures: [string, string, string][] = [
    ['Agree', String(agreement.agree), 'agree'],
    ['Disagree', String(agreement.disagree), 'disagree'],
    ['First check only', String(agreement.onlyFirst), 'only-first'],
    ['Second check only', String(agreement.onlySecond), 'only-second'],
    ['Found by both', formatShare(agreement.bothFound), 'both-found'],
    ['Cohen’s κ', formatKappa(agreement.kappa), 'kappa'],
  ];
  return (
    <>
      <AppHeader viewer={viewer} />
      <main className="page agreement-page">
        {back}
        <h1>Second-check agreement</h1>
        <p className="muted">
          “{article.value.title}”: independent second check by {check.reviewer.name}, asked by {check.requestedBy.name} on {formatWhen(check.requestedAt)}, finished {formatWhen(check.doneAt!)}.
        </p>
        <dl className="agreement-figures">
          {figures.map(([label, value, key]) => (
            <div key={key}>
              <dt>{label}</dt>
              <dd data-testid={`figure-${key}`}>{value}</dd>
            </div>
          ))}
        </dl>
        <p className="kappa-meaning" data-testid="kappa-meaning">
          {agreement.kappa === null ? `Kappa is ${agreement.meaning}.` : `κ = ${formatKappa(agreement.kappa)}: ${agreement.meaning}`} Kappa compares how often the two checks gave a passage they both found the same status with how often chance alone would
          (1 is total agreement, 0 is chance level). {formatShare(agreement.bothFound)} of the passages were found by both checks.
        </p>

        <h2>Per claim</h2>
        {claims.length === 0 ? (
          <p className="muted">No passage of either check falls in a check-worthy claim.</p>
        ) : (
          <ul className="claim-rows">
            {claims.map((c) => (
              <li key={`${c.start}:${c.end}`}>
                <span className="claim-text">{c.text}</span>
                <span>{c.counts.map(([o, n]) => `${n} ${OUTCOME_LABEL[o].toLowerCase()}`).join(' · ')}</span>
              </li>
            ))}
          </ul>
        )}

        <h2>Per passage</h2>
        {agreement.pairs.length === 0 ? (
          <p className="muted">Neither check marked a passage.</p>
        ) : (
          <table className="agreement-table" data-testid="agreement-table">
            <caption className="sr-only">Each passage with the first and the second check’s verdicts</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Passage</th>
                <th scope="col">First check</th>
                <th scope="col">Second check</th>
                <th scope="col">Outcome</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {agreement.pairs.map((row, i) => (
                <tr key={`${row.first?.annotationId ?? ''}:${row.second?.annotationId ?? ''}`} data-testid={`pair-${i + 1}`}>
                  <td>{i + 1}</td>
                  <td>
                    <blockquote>{(row.first ?? row.second)!.exact}</blockquote>
                    {row.first && row.second && row.first.exact !== row.second.exact && <span className="muted small">Second check: “{row.second.exact}”</span>}
                  </td>
                  <td>
                    <Verdict side={row.first} />
                  </td>
                  <td>
                    <Verdict side={row.second} />
                  </td>
                  <td>
                    <span className={`outcome outcome-${row.outcome}`}>{OUTCOME_LABEL[row.outcome]}</span>
                  </td>
                  <td>
                    <Decision row={row} index={i + 1} articleId={article.value.id} editor={editor} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </>
  );
}
