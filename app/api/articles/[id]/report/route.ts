// GET ?format=html|pdf|md|csv|json|claimreview[&status=][&reviewer=]: the annotation report as
// a download, built from one model for every format. The PDF is rendered in a worker thread and
// streamed (lib/server/report-request.ts); a busy pool answers 503 with Retry-After.
import { getDb } from '@/db/client';
import { loadReportInput } from '@/db/queries/reports';
import { renderReport } from '@/lib/report';
import { idRoute } from '@/lib/server/api';
import { errorResponse } from '@/lib/server/http';
import { appUrl, pdfReportResponse, readReportQuery } from '@/lib/server/report-request';

export const GET = idRoute('article', async ({ request, viewer, id }) => {
  const query = readReportQuery(new URL(request.url));
  if (!query.ok) return errorResponse(query.error);
  if (query.value.format === 'pdf') return pdfReportResponse(request, viewer, id, query.value.filters);
  const input = loadReportInput(getDb(), viewer, id, query.value.filters, appUrl(request));
  if (!input.ok) return errorResponse(input.error);
  const report = await renderReport(query.value.format, input.value);
  return new Response(typeof report.body === 'string' ? report.body : new Uint8Array(report.body), {
    headers: {
      'content-type': report.contentType,
      'content-disposition': `attachment; filename="${report.filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
