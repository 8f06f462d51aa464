'use client';
// "Export report": the printable page and a download per format, with the sidebar's filters.
import { REPORT_FORMAT_INFO, REPORT_FORMATS, type ReportFormat } from '@/lib/report/formats';
import type { Status } from '@/lib/annotations/status';

const LABEL: Record<ReportFormat, string> = {
  html: 'HTML report (standalone file)',
  pdf: 'PDF',
  md: 'Markdown',
  csv: 'CSV spreadsheet',
  json: 'W3C Web Annotation (JSON-LD)',
  claimreview: 'ClaimReview (JSON-LD)',
};

/**
 * `statuses` and `reviewer` are the sidebar's filters: every selected status goes as its own
 * `status` parameter (none selected: all statuses), so the report lists exactly the cards shown.
 */
export function ExportMenu({ articleId, statuses, reviewer }: { articleId: number; statuses: readonly Status[]; reviewer?: number }) {
  const filters = new URLSearchParams();
  for (const s of statuses) filters.append('status', s);
  if (reviewer) filters.set('reviewer', String(reviewer));
  const suffix = filters.size ? `&${filters}` : '';
  return (
    <details className="export-menu">
      <summary>Export report</summary>
      <div className="export-items" role="menu">
        <a role="menuitem" href={`/articles/${articleId}/report${filters.size ? `?${filters}` : ''}`} target="_blank" rel="noopener">
          View printable report
        </a>
        {REPORT_FORMATS.map((f) => (
          <a key={f} role="menuitem" href={`/api/articles/${articleId}/report?format=${f}${suffix}`} download>
            {LABEL[f]} <span className="muted small">.{REPORT_FORMAT_INFO[f].extension}</span>
          </a>
        ))}
        {filters.size > 0 && <p className="small muted">Filtered like the sidebar.</p>}
      </div>
    </details>
  );
}
