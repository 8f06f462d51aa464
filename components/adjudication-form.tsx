'use client';
// The editor's decision on one row of the agreement: keep one verdict, set the final verdict
// (status and note), or drop a verdict only one check found. Refreshes the page once decided.
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { STATUSES, STATUS_LABEL, type Status } from '@/lib/annotations/status';
import type { AdjudicationDecision, AgreementPair } from '@/lib/review/types';
import { ApiError, reviewApi } from './api-client';

interface Props {
  articleId: number;
  pair: Pick<AgreementPair, 'first' | 'second' | 'outcome'>;
  /** Row number, for the form's accessible name. */
  row: number;
}

/** The decisions that fit a row, with their words. */
function choices(pair: Props['pair']): [AdjudicationDecision, string][] {
  const { first, second } = pair;
  if (first && second) {
    return [
      ['keep_first', `Keep the first verdict (${STATUS_LABEL[first.status]})`],
      ['keep_second', `Keep the second verdict (${STATUS_LABEL[second.status]})`],
      ['final', 'Set the final verdict'],
    ];
  }
  const only = (first ?? second)!;
  return [
    [first ? 'keep_first' : 'keep_second', `Keep it (${STATUS_LABEL[only.status]})`],
    ['final', 'Set the final verdict'],
    ['drop', 'Drop it'],
  ];
}

export function AdjudicationForm({ articleId, pair, row }: Props) {
  const router = useRouter();
  const options = choices(pair);
  const [decision, setDecision] = useState<AdjudicationDecision | null>(null);
  const [status, setStatus] = useState<Status>((pair.second ?? pair.first)!.status);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  async function submit() {
    if (!decision) return;
    setBusy(true);
    setError(null);
    try {
      await reviewApi.adjudicate(articleId, {
        firstAnnotationId: pair.first?.annotationId,
        secondAnnotationId: pair.second?.annotationId,
        decision,
        ...(decision === 'final' ? { status, note: note.trim() || undefined } : {}),
      });
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Something went wrong. Try again.');
      setBusy(false);
    }
  }

  return (
    <form
      className="adjudication-form"
      data-testid={`adjudicate-${row}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset>
        <legend>Decision on passage {row}</legend>
        {options.map(([value, label]) => (
          <label key={value}>
            <input type="radio" name={`${id}-decision`} value={value} checked={decision === value} onChange={() => setDecision(value)} /> {label}
          </label>
        ))}
      </fieldset>
      {decision === 'final' && (
        <>
          <label htmlFor={`${id}-status`}>Final status</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-note`}>Note (replaces the verdict’s note when given)</label>
          <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </>
      )}
      <button type="submit" className="primary small" disabled={busy || !decision}>
        Decide
      </button>
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
