// Route-handler plumbing: JSON answers, the one error shape, request checks every route shares
// (same-origin for state-changing methods, JSON only as application/json, bodies read as a stream
// under a byte limit), zod parsing, and a wrapper that turns a thrown bug into a logged 500.
import type { z } from 'zod';
import { BINARY_MESSAGE, looksBinary, stripControlChars } from '../control-chars';
import { env } from '../env';
import { ERROR_STATUS, fail, ok, type AppError, type Result } from '../errors';

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(data, { status, headers });
}

/** The error as JSON with its status; a busy server's 503 says when to retry (`details.retryAfterSeconds`). */
export function errorResponse(error: AppError, headers?: HeadersInit): Response {
  const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (error.code !== 'unavailable' || typeof retryAfter !== 'number') return json({ error }, ERROR_STATUS[error.code], headers);
  const withRetry = new Headers(headers);
  withRetry.set('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
  return json({ error }, ERROR_STATUS[error.code], withRetry);
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export const MAX_BODY_BYTES = 64 * 1024;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin browsers must name for a state-changing request: NEXTAUTH_URL's, else the request's own. */
export function appOrigin(request: Request): string {
  return env().appOrigin ?? new URL(request.url).origin;
}

/**
 * Refuses a state-changing request a browser sent from another site (CSRF). Browsers name the
 * page's origin in `Origin` on every POST/PUT/PATCH/DELETE, and newer ones say `Sec-Fetch-Site`;
 * a request with neither comes from a program (curl, an integration), which a web page cannot make.
 */
export function checkSameOrigin(request: Request): Result<true> {
  if (SAFE_METHODS.has(request.method)) return ok(true);
  const origin = request.headers.get('origin');
  const expected = appOrigin(request);
  if (origin !== null) {
    return origin === expected ? ok(true) : fail('forbidden', `Cross-site request refused: it came from ${origin.slice(0, 200)}, not ${expected}.`);
  }
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return fail('forbidden', 'Cross-site request refused.');
  return ok(true);
}

const tooLarge = (maxBytes: number) =>
  fail<never>('payload_too_large', `The request body is over ${maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / (1024 * 1024))} MB` : `${Math.round(maxBytes / 1024)} KB`}.`, { limit: maxBytes });

/**
 * The request body as bytes, read chunk by chunk and abandoned as soon as it passes `maxBytes`, so
 * a huge or endless body (chunked, with no Content-Length) is refused without being held in memory.
 */
export async function readBody(request: Request, maxBytes: number): Promise<Result<Uint8Array>> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) return tooLarge(maxBytes);
  if (!request.body) return ok(new Uint8Array(0));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop pulling: the rest stays in the socket and is discarded after the answer.
      reader.releaseLock();
      return tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return ok(chunks[0]);
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return ok(body);
}

/** The media type of a Content-Type header, lower-case, without parameters. */
export function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/** Reads a form or multipart body (at most `maxBytes`, streamed) as FormData. */
export async function readForm(request: Request, maxBytes: number): Promise<Result<FormData>> {
  const body = await readBody(request, maxBytes);
  if (!body.ok) return body;
  try {
    return ok(await new Response(body.value as BodyInit, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData());
  } catch {
    return fail('bad_request', 'The upload could not be read as a form.');
  }
}

/**
 * Reads a JSON body — only as `application/json` (415 otherwise, so a cross-site form cannot
 * post one as text/plain), at most `maxBytes` — cleans its strings (cleanStrings) and parses it
 * with a zod schema.
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes = MAX_BODY_BYTES): Promise<Result<z.infer<S>>> {
  const type = mediaType(request);
  const unsupported = fail<never>('unsupported_media_type', 'Send the request body as JSON with the header Content-Type: application/json.');
  if (type !== '' && type !== 'application/json') return unsupported;
  const bytes = await readBody(request, maxBytes);
  if (!bytes.ok) return bytes;
  if (type === '') return bytes.value.byteLength === 0 ? fail('bad_request', 'The request has no body: send JSON with Content-Type: application/json.') : unsupported;
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes.value));
  } catch {
    return fail('bad_request', 'The request body is not valid JSON.');
  }
  const cleaned = cleanStrings(body);
  if (!cleaned.ok) return cleaned;
  return validate(schema, cleaned.value);
}

/** Fields whose value is used exactly as sent: a password must match what is typed at sign-in. */
const VERBATIM_KEYS = new Set(['password']);
const MAX_DEPTH = 32;

/**
 * Every string in a parsed JSON body without control characters (lib/control-chars.ts), or 422
 * naming the field when one is binary data, or 400 when the body nests deeper than any route needs.
 */
export function cleanStrings(value: unknown): Result<unknown> {
  const walk = (v: unknown, path: string[]): Result<unknown> => {
    if (typeof v === 'string') {
      if (looksBinary(v)) return fail('unprocessable', `${path.join('.') || 'The body'} ${BINARY_MESSAGE}.`, { path: path.join('.') });
      return ok(stripControlChars(v));
    }
    if (v === null || typeof v !== 'object') return ok(v);
    if (path.length >= MAX_DEPTH) return fail('bad_request', 'The request body nests too deeply.');
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (let i = 0; i < v.length; i++) {
        const item = walk(v[i], [...path, String(i)]);
        if (!item.ok) return item;
        out.push(item.value);
      }
      return ok(out);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v)) {
      // An own property even for "__proto__": assigning it would set the prototype instead, hiding
      // the key from the schema's unknown-field check and smuggling its fields in as inherited ones.
      const set = (value: unknown) => Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      if (VERBATIM_KEYS.has(key)) {
        set(item);
        continue;
      }
      const cleaned = walk(item, [...path, key]);
      if (!cleaned.ok) return cleaned;
      set(cleaned.value);
    }
    return ok(out);
  };
  return walk(value, []);
}

/** Parses a value with a zod schema into a Result; the first issue becomes the message. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return fail('bad_request', `${where}${issue?.message ?? 'Invalid input.'}`, { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wraps a route handler: a state-changing request from another site is refused (403) before
 * anything else; anything thrown is a bug — logged, answered with a generic 500.
 */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      const sameOrigin = checkSameOrigin(request);
      if (!sameOrigin.ok) return errorResponse(sameOrigin.error);
      return await handler(request, context);
    } catch (error) {
      console.error('factmark: unhandled error in', request.method, new URL(request.url).pathname, error);
      return errorResponse({ code: 'internal', message: 'Something went wrong on our side. Try again.' });
    }
  };
}

/** A positive integer id from a route parameter. */
export function parseId(raw: string, what: string): Result<number> {
  return /^[1-9][0-9]{0,15}$/.test(raw) ? ok(Number(raw)) : fail('not_found', `No ${what} with id ${raw}.`);
}
