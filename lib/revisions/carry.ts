// CONTRACT (implementation pending): carries annotations from one canonical text to the next.
import type { AnchorState } from './types';

export interface CarryPassage {
  id: number;
  /** Code-point offsets into the old canonical text. */
  start: number;
  end: number;
}

export interface CarryOutcome {
  id: number;
  state: AnchorState;
  /** Code-point offsets into the new canonical text; null when removed. */
  start: number | null;
  end: number | null;
}

export interface CarryResult {
  outcomes: CarryOutcome[];
}

export function carryAnnotations(_oldText: string, _newText: string, _passages: CarryPassage[]): CarryResult {
  throw new Error('not implemented');
}
