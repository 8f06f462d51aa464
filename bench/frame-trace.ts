// Where one frame's work goes after a DOM change far from the article (an empty <div> appended to
// <body>), from a Chromium trace: self time per frame on the renderer's main thread (paint,
// layout and style, the rest) and off it (raster workers, the display compositor). Run on the
// article without annotations, with them, and with them drawn transparent (each highlight still
// registered): the last row tells the browser's cost of keeping highlights from the cost of
// drawing them. Chromium rebuilds every custom-highlight marker after any DOM or style change
// (HighlightRegistry::ValidateHighlightMarkers), so the text they cover is painted again.
import type { Browser } from 'playwright-core';
import { signedInContext } from './browser';
import { walkSelfTimes, type TraceEvent } from './trace-events';

export interface FrameTrace {
  label: string;
  frames: number;
  /** Per frame, ms of self time. */
  mainPaint: number;
  mainLayoutStyle: number;
  mainOther: number;
  raster: number;
  compositor: number;
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'cc', 'viz', 'benchmark'];
const LAYOUT_STYLE = new Set(['LocalFrameView::performLayout', 'Layout', 'UpdateLayoutTree', 'RecalculateStyles', 'LocalFrameView::RunStyleAndLayoutLifecyclePhases']);
const PAINT = new Set(['Paint', 'PrePaint', 'LocalFrameView::RunPaintLifecyclePhase', 'LocalFrameView::RunPrePaintLifecyclePhase', 'Layerize']);

/** Highlight styles that draw nothing: the ranges stay registered. */
export const TRANSPARENT_HIGHLIGHTS = '::highlight(fm-verified), ::highlight(fm-disputed), ::highlight(fm-needs_source), ::highlight(fm-overlap) { background-color: transparent; text-decoration: none; }';

export async function traceFrames(browser: Browser, url: string, token: string, articleId: number, label: string, options: { frames?: number; css?: string } = {}): Promise<FrameTrace> {
  const frames = options.frames ?? 15;
  const context = await signedInContext(browser, url, token);
  try {
    const page = await context.newPage();
    await page.goto(`${url}/articles/${articleId}`);
    await page.waitForFunction(() => performance.getEntriesByName('fm:highlights-painted').length > 0, null, { timeout: 60_000 });
    if (options.css) await page.addStyleTag({ content: options.css });
    await page.evaluate(async () => {
      const root = document.querySelector('[data-testid="article-view"] .ProseMirror')!;
      root.children[Math.floor(root.children.length / 2)].scrollIntoView({ block: 'center', behavior: 'instant' });
      for (let i = 0; i < 10; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    });
    await browser.startTracing(page, { categories: CATEGORIES });
    await page.evaluate(async (n) => {
      for (let i = 0; i < n; i++) {
        const div = document.createElement('div');
        document.body.appendChild(div);
        await new Promise((resolve) => requestAnimationFrame(resolve));
        await new Promise((resolve) => setTimeout(resolve, 0));
        div.remove();
        for (let j = 0; j < 3; j++) await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    }, frames);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    // Each change is undone and followed by 3 quiet frames: what the trace holds is 2 changed frames per sample.
    return summarise(label, trace.traceEvents, frames * 2);
  } finally {
    await context.close();
  }
}

function summarise(label: string, events: TraceEvent[], frames: number): FrameTrace {
  const threadName = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }
  const out = { mainPaint: 0, mainLayoutStyle: 0, mainOther: 0, raster: 0, compositor: 0 };
  for (const [key, list] of byThread) {
    const thread = threadName.get(key) ?? '';
    const add = (name: string, us: number) => {
      if (thread === 'CrRendererMain') {
        if (PAINT.has(name)) out.mainPaint += us;
        else if (LAYOUT_STYLE.has(name)) out.mainLayoutStyle += us;
        else out.mainOther += us;
      } else if (thread.startsWith('ThreadPoolForegroundWorker') || thread.startsWith('CompositorTileWorker')) out.raster += us;
      else if (thread === 'VizCompositorThread' || thread === 'Compositor') out.compositor += us;
    };
    walkSelfTimes(list, (e, us) => add(e.name, us));
  }
  const perFrame = (us: number) => us / 1000 / frames;
  return {
    label,
    frames,
    mainPaint: perFrame(out.mainPaint),
    mainLayoutStyle: perFrame(out.mainLayoutStyle),
    mainOther: perFrame(out.mainOther),
    raster: perFrame(out.raster),
    compositor: perFrame(out.compositor),
  };
}
