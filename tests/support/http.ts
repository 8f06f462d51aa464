// A signed-in HTTP client for the real server: logs in through next-auth's own endpoints
// (csrf token, then the credentials callback) and carries the session cookie.
import http from 'node:http';
import { inject } from 'vitest';

export function serverUrl(): string {
  return inject('serverUrl');
}

export interface LoginAttempt {
  status: number;
  /** The `error` next-auth reports, or null on success. */
  error: string | null;
  cookie: string | null;
}

function cookieHeader(setCookies: string[], jar: Map<string, string>) {
  for (const c of setCookies) {
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** next-auth's credentials sign-in: a CSRF token from CSRF_PATH, then this form posted to CREDENTIALS_PATH. */
export const CSRF_PATH = '/api/auth/csrf';
export const CREDENTIALS_PATH = '/api/auth/callback/credentials';
export const credentialsForm = (csrfToken: string, email: string, password: string) => ({ csrfToken, email, password, json: 'true' });

export async function attemptLogin(email: string, password: string, headers: Record<string, string> = {}, base = serverUrl()): Promise<LoginAttempt> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${base}${CSRF_PATH}`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  let cookie = cookieHeader(csrfRes.headers.getSetCookie(), jar);
  const res = await fetch(`${base}${CREDENTIALS_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
    body: new URLSearchParams(credentialsForm(csrfToken, email, password)),
    redirect: 'manual',
  });
  cookie = cookieHeader(res.headers.getSetCookie(), jar);
  const body = (await res.json()) as { url: string };
  const error = new URL(body.url).searchParams.get('error');
  return { status: res.status, error, cookie: jar.has('next-auth.session-token') ? cookie : null };
}

/**
 * Declares a body far over a limit (Content-Length) and sends only its first bytes: the server must
 * answer from the declared size without waiting for the rest. (Sending the whole body with fetch
 * races the server's early answer: once it answered and closed, the rest of the write fails with
 * EPIPE and fetch reports that instead of the answer.)
 */
export function postDeclared(url: string, cookie: string | null, type: string, length: number, start = '{"format":"text","content":"'): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': type, 'content-length': String(length), ...(cookie ? { cookie } : {}) };
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        req.destroy();
        resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers: res.headers as Record<string, string> }));
      });
    });
    req.on('error', reject);
    req.write(start);
  });
}

export class Client {
  /** `base` is the shared test server unless a test starts its own. */
  constructor(
    readonly cookie: string | null,
    readonly base?: string,
  ) {}

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const init: RequestInit = { method, headers: { ...headers }, redirect: 'manual' };
    if (this.cookie) (init.headers as Record<string, string>).cookie = this.cookie;
    if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const url = `${this.base ?? serverUrl()}${path}`;
    // A GET may be sent again once when the kept-alive connection it went out on was closed by the
    // server at that moment (undici: "other side closed"; seen on a loaded machine): it changes nothing.
    if (method !== 'GET') return fetch(url, init);
    return fetch(url, init).catch((error: unknown) => {
      const cause = (error as { cause?: { code?: string } }).cause;
      if (cause?.code === 'UND_ERR_SOCKET') return fetch(url, init);
      throw error;
    });
  }
  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, body: unknown) {
    return this.request('POST', path, body);
  }
  patch(path: string, body: unknown) {
    return this.request('PATCH', path, body);
  }
  delete(path: string) {
    return this.request('DELETE', path);
  }
}

export async function login(email: string, password: string, base?: string): Promise<Client> {
  const attempt = await attemptLogin(email, password, {}, base ?? serverUrl());
  if (!attempt.cookie) throw new Error(`login failed for ${email}: ${attempt.status} ${attempt.error}`);
  return new Client(attempt.cookie, base);
}

export const anonymous = new Client(null);
