// The export formats: their names as the API accepts them, HTTP content types and file names.
import { W3C_CONTENT_TYPE } from './w3c';

export const REPORT_FORMATS = ['html', 'pdf', 'md', 'csv', 'json', 'claimreview'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportFormatInfo {
  contentType: string;
  extension: string;
  /** Shown in the export menu. */
  label: string;
}

export const REPORT_FORMAT_INFO: Record<ReportFormat, ReportFormatInfo> = {
  html: { contentType: 'text/html; charset=utf-8', extension: 'html', label: 'HTML report' },
  pdf: { contentType: 'application/pdf', extension: 'pdf', label: 'PDF report' },
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md', label: 'Markdown' },
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', label: 'CSV (spreadsheet)' },
  // JSON-LD is UTF-8 by definition (RFC 8259), so no charset parameter.
  json: { contentType: W3C_CONTENT_TYPE, extension: 'jsonld', label: 'W3C Web Annotations (JSON-LD)' },
  claimreview: { contentType: 'application/ld+json', extension: 'json', label: 'schema.org ClaimReview (JSON-LD)' },
};

export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value);
}

/** `<slug>-factcheck-<yyyy-mm-dd>.<ext>`, the date in UTC; the slug is reduced to [a-z0-9-] so the name is safe in a header. */
export function reportFilename(slug: string, date: Date, format: ReportFormat): string {
  const safeSlug =
    slug
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'article';
  return `${safeSlug}-factcheck-${date.toISOString().slice(0, 10)}.${REPORT_FORMAT_INFO[format].extension}`;
}
