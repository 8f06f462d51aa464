'use client';
// One EditorView for the lifetime of the component that mounts it: created in an effect with no
// changing dependencies and destroyed in its cleanup (safe under StrictMode's double mount).
// Later changes reach the view as transactions, never as a new view.
import { EditorState, TextSelection, type Plugin, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { Node as PMNode } from 'prosemirror-model';
import { useEffect, useRef, useState } from 'react';
import { articleSchema } from '@/lib/document/schema';
import { domSelection } from './selection';

export function useEditorView(docJson: unknown, createPlugins: () => Plugin[], onUpdate?: (view: EditorView) => void) {
  const mountRef = useRef<HTMLDivElement | null>(null);
  const [view, setView] = useState<EditorView | null>(null);
  // The first render's values are the ones the view is built from; later renders do not rebuild it.
  const init = useRef({ docJson, createPlugins, onUpdate });
  init.current.onUpdate = onUpdate;

  useEffect(() => {
    const mount = mountRef.current;
    if (!mount) return;
    const { docJson: json, createPlugins: plugins } = init.current;
    const state = EditorState.create({ doc: PMNode.fromJSON(articleSchema, json), plugins: plugins() });
    const editorView: EditorView = new EditorView(mount, {
      state,
      attributes: { class: 'article-body', 'aria-label': 'Article text' },
      dispatchTransaction(tr) {
        editorView.updateState(editorView.state.apply(withDomSelection(editorView, tr)));
        init.current.onUpdate?.(editorView);
      },
    });
    setView(editorView);
    init.current.onUpdate?.(editorView);
    return () => {
      editorView.destroy();
      setView(null);
    };
  }, []);

  return { mountRef, view };
}

/**
 * A transaction that does not set the selection (a hover, a poll's changes, the claims arriving)
 * takes the browser's current selection with it. Otherwise ProseMirror, applying it, would put
 * back the selection its state still holds — the one before a drag or shift+arrow it has not read
 * yet — and the reviewer's selection would jump or vanish under their hand (the text never changes
 * here, so positions need no mapping).
 */
function withDomSelection(view: EditorView, tr: Transaction): Transaction {
  if (tr.selectionSet || tr.docChanged) return tr;
  const dom = domSelection(view);
  const { anchor, head } = view.state.selection;
  if (!dom || (dom.anchor === anchor && dom.head === head)) return tr;
  return tr.setSelection(TextSelection.create(tr.doc, dom.anchor, dom.head));
}
