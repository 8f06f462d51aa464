// One article: read it (metadata, ProseMirror JSON, canonical text), change its metadata or
// archive it (creator or admin), or delete it when it has never been annotated.
import { z } from 'zod';
import { getDb } from '@/db/client';
import { deleteArticle, getArticle, updateArticleMeta } from '@/db/queries/articles';
import { normaliseMeta } from '@/lib/import';
import { answer, idRoute } from '@/lib/server/api';
import { errorResponse, noContent, readJson } from '@/lib/server/http';

const patchSchema = z
  .object({
    title: z.string().optional(),
    byline: z.string().nullable().optional(),
    publisher: z.string().nullable().optional(),
    sourceUrl: z.string().nullable().optional(),
    publishedAt: z.string().nullable().optional(),
    archived: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'Send at least one field to change.' });

export const GET = idRoute('article', ({ viewer, id }) => answer(getArticle(getDb(), viewer, id)));

export const PATCH = idRoute('article', async ({ request, viewer, id }) => {
  const body = await readJson(request, patchSchema);
  if (!body.ok) return errorResponse(body.error);
  const { archived, ...given } = body.value;
  const clean = normaliseMeta(given);
  if (!clean.ok) return errorResponse(clean.error);
  if (given.title !== undefined && !clean.value.title) return errorResponse({ code: 'unprocessable', message: 'The title cannot be empty.' });
  // Only the fields that were sent change.
  const patch = Object.fromEntries(Object.keys(given).map((k) => [k, clean.value[k as keyof typeof clean.value]]));
  return answer(updateArticleMeta(getDb(), viewer, id, { ...patch, archived }));
});

export const DELETE = idRoute('article', ({ viewer, id }) => {
  const deleted = deleteArticle(getDb(), viewer, id);
  return deleted.ok ? noContent() : errorResponse(deleted.error);
});
