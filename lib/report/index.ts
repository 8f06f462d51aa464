// The report builders' entry point: one call turns an article, its annotations and their history
// into an export in any format, with the content type and file name the HTTP response needs.
import { buildClaimReviewDocument, renderClaimReview } from './claimreview';
import { renderCsv } from './csv';
import { REPORT_FORMAT_INFO, reportFilename, type ReportFormat } from './formats';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { buildReportModel, type ReportInput, type ReportModel } from './model';
import { renderPdf } from './pdf';
import { renderW3c } from './w3c';

export interface RenderedReport {
  body: string | Buffer;
  contentType: string;
  filename: string;
}

const RENDERERS: Record<ReportFormat, (model: ReportModel) => string | Promise<Buffer>> = {
  html: renderHtml,
  pdf: renderPdf,
  md: renderMarkdown,
  csv: renderCsv,
  json: renderW3c,
  claimreview: renderClaimReview,
};

export async function renderReport(format: ReportFormat, input: ReportInput): Promise<RenderedReport> {
  const model = buildReportModel(input);
  const body = await RENDERERS[format](model);
  return {
    body,
    contentType: REPORT_FORMAT_INFO[format].contentType,
    filename: reportFilename(input.article.slug, input.exportedAt, format),
  };
}

export { buildReportModel, buildClaimReviewDocument };
export type { ReportInput, ReportModel };
export { REPORT_FORMATS, REPORT_FORMAT_INFO, isReportFormat, reportFilename, type ReportFormat } from './formats';
export { renderHtml, renderHtmlBody, REPORT_CSS, escapeHtml } from './html';
export { renderMarkdown } from './markdown';
export { renderCsv } from './csv';
export { renderW3c, buildW3cCollection } from './w3c';
export { renderClaimReview, buildClaimReviews } from './claimreview';
export { renderPdf } from './pdf';
