// PATCH an account (admins): name, role, disabled, password.
import { getDb } from '@/db/client';
import { updateUser, userPatchSchema } from '@/db/queries/users';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse, readJson } from '@/lib/server/http';

export const PATCH = idRoute('user', async ({ request, viewer, id }) => {
  const body = await readJson(request, userPatchSchema);
  if (!body.ok) return errorResponse(body.error);
  return answer(await updateUser(getDb(), viewer, id, body.value));
});
