// Issue 4 benchmark: import time and stored size of 2,000-, 20,000- and 100,000-word articles in
// every import format, and the article page's first paint for each size as a ratio to the
// 2,000-word one. Also home to the small helpers the export suite shares (statistics, markdown
// tables, temp folders, the production server, Chromium), so neither suite depends on tests/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { createArticle } from '../db/queries/articles';
import { createUser } from '../db/queries/users';
import { importArticle, type ImportFormat, type ImportInput, type ImportedArticle } from '../lib/import';
import type { Viewer } from '../lib/viewer';
import { prng as seededRandom } from './generate';
import { startServer } from './server';

export const ROOT = path.resolve(__dirname, '..');
const NEXT_BIN = path.join(ROOT, 'node_modules/.bin/next');
export const SESSION_COOKIE_NAME = 'next-auth.session-token';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// ---------------------------------------------------------------------------------------------
// Shared helpers (also used by export-suite.ts)
// ---------------------------------------------------------------------------------------------

/** Progress for whoever runs the bench: stderr, so stdout carries only the markdown. */
export function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} B`;
}

export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '–';
}

export function formatInt(n: number): string {
  return n.toLocaleString('en-US');
}

/** A markdown table; cells are escaped for pipes. */
export function markdownTable(headers: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [`| ${headers.map(cell).join(' | ')} |`, `|${headers.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

/** The bench's one seeded PRNG (bench/generate.ts), so every run generates the same articles. */
export { seededRandom };

/** A bounded integer from an environment variable, so a typo cannot start an unbounded run. */
export function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max} (got ${raw}).`);
  return value;
}

type Cleanup = () => unknown;
const cleanups: Cleanup[] = [];

/** Registers clean-up that must run even on Ctrl-C or a time-out; returns a function that runs and unregisters it. */
export function onCleanup(fn: Cleanup): () => Promise<void> {
  cleanups.push(fn);
  return async () => {
    const i = cleanups.indexOf(fn);
    if (i < 0) return;
    cleanups.splice(i, 1);
    await fn();
  };
}

/** Runs every registered clean-up, last registered first (standalone.ts calls it on signals and time-outs). */
export async function runAllCleanups(): Promise<void> {
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch (error) {
      log(`clean-up failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/**
 * A temp folder named after this process, removed by the returned function (and on Ctrl-C or a
 * time-out). Folders of the same kind left by a process that is gone (killed while blocked in a
 * long synchronous export, say) are removed first, after stopping the server it recorded there.
 */
export function makeTempDir(prefix: string): { dir: string; remove: () => Promise<void> } {
  sweepStaleTempDirs(prefix);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}${process.pid}-`));
  const remove = onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir, remove };
}

const SERVER_PID_FILE = 'server.pid';

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
      // Only a process still running from this very folder is ours to stop.
      if (Number.isInteger(serverPid) && fs.readlinkSync(`/proc/${serverPid}/cwd`).startsWith(dir)) process.kill(serverPid, 'SIGKILL');
    } catch {
      // no server recorded, or it is gone
    }
    fs.rmSync(dir, { recursive: true, force: true });
    log(`removed ${dir}, left by process ${owner}`);
  }
}

/** Rejects after `ms` (the work itself is stopped by the clean-ups the caller's finally runs). */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s; stopped.`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}


/** `nproc`, memory, Node, Chromium and date, as a markdown table (results mean little without them). */
export function machineMarkdown(): string {
  const run = (file: string, args: string[]) => {
    try {
      return spawnSync(file, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).stdout.trim() || 'unknown';
    } catch {
      return 'unknown';
    }
  };
  const cpu = (() => {
    try {
      return fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'))?.split(':')[1].trim() ?? 'unknown';
    } catch {
      return os.cpus()[0]?.model ?? 'unknown';
    }
  })();
  const mem = run('free', ['-g']).split('\n').find((l) => l.startsWith('Mem:'))?.split(/\s+/)[1];
  return markdownTable(
    ['machine', 'value'],
    [
      ['date', new Date().toISOString()],
      ['nproc', run('nproc', [])],
      ['CPU', cpu],
      ['memory (free -g, total)', mem ? `${mem} GB` : 'unknown'],
      ['node --version', process.version],
      ['chromium --version', run(CHROMIUM_PATH, ['--version'])],
      ['load average (1/5/15 min) at start', os.loadavg().map((l) => l.toFixed(2)).join(' / ')],
    ],
  );
}

// ----- the production server -----------------------------------------------------------------

let builtInThisProcess = false;

/**
 * `next build`, unless FACTMARK_BENCH_SKIP_BUILD=1 and a build exists, or this process built
 * already (the two suites share one build when run together). Bounded to 10 minutes.
 */
export function buildApp(): void {
  const hasBuild = fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'));
  if (hasBuild && (builtInThisProcess || process.env.FACTMARK_BENCH_SKIP_BUILD === '1')) {
    log('reusing the existing build (.next/BUILD_ID)');
    return;
  }
  log('next build … (set FACTMARK_BENCH_SKIP_BUILD=1 to reuse an existing build)');
  const started = Date.now();
  const build = spawnSync(NEXT_BIN, ['build'], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
    timeout: 10 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (build.status !== 0) throw new Error(`next build failed (${build.error ? String(build.error) : `exit ${build.status ?? build.signal}`}):\n${build.stdout}\n${build.stderr}`);
  builtInThisProcess = true;
  log(`next build done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

export interface AppServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `next start` on a free loopback port over a snapshot of the build (in `dir`) and the
 * given SQLite file; resolves once /login answers. `stop` ends that one process, by its id.
 */
export async function startApp(dir: string, databaseFile: string, timeoutMs = 90_000): Promise<AppServer> {
  const server = await startServer(dir, log, timeoutMs, databaseFile);
  fs.writeFileSync(path.join(dir, SERVER_PID_FILE), String(server.pid));
  const stop = onCleanup(() => server.stop());
  return { url: server.url, pid: server.pid, stop };
}

/** Signs in through next-auth's credentials endpoints (csrf, then callback); returns the session token. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (setCookies: string[]) => {
    for (const c of setCookies) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  };
  const csrfRes = await fetch(`${url}/api/auth/csrf`, { signal: AbortSignal.timeout(30_000) });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  keep(csrfRes.headers.getSetCookie());
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
    redirect: 'manual',
    signal: AbortSignal.timeout(30_000),
  });
  keep(res.headers.getSetCookie());
  await res.arrayBuffer();
  const token = jar.get(SESSION_COOKIE_NAME);
  if (!token) throw new Error(`sign-in failed for ${email}: HTTP ${res.status}`);
  return token;
}

/** A bench account in `db` (argon2 hash, as the app makes them), returned as a viewer. */
export async function createBenchUser(db: DatabaseHandle['db'], email: string, name: string, role: Viewer['role'], password: string): Promise<Viewer> {
  const created = await createUser(db, { email, name, role, password });
  if (!created.ok) throw new Error(`creating ${email}: ${created.error.message}`);
  return { id: created.value.id, name: created.value.name, email: created.value.email, role: created.value.role };
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH).`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
  onCleanup(() => browser.close().catch(() => undefined));
  return browser;
}

// ---------------------------------------------------------------------------------------------
// Deterministic articles
// ---------------------------------------------------------------------------------------------

const VOCABULARY = (
  'the a of and to in that for on with as by at from its was were is are has had will would said ' +
  'minister government council report data officials airport city port border ministry agency budget ' +
  'percent million billion figures survey election vote votes voters parliament court judge ruling ' +
  'police army troops ceasefire talks deal agreement sanctions exports imports prices inflation wages ' +
  'hospital doctors patients vaccine study researchers university scientists climate emissions rainfall ' +
  'drought harvest farmers water energy grid power plant coal solar wind turbines pipeline refinery ' +
  'company shares investors market bank loan debt interest rates growth recession unemployment jobs ' +
  'workers strike union protest crowd march statement spokesperson spokesman interview documents leaked ' +
  'records archive footage photo video claim claims source sources evidence witness witnesses account ' +
  'according confirmed denied disputed estimated reported announced published revised earlier later ' +
  'yesterday today Monday Tuesday Wednesday Thursday Friday weekend month year decade since before after ' +
  'during while although however because despite nearly about almost more than less fewer higher lower ' +
  'record largest smallest first second third new old local national regional international foreign ' +
  'northern southern eastern western coastal rural urban Aleppo Lagos Jakarta Lima Oslo Nairobi Geneva ' +
  'café naïve Zürich São Paulo Kraków résumé 2019 2021 2023 2024 12 40 3.5% 17% 1,200 250,000'
).split(/\s+/);

interface Paragraph {
  kind: 'p';
  words: string[];
  /** Word ranges [from, to) shown in emphasis and as a link in Markdown and HTML. */
  em: [number, number] | null;
  link: [number, number] | null;
}
type Block = Paragraph | { kind: 'h'; words: string[] } | { kind: 'ul'; items: string[][] };

export interface GeneratedArticle {
  title: string;
  blocks: Block[];
  /** Words in the body (the title excluded). */
  bodyWords: number;
}

const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** An article of about `words` words (the body hits the count exactly), the same for every seed. */
export function generateArticle(words: number, seed: number): GeneratedArticle {
  const rnd = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const word = () => VOCABULARY[Math.floor(rnd() * VOCABULARY.length)];
  const sentence = (n: number): string[] => {
    const out = Array.from({ length: n }, word);
    out[0] = capitalise(out[0]);
    if (n > 8 && rnd() < 0.4) out[int(2, n - 3)] += ',';
    out[n - 1] += rnd() < 0.9 ? '.' : '?';
    return out;
  };
  const title = sentence(int(6, 10)).join(' ').replace(/[.?]$/, '');
  const blocks: Block[] = [];
  let count = 0;
  let sinceHeading = 0;
  let sinceList = 0;
  while (count < words) {
    const left = words - count;
    if (blocks.length > 0 && sinceHeading >= 6 && left > 40 && rnd() < 0.35) {
      // A heading: short, no final punctuation (what the plain-text importer reads as a heading).
      const h = Array.from({ length: int(3, 6) }, word);
      h[0] = capitalise(h[0]);
      blocks.push({ kind: 'h', words: h });
      count += h.length;
      sinceHeading = 0;
      continue;
    }
    if (sinceList >= 12 && left > 60 && rnd() < 0.3) {
      const items = Array.from({ length: int(3, 5) }, () => sentence(int(4, 10)));
      blocks.push({ kind: 'ul', items });
      count += items.reduce((n, item) => n + item.length, 0);
      sinceList = 0;
      continue;
    }
    const p: string[] = [];
    for (let s = int(3, 6); s > 0 && p.length < left; s--) p.push(...sentence(int(7, 24)));
    p.length = Math.min(p.length, left);
    if (!/[.?]$/.test(p[p.length - 1])) p[p.length - 1] += '.';
    const em = p.length > 12 && rnd() < 0.5 ? pickRange(p.length, int(1, 3), int) : null;
    let link = p.length > 12 && rnd() < 0.4 ? pickRange(p.length, int(1, 4), int) : null;
    if (em && link && link[0] < em[1] && em[0] < link[1]) link = null;
    blocks.push({ kind: 'p', words: p, em, link });
    count += p.length;
    sinceHeading++;
    sinceList++;
  }
  return { title, blocks, bodyWords: count };
}

function pickRange(length: number, size: number, int: (min: number, max: number) => number): [number, number] {
  const from = int(1, length - size - 1);
  return [from, from + size];
}

export function articleAsText(a: GeneratedArticle): string {
  const out = [a.title];
  for (const b of a.blocks) {
    if (b.kind === 'h') out.push(b.words.join(' '));
    else if (b.kind === 'p') out.push(b.words.join(' '));
    // Plain text has no list mark-up: each item is its own paragraph (items end in a full stop).
    else out.push(...b.items.map((item) => item.join(' ')));
  }
  return `${out.join('\n\n')}\n`;
}

function inline(p: Paragraph, em: (s: string) => string, link: (s: string, n: number) => string, escape: (s: string) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < p.words.length; ) {
    if (p.em && i === p.em[0]) {
      parts.push(em(p.words.slice(p.em[0], p.em[1]).map(escape).join(' ')));
      i = p.em[1];
    } else if (p.link && i === p.link[0]) {
      parts.push(link(p.words.slice(p.link[0], p.link[1]).map(escape).join(' '), p.link[0]));
      i = p.link[1];
    } else parts.push(escape(p.words[i++]));
  }
  return parts.join(' ');
}

export function articleAsMarkdown(a: GeneratedArticle): string {
  const out = [`# ${a.title}`];
  a.blocks.forEach((b, i) => {
    if (b.kind === 'h') out.push(`## ${b.words.join(' ')}`);
    else if (b.kind === 'ul') out.push(b.items.map((item) => `- ${item.join(' ')}`).join('\n'));
    else out.push(inline(b, (s) => `*${s}*`, (s, n) => `[${s}](https://example.org/ref/${i}-${n})`, (s) => s));
  });
  return `${out.join('\n\n')}\n`;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A whole page: head with style and script, the article, and script/style noise between its blocks. */
export function articleAsHtml(a: GeneratedArticle): string {
  const out = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(a.title)}</title>`,
    '<meta name="author" content="Bench Reporter">',
    '<style>body{font-family:serif}.ad{display:none}</style>',
    '<script>window.dataLayer=window.dataLayer||[];dataLayer.push({event:"pageview"});</script>',
    '</head><body><article>',
    `<h1>${escapeHtml(a.title)}</h1>`,
  ];
  a.blocks.forEach((b, i) => {
    if (b.kind === 'h') out.push(`<h2>${escapeHtml(b.words.join(' '))}</h2>`);
    else if (b.kind === 'ul') out.push(`<ul>${b.items.map((item) => `<li>${escapeHtml(item.join(' '))}</li>`).join('')}</ul>`);
    else out.push(`<p>${inline(b, (s) => `<em>${s}</em>`, (s, n) => `<a href="https://example.org/ref/${i}-${n}" onclick="track(${i})">${s}</a>`, escapeHtml)}</p>`);
    if (i % 10 === 9) {
      out.push(`<script>window.__slot${i}={id:${i},sizes:[[300,250]]};document.write("<div>ad ${i}</div>");</script>`);
      out.push(`<style>.slot-${i}{min-height:250px}</style>`);
    }
  });
  out.push('</article><script src="/tracker.js" async></script></body></html>');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The import suite
// ---------------------------------------------------------------------------------------------

export const IMPORT_SIZES = [2_000, 20_000, 100_000] as const;
const FORMATS: readonly ImportFormat[] = ['text', 'markdown', 'html', 'url'];

interface ImportCaseResult {
  format: ImportFormat;
  size: number;
  sourceBytes: number;
  words: number;
  importMs: number[];
  storeMs: number[];
  docBytes: number;
  textBytes: number;
  textCodePoints: number;
}

/** Serves the generated HTML pages on 127.0.0.1 for URL import; closed by the returned function. */
async function servePages(pages: Map<string, string>): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const body = pages.get(req.url ?? '');
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  const close = onCleanup(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { base: `http://127.0.0.1:${port}`, close };
}

async function timedImport(input: ImportInput): Promise<{ ms: number; article: ImportedArticle }> {
  const t0 = performance.now();
  const result = await importArticle(input);
  const ms = performance.now() - t0;
  if (!result.ok) throw new Error(`importing ${input.format}: ${result.error.code} ${result.error.message}`);
  return { ms, article: result.value };
}

const countWords = (text: string) => text.match(/\S+/g)?.length ?? 0;

/** Import time (in-process) and stored size for every format × size. */
async function measureImports(sources: Map<number, { text: string; markdown: string; html: string }>, runs: number, dir: string): Promise<ImportCaseResult[]> {
  const pages = new Map<string, string>();
  for (const [size, s] of sources) pages.set(`/article-${size}.html`, s.html);
  const site = await servePages(pages);
  const previousAllow = process.env.IMPORT_ALLOWED_HOSTS;
  // Loopback is refused by the import's network guard unless an operator allows it.
  process.env.IMPORT_ALLOWED_HOSTS = '127.0.0.1';
  const handle = openDatabase(path.join(dir, 'import-sizes.db'));
  const closeDb = onCleanup(() => handle.sqlite.close());
  try {
    const viewer = await createBenchUser(handle.db, 'importer@bench.test', 'Bench Importer', 'reviewer', 'bench-password-123');
    const results: ImportCaseResult[] = [];
    for (const size of IMPORT_SIZES) {
      const s = sources.get(size)!;
      const inputs: Record<ImportFormat, ImportInput> = {
        text: { format: 'text', content: s.text },
        markdown: { format: 'markdown', content: s.markdown },
        html: { format: 'html', content: s.html },
        url: { format: 'url', url: `${site.base}/article-${size}.html` },
      };
      const cases = new Map<ImportFormat, ImportCaseResult>();
      const imported = new Map<ImportFormat, ImportedArticle>();
      // One unrecorded warm-up per format (JIT, jsdom's first window); its result is what gets stored.
      for (const format of FORMATS) {
        const { article } = await timedImport(inputs[format]);
        imported.set(format, article);
        cases.set(format, {
          format,
          size,
          sourceBytes: Buffer.byteLength(format === 'text' ? s.text : format === 'markdown' ? s.markdown : s.html),
          words: countWords(article.plainText),
          importMs: [],
          storeMs: [],
          docBytes: 0,
          textBytes: 0,
          textCodePoints: 0,
        });
      }
      // Interleaved: each round runs every format, the order rotating, so drift hits all alike.
      for (let r = 0; r < runs; r++) {
        const order = FORMATS.map((_, i) => FORMATS[(i + r) % FORMATS.length]);
        if (r % 2) order.reverse();
        for (const format of order) {
          const { ms } = await timedImport(inputs[format]);
          cases.get(format)!.importMs.push(ms);
        }
        log(`import ${formatInt(size)} words, round ${r + 1}/${runs}: ${FORMATS.map((f) => `${f} ${formatMs(cases.get(f)!.importMs.at(-1)!)}`).join(', ')}`);
      }
      // Storing (what POST /api/articles does after importing): createArticle, then the row's sizes.
      for (let r = 0; r < runs; r++) {
        for (const format of FORMATS) {
          const { doc, plainText: _text, sourceUrl: _url, ...meta } = imported.get(format)!;
          const t0 = performance.now();
          const created = createArticle(handle.db, viewer, doc, meta);
          const ms = performance.now() - t0;
          if (!created.ok) throw new Error(`storing ${format} ${size}: ${created.error.message}`);
          const c = cases.get(format)!;
          c.storeMs.push(ms);
          if (r === 0) {
            const row = handle.sqlite
              .prepare('select length(cast(doc as blob)) as docBytes, length(cast(plain_text as blob)) as textBytes, text_length as codePoints from articles where id = ?')
              .get(created.value.id) as { docBytes: number; textBytes: number; codePoints: number };
            c.docBytes = row.docBytes;
            c.textBytes = row.textBytes;
            c.textCodePoints = row.codePoints;
          }
        }
      }
      results.push(...FORMATS.map((f) => cases.get(f)!));
    }
    return results;
  } finally {
    if (previousAllow === undefined) delete process.env.IMPORT_ALLOWED_HOSTS;
    else process.env.IMPORT_ALLOWED_HOSTS = previousAllow;
    await closeDb();
    await site.close();
  }
}

interface PaintSample {
  size: number;
  fcp: number;
  painted: number;
  ttfb: number;
  responseEnd: number;
  htmlBytes: number;
  shownChars: number;
}

/**
 * Runs in the page (as source text, so tsx's keepNames helpers never reach it): waits for the
 * first-contentful-paint entry and the app's fm:highlights-painted mark, then reads the timings
 * and how much article text the ProseMirror view holds.
 */
const PAINT_PROBE = (limitMs: number) => `new Promise((resolve, reject) => {
  const started = Date.now();
  const tick = () => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const mark = performance.getEntriesByName('fm:highlights-painted')[0];
    if (fcp && mark && document.readyState !== 'loading') {
      const nav = performance.getEntriesByType('navigation')[0];
      const view = document.querySelector('[data-testid="article-view"] .ProseMirror');
      resolve({ fcp: fcp.startTime, painted: mark.startTime, ttfb: nav.responseStart, responseEnd: nav.responseEnd, htmlBytes: nav.decodedBodySize, shownChars: view ? view.textContent.length : -1 });
    } else if (Date.now() - started > ${limitMs}) {
      reject(new Error('no first-contentful-paint / fm:highlights-painted within ${limitMs} ms (fcp ' + !!fcp + ', mark ' + !!mark + ')'));
    } else setTimeout(tick, 25);
  };
  tick();
})`;

async function openArticle(browser: Browser, url: string, token: string, articleId: number, size: number, expectedChars: number): Promise<PaintSample> {
  // A fresh context per run: cold cache, as a reviewer opening the article for the first time.
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
  try {
    context.setDefaultTimeout(60_000);
    await context.addCookies([{ name: SESSION_COOKIE_NAME, value: token, url }]);
    const page = await context.newPage();
    const target = `/articles/${articleId}`;
    const res = await page.goto(`${url}${target}`, { waitUntil: 'commit', timeout: 60_000 });
    if (!res || res.status() !== 200 || !page.url().endsWith(target)) throw new Error(`opening ${target} gave HTTP ${res?.status()} at ${page.url()}`);
    const sample = (await page.evaluate(PAINT_PROBE(60_000))) as Omit<PaintSample, 'size'>;
    // A run that shows less than the whole article is an error, never a fast result.
    if (Math.abs(sample.shownChars - expectedChars) > expectedChars * 0.01) {
      throw new Error(`${target}: the view shows ${sample.shownChars} characters of text, expected ${expectedChars}`);
    }
    return { size, ...sample };
  } finally {
    await context.close();
  }
}

/** Builds and starts the app, stores the three text articles, and measures their first paint in Chromium. */
async function measurePaint(texts: Map<number, string>, runs: number, dir: string): Promise<PaintSample[]> {
  buildApp();
  const databaseFile = path.join(dir, 'server.db');
  const handle = openDatabase(databaseFile);
  const closeDb = onCleanup(() => handle.sqlite.close());
  const articles = new Map<number, { id: number; expectedChars: number }>();
  const password = 'bench-password-123';
  try {
    const viewer = await createBenchUser(handle.db, 'reader@bench.test', 'Bench Reader', 'reviewer', password);
    for (const size of IMPORT_SIZES) {
      const imported = await importArticle({ format: 'text', content: texts.get(size)! });
      if (!imported.ok) throw new Error(imported.error.message);
      const { doc, plainText, sourceUrl: _url, ...meta } = imported.value;
      const created = createArticle(handle.db, viewer, doc, { ...meta, title: `${formatInt(size)} words: ${meta.title}` });
      if (!created.ok) throw new Error(created.error.message);
      // textContent has no block separators: the canonical text minus its "\n\n" joins.
      articles.set(size, { id: created.value.id, expectedChars: plainText.replace(/\n\n/g, '').length });
    }
  } finally {
    await closeDb();
  }
  const server = await startApp(dir, databaseFile);
  try {
    const token = await signIn(server.url, 'reader@bench.test', password);
    const browser = await launchChromium();
    try {
      for (const size of IMPORT_SIZES) {
        const a = articles.get(size)!;
        await openArticle(browser, server.url, token, a.id, size, a.expectedChars); // warm-up: server caches, JIT
      }
      const samples: PaintSample[] = [];
      for (let r = 0; r < runs; r++) {
        const order = r % 2 ? [...IMPORT_SIZES].reverse() : [...IMPORT_SIZES];
        for (const size of order) {
          const a = articles.get(size)!;
          const s = await openArticle(browser, server.url, token, a.id, size, a.expectedChars);
          samples.push(s);
          log(`paint ${formatInt(size)} words, run ${r + 1}/${runs}: FCP ${formatMs(s.fcp)}, painted ${formatMs(s.painted)}`);
        }
      }
      return samples;
    } finally {
      await browser.close().catch(() => undefined);
    }
  } finally {
    await server.stop();
  }
}

/**
 * Runs the import benchmark and answers a markdown section. Environment: FACTMARK_BENCH_IMPORT_RUNS
 * (default 5), FACTMARK_BENCH_PAINT_RUNS (default 7), FACTMARK_BENCH_SKIP_BUILD=1 to reuse a build,
 * FACTMARK_BENCH_SKIP_PAINT=1 / FACTMARK_BENCH_SKIP_IMPORT_TIMES=1 to leave out one half.
 */
export async function runImportBench(): Promise<string> {
  const runs = envInt('FACTMARK_BENCH_IMPORT_RUNS', 5, 5, 50);
  const paintRuns = envInt('FACTMARK_BENCH_PAINT_RUNS', 7, 5, 50);
  const skipPaint = process.env.FACTMARK_BENCH_SKIP_PAINT === '1';
  const skipTimes = process.env.FACTMARK_BENCH_SKIP_IMPORT_TIMES === '1';
  const started = Date.now();
  const temp = makeTempDir('factmark-bench-import-');
  try {
    const generated = new Map<number, GeneratedArticle>();
    const sources = new Map<number, { text: string; markdown: string; html: string }>();
    for (const size of IMPORT_SIZES) {
      const a = generateArticle(size, 4000 + size);
      generated.set(size, a);
      sources.set(size, { text: articleAsText(a), markdown: articleAsMarkdown(a), html: articleAsHtml(a) });
    }
    const imports = skipTimes ? [] : await withTimeout(measureImports(sources, runs, temp.dir), 15 * 60_000, 'the import measurements');
    const paint = skipPaint
      ? []
      : await withTimeout(
          measurePaint(new Map([...sources].map(([size, s]) => [size, s.text])), paintRuns, temp.dir),
          20 * 60_000,
          'the page paint measurements',
        );
    const section = importMarkdownSection(imports, paint, runs, paintRuns);
    log(`import suite done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return section;
  } finally {
    await temp.remove();
  }
}

function importMarkdownSection(imports: ImportCaseResult[], paint: PaintSample[], runs: number, paintRuns: number): string {
  const baseline = (format: ImportFormat) => median(imports.find((c) => c.format === format && c.size === IMPORT_SIZES[0])!.importMs);
  const importRows = imports.map((c) => {
    const ms = median(c.importMs);
    return [
      c.format,
      formatInt(c.size),
      formatInt(c.words),
      formatBytes(c.sourceBytes),
      formatMs(ms),
      `${formatMs(Math.min(...c.importMs))}–${formatMs(Math.max(...c.importMs))}`,
      formatRatio(ms / baseline(c.format)),
      formatMs((ms / c.words) * 1000),
      formatMs(median(c.storeMs)),
      formatBytes(c.docBytes),
      formatBytes(c.textBytes),
      formatBytes(c.docBytes + c.textBytes),
      `${((c.docBytes + c.textBytes) / c.textBytes).toFixed(2)}×`,
    ];
  });
  const parts = ['## Import: time and stored size (issue 4)'];
  if (imports.length) {
    parts.push(
      '',
      `Generated articles (seeded PRNG, identical every run) of ${IMPORT_SIZES.map(formatInt).join(' / ')} words, the same text as plain text, Markdown (\`#\`/\`##\` headings, *emphasis*, links, lists) and an HTML page (h1/h2, p, em, a with onclick, ul, plus \`<script>\`/\`<style>\` noise every 10 blocks); URL imports that page from a \`node:http\` server on 127.0.0.1 (\`IMPORT_ALLOWED_HOSTS=127.0.0.1\`, set in-process) through fetch, Readability and the HTML path. “import” is \`importArticle()\` in-process, median of ${runs} runs after one warm-up, formats interleaved in rotating order; “store” is \`createArticle()\` into a fresh SQLite file (median of ${runs}); sizes are \`length(cast(doc as blob))\` and \`length(cast(plain_text as blob))\` of the stored row (UTF-8 bytes).`,
      '',
      markdownTable(
        ['format', 'size', 'words stored', 'source', 'import (median)', 'import min–max', '× 2k', 'per 1k words', 'store (median)', 'doc JSON', 'plain text', 'row doc+text', 'row / text'],
        importRows,
      ),
    );
  }
  if (paint.length) {
    const bySize = (size: number) => paint.filter((s) => s.size === size);
    const base = bySize(IMPORT_SIZES[0]);
    const baseFcp = median(base.map((s) => s.fcp));
    const basePainted = median(base.map((s) => s.painted));
    parts.push(
      '',
      '### Article page: first paint by article size',
      '',
      `\`next start\` (production build) on 127.0.0.1, the three plain-text articles stored with no annotations, system Chromium (headless, playwright-core), a fresh signed-in context per run (cold cache), one unrecorded warm-up per article, then ${paintRuns} runs each interleaved 2k 20k 100k / 100k 20k 2k. FCP is the \`first-contentful-paint\` entry (the header and page chrome: the article view is client-rendered); “article painted” is the app's \`fm:highlights-painted\` mark — the first frame with the ProseMirror view and (zero) highlights drawn. Every run checks the view holds the whole article's text. All times are ms since navigation start, medians.`,
      '',
      markdownTable(
        ['words', 'HTML (decoded)', 'TTFB', 'HTML received', 'FCP', 'FCP / 2k', 'article painted', 'painted / 2k', 'painted min–max'],
        IMPORT_SIZES.map((size) => {
          const s = bySize(size);
          const painted = s.map((x) => x.painted);
          return [
            formatInt(size),
            formatBytes(median(s.map((x) => x.htmlBytes))),
            formatMs(median(s.map((x) => x.ttfb))),
            formatMs(median(s.map((x) => x.responseEnd))),
            formatMs(median(s.map((x) => x.fcp))),
            formatRatio(median(s.map((x) => x.fcp)) / baseFcp),
            formatMs(median(painted)),
            formatRatio(median(painted) / basePainted),
            `${formatMs(Math.min(...painted))}–${formatMs(Math.max(...painted))}`,
          ];
        }),
      ),
    );
  }
  return parts.join('\n');
}
