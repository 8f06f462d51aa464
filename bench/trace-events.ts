// Chromium trace events (browser.startTracing) and the self time of one thread's events: what
// bench/paint-profile.ts and bench/frame-trace.ts both read from a trace.

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> & { cpuProfile?: CpuProfileChunk; timeDeltas?: number[] } };
}

export interface CpuProfileChunk {
  nodes?: { id: number; parent?: number; callFrame: { functionName: string; url: string; lineNumber?: number; columnNumber?: number } }[];
  samples?: number[];
}

/**
 * Walks one thread's complete events ('X', with a duration), nesting them by time, and calls
 * `visit` with each one's self time (µs): its duration minus its direct children's. Returns the
 * time of the outermost events: how long the thread was busy.
 */
export function walkSelfTimes(spans: TraceEvent[], visit: (event: TraceEvent, selfUs: number) => void): number {
  const sorted = [...spans].sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const stack: { e: TraceEvent; end: number; children: number }[] = [];
  let busy = 0;
  const close = (until: number) => {
    while (stack.length && stack[stack.length - 1].end <= until) {
      const done = stack.pop()!;
      visit(done.e, Math.max(0, done.e.dur! - done.children));
    }
  };
  for (const e of sorted) {
    close(e.ts);
    const parent = stack[stack.length - 1];
    if (parent) parent.children += e.dur!;
    else busy += e.dur!;
    stack.push({ e, end: e.ts + e.dur!, children: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  return busy;
}
