// The annotations plugin's state through real transactions: decorations created, added,
// replaced, removed, mapped through document changes, and never placed on the wrong words.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EditorState, type Transaction } from 'prosemirror-state';
import { annotationsKey, annotationsPlugin, PlacedIndex, type AnnotationAction, type ClientAnnotation, type Placed } from '@/components/editor/annotations-plugin';
import { TextIndex } from '@/lib/document/canonical-text';
import { docFromText } from '@/lib/import/text';
import type { Status } from '@/lib/annotations/status';

const doc = docFromText('Aleppo fell in 2016.\nRussia’s Role\nMoscow sent jets 🛩 to Syria in 2015.');
const index = TextIndex.fromDoc(doc);

function ann(id: number, passage: string, status: Status = 'verified', occurrence = 0): ClientAnnotation & { start: number; end: number } {
  let unit = -1;
  for (let i = 0; i <= occurrence; i++) unit = index.text.indexOf(passage, unit + 1);
  const start = index.offsetFromUnit(unit);
  const end = start + [...passage].length;
  return {
    id,
    articleId: 1,
    status,
    start,
    end,
    ...index.quote(start, end),
    note: '',
    replyCount: 0,
    secondCheck: false,
    sources: [],
    author: { id: 1, name: 'R' },
    createdAt: 't0',
    updatedAt: 't0',
    version: 1,
    anchor: { revision: 1, state: 'unchanged' },
  };
}

const make = (annotations: ClientAnnotation[]) => EditorState.create({ doc, plugins: [annotationsPlugin(annotations, () => true)] });
const act = (state: EditorState, action: AnnotationAction) => state.apply(state.tr.setMeta(annotationsKey, action));
const plugin = (state: EditorState) => annotationsKey.getState(state)!;
const painted = (state: EditorState) =>
  plugin(state)
    .decorations.find()
    .map((d) => [state.doc.textBetween(d.from, d.to, "\n\n"), (d as unknown as { type: { attrs: { class: string } } }).type.attrs.class]);

describe('annotations plugin', () => {
  it('creates one inline decoration per annotation, with a class per status', () => {
    const state = make([ann(1, 'Aleppo fell'), ann(2, 'Moscow sent jets 🛩', 'disputed')]);
    expect(painted(state)).toEqual([
      ['Aleppo fell', 'fm-hl fm-verified'],
      ['Moscow sent jets 🛩', 'fm-hl fm-disputed'],
    ]);
  });

  it('adds, replaces and removes through transactions, and reports what changed', () => {
    let state = make([ann(1, 'Aleppo fell')]);
    state = act(state, { type: 'upsert', annotations: [{ ...ann(-7, 'to Syria', 'needs_source'), pending: true }] });
    expect(painted(state)).toContainEqual(['to Syria', 'fm-hl fm-needs_source fm-pending']);
    expect(plugin(state).change).toMatchObject({ kind: 'some', added: [expect.anything()], removed: [] });
    state = act(state, { type: 'replace', id: -7, annotation: ann(9, 'to Syria', 'needs_source') });
    expect(plugin(state).get(-7)).toBeUndefined();
    expect(plugin(state).get(9)?.status).toBe('needs_source');
    expect(painted(state)).toContainEqual(['to Syria', 'fm-hl fm-needs_source']);
    state = act(state, { type: 'remove', ids: [1] });
    expect(painted(state)).toEqual([['to Syria', 'fm-hl fm-needs_source']]);
  });

  it('changes the class when an annotation’s status changes', () => {
    let state = make([ann(1, 'Aleppo fell')]);
    state = act(state, { type: 'upsert', annotations: [{ ...ann(1, 'Aleppo fell', 'disputed'), updatedAt: 't1' }] });
    expect(painted(state)).toEqual([['Aleppo fell', 'fm-hl fm-disputed']]);
  });

  it('returns the same state for transactions that change nothing, including unchanged polled annotations', () => {
    const state = make([ann(1, 'Aleppo fell')]);
    const before = plugin(state);
    expect(plugin(state.apply(state.tr))).toBe(before);
    expect(plugin(act(state, { type: 'upsert', annotations: [ann(1, 'Aleppo fell')] }))).toBe(before);
  });

  it('maps decorations through document changes', () => {
    const state = make([ann(1, 'Moscow sent jets')]);
    const tr: Transaction = state.tr.insertText('Breaking: ', 1);
    const next = state.apply(tr);
    expect(painted(next)).toEqual([['Moscow sent jets', 'fm-hl fm-verified']]);
  });

  it('keeps overlapping annotations apart and finds all of them at a position', () => {
    const state = make([ann(1, 'Moscow sent jets'), ann(2, 'sent jets 🛩 to Syria', 'disputed')]);
    const pos = index.posFromOffset(ann(2, 'jets').start);
    expect(
      plugin(state)
        .at(pos)
        .map((a) => a.id)
        .sort(),
    ).toEqual([1, 2]);
    expect(plugin(state).at(index.posFromOffset(ann(1, 'Moscow').start)).map((a) => a.id)).toEqual([1]);
  });

  it('does not paint an annotation whose quote no longer matches: it becomes an orphan', () => {
    const wrong = { ...ann(3, 'Aleppo fell'), exact: 'Damascus fell' };
    const state = make([wrong, ann(4, 'in 2016')]);
    expect(painted(state)).toEqual([['in 2016', 'fm-hl fm-verified']]);
    expect([...plugin(state).orphans.keys()]).toEqual([3]);
  });

  it('spans a passage across paragraphs', () => {
    const a = ann(5, 'in 2016.\n\nRussia’s Role');
    const state = make([a]);
    expect(painted(state)).toEqual([['in 2016.\n\nRussia’s Role', 'fm-hl fm-verified']]);
  });

  it('paints a stale verdict (its words changed by a revision) with its status and a needs-re-check class', () => {
    const stale: ClientAnnotation = { ...ann(6, 'Moscow sent jets', 'disputed'), anchor: { revision: 2, state: 'changed', previousExact: 'Moscow sent planes', previousRevision: 1 } };
    const state = make([stale, ann(7, 'Aleppo fell')]);
    expect(painted(state)).toEqual([
      ['Aleppo fell', 'fm-hl fm-verified'],
      ['Moscow sent jets', 'fm-hl fm-disputed fm-stale'],
    ]);
  });

  it('never paints a verdict whose passage a revision removed, but keeps it listed', () => {
    const removed: ClientAnnotation = { ...ann(8, 'Aleppo fell'), start: null, end: null, exact: 'Homs fell', anchor: { revision: 2, state: 'removed', previousExact: 'Homs fell', previousRevision: 1 } };
    let state = make([removed, ann(9, 'in 2016')]);
    expect(painted(state)).toEqual([['in 2016', 'fm-hl fm-verified']]);
    expect(plugin(state).get(8)?.exact).toBe('Homs fell');
    expect(plugin(state).all().map((a) => a.id).sort()).toEqual([8, 9]);
    // Re-attached to new words (the reconfirm answer): painted from then on.
    state = act(state, { type: 'upsert', annotations: [{ ...ann(8, 'Moscow sent jets'), updatedAt: 't2', anchor: { revision: 2, state: 'unchanged' } }] });
    expect(painted(state)).toContainEqual(['Moscow sent jets', 'fm-hl fm-verified']);
    expect(plugin(state).orphans.has(8)).toBe(false);
  });

  it('remembers the focused annotation and forgets it when removed', () => {
    let state = make([ann(1, 'Aleppo fell')]);
    state = act(state, { type: 'focus', id: 1 });
    expect(plugin(state).focusedId).toBe(1);
    state = act(state, { type: 'remove', ids: [1] });
    expect(plugin(state).focusedId).toBeNull();
  });
});

describe('annotations plugin at scale', () => {
  it('finds the annotations over any range as DecorationSet.find would, however they overlap', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(60), fc.integer({ min: 1, max: 25 })), { maxLength: 120 }), fc.nat(70), fc.nat(15), (spans, from, width) => {
        const items = spans.map(([f, len], i): Placed => ({ from: f, to: f + len, annotation: { ...ann(1, 'Aleppo'), id: i } }));
        const index = PlacedIndex.of(items.slice());
        const expected = items.filter((p) => p.from <= from + width && p.to >= from).map((p) => p.annotation.id);
        expect(index.between(from, from + width).map((p) => p.annotation.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
      }),
    );
  });

  it('keeps the list in list order through upserts, replacements and removals, and the same array when only the focus moves', () => {
    const removed: ClientAnnotation = { ...ann(8, 'Aleppo fell'), start: null, end: null, exact: 'Homs fell', anchor: { revision: 2, state: 'removed', previousExact: 'Homs fell', previousRevision: 1 } };
    let state = make([ann(3, 'in 2016'), removed, ann(2, 'Moscow sent jets'), ann(1, 'Aleppo fell')]);
    const ids = () => plugin(state).list.map((a) => a.id);
    expect(ids()).toEqual([1, 3, 2, 8]);
    state = act(state, { type: 'upsert', annotations: [{ ...ann(-4, 'fell in', 'disputed'), pending: true }] });
    expect(ids()).toEqual([1, -4, 3, 2, 8]);
    state = act(state, { type: 'replace', id: -4, annotation: ann(12, 'fell in', 'disputed') });
    expect(ids()).toEqual([1, 12, 3, 2, 8]);
    state = act(state, { type: 'remove', ids: [3] });
    expect(ids()).toEqual([1, 12, 2, 8]);
    const list = plugin(state).list;
    state = act(state, { type: 'focus', id: 2 });
    expect(plugin(state).list).toBe(list);
  });

  it('takes a changed annotation that is not in the text (the note of a removed passage edited)', () => {
    const removed: ClientAnnotation = { ...ann(8, 'Aleppo fell'), start: null, end: null, exact: 'Homs fell', anchor: { revision: 2, state: 'removed', previousExact: 'Homs fell', previousRevision: 1 } };
    let state = make([removed]);
    state = act(state, { type: 'upsert', annotations: [{ ...removed, note: 'gone in the rewrite', version: 2 }] });
    expect(plugin(state).get(8)?.note).toBe('gone in the rewrite');
    expect(plugin(state).list.map((a) => a.note)).toEqual(['gone in the rewrite']);
  });
});
