// The annotations suite: a 20,000-word article with 5,000 annotations (about 15 % overlapping)
// against the same text with none, in one run on one server:
//   paint — page opened → every highlight painted (target ≤ 1.3× the empty article);
//   click — a new annotation from the toolbar click to the frame that shows it (target ≤ 16 ms median);
//   post  — POST latency on loopback at 1 and 50 clients, beside in-process SQLite inserts.
// Options: --only=paint,click,post --runs=7 --clicks=21 --requests=3000 --seconds=30
//          --concurrency=50 --words=20000 --annotations=5000 --inserts=1000
import { openDatabase } from '../db/client';
import { listAnnotations } from '../db/queries/annotations';
import { STATUSES } from '../lib/annotations/status';
import type { Viewer } from '../lib/viewer';
import { launchBrowser } from './browser';
import { startNoiseMeter } from './machine';
import { measureClickToPaint, type ClickPassage, type ClickSample, type FrameProbe } from './click-to-paint';
import { traceFrames, TRANSPARENT_HIGHLIGHTS, type FrameTrace } from './frame-trace';
import { blockRange, generateAnnotations, generateArticle, prng, randomPassages, type AnnotationSpec, type GeneratedArticle } from './generate';
import { measurePageFetch, measurePaint, type PageFetchSample, type PaintArm, type PaintSample } from './paint';
import { postLoad, type PostBody, type PostLoadResult } from './post-load';
import { median, ms, num, percentile, ratio, verdict, type Section, type SuiteResult } from './report';
import { createUsers, insertAnnotations, insertArticle } from './seed';
import { signIn } from './server';
import { measureSqliteInserts, type InsertTimings } from './sqlite-insert';
import { inBatches, numberOption, partsOption, type BenchContext, type Suite } from './suite';

const PAINT_TARGET_RATIO = 1.3;
const CLICK_TARGET_MS = 16;
const OVERLAP_SHARE = 0.15;
const AUTHORS = 10;
const SEED = 20_250_101;
/** Warm-up POSTs per client before a load run is recorded (on the same connections). */
const WARMUP_PER_CLIENT = 4;
const PARTS = ['paint', 'click', 'post'] as const;

/** A note on how busy the rest of the machine was while a part ran. */
function noiseNote(otherCores: number): string {
  const verdictText = otherCores > 0.25 ? ' — the machine was not quiet, so these numbers are inflated by that' : '';
  return `Other processes on the machine used ${num(otherCores, 2)} cores on average while this part ran${verdictText}.`;
}

async function seedServer(file: string, article: GeneratedArticle, specs: AnnotationSpec[]) {
  const handle = openDatabase(file);
  try {
    const users = await createUsers(handle.db, AUTHORS, `a${Date.now().toString(36)}`);
    const emptyId = insertArticle(handle.db, users[0], article, 'Benchmark article without annotations');
    const fullId = insertArticle(handle.db, users[0], article, `Benchmark article with ${specs.length} annotations`);
    insertAnnotations(handle.db, users, fullId, article, specs);
    return { users, emptyId, fullId };
  } finally {
    handle.sqlite.close();
  }
}

async function run(ctx: BenchContext): Promise<SuiteResult> {
  const selected = partsOption(ctx, PARTS);
  const runs = numberOption(ctx, 'runs', 7, 1, 50);
  const clicks = numberOption(ctx, 'clicks', 21, 1, 200);
  const maxRequests = numberOption(ctx, 'requests', 3000, 1, 100_000);
  const maxSeconds = numberOption(ctx, 'seconds', 30, 1, 300);
  const concurrency = numberOption(ctx, 'concurrency', 50, 1, 500);
  const words = numberOption(ctx, 'words', 20_000, 100, 200_000);
  const total = numberOption(ctx, 'annotations', 5000, 0, 50_000);
  const insertSamples = numberOption(ctx, 'inserts', 1000, 10, 100_000);

  const server = await ctx.server();

  let t = performance.now();
  const article = generateArticle(SEED, words);
  const specs = generateAnnotations(SEED + 1, article, total, OVERLAP_SHARE, AUTHORS);
  ctx.log(`generated ${article.words.length} words in ${article.blocks.length} blocks, ${specs.length} annotations (${specs.filter((s) => s.overlapping).length} overlapping) in ${(performance.now() - t).toFixed(0)} ms`);

  // Seed the running server's database through the app's query modules.
  t = performance.now();
  const { users, emptyId, fullId } = await seedServer(server.databaseFile, article, specs);
  ctx.log(`stored articles ${emptyId} (empty) and ${fullId} (${total} annotations) in ${(performance.now() - t).toFixed(0)} ms`);

  const sections: Section[] = [];
  const problems: string[] = [];
  const raw: Record<string, unknown> = { words: article.words.length, characters: article.index.length, annotations: specs.length };
  const reviewerToken = await signIn(server.url, users[0].email, users[0].password);

  if (selected.has('paint') || selected.has('click')) {
    const browser = await launchBrowser();
    ctx.onCleanup(() => browser.close());
    try {
      if (selected.has('paint')) {
        ctx.log(`paint: ${runs} runs per article, interleaved`);
        const noise = startNoiseMeter();
        const arms: [PaintArm, PaintArm] = [
          { label: 'empty', path: `/articles/${emptyId}`, annotations: [] },
          { label: 'full', path: `/articles/${fullId}`, annotations: specs.map((a) => blockRange(article, a.start, a.end)) },
        ];
        const samples = await measurePaint(browser, server.url, reviewerToken, arms, runs, ctx.log);
        ctx.log('paint: the same pages over HTTP without a browser');
        const fetches = await measurePageFetch(server.url, reviewerToken, arms, runs);
        const listing = timeListAnnotations(server.databaseFile, users[0], fullId, runs);
        raw.paint = { samples, fetches, listing };
        for (const s of samples) {
          const { check } = s;
          if (check.missing || check.extra) problems.push(`a paint run on the ${s.label} article left ${check.missing} on-screen annotations unpainted and painted ${check.extra} passages that are none`);
          if (s.label === 'full' && check.expected === 0) problems.push('no annotation was on screen in a paint run of the full article, so nothing was checked');
        }
        const other = noise();
        raw.paintOtherCores = other;
        sections.push(withNote(paintSection(samples, total), noiseNote(other)));
        sections.push(pageFetchSection(fetches, listing, total));
      }
      if (selected.has('click')) {
        const rand = prng(SEED + 3);
        const passages: ClickPassage[] = randomPassages(SEED + 2, article, clicks).map((p) => {
          const block = article.blocks[p.block];
          return {
            block: p.block,
            from: p.start - block.start,
            to: p.end - block.start,
            exact: article.index.slice(p.start, p.end),
            status: STATUSES[Math.floor(rand() * 3)],
            phase: rand() * (1000 / 60),
          };
        });
        ctx.log(`click: ${clicks} new annotations on each article`);
        const noise = startNoiseMeter();
        const empty = await measureClickToPaint(browser, server.url, reviewerToken, emptyId, 'empty', passages, ctx.log);
        const full = await measureClickToPaint(browser, server.url, reviewerToken, fullId, 'full', passages, ctx.log);
        const other = noise();
        ctx.log('click: a Chromium trace of the frames after a DOM change, on each article');
        const traces = [
          await traceFrames(browser, server.url, reviewerToken, emptyId, 'none'),
          await traceFrames(browser, server.url, reviewerToken, fullId, num(total)),
          await traceFrames(browser, server.url, reviewerToken, fullId, `${num(total)}, highlights drawn transparent`, { css: TRANSPARENT_HIGHLIGHTS }),
        ];
        raw.click = { empty, full, traces, otherCores: other };
        sections.push(withNote(clickSection(empty.samples, full.samples, total), noiseNote(other)));
        sections.push(probeSection([...empty.probes, ...full.probes], total));
        sections.push(traceSection(traces));
      }
    } finally {
      await browser.close();
    }
  }

  if (selected.has('post')) {
    const rand = prng(SEED + 5);
    const bodies: PostBody[] = randomPassages(SEED + 4, article, 2000).map((p) => ({
      start: p.start,
      end: p.end,
      status: STATUSES[Math.floor(rand() * 3)],
      exact: article.index.slice(p.start, p.end),
    }));
    const sessions = Array.from({ length: concurrency }, (_, i) => users[i % users.length]);
    ctx.log(`post: signing in ${sessions.length} sessions`);
    const tokens = await inBatches(sessions, 4, (u) => signIn(server.url, u.email, u.password));
    const common = { server, articleId: fullId, tokens, bodies };
    const noise = startNoiseMeter();
    ctx.log('post: 1 client');
    const single = await postLoad({ ...common, concurrency: 1, warmupRequests: 100, maxRequests: Math.min(300, maxRequests), maxSeconds: Math.min(10, maxSeconds) });
    ctx.log(`post: ${concurrency} clients, ${WARMUP_PER_CLIENT * concurrency} warm-up requests, then up to ${maxRequests} requests or ${maxSeconds} s`);
    const loaded = await postLoad({ ...common, concurrency, warmupRequests: WARMUP_PER_CLIENT * concurrency, maxRequests, maxSeconds });
    // An authenticated request that does next to nothing: the floor under any API call.
    const get = `/api/articles/${fullId}/annotations?since=${Date.now() + 365 * 86_400_000}`;
    ctx.log('post: reference GET (changes since a future time: empty answer), 1 client');
    const floor = await postLoad({ ...common, concurrency: 1, warmupRequests: 100, maxRequests: Math.min(300, maxRequests), maxSeconds: Math.min(10, maxSeconds), get });
    for (const r of [single, loaded, floor]) if (r.errors) problems.push(`${r.errors} of ${r.latencies.length} requests (${r.label}, ${r.concurrency} client(s)) failed: ${r.firstErrors.join(' | ')}`);
    ctx.log(`post: in-process SQLite inserts (${insertSamples} each)`);
    const inserts = await measureSqliteInserts(ctx.tempDir('factmark-bench-sqlite-'), article, specs, bodies, insertSamples);
    const other = noise();
    raw.post = { single, loaded, floor, inserts, otherCores: other };
    sections.push(withNote(postSection([single, loaded, floor], total), noiseNote(other)));
    sections.push(insertSection(inserts, single, floor, total));
  }

  return { sections, raw, problems };
}

const withNote = (section: Section, note: string): Section => ({ ...section, notes: [...(section.notes ?? []), note] });

function paintSection(samples: PaintSample[], total: number): Section {
  const arm = (label: string) => samples.filter((s) => s.label === label);
  const med = (xs: PaintSample[], f: (s: PaintSample) => number) => median(xs.map(f));
  const row = (name: string, xs: PaintSample[]) => {
    const painted = xs.map((s) => s.painted);
    const ok = xs.filter((s) => s.check.missing === 0 && s.check.extra === 0).length;
    return [
      name,
      String(xs.length),
      ms(median(painted)),
      `${ms(Math.min(...painted))} – ${ms(Math.max(...painted))}`,
      ms(med(xs, (s) => s.ttfb)),
      ms(med(xs, (s) => s.responseEnd)),
      ms(med(xs, (s) => s.domContentLoaded)),
      ms(med(xs, (s) => s.painted - s.responseEnd)),
      `${num(med(xs, (s) => s.htmlBytes) / 1024)} KiB`,
      `${num(med(xs, (s) => s.check.painted))} of ${num(med(xs, (s) => s.check.expected))}, exact in ${ok}/${xs.length} runs`,
      num(med(xs, (s) => s.registered)),
    ];
  };
  const empty = arm('empty');
  const full = arm('full');
  const r = median(full.map((s) => s.painted)) / median(empty.map((s) => s.painted));
  const client = med(full, (s) => s.painted - s.responseEnd) / med(empty, (s) => s.painted - s.responseEnd);
  return {
    title: 'Page opened → all highlights painted',
    table: {
      head: ['article', 'runs', 'painted (median)', 'min – max', 'first byte', 'HTML received', 'DOMContentLoaded', 'HTML received → painted', 'HTML size', 'on-screen annotations painted', 'ranges registered'],
      rows: [row('no annotations', empty), row(`${num(total)} annotations`, full), ['ratio', '', ratio(r), '', '', '', '', ratio(client), '', '', '']],
    },
    notes: [
      `Target ≤ ${PAINT_TARGET_RATIO}× the article without annotations: ${verdict(r, PAINT_TARGET_RATIO, ratio)}.`,
      "“painted” is the app's `fm:highlights-painted` mark (`startTime`, ms since navigation start): server render with the annotation list, HTML download, scripts, hydration, the ProseMirror view, the CSS highlights, up to the task after the first frame with the highlights. All columns are medians; each run is a fresh browser context (cold cache), one unrecorded warm-up per article, runs interleaved A B B A.",
      `Checked in every run, after the timing: the status-highlight ranges in the blocks on screen are exactly the annotations there (same block, same offsets); a run that fails this is reported as invalid. “ranges registered” is the size of the three status highlights at the mark (all ${num(total)}, or a window around the viewport if the app registers only that); overlap regions registered on the full article: ${num(median(full.map((s) => s.overlapRegions)))}.`,
    ],
  };
}

/** The page's own database read for the full article, in this process: times and JSON size. */
function timeListAnnotations(file: string, viewer: Viewer, articleId: number, runs: number): { times: number[]; jsonBytes: number } {
  const handle = openDatabase(file);
  try {
    const times: number[] = [];
    let jsonBytes = 0;
    for (let i = 0; i <= runs; i++) {
      const t = performance.now();
      const listed = listAnnotations(handle.db, viewer, articleId);
      if (i > 0) times.push(performance.now() - t);
      if (!listed.ok) throw new Error(listed.error.message);
      jsonBytes = Buffer.byteLength(JSON.stringify(listed.value));
    }
    return { times, jsonBytes };
  } finally {
    handle.sqlite.close();
  }
}

function pageFetchSection(samples: PageFetchSample[], listing: { times: number[]; jsonBytes: number }, total: number): Section {
  const row = (name: string, label: string) => {
    const xs = samples.filter((s) => s.label === label);
    return [name, String(xs.length), ms(median(xs.map((s) => s.firstByte))), ms(median(xs.map((s) => s.lastByte))), `${num(median(xs.map((s) => s.wireBytes)) / 1024)} KiB`];
  };
  return {
    title: 'The same page over HTTP, no browser (server render + transfer)',
    table: {
      head: ['article', 'requests', 'first byte (median)', 'last byte (median)', 'on the wire'],
      rows: [row('no annotations', 'empty'), row(`${num(total)} annotations`, 'full')],
    },
    notes: [
      'GET /articles/:id with the session cookie and a browser\'s Accept-Encoding, body read but not decompressed; interleaved A B B A after a warm-up. This is the server\'s part of “painted” without Chromium competing for the two cores.',
      `Of that, the page's listAnnotations call for the ${num(total)} annotations takes ${ms(median(listing.times))} (median, in this process on the same file); as DTO JSON the list is ${num(listing.jsonBytes / 1024)} KiB (the paint table's “HTML size” is what the page actually sends).`,
    ],
  };
}

function clickSection(empty: ClickSample[], full: ClickSample[], total: number): Section {
  const row = (name: string, xs: ClickSample[]) => {
    const totals = xs.map((s) => s.total);
    const m = (f: (s: ClickSample) => number) => ms(median(xs.map(f)));
    return [
      name,
      String(xs.length),
      ms(median(totals)),
      ms(percentile(totals, 95)),
      ms(Math.max(...totals)),
      m((s) => s.handler),
      m((s) => s.microtasks),
      m((s) => s.waitForFrame),
      m((s) => s.rafCallbacks),
      m((s) => s.renderAndPaint),
      m((s) => s.total - s.waitForFrame),
    ];
  };
  const med = median(full.map((s) => s.total));
  const work = median(full.map((s) => s.total - s.waitForFrame));
  return {
    title: 'New annotation: click → painted',
    table: {
      head: ['existing annotations', 'clicks', 'median', 'p95', 'max', 'click handler', 'microtasks (React)', 'wait for frame', 'rAF callbacks', 'style + layout + paint', 'work (total − wait), median'],
      rows: [row('none', empty), row(num(total), full)],
    },
    notes: [
      `Target ≤ ${CLICK_TARGET_MS} ms at the median with ${num(total)} existing: ${verdict(med, CLICK_TARGET_MS, ms)}; without the wait for the next frame: ${verdict(work, CLICK_TARGET_MS, ms)}.`,
      'Measured in the page: t0 = performance.now(); toolbar button.click(); await requestAnimationFrame; await setTimeout(0); t1. So it includes the click handler (optimistic annotation, ProseMirror transaction, highlight update), React re-rendering in the microtasks, the wait until the next frame begins (0–16.7 ms at 60 Hz: the click is sent a random 0–16.7 ms after the page settled, as a real click lands anywhere between frames; this is waiting, not work), the rAF callbacks the click scheduled, and the style, layout and paint of that frame. It does not include the save request (awaited after t1). Columns after “max” are medians of each phase.',
      `The new range is checked to be in the status highlight, at the selected passage, after every click (a click whose passage is not painted stops the run). Clicks where the status highlight changed by more than the new range: ${[...empty, ...full].filter((c) => c.highlightsAfter !== c.highlightsBefore + 1).length} of ${empty.length + full.length}. Before each click the passage is scrolled to the middle of the screen and the page left to settle (scroll position unchanged for 3 frames), so work the app does on scrolling is not in the number.`,
    ],
  };
}

function probeSection(probes: FrameProbe[], total: number): Section {
  const cell = (label: string, kind: FrameProbe['kind']) => {
    const xs = probes.filter((p) => p.label === label && p.kind === kind).map((p) => p.frame);
    return `${ms(median(xs))} (p95 ${ms(percentile(xs, 95))})`;
  };
  return {
    title: 'The browser alone: one frame after a small change (no app code)',
    table: {
      head: ['existing annotations', 'one range added to a highlight', 'one empty <div> appended to <body>', 'the same, only ranges within a screen of the viewport registered'],
      rows: [
        ['none', cell('empty', 'highlight-add'), cell('empty', 'dom-append'), cell('empty', 'dom-append-windowed')],
        [num(total), cell('full', 'highlight-add'), cell('full', 'dom-append'), cell('full', 'dom-append-windowed')],
      ],
    },
    notes: [
      'Frame start → the timer after that frame (rAF callbacks, style, layout, paint), medians over the same passages, on the pages left open by the click runs. Both changes are undone between samples.',
      'If these grow with the number of annotations, every DOM or highlight change on the page costs that much per frame, whatever the app does in its own code.',
      'Last column: a what-if, not the app. Ranges whose block is more than one viewport height above or below the viewport are taken out of every highlight for that sample (and put back after), as a viewport-windowed painter would keep them.',
    ],
  };
}

function traceSection(traces: FrameTrace[]): Section {
  return {
    title: 'The same frame in a Chromium trace: where it goes, per changed frame',
    table: {
      head: ['existing annotations', 'main thread: paint', 'main thread: style + layout', 'main thread: the rest', 'raster workers', 'compositor + display compositor'],
      rows: traces.map((t) => [t.label, ms(t.mainPaint), ms(t.mainLayoutStyle), ms(t.mainOther), ms(t.raster), ms(t.compositor)]),
    },
    notes: [
      `An empty <div> appended to <body> and removed again, ${traces[0]?.frames ?? 0} changed frames per article (each followed by quiet frames), with the passage in the middle of the article on screen; self time per trace event, summed per thread and divided by the changed frames. bench/frame-trace.ts.`,
      'Chromium rebuilds every custom-highlight marker after any DOM or style change (HighlightRegistry::ValidateHighlightMarkers), so the highlighted text on screen is painted and rastered again in every frame that changes anything: the last row keeps every range registered but draws nothing, and still pays most of it. The app registers only the ranges near the viewport (components/editor/highlight-painter.ts), so this is the cost of the text on screen, not of the 5,000.',
    ],
  };
}

function postSection(results: PostLoadResult[], total: number): Section {
  return {
    title: `POST /api/articles/:id/annotations on loopback (article with ${num(total)}+ annotations)`,
    table: {
      head: ['request', 'clients', 'requests', 'errors', 'p50', 'p95', 'p99', 'max', 'requests/s', 'server CPU', 'load generator CPU'],
      rows: results.map((r) => [
        r.label,
        String(r.concurrency),
        num(r.latencies.length),
        String(r.errors),
        ms(percentile(r.latencies, 50)),
        ms(percentile(r.latencies, 95)),
        ms(percentile(r.latencies, 99)),
        ms(Math.max(...r.latencies)),
        num(r.requestsPerSecond, 0),
        `${num(r.serverCores, 2)} cores`,
        `${num(r.clientCores, 2)} cores`,
      ]),
    },
    notes: [
      `Each client has its own session (${num(results[1]?.concurrency ?? 50)} sessions of ${AUTHORS} reviewers) over keep-alive connections (undici Pool, one per client), and sends the next valid annotation (random 2–15-word passage, \`exact\` matching) as soon as the last one is answered; a run stops at the request or time bound. Latency = request written → response body read, in the load generator.`,
      `Each row follows an unrecorded warm-up on the same connections (${results.map((r) => `${num(r.warmup.requests)} requests, slowest ${ms(r.warmup.maxLatency)}`).join('; ')}), so the percentiles describe steady state, not the moment ${num(results[1]?.concurrency ?? 50)} clients connect at once.`,
      'The load generator runs on the same machine as `next start`; CPU is CPU-seconds per wall second of each over the run.',
      'The GET row is a reference, not part of the issue: an authenticated API request that returns an empty list (changes since a future time), so its latency is mostly Next.js request handling plus the next-auth session check.',
    ],
  };
}

function insertSection(t: InsertTimings, single: PostLoadResult, floor: PostLoadResult, total: number): Section {
  const row = (name: string, xs: number[]) => [name, num(xs.length), ms(percentile(xs, 50)), ms(percentile(xs, 95)), ms(percentile(xs, 99)), num(1000 / percentile(xs, 50), 0)];
  const http = percentile(single.latencies, 50);
  return {
    title: 'The same insert without HTTP (this process, separate SQLite file, same run)',
    table: {
      head: ['operation', 'samples', 'p50', 'p95', 'p99', '1 / p50 (per s)'],
      rows: [
        row('raw prepared INSERT (better-sqlite3, autocommit)', t.rawInsert),
        row('createAnnotation (transaction: row + history event, read back)', t.createAnnotation),
        row('route work without HTTP (read text, check input, createAnnotation)', t.routeWork),
        ['POST over HTTP, 1 client (from the table above)', num(single.latencies.length), ms(http), ms(percentile(single.latencies, 95)), ms(percentile(single.latencies, 99)), num(1000 / http, 0)],
      ],
    },
    notes: [
      `Same schema and pragmas (openDatabase: WAL, synchronous=NORMAL), same article with ${num(total)} annotations; the three operations alternate per sample after 100 warm-up rounds.`,
      `HTTP p50 at 1 client is ${ratio(http / percentile(t.routeWork, 50))} the route's own work and ${ratio(http / percentile(t.createAnnotation, 50))} createAnnotation; an authenticated GET that does almost nothing takes ${ms(percentile(floor.latencies, 50))} (p50), so most of the rest is Next's request handling, the next-auth session check (JWT decode + user look-up) and loopback I/O.`,
    ],
  };
}

export const annotationsSuite: Suite = {
  name: 'annotations',
  summary: 'A 20,000-word article with 5,000 annotations (~15 % overlapping) against the same article with none: painting on open, click → painted, and POST latency under load.',
  run,
};
