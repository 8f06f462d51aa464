'use client';
// The card shown while the pointer rests on annotated words: who said what, for up to three
// overlapping annotations. Positioned by the workspace; it never takes the pointer.
import { STATUS_LABEL } from '@/lib/annotations/status';
import { ANCHOR_STATE_LABEL } from '@/lib/revisions/types';
import { isStale, type ClientAnnotation } from './editor/annotations-plugin';

const excerpt = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

export function AnnotationHoverCard({ annotations, x, y }: { annotations: ClientAnnotation[]; x: number; y: number }) {
  if (annotations.length === 0) return null;
  return (
    <div className="hover-card" role="tooltip" style={{ left: x, top: y }} data-testid="hover-card">
      {annotations.length > 1 && <div className="small muted">{annotations.length} annotations here — click to choose</div>}
      {annotations.slice(0, 3).map((a) => (
        <div key={a.id} className="hover-item">
          <span className={`status-chip ${a.status}`}>{STATUS_LABEL[a.status]}</span> <strong>{a.author.name}</strong>
          {isStale(a) && <span className="stale-tag small">{ANCHOR_STATE_LABEL.changed}</span>}
          {a.note && (
            <div className="small" dir="auto">
              {excerpt(a.note, 120)}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
