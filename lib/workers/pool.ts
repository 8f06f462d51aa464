// The worker pool for heavy work — PDF rendering and article imports — so no request waits
// behind another's CPU: piscina threads running lib/workers/worker.mjs (started by its path on
// disk, which is why next.config.js keeps piscina unbundled), a bounded queue in front of them,
// and every failure as a Result. A full queue is `unavailable` (503) with a Retry-After guess; a
// worker that throws or dies fails its own task (500) and piscina starts a new thread.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Piscina from 'piscina';
import { env } from '../env';
import { fail } from '../errors';
import type { TaskAnswer, WorkerTask } from './types';

/** At most this many threads by default, however many cores: each holds jsdom or pdfkit (~50–100 MB). */
export const MAX_DEFAULT_THREADS = 8;
/** A worker's heap limit: a task beyond it ends the thread (500), not the server. */
const WORKER_HEAP_MB = 1024;
/**
 * Added to the worker threads' nice value (Linux: per thread): when a render and a request both
 * want the CPU, the request thread wins, so polling stays quick on a machine with few cores.
 */
const WORKER_NICE = 10;
/** Threads beyond the first end after this long idle. */
const IDLE_THREAD_MS = 60_000;
/** Used for Retry-After until a task has finished. */
const DEFAULT_TASK_MS = 2_000;
const MAX_RETRY_AFTER_S = 60;

export interface PoolOptions {
  threads: number;
  /** Tasks that may wait for a thread; one more is refused. */
  queueSize: number;
  /** The worker entry (tests use their own). */
  filename?: string;
}

export interface RunOptions {
  /** Transferred, not copied (a MessagePort for a streamed answer). */
  transfer?: Transferable[];
  /** Aborting drops a waiting task and ends the thread running a started one (it is replaced). */
  signal?: AbortSignal;
}

export interface PoolStats {
  mode: 'pool' | 'inline';
  threads: number;
  queueSize: number;
  /** Tasks waiting for a thread. */
  queued: number;
  /** Tasks running (a streamed PDF runs until its last byte is read). */
  running: number;
  completed: number;
  /** Tasks refused because the queue was full. */
  refused: number;
}

/** Thread count: WORKER_THREADS, else the CPU count up to MAX_DEFAULT_THREADS. */
export function defaultThreads(): number {
  return env().workers.threads ?? Math.max(1, Math.min(MAX_DEFAULT_THREADS, os.availableParallelism()));
}

/**
 * Where lib/workers/worker.mjs is: under the working directory (`next start`, `next dev`, vitest
 * run from the project), else beside the node_modules it links to (a build served from a copy
 * with node_modules linked, as the benchmarks do).
 */
export function workerEntry(): string {
  const relative = path.join('lib', 'workers', 'worker.mjs');
  const roots = [process.cwd()];
  try {
    roots.push(path.dirname(fs.realpathSync(path.join(process.cwd(), 'node_modules'))));
  } catch {
    // no node_modules here: only the working directory is a candidate
  }
  const found = roots.map((root) => path.join(root, relative)).find((file) => fs.existsSync(file));
  if (!found) throw new Error(`The worker entry ${relative} was not found under ${roots.join(' or ')}.`);
  return found;
}

export class WorkerPool {
  private readonly pool: Piscina;
  private active = 0;
  private refused = 0;

  constructor(readonly options: PoolOptions) {
    this.pool = new Piscina({
      filename: options.filename ?? workerEntry(),
      minThreads: 1,
      maxThreads: options.threads,
      maxQueue: options.queueSize,
      idleTimeout: IDLE_THREAD_MS,
      concurrentTasksPerWorker: 1,
      niceIncrement: WORKER_NICE,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    // A thread that fails with no task of its own (at start-up, say) would otherwise be an
    // unhandled 'error' event, which ends the whole process.
    this.pool.on('error', (error: unknown) => console.error('factmark: a worker thread failed', error));
  }

  async run<T extends WorkerTask>(task: T, options: RunOptions = {}): Promise<TaskAnswer<T>> {
    if (this.pool.queueSize >= this.options.queueSize) return this.busy();
    this.active++;
    try {
      return (await this.pool.run(task, { transferList: options.transfer as never, signal: options.signal })) as TaskAnswer<T>;
    } catch (error) {
      if (error instanceof Error && error.message === 'Task queue is at limit') return this.busy();
      if (error instanceof Error && error.name === 'AbortError') {
        return fail('unavailable', 'The server stopped this task: it took too long or was cancelled. Try again.', { retryAfterSeconds: this.retryAfterSeconds() }) as TaskAnswer<T>;
      }
      console.error(`factmark: the worker running a ${task.kind} task failed`, error);
      return fail('internal', 'The server failed while doing this work (a worker thread stopped). Try again.') as TaskAnswer<T>;
    } finally {
      this.active--;
    }
  }

  stats(): PoolStats {
    const queued = this.pool.queueSize;
    return { mode: 'pool', threads: this.options.threads, queueSize: this.options.queueSize, queued, running: this.active - queued, completed: this.pool.completed, refused: this.refused };
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }

  private busy<A>(): A {
    this.refused++;
    const seconds = this.retryAfterSeconds();
    return fail('unavailable', `The server is busy with other exports and imports (${this.options.queueSize} waiting). Try again in ${seconds} s.`, { retryAfterSeconds: seconds }) as A;
  }

  /** Roughly when a place frees up: the queue ahead, shared by the threads, at the mean task time so far. */
  private retryAfterSeconds(): number {
    const mean = this.pool.completed > 0 ? this.pool.histogram.runTime.average : Number.NaN;
    const perTask = Number.isFinite(mean) && mean > 0 ? mean : DEFAULT_TASK_MS;
    const seconds = Math.ceil((((this.pool.queueSize + 1) / this.options.threads) * perTask) / 1000);
    return Math.min(MAX_RETRY_AFTER_S, Math.max(1, seconds));
  }
}

const cache = globalThis as unknown as { __factmarkWorkers?: WorkerPool };

/** The server's pool, started on first use with the settings of lib/env.ts; kept across hot reloads. */
export function serverPool(): WorkerPool {
  cache.__factmarkWorkers ??= new WorkerPool({ threads: defaultThreads(), queueSize: env().workers.queueSize });
  return cache.__factmarkWorkers;
}

let inlineRuns = { active: 0, completed: 0 };

/**
 * Runs a heavy task in the server's pool — or, with FACTMARK_WORKERS=inline (benchmarks only),
 * on this thread with no queue, as before the pool existed.
 */
export async function runHeavy<T extends WorkerTask>(task: T, options: RunOptions = {}): Promise<TaskAnswer<T>> {
  if (!env().workers.inline) return serverPool().run(task, options);
  inlineRuns.active++;
  try {
    return await (await import('./tasks')).runTask(task);
  } catch (error) {
    console.error(`factmark: a ${task.kind} task failed`, error);
    return fail('internal', 'The server failed while doing this work. Try again.') as TaskAnswer<T>;
  } finally {
    inlineRuns = { active: inlineRuns.active - 1, completed: inlineRuns.completed + 1 };
  }
}

export function heavyWorkStats(): PoolStats {
  if (!env().workers.inline) return serverPool().stats();
  return { mode: 'inline', threads: 0, queueSize: 0, queued: 0, running: inlineRuns.active, completed: inlineRuns.completed, refused: 0 };
}
