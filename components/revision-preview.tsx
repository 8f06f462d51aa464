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

/**
 * The carry summary counts where every verdict ends up, and a flag is never cleared by a revision:
 * a verdict already waiting for a re-check is counted as "changed" again though this version does
 * not touch it. The listed annotations are the ones this version touches, so the sentence is made
 * from them, and the verdicts still waiting from before get a sentence of their own.
 */
export function thisRevision(carried: CarrySummary, annotations: readonly CarriedAnnotation[]): { now: CarrySummary; stillWaiting: number } {
  const count = (state: CarriedAnnotation['state']) => annotations.filter((a) => a.state === state).length;
  const total = carried.unchanged + carried.moved + carried.changed + carried.removed;
  const now = { unchanged: total - annotations.length, moved: count('moved'), changed: count('changed'), removed: count('removed') };
  return { now, stillWaiting: Math.max(0, carried.changed - now.changed) };
}

export function RevisionPreviewSummary({ carried, annotations }: { carried: CarrySummary; annotations: CarriedAnnotation[] }) {
  const affected = annotations.filter((a) => a.state === 'changed' || a.state === 'removed');
  const { now, stillWaiting } = thisRevision(carried, annotations);
  return (
    <>
      <p className="revision-summary" data-testid="revision-summary">
        {describeCarry(now)}
      </p>
      {stillWaiting > 0 && (
        <p className="small">
          {plural(stillWaiting, 'verdict', 'verdicts')} {stillWaiting === 1 ? 'is' : 'are'} still waiting for a re-check from an earlier revision; saving does not change that.
        </p>
      )}
      {(now.changed > 0 || now.removed > 0) && (
        <p className="muted small">
          {now.changed > 0 && 'A verdict that needs re-check keeps its status on the new words until a reviewer confirms it. '}
          {now.removed > 0 && 'A removed passage is no longer shown in the text; its verdict can be re-attached to other words or deleted.'}
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
