// Reads an import request — JSON (pasted text, Markdown, HTML or a URL) or a multipart upload of
// a .txt/.md/.html file — into the import library's input, and runs the import in the worker
// pool (importInPool). Uploads are decoded strictly as UTF-8.
import { z } from 'zod';
import { articleSchema } from '../document/schema';
import { env } from '../env';
import { fail, ok, type Result } from '../errors';
import { decodeUpload, fetchPage, IMPORT_FORMATS, importArticle, normaliseMeta, type FetchPageOptions, type ImportedArticle, type ImportInput } from '../import';
import type { RevisionSource } from '../revisions/types';
import { runHeavy } from '../workers/pool';
import { readForm, readJson } from './http';

export const MAX_IMPORT_BYTES = 12 * 1024 * 1024;

const meta = {
  title: z.string().nullish(),
  byline: z.string().nullish(),
  publisher: z.string().nullish(),
  sourceUrl: z.string().nullish(),
  publishedAt: z.string().nullish(),
};

export const importRequestSchema = z
  .object({ format: z.enum(IMPORT_FORMATS, { message: `format must be one of: ${IMPORT_FORMATS.join(', ')}.` }), content: z.string().nullish(), url: z.string().nullish(), ...meta })
  .strict();

/** A new version of an article: an import's body, plus the revision it was made against. */
export const revisionRequestSchema = importRequestSchema.extend({ baseRevision: z.coerce.number().int().positive().optional() }).strict();
export type RevisionRequest = z.infer<typeof revisionRequestSchema>;

/** How the text arrived, as a revision records it. */
export function importSource(request: Request, input: ImportInput): RevisionSource {
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) return 'upload';
  return input.format === 'url' ? 'url' : 'paste';
}

const FORMAT_BY_EXTENSION: Record<string, ImportInput['format']> = { txt: 'text', text: 'text', md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html' };

export function readImportRequest(request: Request): Promise<Result<ImportInput>> {
  return readImportBody(request, importRequestSchema);
}

export function readRevisionRequest(request: Request): Promise<Result<RevisionRequest>> {
  return readImportBody(request, revisionRequestSchema);
}

async function readImportBody<S extends typeof importRequestSchema | typeof revisionRequestSchema>(request: Request, schema: S): Promise<Result<z.infer<S>>> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) return readJson(request, schema, MAX_IMPORT_BYTES) as Promise<Result<z.infer<S>>>;
  // Streamed under the limit (plus room for the form's other fields), never buffered past it.
  const read = await readForm(request, MAX_IMPORT_BYTES + 64 * 1024);
  if (!read.ok) return read.error.code === 'payload_too_large' ? fail('payload_too_large', 'The upload is over 12 MB.') : read;
  const form = read.value;
  const file = form.get('file');
  if (!(file instanceof File)) return fail('bad_request', 'Attach the article as the "file" field.');
  if (file.size > MAX_IMPORT_BYTES) return fail('payload_too_large', 'The file is over 12 MB.');
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  const field = form.get('format');
  const format = typeof field === 'string' && field ? field : FORMAT_BY_EXTENSION[extension];
  if (!format) return fail('unprocessable', `Cannot tell the format of “${file.name}”: upload a .txt, .md or .html file.`);
  const text = decodeUpload(new Uint8Array(await file.arrayBuffer()));
  if (!text.ok) return text;
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  const fields = { format, content: text.value, title: str('title'), byline: str('byline'), publisher: str('publisher'), sourceUrl: str('sourceUrl'), publishedAt: str('publishedAt') };
  const parsed = schema.safeParse(schema === revisionRequestSchema ? { ...fields, baseRevision: str('baseRevision') || undefined } : fields);
  if (!parsed.success) return fail('bad_request', parsed.error.issues[0]?.message ?? 'Invalid upload.');
  return ok(parsed.data as z.infer<S>);
}

/** URL fetching options from the environment: IMPORT_TIMEOUT_MS (default 10 s). */
export function importOptions(): FetchPageOptions {
  return { timeoutMs: env().importTimeoutMs };
}

/** An import's parse may take this long in a worker before the thread is stopped (and replaced). */
const IMPORT_TASK_MS = 60_000;

/**
 * lib/import's importArticle, with the parsing (jsdom, DOMPurify, Readability, markdown-it) in the
 * worker pool: a URL is fetched here — waiting on the network holds no worker — and parsed there.
 * A full queue is `unavailable` (503, Retry-After).
 */
export async function importInPool(input: ImportInput, options: FetchPageOptions = importOptions()): Promise<Result<ImportedArticle>> {
  const limit = { signal: AbortSignal.timeout(IMPORT_TASK_MS) };
  let answer;
  if (input.format === 'url') {
    const { format: _format, content: _content, url, ...meta } = input;
    // No address: importArticle's own refusal, with nothing fetched or parsed.
    if (!url?.trim()) return importArticle(input);
    // Bad metadata is refused before anything is fetched.
    const given = normaliseMeta(meta);
    if (!given.ok) return given;
    const page = await fetchPage(url, options);
    if (!page.ok) return page;
    answer = await runHeavy({ kind: 'import-page', html: page.value.html, url: page.value.url, meta }, limit);
  } else {
    answer = await runHeavy({ kind: 'import', input }, limit);
  }
  if (!answer.ok) return answer;
  return ok({ ...answer.value, doc: articleSchema.nodeFromJSON(answer.value.doc) });
}
