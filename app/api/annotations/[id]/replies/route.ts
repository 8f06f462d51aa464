// An annotation's thread: read it (oldest first), or reply (anyone who can see the annotation).
import { getDb } from '@/db/client';
import { createReply, listReplies } from '@/db/queries/replies';
import { checkReplyBody, createReplySchema } from '@/lib/replies/input';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse, readJson } from '@/lib/server/http';

export const GET = idRoute('annotation', ({ viewer, id }) => answer(listReplies(getDb(), viewer, id), 200, (replies) => ({ replies })));

export const POST = idRoute('annotation', async ({ request, viewer, id }) => {
  const input = await readJson(request, createReplySchema);
  if (!input.ok) return errorResponse(input.error);
  const body = checkReplyBody(input.value.body);
  if (!body.ok) return errorResponse(body.error);
  return answer(createReply(getDb(), viewer, id, { body: body.value, reopens: input.value.reopens }), 201);
});
