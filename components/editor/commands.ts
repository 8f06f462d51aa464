// The workspace's commands in ProseMirror's `(state, dispatch?, view?) => boolean` form. Called
// without `dispatch` a command only answers "could I?": the keymap uses that to decide whether a
// key is handled, the selection toolbar to decide which buttons are enabled.
import { TextSelection, type EditorState, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { AnnotationAuthor } from '@/lib/annotations/types';
import type { Status } from '@/lib/annotations/status';
import { annotationsKey, type ClientAnnotation } from './annotations-plugin';
import { annotationUiKey, revealTr } from './annotation-ui-plugin';
import { draftOfRange, selectionDraft } from './selection';

export type Command = (state: EditorState, dispatch?: (tr: Transaction) => void, view?: EditorView) => boolean;

export interface MarkEnv {
  articleId: number;
  /** The revision the page shows: offsets are taken against it. */
  revision: number;
  author: AnnotationAuthor;
  /** False once the page's text is out of date (a newer revision exists): nothing is marked on old text. */
  canWrite: boolean;
  /** Sends an optimistic annotation (already shown) to the server; the caller swaps or removes it on the answer. */
  save: (optimistic: ClientAnnotation) => void;
}

let lastTempId = 0;
/** Ids for optimistic annotations: negative, so they never collide with stored ones. */
const tempId = () => --lastTempId;

/** Marks the selected passage with a verdict: shown at once as pending, saved through `env.save`. */
export function markSelection(status: Status, env: MarkEnv): Command {
  return (state, dispatch, view) => {
    if (!env.canWrite) return false;
    const draft = view ? selectionDraft(view) : draftOfRange(state, state.selection);
    if (!draft) return false;
    if (dispatch) {
      const now = new Date().toISOString();
      const optimistic: ClientAnnotation = {
        id: tempId(),
        articleId: env.articleId,
        status,
        start: draft.start,
        end: draft.end,
        exact: draft.exact,
        prefix: '',
        suffix: '',
        note: '',
        replyCount: 0,
        secondCheck: false,
        sources: [],
        author: env.author,
        createdAt: now,
        updatedAt: now,
        version: 0,
        anchor: { revision: env.revision, state: 'unchanged' },
        pending: true,
      };
      dispatch(state.tr.setSelection(TextSelection.create(state.doc, draft.to)).setMeta(annotationsKey, { type: 'upsert', annotations: [optimistic] }));
      env.save(optimistic);
    }
    return true;
  };
}

/** Moves the active card to the next (1) or previous (-1) annotation of `order`, revealing it. */
export function moveActive(delta: 1 | -1, order: readonly number[]): Command {
  return (state, dispatch) => {
    if (order.length === 0) return false;
    const { activeId } = annotationUiKey.getState(state)!;
    const at = activeId === null ? -1 : order.indexOf(activeId);
    const next = at < 0 ? (delta > 0 ? 0 : order.length - 1) : Math.min(order.length - 1, Math.max(0, at + delta));
    if (next === at) return false;
    if (dispatch) dispatch(revealTr(state, order[next], false));
    return true;
  };
}

/** Opens the active card's annotation. */
export const openActive: Command = (state, dispatch) => {
  const { activeId } = annotationUiKey.getState(state)!;
  if (activeId === null || !annotationsKey.getState(state)!.get(activeId)) return false;
  if (dispatch) dispatch(revealTr(state, activeId, true));
  return true;
};

/**
 * Opens the next verdict waiting for a re-check: the one after the open (or active) annotation
 * in `queue`, wrapping around; from an annotation not in the queue, the first queued one at or
 * after its passage.
 */
export function openNextToRecheck(queue: readonly number[]): Command {
  return (state, dispatch) => {
    if (queue.length === 0) return false;
    const ui = annotationUiKey.getState(state)!;
    const data = annotationsKey.getState(state)!;
    const current = ui.openId ?? ui.activeId;
    let next = 0;
    const at = current === null ? -1 : queue.indexOf(current);
    if (at >= 0) next = (at + 1) % queue.length;
    else if (current !== null) {
      const here = data.range(current);
      const after = here ? queue.findIndex((id) => (data.range(id)?.from ?? Infinity) >= here.from) : -1;
      next = Math.max(0, after);
    }
    if (dispatch) dispatch(revealTr(state, queue[next], true));
    return true;
  };
}

/** Closes the overlap chooser and the hover card. */
export const dismissPopups: Command = (state, dispatch) => {
  const ui = annotationUiKey.getState(state)!;
  if (ui.chooser === null && ui.hover === null) return false;
  if (dispatch) dispatch(state.tr.setMeta(annotationUiKey, { type: 'dismiss' }));
  return true;
};
