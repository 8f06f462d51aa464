'use client';
// The article page's review bar, above the workspace: the review state, who is assigned, the
// sign-off and the second check; for editors, assigning, asking for a second check, signing off
// (through the dialog that lists what blocks it) and reopening. Every action calls the API and
// then refreshes the page's server data.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { REVIEW_STATE_LABEL, type BlockingItem, type ReviewDto, type UserRef } from '@/lib/review/types';
import { formatWhen } from '@/lib/review/labels';
import { ApiError, reviewApi } from './api-client';
import { SignOffDialog } from './sign-off-dialog';
import './review.css';

interface Props {
  articleId: number;
  articleTitle: string;
  review: ReviewDto;
  /** The viewer may run the desk's workflow (editor or admin). */
  editor: boolean;
  /** Active accounts, for assigning and for the second check (editors only; empty otherwise). */
  people: UserRef[];
  /** What blocks the sign-off as the page was rendered (editors only). */
  blocking: BlockingItem[];
}

const names = (users: UserRef[]) => users.map((u) => u.name).join(', ');

export function ReviewPanel({ articleId, articleTitle, review, editor, people, blocking }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [signing, setSigning] = useState(false);
  const { signOff, secondCheck } = review;
  const pending = secondCheck !== null && secondCheck.doneAt === null;

  async function run(action: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action();
      router.refresh();
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Something went wrong. Try again.');
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="review-bar" aria-label="Review" data-testid="review-bar">
      <div className="review-facts">
        <span className={`review-state review-state-${review.state}`} data-testid="review-state">
          {REVIEW_STATE_LABEL[review.state]}
        </span>
        <span>{review.assignees.length ? `Assigned: ${names(review.assignees)}` : 'No one assigned'}</span>
        {signOff && (
          <span data-testid="signed-off">
            Signed off by {signOff.by.name}, {formatWhen(signOff.at)}
            {signOff.reason ? ' (despite open items)' : ''}
          </span>
        )}
        {secondCheck && (
          <span data-testid="second-check-state">
            Second check by {secondCheck.reviewer.name}: {pending ? 'under way' : `done ${formatWhen(secondCheck.doneAt!)}`}
          </span>
        )}
        {secondCheck?.doneAt && (
          <Link href={`/articles/${articleId}/review`} className="review-link">
            Agreement
          </Link>
        )}
      </div>
      {editor && (
        <div className="review-actions">
          <AssignForm key={review.assignees.map((u) => u.id).join(',')} people={people} assigned={review.assignees} busy={busy} onSave={(add, remove) => run(() => reviewApi.assign(articleId, { add, remove }))} />
          {!pending && review.state !== 'signed_off' && (
            <SecondCheckForm people={people.filter((p) => !review.assignees.some((a) => a.id === p.id))} fallback={people} busy={busy} onRequest={(id) => run(() => reviewApi.requestSecondCheck(articleId, id))} />
          )}
          {review.state === 'signed_off' ? (
            <button type="button" className="secondary small" disabled={busy} onClick={() => void run(() => reviewApi.reopen(articleId))}>
              Reopen
            </button>
          ) : (
            <button type="button" className="primary small" disabled={busy} onClick={() => setSigning(true)}>
              Sign off…
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
      {signing && (
        <SignOffDialog
          articleId={articleId}
          articleTitle={articleTitle}
          blocking={blocking}
          onClose={(signed) => {
            setSigning(false);
            if (signed) router.refresh();
          }}
        />
      )}
    </section>
  );
}

/** Checkboxes of the active accounts; saving sends who was added and who was removed. */
function AssignForm({ people, assigned, busy, onSave }: { people: UserRef[]; assigned: UserRef[]; busy: boolean; onSave: (add: number[], remove: number[]) => Promise<boolean> }) {
  const before = new Set(assigned.map((u) => u.id));
  const [chosen, setChosen] = useState(before);
  // Someone assigned whose account was disabled since is still listed, to be removed.
  const listed = [...people, ...assigned.filter((a) => !people.some((p) => p.id === a.id))];
  const add = [...chosen].filter((id) => !before.has(id));
  const remove = [...before].filter((id) => !chosen.has(id));
  return (
    <details className="review-menu">
      <summary>Assign…</summary>
      <form
        className="review-menu-body"
        onSubmit={(e) => {
          e.preventDefault();
          void onSave(add, remove);
        }}
      >
        <fieldset>
          <legend>Reviewers of this article</legend>
          {listed.map((u) => (
            <label key={u.id} className="check-row">
              <input
                type="checkbox"
                checked={chosen.has(u.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(u.id);
                  else next.delete(u.id);
                  setChosen(next);
                }}
              />
              {u.name}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary small" disabled={busy || (add.length === 0 && remove.length === 0)}>
          Save assignment
        </button>
      </form>
    </details>
  );
}

/** Picks the second reviewer (people not assigned first; anyone active when all are). */
function SecondCheckForm({ people, fallback, busy, onRequest }: { people: UserRef[]; fallback: UserRef[]; busy: boolean; onRequest: (id: number) => Promise<boolean> }) {
  const choices = people.length ? people : fallback;
  const [reviewer, setReviewer] = useState('');
  const selectId = useId();
  return (
    <details className="review-menu">
      <summary>Second check…</summary>
      <form
        className="review-menu-body"
        onSubmit={(e) => {
          e.preventDefault();
          if (reviewer) void onRequest(Number(reviewer));
        }}
      >
        <p className="muted small">An independent check: until they are done, the second reviewer sees none of the other verdicts, and nobody sees theirs.</p>
        <label htmlFor={selectId}>Second reviewer</label>
        <select id={selectId} value={reviewer} onChange={(e) => setReviewer(e.target.value)}>
          <option value="">Choose…</option>
          {choices.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <button type="submit" className="primary small" disabled={busy || !reviewer}>
          Request second check
        </button>
      </form>
    </details>
  );
}
