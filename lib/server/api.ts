// The shape every API route handler shares: authenticate, parse the `[id]` parameter, then run.
// Signed-out requests get 401 before anything else is looked at.
import type { Result } from '../errors';
import type { Viewer } from '../viewer';
import { errorResponse, json, parseId, route } from './http';
import { requireViewer } from './session';

type IdParams = { id: string } & Record<string, string>;

export interface ApiCall<P extends IdParams = { id: string }> {
  request: Request;
  viewer: Viewer;
  id: number;
  /** The route's other parameters, as strings (e.g. `n` of `revisions/[n]`). */
  params: P;
}

/** A route under `[id]` for a `what` ("article", "annotation"): 401, then 404 on a malformed id. */
export function idRoute<P extends IdParams = { id: string }>(what: string, handler: (call: ApiCall<P>) => Promise<Response> | Response) {
  return route<{ params: Promise<P> }>(async (request, context) => {
    const viewer = await requireViewer();
    if (!viewer.ok) return errorResponse(viewer.error);
    const params = await context.params;
    const id = parseId(params.id, what);
    if (!id.ok) return errorResponse(id.error);
    return handler({ request, viewer: viewer.value, id: id.value, params });
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
