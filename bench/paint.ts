// Page opened → every highlight painted: navigates a fresh signed-in context to an article and
// reads the app's `fm:highlights-painted` mark (ms since navigation start; the app sets it after
// the first frame with its highlights drawn). Each run then checks, outside the timed part, that
// every annotation in the blocks on screen is painted — exactly those, at their offsets — so a run
// that paints nothing (or the wrong passages) is reported, never counted as fast. The check is on
// the viewport because the app may register only the highlights near it.
import type { Browser, Page } from 'playwright-core';
import { request } from 'undici';
import { signedInContext } from './browser';
import { SESSION_COOKIE_NAME } from './server';

/** An annotation's place in the article view: block index and UTF-16 offsets inside the block. */
export type BlockRange = [block: number, from: number, to: number];

export interface PaintArm {
  label: string;
  path: string;
  /** Every annotation of the article; the ones in on-screen blocks must be painted. */
  annotations: BlockRange[];
  /** Another server (e.g. an older build) and its session, instead of the one the measurement is given. */
  origin?: { url: string; token: string };
}

export interface ViewportCheck {
  /** Blocks intersecting the viewport when checked. */
  blocks: number;
  /** Annotations in those blocks, and status-highlight ranges found there. */
  expected: number;
  painted: number;
  /** Expected passages not painted, and painted passages that are not annotations. */
  missing: number;
  extra: number;
}

export interface PaintSample {
  label: string;
  /** The mark's startTime: navigation start → first frame with the highlights painted. */
  painted: number;
  /** Navigation start → first byte of the HTML (the server's render, incl. loading annotations). */
  ttfb: number;
  responseEnd: number;
  domContentLoaded: number;
  /** Decoded size of the HTML document (it carries the article and the annotations). */
  htmlBytes: number;
  /** Ranges registered in fm-verified + fm-disputed + fm-needs_source at the mark (all, or a window). */
  registered: number;
  /** Ranges in fm-overlap then (regions under two or more registered annotations). */
  overlapRegions: number;
  /** The app's own `fm:` user-timing measures by then (ms), e.g. fm:annotations-state. */
  measures: Record<string, number>;
  check: ViewportCheck;
}

/** Waits (at most `limit` ms) for the painted mark; returns the timings and highlight sizes then. */
function waitForMark(page: Page, limit: number) {
  return page.evaluate(
    (limit) =>
      new Promise<Omit<PaintSample, 'label' | 'check'>>((resolve, reject) => {
        const MARK = 'fm:highlights-painted';
        const collect = () => {
          const mark = performance.getEntriesByName(MARK)[0];
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          const highlights = (CSS as unknown as { highlights: Map<string, { size: number }> }).highlights;
          const registered = ['fm-verified', 'fm-disputed', 'fm-needs_source'].reduce((n, name) => n + (highlights.get(name)?.size ?? 0), 0);
          resolve({
            painted: mark.startTime,
            ttfb: nav.responseStart,
            responseEnd: nav.responseEnd,
            domContentLoaded: nav.domContentLoadedEventEnd,
            htmlBytes: nav.decodedBodySize,
            registered,
            overlapRegions: highlights.get('fm-overlap')?.size ?? 0,
            measures: Object.fromEntries(
              performance
                .getEntriesByType('measure')
                .filter((m) => m.name.startsWith('fm:'))
                .map((m) => [m.name, m.duration]),
            ),
          });
        };
        const timer = setTimeout(() => reject(new Error(`no ${MARK} mark within ${limit} ms`)), limit);
        const observer = new PerformanceObserver((list) => {
          if (list.getEntriesByName(MARK).length === 0) return;
          observer.disconnect();
          clearTimeout(timer);
          // domContentLoadedEventEnd is 0 until DOMContentLoaded has run; the mark normally comes later.
          if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => setTimeout(collect), { once: true });
          else collect();
        });
        observer.observe({ type: 'mark', buffered: true });
      }),
    limit,
  );
}

/** Compares the status-highlight ranges in on-screen blocks with the annotations there. */
export function checkViewport(page: Page, annotations: BlockRange[]): Promise<ViewportCheck> {
  return page.evaluate((expectedAll) => {
    const root = document.querySelector('[data-testid="article-view"] .ProseMirror')!;
    const blocks = [...root.children];
    const indexOf = new Map<Node, number>(blocks.map((b, i) => [b, i]));
    const onScreen = new Set<number>();
    blocks.forEach((b, i) => {
      const box = b.getBoundingClientRect();
      if (box.bottom > 0 && box.top < innerHeight) onScreen.add(i);
    });
    const blockOf = (n: Node): number => {
      let b: Node | null = n;
      while (b && !indexOf.has(b)) b = b.parentNode;
      return b ? indexOf.get(b)! : -1;
    };
    const offsetIn = (block: Element, node: Node, offset: number) => {
      const r = document.createRange();
      r.setStart(block, 0);
      r.setEnd(node, offset);
      return r.toString().length;
    };
    const painted: string[] = [];
    const highlights = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
    for (const name of ['fm-verified', 'fm-disputed', 'fm-needs_source']) {
      for (const r of highlights.get(name) ?? []) {
        const b = blockOf(r.startContainer);
        if (!onScreen.has(b)) continue;
        painted.push(`${b}:${offsetIn(blocks[b], r.startContainer, r.startOffset)}:${offsetIn(blocks[b], r.endContainer, r.endOffset)}`);
      }
    }
    const expected = expectedAll.filter(([b]) => onScreen.has(b)).map(([b, from, to]) => `${b}:${from}:${to}`);
    // Multiset difference both ways (two annotations may cover the same passage).
    const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
    const want = count(expected);
    const have = count(painted);
    let missing = 0;
    let extra = 0;
    for (const [k, n] of want) missing += Math.max(0, n - (have.get(k) ?? 0));
    for (const [k, n] of have) extra += Math.max(0, n - (want.get(k) ?? 0));
    return { blocks: onScreen.size, expected: expected.length, painted: painted.length, missing, extra };
  }, annotations);
}

/** Opens the arm's article once in a fresh context, waits (at most `timeoutMs`) for the mark, checks the viewport. */
export async function openAndWaitForPaint(browser: Browser, server: string, session: string, arm: PaintArm, timeoutMs = 30_000): Promise<PaintSample> {
  const { url, token } = arm.origin ?? { url: server, token: session };
  const context = await signedInContext(browser, url, token);
  try {
    const page = await context.newPage();
    const res = await page.goto(`${url}${arm.path}`, { waitUntil: 'commit', timeout: timeoutMs });
    if (!res || res.status() !== 200 || !page.url().endsWith(arm.path)) throw new Error(`opening ${arm.path} gave HTTP ${res?.status()} at ${page.url()}`);
    const sample = await waitForMark(page, timeoutMs);
    const check = await checkViewport(page, arm.annotations);
    return { label: arm.label, ...sample, check };
  } finally {
    await context.close();
  }
}

/**
 * `runs` navigations per arm after one unrecorded warm-up each, interleaved — all arms in order,
 * then in reverse (A B B A … with two) — so a slow drift of the machine affects every arm alike.
 */
export async function measurePaint(browser: Browser, url: string, token: string, arms: readonly PaintArm[], runs: number, log: (line: string) => void): Promise<PaintSample[]> {
  for (const arm of arms) await openAndWaitForPaint(browser, url, token, arm);
  const samples: PaintSample[] = [];
  for (let round = 0; round < runs; round++) {
    for (const arm of interleaved(arms, round)) {
      const s = await openAndWaitForPaint(browser, url, token, arm);
      samples.push(s);
      log(`  paint ${arm.label}: ${s.painted.toFixed(0)} ms, ${s.registered} ranges registered, on screen ${s.check.painted} painted of ${s.check.expected} expected`);
    }
  }
  return samples;
}

/** The arms in order on even rounds and reversed on odd ones. */
const interleaved = <T>(arms: readonly T[], round: number): readonly T[] => (round % 2 ? [...arms].reverse() : arms);

export interface PageFetchSample {
  label: string;
  /** Request sent → response headers in (the server has rendered the page's first chunk). */
  firstByte: number;
  /** Request sent → last byte of the (compressed) body read. */
  lastByte: number;
  /** Bytes on the wire (compressed as a browser would accept it). */
  wireBytes: number;
}

/**
 * The same pages over plain HTTP, no browser: how much of "painted" is the server rendering and
 * sending the HTML, measured without Chromium competing for the CPU. Interleaved like the paint runs.
 */
export async function measurePageFetch(server: string, session: string, arms: readonly PaintArm[], runs: number): Promise<PageFetchSample[]> {
  const fetchOnce = async (arm: PaintArm): Promise<PageFetchSample> => {
    const { url, token } = arm.origin ?? { url: server, token: session };
    const t0 = performance.now();
    const res = await request(`${url}${arm.path}`, {
      headers: { cookie: `${SESSION_COOKIE_NAME}=${token}`, accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' },
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    const firstByte = performance.now() - t0;
    let wireBytes = 0;
    for await (const chunk of res.body) wireBytes += (chunk as Buffer).length;
    if (res.statusCode !== 200) throw new Error(`GET ${arm.path} answered ${res.statusCode}`);
    return { label: arm.label, firstByte, lastByte: performance.now() - t0, wireBytes };
  };
  for (const arm of arms) await fetchOnce(arm);
  const samples: PageFetchSample[] = [];
  for (let round = 0; round < runs; round++) for (const arm of interleaved(arms, round)) samples.push(await fetchOnce(arm));
  return samples;
}
