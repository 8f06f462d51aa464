// Keyset pages for every list (articles, annotations, users, history): the page sizes, and the
// opaque cursor that carries the last row's sort key. A cursor names its list and a tag of the
// filters it was made for, and is signed (HMAC-SHA256 with the session key), so one that was
// changed, or that belongs to another list or another search, is refused with a 400.
import crypto from 'node:crypto';
import { z } from 'zod';
import { fail, ok, type Result } from './errors';
import { authSecret } from './server/auth-secret';

/** Rows per page when `limit` is left out, and the most one page may hold. */
export const PAGE_LIMITS = {
  articles: { default: 50, max: 200 },
  annotations: { default: 500, max: 2000 },
  users: { default: 100, max: 500 },
  history: { default: 200, max: 1000 },
} as const;
export type ListName = keyof typeof PAGE_LIMITS;

/** What a query module reads: at most `limit` rows after the row whose sort key is `after`. */
export interface PageRequest<K> {
  limit: number;
  after?: K;
}

/** `next` is the sort key to continue after, null on the last page. */
export interface Page<T, K> {
  items: T[];
  next: K | null;
}

/** Cuts `limit + 1` rows read to one page: the extra row only says that there is a next page. */
export function toPage<T, K>(rows: T[], limit: number, keyOf: (row: T) => K): Page<T, K> {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? keyOf(items[items.length - 1]) : null };
}

/** The `limit` and `cursor` query parameters of a list, as a zod shape to extend a route's query schema with. */
export function pageParams(list: ListName) {
  const { default: byDefault, max } = PAGE_LIMITS[list];
  const message = `must be a whole number from 1 to ${max} (${byDefault} when left out).`;
  return {
    limit: z.coerce.number({ message }).int({ message }).min(1, { message }).max(max, { message }).optional(),
    cursor: z.string().max(2000, { message: 'is too long: pass back the nextCursor of an answer as it is.' }).optional(),
  };
}

const tag = (scope: string) => crypto.createHash('sha256').update(scope).digest('base64url').slice(0, 12);
const mac = (secret: string, body: string) => crypto.createHmac('sha256', secret).update(`factmark-cursor\n${body}`).digest().subarray(0, 16);

interface CursorBody {
  /** The list. */
  l: ListName;
  /** Tag of the filters and order the cursor was made for. */
  f: string;
  /** The last row's sort key. */
  k: unknown;
}

/** The cursor that continues `list` (filtered as `scope` says) after `key`: base64url JSON, a dot, a base64url MAC. */
export function encodeCursor(list: ListName, scope: string, key: unknown, secret = authSecret()): string {
  const body = Buffer.from(JSON.stringify({ l: list, f: tag(scope), k: key } satisfies CursorBody)).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

const restart = 'Leave out cursor to start again from the first page.';

/** The sort key a cursor carries, or a 400 saying why it cannot be used here. */
export function decodeCursor<K>(list: ListName, scope: string, cursor: string, keySchema: z.ZodType<K>, secret = authSecret()): Result<K> {
  const [body, signature, extra] = cursor.split('.');
  const given = Buffer.from(signature ?? '', 'base64url');
  const expected = body ? mac(secret, body) : undefined;
  if (extra !== undefined || !expected || given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return fail('bad_request', `The cursor is not valid: it was changed, cut short or not made by this server. ${restart}`);
  }
  let parsed: CursorBody;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CursorBody;
  } catch {
    return fail('bad_request', `The cursor is not valid. ${restart}`);
  }
  if (parsed.l !== list) return fail('bad_request', `This cursor is from the ${parsed.l} list, not the ${list} list: use each nextCursor with the request that answered it.`);
  if (parsed.f !== tag(scope)) return fail('bad_request', `This cursor was made for another search, filter or order of the ${list} list: keep the other parameters as they were, or ${restart.toLowerCase()}`);
  const key = keySchema.safeParse(parsed.k);
  return key.success ? ok(key.data) : fail('bad_request', `The cursor is not valid (it is from an older version of Factmark). ${restart}`);
}

/** The page a request asks for: its limit (the list's default when left out) and the key to continue after. */
export function readPage<K>(list: ListName, scope: string, params: { limit?: number; cursor?: string }, keySchema: z.ZodType<K>): Result<PageRequest<K>> {
  const limit = params.limit ?? PAGE_LIMITS[list].default;
  if (params.cursor === undefined) return ok({ limit });
  const after = decodeCursor(list, scope, params.cursor, keySchema);
  return after.ok ? ok({ limit, after: after.value }) : after;
}

/** The cursor to send back as `nextCursor` (null on the last page). */
export function nextCursor<K>(list: ListName, scope: string, next: K | null): string | null {
  return next === null ? null : encodeCursor(list, scope, next);
}
