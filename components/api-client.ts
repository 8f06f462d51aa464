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
  createAnnotation: (articleId: number, body: NewAnnotationBody) => call<AnnotationDto>('POST', `/api/articles/${articleId}/annotations`, body),
  updateAnnotation: (id: number, patch: { status?: Status; note?: string; sources?: AnnotationSource[] }) => call<AnnotationDto>('PATCH', `/api/annotations/${id}`, patch),
  deleteAnnotation: (id: number) => call<void>('DELETE', `/api/annotations/${id}`),
  history: (id: number) => call<{ events: AnnotationEventDto[] }>('GET', `/api/annotations/${id}/history`),
  changes: (articleId: number, since: number) =>
    call<{ annotations: AnnotationDto[]; deleted: number[]; cursor: number }>('GET', `/api/articles/${articleId}/annotations?since=${since}`),
};
