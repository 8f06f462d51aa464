// What a client may send to the review endpoints: shapes checked by zod (400), sizes (413) and
// meaning (422, in db/queries/review.ts) checked after.
import { z } from 'zod';
import { MAX_NOTE_LENGTH } from '../annotations/input';
import { STATUSES } from '../annotations/status';
import { fail, ok, type Result } from '../errors';
import { ADJUDICATION_DECISIONS } from './types';

const userId = z.number({ message: 'A user id is a whole number.' }).int({ message: 'A user id is a whole number.' }).positive({ message: 'A user id is a positive number.' });
const annotationId = z.number().int().positive();
/** Written by a person; kept as sent, trimmed (at most MAX_NOTE_LENGTH code points, 413 beyond). */
const text = z.string();

export const assignSchema = z
  .object({ add: z.array(userId).max(100).optional(), remove: z.array(userId).max(100).optional() })
  .strict()
  .refine((b) => (b.add?.length ?? 0) + (b.remove?.length ?? 0) > 0, { message: 'Send user ids to add or remove.' });

/** Sign-off and reopen: an optional written reason (required to sign off despite what blocks it). */
export const reasonSchema = z.object({ reason: text.optional() }).strict();

export const secondCheckSchema = z.object({ reviewerId: userId }).strict();

export const adjudicationSchema = z
  .object({
    firstAnnotationId: annotationId.optional(),
    secondAnnotationId: annotationId.optional(),
    decision: z.enum(ADJUDICATION_DECISIONS, { message: `decision must be one of: ${ADJUDICATION_DECISIONS.join(', ')}.` }),
    status: z.enum(STATUSES, { message: `status must be one of: ${STATUSES.join(', ')}.` }).optional(),
    note: text.optional(),
  })
  .strict()
  .refine((b) => b.firstAnnotationId !== undefined || b.secondAnnotationId !== undefined, { message: 'Name the verdicts of the row: firstAnnotationId, secondAnnotationId or both.' });

/** 413 when a written reason or note is longer than a verdict's note may be. */
export function checkWritten<T extends { reason?: string; note?: string }>(body: T): Result<T> {
  for (const [field, value] of [
    ['reason', body.reason],
    ['note', body.note],
  ] as const) {
    if (value !== undefined && [...value].length > MAX_NOTE_LENGTH) return fail('payload_too_large', `The ${field} is over ${MAX_NOTE_LENGTH.toLocaleString('en')} characters.`);
  }
  return ok(body);
}
