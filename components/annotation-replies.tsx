'use client';
// The discussion under an annotation, in its details panel: the thread (author, time, the text as
// written — white-space kept, direction from the text), a reply box, and edit/delete for one's own
// replies (an admin's for any). Other reviewers' replies arrive through the annotation polling: a
// reply touches its annotation, so a new `replyCount` or `updatedAt` here refetches the thread.
// When the article is signed off, a reply can ask for it to go back to review.
import { useEffect, useState } from 'react';
import type { AnnotationDto } from '@/lib/annotations/types';
import { MAX_REPLY_LENGTH, type ReplyDto } from '@/lib/replies/types';
import type { ReviewState } from '@/lib/review/types';
import type { Viewer } from '@/lib/viewer';
import { ApiError, call } from './api-client';
import type { ClientAnnotation } from './editor/annotations-plugin';
import './replies.css';

export const replyApi = {
  list: (annotationId: number) => call<{ replies: ReplyDto[] }>('GET', `/api/annotations/${annotationId}/replies`),
  create: (annotationId: number, body: string, reopens: boolean) => call<ReplyDto>('POST', `/api/annotations/${annotationId}/replies`, reopens ? { body, reopens } : { body }),
  update: (id: number, version: number, body: string) => call<ReplyDto>('PATCH', `/api/replies/${id}`, { body, version }),
  remove: (id: number, version: number) => call<void>('DELETE', `/api/replies/${id}?version=${version}`),
  /** The annotation as stored after a reply touched it (new replyCount and updatedAt). */
  annotation: (id: number) => call<AnnotationDto>('GET', `/api/annotations/${id}`),
};

/** Who is looking: their own replies (or any, for an admin) can be changed. */
export type ReplyViewer = Pick<Viewer, 'id' | 'role'>;

interface Props {
  annotation: ClientAnnotation;
  /** The signed-in reviewer; when left out it is read from the session once. */
  viewer?: ReplyViewer | null;
  /** The article's review state; when left out it is read from the review API once. */
  reviewState?: ReviewState | null;
  /**
   * This reviewer's own reply, edit or delete touched the annotation: here it is as stored now, for
   * the sidebar's count without waiting for the next poll (which brings other reviewers' replies).
   */
  onAnnotationChanged: (a: AnnotationDto) => void;
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const message = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);

/** The viewer from the session endpoint, when the page did not pass one. */
function useSessionViewer(given: ReplyViewer | null | undefined): ReplyViewer | null {
  const [fetched, setFetched] = useState<ReplyViewer | null>(null);
  useEffect(() => {
    if (given !== undefined) return;
    let live = true;
    fetch('/api/auth/session', { cache: 'no-store' })
      .then((r) => (r.ok ? r.json() : null))
      .then((s: { user?: { id?: number; role?: Viewer['role'] } } | null) => {
        if (live && typeof s?.user?.id === 'number' && s.user.role) setFetched({ id: s.user.id, role: s.user.role });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [given]);
  return given !== undefined ? given : fetched;
}

/** The article's review state from the review API, when the page did not pass it (null: unknown). */
function useReviewState(articleId: number, given: ReviewState | null | undefined, refresh: string): ReviewState | null {
  const [fetched, setFetched] = useState<ReviewState | null>(null);
  useEffect(() => {
    if (given !== undefined) return;
    let live = true;
    call<{ state?: ReviewState }>('GET', `/api/articles/${articleId}/review`).then(
      (r) => live && setFetched(r.state ?? null),
      () => live && setFetched(null),
    );
    return () => {
      live = false;
    };
  }, [articleId, given, refresh]);
  return given !== undefined ? given : fetched;
}

export function AnnotationReplies({ annotation, viewer: givenViewer, reviewState: givenState, onAnnotationChanged }: Props) {
  const viewer = useSessionViewer(givenViewer);
  const [replies, setReplies] = useState<ReplyDto[] | null>(null);
  const [text, setText] = useState('');
  const [reopen, setReopen] = useState(false);
  const [editing, setEditing] = useState<{ id: number; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const saved = annotation.id > 0;
  const reviewState = useReviewState(annotation.articleId, givenState, annotation.updatedAt);
  const signedOff = reviewState === 'signed_off';

  // Reload when the thread changed: the count or the annotation's updatedAt moves with every reply.
  useEffect(() => {
    if (!saved) return;
    let live = true;
    replyApi.list(annotation.id).then(
      (r) => live && setReplies(r.replies),
      (err) => live && setError(message(err, 'Could not load the replies.')),
    );
    return () => {
      live = false;
    };
  }, [saved, annotation.id, annotation.replyCount, annotation.updatedAt]);

  const mayChange = (r: ReplyDto) => viewer !== null && (r.author.id === viewer.id || viewer.role === 'admin');

  async function run(action: () => Promise<ReplyDto[]>) {
    setBusy(true);
    setError(null);
    try {
      const next = await action();
      setReplies(next);
      replyApi.annotation(annotation.id).then(onAnnotationChanged, () => undefined);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'edit_conflict') {
        // Someone (an admin) changed it first: show theirs, keep this reviewer's text in the box.
        setReplies((await replyApi.list(annotation.id).catch(() => null))?.replies ?? replies);
        setError('Someone else changed this reply meanwhile. Their version is shown; your text is still in the box.');
      } else setError(message(err, 'Could not save the reply.'));
      throw err;
    } finally {
      setBusy(false);
    }
  }

  const list = replies ?? [];

  function send(e: React.FormEvent) {
    e.preventDefault();
    const body = text.trim();
    if (!body) return;
    run(async () => [...list, await replyApi.create(annotation.id, body, signedOff && reopen)]).then(
      () => {
        setText('');
        setReopen(false);
      },
      () => undefined,
    );
  }

  function saveEdit(e: React.FormEvent, r: ReplyDto) {
    e.preventDefault();
    if (!editing || !editing.text.trim()) return;
    const body = editing.text.trim();
    run(async () => {
      const updated = await replyApi.update(r.id, r.version, body);
      return list.map((x) => (x.id === r.id ? updated : x));
    }).then(
      () => setEditing(null),
      () => undefined,
    );
  }

  function remove(r: ReplyDto) {
    if (!window.confirm('Delete this reply? It stays in the history.')) return;
    run(async () => {
      await replyApi.remove(r.id, r.version);
      return list.filter((x) => x.id !== r.id);
    }).catch(() => undefined);
  }

  const count = replies?.length ?? annotation.replyCount;
  return (
    <section className="replies" aria-labelledby="replies-heading" data-testid="replies">
      <h3 id="replies-heading">
        Replies <span className="muted">({count})</span>
      </h3>
      {!saved ? (
        <p className="small muted">Saving…</p>
      ) : replies === null ? (
        error ? null : <p className="small muted">Loading…</p>
      ) : list.length === 0 ? (
        <p className="small muted">No replies yet.</p>
      ) : (
        <ol className="reply-list" data-testid="reply-list">
          {list.map((r) => (
            <li key={r.id} className="reply" data-testid="reply">
              <p className="reply-meta small">
                <strong>{viewer?.id === r.author.id ? 'You' : r.author.name}</strong>{' '}
                <span className="muted">
                  · <time dateTime={r.createdAt}>{when(r.createdAt)}</time>
                  {r.updatedAt !== r.createdAt && <> · edited</>}
                </span>
                {r.reopens && <span className="reply-reopened small"> · reopened the review</span>}
              </p>
              {editing?.id === r.id ? (
                <form onSubmit={(e) => saveEdit(e, r)} className="reply-edit">
                  <label htmlFor={`reply-edit-${r.id}`} className="sr-only">
                    Edit your reply
                  </label>
                  <textarea id={`reply-edit-${r.id}`} dir="auto" rows={3} maxLength={MAX_REPLY_LENGTH} value={editing.text} onChange={(e) => setEditing({ id: r.id, text: e.target.value })} />
                  <div className="details-actions">
                    <button type="submit" className="primary" disabled={busy || !editing.text.trim()}>
                      Save reply
                    </button>
                    <button type="button" className="secondary" disabled={busy} onClick={() => setEditing(null)}>
                      Cancel
                    </button>
                  </div>
                </form>
              ) : (
                <p className="reply-body" dir="auto" data-testid="reply-body">
                  {r.body}
                </p>
              )}
              {mayChange(r) && editing?.id !== r.id && (
                <p className="reply-actions small">
                  <button type="button" className="link-button" disabled={busy} onClick={() => setEditing({ id: r.id, text: r.body })} aria-label={`Edit reply of ${when(r.createdAt)}`}>
                    Edit
                  </button>{' '}
                  <button type="button" className="link-button" disabled={busy} onClick={() => remove(r)} aria-label={`Delete reply of ${when(r.createdAt)}`}>
                    Delete
                  </button>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <form onSubmit={send} className="reply-form">
          <label htmlFor={`reply-new-${annotation.id}`}>Your reply</label>
          <textarea
            id={`reply-new-${annotation.id}`}
            dir="auto"
            rows={3}
            maxLength={MAX_REPLY_LENGTH}
            value={text}
            placeholder="Ask a question or add context…"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              // Ctrl/⌘ + Enter sends, as in most comment boxes; Enter alone is a new line.
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          {signedOff && (
            <label className="reply-reopen">
              <input type="checkbox" checked={reopen} onChange={(e) => setReopen(e.target.checked)} /> Reopen the review (the article is signed off)
            </label>
          )}
          <div className="details-actions">
            <button type="submit" className="primary" disabled={busy || !text.trim()}>
              {busy ? 'Sending…' : 'Reply'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
