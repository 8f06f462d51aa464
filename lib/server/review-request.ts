// Reading the review endpoints' JSON bodies: a sign-off or reopen may come with no body at all
// (nothing to say), every other body is read as any JSON route reads it.
import type { z } from 'zod';
import type { Result } from '../errors';
import { checkWritten } from '../review/input';
import { readJson, validate } from './http';

/** The body parsed with `schema` and size-checked; an empty body without a Content-Type is `{}`. */
export async function readReviewBody<S extends z.ZodType<{ reason?: string; note?: string }>>(request: Request, schema: S, optional = false): Promise<Result<z.infer<S>>> {
  const empty = request.body === null || request.headers.get('content-length') === '0';
  if (optional && empty && !request.headers.get('content-type')) {
    const parsed = validate(schema, {});
    return parsed.ok ? checkWritten(parsed.value) : parsed;
  }
  const body = await readJson(request, schema);
  return body.ok ? checkWritten(body.value) : body;
}
