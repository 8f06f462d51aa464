'use client';
// The small toolbar beside a selection: one button per verdict, with its keyboard shortcut. Which
// buttons are enabled is the mark command's own answer to "could I?" (components/editor/commands.ts).
import { STATUSES, STATUS_LABEL, STATUS_SHORTCUT, type Status } from '@/lib/annotations/status';

interface Props {
  x: number;
  y: number;
  canMark: (status: Status) => boolean;
  onMark: (status: Status) => void;
}

export function SelectionToolbar({ x, y, canMark, onMark }: Props) {
  return (
    <div className="selection-toolbar" role="toolbar" aria-label="Mark the selected passage" style={{ left: x, top: y }} data-testid="selection-toolbar">
      {STATUSES.map((status) => (
        <button
          key={status}
          type="button"
          className={`mark-button ${status}`}
          disabled={!canMark(status)}
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
