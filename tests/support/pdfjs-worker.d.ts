// pdf.js publishes no types for its worker module; the tests load it as the in-process worker (pdf-text.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
