// The export suite (issue 5): exporting an article with 500 and with 5,000 annotations in every
// report format — time (database read and rendering, in-process), the 5,000/500 ratio (target ≤ 12×:
// linear work, nothing quadratic), output size, and peak memory measured in a fresh child process
// per format × size; then the HTTP endpoint once per format against a real server.
// Options: --runs=7 --cell-budget=120 (s for the samples of a cell slower than 10 s) --only=times,memory,http
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/client';
import { createAnnotation, deleteAnnotation, updateAnnotation } from '../db/queries/annotations';
import { createArticle } from '../db/queries/articles';
import { loadReportInput } from '../db/queries/reports';
import { checkAnnotationPatch, checkNewAnnotation } from '../lib/annotations/input';
import { STATUSES } from '../lib/annotations/status';
import { CanonicalText } from '../lib/document/canonical-text';
import { importText } from '../lib/import';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../lib/report';
import type { Viewer } from '../lib/viewer';
import { articleAsText, generateFormattedArticle, prng } from './generate';
import { bytes, median, ms, num, ratio, type Section, type SuiteResult } from './report';
import { createAccount } from './seed';
import { ROOT, sessionCookie, signIn } from './server';
import { numberOption, partsOption, withTimeout, type BenchContext, type Suite } from './suite';

export const EXPORT_SIZES = [500, 5_000] as const;
const ARTICLE_WORDS = 20_000;
const RATIO_TARGET = 12;
const APP_URL = 'http://127.0.0.1:3000';
const CHILD_FLAG = '--factmark-export-memory-child';
/** A cell (format × size) slower than this is sampled fewer times, within a time budget. */
const SLOW_CELL_MS = 10_000;
/** HTTP requests are skipped for cells whose in-process export took longer than this. */
const HTTP_SKIP_MS = 60_000;

interface SeededArticle {
  id: number;
  annotations: number;
  overlapping: number;
  sources: number;
  events: number;
  deleted: number;
}

interface Seeded {
  dbFile: string;
  admin: Viewer;
  adminPassword: string;
  words: number;
  codePoints: number;
  reviewers: number;
  articles: Map<number, SeededArticle>;
  seedMs: number;
}

// Notes as reviewers write them, with what breaks naive exporters: commas, quotes, newlines,
// semicolons, Markdown and HTML metacharacters, formula prefixes, non-Latin text.
const NOTE_PARTS = [
  'The figure matches the ministry\'s own table, page 4.',
  'Spokesperson confirmed by phone, but "only for the northern region".',
  'Numbers differ: 1,200 in the report vs. 1,020 in the archive; see both.',
  'Two witnesses disagree.\nOne says Tuesday, the other Wednesday.',
  'Source is a press release, not independent.',
  '=SUM(A1:A9) looks like a formula; it must stay text.',
  'Markdown *stars*, _underscores_, | pipes | and # hashes.',
  '<b>not bold</b> & <script>alert(1)</script> must be escaped.',
  'Quote is accurate; context is not — the speaker was citing 2019 data.',
  'Zürich office says “no comment”; Kraków office did not answer.',
  'Line one\r\nline two\n\nparagraph two, with "quotes", commas, and more.',
  'Needs the original dataset; the chart crops the y-axis at 40.',
];

function makeNote(rnd: () => number): string {
  const r = rnd();
  if (r < 0.12) return '';
  const parts = 1 + Math.floor(rnd() * (r > 0.97 ? 12 : 3));
  const out: string[] = [];
  for (let i = 0; i < parts; i++) out.push(NOTE_PARTS[Math.floor(rnd() * NOTE_PARTS.length)]);
  return out.join(rnd() < 0.3 ? '\n' : ' ');
}

function makeSources(rnd: () => number, n: number): { url: string; title?: string | null }[] {
  const count = Math.floor(rnd() * 4);
  return Array.from({ length: count }, (_, i) => ({
    url: `https://evidence.example.org/doc/${n}-${i}?q=a,b&lang=en`,
    title: rnd() < 0.3 ? null : rnd() < 0.5 ? `Report, "annex ${i}", 2024` : `Dataset ${n}.${i}`,
  }));
}

/** A fresh SQLite file with reviewers, one ~20,000-word article per size and its annotations with history. */
async function seed(ctx: BenchContext, dir: string): Promise<Seeded> {
  const started = performance.now();
  const dbFile = path.join(dir, 'export.db');
  const handle = openDatabase(dbFile);
  try {
    const adminPassword = 'bench-admin-password-1';
    const admin = await createAccount(handle.db, { email: 'desk@bench.test', name: 'Desk Admin', role: 'admin', password: adminPassword });
    const reviewers: Viewer[] = [admin];
    for (const [i, name] of ['Amina Yusuf', 'Björn Østergaard', 'Chen Wei, Jr.', 'Dolores "Lola" Ruiz'].entries()) {
      reviewers.push(await createAccount(handle.db, { email: `reviewer${i}@bench.test`, name, role: 'reviewer', password: `bench-reviewer-password-${i}` }));
    }
    const generated = generateFormattedArticle(5150, ARTICLE_WORDS);
    const imported = importText(articleAsText(generated));
    if (!imported.ok) throw new Error(imported.error.message);
    const { doc, plainText } = imported.value;
    const text = new CanonicalText(plainText);
    // Word spans in code points (the generator has BMP characters only, but convert anyway).
    const words: [number, number][] = [];
    for (const m of plainText.matchAll(/\S+/g)) words.push([text.offsetFromUnit(m.index!), text.offsetFromUnit(m.index! + m[0].length)]);

    const articles = new Map<number, SeededArticle>();
    for (const size of EXPORT_SIZES) {
      const rnd = prng(size * 7919);
      const created = createArticle(handle.db, admin, doc, { title: `Export bench: ${num(size)} annotations` });
      if (!created.ok) throw new Error(created.error.message);
      const articleId = created.value.id;
      const info: SeededArticle = { id: articleId, annotations: 0, overlapping: 0, sources: 0, events: 0, deleted: 0 };
      let previous: [number, number] | null = null;
      // A few extra annotations are created and then deleted: the report must leave them out.
      const extra = Math.round(size * 0.02);
      const ids: { id: number; author: Viewer }[] = [];
      for (let n = 0; n < size + extra; n++) {
        let startWord = Math.floor(rnd() * (words.length - 8));
        // One in ten starts inside the previous one on purpose (besides the random overlaps).
        if (previous && rnd() < 0.1) {
          const inside = words.findIndex(([s]) => s > previous![0] && s < previous![1]);
          if (inside >= 0) startWord = inside;
        }
        const span = 1 + Math.floor(rnd() * 6);
        const start = words[startWord][0];
        const end = words[Math.min(words.length - 1, startWord + span - 1)][1];
        const author = reviewers[Math.floor(rnd() * reviewers.length)];
        const checked = checkNewAnnotation(text, {
          start,
          end,
          status: STATUSES[Math.floor(rnd() * STATUSES.length)],
          note: makeNote(rnd),
          sources: makeSources(rnd, n),
        });
        if (!checked.ok) throw new Error(`annotation ${n}: ${checked.error.message}`);
        const saved = createAnnotation(handle.db, author, articleId, checked.value);
        if (!saved.ok) throw new Error(`annotation ${n}: ${saved.error.message}`);
        ids.push({ id: saved.value.id, author });
        previous = [start, end];
      }
      // History: status changes and note edits for some, source changes for others (by the author).
      for (const [i, { id, author }] of ids.entries()) {
        const r = rnd();
        if (i >= size) {
          const deleted = deleteAnnotation(handle.db, author, id);
          if (!deleted.ok) throw new Error(deleted.error.message);
          info.deleted++;
          continue;
        }
        if (r < 0.15) {
          const patch = checkAnnotationPatch({ status: STATUSES[Math.floor(rnd() * STATUSES.length)], note: makeNote(rnd) || 'Revised after a second call.' });
          if (!patch.ok) throw new Error(patch.error.message);
          const updated = updateAnnotation(handle.db, author, id, patch.value);
          if (!updated.ok) throw new Error(updated.error.message);
        } else if (r < 0.2) {
          const patch = checkAnnotationPatch({ sources: makeSources(rnd, i + 100_000) });
          if (!patch.ok) throw new Error(patch.error.message);
          const updated = updateAnnotation(handle.db, author, id, patch.value);
          if (!updated.ok) throw new Error(updated.error.message);
        }
      }
      const count = (sql: string) => (handle.sqlite.prepare(sql).get(articleId) as { n: number }).n;
      info.annotations = count('select count(*) as n from annotations where article_id = ? and deleted_at is null');
      info.sources = count('select count(*) as n from annotation_sources s join annotations a on a.id = s.annotation_id where a.article_id = ? and a.deleted_at is null');
      info.events = count('select count(*) as n from annotation_events e join annotations a on a.id = e.annotation_id where a.article_id = ?');
      // Live annotations that overlap the one before them in document order.
      info.overlapping = count(
        'select count(*) as n from (select start, max("end") over (order by start, "end", id rows between unbounded preceding and 1 preceding) as reach from annotations where article_id = ? and deleted_at is null) where start < reach',
      );
      if (info.annotations !== size) throw new Error(`expected ${size} live annotations, found ${info.annotations}`);
      articles.set(size, info);
      ctx.log(`seeded ${num(size)} annotations (${num(info.events)} history events)`);
    }
    handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return {
      dbFile,
      admin: { id: admin.id, name: admin.name, email: admin.email, role: admin.role },
      adminPassword,
      words: words.length,
      codePoints: text.length,
      reviewers: reviewers.length,
      articles,
      seedMs: performance.now() - started,
    };
  } finally {
    handle.sqlite.close();
  }
}

interface TimingSample {
  format: ReportFormat;
  size: number;
  loadMs: number;
  renderMs: number;
  bytes: number;
}

const byteLength = (body: string | Buffer) => (typeof body === 'string' ? Buffer.byteLength(body) : body.length);

/**
 * Samples of loadReportInput + renderReport for every format × size, interleaved. A cell whose
 * warm-up alone takes longer than SLOW_CELL_MS keeps that run as a sample (JIT warm-up is noise at
 * that scale) and gets only as many more as fit in `cellBudgetMs`, so one pathological format
 * cannot make the suite run for hours; the table says how many runs each cell had.
 */
async function measureTimes(ctx: BenchContext, seeded: Seeded, runs: number, cellBudgetMs: number): Promise<TimingSample[]> {
  const handle = openDatabase(seeded.dbFile);
  try {
    const once = async (format: ReportFormat, size: number): Promise<TimingSample> => {
      const articleId = seeded.articles.get(size)!.id;
      const t0 = performance.now();
      const input = loadReportInput(handle.db, seeded.admin, articleId, {}, APP_URL);
      const t1 = performance.now();
      if (!input.ok) throw new Error(input.error.message);
      const report = await renderReport(format, input.value);
      const t2 = performance.now();
      return { format, size, loadMs: t1 - t0, renderMs: t2 - t1, bytes: byteLength(report.body) };
    };
    const samples: TimingSample[] = [];
    const wanted = new Map<string, number>();
    const key = (format: ReportFormat, size: number) => `${format}/${size}`;
    // One warm-up of each (JIT, the PDF fonts, SQLite's page cache), unrecorded unless slow.
    for (const format of REPORT_FORMATS) {
      for (const size of EXPORT_SIZES) {
        const w = await once(format, size);
        const took = w.loadMs + w.renderMs;
        if (took <= SLOW_CELL_MS) wanted.set(key(format, size), runs);
        else {
          samples.push(w);
          wanted.set(key(format, size), Math.max(1, Math.min(runs, Math.floor(cellBudgetMs / took))));
        }
        ctx.log(`export warm-up ${format} × ${num(size)}: ${ms(took)}`);
      }
    }
    for (let r = 0; r < runs; r++) {
      // Every round runs every format × size; the size order alternates so drift hits both alike.
      for (const format of REPORT_FORMATS) {
        const sizes = r % 2 ? [...EXPORT_SIZES].reverse() : [...EXPORT_SIZES];
        for (const size of sizes) {
          if (samples.filter((s) => s.format === format && s.size === size).length >= wanted.get(key(format, size))!) continue;
          samples.push(await once(format, size));
        }
      }
      ctx.log(`export round ${r + 1}/${runs} done`);
    }
    return samples;
  } finally {
    handle.sqlite.close();
  }
}

interface MemorySample {
  format: ReportFormat;
  size: number;
  /** RSS after start-up, module loading and two full GCs, just before the export. */
  baselineRss: number;
  /** The process's peak RSS (getrusage ru_maxrss) after the export. */
  peakRss: number;
  /** Peak RSS just before the export (after the reset, when peakReset). */
  peakBefore: number;
  /** The high-water mark was reset to the baseline before the export (/proc/self/clear_refs). */
  peakReset: boolean;
  heapBefore: number;
  /** V8 heap in use right after the export, before any forced GC (a lower bound of the heap peak). */
  heapAfter: number;
  externalAfter: number;
  ms: number;
  bytes: number;
}

/**
 * The process's peak RSS: VmHWM from /proc/self/status (the address space's high-water mark, which
 * clear_refs resets), else getrusage's maxRSS — which on Linux also keeps the peak of threads that
 * have exited, so a reset does not always show in it.
 */
function peakRssBytes(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** The child's side: one export in a fresh process, memory read around it. Prints one JSON line. */
async function memoryChild(dbFile: string, articleId: number, format: ReportFormat, viewer: Viewer): Promise<void> {
  const handle = openDatabase(dbFile);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const before = process.memoryUsage();
  // Linux: "5" resets the peak-RSS high-water mark to the current RSS, so the peak read after the
  // export is the export's own, not start-up's (tsx compiling every module peaks above the baseline).
  let peakReset = true;
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    peakReset = false;
  }
  const peakBefore = peakRssBytes();
  const t0 = performance.now();
  const input = loadReportInput(handle.db, viewer, articleId, {}, APP_URL);
  if (!input.ok) throw new Error(input.error.message);
  const report = await renderReport(format, input.value);
  const ms = performance.now() - t0;
  const after = process.memoryUsage();
  const peakRss = peakRssBytes();
  handle.sqlite.close();
  process.stdout.write(
    `${JSON.stringify({ baselineRss: before.rss, peakRss, peakBefore, peakReset, heapBefore: before.heapUsed, heapAfter: after.heapUsed, externalAfter: after.external + after.arrayBuffers, ms, bytes: byteLength(report.body) })}\n`,
  );
}

/** Runs memoryChild in a fresh Node process (tsx loader, --expose-gc), bounded to ten minutes. */
function measureMemoryOnce(seeded: Seeded, format: ReportFormat, size: number): Promise<MemorySample> {
  const args = ['--expose-gc', '--import', 'tsx', __filename, CHILD_FLAG, seeded.dbFile, String(seeded.articles.get(size)!.id), format, JSON.stringify(seeded.admin)];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, timeout: 600_000, maxBuffer: 1024 * 1024, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`memory child for ${format} × ${size} failed: ${error.message}\n${stderr}`));
      const line = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve({ format, size, ...(JSON.parse(line) as Omit<MemorySample, 'format' | 'size'>) });
      } catch {
        reject(new Error(`memory child for ${format} × ${size} printed no result:\n${stdout}\n${stderr}`));
      }
    });
  });
}

interface HttpSample {
  format: ReportFormat;
  size: number;
  status: number;
  ms: number;
  bytes: number;
  contentType: string;
}

/** GET /api/articles/:id/report once per format × size against a production server over the seeded file. */
async function measureHttp(ctx: BenchContext, seeded: Seeded, skip: (format: ReportFormat, size: number) => boolean): Promise<HttpSample[]> {
  const server = await ctx.startServer(seeded.dbFile);
  try {
    const token = await signIn(server.url, seeded.admin.email, seeded.adminPassword);
    const get = async (format: ReportFormat, size: number): Promise<HttpSample> => {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/articles/${seeded.articles.get(size)!.id}/report?format=${format}`, {
        headers: { cookie: sessionCookie(token) },
        signal: AbortSignal.timeout(300_000),
      });
      const body = await res.arrayBuffer();
      return { format, size, status: res.status, ms: performance.now() - t0, bytes: body.byteLength, contentType: res.headers.get('content-type') ?? '' };
    };
    const samples: HttpSample[] = [];
    for (const format of REPORT_FORMATS) {
      if (skip(format, EXPORT_SIZES[0])) continue;
      await get(format, EXPORT_SIZES[0]); // warm-up: loads the route's chunks and the format's code
      for (const size of EXPORT_SIZES) {
        if (skip(format, size)) {
          ctx.log(`HTTP ${format} × ${num(size)}: skipped (the in-process export takes over ${HTTP_SKIP_MS / 1000} s)`);
          continue;
        }
        const s = await get(format, size);
        samples.push(s);
        ctx.log(`HTTP ${format} × ${num(size)}: ${s.status} in ${ms(s.ms)}`);
      }
    }
    return samples;
  } finally {
    await server.stop();
  }
}

const PARTS = ['times', 'memory', 'http'] as const;

async function run(ctx: BenchContext): Promise<SuiteResult> {
  const runs = numberOption(ctx, 'runs', 7, 5, 50);
  const cellBudgetMs = numberOption(ctx, 'cell-budget', 120, 10, 3600) * 1000;
  const selected = partsOption(ctx, PARTS);
  const dir = ctx.tempDir('factmark-bench-export-');
  const seeded = await withTimeout(seed(ctx, dir), 10 * 60_000, 'seeding the export database');
  const times = selected.has('times') ? await withTimeout(measureTimes(ctx, seeded, runs, cellBudgetMs), 30 * 60_000, 'the export timings') : [];
  const memory: MemorySample[] = [];
  if (selected.has('memory')) {
    await withTimeout(
      (async () => {
        for (const format of REPORT_FORMATS) {
          for (const size of EXPORT_SIZES) {
            const m = await measureMemoryOnce(seeded, format, size);
            memory.push(m);
            ctx.log(`memory ${format} × ${num(size)}: peak ${bytes(m.peakRss)} (baseline ${bytes(m.baselineRss)})`);
          }
        }
      })(),
      15 * 60_000,
      'the export memory measurements',
    );
  }
  const slow = (format: ReportFormat, size: number) => median(times.filter((t) => t.format === format && t.size === size).map((t) => t.loadMs + t.renderMs)) > HTTP_SKIP_MS;
  const httpSamples = selected.has('http') ? await withTimeout(measureHttp(ctx, seeded, slow), 15 * 60_000, 'the HTTP export measurements') : [];
  const sections: Section[] = [];
  if (times.length) sections.push(timeSection(seeded, runs, cellBudgetMs, times));
  if (memory.length) sections.push(memorySection(memory));
  if (httpSamples.length) sections.push(httpSection(httpSamples));
  return { sections, raw: { times, memory, http: httpSamples } };
}

function timeSection(seeded: Seeded, runs: number, cellBudgetMs: number, times: TimingSample[]): Section {
  const [small, large] = EXPORT_SIZES;
  const pick = (format: ReportFormat, size: number) => times.filter((s) => s.format === format && s.size === size);
  const flagged: string[] = [];
  const rows = REPORT_FORMATS.map((format) => {
    const a = pick(format, small);
    const b = pick(format, large);
    const total = (xs: TimingSample[]) => median(xs.map((s) => s.loadMs + s.renderMs));
    const r = total(b) / total(a);
    const over = r > RATIO_TARGET;
    if (over) flagged.push(format);
    return [
      format,
      ms(median(a.map((s) => s.loadMs))),
      ms(median(a.map((s) => s.renderMs))),
      ms(total(a)),
      ms(median(b.map((s) => s.loadMs))),
      ms(median(b.map((s) => s.renderMs))),
      ms(total(b)),
      over ? `**${ratio(r)} — over ${RATIO_TARGET}×**` : ratio(r),
      ratio(median(b.map((s) => s.renderMs)) / median(a.map((s) => s.renderMs))),
      bytes(median(a.map((s) => s.bytes))),
      bytes(median(b.map((s) => s.bytes))),
      `${a.length} / ${b.length}`,
    ];
  });
  const a500 = seeded.articles.get(small)!;
  const a5000 = seeded.articles.get(large)!;
  return {
    title: `Export: 500 vs 5,000 annotations, time in-process (median of ${runs})`,
    table: {
      head: ['format', '500: load', '500: render', '500: total', '5,000: load', '5,000: render', '5,000: total', 'total 5,000/500', 'render 5,000/500', 'output 500', 'output 5,000', 'runs 500 / 5,000'],
      rows,
    },
    notes: [
      flagged.length ? `**Over the ${RATIO_TARGET}× target:** ${flagged.join(', ')}.` : `Every format is within the ${RATIO_TARGET}× target (10× is linear).`,
      `One generated article of ${num(seeded.words)} words (${num(seeded.codePoints)} code points of canonical text), stored twice in a fresh SQLite file through the query modules, with ${num(a500.annotations)} and ${num(a5000.annotations)} live annotations of 1–6 words by ${seeded.reviewers} reviewers (one admin). Spans are random with one in ten deliberately starting inside the previous one: ${num(a500.overlapping)} and ${num(a5000.overlapping)} annotations overlap an earlier one. Notes include commas, quotes, CR/LF newlines, Markdown/HTML metacharacters and formula prefixes (12 % empty, a few long); 0–3 sources each (${num(a500.sources)} / ${num(a5000.sources)} in all); history from \`updateAnnotation\` (status + note for 15 %, sources for 5 %) plus 2 % extra annotations created and deleted, which the report must leave out: ${num(a500.events)} / ${num(a5000.events)} history events. Seeding took ${(seeded.seedMs / 1000).toFixed(1)} s.`,
      `“load” is \`loadReportInput\` (article, annotations, sources, histories from SQLite), “render” is \`renderReport\` (model + format), both in-process after one unrecorded warm-up of every format × size; every round runs every format × size, the size order alternating. A cell whose warm-up took over ${SLOW_CELL_MS / 1000} s keeps the warm-up as a sample and gets only as many runs as fit in ${cellBudgetMs / 1000} s (column “runs”).`,
    ],
  };
}

function memorySection(memory: MemorySample[]): Section {
  const small = EXPORT_SIZES[0];
  const mem = (format: ReportFormat, size: number) => memory.find((m) => m.format === format && m.size === size);
  return {
    title: 'Export: peak memory (one export in a fresh process per format × size)',
    table: {
      head: ['format', 'annotations', 'baseline RSS', 'peak RSS', 'Δ peak', 'Δ 5,000/500', 'heap after', 'external + ArrayBuffers', 'cold export time'],
      rows: REPORT_FORMATS.flatMap((format) =>
        EXPORT_SIZES.map((size) => {
          const m = mem(format, size);
          if (!m) return [format, num(size), '–', '–', '–', '–', '–', '–', '–'];
          const delta = m.peakRss - m.baselineRss;
          const base = mem(format, small);
          return [
            format,
            num(size),
            bytes(m.baselineRss),
            bytes(m.peakRss),
            `${!m.peakReset && m.peakRss <= m.peakBefore ? '≤ ' : ''}${bytes(delta)}`,
            size === small || !base ? '' : ratio(delta / (base.peakRss - base.baselineRss)),
            bytes(m.heapAfter),
            bytes(m.externalAfter),
            ms(m.ms),
          ];
        }),
      ),
    },
    notes: [
      'Each cell is a child Node process (tsx, `--expose-gc`) that loads the modules, opens the database, runs two full GCs, reads its RSS (“baseline”), resets the kernel’s peak-RSS high-water mark to it (`echo 5 > /proc/self/clear_refs`), then runs `loadReportInput` + `renderReport` once, cold.',
      '“peak” is `VmHWM` from `/proc/self/status` after the export — the kernel’s high-water mark of resident memory, so nothing between samples is missed, and thanks to the reset it is the export’s own peak, not start-up’s (getrusage’s maxRSS is not used: it keeps the peak of exited threads, which the reset does not clear); “Δ peak” = peak − baseline. (Where the reset is refused, a “≤” marks cells whose peak may be start-up’s: Δ is then an upper bound.) “heap after” is V8’s used heap right after the export, before any GC (a lower bound of its heap peak).',
    ],
  };
}

function httpSection(httpSamples: HttpSample[]): Section {
  const [small, large] = EXPORT_SIZES;
  const h = (format: ReportFormat, size: number) => httpSamples.find((s) => s.format === format && s.size === size);
  return {
    title: 'Export: the HTTP endpoint (`GET /api/articles/:id/report?format=…`, one request each)',
    table: {
      head: ['format', 'status', 'content type', '500', '5,000', '5,000/500', 'body 5,000'],
      rows: REPORT_FORMATS.map((format) => {
        const a = h(format, small);
        const b = h(format, large);
        return [format, `${a?.status ?? '–'} / ${b?.status ?? '–'}`, b?.contentType ?? '–', a ? ms(a.ms) : '–', b ? ms(b.ms) : '–', a && b ? ratio(b.ms / a.ms) : '–', b ? bytes(b.bytes) : '–'];
      }),
    },
    notes: [
      `\`next start\` (production build) over the same SQLite file, signed in as the admin; one unrecorded warm-up request per format (500 annotations), then one request at 500 and one at 5,000. Time is request sent → last byte received on loopback. Single samples: indicative only. Cells whose in-process export takes over ${HTTP_SKIP_MS / 1000} s are skipped (–).`,
    ],
  };
}

export const exportSuite: Suite = {
  name: 'export',
  summary: 'Report export with 500 and 5,000 annotations in every format: time, 5,000/500 ratio, peak memory.',
  run,
};

// The memory child: `node --expose-gc --import tsx bench/export-suite.ts <flag> <db> <article> <format> <viewer JSON>`.
if (process.argv[2] === CHILD_FLAG) {
  const [dbFile, articleId, format, viewer] = process.argv.slice(3);
  memoryChild(dbFile, Number(articleId), format as ReportFormat, JSON.parse(viewer) as Viewer).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
