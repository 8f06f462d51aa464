// The shape every API route handler shares: authenticate, parse the `[id]` parameter, then run.
// Signed-out requests get 401 before anything else is looked at.
import type { Result } from '../errors';
import type { Viewer } from '../viewer';
import { errorResponse, json, parseId, route } from './http';
import { requireViewer } from './session';

type IdContext = { params: Promise<{ id: string }> };

export interface ApiCall {
  request: Request;
  viewer: Viewer;
  id: number;
}

/** A route under `[id]` for a `what` ("article", "annotation"): 401, then 404 on a malformed id. */
export function idRoute(what: string, handler: (call: ApiCall) => Promise<Response> | Response) {
  return route<IdContext>(async (request, { params }) => {
    const viewer = await requireViewer();
    if (!viewer.ok) return errorResponse(viewer.error);
    const id = parseId((await params).id, what);
    if (!id.ok) return errorResponse(id.error);
    return handler({ request, viewer: viewer.value, id: id.value });
  });
}

/** A route with no parameters that needs a signed-in viewer. */
export function viewerRoute(handler: (call: { request: Request; viewer: Viewer }) => Promise<Response> | Response) {
  return route<unknown>(async (request) => {
    const viewer = await requireViewer();
    if (!viewer.ok) return errorResponse(viewer.error);
    return handler({ request, viewer: viewer.value });
  });
}

/** A Result as a JSON answer: the value with `status`, or the error with its status. */
export function answer<T>(result: Result<T>, status = 200, shape: (value: T) => unknown = (v) => v): Response {
  return result.ok ? json(shape(result.value), status) : errorResponse(result.error);
}
