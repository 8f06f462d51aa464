// The workspace's commands and the annotation UI plugin through real EditorStates and
// transactions: "could I?" without dispatch, the change with it, and the UI following the data.
import { describe, expect, it, vi } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import { annotationsKey, annotationsPlugin, type ClientAnnotation } from '@/components/editor/annotations-plugin';
import { annotationUiKey, annotationUiPlugin, type AnnotationUiAction } from '@/components/editor/annotation-ui-plugin';
import { dismissPopups, markSelection, moveActive, openActive, openNextToRecheck, type MarkEnv } from '@/components/editor/commands';
import { SHORTCUTS, bindShortcuts } from '@/components/editor/shortcuts';
import { STATUSES, STATUS_SHORTCUT, type Status } from '@/lib/annotations/status';
import { TextIndex } from '@/lib/document/canonical-text';
import { docFromText } from '@/lib/import/text';

const doc = docFromText('Aleppo fell in 2016.\nMoscow sent jets to Syria in 2015.\nThe airport reopened in March.');
const index = TextIndex.fromDoc(doc);

function ann(id: number, passage: string, status: Status = 'verified', state: 'unchanged' | 'changed' = 'unchanged'): ClientAnnotation {
  const start = index.offsetFromUnit(index.text.indexOf(passage));
  const end = start + [...passage].length;
  return { id, articleId: 1, status, start, end, ...index.quote(start, end), note: '', replyCount: 0, secondCheck: false, sources: [], author: { id: 1, name: 'R' }, createdAt: 't0', updatedAt: 't0', version: 1, anchor: { revision: 2, state } };
}

const make = (annotations: ClientAnnotation[]) => EditorState.create({ doc, plugins: [annotationsPlugin(annotations, () => true), annotationUiPlugin()] });
const ui = (s: EditorState) => annotationUiKey.getState(s)!;
const uiAct = (s: EditorState, action: AnnotationUiAction) => s.apply(s.tr.setMeta(annotationUiKey, action));

/** Runs a command with dispatch and returns the state after it (or the same state when it refused). */
function run(state: EditorState, command: (s: EditorState, d?: (tr: import('prosemirror-state').Transaction) => void) => boolean): { ok: boolean; state: EditorState } {
  let next = state;
  const ok = command(state, (tr) => (next = state.apply(tr)));
  return { ok, state: next };
}

const three = [ann(1, 'Aleppo fell'), ann(2, 'Moscow sent jets', 'disputed', 'changed'), ann(3, 'airport reopened', 'needs_source', 'changed')];

describe('moving between annotations (j/k)', () => {
  it('starts at the first or last, walks in the given order, stops at the ends and reveals each', () => {
    let state = make(three);
    expect(moveActive(-1, [])(state)).toBe(false);
    ({ state } = run(state, moveActive(1, [1, 2, 3])));
    expect(ui(state).activeId).toBe(1);
    expect(ui(state).openId).toBeNull();
    expect(annotationsKey.getState(state)!.focusedId).toBe(1);
    ({ state } = run(state, moveActive(1, [1, 2, 3])));
    ({ state } = run(state, moveActive(1, [1, 2, 3])));
    expect(ui(state).activeId).toBe(3);
    expect(moveActive(1, [1, 2, 3])(state)).toBe(false);
    expect(moveActive(-1, [1, 2, 3])(state)).toBe(true);
    // k with nothing active starts from the last.
    expect(ui(run(make(three), moveActive(-1, [1, 2, 3])).state).activeId).toBe(3);
  });

  it('opens the active annotation only when there is one', () => {
    let state = make(three);
    expect(openActive(state)).toBe(false);
    state = uiAct(state, { type: 'activate', id: 2 });
    const { ok, state: after } = run(state, openActive);
    expect(ok).toBe(true);
    expect(ui(after).openId).toBe(2);
  });
});

describe('the re-check key', () => {
  it('opens the next stale verdict, wrapping around, and refuses when none is left', () => {
    let state = make(three);
    expect(openNextToRecheck([])(state)).toBe(false);
    ({ state } = run(state, openNextToRecheck([2, 3])));
    expect(ui(state).openId).toBe(2);
    ({ state } = run(state, openNextToRecheck([2, 3])));
    expect(ui(state).openId).toBe(3);
    ({ state } = run(state, openNextToRecheck([2, 3])));
    expect(ui(state).openId).toBe(2);
  });

  it('from an annotation outside the queue (one just re-confirmed), goes on from its passage', () => {
    let state = uiAct(make(three), { type: 'open', id: 2 });
    ({ state } = run(state, openNextToRecheck([1, 3])));
    expect(ui(state).openId).toBe(3);
  });
});

describe('marking the selection', () => {
  const env = (over: Partial<MarkEnv> = {}): MarkEnv & { saved: ClientAnnotation[] } => {
    const saved: ClientAnnotation[] = [];
    return { articleId: 1, revision: 2, author: { id: 5, name: 'Ann' }, canWrite: true, save: (a) => saved.push(a), saved, ...over };
  };
  const select = (state: EditorState, passage: string) => {
    const start = index.offsetFromUnit(index.text.indexOf(passage));
    return state.apply(state.tr.setSelection(TextSelection.create(state.doc, index.posFromOffset(start), index.posFromOffset(start + passage.length))));
  };

  it('cannot mark without a selection, or a selection of only whitespace', () => {
    const e = env();
    expect(markSelection('verified', e)(make([]))).toBe(false);
    expect(e.saved).toEqual([]);
  });

  it('shows the verdict at once as pending, collapses the selection and hands it to save', () => {
    const e = env();
    const state = select(make([]), 'sent jets');
    expect(markSelection('disputed', e)(state)).toBe(true);
    expect(e.saved).toEqual([]);
    const { ok, state: after } = run(state, markSelection('disputed', e));
    expect(ok).toBe(true);
    expect(after.selection.empty).toBe(true);
    expect(e.saved).toHaveLength(1);
    const shown = annotationsKey.getState(after)!.get(e.saved[0].id)!;
    expect(shown).toMatchObject({ status: 'disputed', exact: 'sent jets', pending: true, author: { id: 5 }, anchor: { revision: 2, state: 'unchanged' } });
    expect(shown.id).toBeLessThan(0);
  });

  it('refuses once the page is out of date (a newer revision exists)', () => {
    const state = select(make([]), 'sent jets');
    expect(markSelection('verified', env({ canWrite: false }))(state)).toBe(false);
  });
});

describe('the annotation UI plugin', () => {
  it('follows the data: an optimistic id becomes the saved one, a removed annotation closes', () => {
    let state = uiAct(make(three), { type: 'open', id: 2 });
    state = state.apply(state.tr.setMeta(annotationsKey, { type: 'replace', id: 2, annotation: { ...three[1], id: 20 } }));
    expect(ui(state)).toMatchObject({ openId: 20, activeId: 20 });
    state = state.apply(state.tr.setMeta(annotationsKey, { type: 'remove', ids: [20] }));
    expect(ui(state)).toMatchObject({ openId: null, activeId: null });
  });

  it('keeps the same state for a hover over the same annotations, and Escape closes the popups', () => {
    let state = uiAct(make(three), { type: 'hover', target: { ids: [1, 2], clientX: 10, clientY: 10 } });
    const before = ui(state);
    expect(ui(uiAct(state, { type: 'hover', target: { ids: [1, 2], clientX: 50, clientY: 60 } }))).toBe(before);
    state = uiAct(state, { type: 'choose', target: { ids: [1, 2], pos: 3 } });
    const { ok, state: after } = run(state, dismissPopups);
    expect(ok).toBe(true);
    expect(ui(after)).toMatchObject({ hover: null, chooser: null });
    expect(dismissPopups(after)).toBe(false);
  });

  it('keeps a passage in the open chooser and hover card when its save lands, and drops a deleted one', () => {
    let state = uiAct(make(three), { type: 'choose', target: { ids: [1, 2], pos: 3 } });
    state = uiAct(state, { type: 'hover', target: { ids: [1, 2], clientX: 10, clientY: 10 } });
    state = state.apply(state.tr.setMeta(annotationsKey, { type: 'replace', id: 2, annotation: { ...three[1], id: 20 } }));
    expect(ui(state).chooser).toEqual({ ids: [1, 20], pos: 3 });
    expect(ui(state).hover?.ids).toEqual([1, 20]);
    // Another reviewer's poll brings unrelated changes: the same state, not a new one.
    const before = ui(state);
    expect(ui(state.apply(state.tr.setMeta(annotationsKey, { type: 'upsert', annotations: [three[2]] })))).toBe(before);
    state = state.apply(state.tr.setMeta(annotationsKey, { type: 'remove', ids: [1] }));
    expect(ui(state).chooser).toEqual({ ids: [20], pos: 3 });
    state = state.apply(state.tr.setMeta(annotationsKey, { type: 'remove', ids: [20] }));
    expect(ui(state)).toMatchObject({ chooser: null, hover: null });
  });

  it('opening from the chooser closes it', () => {
    let state = uiAct(make(three), { type: 'choose', target: { ids: [1, 2], pos: 3 } });
    state = uiAct(state, { type: 'open', id: 1 });
    expect(ui(state)).toMatchObject({ chooser: null, openId: 1 });
  });
});

describe('the shortcut table', () => {
  it('binds each verdict to its STATUS_SHORTCUT key and every key once', () => {
    const keys = SHORTCUTS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const status of STATUSES) expect(keys).toContain(STATUS_SHORTCUT[status]);
    const save = vi.fn();
    const bindings = bindShortcuts({ articleId: 1, revision: 1, author: { id: 1, name: 'R' }, canWrite: true, save, order: [1, 2, 3], recheck: [2] });
    const state = make(three);
    const j = bindings.find((b) => b.key === 'j')!;
    expect(run(state, j.command).ok).toBe(true);
    expect(ui(run(state, bindings.find((b) => b.key === 'r')!.command).state).openId).toBe(2);
  });
});
