// One annotation: read it, change its status/note/sources (author or admin), or delete it.
// PATCH and DELETE may name the version edited (If-Match or `version`): a stale one is 409 edit_conflict.
import { getDb } from '@/db/client';
import { deleteAnnotation, getAnnotation, updateAnnotation } from '@/db/queries/annotations';
import { checkAnnotationPatch, patchAnnotationSchema } from '@/lib/annotations/input';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse, noContent, readJson } from '@/lib/server/http';
import { readWriteBase } from '@/lib/server/write-base';

export const GET = idRoute('annotation', ({ viewer, id }) => answer(getAnnotation(getDb(), viewer, id)));

export const PATCH = idRoute('annotation', async ({ request, viewer, id }) => {
  const body = await readJson(request, patchAnnotationSchema);
  if (!body.ok) return errorResponse(body.error);
  const patch = checkAnnotationPatch(body.value);
  if (!patch.ok) return errorResponse(patch.error);
  const base = readWriteBase(request, body.value);
  if (!base.ok) return errorResponse(base.error);
  return answer(updateAnnotation(getDb(), viewer, id, patch.value, base.value));
});

export const DELETE = idRoute('annotation', ({ request, viewer, id }) => {
  const base = readWriteBase(request);
  if (!base.ok) return errorResponse(base.error);
  const deleted = deleteAnnotation(getDb(), viewer, id, base.value);
  return deleted.ok ? noContent() : errorResponse(deleted.error);
});
