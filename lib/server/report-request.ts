// The report's query string (format and the sidebar's filters), parsed once for the download
// API and the printable page.
import { z } from 'zod';
import { STATUSES } from '../annotations/status';
import { fail, ok, type Result } from '../errors';
import { REPORT_FORMATS, type ReportFormat } from '../report/formats';
import type { ReportFilters } from '../../db/queries/reports';
import { env } from '../env';

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
