'use client';
// Other reviewers' work arrives by polling for changes since the last answer, as transactions on
// the view. When the answer says the article has a newer revision than the page shows, polling
// stops and `onNewRevision` is told: offsets in the new revision's terms must never be painted
// on the old text.
import { useEffect, useRef } from 'react';
import type { EditorView } from 'prosemirror-view';
import { revisionApi } from './api-client';
import { dispatchAnnotations } from './editor/annotations-plugin';

export const POLL_MS = 2500;

interface Options {
  articleId: number;
  /** Server time (ms) the page's annotations were read at. */
  initialCursor: number;
  /** The revision the page shows. */
  revision: number;
  onNewRevision: (revision: number) => void;
}

export function useAnnotationPolling(view: EditorView | null, { articleId, initialCursor, revision, onNewRevision }: Options) {
  const notify = useRef(onNewRevision);
  useEffect(() => {
    notify.current = onNewRevision;
  }, [onNewRevision]);

  useEffect(() => {
    if (!view) return;
    let cursor = initialCursor;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const changes = await revisionApi.changes(articleId, cursor);
        if (stopped) return;
        if (changes.revision !== undefined && changes.revision > revision) {
          stopped = true;
          notify.current(changes.revision);
          return;
        }
        cursor = changes.cursor;
        if (changes.deleted.length) dispatchAnnotations(view, { type: 'remove', ids: changes.deleted });
        if (changes.annotations.length) dispatchAnnotations(view, { type: 'upsert', annotations: changes.annotations });
      } catch {
        // Try again on the next tick; a lasting problem shows when the reviewer saves.
      }
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [view, articleId, initialCursor, revision]);
}
