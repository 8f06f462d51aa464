// The claims plugin: the article's check-worthy claims with their state, and the quiet marker for
// the unchecked ones — a dotted tick in the left margin of each paragraph that still has one. The
// marker is a node decoration (an attribute on the paragraph the view already draws, styled with
// a ::before in components/claims.css), so even thousands of claims add no DOM nodes and nothing
// competes with the verdicts' colours. Like the annotations plugin: an immutable state, `apply`
// returns `this` when nothing changed, claims arrive as `tr.setMeta(claimsKey, action)`.
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import type { ClaimDto } from '@/lib/claims/types';
import type { TextIndex } from '@/lib/document/canonical-text';
import { annotationsKey } from './annotations-plugin';
import type { Command } from './commands';

export type ClaimsAction = { type: 'set'; claims: readonly ClaimDto[] };

export const claimsKey = new PluginKey<ClaimsState>('claims');

/** Attribute the margin tick is styled by; its value is how many unchecked claims the paragraph has. */
export const UNCHECKED_ATTR = 'data-unchecked-claims';

export class ClaimsState {
  constructor(
    /** In document order, with their state (lib/claims/state.ts). */
    readonly claims: readonly ClaimDto[],
    readonly decorations: DecorationSet,
  ) {}

  static readonly empty = new ClaimsState([], DecorationSet.empty);

  /** `next` is the state being made: the annotations plugin (listed before this one) has its text index. */
  apply(tr: Transaction, next: EditorState): ClaimsState {
    const action = tr.getMeta(claimsKey) as ClaimsAction | undefined;
    if (action) {
      if (action.claims === this.claims) return this;
      const index = annotationsKey.getState(next)?.index;
      return new ClaimsState(action.claims, index ? markers(tr.doc, index, action.claims) : DecorationSet.empty);
    }
    if (!tr.docChanged) return this;
    return new ClaimsState(this.claims, this.decorations.map(tr.mapping, tr.doc));
  }

  unchecked(): ClaimDto[] {
    return this.claims.filter((c) => c.state === 'unchecked');
  }
}

/** One node decoration per textblock that has unchecked claims. */
function markers(doc: PMNode, index: TextIndex, claims: readonly ClaimDto[]): DecorationSet {
  const counts = new Map<number, { from: number; to: number; n: number }>();
  for (const c of claims) {
    if (c.state !== 'unchecked') continue;
    const pos = index.posFromOffset(c.start, 1);
    if (pos > doc.content.size) continue;
    const $pos = doc.resolve(pos);
    if (!$pos.parent.isTextblock) continue;
    const from = $pos.before();
    const entry = counts.get(from) ?? { from, to: $pos.after(), n: 0 };
    entry.n++;
    counts.set(from, entry);
  }
  const decos = [...counts.values()].map((b) => Decoration.node(b.from, b.to, { [UNCHECKED_ATTR]: String(b.n) }));
  return DecorationSet.create(doc, decos);
}

/** Selects a claim's sentence (a code-point range), scrolls to it and focuses the view, so 1/2/3 marks it. */
export function selectRangeTr(state: EditorState, start: number, end: number): Transaction | null {
  const { index } = annotationsKey.getState(state)!;
  const from = index.posFromOffset(start, 1);
  const to = index.posFromOffset(end, -1);
  if (from >= to || to > state.doc.content.size) return null;
  return state.tr.setSelection(TextSelection.create(state.doc, from, to)).scrollIntoView();
}

/**
 * Selects the next (1) or previous (-1) unchecked claim after (before) the selection, wrapping
 * around the article. From a selection that is one claim exactly, moves past it.
 */
export function selectUncheckedClaim(delta: 1 | -1): Command {
  return (state, dispatch, view) => {
    const claims = claimsKey.getState(state)?.unchecked() ?? [];
    if (claims.length === 0) return false;
    const { index } = annotationsKey.getState(state)!;
    const { from, empty } = state.selection;
    const start = index.offsetFromPos(from);
    let next: ClaimDto | undefined;
    if (delta > 0) next = claims.find((c) => (empty ? c.start >= start : c.start > start)) ?? claims[0];
    else next = [...claims].reverse().find((c) => c.start < start) ?? claims[claims.length - 1];
    const tr = selectRangeTr(state, next.start, next.end);
    if (!tr) return false;
    if (dispatch) {
      view?.focus();
      dispatch(tr);
    }
    return true;
  };
}

export function claimsPlugin() {
  return new Plugin<ClaimsState>({
    key: claimsKey,
    state: {
      init: () => ClaimsState.empty,
      apply: (tr, value, _old, next) => value.apply(tr, next),
    },
    props: {
      decorations: (state) => claimsKey.getState(state)!.decorations,
    },
  });
}

export function dispatchClaims(view: { state: EditorState; dispatch: (tr: Transaction) => void }, claims: readonly ClaimDto[]) {
  view.dispatch(view.state.tr.setMeta(claimsKey, { type: 'set', claims } satisfies ClaimsAction));
}
