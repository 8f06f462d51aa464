'use client';
// One annotation in full: the quoted passage, status, note, sources, author, times and history.
// The author or an admin can edit; others see it read-only. Every write names the version the
// reviewer started from, so a change someone else saved meanwhile is never overwritten unseen:
// the refused write keeps the reviewer's input and shows both changes (annotation-conflict.tsx).
// A change arriving by polling while the reviewer types leaves their input alone.
// Under the form, the annotation's reply thread (annotation-replies.tsx).
import { useEffect, useMemo, useState } from 'react';
import type { AnnotationDto, AnnotationEventDto } from '@/lib/annotations/types';
import { STATUSES, STATUS_LABEL, type Status } from '@/lib/annotations/status';
import type { ReviewState } from '@/lib/review/types';
import { ApiError, api, conflictRevision, editConflict, revisionApi, type ReconfirmBody } from './api-client';
import { AnnotationConflict, type MyChange } from './annotation-conflict';
import { draftOf, isEmptyPatch, mergeDrafts, patchBetween, sameDraft, type Draft } from './annotation-draft';
import { AnnotationRecheck } from './annotation-recheck';
import { AnnotationReplies, type ReplyViewer } from './annotation-replies';
import { isRemoved, isStale, type ClientAnnotation } from './editor/annotations-plugin';
import type { SelectionDraft } from './editor/selection';

interface Props {
  annotation: ClientAnnotation;
  editable: boolean;
  /** The revision the page shows: writes name it, and are refused once the article has a newer one. */
  revision: number;
  /** The article selection now, for re-attaching a verdict whose passage was removed. */
  selection: SelectionDraft | null;
  onChanged: (a: ClientAnnotation) => void;
  onDeleted: (id: number) => void;
  /** A write was refused because the article has a newer revision (its number, 0 when unknown). */
  onConflict: (revision: number) => void;
  onClose: () => void;
  /** The signed-in reviewer, so the thread offers edit/delete on their replies (read from the session when left out). */
  viewer?: ReplyViewer | null;
  /** The article's review state: when signed off, a reply can reopen it (read from the review API when left out). */
  reviewState?: ReviewState | null;
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function describe(e: AnnotationEventDto): string {
  const label = (v: string | null) => (v && v in STATUS_LABEL ? STATUS_LABEL[v as Status] : (v ?? ''));
  switch (e.type) {
    case 'created':
      return `marked it ${label(e.to)}`;
    case 'status_changed':
      return `changed the status from ${label(e.from)} to ${label(e.to)}`;
    case 'note_edited':
      return e.from ? `edited the note (was “${e.from.length > 60 ? `${e.from.slice(0, 60)}…` : e.from}”)` : 'added a note';
    case 'source_added':
      return `added the source ${e.to}`;
    case 'source_removed':
      return `removed the source ${e.from}`;
    case 'sources_reordered':
      return 'reordered the sources';
    case 'deleted':
      return 'deleted it';
    case 'reanchored':
      return describeReanchor(e);
    case 'reconfirmed':
      return `re-checked it: still ${label(e.to).toLowerCase()}`;
    case 'reply_added':
      return 'replied';
    case 'reply_edited':
      return 'edited a reply';
    case 'reply_deleted':
      return 'deleted a reply';
    case 'adjudicated':
      return `adjudicated it: ${label(e.to)}`;
  }
}

/** `reanchored`: `from` is the old revision, `to` is "<new revision> <state>". */
function describeReanchor(e: AnnotationEventDto): string {
  const [rev, state] = (e.to ?? '').split(' ');
  const what: Record<string, string> = { moved: 'moved', changed: 'edited (needs re-check)', removed: 'removed' };
  return `revision ${rev} ${state in what ? what[state] : 'changed'} the passage`;
}

/** Who made the changes after `since` (ISO), from the history; null until it is known. */
function changedBy(history: AnnotationEventDto[] | null, since: string): string | null {
  const after = Date.parse(since);
  const names = [...new Set((history ?? []).filter((e) => Date.parse(e.createdAt) > after).map((e) => e.actor.name))];
  return names.length ? names.join(' and ') : null;
}

export function AnnotationDetails({ annotation, editable, revision, selection, onChanged, onDeleted, onConflict, onClose, viewer, reviewState }: Props) {
  /** The annotation as the reviewer found it when they began: their change is measured from it, and writes name its version. */
  const [start, setStart] = useState<ClientAnnotation>(annotation);
  const [draft, setDraft] = useState<Draft>(() => draftOf(annotation));
  /** A write refused because someone else saved first: what the reviewer tried (the annotation prop is theirs). */
  const [conflict, setConflict] = useState<MyChange | null>(null);
  const [seen, setSeen] = useState(annotation);
  const [history, setHistory] = useState<AnnotationEventDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = useMemo(() => draftOf(start), [start]);
  const dirty = !sameDraft(draft, base);

  // A change from elsewhere becomes the form's starting point only while the reviewer has no
  // input of their own (adjusting state during render, as React recommends over an effect).
  if (seen !== annotation) {
    setSeen(annotation);
    if (!dirty && !conflict) {
      setStart(annotation);
      setDraft(draftOf(annotation));
    }
  }
  /** Someone else saved a version since the reviewer began typing: their save will be checked against it. */
  const changedUnder = dirty && !conflict && annotation.version > start.version;

  useEffect(() => {
    if (annotation.id < 0) return;
    let live = true;
    api.history(annotation.id).then(
      (h) => live && setHistory(h.events),
      () => live && setHistory(null),
    );
    return () => {
      live = false;
    };
  }, [annotation.id, annotation.updatedAt]);

  /** Sends the reviewer's change as made on `on` (the version they saw, or the current one when applying again). */
  async function send(change: MyChange, on: ClientAnnotation) {
    setBusy(true);
    setError(null);
    try {
      if (change.kind === 'delete') {
        await revisionApi.deleteAnnotation(annotation.id, on.version);
        onDeleted(annotation.id);
        return;
      }
      // Over someone else's version, the reviewer's change is merged onto theirs; then only what differs is sent.
      const target = on === start ? draft : mergeDrafts(base, draft, draftOf(on));
      let saved: AnnotationDto;
      if (change.kind === 'edit') {
        const patch = patchBetween(draftOf(on), target);
        if (isEmptyPatch(patch)) {
          settle(on, draftOf(on));
          return;
        }
        saved = await revisionApi.updateAnnotation(annotation.id, revision, on.version, patch);
      } else if (change.body.status !== undefined && change.body.start === undefined && !isStale(on) && !isRemoved(on)) {
        // Someone re-checked it first: "still <status>" now just means that status.
        saved = change.body.status === on.status ? on : await revisionApi.updateAnnotation(annotation.id, revision, on.version, { status: change.body.status });
      } else {
        saved = await revisionApi.reconfirm(annotation.id, on.version, { ...change.body, revision });
      }
      // A re-check leaves the reviewer's unsaved typing in place, on top of the answer.
      settle(saved, change.kind === 'edit' ? draftOf(saved) : mergeDrafts(base, draft, draftOf(saved)));
      onChanged(saved);
    } catch (err) {
      const current = editConflict(err);
      if (current) {
        setConflict(change);
        onChanged(current);
        return;
      }
      const rev = conflictRevision(err);
      if (rev !== null) onConflict(rev);
      if (err instanceof ApiError && err.status === 404) setError('Someone else deleted this annotation: your change was not saved.');
      else setError(err instanceof ApiError ? err.message : 'Could not save.');
    } finally {
      setBusy(false);
    }
  }

  /** The form starts again from `a`, showing `next`; a conflict is over. */
  function settle(a: ClientAnnotation, next: Draft) {
    setStart(a);
    setDraft(next);
    setConflict(null);
  }

  function save(e: React.FormEvent) {
    e.preventDefault();
    void send({ kind: 'edit' }, start);
  }

  function remove() {
    if (!window.confirm('Delete this annotation? It stays in the history.')) return;
    void send({ kind: 'delete' }, start);
  }

  const answer = (body: ReconfirmBody) => void send({ kind: 'reconfirm', body }, start);

  const setSource = (i: number, patch: Partial<{ url: string; title: string }>) =>
    setDraft({ ...draft, sources: draft.sources.map((s, j) => (i === j ? { ...s, ...patch } : s)) });

  return (
    <section className="details" aria-label="Annotation details" data-testid="annotation-details">
      <div className="details-head">
        <h2>Annotation</h2>
        <button type="button" className="link-button" onClick={onClose} aria-label="Close details">
          Close
        </button>
      </div>
      {!isStale(annotation) && <blockquote className="details-quote" dir="auto">
          {annotation.exact}
        </blockquote>}
      <AnnotationRecheck
        annotation={annotation}
        editable={editable}
        revision={revision}
        selection={selection}
        busy={busy || conflict !== null}
        onAnswer={answer}
        onDelete={remove}
      />
      <p className="small muted">
        {annotation.anchor?.state === 'moved' && <>Moved by revision {annotation.anchor.revision} · </>}
        {annotation.author.name} · created {when(annotation.createdAt)}
        {annotation.updatedAt !== annotation.createdAt && <> · updated {when(annotation.updatedAt)}</>}
        {!editable && annotation.id > 0 && <> · read-only (only the author or an admin can change it)</>}
      </p>
      {changedUnder && (
        <p className="small muted changed-under" role="status" data-testid="changed-under">
          Changed by {changedBy(history, start.updatedAt) ?? 'another reviewer'} — your edit will be checked against it.
        </p>
      )}
      {conflict && (
        <AnnotationConflict
          change={conflict}
          started={start}
          draft={draft}
          current={annotation}
          by={changedBy(history, start.updatedAt)}
          busy={busy}
          onApply={() => void send(conflict, annotation)}
          onKeepTheirs={() => {
            settle(annotation, draftOf(annotation));
            setError(null);
          }}
        />
      )}
      <form onSubmit={save}>
        <label htmlFor="details-status">Status</label>
        <select id="details-status" value={draft.status} disabled={!editable} onChange={(e) => setDraft({ ...draft, status: e.target.value as Status })}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        <label htmlFor="details-note">Note</label>
        <textarea id="details-note" dir="auto" rows={4} value={draft.note} readOnly={!editable} maxLength={10_000} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
        <fieldset>
          <legend>Sources</legend>
          {draft.sources.length === 0 && !editable && <p className="small muted">No sources.</p>}
          {draft.sources.map((s, i) =>
            editable ? (
              <div key={i} className="source-row">
                <input aria-label={`Source ${i + 1} URL`} type="url" placeholder="https://…" value={s.url} onChange={(e) => setSource(i, { url: e.target.value })} />
                <input aria-label={`Source ${i + 1} title`} placeholder="Title (optional)" value={s.title} onChange={(e) => setSource(i, { title: e.target.value })} />
                <button type="button" className="link-button" onClick={() => setDraft({ ...draft, sources: draft.sources.filter((_, j) => j !== i) })}>
                  Remove
                </button>
              </div>
            ) : (
              <div key={i} className="source-row">
                {/^https?:\/\//i.test(s.url) ? (
                  <a href={s.url} target="_blank" rel="noopener noreferrer nofollow">
                    {s.title || s.url}
                  </a>
                ) : (
                  <span>{s.url}</span>
                )}
              </div>
            ),
          )}
          {editable && draft.sources.length < 20 && (
            <button type="button" className="secondary small" onClick={() => setDraft({ ...draft, sources: [...draft.sources, { url: '', title: '' }] })}>
              Add source
            </button>
          )}
        </fieldset>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {editable && !conflict && (
          <div className="details-actions">
            <button type="submit" className="primary" disabled={busy || !dirty}>
              {busy ? 'Saving…' : dirty ? 'Save' : 'Saved'}
            </button>
            {!isRemoved(annotation) && (
              <button type="button" className="danger" disabled={busy} onClick={remove}>
                Delete
              </button>
            )}
          </div>
        )}
      </form>
      <AnnotationReplies annotation={annotation} viewer={viewer} reviewState={reviewState} onAnnotationChanged={onChanged} />
      <h3>History</h3>
      {history === null ? (
        <p className="small muted">{annotation.id < 0 ? 'Saving…' : 'Loading…'}</p>
      ) : (
        <ol className="history" data-testid="history">
          {history.map((e) => (
            <li key={e.id} className="small">
              <strong>{e.actor.name}</strong> {describe(e)} <span className="muted">· {when(e.createdAt)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
