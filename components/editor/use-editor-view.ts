'use client';
// One EditorView for the lifetime of the component that mounts it: created in an effect with no
// changing dependencies and destroyed in its cleanup (safe under StrictMode's double mount).
// Later changes reach the view as transactions, never as a new view.
import { EditorState, type Plugin } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { Node as PMNode } from 'prosemirror-model';
import { useEffect, useRef, useState } from 'react';
import { articleSchema } from '@/lib/document/schema';

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
        editorView.updateState(editorView.state.apply(tr));
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
