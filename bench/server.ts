// A production Factmark server for the benchmarks: `next build` (skipped when
// FACTMARK_BENCH_SKIP_BUILD=1 and a build exists), a fresh SQLite file in a temp folder, and
// `next start` on a free loopback port. Only the process started here is ever stopped, by its id.
// The server runs from a snapshot of the build in the temp folder, so a `next build` started
// meanwhile in the working tree (the tests build into the same .next) cannot pull its chunks away.
// Also: signing in over HTTP through next-auth, the CPU time the server's processes used, and temp
// folders that a later run cleans up when the run that made them was killed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
/** The build folder (next.config.js reads the same variable). The snapshot copies it to `.next`. */
const DIST_DIR = process.env.FACTMARK_DIST_DIR || '.next';
const NEXT_BIN = path.join(ROOT, 'node_modules/.bin/next');
const SESSION_COOKIE = 'next-auth.session-token';
/** The server's pid, written into its temp folder. */
const SERVER_PID_FILE = 'server.pid';

/** Builds the app unless a build may be reused; returns how long it took (0 when skipped). */
export function buildApp(log: (line: string) => void, timeoutMs = 5 * 60_000): number {
  const hasBuild = fs.existsSync(path.resolve(ROOT, DIST_DIR, 'BUILD_ID'));
  if (process.env.FACTMARK_BENCH_SKIP_BUILD === '1' && hasBuild) {
    log('reusing the existing build (.next/BUILD_ID, FACTMARK_BENCH_SKIP_BUILD=1)');
    return 0;
  }
  log('next build …');
  const started = Date.now();
  const build = spawnSync(NEXT_BIN, ['build'], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (build.status !== 0) {
    const why = build.error ? String(build.error) : `exit ${build.status ?? build.signal}`;
    throw new Error(`next build failed (${why}):\n${build.stdout}\n${build.stderr}`);
  }
  const took = Date.now() - started;
  log(`next build done in ${(took / 1000).toFixed(1)} s`);
  return took;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface BenchServer {
  url: string;
  databaseFile: string;
  pid: number;
  /** The server's output so far (for error messages). */
  output(): string;
  /** CPU seconds (user + system) used so far by the server process and its descendants. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

// What `next start` reads besides .next: linked, not copied (read-only at run time).
const LINKED = ['node_modules', 'package.json', 'next.config.js', 'drizzle', 'content', 'public'];
// Parts of .next that `next start` does not need: the build cache and the dev server's output.
const SKIPPED = new Set(['cache', 'dev', 'trace', 'trace-build', 'types', 'diagnostics']);

/** A project folder in `dir` with a copy of a build (default: the current one) and links to what else it needs. */
export function snapshotBuild(dir: string, buildDir = path.resolve(ROOT, DIST_DIR)): { projectDir: string; buildId: string } {
  const projectDir = path.join(dir, 'app');
  fs.mkdirSync(projectDir);
  for (const name of LINKED) {
    if (fs.existsSync(path.join(ROOT, name))) fs.symlinkSync(path.join(ROOT, name), path.join(projectDir, name));
  }
  const buildIdFile = path.join(buildDir, 'BUILD_ID');
  const buildId = fs.readFileSync(buildIdFile, 'utf8').trim();
  const source = buildDir;
  fs.cpSync(source, path.join(projectDir, '.next'), {
    recursive: true,
    // .next/node_modules holds relative links to ../../node_modules: keep them relative.
    verbatimSymlinks: true,
    filter: (src) => !SKIPPED.has(path.relative(source, src).split(path.sep)[0]),
  });
  if (fs.readFileSync(buildIdFile, 'utf8').trim() !== buildId) {
    throw new Error('.next changed while it was being copied (another `next build` running?); run the bench again.');
  }
  return { projectDir, buildId };
}

export interface StartOptions {
  /** The SQLite file (default: a fresh one in the temp folder). */
  databaseFile?: string;
  /** Another build folder to serve (e.g. a copy kept from before a change), instead of the current one. */
  buildDir?: string;
  /** Extra environment for the server. */
  env?: Record<string, string>;
  /** Node flags for the server process (e.g. --cpu-prof, which NODE_OPTIONS does not allow). */
  nodeArgs?: string[];
  timeoutMs?: number;
}

/**
 * Starts `next start` on a snapshot of the build and a SQLite file (default: a fresh one in
 * `dir`); resolves once /login answers.
 */
export async function startServer(dir: string, log: (line: string) => void, options: StartOptions = {}): Promise<BenchServer> {
  const { databaseFile = path.join(dir, 'factmark.db'), timeoutMs = 60_000 } = options;
  const { projectDir, buildId } = snapshotBuild(dir, options.buildDir);
  log(`serving build ${buildId} from a snapshot in ${projectDir}`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const args = ['start', '-p', String(port), '-H', '127.0.0.1'];
  // With Node flags, node runs Next's CLI script itself (the .bin link resolves to it).
  const [command, argv] = options.nodeArgs?.length ? [process.execPath, [...options.nodeArgs, fs.realpathSync(NEXT_BIN), ...args]] : [NEXT_BIN, args];
  const child: ChildProcess = spawn(command, argv, {
    cwd: projectDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXTAUTH_SECRET: 'factmark-bench-secret-0123456789abcdef',
      NEXTAUTH_URL: url,
      DATABASE_URL: databaseFile,
      PORT: String(port),
      FACTMARK_DEMO: '0',
      // The snapshot holds the build as `.next`, whatever folder it was built in.
      FACTMARK_DIST_DIR: '.next',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output = (output + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (output = (output + d).slice(-20_000)));
  const pid = child.pid;
  if (pid === undefined) throw new Error('next start did not start');
  // For the sweep in makeTempDir, should this run be killed before it can stop the server.
  fs.writeFileSync(path.join(dir, SERVER_PID_FILE), String(pid));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 3000).unref());
    if ((await Promise.race([exited, timer])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/login`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`next start listening at ${url} (pid ${pid})`);
  return { url, databaseFile, pid, output: () => output, cpuSeconds: () => processTreeCpuSeconds(pid), stop };
}

/**
 * User + system CPU seconds of a process and every descendant, from /proc (Linux only; NaN
 * elsewhere). With `reaped`, also the CPU of descendants that already exited and were waited for.
 */
export function processTreeCpuSeconds(rootPid: number, reaped = false): number {
  if (!fs.existsSync('/proc/self/stat')) return Number.NaN;
  const ticksPerSecond = 100; // USER_HZ on Linux
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name: state ppid … utime(14) stime(15) cutime(16) cstime(17).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const own = Number(fields[11]) + Number(fields[12]);
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: reaped ? own + Number(fields[13]) + Number(fields[14]) : own });
    } catch {
      // the process ended while we looked
    }
  }
  let ticks = 0;
  const queue = [rootPid];
  const seen = new Set<number>();
  while (queue.length) {
    const pid = queue.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const [child, s] of stats) if (s.ppid === pid) queue.push(child);
  }
  return ticks / ticksPerSecond;
}

function storeCookies(setCookies: string[], jar: Map<string, string>) {
  for (const c of setCookies) {
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

/**
 * A GET sent again once when the kept-alive connection it went out on was closed by the server at
 * that moment (undici's "other side closed": the server's keep-alive timeout ran out while the
 * bench was seeding). Safe to repeat: a GET changes nothing.
 */
async function getRetryingClosed(url: string): Promise<Response> {
  try {
    return await fetch(url, { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url, { signal: AbortSignal.timeout(30_000) });
  }
}

/** Signs in through next-auth's credentials endpoints (csrf, then callback); returns the session token. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrfRes = await getRetryingClosed(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  storeCookies(csrfRes.headers.getSetCookie(), jar);
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  storeCookies(res.headers.getSetCookie(), jar);
  await res.arrayBuffer();
  const token = jar.get(SESSION_COOKIE);
  if (!token) throw new Error(`sign-in failed for ${email}: HTTP ${res.status}`);
  return token;
}

export const sessionCookie = (token: string) => `${SESSION_COOKIE}=${token}`;
export const SESSION_COOKIE_NAME = SESSION_COOKIE;

/**
 * A temp folder named after this process, removed by the returned function. Folders with the same
 * prefix left by a process that is gone (a run killed with SIGKILL) are removed first, after
 * stopping the server recorded there — only if that process still runs from that very folder.
 */
export function makeTempDir(prefix: string): { dir: string; remove: () => void } {
  sweepStaleTempDirs(prefix);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}${process.pid}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sweepStaleTempDirs(prefix: string): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const owner = name.startsWith(prefix) ? Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]) : NaN;
    if (!Number.isInteger(owner) || isAlive(owner)) continue;
    const dir = path.join(os.tmpdir(), name);
    try {
      const serverPid = Number(fs.readFileSync(path.join(dir, SERVER_PID_FILE), 'utf8'));
      if (Number.isInteger(serverPid) && fs.readlinkSync(`/proc/${serverPid}/cwd`).startsWith(dir)) process.kill(serverPid, 'SIGKILL');
    } catch {
      // no server recorded, or it is gone
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
