// Unknown API paths answer JSON like every other API route: 401 signed out, else 404.
import { errorResponse } from '@/lib/server/http';
import { requireViewer } from '@/lib/server/session';

async function notFound(request: Request) {
  const viewer = await requireViewer();
  if (!viewer.ok) return errorResponse(viewer.error);
  return errorResponse({ code: 'not_found', message: `No API route at ${new URL(request.url).pathname}.` });
}

export { notFound as GET, notFound as POST, notFound as PATCH, notFound as PUT, notFound as DELETE };
