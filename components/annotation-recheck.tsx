'use client';
// The re-check part of the details panel, for a verdict a revision made stale or removed. A stale
// one shows its passage before and after the revision, with "Still <status>" / "Now <other status>" answers (its current
// status first); a removed one can be re-attached to newly selected words or deleted. Only the
// author or an admin answers; others see what happened. The answer is sent by the details panel,
// which names the version answered and handles a conflict with another reviewer's change.
import { STATUSES, STATUS_LABEL, type Status } from '@/lib/annotations/status';
import type { ReconfirmBody } from './api-client';
import { isRemoved, isStale, type ClientAnnotation } from './editor/annotations-plugin';
import type { SelectionDraft } from './editor/selection';
import { PassageDiff } from './passage-diff';

interface Props {
  annotation: ClientAnnotation;
  editable: boolean;
  /** The revision the page shows (a verdict without its own revision number was changed in it). */
  revision: number;
  /** What the reviewer has selected in the article now, for re-attaching. */
  selection: SelectionDraft | null;
  busy: boolean;
  onAnswer: (body: ReconfirmBody) => void;
  onDelete: () => void;
}

/** Statuses in the order their buttons are offered: the current one first. */
export const answerOrder = (current: Status): Status[] => [current, ...STATUSES.filter((s) => s !== current)];

export function AnnotationRecheck({ annotation, editable, revision, selection, busy, onAnswer, onDelete }: Props) {
  const stale = isStale(annotation);
  const removed = isRemoved(annotation);
  if (!stale && !removed) return null;
  const changedIn = annotation.anchor?.revision ?? revision;

  return (
    <section className="recheck" aria-labelledby="recheck-panel-heading" data-testid="recheck-panel">
      <h3 id="recheck-panel-heading">{stale ? 'Needs re-check' : `Removed in revision ${changedIn}`}</h3>
      {stale ? (
        <>
          <p className="small">Revision {changedIn} edited this passage. Does the verdict still hold for the new words?</p>
          <PassageDiff before={annotation.anchor?.previousExact ?? annotation.exact} after={annotation.exact} beforeRevision={annotation.anchor?.previousRevision} afterRevision={changedIn} />
          {editable && (
            <div className="recheck-actions" role="group" aria-label="Re-check answers">
              {answerOrder(annotation.status).map((s, i) => (
                <button key={s} type="button" className={i === 0 ? 'primary' : 'secondary'} disabled={busy} onClick={() => onAnswer({ status: s })}>
                  {s === annotation.status ? 'Still' : 'Now'} {STATUS_LABEL[s].toLowerCase()}
                </button>
              ))}
            </div>
          )}
        </>
      ) : (
        <>
          <p className="small">This passage is not in the current text. Select the words it belongs to now and re-attach it, or delete it.</p>
          {editable && (
            <div className="recheck-actions">
              <button
                type="button"
                className="primary"
                disabled={busy || !selection}
                // Keep the article selection: a mousedown on a button would otherwise clear it.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => selection && onAnswer({ start: selection.start, end: selection.end, exact: selection.exact })}
                title={selection ? `Re-attach to “${selection.exact}”` : 'Select the new words in the article first'}
              >
                Re-attach to selection
              </button>
              <button type="button" className="danger" disabled={busy} onClick={onDelete}>
                Delete
              </button>
            </div>
          )}
        </>
      )}
      {!editable && <p className="small muted">Only the author or an admin can answer.</p>}
    </section>
  );
}
