// Unknown API paths answer JSON like every other API route: 403 cross-site, 401 signed out, else 404.
import { errorResponse, route } from '@/lib/server/http';
import { requireViewer } from '@/lib/server/session';

const notFound = route<unknown>(async (request) => {
  const viewer = await requireViewer();
  if (!viewer.ok) return errorResponse(viewer.error);
  return errorResponse({ code: 'not_found', message: `No API route at ${new URL(request.url).pathname}.` });
});

export { notFound as GET, notFound as POST, notFound as PATCH, notFound as PUT, notFound as DELETE };
