// One annotation: read it, change its status/note/sources (author or admin), or delete it.
import { getDb } from '@/db/client';
import { deleteAnnotation, getAnnotation, updateAnnotation } from '@/db/queries/annotations';
import { checkAnnotationPatch, patchAnnotationSchema } from '@/lib/annotations/input';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse, noContent, readJson } from '@/lib/server/http';

export const GET = idRoute('annotation', ({ viewer, id }) => answer(getAnnotation(getDb(), viewer, id)));

export const PATCH = idRoute('annotation', async ({ request, viewer, id }) => {
  const body = await readJson(request, patchAnnotationSchema);
  if (!body.ok) return errorResponse(body.error);
  const patch = checkAnnotationPatch(body.value);
  if (!patch.ok) return errorResponse(patch.error);
  return answer(updateAnnotation(getDb(), viewer, id, patch.value, body.value.revision));
});

export const DELETE = idRoute('annotation', ({ viewer, id }) => {
  const deleted = deleteAnnotation(getDb(), viewer, id);
  return deleted.ok ? noContent() : errorResponse(deleted.error);
});
