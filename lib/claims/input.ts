// What a client may send to dismiss a claim: the claim's code-point offsets (from GET …/claims)
// and the revision they were read in. Shape checked here (400); meaning (a stored claim of the
// current revision, 422) in db/queries/claims.ts.
import { z } from 'zod';

const offset = z.number({ message: 'Offsets are whole numbers of code points.' }).int({ message: 'Offsets are whole numbers of code points.' }).nonnegative({ message: 'Offsets are 0 or more.' });

export const dismissClaimSchema = z
  .object({ start: offset, end: offset, revision: z.number().int().positive().optional() })
  .strict()
  .refine((b) => b.end > b.start, { message: 'end must be after start.', path: ['end'] });
export type DismissClaimInput = z.infer<typeof dismissClaimSchema>;
