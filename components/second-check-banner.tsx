'use client';
// What the pending second reviewer sees above the article: they work blind until they say they
// are done. Finishing reloads the page, which then shows every reviewer's verdicts.
import { useState } from 'react';
import { ApiError, reviewApi } from './api-client';
import './review.css';

export function SecondCheckBanner({ articleId, requestedBy }: { articleId: number; requestedBy: string }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function finish() {
    setBusy(true);
    setError(null);
    try {
      await reviewApi.finishSecondCheck(articleId);
      // The other reviewers' verdicts are older than this page's polling cursor: load them afresh.
      window.location.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Something went wrong. Try again.');
      setBusy(false);
    }
  }

  return (
    <section className="second-check-banner" aria-label="Independent second check" data-testid="second-check-banner">
      <p>
        <strong>Independent second check</strong> (asked by {requestedBy}): you cannot see the other reviewers’ verdicts until you finish, and they cannot see yours.
      </p>
      {confirming ? (
        <div className="banner-actions">
          <span>Finish? Your verdicts and theirs become visible to everyone.</span>
          <button type="button" className="primary small" disabled={busy} onClick={() => void finish()}>
            Yes, finish the check
          </button>
          <button type="button" className="secondary small" disabled={busy} onClick={() => setConfirming(false)}>
            Not yet
          </button>
        </div>
      ) : (
        <button type="button" className="primary small" onClick={() => setConfirming(true)}>
          I’m done
        </button>
      )}
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
