// POST /api/articles/:id/annotations under load: `concurrency` workers on loopback, each with its
// own session, over as many keep-alive connections, sending valid annotations (offsets and `exact`
// from the article's canonical text) back to back: first an unrecorded warm-up on the same
// connections, then until `maxRequests` are done or `maxSeconds` pass.
// With `get` set it sends that GET instead (the cost of any authenticated API request, for comparison).
import { Pool } from 'undici';
import type { Status } from '../lib/annotations/status';
import { sessionCookie, type BenchServer } from './server';

export interface PostBody {
  start: number;
  end: number;
  status: Status;
  exact: string;
}

export interface PostLoadResult {
  label: string;
  concurrency: number;
  /** Latency of each completed request (ms), in completion order. */
  latencies: number[];
  errors: number;
  firstErrors: string[];
  seconds: number;
  requestsPerSecond: number;
  /** CPU used meanwhile, in cores (CPU seconds / wall seconds). */
  serverCores: number;
  clientCores: number;
  /** The warm-up phase on the same connections: requests and slowest latency (ms). */
  warmup: { requests: number; maxLatency: number };
}

export interface PostLoadOptions {
  server: BenchServer;
  articleId: number;
  tokens: string[];
  bodies: PostBody[];
  concurrency: number;
  /** Unrecorded requests first, at the same concurrency on the same connections. */
  warmupRequests: number;
  maxRequests: number;
  maxSeconds: number;
  /** Send GET <this path> (expecting 200) instead of the POSTs. */
  get?: string;
}

export async function postLoad(o: PostLoadOptions): Promise<PostLoadResult> {
  const pool = new Pool(o.server.url, { connections: o.concurrency, pipelining: 1, headersTimeout: 30_000, bodyTimeout: 30_000 });
  const path = o.get ?? `/api/articles/${o.articleId}/annotations`;
  const expected = o.get ? 200 : 201;
  let next = 0;
  const errorsSeen: string[] = [];

  /** `concurrency` workers sending requests back to back until `limit` are sent or time is up. */
  const phase = async (limit: number, seconds: number) => {
    const latencies: number[] = [];
    let errors = 0;
    let issued = 0;
    const deadline = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: o.concurrency }, async (_, worker) => {
        const cookie = sessionCookie(o.tokens[worker % o.tokens.length]);
        while (issued < limit && performance.now() < deadline) {
          issued++;
          const body = JSON.stringify(o.bodies[next++ % o.bodies.length]);
          const t = performance.now();
          try {
            const res = o.get
              ? await pool.request({ path, method: 'GET', headers: { cookie } })
              : await pool.request({ path, method: 'POST', headers: { 'content-type': 'application/json', cookie }, body });
            const text = await res.body.text();
            latencies.push(performance.now() - t);
            if (res.statusCode !== expected) {
              errors++;
              if (errorsSeen.length < 3) errorsSeen.push(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
            }
          } catch (error) {
            latencies.push(performance.now() - t);
            errors++;
            if (errorsSeen.length < 3) errorsSeen.push(error instanceof Error ? error.message : String(error));
          }
        }
      }),
    );
    return { latencies, errors };
  };

  try {
    const warm = await phase(o.warmupRequests, 30);
    const serverCpu0 = o.server.cpuSeconds();
    const clientCpu0 = process.cpuUsage();
    const started = performance.now();
    const { latencies, errors } = await phase(o.maxRequests, o.maxSeconds);
    const seconds = (performance.now() - started) / 1000;
    const clientCpu = process.cpuUsage(clientCpu0);
    return {
      label: o.get ? `GET ${o.get.replace(/\?.*/, '?since=…')}` : `POST ${path}`,
      concurrency: o.concurrency,
      latencies,
      errors: errors + warm.errors,
      firstErrors: errorsSeen,
      seconds,
      requestsPerSecond: latencies.length / seconds,
      serverCores: (o.server.cpuSeconds() - serverCpu0) / seconds,
      clientCores: (clientCpu.user + clientCpu.system) / 1e6 / seconds,
      warmup: { requests: warm.latencies.length, maxLatency: Math.max(0, ...warm.latencies) },
    };
  } finally {
    await pool.close();
  }
}
