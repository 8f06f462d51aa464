// The heavy tasks the request thread hands to the worker pool (lib/workers/pool.ts) and what each
// answers. Everything here crosses a thread boundary by structured clone: plain data, Results as
// values, a ProseMirror document as its JSON, and a MessagePort for a streamed answer.
import type { MessagePort } from 'node:worker_threads';
import type { ReportFilters } from '../../db/queries/reports';
import type { Result } from '../errors';
import type { ArticleMeta, ImportedArticle, ImportInput } from '../import';
import type { PdfStats } from '../report/pdf';
import type { Viewer } from '../viewer';

/** The PDF report of an article, streamed over `port` (lib/workers/port-stream.ts). */
export interface PdfReportTask {
  kind: 'pdf-report';
  viewer: Viewer;
  articleId: number;
  filters: ReportFilters;
  appUrl: string;
  port: MessagePort;
}

/** An article pasted or uploaded as text, Markdown or HTML (not `url`: see PageImportTask). */
export interface ImportTask {
  kind: 'import';
  input: ImportInput;
}

/** A web page the request thread has fetched (network waits stay off the workers): Readability, then the HTML path. */
export interface PageImportTask {
  kind: 'import-page';
  html: string;
  /** The address the page was served from, after redirects. */
  url: string;
  meta: ArticleMeta;
}

export type WorkerTask = PdfReportTask | ImportTask | PageImportTask;

/** An imported article with its document as JSON (`articleSchema.nodeFromJSON` rebuilds it). */
export type ImportedArticleData = Omit<ImportedArticle, 'doc'> & { doc: Record<string, unknown> };

export interface TaskAnswers {
  /** null: the reader went away and the render stopped. */
  'pdf-report': Result<PdfStats | null>;
  import: Result<ImportedArticleData>;
  'import-page': Result<ImportedArticleData>;
}

export type TaskAnswer<T extends WorkerTask> = TaskAnswers[T['kind']];
