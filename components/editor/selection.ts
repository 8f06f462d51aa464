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
 * The selected range as the reviewer sees it. ProseMirror reads the DOM selection on the next
 * `selectionchange`, so a shortcut pressed right after extending a selection could otherwise act
 * on the previous range: read the DOM selection directly when it is inside the view.
 */
function selectedRange(view: EditorView): { from: number; to: number } {
  const sel = view.dom.ownerDocument.getSelection();
  if (sel && sel.rangeCount > 0 && sel.anchorNode && sel.focusNode && view.dom.contains(sel.anchorNode) && view.dom.contains(sel.focusNode)) {
    try {
      const anchor = view.posAtDOM(sel.anchorNode, sel.anchorOffset);
      const head = view.posAtDOM(sel.focusNode, sel.focusOffset);
      return { from: Math.min(anchor, head), to: Math.max(anchor, head) };
    } catch {
      // A node ProseMirror does not map (a widget): fall back to the state's selection.
    }
  }
  return view.state.selection;
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
