// Every keyboard shortcut of the article workspace, written once: the keymap is built from this
// table, and the toolbar, hints and aria-keyshortcuts read their keys from it. The verdict keys
// come from lib/annotations/status.ts (STATUS_SHORTCUT).
import { STATUSES, STATUS_LABEL, STATUS_SHORTCUT } from '@/lib/annotations/status';
import { selectUncheckedClaim } from './claims-plugin';
import { dismissPopups, markSelection, moveActive, openActive, openNextToRecheck, type Command, type MarkEnv } from './commands';
import type { KeyBinding } from './keymap';

export interface ShortcutEnv extends MarkEnv {
  /** The annotations j/k walk: document order, as the sidebar's filters show them. */
  order: readonly number[];
  /** The verdicts waiting for a re-check, in the order r walks them. */
  recheck: readonly number[];
}

export interface Shortcut {
  key: string;
  /** What the key does, for hints and tooltips. */
  label: string;
  scope?: KeyBinding['scope'];
  command: (env: ShortcutEnv) => Command;
}

export const RECHECK_KEY = 'r';
export const NEXT_KEY = 'j';
export const PREVIOUS_KEY = 'k';
/** Selects the next unchecked claim's sentence (with Shift: the previous one), ready for 1, 2 or 3. */
export const CLAIM_NEXT_KEY = 'n';
export const CLAIM_PREVIOUS_KEY = 'N';
/** How the claim keys read in hints and tooltips. */
export const CLAIM_KEYS_LABEL = `${CLAIM_NEXT_KEY} / Shift+${CLAIM_NEXT_KEY.toUpperCase()}`;

export const SHORTCUTS: readonly Shortcut[] = [
  ...STATUSES.map((status): Shortcut => ({ key: STATUS_SHORTCUT[status], label: `Mark the selection ${STATUS_LABEL[status]}`, command: (env) => markSelection(status, env) })),
  { key: NEXT_KEY, label: 'Next annotation', command: (env) => moveActive(1, env.order) },
  { key: PREVIOUS_KEY, label: 'Previous annotation', command: (env) => moveActive(-1, env.order) },
  { key: RECHECK_KEY, label: 'Next verdict to re-check', command: (env) => openNextToRecheck(env.recheck) },
  { key: CLAIM_NEXT_KEY, label: 'Select the next unchecked claim', command: () => selectUncheckedClaim(1) },
  { key: CLAIM_PREVIOUS_KEY, label: 'Select the previous unchecked claim', command: () => selectUncheckedClaim(-1) },
  { key: 'Enter', label: 'Open the active annotation', scope: 'page', command: () => openActive },
  { key: 'Escape', label: 'Close the chooser and hover card', command: () => dismissPopups },
];

/** The keymap's bindings for the workspace's current state. */
export function bindShortcuts(env: ShortcutEnv): KeyBinding[] {
  return SHORTCUTS.map((s) => ({ key: s.key, scope: s.scope, command: s.command(env) }));
}
