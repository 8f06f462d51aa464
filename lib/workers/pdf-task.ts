// The PDF report, made in a worker thread: the report's data read through this thread's own
// read-only database handle (the same query, so the same permission checks, as every format),
// the model built, and the PDF streamed page by page to the request thread over the task's port.
import { readOnlyDb } from '../../db/read-only';
import { loadReportInput } from '../../db/queries/reports';
import { ok, type Result } from '../errors';
import { reportFilename } from '../report/formats';
import { buildReportModel } from '../report/model';
import { writePdf, type PdfStats } from '../report/pdf';
import { PortWriter, StreamCancelled } from './port-stream';
import type { PdfReportTask } from './types';

/** The stats of the PDF sent, null when the reader went away, or why there is none (before any byte). */
export async function renderPdfReport(task: PdfReportTask): Promise<Result<PdfStats | null>> {
  const out = new PortWriter(task.port);
  try {
    out.post({ type: 'started' });
    const input = loadReportInput(readOnlyDb(), task.viewer, task.articleId, task.filters, task.appUrl);
    if (!input.ok) return input;
    const model = buildReportModel(input.value);
    out.post({ type: 'head', filename: reportFilename(input.value.article.slug, input.value.exportedAt, 'pdf') });
    const stats = await writePdf(model, out);
    await out.end();
    return ok(stats);
  } catch (error) {
    if (error instanceof StreamCancelled) return ok(null);
    throw error;
  } finally {
    out.close();
  }
}
