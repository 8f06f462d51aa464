// The passage a reviewer has selected, as canonical-text offsets with surrounding whitespace
// trimmed; null when the selection is empty or only whitespace (then the toolbar stays hidden).
import type { EditorView } from 'prosemirror-view';
import { annotationsKey } from './annotations-plugin';

export interface SelectionDraft {
  start: number;
  end: number;
  exact: string;
  /** Document position of the selection's end, for placing the toolbar. */
  to: number;
}

export function selectionDraft(view: EditorView): SelectionDraft | null {
  const { from, to, empty } = view.state.selection;
  if (empty) return null;
  const { index } = annotationsKey.getState(view.state)!;
  let start = index.offsetFromPos(from);
  let end = index.offsetFromPos(to);
  const raw = index.slice(start, end);
  // Whitespace characters are single code points, so trimmed lengths are code-point counts.
  start += raw.length - raw.trimStart().length;
  end -= raw.length - raw.trimEnd().length;
  if (start >= end) return null;
  return { start, end, exact: index.slice(start, end), to };
}
