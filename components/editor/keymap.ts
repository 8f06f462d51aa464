// A keymap plugin for single-key shortcuts (prosemirror-keymap is not a dependency, and these keys
// must work with the focus anywhere on the page, not only in the view): one document-level
// keydown listener for the view's lifetime that runs the bound command and, when the command
// handled the key, prevents its default. Keys never fire while the reviewer types in a field.
import { Plugin, PluginKey } from 'prosemirror-state';
import type { Command } from './commands';

export interface KeyBinding {
  /** `KeyboardEvent.key` ('j', '1', 'Enter'); bindings never take Ctrl, Alt or Meta. */
  key: string;
  command: Command;
  /** 'page': only when the focus is on the page itself or a listbox (Enter would otherwise activate a button). */
  scope?: 'page';
}

export const keymapKey = new PluginKey('keymap');

/** True when a key pressed with this target is the reviewer typing, not a shortcut. */
export function isTyping(target: EventTarget | null, viewDom: Element): boolean {
  if (!(target instanceof Element)) return false;
  const field = target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])');
  return field !== null && field !== viewDom;
}

/** `bindings` is read at each key press, so commands see the workspace's current filters and callbacks. */
export function keymapPlugin(bindings: () => readonly KeyBinding[]) {
  return new Plugin({
    key: keymapKey,
    view(view) {
      const doc = view.dom.ownerDocument;
      const onKey = (e: KeyboardEvent) => {
        if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target, view.dom)) return;
        const binding = bindings().find((b) => b.key === e.key);
        if (!binding) return;
        if (binding.scope === 'page') {
          const t = e.target as Element | null;
          if (!(t === doc.body || t?.getAttribute('role') === 'listbox')) return;
        }
        if (binding.command(view.state, view.dispatch, view)) e.preventDefault();
      };
      doc.addEventListener('keydown', onKey);
      return { destroy: () => doc.removeEventListener('keydown', onKey) };
    },
  });
}
