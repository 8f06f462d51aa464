// What a new revision would do to an article's verdicts, said in plain words before anything is
// saved: one summary sentence from the carry counts, then the passages a reviewer must look at again.
import { STATUS_LABEL } from '@/lib/annotations/status';
import { ANCHOR_STATE_LABEL, type CarrySummary } from '@/lib/revisions/types';
import type { CarriedAnnotation } from './api-client';
import './revisions.css';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "40 verdicts carried unchanged, 2 moved, 3 will need re-check, 1 passage removed." */
export function describeCarry(carried: CarrySummary): string {
  const parts: string[] = [];
  // The first figure names what is counted; the ones after it read on from it.
  const lead = (n: number, rest: string) => (parts.length === 0 ? `${plural(n, 'verdict', 'verdicts')} ${rest}` : `${n.toLocaleString('en')} ${rest}`);
  if (carried.unchanged) parts.push(lead(carried.unchanged, 'carried unchanged'));
  if (carried.moved) parts.push(lead(carried.moved, 'moved'));
  if (carried.changed) parts.push(lead(carried.changed, 'will need re-check'));
  if (carried.removed) parts.push(`${plural(carried.removed, 'passage', 'passages')} removed`);
  if (parts.length === 0) return 'The text changed. The article has no verdicts to carry over.';
  return `${parts.join(', ')}.`;
}

export function RevisionPreviewSummary({ carried, annotations }: { carried: CarrySummary; annotations: CarriedAnnotation[] }) {
  const affected = annotations.filter((a) => a.state === 'changed' || a.state === 'removed');
  return (
    <>
      <p className="revision-summary" data-testid="revision-summary">
        {describeCarry(carried)}
      </p>
      {(carried.changed > 0 || carried.removed > 0) && (
        <p className="muted small">
          A verdict that needs re-check keeps its status on the surviving words until a reviewer confirms it. A removed passage is no longer shown in the text; re-attach it or delete it.
        </p>
      )}
      {affected.length > 0 && (
        <>
          <h3 className="revision-affected-title">Passages to look at again</h3>
          <ul className="revision-affected" data-testid="revision-affected">
            {affected.map((a) => (
              <li key={a.id} className={`revision-affected-item ${a.state}`}>
                <p className="revision-affected-head">
                  <span className={`status-chip ${a.status}`}>{STATUS_LABEL[a.status]}</span> <span className="muted">by {a.author.name}</span>{' '}
                  <strong className="revision-state">{ANCHOR_STATE_LABEL[a.state]}</strong>
                </p>
                <p className="revision-quote">
                  <span className="revision-quote-label">Was</span> <q>{a.previousExact}</q>
                </p>
                {a.state === 'changed' && a.exact !== null ? (
                  <p className="revision-quote">
                    <span className="revision-quote-label">Now</span> <q>{a.exact}</q>
                  </p>
                ) : (
                  <p className="revision-quote muted">
                    <span className="revision-quote-label">Now</span> not in the new text
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
