// Paints the annotations plugin's placed annotations through the CSS Custom Highlight API: one
// `Highlight` per status, one per status for stale verdicts ("needs re-check": the status colour
// kept, drawn dashed), plus one for overlaps and one for the focused annotation, filled with
// StaticRanges (not live Ranges, which the browser would update on every DOM change). With
// thousands of annotations this costs close to painting nothing, where inline decorations cost
// about twice that (../shared/PERFORMANCE.md).
//
// Only the annotations near the viewport (the blocks within a quarter screen of it) are
// registered: Chromium rebuilds the markers of every registered range, and repaints the text under
// them, on each frame that changes anything in the page (a card, a count, the toolbar). With 5,000
// ranges that cost ~24 ms a frame (bench/RESULTS.md), with the ~175 ranges of 1.5 screens each
// side ~7 ms; with none ~2 ms. It grows with the paragraphs that hold a registered range, not with
// the highlight styles (bench/results/paint.md). Scrolling moves the window before each frame; the
// annotations plugin's state still holds them all.
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { STATUSES, type Status } from '@/lib/annotations/status';
import { annotationsKey, isStale, supportsCssHighlights, type AnnotationState, type Placed } from './annotations-plugin';

/** The highlight a status paints with; app/globals.css styles `::highlight(<name>)`. */
export const highlightName = (status: Status, stale = false) => (stale ? `fm-stale-${status}` : `fm-${status}`);
const HIGHLIGHT_NAMES = STATUSES.flatMap((s) => [highlightName(s), highlightName(s, true)]);
/** How far beyond the viewport highlights are kept registered, in viewport heights. */
const MARGIN_SCREENS = 0.25;

class HighlightPainter {
  /** By highlight name: one per status, and one per status for stale verdicts. */
  private readonly byName = new Map<string, Highlight>();
  private readonly pending = new Highlight();
  private readonly overlap = new Highlight();
  private readonly focus = new Highlight();
  /** The ranges registered now (the annotations inside the window), by annotation id. */
  private readonly ranges = new Map<number, { placed: Placed; range: StaticRange }>();
  private window = { from: 0, to: 0 };
  /** Where each top-level block starts, for the document they were read from (scrolling asks every frame). */
  private blockStarts: { doc: EditorState['doc'] | null; starts: number[] } = { doc: null, starts: [] };
  private overlapFrame = 0;
  private overlapTimer: ReturnType<typeof setTimeout> | undefined;
  private scrollFrame = 0;
  private readonly onScroll = () => {
    if (!this.scrollFrame) {
      this.scrollFrame = requestAnimationFrame(() => {
        this.scrollFrame = 0;
        this.refresh(this.state());
      });
    }
  };

  constructor(private readonly view: EditorView) {
    for (const name of HIGHLIGHT_NAMES) {
      const h = new Highlight();
      this.byName.set(name, h);
      CSS.highlights.set(name, h);
    }
    this.overlap.priority = 1;
    this.focus.priority = 2;
    CSS.highlights.set('fm-pending', this.pending);
    CSS.highlights.set('fm-overlap', this.overlap);
    CSS.highlights.set('fm-focus', this.focus);
    window.addEventListener('scroll', this.onScroll, { passive: true });
    window.addEventListener('resize', this.onScroll);
    this.refresh(this.state());
    this.paintFocus(this.state());
    markPainted();
  }

  private state(): AnnotationState {
    return annotationsKey.getState(this.view.state)!;
  }

  update(view: EditorView, prev: EditorState) {
    const next = annotationsKey.getState(view.state)!;
    const before = annotationsKey.getState(prev)!;
    if (next === before) return;
    if (next.change.kind !== 'none') {
      if (next.change.kind === 'some') {
        for (const p of next.change.removed) this.erase(p.annotation.id);
        for (const p of next.change.added) if (p.to >= this.window.from && p.from <= this.window.to) this.paint(p);
      } else if (next.change.kind === 'all') {
        this.clear();
        this.refresh(next);
      }
      this.scheduleOverlap();
    }
    if (next.focusedId !== before.focusedId || next.placed !== before.placed) this.paintFocus(next);
  }

  destroy() {
    cancelAnimationFrame(this.overlapFrame);
    clearTimeout(this.overlapTimer);
    cancelAnimationFrame(this.scrollFrame);
    window.removeEventListener('scroll', this.onScroll);
    window.removeEventListener('resize', this.onScroll);
    for (const name of HIGHLIGHT_NAMES) CSS.highlights.delete(name);
    for (const name of ['fm-pending', 'fm-overlap', 'fm-focus']) CSS.highlights.delete(name);
  }

  /** Document positions of the top-level blocks on screen or within the margin around it. */
  private visibleWindow(): { from: number; to: number } {
    const { doc } = this.view.state;
    if (this.blockStarts.doc !== doc) {
      const starts: number[] = [];
      doc.forEach((_node, offset) => starts.push(offset));
      this.blockStarts = { doc, starts };
    }
    const { starts } = this.blockStarts;
    const margin = window.innerHeight * MARGIN_SCREENS;
    const rectAt = (i: number) => (this.view.nodeDOM(starts[i]) as HTMLElement | null)?.getBoundingClientRect();
    // First block whose bottom is below the window's top; last block whose top is above its bottom.
    const search = (ok: (i: number) => boolean) => {
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ok(mid)) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
    const first = Math.min(starts.length - 1, search((i) => (rectAt(i)?.bottom ?? 0) >= -margin));
    const afterLast = search((i) => (rectAt(i)?.top ?? 0) > window.innerHeight + margin);
    const last = Math.max(first, afterLast - 1);
    return { from: starts[first] ?? 0, to: (starts[last] ?? 0) + (doc.child(last)?.nodeSize ?? 0) };
  }

  /** Registers the annotations inside the current window and drops the ones that left it. */
  private refresh(state: AnnotationState) {
    this.window = this.visibleWindow();
    const wanted = new Map(state.between(this.window.from, this.window.to).map((p) => [p.annotation.id, p]));
    for (const id of [...this.ranges.keys()]) if (!wanted.has(id)) this.erase(id);
    for (const [id, p] of wanted) if (this.ranges.get(id)?.placed !== p) this.paint(p);
    this.scheduleOverlap();
  }

  private rangeFor(from: number, to: number): StaticRange {
    const start = this.view.domAtPos(from, 1);
    const end = this.view.domAtPos(to, -1);
    return new StaticRange({ startContainer: start.node, startOffset: start.offset, endContainer: end.node, endOffset: end.offset });
  }

  private paint(p: Placed) {
    const { annotation } = p;
    const range = this.rangeFor(p.from, p.to);
    this.erase(annotation.id);
    this.ranges.set(annotation.id, { placed: p, range });
    this.byName.get(highlightName(annotation.status, isStale(annotation)))!.add(range);
    if (annotation.pending) this.pending.add(range);
  }

  private erase(id: number) {
    const range = this.ranges.get(id)?.range;
    if (!range) return;
    this.ranges.delete(id);
    for (const h of this.byName.values()) h.delete(range);
    this.pending.delete(range);
  }

  private clear() {
    this.ranges.clear();
    for (const h of this.byName.values()) h.clear();
    this.pending.clear();
  }

  private paintFocus(state: AnnotationState) {
    this.focus.clear();
    const range = state.focusedId === null ? null : state.range(state.focusedId);
    if (range) this.focus.add(this.rangeFor(range.from, range.to));
  }

  // Overlap shading costs a sweep over the window's annotations: draw it after the frame that
  // shows the highlights themselves (a rAF callback runs before that frame's paint; the timeout
  // queued from it runs after).
  private scheduleOverlap() {
    cancelAnimationFrame(this.overlapFrame);
    clearTimeout(this.overlapTimer);
    this.overlapFrame = requestAnimationFrame(() => {
      this.overlapTimer = setTimeout(() => this.paintOverlap());
    });
  }

  /** Regions covered by two or more registered annotations, in one sweep over start/end events. */
  private paintOverlap() {
    this.overlap.clear();
    const events: number[] = [];
    for (const { placed: p } of this.ranges.values()) events.push(p.from * 2 + 1, p.to * 2);
    events.sort((a, b) => a - b);
    let depth = 0;
    let regionStart = -1;
    for (const e of events) {
      const pos = e >> 1;
      depth += e & 1 ? 1 : -1;
      if (depth >= 2 && regionStart < 0) regionStart = pos;
      else if (depth < 2 && regionStart >= 0) {
        if (pos > regionStart) this.overlap.add(this.rangeFor(regionStart, pos));
        regionStart = -1;
      }
    }
  }
}

/**
 * Marks `fm:highlights-painted` once the first frame with the highlights has been drawn
 * (requestAnimationFrame runs before that frame's paint; the timeout after it). The benchmark
 * measures page load → this mark.
 */
export function markPainted() {
  if (typeof performance === 'undefined' || performance.getEntriesByName('fm:highlights-painted').length) return;
  requestAnimationFrame(() => setTimeout(() => performance.mark('fm:highlights-painted')));
}

export const highlightPainterKey = new PluginKey('highlight-painter');

/** Does nothing where `CSS.highlights` is missing: the annotations plugin's decorations paint instead. */
export function highlightPainterPlugin() {
  return new Plugin({
    key: highlightPainterKey,
    view: (view) => {
      if (supportsCssHighlights()) return new HighlightPainter(view);
      // The annotations plugin's decorations were drawn with the view itself.
      markPainted();
      return {};
    },
  });
}
