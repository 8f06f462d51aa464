// The contract between run.ts and a benchmark suite: a suite gets a context (options, servers
// built and started on demand, temp folders and clean-up) and returns sections of tables. Also the
// small helpers every suite uses to stay bounded: checked options and time limits.
import type { BenchServer, StartOptions } from './server';
import type { SuiteResult } from './report';

export interface BenchContext {
  /** `--key=value` options from the command line (`--flag` alone is "1"). */
  options: Readonly<Record<string, string>>;
  /** Progress for the person running the bench (stderr; stdout carries the tables). */
  log(line: string): void;
  /** The production server on a fresh database, built and started on first call, shared by every suite of the run. */
  server(): Promise<BenchServer>;
  /**
   * Another `next start` of the same build, on `databaseFile` (a fresh file when omitted), stopped
   * when the run ends (or earlier by its `stop`). The build happens once per run (not when
   * `options.buildDir` names another build to serve).
   */
  startServer(databaseFile?: string, options?: Omit<StartOptions, 'databaseFile'>): Promise<BenchServer>;
  /** A temp folder removed when the run ends. */
  tempDir(prefix: string): string;
  /** Runs when the run ends, also on failure, Ctrl-C or the time limit (last registered first). */
  onCleanup(fn: () => unknown): void;
}

export interface Suite {
  name: string;
  summary: string;
  run(ctx: BenchContext): Promise<SuiteResult>;
}

/** A numeric option with a default and bounds, so a typo cannot start an unbounded run. */
export function numberOption(ctx: BenchContext, key: string, fallback: number, min: number, max: number): number {
  const raw = ctx.options[key];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${key} must be a number from ${min} to ${max} (got ${raw}).`);
  return value;
}

/** `--only=a,b` checked against the parts a suite has; every part when the option is absent. */
export function partsOption<P extends string>(ctx: BenchContext, parts: readonly P[]): Set<P> {
  const only = ctx.options.only?.split(',').map((s) => s.trim());
  if (!only) return new Set(parts);
  const bad = only.filter((p) => !(parts as readonly string[]).includes(p));
  if (bad.length) throw new Error(`--only takes ${parts.join(', ')} (got ${bad.join(', ')})`);
  return new Set(only as P[]);
}

/** Rejects after `ms` (the work itself is stopped by the clean-ups the run does on failure). */
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

/** Runs `fn` over items with at most `limit` in flight; answers in the items' order. */
export async function inBatches<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}
