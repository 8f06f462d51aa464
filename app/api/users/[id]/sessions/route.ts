// DELETE ends every session of an account ("sign out everywhere"): the account's own, or any
// account for an admin. Sessions carry the account's session version, which this bumps.
import { getDb } from '@/db/client';
import { signOutEverywhere } from '@/db/queries/users';
import { idRoute } from '@/lib/server/api';
import { errorResponse, noContent } from '@/lib/server/http';

export const DELETE = idRoute('user', ({ viewer, id }) => {
  const done = signOutEverywhere(getDb(), viewer, id);
  return done.ok ? noContent() : errorResponse(done.error);
});
