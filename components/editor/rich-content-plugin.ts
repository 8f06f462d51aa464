// How the read-only view draws an article's tables and images. A table sits in a wrapper that
// scrolls sideways when it is wider than the column (the page keeps its width; the wrapper is
// inside the focusable article text, so the keyboard reaches it too). An image is loaded only
// from an http(s) address, lazily, without a referrer, and shows its alt text when it cannot be
// loaded. Cells and captions stay ordinary textblocks: selection and highlights work in them as
// in paragraphs.
import { Plugin, PluginKey } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import type { EditorView, NodeView } from 'prosemirror-view';
import { imageSrc } from '@/lib/document/schema';

class TableView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement;

  constructor(
    private node: PMNode,
    view: EditorView,
  ) {
    this.dom = document.createElement('div');
    this.dom.className = 'table-scroll';
    // A region that scrolls must be reachable by keyboard. Inside the editable (read-only by
    // transaction filter) view the caret reaches it and scrolls it, but assistive checks (axe:
    // scrollable-region-focusable) only count a region that says it is editable itself. A tabindex
    // instead would take focus from the view on a click in the table, and with it the selection.
    if (view.editable) this.dom.contentEditable = 'true';
    const table = this.dom.appendChild(document.createElement('table'));
    this.contentDOM = table.appendChild(document.createElement('tbody'));
  }

  update(node: PMNode) {
    if (node.type !== this.node.type) return false;
    this.node = node;
    return true;
  }
}

class ImageView implements NodeView {
  readonly dom: HTMLElement;

  constructor(node: PMNode) {
    this.dom = document.createElement('div');
    this.dom.className = 'figure-image';
    const src = imageSrc(node.attrs.src as string | null);
    const alt = String(node.attrs.alt ?? '');
    if (!src) {
      this.showAlt(alt);
      return;
    }
    const img = document.createElement('img');
    // Listening before the address is set: a cached failure may be reported at once.
    img.addEventListener('error', () => this.showAlt(alt), { once: true });
    img.alt = alt;
    if (node.attrs.title) img.title = String(node.attrs.title);
    img.loading = 'lazy';
    img.decoding = 'async';
    img.referrerPolicy = 'no-referrer';
    img.src = src;
    this.dom.append(img);
  }

  /** In place of an image that cannot be shown: its alt text, or nothing for a decorative one (alt ""). */
  private showAlt(alt: string) {
    this.dom.replaceChildren();
    this.dom.classList.add('image-failed');
    if (!alt) return;
    const text = document.createElement('span');
    text.className = 'image-alt';
    text.textContent = alt;
    this.dom.append(text);
  }

  // The swap to alt text is the view's own doing, not an edit of the document.
  ignoreMutation() {
    return true;
  }
}

export const richContentKey = new PluginKey('rich-content');

export function richContentPlugin() {
  return new Plugin({
    key: richContentKey,
    props: {
      nodeViews: {
        table: (node, view) => new TableView(node, view),
        image: (node) => new ImageView(node),
      },
    },
  });
}
