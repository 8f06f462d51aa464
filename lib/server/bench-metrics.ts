// Benchmark instrumentation, off unless FACTMARK_BENCH_METRICS=1: the request thread's event-loop
// delay (perf_hooks.monitorEventLoopDelay, started on first use), the worker pool's counters and
// the process's memory (worker threads included: they share the process). Read by bench/heavy.ts.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { heavyWorkStats, type PoolStats } from '../workers/pool';

/** Sampling step of the delay monitor (ms): a delay shorter than this is not seen. */
const RESOLUTION_MS = 10;

export interface BenchMetrics {
  /** Event-loop delay since the last reset, in ms (samples: how many the monitor took). */
  eventLoop: { samples: number; p50: number; p99: number; max: number; mean: number };
  workers: PoolStats;
  memory: { rss: number; heapUsed: number; external: number };
}

const cache = globalThis as unknown as { __factmarkLoopDelay?: IntervalHistogram };

function histogram(): IntervalHistogram {
  if (!cache.__factmarkLoopDelay) {
    cache.__factmarkLoopDelay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    cache.__factmarkLoopDelay.enable();
  }
  return cache.__factmarkLoopDelay;
}

/** The metrics so far; with `reset`, the delay histogram starts again after reading. */
export function benchMetrics(reset: boolean): BenchMetrics {
  const h = histogram();
  const ms = (ns: number) => (Number.isFinite(ns) ? Math.round(ns / 1e4) / 100 : 0);
  const eventLoop = { samples: h.count, p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), mean: ms(h.mean) };
  if (reset) h.reset();
  const { rss, heapUsed, external } = process.memoryUsage();
  return { eventLoop, workers: heavyWorkStats(), memory: { rss, heapUsed, external } };
}
