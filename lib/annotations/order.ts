// Document order for annotations: by start, then end, then id — the order of the API, the
// sidebar and every report. The list the workspace shows puts the verdicts a revision removed
// (no place in the text) after all the others, by id.
import type { AnnotationDto } from './types';

export function byDocumentOrder(a: { start: number; end: number; id: number }, b: { start: number; end: number; id: number }): number {
  return a.start - b.start || a.end - b.end || a.id - b.id;
}

/** A verdict whose passage a revision removed: listed with its old quote, never painted. */
export const isRemoved = (a: Pick<AnnotationDto, 'start' | 'end'> & { anchor?: Pick<AnnotationDto['anchor'], 'state'> }) =>
  a.anchor?.state === 'removed' || a.start === null || a.end === null;

type Listed = Pick<AnnotationDto, 'id' | 'start' | 'end'> & { anchor?: Pick<AnnotationDto['anchor'], 'state'> };

/** The workspace's list order: annotations in the text in document order, then removed ones by id. */
export function listOrder(a: Listed, b: Listed): number {
  const ra = isRemoved(a);
  const rb = isRemoved(b);
  if (ra || rb) return ra === rb ? a.id - b.id : ra ? 1 : -1;
  return byDocumentOrder(a as { start: number; end: number; id: number }, b as { start: number; end: number; id: number });
}
