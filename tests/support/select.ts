// Selecting a passage of the article with the mouse, as a reviewer does: press at the first
// character, drag to the last, release.
import type { Page } from 'playwright-core';

export async function dragSelect(page: Page, passage: string) {
  const box = await page.evaluate((text) => {
    const root = document.querySelector('.ProseMirror')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const i = n.data.indexOf(text);
      if (i < 0) continue;
      const first = document.createRange();
      first.setStart(n, i);
      first.setEnd(n, i + 1);
      first.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const a = first.getClientRects()[0];
      const last = document.createRange();
      last.setStart(n, i + text.length - 1);
      last.setEnd(n, i + text.length);
      const b = last.getClientRects()[0];
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
    }
    return null;
  }, passage);
  if (!box) throw new Error(`passage not found in the article: ${passage}`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
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
