'use client';
// The sign-off dialog: what blocks the sign-off, each item linked to its passage, and the written
// reason an editor must give to sign off anyway. The list shown is the page's; the server checks
// again when asked, and a newer list from its 409 not_ready answer replaces it.
import { useEffect, useId, useRef, useState } from 'react';
import type { BlockingItem } from '@/lib/review/types';
import { passageHref } from '@/lib/review/labels';
import { ApiError, reviewApi } from './api-client';

interface Props {
  articleId: number;
  articleTitle: string;
  blocking: BlockingItem[];
  /** `signed` is true when the article was signed off. */
  onClose: (signed: boolean) => void;
}

export function SignOffDialog({ articleId, articleTitle, blocking: initial, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [blocking, setBlocking] = useState(initial);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const reasonId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await reviewApi.signOff(articleId, blocking.length ? reason.trim() : undefined);
      onClose(true);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'not_ready') {
        setBlocking((e.details as { blocking: BlockingItem[] }).blocking);
        setError('Something changed since the page was loaded: this is what blocks the sign-off now.');
      } else setError(e instanceof ApiError ? e.message : 'Something went wrong. Try again.');
    } finally {
      setBusy(false);
    }
  }

  const blocked = blocking.length > 0;
  return (
    <dialog ref={ref} className="sign-off-dialog" aria-labelledby={titleId} onCancel={() => onClose(false)} data-testid="sign-off-dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id={titleId}>Sign off “{articleTitle}”</h2>
        {blocked ? (
          <>
            <p>
              {blocking.length} {blocking.length === 1 ? 'thing blocks' : 'things block'} the sign-off:
            </p>
            <ul className="blocking-list" data-testid="blocking-list">
              {blocking.map((item, i) => {
                const href = passageHref(item);
                return (
                  <li key={`${item.kind}-${item.annotationId ?? ''}-${item.start ?? ''}-${i}`} className={`blocking-${item.kind}`}>
                    {href ? (
                      <a href={href} onClick={() => onClose(false)}>
                        {item.message}
                      </a>
                    ) : (
                      item.message
                    )}
                  </li>
                );
              })}
            </ul>
            <label htmlFor={reasonId}>Reason to sign off anyway (required, shown in the report)</label>
            <textarea id={reasonId} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required />
          </>
        ) : (
          <p>Nothing blocks the sign-off: every check-worthy claim is checked or dismissed, no verdict waits for a re-check, every disputed or needs-source verdict has a note or a source, and the second check is settled.</p>
        )}
        {error && (
          <p className="form-error small" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy || (blocked && reason.trim() === '')}>
            {blocked ? 'Sign off anyway' : 'Sign off'}
          </button>
          <button type="button" className="secondary" onClick={() => onClose(false)}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
