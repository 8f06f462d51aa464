// Document order for annotations: by start, then end, then id — the order of the API, the
// sidebar and every report.
export function byDocumentOrder(a: { start: number; end: number; id: number }, b: { start: number; end: number; id: number }): number {
  return a.start - b.start || a.end - b.end || a.id - b.id;
}
