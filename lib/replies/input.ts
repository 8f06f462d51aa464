// What a client may send to reply to an annotation or edit a reply, and the checks that decide
// whether it is malformed (400: wrong shape, or empty once trimmed) or too large (413).
import { z } from 'zod';
import { stripControlChars } from '../control-chars';
import { fail, ok, type Result } from '../errors';
import { MAX_REPLY_LENGTH } from './types';

export const createReplySchema = z
  .object({
    body: z.string(),
    /** Ask for the signed-off article to go back to review. */
    reopens: z.boolean().optional(),
  })
  .strict();

export const patchReplySchema = z
  .object({
    body: z.string(),
    /** The reply's version the client edited (a stale one is a 409 edit_conflict). */
    version: z.number().int().positive().optional(),
  })
  .strict();

export type CreateReplyInput = z.infer<typeof createReplySchema>;
export type PatchReplyInput = z.infer<typeof patchReplySchema>;

/**
 * A reply's text as stored: control characters removed (other line breaks become "\n"), trimmed,
 * 1 to MAX_REPLY_LENGTH code points.
 */
export function checkReplyBody(raw: string): Result<string> {
  const body = stripControlChars(raw).trim();
  if (body === '') return fail('bad_request', 'The reply is empty: write something first.');
  if ([...body].length > MAX_REPLY_LENGTH) return fail('payload_too_large', `The reply is over ${MAX_REPLY_LENGTH.toLocaleString('en')} characters.`);
  return ok(body);
}
