// next-auth's endpoints (csrf, session, credentials callback, sign-out). Before next-auth sees a
// POST, it must come from this site (Origin/Sec-Fetch-Site) and its body is read as a stream
// under a small limit: next-auth itself would read any body whole.
import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { authOptions } from '@/lib/server/auth';
import { checkSameOrigin, errorResponse, readBody } from '@/lib/server/http';

/** Far above a sign-in form (email, password ≤ 1024, csrf token, callback URL). */
export const MAX_AUTH_BODY_BYTES = 16 * 1024;

type Context = { params: Promise<{ nextauth: string[] }> };

const handler = NextAuth(authOptions) as (request: NextRequest, context: Context) => Promise<Response>;

export const GET = handler;

export async function POST(request: NextRequest, context: Context): Promise<Response> {
  const sameOrigin = checkSameOrigin(request);
  if (!sameOrigin.ok) return errorResponse(sameOrigin.error);
  const body = await readBody(request, MAX_AUTH_BODY_BYTES);
  if (!body.ok) return errorResponse(body.error);
  const buffered = new NextRequest(request.url, { method: 'POST', headers: request.headers, body: body.value as BodyInit });
  return handler(buffered, context);
}
