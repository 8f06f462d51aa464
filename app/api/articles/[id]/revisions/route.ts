// GET: the article's revisions, newest first. POST: a new version of its text (the same bodies as
// an import; `{ "format": "url" }` alone fetches the source URL again), carrying every annotation
// to it — or, with ?preview=1, what that would do, storing nothing.
import { getDb } from '@/db/client';
import { articleSource, addRevision, listRevisions, previewRevision } from '@/db/queries/revisions';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse } from '@/lib/server/http';
import { readNewRevision } from '@/lib/server/revision-request';

export const GET = idRoute('article', ({ viewer, id }) => answer(listRevisions(getDb(), viewer, id), 200, (revisions) => ({ revisions })));

export const POST = idRoute('article', async ({ request, viewer, id }) => {
  // The version current when the request arrived: if another lands while this one is fetched and
  // parsed, this one is refused (409) rather than carried from text its sender never saw.
  const arrivedAt = articleSource(getDb(), id);
  if (!arrivedAt) return errorResponse({ code: 'not_found', message: `No article with id ${id}.` });
  const input = await readNewRevision(request, arrivedAt);
  if (!input.ok) return errorResponse(input.error);
  if (new URL(request.url).searchParams.get('preview') === '1') return answer(previewRevision(getDb(), viewer, id, input.value));
  const added = addRevision(getDb(), viewer, id, input.value);
  return answer(added, added.ok && !added.value.unchanged ? 201 : 200);
});
