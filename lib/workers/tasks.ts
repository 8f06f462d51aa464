// Runs one heavy task: in a worker thread (lib/workers/worker.mjs) or, with
// FACTMARK_WORKERS=inline, on the request thread (benchmarks compare the two). Task modules load
// on first use, so a thread that only imports never loads pdfkit; how they load is the caller's:
// `import()` in the Next bundle, tsx's require() in a worker thread (where import() of a .ts
// file would bypass tsx).
import type { TaskAnswer, WorkerTask } from './types';

export interface TaskModules {
  pdf(): Promise<typeof import('./pdf-task')>;
  imports(): Promise<typeof import('./import-task')>;
}

const bundled: TaskModules = { pdf: () => import('./pdf-task'), imports: () => import('./import-task') };

export async function runTask<T extends WorkerTask>(task: T, modules: TaskModules = bundled): Promise<TaskAnswer<T>> {
  switch (task.kind) {
    case 'pdf-report':
      return (await modules.pdf()).renderPdfReport(task) as Promise<TaskAnswer<T>>;
    case 'import':
      return (await modules.imports()).importInWorker(task) as Promise<TaskAnswer<T>>;
    case 'import-page':
      return (await modules.imports()).importPageInWorker(task) as TaskAnswer<T>;
  }
}
