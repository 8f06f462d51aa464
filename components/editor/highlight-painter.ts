// Paints the annotations plugin's decorations through the CSS Custom Highlight API: one
// `Highlight` per status plus one for overlaps and one for the focused annotation, filled with
// StaticRanges (not live Ranges, which the browser would update on every DOM change). With
// thousands of annotations this costs close to painting nothing, where inline decorations cost
// about twice that (../shared/PERFORMANCE.md). Adding one annotation adds one range.
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import type { Decoration, EditorView } from 'prosemirror-view';
import { STATUSES, type Status } from '@/lib/annotations/status';
import { annotationsKey, supportsCssHighlights, type AnnotationSpec, type AnnotationState } from './annotations-plugin';

const highlightName = (status: Status) => `fm-${status}`;

class HighlightPainter {
  private readonly byStatus = new Map<Status, Highlight>();
  private readonly pending = new Highlight();
  private readonly overlap = new Highlight();
  private readonly focus = new Highlight();
  private readonly ranges = new Map<Decoration, StaticRange>();
  private overlapFrame = 0;

  constructor(private readonly view: EditorView) {
    for (const status of STATUSES) {
      const h = new Highlight();
      this.byStatus.set(status, h);
      CSS.highlights.set(highlightName(status), h);
    }
    this.overlap.priority = 1;
    this.focus.priority = 2;
    CSS.highlights.set('fm-pending', this.pending);
    CSS.highlights.set('fm-overlap', this.overlap);
    CSS.highlights.set('fm-focus', this.focus);
    this.paintAll(annotationsKey.getState(view.state)!);
    markPainted();
  }

  update(view: EditorView, prev: EditorState) {
    const next = annotationsKey.getState(view.state)!;
    const before = annotationsKey.getState(prev)!;
    if (next === before) return;
    if (next.decorations !== before.decorations) {
      if (next.change.kind === 'some') {
        for (const d of next.change.removed) this.erase(d);
        for (const d of next.change.added) this.paint(d);
      } else if (next.change.kind === 'all') {
        this.paintAll(next);
      }
      this.scheduleOverlap(next);
    }
    if (next.focusedId !== before.focusedId || next.decorations !== before.decorations) this.paintFocus(next);
  }

  destroy() {
    cancelAnimationFrame(this.overlapFrame);
    for (const status of STATUSES) CSS.highlights.delete(highlightName(status));
    for (const name of ['fm-pending', 'fm-overlap', 'fm-focus']) CSS.highlights.delete(name);
  }

  private rangeFor(from: number, to: number): StaticRange {
    const start = this.view.domAtPos(from, 1);
    const end = this.view.domAtPos(to, -1);
    return new StaticRange({ startContainer: start.node, startOffset: start.offset, endContainer: end.node, endOffset: end.offset });
  }

  private paint(d: Decoration) {
    const { annotation } = d.spec as AnnotationSpec;
    const range = this.rangeFor(d.from, d.to);
    this.ranges.set(d, range);
    this.byStatus.get(annotation.status)!.add(range);
    if (annotation.pending) this.pending.add(range);
  }

  private erase(d: Decoration) {
    const range = this.ranges.get(d);
    if (!range) return;
    this.ranges.delete(d);
    for (const h of this.byStatus.values()) h.delete(range);
    this.pending.delete(range);
  }

  private paintAll(state: AnnotationState) {
    this.ranges.clear();
    for (const h of this.byStatus.values()) h.clear();
    this.pending.clear();
    for (const d of state.decorations.find()) this.paint(d);
    this.scheduleOverlap(state);
    this.paintFocus(state);
  }

  private paintFocus(state: AnnotationState) {
    this.focus.clear();
    const range = state.focusedId === null ? null : state.range(state.focusedId);
    if (range) this.focus.add(this.rangeFor(range.from, range.to));
  }

  // Overlap shading costs a sweep over every annotation: draw it in the frame after the one that
  // shows the highlights themselves.
  private scheduleOverlap(state: AnnotationState) {
    cancelAnimationFrame(this.overlapFrame);
    this.overlapFrame = requestAnimationFrame(() => this.paintOverlap(annotationsKey.getState(this.view.state) ?? state));
  }

  /** Regions covered by two or more annotations, in one sweep over start/end events. */
  private paintOverlap(state: AnnotationState) {
    this.overlap.clear();
    const events: number[] = [];
    for (const d of state.decorations.find()) events.push(d.from * 2 + 1, d.to * 2);
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
 * Marks `fm:highlights-painted` once the first frame with every highlight has been drawn
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
      // Decorations were drawn with the view itself.
      markPainted();
      return {};
    },
  });
}
