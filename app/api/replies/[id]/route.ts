// One reply: edit its text or delete it (its author or an admin). Both may name the version edited
// (If-Match or `version`): a stale one is 409 edit_conflict.
import { getDb } from '@/db/client';
import { deleteReply, updateReply } from '@/db/queries/replies';
import { checkReplyBody, patchReplySchema } from '@/lib/replies/input';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse, noContent, readJson } from '@/lib/server/http';
import { readWriteBase } from '@/lib/server/write-base';

export const PATCH = idRoute('reply', async ({ request, viewer, id }) => {
  const input = await readJson(request, patchReplySchema);
  if (!input.ok) return errorResponse(input.error);
  const body = checkReplyBody(input.value.body);
  if (!body.ok) return errorResponse(body.error);
  const base = readWriteBase(request, input.value);
  if (!base.ok) return errorResponse(base.error);
  return answer(updateReply(getDb(), viewer, id, body.value, base.value));
});

export const DELETE = idRoute('reply', ({ request, viewer, id }) => {
  const base = readWriteBase(request);
  if (!base.ok) return errorResponse(base.error);
  const deleted = deleteReply(getDb(), viewer, id, base.value);
  return deleted.ok ? noContent() : errorResponse(deleted.error);
});
