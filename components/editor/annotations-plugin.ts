// The annotations plugin: its state is the source of truth for which annotations the view shows
// and where. Modelled on ProseMirror's collab comment plugin: an immutable state, `apply`
// returns `this` when nothing changed, positions are mapped through `tr.mapping`, and changes
// arrive as `tr.setMeta(annotationsKey, action)`. Painting is a separate concern (highlight-painter).
//
// Unlike the collab example the state does not keep a DecorationSet as its index: building one
// for 10,000 annotations over a 100,000-word article took longer than everything else the page
// does with them (bench/results/paint.md), and the CSS-highlight painter never draws it. The
// placed annotations are an array sorted by position with a running maximum of their ends
// (`PlacedIndex`), which answers "what is over this position / in this window" in logarithmic
// time; the DecorationSet is built from it only when something asks (the fallback painter where
// `CSS.highlights` is missing, and tests). The list the sidebar shows is kept in its order here
// too, so a change to one annotation does not re-sort thousands.
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Mapping } from 'prosemirror-transform';
import type { Node as PMNode } from 'prosemirror-model';
import { anchorQuote } from '@/lib/annotations/anchor';
import { isRemoved, listOrder } from '@/lib/annotations/order';
import type { AnnotationDto } from '@/lib/annotations/types';
import { TextIndex } from '@/lib/document/canonical-text';

export { isRemoved };

/** An annotation as the client holds it: saved, or optimistic (negative id) while saving. */
export type ClientAnnotation = AnnotationDto & { pending?: boolean };

export type AnnotationAction =
  | { type: 'upsert'; annotations: ClientAnnotation[] }
  | { type: 'remove'; ids: number[] }
  /** An optimistic annotation was saved: swap it for the stored one. */
  | { type: 'replace'; id: number; annotation: ClientAnnotation }
  | { type: 'focus'; id: number | null };

/** An annotation placed in the text: its passage as document positions. */
export interface Placed {
  readonly from: number;
  readonly to: number;
  readonly annotation: ClientAnnotation;
}

/** The spec of the fallback painter's decorations. */
export interface AnnotationSpec {
  annotation: ClientAnnotation;
}

/** What the last transaction changed, so a painter can update incrementally. */
export type PaintChange = { kind: 'all' } | { kind: 'some'; added: Placed[]; removed: Placed[] } | { kind: 'none' };

export const annotationsKey = new PluginKey<AnnotationState>('annotations');

/** A verdict whose words a revision edited: painted on what survived, as "needs re-check". */
export const isStale = (a: ClientAnnotation) => a.anchor?.state === 'changed';

export const statusClass = (a: ClientAnnotation) => `fm-hl fm-${a.status}${isStale(a) ? ' fm-stale' : ''}${a.pending ? ' fm-pending' : ''}`;

const byPosition = (a: Placed, b: Placed) => a.from - b.from || a.to - b.to || a.annotation.id - b.annotation.id;
/** Placed annotations per chunk of the index: the unit skipped at once when none reaches a range. */
const CHUNK = 32;

/**
 * Placed annotations sorted by position, with the furthest end reached by each chunk and by all
 * chunks up to it (non-decreasing, so binary-searchable): the annotations over a range are found
 * in logarithmic time plus the ones returned, however many there are.
 */
export class PlacedIndex {
  private constructor(
    readonly items: readonly Placed[],
    private readonly chunkTo: number[],
    private readonly reachTo: number[],
  ) {}

  static of(items: Placed[]): PlacedIndex {
    items.sort(byPosition);
    const chunkTo: number[] = [];
    const reachTo: number[] = [];
    let reach = -1;
    for (let c = 0; c * CHUNK < items.length; c++) {
      let to = -1;
      for (let i = c * CHUNK, end = Math.min(items.length, i + CHUNK); i < end; i++) if (items[i].to > to) to = items[i].to;
      chunkTo.push(to);
      reach = Math.max(reach, to);
      reachTo.push(reach);
    }
    return new PlacedIndex(items, chunkTo, reachTo);
  }

  /** A new index without `removed` (same objects) and with `added`. */
  with(removed: ReadonlySet<Placed>, added: readonly Placed[]): PlacedIndex {
    if (removed.size === 0 && added.length === 0) return this;
    const kept = removed.size ? this.items.filter((p) => !removed.has(p)) : this.items.slice();
    // Already sorted apart from the few added: Array.prototype.sort (TimSort) merges the runs.
    return PlacedIndex.of(added.length ? kept.concat(added) : kept);
  }

  /** Annotations overlapping or touching [from, to] (as DecorationSet.find), in position order. */
  between(from: number, to: number): Placed[] {
    const { items, chunkTo, reachTo } = this;
    // Past `end` every annotation starts after `to`.
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (items[mid].from <= to) lo = mid + 1;
      else hi = mid;
    }
    const end = lo;
    // Before chunk `first` no annotation reaches `from`.
    lo = 0;
    hi = reachTo.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (reachTo[mid] >= from) hi = mid;
      else lo = mid + 1;
    }
    const out: Placed[] = [];
    for (let c = lo; c * CHUNK < end; c++) {
      if (chunkTo[c] < from) continue;
      for (let i = c * CHUNK, stop = Math.min(end, i + CHUNK); i < stop; i++) if (items[i].to >= from) out.push(items[i]);
    }
    return out;
  }
}

/** Each placed annotation's decoration, made once, so DecorationSet.remove finds the same object. */
const decorationOf = new WeakMap<Placed, Decoration>();
function toDecoration(p: Placed): Decoration {
  let d = decorationOf.get(p);
  if (!d) {
    const spec: AnnotationSpec = { annotation: p.annotation };
    d = Decoration.inline(p.from, p.to, { class: statusClass(p.annotation), 'data-annotation-id': String(p.annotation.id) }, spec);
    decorationOf.set(p, d);
  }
  return d;
}

/** Inserts into a list kept in listOrder (binary search: the list is long, the insertions few). */
function insertListed(list: ClientAnnotation[], a: ClientAnnotation) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (listOrder(list[mid], a) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, a);
}

export class AnnotationState {
  private decorationSet: DecorationSet | undefined;

  constructor(
    /** The document the positions refer to. */
    readonly doc: PMNode,
    readonly placed: PlacedIndex,
    /** Each placed annotation, by id. */
    readonly byId: ReadonlyMap<number, Placed>,
    /** Annotations not placed in the text (removed by a revision, or not found): listed, never painted. */
    readonly orphans: ReadonlyMap<number, ClientAnnotation>,
    readonly focusedId: number | null,
    readonly change: PaintChange,
    readonly index: TextIndex,
    /** Every annotation, placed or not, in the sidebar's order (listOrder); a new array only when annotations change. */
    readonly list: readonly ClientAnnotation[],
  ) {}

  static create(doc: PMNode, initial: ClientAnnotation[] | ((index: TextIndex) => ClientAnnotation[])): AnnotationState {
    const index = TextIndex.fromDoc(doc);
    const annotations = typeof initial === 'function' ? initial(index) : initial;
    const byId = new Map<number, Placed>();
    const orphans = new Map<number, ClientAnnotation>();
    const items: Placed[] = [];
    for (const a of annotations) {
      const p = place(index, a);
      if (p) {
        byId.set(a.id, p);
        items.push(p);
      } else orphans.set(a.id, a);
    }
    // The server sends them in this order already; TimSort checks that in one pass.
    const list = annotations.slice().sort(listOrder);
    return new AnnotationState(doc, PlacedIndex.of(items), byId, orphans, null, { kind: 'all' }, index, list);
  }

  /** The placed annotations as inline decorations (built on first use: only the fallback painter and tests ask). */
  get decorations(): DecorationSet {
    this.decorationSet ??= DecorationSet.create(this.doc, this.placed.items.map(toDecoration));
    return this.decorationSet;
  }

  apply(tr: Transaction): AnnotationState {
    const action = tr.getMeta(annotationsKey) as AnnotationAction | undefined;
    let state: AnnotationState = this;
    if (tr.docChanged) state = this.mapThrough(tr.mapping, tr.doc);
    return action ? state.perform(action, tr.doc) : state;
  }

  /** Positions mapped through a document change (inline-decoration rules); a passage deleted whole is no longer placed. */
  private mapThrough(mapping: Mapping, doc: PMNode): AnnotationState {
    const byId = new Map<number, Placed>();
    const orphans = new Map(this.orphans);
    const items: Placed[] = [];
    for (const p of this.placed.items) {
      const from = mapping.map(p.from, 1);
      const to = mapping.map(p.to, -1);
      if (from < to) {
        const moved = { from, to, annotation: p.annotation };
        byId.set(p.annotation.id, moved);
        items.push(moved);
      } else orphans.set(p.annotation.id, p.annotation);
    }
    return new AnnotationState(doc, PlacedIndex.of(items), byId, orphans, this.focusedId, { kind: 'all' }, TextIndex.fromDoc(doc), this.list);
  }

  private perform(action: AnnotationAction, doc: PMNode): AnnotationState {
    if (action.type === 'focus') {
      const next = new AnnotationState(this.doc, this.placed, this.byId, this.orphans, action.id, { kind: 'none' }, this.index, this.list);
      next.decorationSet = this.decorationSet;
      return next;
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
    if (incoming.length === 0 && !removeIds.some((id) => this.byId.has(id) || this.orphans.has(id))) return this;
    const byId = new Map(this.byId);
    const orphans = new Map(this.orphans);
    const removed: Placed[] = [];
    const gone = new Set<number>();
    for (const id of removeIds) {
      const old = byId.get(id);
      if (old) {
        removed.push(old);
        byId.delete(id);
        gone.add(id);
      }
      if (orphans.delete(id)) gone.add(id);
    }
    const added: Placed[] = [];
    for (const a of incoming) {
      const p = place(this.index, a);
      if (p) {
        byId.set(a.id, p);
        added.push(p);
      } else orphans.set(a.id, a);
    }
    const list = gone.size ? this.list.filter((a) => !gone.has(a.id)) : this.list.slice();
    for (const a of incoming) insertListed(list, a);
    const focusedId = this.focusedId !== null && byId.has(this.focusedId) ? this.focusedId : null;
    const next = new AnnotationState(doc, this.placed.with(new Set(removed), added), byId, orphans, focusedId, { kind: 'some', added, removed }, this.index, list);
    // Keep the fallback painter's set incremental once it exists.
    // DecorationSet.add/remove null out the entries of the array they are given: pass fresh ones.
    if (this.decorationSet) next.decorationSet = this.decorationSet.remove(removed.map(toDecoration)).add(doc, added.map(toDecoration));
    return next;
  }

  get(id: number): ClientAnnotation | undefined {
    return this.byId.get(id)?.annotation ?? this.orphans.get(id);
  }

  /** Every annotation, placed or not (in list order). */
  all(): ClientAnnotation[] {
    return this.list.slice();
  }

  /** The placed annotations overlapping or touching a range of positions, in position order. */
  between(from: number, to: number): Placed[] {
    return this.placed.between(from, to);
  }

  /** The annotations whose passage covers a document position. */
  at(pos: number): ClientAnnotation[] {
    return this.placed
      .between(pos, pos)
      .filter((p) => p.from <= pos && pos < p.to)
      .map((p) => p.annotation);
  }

  range(id: number): { from: number; to: number } | null {
    const p = this.byId.get(id);
    return p ? { from: p.from, to: p.to } : null;
  }
}

function place(index: TextIndex, a: ClientAnnotation): Placed | null {
  if (isRemoved(a)) return null;
  const anchor = anchorQuote(index, { start: a.start!, end: a.end!, exact: a.exact, prefix: a.prefix, suffix: a.suffix });
  if (!anchor) return null;
  const from = index.posFromOffset(anchor.start, 1);
  const to = index.posFromOffset(anchor.end, -1);
  if (from >= to) return null;
  return { from, to, annotation: a };
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
      init: (_config, state: EditorState) => {
        const started = performance.now();
        const created = AnnotationState.create(state.doc, initial);
        // For the paint benchmark (bench/paint.ts): what hydrating the annotations cost on this page.
        performance.measure('fm:annotations-state', { start: started, end: performance.now(), detail: { annotations: created.list.length } });
        return created;
      },
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
