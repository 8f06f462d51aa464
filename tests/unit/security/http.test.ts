// The request checks every route shares (issue 9): same-origin writes (item 5), JSON only as
// application/json (item 5), bodies streamed under a byte limit (item 6), the client IP (item 2).
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clientIp } from '@/lib/server/auth';
import { checkSameOrigin, readBody, readJson } from '@/lib/server/http';

const APP = 'https://factmark.example.org';
const saved = process.env.NEXTAUTH_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = saved;
});

function post(headers: Record<string, string>, method = 'POST') {
  return new Request(`${APP}/api/users`, { method, headers, body: method === 'GET' ? undefined : '{}' });
}

describe('checkSameOrigin', () => {
  it('refuses writes a browser sent from another site, by Origin or Sec-Fetch-Site', () => {
    process.env.NEXTAUTH_URL = APP;
    for (const origin of ['https://evil.example', 'https://news.factmark.example.org', 'http://factmark.example.org', 'null', 'https://factmark.example.org:8443']) {
      expect(checkSameOrigin(post({ origin })), origin).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    for (const site of ['cross-site', 'same-site']) {
      expect(checkSameOrigin(post({ 'sec-fetch-site': site })), site).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    for (const method of ['PATCH', 'PUT', 'DELETE']) expect(checkSameOrigin(post({ origin: 'https://evil.example' }, method)).ok).toBe(false);
  });

  it('lets through this site, programs that send neither header, and reads', () => {
    process.env.NEXTAUTH_URL = `${APP}/`;
    expect(checkSameOrigin(post({ origin: APP })).ok).toBe(true);
    expect(checkSameOrigin(post({ origin: APP, 'sec-fetch-site': 'same-origin' })).ok).toBe(true);
    expect(checkSameOrigin(post({ 'sec-fetch-site': 'same-origin' })).ok).toBe(true);
    expect(checkSameOrigin(post({})).ok).toBe(true);
    expect(checkSameOrigin(post({ origin: 'https://evil.example' }, 'GET')).ok).toBe(true);
  });
});

describe('readJson', () => {
  const schema = z.object({ name: z.string() });
  it('takes JSON only as application/json: 415 for text/plain, forms and none', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', '']) {
      const request = new Request(`${APP}/api/users`, { method: 'POST', headers: type ? { 'content-type': type } : {}, body: '{"name":"x"}' });
      // A body with no type gets text/plain from fetch: strip it for the "none" case.
      if (!type) request.headers.delete('content-type');
      expect(await readJson(request, schema), type).toMatchObject({ ok: false, error: { code: 'unsupported_media_type' } });
    }
    const empty = new Request(`${APP}/api/users`, { method: 'POST' });
    expect(await readJson(empty, schema)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const ok = new Request(`${APP}/api/users`, { method: 'POST', headers: { 'content-type': 'Application/JSON; charset=utf-8' }, body: '{"name":"x"}' });
    expect(await readJson(ok, schema)).toEqual({ ok: true, value: { name: 'x' } });
  });
});

describe('readBody', () => {
  /** A body of `chunks` × 16 KB with no length, counting how many chunks were pulled from it. */
  function endless(chunks: number) {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= chunks) return controller.close();
        pulled++;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const request = new Request(`${APP}/api/users`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    return { request, pulled: () => pulled };
  }

  it('stops reading a body without Content-Length once it passes the limit', async () => {
    const body = endless(10_000); // 160 MB if read whole
    const result = await readBody(body.request, 64 * 1024);
    expect(result).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    // 64 KB is four chunks; the fifth crosses the limit. A stream may pull a little ahead.
    expect(body.pulled()).toBeLessThan(10);
  });

  it('refuses a declared length over the limit without reading, and reads a body under it', async () => {
    const body = endless(10_000);
    const declared = new Request(body.request, { headers: { 'content-length': String(1 << 30) } });
    expect(await readBody(declared, 64 * 1024)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(body.pulled()).toBeLessThan(3);
    const small = endless(3);
    const read = await readBody(small.request, 64 * 1024);
    expect(read.ok && read.value.byteLength).toBe(48 * 1024);
  });
});

describe('clientIp', () => {
  const xff = (value: string) => ({ 'x-forwarded-for': value });
  it('takes the address the trusted proxy appended, never what the client wrote before it', () => {
    expect(clientIp(xff('6.6.6.6, 203.0.113.5'), 1)).toBe('203.0.113.5');
    expect(clientIp(xff('1.1.1.1,2.2.2.2 , 203.0.113.5'), 1)).toBe('203.0.113.5');
    expect(clientIp(xff('6.6.6.6, 203.0.113.5, 10.0.0.2'), 2)).toBe('203.0.113.5');
    expect(clientIp(xff('203.0.113.5'), 2)).toBe('203.0.113.5');
    expect(clientIp(new Headers(xff('6.6.6.6, ::ffff:203.0.113.9')), 1)).toBe('203.0.113.9');
  });

  it('is unknown without TRUST_PROXY or without the header', () => {
    expect(clientIp(xff('203.0.113.5'), 0)).toBeNull();
    expect(clientIp({}, 1)).toBeNull();
    expect(clientIp(xff(' , '), 1)).toBeNull();
  });

  it('counts an IPv6 client by its /64', () => {
    expect(clientIp(xff('2001:db8:1:2:aaaa::1'), 1)).toBe('2001:db8:1:2::/64');
    expect(clientIp(xff('[2001:db8:1:2:bbbb::7]:4431'), 1)).toBe('2001:db8:1:2::/64');
  });
});
