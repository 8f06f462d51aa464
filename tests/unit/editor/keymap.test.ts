// @vitest-environment jsdom
// The keymap plugin on a real EditorView: a bound key runs its command from anywhere on the page
// and is then handled (default prevented), but never while the reviewer types in a field.
import { afterEach, describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Command } from '@/components/editor/commands';
import { keymapPlugin, type KeyBinding } from '@/components/editor/keymap';
import { docFromText } from '@/lib/import/text';

let view: EditorView | undefined;
afterEach(() => {
  view?.destroy();
  document.body.innerHTML = '';
});

function setup(bindings: KeyBinding[]) {
  const mount = document.createElement('div');
  document.body.append(mount);
  view = new EditorView(mount, { state: EditorState.create({ doc: docFromText('Some text.'), plugins: [keymapPlugin(() => bindings)] }) });
  return view;
}

function press(target: EventTarget, key: string, init: KeyboardEventInit = {}) {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  return e.defaultPrevented;
}

describe('keymap plugin', () => {
  it('runs the bound command for a key pressed on the page or in the view, and prevents its default only when handled', () => {
    const ran: string[] = [];
    const yes: Command = (_s, dispatch) => (dispatch && ran.push('yes'), true);
    const no: Command = () => false;
    const v = setup([
      { key: 'j', command: yes },
      { key: 'k', command: no },
    ]);
    expect(press(document.body, 'j')).toBe(true);
    expect(press(v.dom, 'j')).toBe(true);
    expect(press(document.body, 'k')).toBe(false);
    expect(press(document.body, 'x')).toBe(false);
    expect(press(document.body, 'j', { ctrlKey: true })).toBe(false);
    expect(ran).toEqual(['yes', 'yes']);
  });

  it('does nothing while the reviewer types in an input, a textarea or a select', () => {
    let count = 0;
    setup([{ key: '1', command: (_s, d) => (d && count++, true) }]);
    for (const tag of ['input', 'textarea', 'select']) {
      const field = document.createElement(tag);
      document.body.append(field);
      expect(press(field, '1')).toBe(false);
    }
    expect(count).toBe(0);
  });

  it('keeps page-scoped keys (Enter) away from buttons', () => {
    let count = 0;
    setup([{ key: 'Enter', scope: 'page', command: (_s, d) => (d && count++, true) }]);
    const button = document.createElement('button');
    document.body.append(button);
    expect(press(button, 'Enter')).toBe(false);
    expect(press(document.body, 'Enter')).toBe(true);
    expect(count).toBe(1);
  });

  it('stops listening when the view is destroyed', () => {
    let count = 0;
    const v = setup([{ key: 'j', command: (_s, d) => (d && count++, true) }]);
    v.destroy();
    view = undefined;
    expect(press(document.body, 'j')).toBe(false);
    expect(count).toBe(0);
  });
});
