// The annotation UI plugin: what the reviewer points at (hover), has clicked where passages
// overlap (the chooser), has opened (the details panel) and has reached with j/k (the active
// card). Like the collab example's comment UI, it reads the annotations plugin and never changes
// it; every change arrives as `tr.setMeta(annotationUiKey, action)`. React draws the hover card,
// chooser and details from snapshots of this state, outside the contenteditable.
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { annotationsKey, type AnnotationAction } from './annotations-plugin';

/** Annotations under the pointer, with the pointer's viewport coordinates. */
export interface HoverTarget {
  ids: number[];
  clientX: number;
  clientY: number;
}

/** Overlapping annotations at a clicked document position, for the reviewer to pick one. */
export interface ChooserTarget {
  ids: number[];
  pos: number;
}

export type AnnotationUiAction =
  /** Open the details of an annotation; it becomes the active card too. */
  | { type: 'open'; id: number; reveal?: boolean }
  /** Move the sidebar's cursor (j/k) without opening. */
  | { type: 'activate'; id: number; reveal?: boolean }
  | { type: 'close' }
  | { type: 'hover'; target: HoverTarget | null }
  | { type: 'choose'; target: ChooserTarget | null }
  /** Escape: close the chooser and the hover card. */
  | { type: 'dismiss' };

export const annotationUiKey = new PluginKey<AnnotationUiState>('annotation-ui');

/** How long a revealed passage stays flashed, in ms. */
const FLASH_MS = 1800;

export class AnnotationUiState {
  constructor(
    readonly openId: number | null,
    readonly activeId: number | null,
    readonly hover: HoverTarget | null,
    readonly chooser: ChooserTarget | null,
    /** Bumped each time an action asks to scroll to and flash `revealId`. */
    readonly revealSeq: number,
    readonly revealId: number | null,
  ) {}

  static readonly empty = new AnnotationUiState(null, null, null, null, 0, null);

  apply(tr: Transaction): AnnotationUiState {
    let state: AnnotationUiState = this;
    const data = tr.getMeta(annotationsKey) as AnnotationAction | undefined;
    if (data) state = state.follow(data);
    const action = tr.getMeta(annotationUiKey) as AnnotationUiAction | undefined;
    return action ? state.perform(action) : state;
  }

  private with(patch: Partial<AnnotationUiState>): AnnotationUiState {
    const n = { ...this, ...patch };
    return new AnnotationUiState(n.openId, n.activeId, n.hover, n.chooser, n.revealSeq, n.revealId);
  }

  /**
   * Keeps ids pointing at live annotations: a saved one replaces its optimistic copy, a removed one
   * closes. The hover card and the chooser follow too: a save that lands while the reviewer is
   * choosing between overlapping passages must not take its passage out of the chooser.
   */
  private follow(action: AnnotationAction): AnnotationUiState {
    const swap = (id: number | null) => {
      if (id === null) return null;
      if (action.type === 'replace' && action.id === id) return action.annotation.id;
      if (action.type === 'remove' && action.ids.includes(id)) return null;
      return id;
    };
    const swapAll = <T extends { ids: number[] }>(target: T | null): T | null => {
      if (target === null) return null;
      const ids = target.ids.map(swap).filter((id): id is number => id !== null);
      if (ids.length === 0) return null;
      return sameIds(ids, target.ids) ? target : { ...target, ids };
    };
    const openId = swap(this.openId);
    const activeId = swap(this.activeId);
    const hover = swapAll(this.hover);
    const chooser = swapAll(this.chooser);
    if (openId === this.openId && activeId === this.activeId && hover === this.hover && chooser === this.chooser) return this;
    return this.with({ openId, activeId, hover, chooser });
  }

  private perform(action: AnnotationUiAction): AnnotationUiState {
    switch (action.type) {
      case 'open':
      case 'activate': {
        const reveal = action.reveal ? { revealSeq: this.revealSeq + 1, revealId: action.id } : {};
        return this.with({ ...(action.type === 'open' ? { openId: action.id, chooser: null } : {}), activeId: action.id, ...reveal });
      }
      case 'close':
        return this.openId === null ? this : this.with({ openId: null });
      case 'hover':
        if (sameIds(this.hover?.ids, action.target?.ids)) return this;
        return this.with({ hover: action.target });
      case 'choose':
        if (action.target === null && this.chooser === null) return this;
        return this.with({ chooser: action.target });
      case 'dismiss':
        return this.hover === null && this.chooser === null ? this : this.with({ hover: null, chooser: null });
    }
  }
}

function sameIds(a: number[] | undefined, b: number[] | undefined) {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export function dispatchUi(view: { state: EditorState; dispatch: (tr: Transaction) => void }, action: AnnotationUiAction) {
  view.dispatch(view.state.tr.setMeta(annotationUiKey, action));
}

/**
 * A transaction that opens (or activates) an annotation, scrolls to it and flashes it: the flash
 * is the annotations plugin's focus, set in the same transaction.
 */
export function revealTr(state: EditorState, id: number, open: boolean): Transaction {
  return state.tr.setMeta(annotationUiKey, { type: open ? 'open' : 'activate', id, reveal: true }).setMeta(annotationsKey, { type: 'focus', id });
}

/** Scrolls the window to a revealed annotation and ends its flash after a moment. */
class RevealView {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly view: EditorView) {}

  update(view: EditorView, prev: EditorState) {
    const ui = annotationUiKey.getState(view.state)!;
    if (ui.revealSeq === annotationUiKey.getState(prev)!.revealSeq || ui.revealId === null) return;
    const id = ui.revealId;
    const range = annotationsKey.getState(view.state)!.range(id);
    if (range) {
      const coords = view.coordsAtPos(range.from);
      window.scrollTo({ top: Math.max(0, window.scrollY + coords.top - window.innerHeight / 3), behavior: 'smooth' });
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (annotationsKey.getState(this.view.state)!.focusedId === id) this.view.dispatch(this.view.state.tr.setMeta(annotationsKey, { type: 'focus', id: null }));
    }, FLASH_MS);
  }

  destroy() {
    clearTimeout(this.timer);
  }
}

export function annotationUiPlugin() {
  let hoverFrame = 0;
  return new Plugin<AnnotationUiState>({
    key: annotationUiKey,
    state: {
      init: () => AnnotationUiState.empty,
      apply: (tr, value) => value.apply(tr),
    },
    view: (view) => {
      const reveal = new RevealView(view);
      return {
        update: (v, prev) => reveal.update(v, prev),
        destroy: () => {
          cancelAnimationFrame(hoverFrame);
          reveal.destroy();
        },
      };
    },
    props: {
      // A click on one annotation opens it; on overlapping ones offers the chooser. The click
      // still reaches ProseMirror (false), so it places the caret as usual.
      handleClick(view, pos) {
        if (!view.state.selection.empty) return false;
        const here = annotationsKey.getState(view.state)!.at(pos);
        if (here.length === 1) view.dispatch(revealTr(view.state, here[0].id, true));
        else if (here.length > 1) dispatchUi(view, { type: 'choose', target: { ids: here.map((a) => a.id), pos } });
        else if (annotationUiKey.getState(view.state)!.chooser) dispatchUi(view, { type: 'choose', target: null });
        return false;
      },
      handleDOMEvents: {
        // Hit-testing goes through posAtCoords once a frame (CSS highlights have no DOM to hover).
        mousemove(view, event) {
          cancelAnimationFrame(hoverFrame);
          // A reviewer dragging out a selection is not pointing at a passage to read about it.
          if (event.buttons !== 0) return false;
          const { clientX, clientY } = event;
          hoverFrame = requestAnimationFrame(() => {
            const found = view.posAtCoords({ left: clientX, top: clientY });
            const ids = found ? annotationsKey.getState(view.state)!.at(found.pos).map((a) => a.id) : [];
            const shown = annotationUiKey.getState(view.state)!.hover;
            if (ids.length ? sameIds(shown?.ids, ids) : shown === null) return;
            dispatchUi(view, { type: 'hover', target: ids.length ? { ids, clientX, clientY } : null });
          });
          return false;
        },
        mouseleave(view) {
          cancelAnimationFrame(hoverFrame);
          if (annotationUiKey.getState(view.state)!.hover) dispatchUi(view, { type: 'hover', target: null });
          return false;
        },
      },
    },
  });
}
