// The claims plugin through real transactions: one margin marker per paragraph that still has an
// unchecked claim (attributes on the paragraph, no new nodes), the same state back when nothing
// changed, and the next/previous-unchecked-claim command selecting whole sentences, wrapping round.
import { describe, expect, it } from 'vitest';
import { EditorState, type Transaction } from 'prosemirror-state';
import { annotationsPlugin } from '@/components/editor/annotations-plugin';
import { claimsKey, claimsPlugin, selectUncheckedClaim, UNCHECKED_ATTR } from '@/components/editor/claims-plugin';
import { detectClaims } from '@/lib/claims/detect';
import type { ClaimDto, ClaimState } from '@/lib/claims/types';
import { TextIndex } from '@/lib/document/canonical-text';
import { docFromText } from '@/lib/import/text';

const text = 'Prices rose 5% in 2024. The mayor said so.\n\nWhy it matters\n\nOfficials said rents doubled. Nobody knows why.\n\nThe council spent €3 million on roads.';
const doc = docFromText(text);
const index = TextIndex.fromDoc(doc);

function claims(states: ClaimState[]): ClaimDto[] {
  return detectClaims(index.text).map((c, i) => ({ ...c, text: index.slice(c.start, c.end), state: states[i] ?? 'unchecked', annotationIds: [] }));
}

const make = () => EditorState.create({ doc, plugins: [annotationsPlugin([], () => false), claimsPlugin()] });
const set = (state: EditorState, list: ClaimDto[]) => state.apply(state.tr.setMeta(claimsKey, { type: 'set', claims: list }));
const markers = (state: EditorState) =>
  claimsKey
    .getState(state)!
    .decorations.find()
    .map((d) => [state.doc.nodeAt(d.from)!.textContent, (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs[UNCHECKED_ATTR]]);

function run(state: EditorState, delta: 1 | -1): EditorState {
  let next = state;
  const done = selectUncheckedClaim(delta)(state, (tr: Transaction) => (next = state.apply(tr)));
  expect(done).toBe(true);
  return next;
}
const selected = (state: EditorState) => state.doc.textBetween(state.selection.from, state.selection.to);

describe('claims plugin', () => {
  it('finds the fixture’s claims', () => {
    expect(claims([]).map((c) => c.text)).toEqual(['Prices rose 5% in 2024.', 'The mayor said so.', 'Officials said rents doubled.', 'The council spent €3 million on roads.']);
  });

  it('marks each paragraph with unchecked claims once, with their count, and none when all are checked or dismissed', () => {
    const state = set(make(), claims([]));
    expect(markers(state)).toEqual([
      ['Prices rose 5% in 2024. The mayor said so.', '2'],
      ['Officials said rents doubled. Nobody knows why.', '1'],
      ['The council spent €3 million on roads.', '1'],
    ]);
    const partly = set(state, claims(['checked', 'unchecked', 'dismissed', 'checked']));
    expect(markers(partly)).toEqual([['Prices rose 5% in 2024. The mayor said so.', '1']]);
  });

  it('keeps its state when a transaction does not concern it, or sets the same claims again', () => {
    const list = claims([]);
    const state = set(make(), list);
    const before = claimsKey.getState(state);
    expect(claimsKey.getState(state.apply(state.tr.setMeta('other', 1)))).toBe(before);
    expect(claimsKey.getState(set(state, list))).toBe(before);
  });

  it('selects the next unchecked claim’s sentence, skipping checked ones, and wraps round; Shift goes back', () => {
    let state = set(make(), claims(['unchecked', 'checked', 'unchecked', 'unchecked']));
    state = run(state, 1);
    expect(selected(state)).toBe('Prices rose 5% in 2024.');
    state = run(state, 1);
    expect(selected(state)).toBe('Officials said rents doubled.');
    state = run(state, 1);
    expect(selected(state)).toBe('The council spent €3 million on roads.');
    state = run(state, 1);
    expect(selected(state)).toBe('Prices rose 5% in 2024.');
    state = run(state, -1);
    expect(selected(state)).toBe('The council spent €3 million on roads.');
    state = run(state, -1);
    expect(selected(state)).toBe('Officials said rents doubled.');
  });

  it('answers false (the key is not handled) when no claim is unchecked', () => {
    const state = set(make(), claims(['checked', 'dismissed', 'checked', 'checked']));
    expect(selectUncheckedClaim(1)(state)).toBe(false);
  });
});
