// The report's query string (format and the sidebar's filters), parsed once for the download
// API and the printable page; and the PDF download, streamed from the worker pool.
import { MessageChannel } from 'node:worker_threads';
import { z } from 'zod';
import { STATUSES } from '../annotations/status';
import { fail, ok, type Result } from '../errors';
import { REPORT_FORMAT_INFO, REPORT_FORMATS, type ReportFormat } from '../report/formats';
import type { ReportFilters } from '../../db/queries/reports';
import { env } from '../env';
import type { Viewer } from '../viewer';
import { runHeavy } from '../workers/pool';
import { PortReader } from '../workers/port-stream';
import { errorResponse } from './http';

const filtersSchema = z.object({
  statuses: z.array(z.enum(STATUSES, { message: `status must be one of: ${STATUSES.join(', ')}.` })).max(STATUSES.length * 4).optional(),
  reviewer: z.coerce.number({ message: 'reviewer must be a user id.' }).int().positive({ message: 'reviewer must be a user id.' }).optional(),
});

export function readReportQuery(url: URL, defaultFormat?: ReportFormat): Result<{ format: ReportFormat; filters: ReportFilters }> {
  const params = Object.fromEntries(url.searchParams);
  const format = params.format ?? defaultFormat;
  if (!format || !(REPORT_FORMATS as readonly string[]).includes(format)) {
    return fail('bad_request', `Unknown report format "${format ?? ''}". Valid formats: ${REPORT_FORMATS.join(', ')}.`, { validFormats: REPORT_FORMATS });
  }
  // `status` may repeat (?status=verified&status=disputed): the sidebar can select several.
  const statuses = url.searchParams.getAll('status').filter(Boolean);
  const filters = filtersSchema.safeParse({ statuses: statuses.length ? statuses : undefined, reviewer: params.reviewer || undefined });
  if (!filters.success) return fail('bad_request', filters.error.issues[0]?.message ?? 'Invalid filters.');
  const { statuses: chosen, reviewer } = filters.data;
  return ok({ format: format as ReportFormat, filters: { statuses: chosen ? STATUSES.filter((s) => chosen.includes(s)) : undefined, reviewer } });
}

/** Absolute URL of the app, for ids and links inside exports. */
export function appUrl(request: Request): string {
  return (env().appUrl ?? new URL(request.url).origin).replace(/\/+$/, '');
}

/** How long a running PDF may send nothing it owes, or its reader ask for nothing, before it is stopped. */
const PDF_IDLE_MS = 60_000;

/**
 * The PDF report as a streamed download, rendered in the worker pool (lib/workers): the answer
 * starts with the first page and never holds the whole file. Errors found before the first byte
 * (no such article, a full queue) are the usual JSON answers; a client that leaves stops the render.
 */
export async function pdfReportResponse(request: Request, viewer: Viewer, articleId: number, filters: ReportFilters): Promise<Response> {
  const { port1, port2 } = new MessageChannel();
  const stop = new AbortController();
  const reader = new PortReader(port1, { idleMs: PDF_IDLE_MS, onStuck: () => stop.abort() });
  const task = runHeavy({ kind: 'pdf-report', viewer, articleId, filters, appUrl: appUrl(request), port: port2 }, { transfer: [port2], signal: stop.signal });
  // Waiting in the queue: drop it there. Running: ask it to stop, which it does between annotations.
  const onAbort = () => (reader.started ? reader.cancel() : stop.abort());
  request.signal.addEventListener('abort', onAbort, { once: true });
  void task.then((result) => {
    request.signal.removeEventListener('abort', onAbort);
    if (!result.ok) reader.fail(new Error(result.error.message));
  });
  const head = await reader.head.catch(() => null);
  if (!head) {
    const result = await task;
    return errorResponse(result.ok ? { code: 'internal', message: 'The PDF could not be made. Try again.' } : result.error);
  }
  return new Response(reader.body, {
    headers: {
      'content-type': REPORT_FORMAT_INFO.pdf.contentType,
      'content-disposition': `attachment; filename="${head.filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
