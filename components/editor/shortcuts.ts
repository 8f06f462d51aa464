// Every keyboard shortcut of the article workspace, written once: the keymap is built from this
// table, and the toolbar, hints and aria-keyshortcuts read their keys from it. The verdict keys
// come from lib/annotations/status.ts (STATUS_SHORTCUT).
import { STATUSES, STATUS_LABEL, STATUS_SHORTCUT } from '@/lib/annotations/status';
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

export const SHORTCUTS: readonly Shortcut[] = [
  ...STATUSES.map((status): Shortcut => ({ key: STATUS_SHORTCUT[status], label: `Mark the selection ${STATUS_LABEL[status]}`, command: (env) => markSelection(status, env) })),
  { key: NEXT_KEY, label: 'Next annotation', command: (env) => moveActive(1, env.order) },
  { key: PREVIOUS_KEY, label: 'Previous annotation', command: (env) => moveActive(-1, env.order) },
  { key: RECHECK_KEY, label: 'Next verdict to re-check', command: (env) => openNextToRecheck(env.recheck) },
  { key: 'Enter', label: 'Open the active annotation', scope: 'page', command: () => openActive },
  { key: 'Escape', label: 'Close the chooser and hover card', command: () => dismissPopups },
];

/** The keymap's bindings for the workspace's current state. */
export function bindShortcuts(env: ShortcutEnv): KeyBinding[] {
  return SHORTCUTS.map((s) => ({ key: s.key, scope: s.scope, command: s.command(env) }));
}
