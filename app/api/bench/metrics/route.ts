// GET [?reset=1]: benchmark metrics (lib/server/bench-metrics.ts) — only when the server runs with
// FACTMARK_BENCH_METRICS=1; otherwise this address does not exist (404).
import { env } from '@/lib/env';
import { benchMetrics } from '@/lib/server/bench-metrics';
import { viewerRoute } from '@/lib/server/api';
import { errorResponse, json } from '@/lib/server/http';

export const GET = viewerRoute(({ request }) => {
  if (!env().benchMetrics) return errorResponse({ code: 'not_found', message: 'There is nothing at this address.' });
  return json(benchMetrics(new URL(request.url).searchParams.get('reset') === '1'), 200, { 'cache-control': 'no-store' });
});
