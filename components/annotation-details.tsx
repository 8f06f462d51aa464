'use client';
// One annotation in full: the quoted passage, status, note, sources, author, times and history.
// The author or an admin can edit; others see it read-only. A draft being typed is kept when
// the same annotation changes on the server meanwhile.
import { useEffect, useState } from 'react';
import type { AnnotationEventDto, AnnotationSource } from '@/lib/annotations/types';
import { STATUSES, STATUS_LABEL, type Status } from '@/lib/annotations/status';
import { ApiError, api, conflictRevision, revisionApi } from './api-client';
import { AnnotationRecheck } from './annotation-recheck';
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
  }
}

/** `reanchored`: `from` is the old revision, `to` is "<new revision> <state>". */
function describeReanchor(e: AnnotationEventDto): string {
  const [rev, state] = (e.to ?? '').split(' ');
  const what: Record<string, string> = { moved: 'moved', changed: 'edited (needs re-check)', removed: 'removed' };
  return `revision ${rev} ${state in what ? what[state] : 'changed'} the passage`;
}

interface Draft {
  status: Status;
  note: string;
  sources: { url: string; title: string }[];
}

const draftOf = (a: ClientAnnotation): Draft => ({ status: a.status, note: a.note, sources: a.sources.map((s) => ({ url: s.url, title: s.title ?? '' })) });
const same = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

export function AnnotationDetails({ annotation, editable, revision, selection, onChanged, onDeleted, onConflict, onClose }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(annotation));
  const [base, setBase] = useState<Draft>(() => draftOf(annotation));
  const [history, setHistory] = useState<AnnotationEventDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = !same(draft, base);

  // A change from elsewhere replaces the form only when the reviewer has not started typing.
  useEffect(() => {
    const incoming = draftOf(annotation);
    setDraft((prev) => (same(prev, base) ? incoming : prev));
    setBase(incoming);
    // Runs only when the annotation changes; `base` is the form's previous baseline on purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [annotation]);

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

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const sources: AnnotationSource[] = draft.sources.filter((s) => s.url.trim()).map((s) => ({ url: s.url.trim(), title: s.title.trim() || null }));
    try {
      const saved = await revisionApi.updateAnnotation(annotation.id, revision, { status: draft.status, note: draft.note, sources });
      const next = draftOf(saved);
      setBase(next);
      setDraft(next);
      onChanged(saved);
    } catch (err) {
      const current = conflictRevision(err);
      if (current !== null) onConflict(current);
      setError(err instanceof ApiError ? err.message : 'Could not save.');
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!window.confirm('Delete this annotation? It stays in the history.')) return;
    setBusy(true);
    try {
      await api.deleteAnnotation(annotation.id);
      onDeleted(annotation.id);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not delete.');
      setBusy(false);
    }
  }

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
      {!isStale(annotation) && <blockquote className="details-quote">{annotation.exact}</blockquote>}
      <AnnotationRecheck
        annotation={annotation}
        editable={editable}
        revision={revision}
        selection={selection}
        busy={busy}
        setBusy={setBusy}
        onChanged={onChanged}
        onConflict={onConflict}
        onDelete={() => void remove()}
      />
      <p className="small muted">
        {annotation.anchor?.state === 'moved' && <>Moved by revision {annotation.anchor.revision} · </>}
        {annotation.author.name} · created {when(annotation.createdAt)}
        {annotation.updatedAt !== annotation.createdAt && <> · updated {when(annotation.updatedAt)}</>}
        {!editable && annotation.id > 0 && <> · read-only (only the author or an admin can change it)</>}
      </p>
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
        <textarea id="details-note" rows={4} value={draft.note} readOnly={!editable} maxLength={10_000} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
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
        {editable && (
          <div className="details-actions">
            <button type="submit" className="primary" disabled={busy || !dirty}>
              {busy ? 'Saving…' : dirty ? 'Save' : 'Saved'}
            </button>
            {!isRemoved(annotation) && (
              <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
                Delete
              </button>
            )}
          </div>
        )}
      </form>
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
