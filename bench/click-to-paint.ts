// A new annotation, from the click on a toolbar button to the frame that shows it. For each
// passage: select it with a DOM Range (the toolbar appears), then in one page.evaluate take
// t0 = performance.now(), call button.click(), await requestAnimationFrame and then setTimeout(0)
// (that timer runs after the frame's style, layout and paint), take t1. Also the end of that
// frame itself: a user-blocking task posted in it runs right after its paint, where the timer
// also waits for ordinary tasks queued before it (work the app deferred past the frame). The
// click comes a random 0–16.7 ms after the page settled, so the wait for the next frame is what a
// real click would see. The save request the click starts is awaited after t1, so its round trip
// is not in the number.
import type { Browser, Page } from 'playwright-core';
import { signedInContext } from './browser';
import type { Status } from '../lib/annotations/status';

export interface ClickPassage {
  /** Index of the block (paragraph or heading) in the article view. */
  block: number;
  /** UTF-16 offsets inside that block's text. */
  from: number;
  to: number;
  exact: string;
  status: Status;
  /** Delay (ms) after the page settles before the click, so clicks land at random moments between frames. */
  phase: number;
}

export interface ClickSample {
  label: string;
  /** t1 − t0: click → a setTimeout(0) queued in the first frame that has the new highlight (runs after it, and after any task queued before it). */
  total: number;
  /** Click → a user-blocking task queued in that frame: the end of the frame's paint, before tasks the click deferred (NaN without scheduler.postTask). */
  toFrameEnd: number;
  /** button.click() itself: React's handler, the ProseMirror transaction, the painter's update. */
  handler: number;
  /** Microtasks after the click (React renders and commits the state change there). */
  microtasks: number;
  /** From then to the start of the next frame: idle time waiting for it (or unrelated tasks). */
  waitForFrame: number;
  /** requestAnimationFrame callbacks the click scheduled (the app's overlap sweep). */
  rafCallbacks: number;
  /** The rest of the frame: style, layout, paint, until the timer after it runs. */
  renderAndPaint: number;
  /** Ranges in the status highlight before and after (after = before + 1 unless other ranges moved too). */
  highlightsBefore: number;
  highlightsAfter: number;
}

const LABEL: Record<Status, string> = { verified: 'Verified', disputed: 'Disputed', needs_source: 'Needs source' };

/** Resolves after the page has drawn `frames` frames with the scroll position unchanged. */
function settle(page: Page, frames = 3): Promise<void> {
  return page.evaluate(async (wanted) => {
    let still = 0;
    let last = scrollY;
    for (let i = 0; i < 120 && still < wanted; i++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      still = scrollY === last ? still + 1 : 0;
      last = scrollY;
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }, frames);
}

/** Scrolls the passage's block to the middle of the screen, lets the page settle, then selects it. */
async function selectPassage(page: Page, p: ClickPassage): Promise<void> {
  await page.evaluate((block) => {
    const root = document.querySelector('[data-testid="article-view"] .ProseMirror') as HTMLElement;
    root.children[block].scrollIntoView({ block: 'center', behavior: 'instant' });
  }, p.block);
  // The app may react to scrolling (e.g. re-register highlights near the viewport): not in the timing.
  await settle(page);
  const selected = await page.evaluate((passage) => {
    const root = document.querySelector('[data-testid="article-view"] .ProseMirror') as HTMLElement;
    const block = root.children[passage.block] as HTMLElement;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const range = document.createRange();
    let base = 0;
    for (const n of nodes) {
      if (passage.from >= base && passage.from <= base + n.length) range.setStart(n, passage.from - base);
      if (passage.to >= base && passage.to <= base + n.length) {
        range.setEnd(n, passage.to - base);
        break;
      }
      base += n.length;
    }
    root.focus({ preventScroll: true });
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return range.toString();
  }, p);
  if (selected !== p.exact) throw new Error(`selected "${selected}" instead of "${p.exact}"`);
  await page.locator('[data-testid="selection-toolbar"]').waitFor({ state: 'visible', timeout: 10_000 });
  await settle(page, 2);
}

async function clickAndTime(page: Page, p: ClickPassage): Promise<Omit<ClickSample, 'label'> & { found: boolean }> {
  return page.evaluate(
    async ({ label, status, exact, block, phase }) => {
      // A reviewer's click comes at any moment between two frames, not right after one.
      await new Promise((resolve) => setTimeout(resolve, phase));
      const toolbar = document.querySelector('[data-testid="selection-toolbar"]')!;
      const button = [...toolbar.querySelectorAll('button')].find((b) => b.textContent?.includes(label));
      if (!button) throw new Error(`no ${label} button in the toolbar`);
      const highlight = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get(`fm-${status}`)!;
      const before = highlight.size;
      let frameStart = 0;
      // Registered before the click, so it runs first in the next frame: it marks the frame's start.
      requestAnimationFrame(() => {
        frameStart = performance.now();
      });
      const t0 = performance.now();
      button.click();
      const tHandler = performance.now();
      await Promise.resolve();
      const tMicro = performance.now();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const tRaf = performance.now();
      // Both posted from inside the frame, so both run after its style, layout and paint. The
      // user-blocking task runs first, before any ordinary task queued meanwhile (React's deferred
      // re-render of the sidebar); the timer may wait behind such tasks.
      const post = (globalThis as { scheduler?: { postTask(cb: () => void, o: { priority: string }): unknown } }).scheduler;
      const painted = new Promise<number>((resolve) => (post ? post.postTask(() => resolve(performance.now()), { priority: 'user-blocking' }) : resolve(Number.NaN)));
      const timer = new Promise<number>((resolve) => setTimeout(() => resolve(performance.now()), 0));
      const [tPainted, t1] = await Promise.all([painted, timer]);
      const after = highlight.size;
      // The new range must be in the highlight, at this passage (not an equal text elsewhere).
      const root = document.querySelector('[data-testid="article-view"] .ProseMirror')!;
      const blockEl = root.children[block];
      let found = false;
      for (const r of highlight) {
        if (!blockEl.contains(r.startContainer)) continue;
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        if (range.toString() === exact) {
          found = true;
          break;
        }
      }
      return {
        total: t1 - t0,
        toFrameEnd: tPainted - t0,
        handler: tHandler - t0,
        microtasks: tMicro - tHandler,
        waitForFrame: Math.max(0, frameStart - tMicro),
        rafCallbacks: tRaf - Math.max(frameStart, tMicro),
        renderAndPaint: t1 - tRaf,
        highlightsBefore: before,
        highlightsAfter: after,
        found,
      };
    },
    { label: LABEL[p.status], status: p.status, exact: p.exact, block: p.block, phase: p.phase },
  );
}

export interface FrameProbe {
  label: string;
  /** `dom-append-*`: the append with only the ranges of blocks within 1, ½ or 0 screens of the viewport registered, or none. */
  kind: 'highlight-add' | 'dom-append' | 'dom-append-windowed' | 'dom-append-half-screen' | 'dom-append-viewport' | 'dom-append-no-highlights';
  /** Frame start → the timer after the frame: rAF callbacks, style, layout, paint. */
  frame: number;
}

/**
 * The browser's share, without the app: the frame after adding one StaticRange to fm-verified
 * (undone afterwards), and the frame after appending an empty element to <body>, a DOM change
 * far from the article (removed afterwards); then that append again with only the ranges of blocks
 * within one, a half or no screen of the viewport left in the highlights, and with none (what-ifs
 * for windowed painting; every range is put back afterwards). Same passages as the clicks.
 */
async function probeFrames(page: Page, label: string, passages: ClickPassage[]): Promise<FrameProbe[]> {
  const out: FrameProbe[] = [];
  for (const p of passages) {
    const frames = await page.evaluate(async (passage) => {
      const settle = async () => {
        for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
        await new Promise((resolve) => setTimeout(resolve, 0));
      };
      const timeFrame = async (change: () => void) => {
        let frameStart = 0;
        requestAnimationFrame(() => {
          frameStart = performance.now();
        });
        change();
        await new Promise((resolve) => requestAnimationFrame(resolve));
        await new Promise((resolve) => setTimeout(resolve, 0));
        return performance.now() - frameStart;
      };
      const root = document.querySelector('[data-testid="article-view"] .ProseMirror')!;
      const block = root.children[passage.block];
      block.scrollIntoView({ block: 'center', behavior: 'instant' });
      await settle();
      const text = block.firstChild as Text;
      const range = new StaticRange({ startContainer: text, startOffset: passage.from, endContainer: text, endOffset: Math.min(passage.to, text.length) });
      const highlight = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('fm-verified')!;
      const add = await timeFrame(() => highlight.add(range));
      highlight.delete(range);
      await settle();
      const el = document.createElement('div');
      const append = await timeFrame(() => document.body.appendChild(el));
      el.remove();
      await settle();

      const blockOf = (n: Node) => {
        let b: Node = n;
        while (b.parentNode && b.parentNode !== root) b = b.parentNode;
        return b;
      };
      // The append again with only the ranges of blocks within `margin` screens of the viewport registered.
      const appendWithin = async (margin: number) => {
        const near = new Set<Node>();
        for (const b of root.children) {
          const box = b.getBoundingClientRect();
          if (box.bottom > -margin * innerHeight && box.top < (1 + margin) * innerHeight) near.add(b);
        }
        const removed: [Set<AbstractRange>, AbstractRange][] = [];
        for (const h of (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.values()) {
          for (const r of h) if (!near.has(blockOf(r.startContainer))) removed.push([h, r]);
        }
        for (const [h, r] of removed) h.delete(r);
        await settle();
        const frame = await timeFrame(() => document.body.appendChild(el));
        el.remove();
        for (const [h, r] of removed) h.add(r);
        await settle();
        return frame;
      };
      const windowed = await appendWithin(1);
      const halfScreen = await appendWithin(0.5);
      const viewport = await appendWithin(0);
      const none = await appendWithin(-10);
      return { add, append, windowed, halfScreen, viewport, none };
    }, p);
    out.push(
      { label, kind: 'highlight-add', frame: frames.add },
      { label, kind: 'dom-append', frame: frames.append },
      { label, kind: 'dom-append-windowed', frame: frames.windowed },
      { label, kind: 'dom-append-half-screen', frame: frames.halfScreen },
      { label, kind: 'dom-append-viewport', frame: frames.viewport },
      { label, kind: 'dom-append-no-highlights', frame: frames.none },
    );
  }
  return out;
}

/** Opens the article once and creates one annotation per passage through the toolbar. */
export async function measureClickToPaint(
  browser: Browser,
  url: string,
  token: string,
  articleId: number,
  label: string,
  passages: ClickPassage[],
  log: (line: string) => void,
): Promise<{ samples: ClickSample[]; probes: FrameProbe[] }> {
  const context = await signedInContext(browser, url, token);
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${url}/articles/${articleId}`, { waitUntil: 'load' });
    await page.waitForFunction(() => performance.getEntriesByName('fm:highlights-painted').length > 0, null, { timeout: 30_000 });
    // Let hydration's follow-up work (overlap sweep, sidebar measurements) finish first.
    await page.waitForTimeout(500);
    const samples: ClickSample[] = [];
    for (const [i, p] of passages.entries()) {
      await selectPassage(page, p);
      const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/articles/${articleId}/annotations`), { timeout: 15_000 });
      const { found, ...timing } = await clickAndTime(page, p);
      const response = await saved;
      if (response.status() !== 201) throw new Error(`saving the annotation answered ${response.status()}: ${await response.text()}`);
      if (!found) {
        throw new Error(`click ${i + 1}: the new passage was not painted (fm-${p.status}: ${timing.highlightsBefore} → ${timing.highlightsAfter} ranges)`);
      }
      samples.push({ label, ...timing });
      log(`  click ${label} #${i + 1}: ${timing.total.toFixed(1)} ms (work ${(timing.total - timing.waitForFrame).toFixed(1)} ms)`);
      // The save swaps the optimistic annotation for the stored one and opens its details; let it settle.
      await page.locator('[data-testid="selection-toolbar"]').waitFor({ state: 'detached', timeout: 10_000 });
      await page.waitForTimeout(150);
    }
    const probes = await probeFrames(page, label, passages);
    if (problems.length) throw new Error(`errors in the page: ${problems.join('; ')}`);
    return { samples, probes };
  } finally {
    await context.close();
  }
}
