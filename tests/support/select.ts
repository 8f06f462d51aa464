// Selecting a passage of the article with the mouse, as a reviewer does: press at the first
// character, drag to the last, release — then wait until the page has taken the selection (its
// toolbar shows), as a reviewer's eye does before pressing 1/2/3. Without that wait a loaded
// machine can deliver the key before React has rendered the draft, and the key does nothing.
import type { Page } from 'playwright-core';

export async function dragSelect(page: Page, passage: string) {
  const box = await page.evaluate((text) => {
    // The passage may run across text nodes (emphasis, links): search their concatenation.
    const root = document.querySelector('.ProseMirror')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    let joined = '';
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      nodes.push(n);
      joined += n.data;
    }
    const at = joined.indexOf(text);
    if (at < 0) return null;
    const locate = (offset: number) => {
      let base = 0;
      for (const n of nodes) {
        if (offset < base + n.data.length) return { node: n, offset: offset - base };
        base += n.data.length;
      }
      throw new Error('offset past the text');
    };
    const charRect = (offset: number) => {
      const { node, offset: o } = locate(offset);
      const r = document.createRange();
      r.setStart(node, o);
      r.setEnd(node, o + 1);
      return r.getClientRects()[0];
    };
    locate(at).node.parentElement!.scrollIntoView({ block: 'center' });
    const a = charRect(at);
    const b = charRect(at + text.length - 1);
    return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
  }, passage);
  if (!box) throw new Error(`passage not found in the article: ${passage}`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
  await page.getByTestId('selection-toolbar').waitFor();
}

/** The text painted with a CSS highlight (or decoration) of a status, in document order. */
export function paintedPassages(page: Page, status: string): Promise<string[]> {
  return page.evaluate((s) => {
    const h = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get(`fm-${s}`);
    if (h) {
      return [...h].map((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range.toString();
      });
    }
    return [...document.querySelectorAll(`.fm-${s}`)].map((e) => e.textContent ?? '');
  }, status);
}
