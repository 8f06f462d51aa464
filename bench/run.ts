// `npm run bench [-- <suite>… --key=value…]`: runs benchmark suites against one production build
// and server, prints markdown tables on stdout and writes them, with the machine, to
// bench/out/latest.md (raw samples: bench/out/<suite>.json); with --save also to
// bench/results/<suite>.md, the files bench/RESULTS.md is assembled from. A suite is a module registered in
// SUITES; with no names given every suite runs. Everything stops by itself: each step has its own
// bound and the whole run a time limit (FACTMARK_BENCH_TIMEOUT_S, default 3600 s).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_PATH } from './browser';
import { machineInfo, machineTable } from './machine';
import { markdownSection, markdownTable, type SuiteResult } from './report';
import { buildApp, makeTempDir, startServer, type BenchServer } from './server';
import type { BenchContext, Suite } from './suite';

// One line per suite: name → the module that exports it (loaded only when it runs).
const SUITES: Record<string, () => Promise<Suite>> = {
  annotations: async () => (await import('./annotations')).annotationsSuite,
  paint: async () => (await import('./paint-suite')).paintSuite,
  import: async () => (await import('./import-suite')).importSuite,
  export: async () => (await import('./export-suite')).exportSuite,
  revisions: async () => (await import('./revisions')).revisionsSuite,
  load: async () => (await import('./load')).loadSuite,
  claims: async () => (await import('./claims')).claimsSuite,
  heavy: async () => (await import('./heavy')).heavySuite,
  archive: async () => (await import('./archive')).archiveSuite,
  throughput: async () => (await import('./throughput')).throughputSuite,
};

const OUT_DIR = path.join(__dirname, 'out');
const RESULTS_DIR = path.join(__dirname, 'results');

function parseArgs(argv: string[]) {
  const names: string[] = [];
  const options: Record<string, string> = {};
  for (const arg of argv) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (m) options[m[1]] = m[2] ?? '1';
    else names.push(arg);
  }
  return { names, options };
}

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(): Promise<number> {
  const { names, options } = parseArgs(process.argv.slice(2));
  if (options.help || options.list) {
    console.log(`usage: npm run bench -- [suite…] [--key=value…]\nsuites: ${Object.keys(SUITES).join(', ')}\neach suite's options: docs/parts/bench-readme.md (README, Benchmarks)`);
    return 0;
  }
  const unknown = names.filter((n) => !(n in SUITES));
  if (unknown.length) {
    console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`);
    return 2;
  }
  const selected = names.length ? names : Object.keys(SUITES);
  const loadAtStart = os.loadavg()[0];

  const cleanups: (() => unknown)[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (error) {
          log(`clean-up step failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })());
  const stopOn = (why: string, code: number) => () => {
    log(why);
    void cleanup().finally(() => process.exit(code));
  };
  process.once('SIGINT', stopOn('interrupted; cleaning up', 130));
  process.once('SIGTERM', stopOn('terminated; cleaning up', 143));
  const limitS = Number(process.env.FACTMARK_BENCH_TIMEOUT_S ?? 3600);
  setTimeout(stopOn(`time limit of ${limitS} s reached; stopping`, 124), limitS * 1000).unref();

  let built = false;
  let server: Promise<BenchServer> | undefined;
  const ctx: BenchContext = {
    options,
    log,
    tempDir(prefix) {
      const t = makeTempDir(prefix);
      cleanups.push(t.remove);
      return t.dir;
    },
    onCleanup(fn) {
      cleanups.push(fn);
    },
    async startServer(databaseFile, options = {}) {
      if (!built && !options.buildDir) {
        buildApp(log);
        built = true;
      }
      const dir = ctx.tempDir('factmark-bench-server-');
      const started = await startServer(dir, log, { timeoutMs: 90_000, ...options, databaseFile });
      cleanups.push(() => started.stop());
      return started;
    },
    server() {
      server ??= ctx.startServer();
      return server;
    },
  };

  const results: { suite: Suite; result: SuiteResult }[] = [];
  try {
    for (const name of selected) {
      const suite = await SUITES[name]();
      log(`suite ${suite.name}: ${suite.summary}`);
      const result = await suite.run(ctx);
      results.push({ suite, result });
      for (const section of result.sections) console.log(`\n${markdownSection(section)}`);
      for (const text of result.markdown ?? []) console.log(`\n${text}`);
    }
  } finally {
    await cleanup();
  }

  const machine = machineInfo(CHROMIUM_PATH, loadAtStart);
  const argsLine = process.argv.slice(2).join(' ');
  const md = [
    '# Factmark benchmarks — latest run',
    '',
    `\`npm run bench${argsLine ? ` -- ${argsLine}` : ''}\``,
    '',
    markdownTable(machineTable(machine)),
    '',
    ...results.flatMap(({ suite, result }) => [
      `## ${suite.name}`,
      '',
      suite.summary,
      '',
      ...(result.problems ?? []).map((p) => `**Invalid measurement: ${p}**\n`),
      ...result.sections.map((s) => markdownSection(s)),
      ...(result.markdown ?? []),
    ]),
  ].join('\n');
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'latest.md'), md);
  for (const { suite, result } of results) {
    if (result.raw !== undefined) fs.writeFileSync(path.join(OUT_DIR, `${suite.name}.json`), JSON.stringify({ machine, raw: result.raw }, null, 1));
  }
  // --save: each suite's tables, with the machine and the command, in bench/results/<suite>.md.
  if (options.save) {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    for (const { suite, result } of results) {
      const file = path.join(RESULTS_DIR, `${suite.name}.md`);
      const text = [
        `# ${suite.name}`,
        '',
        suite.summary,
        '',
        `\`npm run bench -- ${argsLine}\` (${machine.date})`,
        '',
        markdownTable(machineTable(machine)),
        '',
        ...(result.problems ?? []).map((p) => `**Invalid measurement: ${p}**\n`),
        ...result.sections.map((section) => markdownSection(section)),
        ...(result.markdown ?? []),
      ].join('\n');
      fs.writeFileSync(file, text);
      log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  }
  console.log(`\n${markdownTable(machineTable(machine))}`);
  log(`wrote ${path.relative(process.cwd(), path.join(OUT_DIR, 'latest.md'))}`);
  const problems = results.flatMap(({ suite, result }) => (result.problems ?? []).map((p) => `${suite.name}: ${p}`));
  for (const p of problems) console.error(`INVALID MEASUREMENT — ${p}`);
  return problems.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
