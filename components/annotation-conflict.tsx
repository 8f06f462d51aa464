'use client';
// Shown in the details panel when a write was refused because another reviewer saved the
// annotation first (409 edit_conflict): who changed it and when, what they changed since the
// version this reviewer started from, what this reviewer tried — and the two ways out: apply it
// again on top of their version, or keep theirs.
import { useEffect, useRef } from 'react';
import { STATUS_LABEL } from '@/lib/annotations/status';
import type { ReconfirmBody } from './api-client';
import { describeChanges, draftOf, type Draft } from './annotation-draft';
import { isRemoved, isStale, type ClientAnnotation } from './editor/annotations-plugin';

/** What the reviewer tried: the form's edit (its current input), a delete, or a re-check answer. */
export type MyChange = { kind: 'edit' } | { kind: 'delete' } | { kind: 'reconfirm'; body: ReconfirmBody };

interface Props {
  change: MyChange;
  /** The version the reviewer started from. */
  started: ClientAnnotation;
  /** The form as the reviewer left it. */
  draft: Draft;
  /** The version saved meanwhile (the newest the page knows). */
  current: ClientAnnotation;
  /** Who saved it, from the history; null until known. */
  by: string | null;
  busy: boolean;
  onApply: () => void;
  onKeepTheirs: () => void;
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const excerpt = (s: string) => (s.length > 80 ? `${s.slice(0, 80)}…` : s);

function theirChanges(started: ClientAnnotation, current: ClientAnnotation): string[] {
  const lines = describeChanges(draftOf(started), draftOf(current));
  const wasFlagged = isStale(started) || isRemoved(started);
  if (wasFlagged && !isStale(current) && !isRemoved(current)) lines.push('re-checked it after the revision');
  else if (current.exact !== started.exact || current.start !== started.start) lines.push(`attached it to “${excerpt(current.exact)}”`);
  return lines;
}

function myChanges(change: MyChange, started: ClientAnnotation, draft: Draft): string[] {
  switch (change.kind) {
    case 'delete':
      return ['delete this annotation'];
    case 'reconfirm':
      return change.body.start !== undefined ? [`re-attach it to “${excerpt(change.body.exact ?? '')}”`] : [`re-check it: still ${STATUS_LABEL[change.body.status ?? started.status].toLowerCase()}`];
    case 'edit':
      return describeChanges(draftOf(started), draft);
  }
}

export function AnnotationConflict({ change, started, draft, current, by, busy, onApply, onKeepTheirs }: Props) {
  const theirs = theirChanges(started, current);
  const mine = myChanges(change, started, draft);
  const headingRef = useRef<HTMLHeadingElement | null>(null);
  const sectionRef = useRef<HTMLElement | null>(null);
  // The button that was pressed (Save, Delete, a re-check answer) is gone now: the focus moves
  // here, and the whole panel (not only its heading, which left the top border cut off) scrolls
  // into view from the bottom of the form.
  useEffect(() => {
    sectionRef.current?.scrollIntoView({ block: 'nearest' });
    headingRef.current?.focus({ preventScroll: true });
  }, []);
  return (
    <section className="edit-conflict" ref={sectionRef} aria-labelledby="edit-conflict-heading" data-testid="edit-conflict">
      <h3 id="edit-conflict-heading" tabIndex={-1} ref={headingRef}>{by ?? 'Another reviewer'} changed this annotation while you were working</h3>
      <p className="small" role="alert">
        Their version was saved {when(current.updatedAt)}. Yours was not saved{change.kind === 'edit' ? ': your input is still in the form below' : ''}.
      </p>
      <h4>Their change</h4>
      {theirs.length ? (
        <ul data-testid="their-change">
          {theirs.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      ) : (
        <p className="small muted">Nothing you can see here (status, note and sources are as you found them).</p>
      )}
      <h4>Your change</h4>
      {mine.length ? (
        <ul data-testid="my-change">
          {mine.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      ) : (
        <p className="small muted">None left: the form matches what you started from.</p>
      )}
      <div className="details-actions">
        <button type="button" className="primary" disabled={busy || mine.length === 0} onClick={onApply}>
          {busy ? 'Saving…' : 'Apply my change again'}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onKeepTheirs}>
          Keep theirs
        </button>
      </div>
    </section>
  );
}
