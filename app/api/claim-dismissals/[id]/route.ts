// DELETE: undo a "not a claim" dismissal (the reviewer who made it, an editor or an admin).
import { getDb } from '@/db/client';
import { restoreClaim } from '@/db/queries/claims';
import { answer, idRoute } from '@/lib/server/api';

export const DELETE = idRoute('claim dismissal', ({ viewer, id }) => answer(restoreClaim(getDb(), viewer, id)));
