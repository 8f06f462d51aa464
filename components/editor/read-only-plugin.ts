// Keeps the article text unchangeable while leaving the view focusable, so reviewers can select
// with the keyboard (shift + arrows) as well as the mouse. Every document change is refused.
import { Plugin } from 'prosemirror-state';

export function readOnlyPlugin() {
  return new Plugin({
    filterTransaction: (tr) => !tr.docChanged,
    props: {
      handleTextInput: () => true,
      handlePaste: () => true,
      handleDrop: () => true,
      attributes: { spellcheck: 'false', 'aria-readonly': 'true', autocorrect: 'off', autocapitalize: 'off', translate: 'no' },
    },
  });
}
