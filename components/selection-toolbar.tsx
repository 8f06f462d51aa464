'use client';
// The small toolbar beside a selection: one button per verdict, with its keyboard shortcut.
import { STATUSES, STATUS_LABEL, STATUS_SHORTCUT, type Status } from '@/lib/annotations/status';

export function SelectionToolbar({ x, y, onMark }: { x: number; y: number; onMark: (status: Status) => void }) {
  return (
    <div className="selection-toolbar" role="toolbar" aria-label="Mark the selected passage" style={{ left: x, top: y }} data-testid="selection-toolbar">
      {STATUSES.map((status) => (
        <button
          key={status}
          type="button"
          className={`mark-button ${status}`}
          // Keep the text selection: a mousedown on a button would otherwise clear it.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onMark(status)}
          aria-keyshortcuts={STATUS_SHORTCUT[status]}
        >
          <span className={`status-chip ${status}`}>{STATUS_LABEL[status]}</span>
          <kbd>{STATUS_SHORTCUT[status]}</kbd>
        </button>
      ))}
    </div>
  );
}
