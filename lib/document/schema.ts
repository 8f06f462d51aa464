// The ProseMirror schema every article is stored in: the block and inline structure a news
// article needs (paragraphs, headings, quotes, lists, tables, figures with captions, emphasis,
// links) and nothing more. Table cells and captions are textblocks, so they are canonical text
// (lib/document/canonical-text.ts); an image is a leaf whose alt text is not.
import { Schema, type DOMOutputSpec, type NodeSpec, type MarkSpec, type TagParseRule } from 'prosemirror-model';
import { tableNodes } from 'prosemirror-tables';

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  paragraph: {
    content: 'inline*',
    group: 'block',
    parseDOM: [{ tag: 'p' }],
    toDOM: (): DOMOutputSpec => ['p', 0],
  },
  heading: {
    attrs: { level: { default: 2 } },
    content: 'inline*',
    group: 'block',
    defining: true,
    parseDOM: [1, 2, 3, 4, 5, 6].map((level) => ({ tag: `h${level}`, attrs: { level: Math.min(Math.max(level, 2), 4) } })),
    toDOM: (node): DOMOutputSpec => [`h${node.attrs.level}`, 0],
  },
  blockquote: {
    content: 'block+',
    group: 'block',
    defining: true,
    parseDOM: [{ tag: 'blockquote' }],
    toDOM: (): DOMOutputSpec => ['blockquote', 0],
  },
  bullet_list: {
    content: 'list_item+',
    group: 'block',
    parseDOM: [{ tag: 'ul' }],
    toDOM: (): DOMOutputSpec => ['ul', 0],
  },
  ordered_list: {
    attrs: { order: { default: 1 } },
    content: 'list_item+',
    group: 'block',
    parseDOM: [
      {
        tag: 'ol',
        getAttrs: (dom) => ({ order: (dom as HTMLElement).hasAttribute('start') ? Number((dom as HTMLElement).getAttribute('start')) || 1 : 1 }),
      },
    ],
    toDOM: (node): DOMOutputSpec => (node.attrs.order === 1 ? ['ol', 0] : ['ol', { start: node.attrs.order }, 0]),
  },
  list_item: {
    content: 'paragraph block*',
    defining: true,
    parseDOM: [{ tag: 'li' }],
    toDOM: (): DOMOutputSpec => ['li', 0],
  },
  text: { group: 'inline' },
  hard_break: {
    inline: true,
    group: 'inline',
    selectable: false,
    leafText: () => '\n',
    parseDOM: [{ tag: 'br' }],
    toDOM: (): DOMOutputSpec => ['br'],
  },
};

/** HTML's own bounds for colspan (1–1000) and rowspan (1–65534); anything else becomes 1. */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65_534;

function spanAttr(dom: HTMLElement, name: 'colspan' | 'rowspan', max: number): number {
  const value = Number.parseInt(dom.getAttribute(name) ?? '', 10);
  return Number.isFinite(value) && value >= 1 ? Math.min(value, max) : 1;
}

/** A cell's attributes from the DOM, always valid numbers (prosemirror-tables' own reader keeps NaN). */
function cellRule(tag: 'td' | 'th'): TagParseRule {
  return { tag, getAttrs: (dom) => ({ colspan: spanAttr(dom, 'colspan', MAX_COLSPAN), rowspan: spanAttr(dom, 'rowspan', MAX_ROWSPAN), colwidth: null }) };
}

const tables = tableNodes({ tableGroup: 'block', cellContent: 'block+', cellAttributes: {} });

/** An absolute http(s) URL, or null: an image is never loaded from data:, javascript: or a relative address. */
export function imageSrc(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const richNodes: Record<string, NodeSpec> = {
  table: tables.table,
  table_row: tables.table_row,
  table_cell: { ...tables.table_cell, parseDOM: [cellRule('td')] },
  table_header: { ...tables.table_header, parseDOM: [cellRule('th')] },
  figure: {
    content: 'image? figcaption?',
    group: 'block',
    defining: true,
    parseDOM: [{ tag: 'figure' }],
    toDOM: (): DOMOutputSpec => ['figure', 0],
  },
  image: {
    attrs: { src: { default: null }, alt: { default: '' }, title: { default: null } },
    atom: true,
    selectable: false,
    parseDOM: [
      {
        tag: 'img',
        getAttrs: (dom) => ({ src: imageSrc(dom.getAttribute('src')), alt: dom.getAttribute('alt') ?? '', title: dom.getAttribute('title') || null }),
      },
    ],
    // The view replaces this with components/editor/image-view.ts (alt text when the image fails).
    toDOM: (node): DOMOutputSpec =>
      node.attrs.src
        ? ['img', { src: node.attrs.src, alt: node.attrs.alt, title: node.attrs.title, loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' }]
        : ['span', { class: 'image-alt', role: 'img', 'aria-label': node.attrs.alt || 'Image' }, node.attrs.alt],
  },
  figcaption: {
    content: 'inline*',
    defining: true,
    parseDOM: [{ tag: 'figcaption' }],
    toDOM: (): DOMOutputSpec => ['figcaption', 0],
  },
};

const SAFE_HREF = /^(https?:|mailto:)/i;

const marks: Record<string, MarkSpec> = {
  link: {
    attrs: { href: {}, title: { default: null } },
    inclusive: false,
    parseDOM: [
      {
        tag: 'a[href]',
        getAttrs: (dom) => {
          const href = (dom as HTMLElement).getAttribute('href') ?? '';
          // Links that are not web or mail links keep their text and lose the link.
          if (!SAFE_HREF.test(href.trim())) return false;
          return { href: href.trim(), title: (dom as HTMLElement).getAttribute('title') };
        },
      },
    ],
    toDOM: (mark): DOMOutputSpec => [
      'a',
      { href: SAFE_HREF.test(mark.attrs.href) ? mark.attrs.href : '#', title: mark.attrs.title, rel: 'noopener noreferrer nofollow', target: '_blank' },
      0,
    ],
  },
  em: {
    parseDOM: [{ tag: 'i' }, { tag: 'em' }, { style: 'font-style=italic' }],
    toDOM: (): DOMOutputSpec => ['em', 0],
  },
  strong: {
    parseDOM: [{ tag: 'strong' }, { tag: 'b', getAttrs: (dom) => (dom as HTMLElement).style.fontWeight !== 'normal' && null }],
    toDOM: (): DOMOutputSpec => ['strong', 0],
  },
};

export const articleSchema = new Schema({ nodes: { ...nodes, ...richNodes }, marks });
