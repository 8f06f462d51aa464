// Keeps the article text unchangeable while leaving the view focusable, so reviewers can select
// with the keyboard (shift + arrows) as well as the mouse. Every document change is refused.
// To assistive technology it is a read-only multi-line text box: `aria-readonly` is only allowed
// on a role that takes it (axe reports it as critical on a bare contenteditable).
import { Plugin } from 'prosemirror-state';

export function readOnlyPlugin() {
  return new Plugin({
    filterTransaction: (tr) => !tr.docChanged,
    props: {
      handleTextInput: () => true,
      handlePaste: () => true,
      handleDrop: () => true,
      attributes: { spellcheck: 'false', role: 'textbox', 'aria-multiline': 'true', 'aria-readonly': 'true', autocorrect: 'off', autocapitalize: 'off', translate: 'no' },
    },
  });
}
