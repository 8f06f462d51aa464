// The text of each page of a PDF as pdf.js extracts it (what a reader can select and search),
// runs joined and whitespace collapsed so wrapped phrases can be found.
import type { PDFDocumentProxy } from 'pdfjs-dist';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/**
 * pdf.js's legacy build (the one for Node 20) carries core-js polyfills that replace the global
 * `JSON.stringify` and `JSON.parse` with script versions (for `JSON.rawJSON`), about 13 times
 * slower here. Test files share their worker's globals (`isolate: false`), so once one file had
 * read a PDF, every later file's Playwright and HTTP traffic went through them: about a tenth of
 * a worker's CPU. pdf.js and its in-process worker are loaded once, here, and the natives put back.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    const { stringify, parse } = JSON;
    const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // pdf.js uses this module as its "fake worker" in Node instead of importing it on first use.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    Object.assign(JSON, { stringify, parse });
    return lib;
  })();
  return pdfjs;
}

/** Runs `read` on the PDF opened with pdf.js (always through here: see loadPdfJs), then closes it. */
export async function withPdfDocument<T>(pdf: Uint8Array, read: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const { getDocument } = await loadPdfJs();
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    return await read(doc);
  } finally {
    await doc.destroy();
  }
}

/** One page's text, runs joined (pdf.js's end-of-line markers as spaces) and whitespace collapsed. */
export async function pageText(doc: PDFDocumentProxy, n: number): Promise<string> {
  const content = await (await doc.getPage(n)).getTextContent();
  return content.items
    .map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : ''))
    .join('')
    .replace(/\s+/g, ' ');
}

export function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  return withPdfDocument(pdf, async (doc) => {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(await pageText(doc, n));
    return pages;
  });
}

/** The number of pages and the last page's text, without extracting the others (a long report's are seconds of CPU). */
export function pdfLastPage(pdf: Uint8Array): Promise<{ pageCount: number; text: string }> {
  return withPdfDocument(pdf, async (doc) => ({ pageCount: doc.numPages, text: await pageText(doc, doc.numPages) }));
}
