// Versions in the annotations plugin: a conflict answer and a poll may arrive in either order,
// and the page must end on the newest version of the annotation, never an older one.
import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import { annotationsKey, annotationsPlugin, type AnnotationAction, type ClientAnnotation } from '@/components/editor/annotations-plugin';
import { TextIndex } from '@/lib/document/canonical-text';
import { docFromText } from '@/lib/import/text';

const doc = docFromText('Aleppo fell in 2016. Moscow sent jets to Syria in 2015.');
const index = TextIndex.fromDoc(doc);
const start = index.text.indexOf('Moscow sent jets');
const at = (version: number, note: string, updatedAt: string): ClientAnnotation => ({
  id: 4,
  replyCount: 0,
  secondCheck: false,
  articleId: 1,
  status: 'disputed',
  start,
  end: start + 16,
  ...index.quote(start, start + 16),
  note,
  sources: [],
  author: { id: 1, name: 'R' },
  createdAt: 't0',
  updatedAt,
  version,
  anchor: { revision: 1, state: 'unchanged' },
});
const act = (state: EditorState, action: AnnotationAction) => state.apply(state.tr.setMeta(annotationsKey, action));
const shown = (state: EditorState) => annotationsKey.getState(state)!.get(4);

describe('annotation versions in the plugin', () => {
  it('takes a newer version, ignores an older one arriving late, and still takes a re-anchoring without a new version', () => {
    let state = EditorState.create({ doc, plugins: [annotationsPlugin([at(1, 'first', 't1')], () => true)] });
    state = act(state, { type: 'upsert', annotations: [at(3, 'third', 't3')] });
    expect(shown(state)).toMatchObject({ version: 3, note: 'third' });
    const before = state;
    state = act(state, { type: 'upsert', annotations: [at(2, 'second', 't2')] });
    expect(annotationsKey.getState(state)).toBe(annotationsKey.getState(before));
    expect(shown(state)).toMatchObject({ version: 3, note: 'third' });
    state = act(state, { type: 'upsert', annotations: [{ ...at(3, 'third', 't4'), anchor: { revision: 2, state: 'moved' } }] });
    expect(shown(state)?.anchor.state).toBe('moved');
  });
});
