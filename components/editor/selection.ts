// The passage a reviewer has selected, as canonical-text offsets with surrounding whitespace
// trimmed; null when the selection is empty or only whitespace (then the toolbar stays hidden).
import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { annotationsKey } from './annotations-plugin';

export interface SelectionDraft {
  start: number;
  end: number;
  exact: string;
  /** Document position of the selection's end, for placing the toolbar. */
  to: number;
}

/**
 * The browser's selection in the view as document positions, or null when it is not (wholly) in
 * the view. ProseMirror reads the DOM selection only on the next `selectionchange`, so right after
 * a drag or a shift+arrow its state may still hold the previous selection.
 */
export function domSelection(view: EditorView): { anchor: number; head: number } | null {
  const sel = view.dom.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0 || !sel.anchorNode || !sel.focusNode || !view.dom.contains(sel.anchorNode) || !view.dom.contains(sel.focusNode)) return null;
  try {
    return { anchor: view.posAtDOM(sel.anchorNode, sel.anchorOffset), head: view.posAtDOM(sel.focusNode, sel.focusOffset) };
  } catch {
    // A node ProseMirror does not map (a widget).
    return null;
  }
}

/** The selected range as the reviewer sees it: the DOM's when it is in the view, else the state's. */
function selectedRange(view: EditorView): { from: number; to: number } {
  const dom = domSelection(view);
  return dom ? { from: Math.min(dom.anchor, dom.head), to: Math.max(dom.anchor, dom.head) } : view.state.selection;
}

/** The draft for what the reviewer sees selected in a view. */
export function selectionDraft(view: EditorView): SelectionDraft | null {
  return draftOfRange(view.state, selectedRange(view));
}

/** The draft for a range of document positions (a command without a view uses the state's selection). */
export function draftOfRange(state: EditorState, { from, to }: { from: number; to: number }): SelectionDraft | null {
  if (from === to) return null;
  const { index } = annotationsKey.getState(state)!;
  let start = index.offsetFromPos(from);
  let end = index.offsetFromPos(to);
  const raw = index.slice(start, end);
  // Whitespace characters are single code points, so trimmed lengths are code-point counts.
  start += raw.length - raw.trimStart().length;
  end -= raw.length - raw.trimEnd().length;
  if (start >= end) return null;
  return { start, end, exact: index.slice(start, end), to };
}
