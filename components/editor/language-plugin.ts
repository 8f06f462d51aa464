// The article's language and base direction on the view's root: the browser then lays out a
// right-to-left article from the right, and cells and captions inherit it. Selections and
// highlights need nothing more: they work by canonical offsets, in logical order.
import { Plugin } from 'prosemirror-state';
import type { TextDirection } from '@/lib/document/direction';

export function languagePlugin({ lang, dir }: { lang: string | null; dir: TextDirection }) {
  return new Plugin({ props: { attributes: lang ? { dir, lang } : { dir } } });
}
