// Expected failures as values: one error shape for every API answer, one code → HTTP status table.
// Bugs are thrown, logged on the server and answered with a generic 500.

export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  /** A write named a revision that is no longer the article's current one. */
  revision_conflict: 409,
  /** The annotation changed since the version the client edited (`details.current` is it now). */
  edit_conflict: 409,
  /** The article is archived: read-only until unarchived. */
  archived: 409,
  /** Sign-off refused: `details.blocking` lists what still blocks it (lib/review/types.ts BlockingItem). */
  not_ready: 409,
  payload_too_large: 413,
  /** A body in a media type the route does not take (JSON routes take only application/json). */
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  /** The server is busy (a worker queue is full): try again after `Retry-After` seconds. */
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface AppError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(code: ErrorCode, message: string, details?: unknown): Result<T> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
