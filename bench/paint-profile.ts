// Where the time between "page opened" and "highlights painted" goes, from a Chromium trace of one
// page load: the renderer main thread's work between navigation start and the app's
// `fm:highlights-painted` mark, as self time per trace event (parse HTML, compile, script, style,
// layout, paint…) and, from the V8 sampling profiler in the same trace, self time per script
// function. Minified function names are kept with their chunk and position, which is enough to
// tell React, ProseMirror and the app's own plugins apart.
import type { Browser } from 'playwright-core';
import { signedInContext } from './browser';
import type { PaintArm } from './paint';
import { walkSelfTimes, type TraceEvent } from './trace-events';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'loading',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
].join(',');


export interface PaintProfile {
  label: string;
  /** Navigation start → the painted mark, in this traced run (tracing slows the page a little). */
  painted: number;
  /** Main-thread busy time in that span, and self time per trace event name (ms, largest first). */
  busy: number;
  events: [name: string, ms: number][];
  /** Self time per script function from the sampling profiler (ms, largest first). */
  functions: [fn: string, ms: number][];
  /** Time spans of the app's own user-timing measures (`performance.measure`), if any. */
  measures: [name: string, start: number, ms: number][];
}

/** Loads the arm once with tracing on and summarises the renderer main thread up to the mark. */
export async function profilePaint(browser: Browser, server: string, session: string, arm: PaintArm, top = 25): Promise<PaintProfile> {
  const { url, token } = arm.origin ?? { url: server, token: session };
  const context = await signedInContext(browser, url, token);
  try {
    const page = await context.newPage();
    await browser.startTracing(page, { categories: CATEGORIES.split(',') });
    await page.goto(`${url}${arm.path}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('fm:highlights-painted').length > 0, null, { timeout: 30_000, polling: 100 });
    // Let the trace buffers take the mark's frame.
    await page.waitForTimeout(200);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    return summarise(arm.label, trace.traceEvents, top);
  } finally {
    await context.close();
  }
}

function summarise(label: string, events: TraceEvent[], top: number): PaintProfile {
  const mark = events.find((e) => e.name === 'fm:highlights-painted' && e.cat.includes('blink.user_timing'));
  if (!mark) throw new Error('the trace has no fm:highlights-painted mark');
  const { pid } = mark;
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('no renderer main thread in the trace');
  const tid = main.tid;
  const navStart = events.filter((e) => e.pid === pid && e.name === 'navigationStart' && e.ts <= mark.ts).reduce((a, e) => Math.max(a, e.ts), 0);
  const inSpan = (e: TraceEvent) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined && e.ts >= navStart && e.ts < mark.ts;
  const self = new Map<string, number>();
  const busy = walkSelfTimes(events.filter(inSpan), (e, us) => self.set(e.name, (self.get(e.name) ?? 0) + us));

  // The sampling profiler: ProfileChunk events carry nodes, samples and time deltas.
  const nodes = new Map<number, string>();
  const fnSelf = new Map<string, number>();
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid);
  let t = profile?.args?.data?.startTime as number | undefined;
  for (const chunk of events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid && (!profile || e.id === profile.id))) {
    const data = chunk.args?.data;
    for (const n of data?.cpuProfile?.nodes ?? []) {
      const f = n.callFrame;
      const file = f.url ? f.url.replace(/^.*\//, '') : '';
      nodes.set(n.id, `${f.functionName || '(anonymous)'}${file ? ` ${file}:${(f.lineNumber ?? 0) + 1}:${(f.columnNumber ?? 0) + 1}` : ''}`);
    }
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const prev = t ?? 0;
      t = prev + (deltas[i] ?? 0);
      const next = t + (deltas[i + 1] ?? 0);
      if (t < navStart || t >= mark.ts) continue;
      const name = nodes.get(samples[i]) ?? `node ${samples[i]}`;
      if (name.startsWith('(idle)') || name.startsWith('(program)')) continue;
      fnSelf.set(name, (fnSelf.get(name) ?? 0) + Math.max(0, next - t));
    }
  }

  const measures = events
    .filter((e) => e.pid === pid && e.cat.includes('blink.user_timing') && e.ph === 'b' && e.name.startsWith('fm:'))
    .map((b): [string, number, number] => {
      const end = events.find((e) => e.ph === 'e' && e.name === b.name && e.id === b.id && e.pid === pid);
      return [b.name, (b.ts - navStart) / 1000, end ? (end.ts - b.ts) / 1000 : Number.NaN];
    });

  const sorted = (m: Map<string, number>) => [...m].map(([k, v]): [string, number] => [k, v / 1000]).sort((a, b) => b[1] - a[1]).slice(0, top);
  return { label, painted: (mark.ts - navStart) / 1000, busy: busy / 1000, events: sorted(self), functions: sorted(fnSelf), measures };
}
