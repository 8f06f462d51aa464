// The printable HTML report, shown in the browser without the app's chrome: "Save as PDF" from
// here gives a clean A4/Letter document. Same filters as the sidebar (?status=, ?reviewer=).
import { getDb } from '@/db/client';
import { loadReportInput } from '@/db/queries/reports';
import { renderHtml } from '@/lib/report/html';
import { buildReportModel } from '@/lib/report/model';
import { parseId } from '@/lib/server/http';
import { appUrl, readReportQuery } from '@/lib/server/report-request';
import { getViewer } from '@/lib/server/session';

type Context = { params: Promise<{ id: string }> };

const page = (status: number, text: string) =>
  new Response(`<!doctype html><meta charset="utf-8"><title>Factmark</title><p>${text}</p><p><a href="/">Back to the articles</a></p>`, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });

export async function GET(request: Request, { params }: Context) {
  const { id: raw } = await params;
  const viewer = await getViewer();
  if (!viewer) return Response.redirect(new URL(`/login?callbackUrl=${encodeURIComponent(`/articles/${raw}/report`)}`, appUrl(request)), 307);
  const id = parseId(raw, 'article');
  if (!id.ok) return page(404, 'There is no article at this address.');
  const query = readReportQuery(new URL(request.url), 'html');
  if (!query.ok) return page(400, 'The report filters are not valid.');
  const input = loadReportInput(getDb(), viewer, id.value, query.value.filters, appUrl(request));
  if (!input.ok) return page(404, 'There is no article at this address.');
  return new Response(renderHtml(buildReportModel(input.value)), {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:" },
  });
}
