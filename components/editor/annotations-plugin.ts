// The annotations plugin: its state is the source of truth for which annotations the view shows
// and where. Modelled on ProseMirror's collab comment plugin: an immutable state holding a
// DecorationSet (one inline decoration per annotation, the annotation in its spec), `apply`
// returns `this` when nothing changed, decorations are mapped through `tr.mapping`, and changes
// arrive as `tr.setMeta(annotationsKey, action)`. Painting is a separate concern (highlight-painter).
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import { anchorQuote } from '@/lib/annotations/anchor';
import type { AnnotationDto } from '@/lib/annotations/types';
import { TextIndex } from '@/lib/document/canonical-text';

/** An annotation as the client holds it: saved, or optimistic (negative id) while saving. */
export type ClientAnnotation = AnnotationDto & { pending?: boolean };

export type AnnotationAction =
  | { type: 'upsert'; annotations: ClientAnnotation[] }
  | { type: 'remove'; ids: number[] }
  /** An optimistic annotation was saved: swap it for the stored one. */
  | { type: 'replace'; id: number; annotation: ClientAnnotation }
  | { type: 'focus'; id: number | null };

export interface AnnotationSpec {
  annotation: ClientAnnotation;
}

/** What the last transaction changed, so a painter can update incrementally. */
export type PaintChange = { kind: 'all' } | { kind: 'some'; added: Decoration[]; removed: Decoration[] } | { kind: 'none' };

export const annotationsKey = new PluginKey<AnnotationState>('annotations');

/** A verdict whose words a revision edited: painted on what survived, as "needs re-check". */
export const isStale = (a: ClientAnnotation) => a.anchor?.state === 'changed';
/** A verdict whose passage a revision removed: listed with its old quote, never painted. */
export const isRemoved = (a: ClientAnnotation) => a.anchor?.state === 'removed' || a.start === null || a.end === null;

export const statusClass = (a: ClientAnnotation) => `fm-hl fm-${a.status}${isStale(a) ? ' fm-stale' : ''}${a.pending ? ' fm-pending' : ''}`;

export class AnnotationState {
  constructor(
    readonly decorations: DecorationSet,
    /** Decoration of each placed annotation, by id. */
    readonly byId: ReadonlyMap<number, Decoration>,
    /** Annotations not placed in the text (removed by a revision, or not found): listed, never painted. */
    readonly orphans: ReadonlyMap<number, ClientAnnotation>,
    readonly focusedId: number | null,
    readonly change: PaintChange,
    readonly index: TextIndex,
  ) {}

  static create(doc: PMNode, initial: ClientAnnotation[] | ((index: TextIndex) => ClientAnnotation[])): AnnotationState {
    const index = TextIndex.fromDoc(doc);
    const annotations = typeof initial === 'function' ? initial(index) : initial;
    const byId = new Map<number, Decoration>();
    const orphans = new Map<number, ClientAnnotation>();
    const decos: Decoration[] = [];
    for (const a of annotations) {
      const deco = decorationFor(index, a);
      if (deco) {
        byId.set(a.id, deco);
        decos.push(deco);
      } else orphans.set(a.id, a);
    }
    return new AnnotationState(DecorationSet.create(doc, decos), byId, orphans, null, { kind: 'all' }, index);
  }

  apply(tr: Transaction): AnnotationState {
    const action = tr.getMeta(annotationsKey) as AnnotationAction | undefined;
    let state: AnnotationState = this;
    if (tr.docChanged) {
      // Mapped decorations keep their annotation; ids stay pointing at the mapped ones.
      const decorations = this.decorations.map(tr.mapping, tr.doc);
      const byId = new Map<number, Decoration>();
      for (const d of decorations.find()) byId.set((d.spec as AnnotationSpec).annotation.id, d);
      state = new AnnotationState(decorations, byId, this.orphans, this.focusedId, { kind: 'all' }, TextIndex.fromDoc(tr.doc));
    }
    return action ? state.perform(action, tr.doc) : state;
  }

  private perform(action: AnnotationAction, doc: PMNode): AnnotationState {
    if (action.type === 'focus') {
      return new AnnotationState(this.decorations, this.byId, this.orphans, action.id, { kind: 'none' }, this.index);
    }
    // Polling hands back annotations we already show; an unchanged one is left alone, and an
    // older version (a conflict answer overtaken by a poll) never replaces a newer one. A
    // revision re-anchors without a new version: then `updatedAt` tells.
    const fresh = (a: ClientAnnotation) => {
      const known = this.get(a.id);
      return !known || known.pending || a.version > known.version || (a.version === known.version && known.updatedAt !== a.updatedAt);
    };
    const incoming = action.type === 'upsert' ? action.annotations.filter(fresh) : action.type === 'replace' ? [action.annotation] : [];
    const removeIds = action.type === 'remove' ? action.ids : action.type === 'replace' ? [action.id, action.annotation.id] : incoming.map((a) => a.id);
    const byId = new Map(this.byId);
    const orphans = new Map(this.orphans);
    const removed: Decoration[] = [];
    for (const id of removeIds) {
      const old = byId.get(id);
      if (old) {
        removed.push(old);
        byId.delete(id);
      }
      orphans.delete(id);
    }
    const added: Decoration[] = [];
    for (const a of incoming) {
      const deco = decorationFor(this.index, a);
      if (deco) {
        byId.set(a.id, deco);
        added.push(deco);
      } else orphans.set(a.id, a);
    }
    if (removed.length === 0 && added.length === 0 && orphans.size === this.orphans.size) return this;
    // DecorationSet.add/remove null out the entries of the array they are given: pass copies.
    const decorations = this.decorations.remove(removed.slice()).add(doc, added.slice());
    const focusedId = this.focusedId !== null && byId.has(this.focusedId) ? this.focusedId : null;
    return new AnnotationState(decorations, byId, orphans, focusedId, { kind: 'some', added, removed }, this.index);
  }

  get(id: number): ClientAnnotation | undefined {
    const d = this.byId.get(id);
    return d ? (d.spec as AnnotationSpec).annotation : this.orphans.get(id);
  }

  /** Every annotation, placed or not. */
  all(): ClientAnnotation[] {
    const out: ClientAnnotation[] = [];
    for (const d of this.byId.values()) out.push((d.spec as AnnotationSpec).annotation);
    for (const a of this.orphans.values()) out.push(a);
    return out;
  }

  /** The annotations whose passage covers a document position. */
  at(pos: number): ClientAnnotation[] {
    return this.decorations
      .find(pos, pos, () => true)
      .filter((d) => d.from <= pos && pos < d.to)
      .map((d) => (d.spec as AnnotationSpec).annotation);
  }

  range(id: number): { from: number; to: number } | null {
    const d = this.byId.get(id);
    return d ? { from: d.from, to: d.to } : null;
  }
}

function decorationFor(index: TextIndex, a: ClientAnnotation): Decoration | null {
  if (isRemoved(a)) return null;
  const anchor = anchorQuote(index, { start: a.start!, end: a.end!, exact: a.exact, prefix: a.prefix, suffix: a.suffix });
  if (!anchor) return null;
  const from = index.posFromOffset(anchor.start, 1);
  const to = index.posFromOffset(anchor.end, -1);
  if (from >= to) return null;
  const spec: AnnotationSpec = { annotation: a };
  return Decoration.inline(from, to, { class: statusClass(a), 'data-annotation-id': String(a.id) }, spec);
}

export const supportsCssHighlights = () => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';

/**
 * The plugin. `paintWithDecorations` decides whether ProseMirror draws the decorations itself
 * (the fallback) or a painter draws them through the CSS Custom Highlight API (near the cost of
 * no highlights at all with thousands of them; see ../shared/PERFORMANCE.md).
 */
export function annotationsPlugin(initial: ClientAnnotation[] | ((index: TextIndex) => ClientAnnotation[]), paintWithDecorations: () => boolean) {
  return new Plugin<AnnotationState>({
    key: annotationsKey,
    state: {
      init: (_config, state: EditorState) => AnnotationState.create(state.doc, initial),
      apply: (tr, value) => value.apply(tr),
    },
    props: {
      decorations(state) {
        if (!paintWithDecorations()) return null;
        const s = annotationsKey.getState(state)!;
        if (s.focusedId === null) return s.decorations;
        const range = s.range(s.focusedId);
        return range ? s.decorations.add(state.doc, [Decoration.inline(range.from, range.to, { class: 'fm-focus' })]) : s.decorations;
      },
    },
  });
}

export function dispatchAnnotations(view: { state: EditorState; dispatch: (tr: Transaction) => void }, action: AnnotationAction) {
  view.dispatch(view.state.tr.setMeta(annotationsKey, action));
}
