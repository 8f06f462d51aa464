// Route-handler plumbing: JSON answers, the one error shape, body parsing with size limits and
// zod, and a wrapper that turns a thrown bug into a logged, generic 500.
import type { z } from 'zod';
import { ERROR_STATUS, fail, ok, type AppError, type Result } from '../errors';

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(data, { status, headers });
}

export function errorResponse(error: AppError): Response {
  return json({ error }, ERROR_STATUS[error.code]);
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export const MAX_BODY_BYTES = 64 * 1024;

/** Reads a JSON body (at most `maxBytes`) and parses it with a zod schema. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes = MAX_BODY_BYTES): Promise<Result<z.infer<S>>> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return fail('payload_too_large', `The request body is over ${Math.round(maxBytes / 1024)} KB.`);
  const buffer = await request.arrayBuffer();
  if (buffer.byteLength > maxBytes) return fail('payload_too_large', `The request body is over ${Math.round(maxBytes / 1024)} KB.`);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(buffer));
  } catch {
    return fail('bad_request', 'The request body is not valid JSON.');
  }
  return validate(schema, body);
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

/** Wraps a route handler: anything thrown is a bug — logged, answered with a generic 500. */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
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
