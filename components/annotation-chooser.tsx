'use client';
// The menu offered where annotations overlap: one item per annotation at the clicked spot.
import { STATUS_LABEL } from '@/lib/annotations/status';
import type { ClientAnnotation } from './editor/annotations-plugin';

const excerpt = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

export function AnnotationChooser({ annotations, x, y, onPick }: { annotations: ClientAnnotation[]; x: number; y: number; onPick: (id: number) => void }) {
  if (annotations.length === 0) return null;
  return (
    <div className="chooser" role="menu" aria-label="Annotations at this spot" style={{ left: x, top: y }} data-testid="chooser">
      {annotations.map((a) => (
        <button key={a.id} type="button" role="menuitem" onClick={() => onPick(a.id)}>
          <span className={`status-chip ${a.status}`}>{STATUS_LABEL[a.status]}</span> {a.author.name}: <bdi>“{excerpt(a.exact, 50)}”</bdi>
        </button>
      ))}
    </div>
  );
}
