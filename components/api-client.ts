// The browser's side of the REST API: the UI uses the same endpoints as integrators and tests.
import type { AnnotationDto, AnnotationEventDto, AnnotationSource } from '@/lib/annotations/types';
import type { Status } from '@/lib/annotations/status';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** One JSON request; an error answer becomes an ApiError with its code, message and details. */
export async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'Could not reach the server. Check your connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401) throw new ApiError(401, 'unauthorized', 'Your session has ended. Sign in again to save changes.');
    throw new ApiError(res.status, data?.error?.code ?? 'error', data?.error?.message ?? `The server answered ${res.status}.`, data?.error?.details);
  }
  return data as T;
}

export interface NewAnnotationBody {
  start: number;
  end: number;
  status: Status;
  exact: string;
  note?: string;
  sources?: AnnotationSource[];
}

export const api = {
  history: (id: number) => call<{ events: AnnotationEventDto[] }>('GET', `/api/annotations/${id}/history`),
};

// Revision types, named inline so this addition stays at the end of the file.
type AnchorState = import('@/lib/revisions/types').AnchorState;
type CarrySummary = import('@/lib/revisions/types').CarrySummary;
type RevisionDto = import('@/lib/revisions/types').RevisionDto;

/** What an import or a new revision is made from: pasted text, an uploaded file, or a web address. */
export type ImportFormat = 'text' | 'markdown' | 'html' | 'url';
export interface ImportSource {
  format: ImportFormat;
  content?: string;
  url?: string;
  /** Sent as a multipart upload instead of `content` (ignored for `url`). */
  file?: File | null;
}
/** Extra body fields: metadata and, for revisions, `baseRevision`. `null` clears a field (JSON only). */
export type ImportFields = Record<string, string | number | null | undefined>;

/** The request for an import-shaped body: JSON, or multipart when a file is attached. */
export function importRequestInit(source: ImportSource, fields: ImportFields = {}): RequestInit {
  const given = Object.entries(fields).filter(([, v]) => v !== undefined);
  if (source.file && source.format !== 'url') {
    const form = new FormData();
    form.set('file', source.file);
    form.set('format', source.format);
    // A form cannot say null: a cleared field is simply not sent with an upload.
    for (const [k, v] of given) if (v !== null) form.set(k, String(v));
    return { method: 'POST', body: form, cache: 'no-store' };
  }
  const payload = { format: source.format, ...(source.format === 'url' ? (source.url ? { url: source.url } : {}) : { content: source.content ?? '' }), ...Object.fromEntries(given) };
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), cache: 'no-store' };
}

/** POSTs an import-shaped body; errors become ApiError exactly as in `call`. */
export async function postImport<T>(url: string, source: ImportSource, fields?: ImportFields): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, importRequestInit(source, fields));
  } catch {
    throw new ApiError(0, 'network', 'Could not reach the server. Check your connection and try again.');
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401) throw new ApiError(401, 'unauthorized', 'Your session has ended. Sign in again to save changes.');
    throw new ApiError(res.status, data?.error?.code ?? 'error', data?.error?.message ?? `The server answered ${res.status}.`, data?.error?.details);
  }
  return data as T;
}

/** One annotation in a revision preview: how its passage fares in the new text. */
export interface CarriedAnnotation {
  id: number;
  status: Status;
  author: { id: number; name: string };
  state: AnchorState;
  /** The passage in the current revision. */
  previousExact: string;
  /** The passage in the new text (the old passage again when removed). */
  exact: string | null;
}
export type RevisionPreview = { unchanged: true } | { unchanged: false; carried: CarrySummary; annotations: CarriedAnnotation[] };
export type RevisionSaved = { unchanged: true } | { unchanged: false; revision: RevisionDto; carried: CarrySummary };

export const articleRevisionApi = {
  /** What a new revision would do to the annotations; nothing is stored. */
  preview: (articleId: number, source: ImportSource, fields: ImportFields) => postImport<RevisionPreview>(`/api/articles/${articleId}/revisions?preview=1`, source, fields),
  /** Stores a new revision; `{ unchanged: true }` when the text is the same. */
  create: async (articleId: number, source: ImportSource, fields: ImportFields): Promise<RevisionSaved> => {
    const data = await postImport<{ unchanged: true } | { revision: RevisionDto; carried: CarrySummary }>(`/api/articles/${articleId}/revisions`, source, fields);
    return 'revision' in data ? { unchanged: false, ...data } : { unchanged: true };
  },
  /** Changes metadata only (title, byline, …): the text stays as it is. */
  updateDetails: (articleId: number, patch: Record<string, string | null>) => call<unknown>('PATCH', `/api/articles/${articleId}`, patch),
};

// Revisions (docs/api.md "Revisions"): writes name the revision they were made on, and an open
// page learns from the changes answer when the text has moved on.

export interface AnnotationChanges {
  annotations: AnnotationDto[];
  deleted: number[];
  cursor: number;
  /** The article's current revision (absent from servers without revisions). */
  revision?: number;
}

/** Re-confirms a stale verdict (`status`), or re-attaches a removed one to new words (`start`, `end`, `exact`). */
export interface ReconfirmBody {
  status?: Status;
  start?: number;
  end?: number;
  exact?: string;
  revision?: number;
}

/**
 * Annotation writes. Each change names the annotation's `version` the reviewer edited, so a
 * change someone else saved meanwhile is answered 409 `edit_conflict` (see `editConflict`)
 * instead of being overwritten.
 */
export const revisionApi = {
  createAnnotation: (articleId: number, revision: number, body: NewAnnotationBody) => call<AnnotationDto>('POST', `/api/articles/${articleId}/annotations`, { ...body, revision }),
  updateAnnotation: (id: number, revision: number, version: number, patch: { status?: Status; note?: string; sources?: AnnotationSource[] }) =>
    call<AnnotationDto>('PATCH', `/api/annotations/${id}`, { ...patch, revision, version }),
  deleteAnnotation: (id: number, version: number) => call<void>('DELETE', `/api/annotations/${id}?version=${version}`),
  reconfirm: (id: number, version: number, body: ReconfirmBody) => call<AnnotationDto>('POST', `/api/annotations/${id}/reconfirm`, { ...body, version }),
  changes: (articleId: number, since: number) => call<AnnotationChanges>('GET', `/api/articles/${articleId}/annotations?since=${since}`),
};

/** The annotation as stored now when a write was refused as made on an older version (409 `edit_conflict`), else null. */
export function editConflict(error: unknown): AnnotationDto | null {
  if (!(error instanceof ApiError) || error.code !== 'edit_conflict') return null;
  const current = (error.details as { current?: AnnotationDto } | undefined)?.current;
  return current && typeof current.version === 'number' ? current : null;
}

/** The article's current revision when a write was refused as made on an older one (409 `revision_conflict`), else null. */
export function conflictRevision(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== 'revision_conflict') return null;
  const current = (error.details as { currentRevision?: unknown } | undefined)?.currentRevision;
  return typeof current === 'number' ? current : 0;
}

// Review (docs/api.md "Review"): the desk's workflow on an article.
type ReviewDto = import('@/lib/review/types').ReviewDto;
type AgreementDto = import('@/lib/review/types').AgreementDto;
type AdjudicationDecision = import('@/lib/review/types').AdjudicationDecision;

export const reviewApi = {
  assign: (articleId: number, change: { add?: number[]; remove?: number[] }) => call<ReviewDto>('POST', `/api/articles/${articleId}/review/assign`, change),
  signOff: (articleId: number, reason?: string) => call<ReviewDto>('POST', `/api/articles/${articleId}/review/sign-off`, reason ? { reason } : {}),
  reopen: (articleId: number) => call<ReviewDto>('POST', `/api/articles/${articleId}/review/reopen`, {}),
  requestSecondCheck: (articleId: number, reviewerId: number) => call<ReviewDto>('POST', `/api/articles/${articleId}/review/second-check`, { reviewerId }),
  finishSecondCheck: (articleId: number) => call<ReviewDto>('POST', `/api/articles/${articleId}/review/second-check/done`),
  adjudicate: (articleId: number, body: { firstAnnotationId?: number; secondAnnotationId?: number; decision: AdjudicationDecision; status?: Status; note?: string }) =>
    call<AgreementDto>('POST', `/api/articles/${articleId}/review/adjudications`, body),
};
