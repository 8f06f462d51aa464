// The contract between run.ts and a benchmark suite: a suite gets a context (options, a shared
// server started on first use, temp folders and clean-up) and returns sections of tables.
import type { BenchServer } from './server';
import type { SuiteResult } from './report';

export interface BenchContext {
  /** `--key=value` options from the command line (`--flag` alone is "1"). */
  options: Readonly<Record<string, string>>;
  /** Progress for the person running the bench (stderr; stdout carries the tables). */
  log(line: string): void;
  /** The production server, built and started on first call, shared by every suite of the run. */
  server(): Promise<BenchServer>;
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
