// The paint suite (issue 11, target 3): page opened → highlights painted, for articles with many
// annotations against the same article with none, at 100,000 words / 10,000 annotations and at
// 20,000 words / 2,000 and 5,000. Every page is on one server and every load of the run is
// interleaved with the others, so each ratio has its baseline from the same minutes. Click →
// painted is the annotations suite's click part (`npm run bench -- annotations --only=click`).
// Options: --runs=7 --scenarios=100000:10000,20000:2000,20000:5000 --profile (one traced load of
// each page after the timed ones: where the renderer's main thread spends the time)
// --compare=<build folder> (the same pages from another build, e.g. a copy of .next kept from
// before a change, on a copy of the same database, its loads interleaved with the current build's).
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/client';
import { launchBrowser } from './browser';
import { blockRange, generateAnnotations, generateArticle, type GeneratedArticle } from './generate';
import { startNoiseMeter } from './machine';
import { measurePageFetch, measurePaint, type PageFetchSample, type PaintArm, type PaintSample } from './paint';
import { profilePaint, type PaintProfile } from './paint-profile';
import { median, ms, num, ratio, verdict, type Section, type SuiteResult } from './report';
import { createUsers, insertAnnotations, insertArticle } from './seed';
import { signIn } from './server';
import { numberOption, type BenchContext, type Suite } from './suite';

const SEED = 20_250_101;
const AUTHORS = 10;
const OVERLAP_SHARE = 0.15;
const DEFAULT_SCENARIOS = '100000:10000,20000:2000,20000:5000';
/** Issue 11's targets: annotated / empty, medians of the same run. */
const TARGET = (words: number) => (words >= 100_000 ? 1.5 : 1.3);

interface Scenario {
  words: number;
  annotations: number;
  /** The build serving the pages ('current', or the --compare folder's name). */
  build: string;
  empty: PaintArm;
  full: PaintArm;
}

interface Page {
  words: number;
  annotations: number;
  label: string;
  path: string;
  ranges: PaintArm['annotations'];
}

function parseScenarios(raw: string): { words: number; annotations: number }[] {
  return raw.split(',').map((part) => {
    const m = /^(\d+):(\d+)$/.exec(part.trim());
    const words = Number(m?.[1]);
    const annotations = Number(m?.[2]);
    if (!m || words < 100 || words > 200_000 || annotations < 1 || annotations > 50_000) throw new Error(`--scenarios takes words:annotations pairs (100–200000 words, 1–50000 annotations), got ${part}`);
    return { words, annotations };
  });
}

/** The articles (one empty one per length) and their annotations, written through the app's own query modules. */
async function seed(file: string, wanted: { words: number; annotations: number }[], log: (line: string) => void) {
  const handle = openDatabase(file);
  try {
    const users = await createUsers(handle.db, AUTHORS, `p${Date.now().toString(36)}`);
    const articles = new Map<number, { article: GeneratedArticle; page: Page }>();
    const pages: { empty: Page; full: Page }[] = [];
    for (const { words, annotations } of wanted) {
      let entry = articles.get(words);
      if (!entry) {
        const article = generateArticle(SEED, words);
        const id = insertArticle(handle.db, users[0], article, `Benchmark article, ${num(words)} words, no annotations`);
        entry = { article, page: { words, annotations: 0, label: `${num(words)} words, none`, path: `/articles/${id}`, ranges: [] } };
        articles.set(words, entry);
      }
      const t = performance.now();
      const specs = generateAnnotations(SEED + 1, entry.article, annotations, OVERLAP_SHARE, AUTHORS);
      const id = insertArticle(handle.db, users[0], entry.article, `Benchmark article, ${num(words)} words, ${num(annotations)} annotations`);
      insertAnnotations(handle.db, users, id, entry.article, specs);
      log(`stored ${num(words)} words with ${num(annotations)} annotations (article ${id}) in ${(performance.now() - t).toFixed(0)} ms`);
      const ranges = specs.map((a) => blockRange(entry.article, a.start, a.end));
      pages.push({ empty: entry.page, full: { words, annotations, label: `${num(words)} words, ${num(annotations)}`, path: `/articles/${id}`, ranges } });
    }
    // One file for every server of the run: written out before it is copied.
    handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return { user: users[0], pages };
  } finally {
    handle.sqlite.close();
  }
}

async function run(ctx: BenchContext): Promise<SuiteResult> {
  const runs = numberOption(ctx, 'runs', 7, 1, 50);
  const wanted = parseScenarios(ctx.options.scenarios ?? DEFAULT_SCENARIOS);
  const compare = ctx.options.compare ? path.resolve(ctx.options.compare) : undefined;
  if (compare && !fs.existsSync(path.join(compare, 'BUILD_ID'))) throw new Error(`--compare=${ctx.options.compare}: no build there (BUILD_ID missing)`);
  const file = path.join(ctx.tempDir('factmark-bench-paint-'), 'seeded.db');
  const { user, pages } = await seed(file, wanted, ctx.log);
  const builds: { name: string; databaseFile: string; buildDir?: string }[] = [{ name: 'current', databaseFile: file }];
  if (compare) {
    const copy = path.join(path.dirname(file), 'compare.db');
    fs.copyFileSync(file, copy);
    builds.push({ name: path.basename(compare), databaseFile: copy, buildDir: compare });
  }
  const scenarios: Scenario[] = [];
  for (const build of builds) {
    const server = await ctx.startServer(build.databaseFile, build.buildDir ? { buildDir: build.buildDir } : {});
    const origin = { url: server.url, token: await signIn(server.url, user.email, user.password) };
    const arm = (p: Page): PaintArm => ({ label: compare ? `${p.label} (${build.name})` : p.label, path: p.path, annotations: p.ranges, origin });
    for (const { empty, full } of pages) scenarios.push({ words: full.words, annotations: full.annotations, build: build.name, empty: arm(empty), full: arm(full) });
  }
  const arms = [...new Map(scenarios.flatMap((s) => [s.empty, s.full]).map((a) => [a.label, a])).values()];

  const browser = await launchBrowser();
  ctx.onCleanup(() => browser.close());
  const problems: string[] = [];
  let samples: PaintSample[];
  let fetches: PageFetchSample[];
  const profiles: PaintProfile[] = [];
  let otherCores: number;
  try {
    ctx.log(`paint: ${arms.length} pages, ${runs} interleaved runs each`);
    const noise = startNoiseMeter();
    samples = await measurePaint(browser, '', '', arms, runs, ctx.log);
    otherCores = noise();
    ctx.log('paint: the same pages over HTTP without a browser');
    fetches = await measurePageFetch('', '', arms, runs);
    if (ctx.options.profile) {
      for (const arm of arms) {
        ctx.log(`profile: ${arm.label}`);
        profiles.push(await profilePaint(browser, '', '', arm));
      }
    }
  } finally {
    await browser.close();
  }
  for (const s of samples) {
    if (s.check.missing || s.check.extra) problems.push(`a load of “${s.label}” left ${s.check.missing} on-screen annotations unpainted and painted ${s.check.extra} passages that are none`);
  }
  for (const { full } of scenarios) {
    if (samples.some((s) => s.label === full.label && s.check.expected === 0)) problems.push(`no annotation was on screen in a load of “${full.label}”, so nothing was checked`);
  }
  const sections = [summarySection(scenarios, samples, runs, otherCores, !!compare), detailSection(arms, samples), fetchSection(arms, fetches)];
  if (profiles.length) sections.push(...profileSections(profiles));
  return { sections, raw: { samples, fetches, profiles, otherCores }, problems };
}

const of = (samples: PaintSample[], arm: PaintArm) => samples.filter((s) => s.label === arm.label);
const med = (xs: PaintSample[], f: (s: PaintSample) => number) => median(xs.map(f));

function summarySection(scenarios: Scenario[], samples: PaintSample[], runs: number, otherCores: number, compared: boolean): Section {
  const rows = scenarios.map(({ words, annotations, build, empty, full }) => {
    const e = med(of(samples, empty), (s) => s.painted);
    const f = med(of(samples, full), (s) => s.painted);
    return [`${num(words)} words / ${num(annotations)} annotations`, ...(compared ? [build] : []), ms(e), ms(f), ratio(f / e), `≤ ${ratio(TARGET(words))}`, verdict(f / e, TARGET(words), ratio)];
  });
  return {
    title: 'Page opened → highlights painted, against the same article with no annotations',
    table: { head: ['scenario', ...(compared ? ['build'] : []), 'no annotations (median)', 'annotated (median)', 'ratio', 'target', 'verdict'], rows },
    notes: [
      `Medians of ${runs} loads per page, each in a fresh browser context (cold cache) after one unrecorded warm-up; the loads of every page of the run are interleaved (all pages, then all in reverse, …)${compared ? ', the compared build’s pages among them, each build on its own copy of the same database' : ''}.`,
      "“painted” is the app's `fm:highlights-painted` mark (ms since navigation start): the server's render, the HTML, scripts, hydration, the ProseMirror view and the CSS highlights up to the task after the first frame with them. After each load, outside the timing, the highlights in the blocks on screen are checked to be exactly the annotations there; a load that fails makes the run invalid.",
      `Other processes used ${num(otherCores, 2)} cores on average while the loads ran${otherCores > 0.25 ? ' — the machine was not quiet, so the times are inflated (the ratios less so: every page shares the noise)' : ''}.`,
    ],
  };
}

function detailSection(arms: PaintArm[], samples: PaintSample[]): Section {
  return {
    title: 'Where the time went (medians)',
    notes: ['“annotations state built” is the app\'s own `fm:annotations-state` measure: unpacking the streamed annotations, placing them in the text and indexing them, in the browser.'],
    table: {
      head: ['page', 'painted', 'first byte', 'HTML received', 'DOMContentLoaded', 'HTML received → painted', 'annotations state built', 'HTML size', 'on-screen annotations painted', 'ranges registered'],
      rows: arms.map((arm) => {
        const xs = of(samples, arm);
        return [
          arm.label,
          ms(med(xs, (s) => s.painted)),
          ms(med(xs, (s) => s.ttfb)),
          ms(med(xs, (s) => s.responseEnd)),
          ms(med(xs, (s) => s.domContentLoaded)),
          ms(med(xs, (s) => s.painted - s.responseEnd)),
          ms(med(xs, (s) => s.measures['fm:annotations-state'] ?? Number.NaN)),
          `${num(med(xs, (s) => s.htmlBytes) / 1024)} KiB`,
          `${num(med(xs, (s) => s.check.painted))} of ${num(med(xs, (s) => s.check.expected))}`,
          num(med(xs, (s) => s.registered)),
        ];
      }),
    },
  };
}

function fetchSection(arms: PaintArm[], fetches: PageFetchSample[]): Section {
  return {
    title: 'The same pages over HTTP, no browser (server render + transfer)',
    table: {
      head: ['page', 'first byte (median)', 'last byte (median)', 'on the wire'],
      rows: arms.map((arm) => {
        const xs = fetches.filter((f) => f.label === arm.label);
        return [arm.label, ms(median(xs.map((f) => f.firstByte))), ms(median(xs.map((f) => f.lastByte))), `${num(median(xs.map((f) => f.wireBytes)) / 1024)} KiB`];
      }),
    },
    notes: ["GET /articles/:id with the session cookie and a browser's Accept-Encoding, body read but not decompressed, interleaved like the loads: the server's part of “painted” without Chromium competing for the cores."],
  };
}

function profileSections(profiles: PaintProfile[]): Section[] {
  const top = (xs: [string, number][], n: number) => xs.slice(0, n).map(([name, t]) => `${name} ${ms(t)}`).join('; ');
  return [
    {
      title: 'One traced load per page: the renderer main thread from navigation start to the mark',
      table: {
        head: ['page', 'painted (traced)', 'main thread busy', 'largest trace events (self time)', 'largest script functions (self time, sampled)'],
        rows: profiles.map((p) => [p.label, ms(p.painted), ms(p.busy), top(p.events, 8), top(p.functions, 8)]),
      },
      notes: ['Chromium tracing (devtools.timeline, V8 sampling profiler) slows the page; compare pages with each other, not with the timed table. Function names are the minified build\'s, with chunk and position.'],
    },
  ];
}

export const paintSuite: Suite = {
  name: 'paint',
  summary: 'Page opened → highlights painted at 100,000 words / 10,000 annotations and 20,000 words / 2,000 and 5,000, each against the same article with none, all loads interleaved on one server.',
  run,
};
