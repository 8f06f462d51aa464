// The throughput suite (issue 11, target 4): POST /api/articles/:id/annotations at 50 concurrent
// clients against `next start`, beside a floor measured in the same run — a bare node:http server
// (bench/floor-server.ts) doing the same validated insert and history event on a copy of the same
// database at the same concurrency — and, with --baseline-build, the same load against a build
// kept from before a change. With --profile, one more run under `node --cpu-prof` names the top
// frames. Target: ≥ 2× the 236 requests/s measured before (issue 11) at p95 ≤ 100 ms.
// Options: --concurrency=50 --seconds=15 (per round and server) --rounds=2 --requests=100000
//          --baseline-build=<a build folder, e.g. .next-bench-before> --profile --profile-seconds=15
//          --synchronous=full,normal (SQLite's mode for the servers: FULL is production's)
//          --group-commit (one more floor: writes of one event-loop turn share a commit)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db/client';
import { STATUSES } from '../lib/annotations/status';
import { largestProfile, summariseProfile, type ProfileSummary } from './cpu-profile';
import { generateAnnotations, generateArticle, prng, randomPassages } from './generate';
import { startNoiseMeter } from './machine';
import { postLoad, type PostBody, type PostLoadResult } from './post-load';
import { ms, num, percentile, ratio, verdict, type Section, type SuiteResult } from './report';
import { createUsers, insertAnnotations, insertArticle, type BenchUser } from './seed';
import { processTreeCpuSeconds, ROOT, signIn, type BenchServer } from './server';
import { inBatches, numberOption, type BenchContext, type Suite } from './suite';

/** Issue 11: today's throughput and p95 at 50 clients, before this work. */
const BEFORE = { requestsPerSecond: 236, p95: 263 };
const TARGET_FACTOR = 2;
const TARGET_P95 = 100;
const SEED = 20_250_101;
const WORDS = 20_000;
const EXISTING = 5_000;
const AUTHORS = 10;

/** The database every server gets a copy of: reviewers, and a 20,000-word article with 5,000 annotations (as the annotations suite). */
async function seedDatabase(file: string): Promise<{ users: BenchUser[]; articleId: number; bodies: PostBody[] }> {
  const article = generateArticle(SEED, WORDS);
  const specs = generateAnnotations(SEED + 1, article, EXISTING, 0.15, AUTHORS);
  const handle = openDatabase(file);
  try {
    const users = await createUsers(handle.db, AUTHORS, 'tp');
    const articleId = insertArticle(handle.db, users[0], article, `Throughput article with ${EXISTING} annotations`);
    insertAnnotations(handle.db, users, articleId, article, specs);
    handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const rand = prng(SEED + 5);
    const bodies = randomPassages(SEED + 4, article, 2000).map((p) => ({ start: p.start, end: p.end, status: STATUSES[Math.floor(rand() * 3)], exact: article.index.slice(p.start, p.end) }));
    return { users, articleId, bodies };
  } finally {
    handle.sqlite.close();
  }
}

function copyOf(file: string, dir: string): string {
  const copy = path.join(dir, path.basename(file));
  fs.copyFileSync(file, copy);
  return copy;
}

/** bench/floor-server.ts in its own Node process on `file`, as the first reviewer. */
async function startFloorServer(ctx: BenchContext, file: string, viewerId: number, env: Record<string, string>): Promise<BenchServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'floor-server.ts'), file, String(viewerId)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (d) => (output = (output + d).slice(-10_000)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000).unref())]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  ctx.onCleanup(stop);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the floor server did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      const m = /listening (\d+)/.exec(String(d));
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`the floor server exited with ${code}:\n${output}`)));
  });
  const pid = child.pid!;
  return { url: `http://127.0.0.1:${port}`, databaseFile: file, pid, output: () => output, cpuSeconds: () => processTreeCpuSeconds(pid), stop };
}

interface Target {
  /** SQLite's synchronous mode for the server's connection. */
  mode: string;
  label: string;
  server: BenchServer;
  tokens: string[];
}

interface Pooled {
  label: string;
  latencies: number[];
  seconds: number;
  errors: number;
  firstErrors: string[];
  serverCores: number[];
  clientCores: number[];
  rounds: number[];
  /** Server CPU seconds over all rounds. */
  serverCpu: number;
}

function pool(label: string, runs: PostLoadResult[]): Pooled {
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  return {
    label,
    latencies: runs.flatMap((r) => r.latencies),
    seconds,
    errors: runs.reduce((s, r) => s + r.errors, 0),
    firstErrors: runs.flatMap((r) => r.firstErrors).slice(0, 3),
    serverCores: runs.map((r) => r.serverCores),
    clientCores: runs.map((r) => r.clientCores),
    rounds: runs.map((r) => r.requestsPerSecond),
    serverCpu: runs.reduce((s, r) => s + r.serverCores * r.seconds, 0),
  };
}

const rate = (p: Pooled) => p.latencies.length / p.seconds;

const SYNCHRONOUS_MODES = ['FULL', 'NORMAL'];

/** A server's environment: production's own for FULL; otherwise bench/sqlite-preload.cjs sets the synchronous mode. */
function serverEnv(mode: string): Record<string, string> {
  if (mode === 'FULL') return {};
  return { NODE_OPTIONS: `--require ${path.join(__dirname, 'sqlite-preload.cjs')}`, FACTMARK_BENCH_SYNCHRONOUS: mode };
}

async function run(ctx: BenchContext): Promise<SuiteResult> {
  const concurrency = numberOption(ctx, 'concurrency', 50, 1, 500);
  const seconds = numberOption(ctx, 'seconds', 15, 2, 300);
  const rounds = numberOption(ctx, 'rounds', 2, 1, 20);
  const maxRequests = numberOption(ctx, 'requests', 100_000, 100, 10_000_000);
  const profileSeconds = numberOption(ctx, 'profile-seconds', 15, 2, 300);
  const baselineBuild = ctx.options['baseline-build'] ? path.resolve(ROOT, ctx.options['baseline-build']) : undefined;
  if (baselineBuild && !fs.existsSync(path.join(baselineBuild, 'BUILD_ID'))) throw new Error(`--baseline-build: no build in ${baselineBuild} (BUILD_ID missing)`);

  const dir = ctx.tempDir('factmark-bench-throughput-');
  ctx.log(`throughput: seeding a ${num(WORDS)}-word article with ${num(EXISTING)} annotations`);
  const seedFile = path.join(dir, 'seed.db');
  const { users, articleId, bodies } = await seedDatabase(seedFile);
  const sessions = Array.from({ length: concurrency }, (_, i) => users[i % users.length]);

  // Each synchronous mode gets its own servers (the mode is set when a connection opens).
  const modes = (ctx.options.synchronous ?? 'full,normal').split(',').map((m) => m.trim().toUpperCase());
  const bad = modes.filter((m) => !SYNCHRONOUS_MODES.includes(m));
  if (bad.length) throw new Error(`--synchronous takes ${SYNCHRONOUS_MODES.join(', ')} (got ${bad.join(', ')})`);
  const variants: { label: string; buildDir?: string; floor?: boolean; groupCommit?: boolean }[] = [
    { label: 'next start (this build)' },
    ...(baselineBuild ? [{ label: `next start (${path.basename(baselineBuild)})`, buildDir: baselineBuild }] : []),
    ...(ctx.options['group-commit'] ? [{ label: 'floor + group commit', floor: true, groupCommit: true }] : []),
    { label: 'floor: node:http, same insert', floor: true },
  ];
  const targets: Target[] = [];
  for (const mode of modes) {
    for (const v of variants) {
      const env = serverEnv(mode);
      const file = copyOf(seedFile, ctx.tempDir('factmark-bench-tp-db-'));
      if (v.floor) {
        const floorEnv = v.groupCommit ? { ...env, FACTMARK_FLOOR_GROUP_COMMIT: '1' } : env;
        targets.push({ mode, label: v.label, server: await startFloorServer(ctx, file, users[0].id, floorEnv), tokens: ['-'] });
        continue;
      }
      const server = await ctx.startServer(file, { buildDir: v.buildDir, env });
      targets.push({ mode, label: v.label, server, tokens: await inBatches(sessions, 4, (u) => signIn(server.url, u.email, u.password)) });
    }
  }

  const common = { articleId, bodies, concurrency, warmupRequests: 4 * concurrency, maxRequests, maxSeconds: seconds };
  const key = (t: { mode: string; label: string }) => `${t.mode} ${t.label}`;
  const results = new Map<string, PostLoadResult[]>(targets.map((t) => [key(t), []]));
  const noise = startNoiseMeter();
  for (let r = 0; r < rounds; r++) {
    // The order rotates each round, so drift on the shared machine hits every server alike.
    const order = targets.map((_, i) => targets[(i + r) % targets.length]);
    for (const t of order) {
      ctx.log(`throughput: round ${r + 1}/${rounds}, ${t.label}, synchronous=${t.mode}: ${concurrency} clients for ${seconds} s`);
      const result = await postLoad({ ...common, server: t.server, tokens: t.tokens });
      ctx.log(`throughput:   ${num(result.requestsPerSecond, 0)} requests/s, p95 ${ms(percentile(result.latencies, 95))}, ${result.errors} errors`);
      results.get(key(t))!.push(result);
    }
  }
  const otherCores = noise();

  // Profiled where the CPU is the limit (NORMAL: a commit does not wait for the disk), when measured.
  const profileMode = modes.includes('NORMAL') ? 'NORMAL' : modes[0];
  let profile: ProfileSummary | undefined;
  let profileRate: number | undefined;
  if (ctx.options.profile) {
    const profileDir = ctx.tempDir('factmark-bench-cpuprof-');
    const profiled = await ctx.startServer(copyOf(seedFile, ctx.tempDir('factmark-bench-tp-prof-')), { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`], env: serverEnv(profileMode) });
    const tokens = await inBatches(sessions, 4, (u) => signIn(profiled.url, u.email, u.password));
    ctx.log(`throughput: profiling next start under the same load for ${profileSeconds} s`);
    const r = await postLoad({ ...common, server: profiled, tokens, maxSeconds: profileSeconds });
    profileRate = r.requestsPerSecond;
    await profiled.stop(); // the profile is written as the process exits
    const file = largestProfile(profileDir);
    if (file) {
      // The last seconds only: the load, not the start-up, sign-ins and warm-up before it.
      profile = summariseProfile(file, 20, (profileSeconds + 0.5) * 1000);
      fs.mkdirSync(path.join(__dirname, 'out'), { recursive: true });
      fs.copyFileSync(file, path.join(__dirname, 'out', 'throughput.cpuprofile'));
    } else ctx.log('throughput: no .cpuprofile was written');
  }

  const problems: string[] = [];
  const cores = (p: Pooled) => p.serverCores.reduce((sum, c) => sum + c, 0) / p.serverCores.length;
  // A server near one core is limited by its CPU; one well below it waits for something else (the fsync).
  const limit = (p: Pooled) => `${p.label} used ${num(cores(p), 2)} cores on average, ${ms((p.serverCpu * 1000) / p.latencies.length)} of CPU per request: ${cores(p) >= 0.9 ? 'its CPU is the limit' : 'it waits on the disk part of the time'}`;
  const fsyncNote = (app: Pooled, floor: Pooled) => `With synchronous = FULL every acknowledged create waits for an fsync of the WAL. ${limit(app)}; ${limit(floor)}.`;
  const sections: Section[] = [];
  const summary: Record<string, unknown> = {};
  for (const mode of modes) {
    const pooled = targets.filter((t) => t.mode === mode).map((t) => pool(t.label, results.get(key(t))!));
    const [current] = pooled;
    const floorP = pooled[pooled.length - 1];
    const beforeP = baselineBuild ? pooled[1] : undefined;
    const grouped = pooled.find((p) => p.label.includes('group commit'));
    problems.push(...pooled.filter((p) => p.errors).map((p) => `${p.label}, synchronous=${mode}: ${p.errors} requests failed: ${p.firstErrors.join(' | ')}`));
    const p95 = percentile(current.latencies, 95);
    const factor = rate(current) / BEFORE.requestsPerSecond;
    summary[mode] = pooled.map((p) => ({ label: p.label, requestsPerSecond: rate(p), p50: percentile(p.latencies, 50), p95: percentile(p.latencies, 95), p99: percentile(p.latencies, 99), errors: p.errors }));
    sections.push({
      title: `Creating annotations at ${concurrency} concurrent clients, SQLite synchronous = ${mode}${mode === 'FULL' ? ' (production)' : ''}`,
      table: {
        head: ['server', 'requests', 'requests/s', 'per round', 'p50', 'p95', 'p99', 'errors', 'server CPU (cores)', 'CPU per request', 'ratio to floor'],
        rows: pooled.map((p) => [
          p.label,
          num(p.latencies.length),
          num(rate(p), 0),
          p.rounds.map((x) => num(x, 0)).join(' / '),
          ms(percentile(p.latencies, 50)),
          ms(percentile(p.latencies, 95)),
          ms(percentile(p.latencies, 99)),
          num(p.errors),
          p.serverCores.map((c) => num(c, 2)).join(' / '),
          ms((p.serverCpu * 1000) / p.latencies.length),
          ratio(rate(p) / rate(floorP)),
        ]),
      },
      notes: [
        `Against issue 11's ${BEFORE.requestsPerSecond} requests/s (p95 ${BEFORE.p95} ms, measured with synchronous = NORMAL before FULL was adopted): ${num(rate(current), 0)} requests/s is ${ratio(factor)} (target ≥ ${TARGET_FACTOR}×: ${factor >= TARGET_FACTOR ? 'met' : 'missed'}); p95 ${verdict(p95, TARGET_P95, ms)}.`,
        ...(beforeP ? [`Against the build from before the change, same run and mode: ${ratio(rate(current) / rate(beforeP))} the throughput, p95 ${ms(percentile(beforeP.latencies, 95))} → ${ms(p95)}.`] : []),
        ...(grouped ? [`The floor with group commit (the writes of one event-loop turn in one transaction, one fsync): ${ratio(rate(grouped) / rate(floorP))} the floor's throughput, p95 ${ms(percentile(grouped.latencies, 95))}.`] : []),
        `The floor does ${ratio(rate(floorP) / rate(current))} the throughput of next start.`,
        ...(mode === 'FULL' ? [fsyncNote(current, floorP)] : []),
        ...(mode === 'NORMAL' ? ['synchronous = NORMAL (set for this measurement only, by bench/sqlite-preload.cjs) commits without waiting for the disk, as when issue 11 measured 236 requests/s: this row shows what each request costs in CPU.'] : []),
      ],
    });
  }
  sections[sections.length - 1].notes!.push(
    `${concurrency} clients, each with its own session (${AUTHORS} reviewers) over its own keep-alive connection (undici), each sending the next valid annotation (2–15 words, \`exact\` matching) as soon as the last is answered; ${rounds} round(s) of ${seconds} s per server after ${4 * concurrency} unrecorded warm-up requests each, the server order rotating per round; every server has its own copy of one seeded database (a ${num(WORDS)}-word article with ${num(EXISTING)} annotations, as the annotations suite). Latency = request written → answer read.`,
    'The floor is bench/floor-server.ts: node:http, the same 64 KB body limit, JSON.parse, the route\'s zod schema, checkNewAnnotation on the cached canonical text and createAnnotation (row + history event + review state in one transaction, then the read-back), as one fixed reviewer: no Next, no session.',
    `Other processes on the machine used ${num(otherCores, 2)} cores on average meanwhile (of ${os.cpus().length}): the machine is shared, so compare rows of one run, not runs.`,
  );
  if (profile) {
    sections.push({
      title: `Where next start spends its CPU under this load (--cpu-prof, synchronous = ${profileMode}, ${profileSeconds} s, ${num(profileRate ?? 0, 0)} requests/s while profiled)`,
      table: {
        head: ['area', 'self time', 'share of busy time'],
        rows: profile.areas.map((a) => [a.area, ms(a.selfMs), `${(a.share * 100).toFixed(1)} %`]),
      },
      notes: [`Busy ${ms(profile.busyMs)}, idle ${ms(profile.idleMs)}. The profile is kept in bench/out/throughput.cpuprofile (open it in Chrome DevTools).`],
    });
    sections.push({
      title: 'Top frames by self time',
      table: {
        head: ['function', 'where', 'area', 'self time', 'share'],
        rows: profile.frames.map((f) => [f.name, f.where, f.area, ms(f.selfMs), `${(f.share * 100).toFixed(1)} %`]),
      },
    });
  }
  return { sections, raw: { summary, profile, otherCores }, problems };
}

export const throughputSuite: Suite = {
  name: 'throughput',
  summary: 'POST /api/articles/:id/annotations at 50 concurrent clients against next start, beside a bare node:http floor doing the same insert; optional baseline build and CPU profile.',
  run,
};
