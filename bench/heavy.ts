// The heavy-work suite (issue 11, target 2): PDF rendering and imports off the request path. Two
// servers of the same build on copies of one database — the worker pool (the default) and, as
// the baseline of the same run, the heavy work inline on the request thread (FACTMARK_WORKERS=
// inline, the app before the pool, but with the streamed PDF) — each measured for:
//   1. the 5,000/500 PDF time ratio (target ≤ 12×), each size alone, median of --runs;
//   2. the PDF's peak memory at 5,000 annotations above the idle server (target ≤ 200 MB): the
//      resident memory of the whole server process tree, worker threads included (they share the
//      process), sampled every 25 ms and read as the kernel's high-water mark;
//   3. event-loop delay p99 of the request thread (perf_hooks.monitorEventLoopDelay, served by
//      /api/bench/metrics with FACTMARK_BENCH_METRICS=1) while --pdfs 5,000-annotation PDFs
//      render and --reviewers reviewers annotate (target ≤ 50 ms), beside the reviewers alone;
//   4. a burst of --burst PDF requests at once: the pool's bounded queue answers the excess 503
//      with Retry-After at once; inline, every request is taken and the polls wait.
// Options: --reviewers=20 --pdfs=3 --runs=3 --quiet-s=15 --burst=24 --modes=pool,inline; --profile
// runs the loaded phase once more on a pool server under --cpu-prof and names the request thread's
// top frames.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/client';
import { summariseProfile, type ProfileSummary } from './cpu-profile';
import { generateAnnotations, generateArticle, prng, type GeneratedArticle } from './generate';
import { startNoiseMeter } from './machine';
import { median, ms, num, percentile, ratio, verdict, type Section } from './report';
import { createAccount, createUsers, insertAnnotations, insertArticle, type BenchUser } from './seed';
import { sessionCookie, signIn, type BenchServer } from './server';
import { numberOption, withTimeout, type BenchContext, type Suite } from './suite';

const MODES = ['pool', 'inline'] as const;
type Mode = (typeof MODES)[number];
const SIZES = [500, 5_000] as const;
const ARTICLE_WORDS = 20_000;
const DESK_WORDS = 2_000;
const TARGET = { p99Ms: 50, peakMb: 200, ratio: 12 };
const MB = 1024 * 1024;

interface Metrics {
  eventLoop: { samples: number; p50: number; p99: number; max: number; mean: number };
  workers: { queued: number; running: number; completed: number; refused: number };
}

interface Seeded {
  file: string;
  admin: BenchUser;
  reviewers: BenchUser[];
  pdfArticle: Record<(typeof SIZES)[number], number>;
  /** The articles the reviewers annotate, one per reviewer (four shared), and their text. */
  desk: { id: number; article: GeneratedArticle }[];
}

async function seed(ctx: BenchContext, reviewers: number): Promise<Seeded> {
  const started = performance.now();
  const file = path.join(ctx.tempDir('factmark-heavy-'), 'seed.db');
  const { db, sqlite } = openDatabase(file);
  try {
    const admin = await createAccount(db, { email: 'heavy-admin@factmark.test', name: 'Desk Admin', role: 'admin', password: 'heavy-admin-password' });
    const people = await createUsers(db, reviewers, 'heavy');
    const article = generateArticle(4111, ARTICLE_WORDS);
    const pdfArticle = {} as Seeded['pdfArticle'];
    for (const size of SIZES) {
      pdfArticle[size] = insertArticle(db, admin, article, `Heavy bench: ${num(size)} annotations`);
      insertAnnotations(db, people, pdfArticle[size], article, generateAnnotations(size, article, size, 0.15, people.length));
    }
    const desk = [0, 1, 2, 3].map((i) => {
      const text = generateArticle(5200 + i, DESK_WORDS);
      return { id: insertArticle(db, admin, text, `Heavy bench desk ${i + 1}`), article: text };
    });
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    ctx.log(`heavy: seeded ${SIZES.map((s) => num(s)).join(' + ')} annotations and ${reviewers} reviewers in ${ms(performance.now() - started)}`);
    return { file, admin, reviewers: people, pdfArticle, desk };
  } finally {
    sqlite.close();
  }
}

/** Resident memory (bytes) of a process and its descendants, from /proc; `field` VmRSS or VmHWM. */
function treeMemory(rootPid: number, field: 'VmRSS' | 'VmHWM'): number {
  const pids = treePids(rootPid);
  let total = 0;
  for (const pid of pids) {
    try {
      const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

function treePids(rootPid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // ended meanwhile
    }
  }
  const out = [rootPid];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parents) if (ppid === out[i]) out.push(pid);
  return out;
}

/** Resets the kernel's high-water mark of every process of the tree to its current RSS; false where refused. */
function resetHighWater(rootPid: number): boolean {
  let ok = true;
  for (const pid of treePids(rootPid)) {
    try {
      fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      ok = false;
    }
  }
  return ok;
}

/** Requests whose connection failed in the current mode, with why. */
const networkErrors: string[] = [];

class Session {
  constructor(
    readonly server: BenchServer,
    readonly cookie: string,
  ) {}

  static async open(server: BenchServer, user: BenchUser): Promise<Session> {
    return new Session(server, sessionCookie(await signIn(server.url, user.email, user.password)));
  }

  /** Status, time to the headers, time to the last byte, bytes, and the headers. */
  /** Status 0 when the connection failed (the reason goes to `networkErrors`). */
  async request(method: string, url: string, body?: unknown) {
    const started = performance.now();
    try {
      const res = await fetch(`${this.server.url}${url}`, {
        method,
        headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const headersMs = performance.now() - started;
      const size = (await res.arrayBuffer()).byteLength;
      return { status: res.status, headersMs, ms: performance.now() - started, size, headers: res.headers };
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
      networkErrors.push(`${method} ${url} after ${ms(performance.now() - started)}: ${error instanceof Error ? error.message : String(error)}${cause}`);
      return { status: 0, headersMs: Number.NaN, ms: performance.now() - started, size: 0, headers: new Headers() };
    }
  }

  async metrics(reset = false): Promise<Metrics> {
    const res = await fetch(`${this.server.url}/api/bench/metrics${reset ? '?reset=1' : ''}`, { headers: { cookie: this.cookie } });
    if (!res.ok) throw new Error(`/api/bench/metrics answered ${res.status}: start the server with FACTMARK_BENCH_METRICS=1`);
    return (await res.json()) as Metrics;
  }
}

interface ReviewerLog {
  latencies: number[];
  failures: number;
}

/** Reviewers annotating their desk article until `stop` resolves: a new verdict, then the changes since, then 0.5–1.5 s of thought. */
async function annotate(sessions: Session[], desk: Seeded['desk'], stop: Promise<void>): Promise<ReviewerLog> {
  const log: ReviewerLog = { latencies: [], failures: 0 };
  let stopped = false;
  void stop.then(() => (stopped = true));
  await Promise.all(
    sessions.map(async (s, i) => {
      const rand = prng(9000 + i);
      const { id, article } = desk[i % desk.length];
      let since = Date.now();
      while (!stopped) {
        const w = Math.floor(rand() * (article.words.length - 4));
        const made = await s.request('POST', `/api/articles/${id}/annotations`, { start: article.words[w].start, end: article.words[w + 1 + Math.floor(rand() * 3)].end, status: 'verified', note: `bench ${i}` });
        const polled = await s.request('GET', `/api/articles/${id}/annotations?since=${since}`);
        since = Date.now() - 1000;
        for (const r of [made, polled]) {
          log.latencies.push(r.ms);
          if (r.status === 0 || r.status >= 300) log.failures++;
        }
        await Promise.race([new Promise((resolve) => setTimeout(resolve, 500 + rand() * 1000)), stop]);
      }
    }),
  );
  return log;
}

/** Reviewers annotating while `pdfs` PDFs of 5,000 render at once, until the last is done; the loop delay meanwhile. */
async function loadedPhase(admin: Session, reviewers: Session[], seeded: Seeded, pdfs: number) {
  await admin.metrics(true);
  const t = performance.now();
  const renders = Promise.all(Array.from({ length: pdfs }, () => admin.request('GET', `/api/articles/${seeded.pdfArticle[5_000]}/report?format=pdf`)));
  const log = await annotate(
    reviewers,
    seeded.desk,
    renders.then(() => undefined),
  );
  const done = await renders;
  return { loop: (await admin.metrics(true)).eventLoop, reviewers: log, seconds: (performance.now() - t) / 1000, pdfMs: done.map((r) => r.ms), pdfStatus: done.map((r) => r.status) };
}

/** The main thread's profile among a server's .cpuprofile files (`CPU.<date>.<time>.<pid>.<thread>.<n>`; thread 0 is the main one), the largest if several processes wrote one. */
function mainThreadProfile(dir: string): string | undefined {
  const files = fs.readdirSync(dir).filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  return files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
}

interface Profiled {
  seconds: number;
  loop: Metrics['eventLoop'];
  requests: number;
  summary: ProfileSummary;
}

/** The loaded phase once more, on a pool server under `node --cpu-prof`: where the request thread's time goes. */
async function profileLoaded(ctx: BenchContext, seeded: Seeded, pdfs: number): Promise<Profiled | undefined> {
  const file = path.join(path.dirname(seeded.file), 'profile.db');
  fs.copyFileSync(seeded.file, file);
  const dir = ctx.tempDir('factmark-heavy-cpuprof-');
  const server = await ctx.startServer(file, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`], env: { FACTMARK_BENCH_METRICS: '1' } });
  let phase: Awaited<ReturnType<typeof loadedPhase>>;
  try {
    const admin = await Session.open(server, seeded.admin);
    const reviewers = await Promise.all(seeded.reviewers.map((r) => Session.open(server, r)));
    await admin.request('GET', `/api/articles/${seeded.pdfArticle[500]}/report?format=pdf`);
    ctx.log(`heavy: profiling the request thread while ${pdfs} PDFs render`);
    phase = await loadedPhase(admin, reviewers, seeded, pdfs);
  } finally {
    // The profile is written as the process exits.
    await server.stop();
  }
  const main = mainThreadProfile(dir);
  if (!main) {
    ctx.log('heavy: no main-thread .cpuprofile was written');
    return undefined;
  }
  fs.mkdirSync(path.join(__dirname, 'out'), { recursive: true });
  fs.copyFileSync(main, path.join(__dirname, 'out', 'heavy-main-thread.cpuprofile'));
  // The phase only, not the start-up and sign-ins before it.
  return { seconds: phase.seconds, loop: phase.loop, requests: phase.reviewers.latencies.length, summary: summariseProfile(main, 15, (phase.seconds + 0.5) * 1000) };
}

interface ModeResult {
  mode: Mode;
  noiseCores: number;
  pdfMs: Record<(typeof SIZES)[number], number[]>;
  pdfBytes: number;
  memory: { baseline: number; sampledPeak: number; highWater: number | null; renderMs: number };
  quiet: { loop: Metrics['eventLoop']; reviewers: ReviewerLog; seconds: number };
  loaded: { loop: Metrics['eventLoop']; reviewers: ReviewerLog; seconds: number; pdfMs: number[]; pdfStatus: number[] };
  burst: { statuses: number[]; refusedMs: number[]; acceptedMs: number[]; retryAfter: string[]; pollMs: number[] };
  networkErrors: string[];
}

async function measureMode(ctx: BenchContext, seeded: Seeded, mode: Mode, opts: { runs: number; pdfs: number; quietS: number; burst: number }): Promise<ModeResult> {
  const file = path.join(path.dirname(seeded.file), `${mode}.db`);
  fs.copyFileSync(seeded.file, file);
  const server = await ctx.startServer(file, { env: { FACTMARK_BENCH_METRICS: '1', ...(mode === 'inline' ? { FACTMARK_WORKERS: 'inline' } : {}) } });
  const noise = startNoiseMeter();
  try {
    const admin = await Session.open(server, seeded.admin);
    const reviewers = await Promise.all(seeded.reviewers.map((r) => Session.open(server, r)));
    const pdf = (size: (typeof SIZES)[number]) => admin.request('GET', `/api/articles/${seeded.pdfArticle[size]}/report?format=pdf`);

    // Warm-up: the pool's threads start and load pdfkit and the report modules.
    for (const size of SIZES) await pdf(size);
    await admin.request('POST', '/api/articles/preview', { format: 'html', content: '<h1>Warm</h1><p>Up.</p>' });

    ctx.log(`heavy ${mode}: PDF time, ${opts.runs} runs per size`);
    const pdfMs = { 500: [] as number[], 5000: [] as number[] };
    let pdfBytes = 0;
    for (let run = 0; run < opts.runs; run++) {
      for (const size of run % 2 ? [...SIZES].reverse() : SIZES) {
        const r = await pdf(size);
        if (r.status !== 200) throw new Error(`PDF ${size} answered ${r.status}`);
        pdfMs[size].push(r.ms);
        if (size === 5_000) pdfBytes = r.size;
      }
    }

    ctx.log(`heavy ${mode}: PDF memory at 5,000`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      idle.push(treeMemory(server.pid, 'VmRSS'));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const baseline = median(idle);
    const reset = resetHighWater(server.pid);
    let sampledPeak = baseline;
    const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, treeMemory(server.pid, 'VmRSS'))), 25);
    const rendered = await pdf(5_000);
    clearInterval(sampler);
    const memory = { baseline, sampledPeak, highWater: reset ? treeMemory(server.pid, 'VmHWM') : null, renderMs: rendered.ms };

    ctx.log(`heavy ${mode}: ${reviewers.length} reviewers annotating for ${opts.quietS} s`);
    await admin.metrics(true);
    const t = performance.now();
    const quietLog = await annotate(reviewers, seeded.desk, new Promise((resolve) => setTimeout(resolve, opts.quietS * 1000)));
    const quiet = { loop: (await admin.metrics(true)).eventLoop, reviewers: quietLog, seconds: (performance.now() - t) / 1000 };

    ctx.log(`heavy ${mode}: ${reviewers.length} reviewers annotating while ${opts.pdfs} PDFs of 5,000 render`);
    const loaded = await loadedPhase(admin, reviewers, seeded, opts.pdfs);

    ctx.log(`heavy ${mode}: a burst of ${opts.burst} PDF requests`);
    const burstRequests = Array.from({ length: opts.burst }, () => pdf(500));
    const pollMs: number[] = [];
    let bursting = true;
    const finished = Promise.all(burstRequests).finally(() => (bursting = false));
    while (bursting) {
      pollMs.push((await reviewers[0].request('GET', `/api/articles/${seeded.desk[0].id}/annotations?since=${Date.now()}`)).ms);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const answers = await finished;
    const burst = {
      statuses: answers.map((r) => r.status),
      refusedMs: answers.filter((r) => r.status === 503).map((r) => r.ms),
      acceptedMs: answers.filter((r) => r.status === 200).map((r) => r.ms),
      retryAfter: answers.filter((r) => r.status === 503).map((r) => r.headers.get('retry-after') ?? 'missing'),
      pollMs,
    };
    if (networkErrors.length) ctx.log(`heavy ${mode}: ${networkErrors.length} requests failed, e.g. ${networkErrors.slice(0, 3).join('; ')}\nserver output (end):\n${server.output().slice(-3000)}`);
    return { mode, noiseCores: noise(), pdfMs, pdfBytes, memory, quiet, loaded, burst, networkErrors: networkErrors.splice(0) };
  } finally {
    await server.stop();
  }
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const p = (samples: number[], q: number) => ms(percentile(samples, q));

function profileSections(p: Profiled, pdfs: number): Section[] {
  const share = (v: number) => `${(v * 100).toFixed(1)} %`;
  const busy = `${ms(p.summary.busyMs)} busy of ${(p.seconds * 1000).toFixed(0)} ms`;
  return [
    {
      title: `Where the request thread’s time goes while ${pdfs} PDFs render in the pool (--cpu-prof, ${p.seconds.toFixed(1)} s, ${num(p.requests)} reviewer requests, loop p99 ${ms(p.loop.p99)}): by area`,
      table: { head: ['area', 'self time', 'share of busy'], rows: p.summary.areas.map((a) => [a.area, ms(a.selfMs), share(a.share)]) },
      notes: [`The main thread was ${busy}; the rest it was idle. Profile: bench/out/heavy-main-thread.cpuprofile.`],
    },
    {
      title: 'The same, top functions by self time',
      table: { head: ['function', 'where', 'area', 'self time', 'share'], rows: p.summary.frames.map((f) => [f.name, f.where, f.area, ms(f.selfMs), share(f.share)]) },
    },
  ];
}

function tables(results: ModeResult[], opts: { reviewers: number; pdfs: number; burst: number; runs: number }): Section[] {
  const pool = results.find((r) => r.mode === 'pool');
  const label = (r: ModeResult) => (r.mode === 'pool' ? 'worker pool' : 'inline (no pool, baseline)');
  return [
    {
      title: `Event-loop delay of the request thread: ${opts.reviewers} reviewers annotating, alone and while ${opts.pdfs} PDFs of 5,000 annotations render`,
      table: {
        head: ['mode', 'phase', 'time', 'loop samples', 'loop p50', 'loop p99', 'loop max', 'reviewer requests', 'reviewer p50', 'reviewer p95', 'reviewer max', 'failed', 'PDFs (each, to last byte)'],
        rows: results.flatMap((r) => [
          [label(r), 'reviewers alone', `${r.quiet.seconds.toFixed(1)} s`, num(r.quiet.loop.samples), ms(r.quiet.loop.p50), ms(r.quiet.loop.p99), ms(r.quiet.loop.max), num(r.quiet.reviewers.latencies.length), p(r.quiet.reviewers.latencies, 50), p(r.quiet.reviewers.latencies, 95), ms(Math.max(...r.quiet.reviewers.latencies)), num(r.quiet.reviewers.failures), '–'],
          [label(r), `+ ${opts.pdfs} PDFs`, `${r.loaded.seconds.toFixed(1)} s`, num(r.loaded.loop.samples), ms(r.loaded.loop.p50), ms(r.loaded.loop.p99), ms(r.loaded.loop.max), num(r.loaded.reviewers.latencies.length), p(r.loaded.reviewers.latencies, 50), p(r.loaded.reviewers.latencies, 95), ms(Math.max(...r.loaded.reviewers.latencies)), num(r.loaded.reviewers.failures), r.loaded.pdfMs.map((v, i) => `${ms(v)} (${r.loaded.pdfStatus[i]})`).join(', ')],
        ]),
      },
      notes: [
        `Target: loop p99 ≤ ${TARGET.p99Ms} ms with the pool while the PDFs render — ${pool ? verdict(pool.loaded.loop.p99, TARGET.p99Ms, ms) : 'not measured'}.`,
        'Loop delay: perf_hooks.monitorEventLoopDelay (10 ms resolution) in the server, reset at the start of each phase and read at its end (/api/bench/metrics). It records one sample per timer turn, so a thread blocked for seconds adds one large sample, not many: read p99 beside max and the reviewers’ own latencies.',
        'Reviewer: a new verdict (POST) then the changes since (GET ?since=) on one of four 2,000-word articles, then 0.5–1.5 s of thought; request latency to the last byte. The loaded phase lasts until the last PDF is done.',
      ],
    },
    {
      title: 'PDF time: 500 vs 5,000 annotations (each alone, request → last byte)',
      table: {
        head: ['mode', '500 (median)', '5,000 (median)', '5,000/500', `runs`, '5,000 size'],
        rows: results.map((r) => [label(r), ms(median(r.pdfMs[500])), ms(median(r.pdfMs[5000])), ratio(median(r.pdfMs[5000]) / median(r.pdfMs[500])), num(opts.runs), mb(r.pdfBytes)]),
      },
      notes: results.map((r) => `${label(r)}: ${verdict(median(r.pdfMs[5000]) / median(r.pdfMs[500]), TARGET.ratio, ratio)} (target ≤ ${TARGET.ratio}×).`),
    },
    {
      title: 'PDF peak memory at 5,000 annotations (the whole server process tree, worker threads included)',
      table: {
        head: ['mode', 'idle RSS (baseline)', 'peak RSS (sampled 25 ms)', 'Δ sampled', 'Δ high-water mark', 'render'],
        rows: results.map((r) => [label(r), mb(r.memory.baseline), mb(r.memory.sampledPeak), mb(r.memory.sampledPeak - r.memory.baseline), r.memory.highWater === null ? 'not available' : mb(r.memory.highWater - r.memory.baseline), ms(r.memory.renderMs)]),
      },
      notes: [
        'Baseline: median RSS over 1 s of the idle server after the warm-up and timing runs (the pool’s threads started). High-water mark: VmHWM after resetting it to the current RSS (`echo 5 > /proc/<pid>/clear_refs`) just before the render, summed over the tree.',
        ...results.map((r) => `${label(r)}: ${verdict((Math.max(r.memory.sampledPeak, r.memory.highWater ?? 0) - r.memory.baseline) / MB, TARGET.peakMb, (v) => `${v.toFixed(0)} MB`)} (target ≤ ${TARGET.peakMb} MB above the baseline).`),
      ],
    },
    {
      title: `A burst of ${opts.burst} PDF requests (500 annotations) at once, with a reviewer polling`,
      table: {
        head: ['mode', '200', '503', 'Retry-After (s)', '503 answered in (median / max)', '200 answered in (max)', 'polls', 'poll max'],
        rows: results.map((r) => [
          label(r),
          num(r.burst.statuses.filter((s) => s === 200).length),
          num(r.burst.statuses.filter((s) => s === 503).length),
          r.burst.retryAfter.length ? [...new Set(r.burst.retryAfter)].join(', ') : '–',
          r.burst.refusedMs.length ? `${p(r.burst.refusedMs, 50)} / ${ms(Math.max(...r.burst.refusedMs))}` : '–',
          r.burst.acceptedMs.length ? ms(Math.max(...r.burst.acceptedMs)) : '–',
          num(r.burst.pollMs.length),
          r.burst.pollMs.length ? ms(Math.max(...r.burst.pollMs)) : '–',
        ]),
      },
      notes: ['With the pool, what the threads and the queue (WORKER_QUEUE_SIZE, default 16) cannot take is refused at once with 503 and a Retry-After; inline, every request is taken and they run one after another on the request thread.'],
    },
    ...results
      .filter((r) => r.networkErrors.length > 0)
      .map((r) => ({ title: `Requests whose connection failed (${label(r)})`, table: { head: ['request'], rows: r.networkErrors.slice(0, 10).map((e) => [e]) } })),
    {
      title: 'Machine noise',
      table: { head: ['mode', 'other processes’ CPU meanwhile (cores)'], rows: results.map((r) => [label(r), r.noiseCores.toFixed(2)]) },
    },
  ];
}

export const heavySuite: Suite = {
  name: 'heavy',
  summary: 'Heavy work off the request path (issue 11, target 2): event-loop delay p99 while three 5,000-annotation PDFs render and 20 reviewers annotate, PDF peak memory and 5,000/500 time ratio, and a full queue’s 503 — worker pool against inline in the same run.',
  async run(ctx) {
    const opts = {
      reviewers: numberOption(ctx, 'reviewers', 20, 1, 100),
      pdfs: numberOption(ctx, 'pdfs', 3, 1, 10),
      runs: numberOption(ctx, 'runs', 3, 1, 15),
      quietS: numberOption(ctx, 'quiet-s', 15, 3, 300),
      burst: numberOption(ctx, 'burst', 24, 2, 100),
    };
    const modes = (ctx.options.modes ?? MODES.join(',')).split(',') as Mode[];
    if (modes.some((m) => !MODES.includes(m))) throw new Error(`--modes takes ${MODES.join(', ')}`);
    const seeded = await withTimeout(seed(ctx, opts.reviewers), 15 * 60_000, 'seeding');
    const results: ModeResult[] = [];
    for (const mode of modes) results.push(await withTimeout(measureMode(ctx, seeded, mode, opts), 30 * 60_000, `the ${mode} measurements`));
    const profiled = ctx.options.profile ? await withTimeout(profileLoaded(ctx, seeded, opts.pdfs), 15 * 60_000, 'the profiled run') : undefined;
    const sections = [...tables(results, opts), ...(profiled ? profileSections(profiled, opts.pdfs) : [])];
    const problems = results.flatMap((r) => [
      ...(r.loaded.pdfStatus.some((s) => s !== 200) ? [`${r.mode}: a loaded-phase PDF did not answer 200`] : []),
      ...(r.networkErrors.length ? [`${r.mode}: ${r.networkErrors.length} requests failed (${r.networkErrors[0]})`] : []),
    ]);
    return { sections, raw: { results, profile: profiled?.summary }, problems };
  },
};
