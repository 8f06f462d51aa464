// URL import: fetches a public web page under strict limits (http/https only, 10 s in all, 5 MB,
// 5 redirects, every hop checked by the network guard before connecting), finds the article in
// it with Readability and imports that through the HTML path.
//
// A timeout is answered 422 (unprocessable), not 504: the error table in lib/errors.ts has no
// gateway code, and from the reviewer's side it is one more page that cannot be imported.
import { Agent, fetch, type Response } from 'undici';
import { fail, ok, type Result } from '../errors';
import { normaliseMeta, type ArticleMeta, type ImportedArticle } from './article';
import { articleFromHtml } from './html';
import { allowListFromEnv, checkHost, GuardError, guardedLookup, hostKey, parseAllowList, systemResolver, type AllowList, type Resolver } from './network-guard';
import { extractArticle } from './readability';

export const FETCH_TIMEOUT_MS = 10_000;
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
export const MAX_REDIRECTS = 5;

export interface FetchPageOptions {
  /** Time for the whole fetch: DNS, every redirect and the body. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Overrides IMPORT_ALLOWED_HOSTS (a comma-separated list or a parsed one). */
  allowedHosts?: string | AllowList;
  /** Overrides the system DNS resolver (tests). */
  resolve?: Resolver;
}

export interface FetchedPage {
  /** The URL the page was finally served from, after redirects. */
  url: string;
  html: string;
  contentType: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const REQUEST_HEADERS = {
  accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  'user-agent': 'Mozilla/5.0 (compatible; Factmark article import)',
};

/** Fetches an HTML page; every expected failure (refused address, timeout, 404, too big…) is a value. */
export async function fetchPage(rawUrl: string, options: FetchPageOptions = {}): Promise<Result<FetchedPage>> {
  const first = parseUrl(rawUrl);
  if (!first.ok) return first;
  const allow = typeof options.allowedHosts === 'string' ? parseAllowList(options.allowedHosts) : (options.allowedHosts ?? allowListFromEnv());
  const resolve = options.resolve ?? systemResolver;
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_PAGE_BYTES;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  // One agent per import, so the guard's allow-list and resolver apply to every socket it opens.
  const agent = new Agent({ connect: { lookup: guardedLookup(allow, resolve), timeout: timeoutMs } });
  let url = first.value;
  try {
    for (let redirects = 0; ; redirects++) {
      // Checked before connecting; guardedLookup checks again the answer the socket really uses.
      const allowed = await untilAborted(checkHost(url.hostname, allow, resolve), controller.signal);
      if (!allowed.ok) return allowed;
      const response = await fetch(url, { dispatcher: agent, redirect: 'manual', signal: controller.signal, headers: REQUEST_HEADERS });

      if (REDIRECT_STATUSES.has(response.status)) {
        await discard(response);
        if (redirects >= maxRedirects) return fail('unprocessable', `The page redirected more than ${maxRedirects} times; Factmark stopped following it.`);
        const location = response.headers.get('location');
        if (!location) return fail('unprocessable', `The page answered ${response.status} (a redirect) without saying where to.`);
        const next = parseUrl(location, url);
        if (!next.ok) return fail('unprocessable', `The page redirected to ${location}, which is not a web page address.`);
        url = next.value;
        continue;
      }
      if (!response.ok) {
        await discard(response);
        const reason = response.statusText ? ` (${response.statusText})` : '';
        return fail('unprocessable', `The page answered ${response.status}${reason}: it could not be loaded from ${url.host}.`, { status: response.status });
      }

      const contentType = response.headers.get('content-type') ?? '';
      const mediaType = contentType.split(';')[0].trim().toLowerCase();
      if (mediaType && !HTML_TYPES.has(mediaType)) {
        await discard(response);
        return fail('unprocessable', `That address is not an HTML page (it is ${mediaType}). Import a web page, or upload the text.`, { contentType: mediaType });
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > maxBytes) {
        await discard(response);
        return tooLarge(maxBytes);
      }
      const body = await readLimited(response, maxBytes);
      if (!body) {
        controller.abort();
        return tooLarge(maxBytes);
      }
      const html = decodeHtml(body, contentType);
      // No Content-Type at all: accept only what starts like mark-up.
      if (!mediaType && !/^\s*</.test(html)) return fail('unprocessable', 'That address is not an HTML page. Import a web page, or upload the text.');
      return ok({ url: url.href, html, contentType: mediaType || 'text/html' });
    }
  } catch (error) {
    if (controller.signal.aborted) return fail('unprocessable', `The page did not load within ${formatSeconds(timeoutMs)}. The site may be slow or down; try again later.`);
    return networkFailure(error, url.host);
  } finally {
    clearTimeout(timer);
    await agent.destroy().catch(() => undefined);
  }
}

/** Fetches a page, finds the article in it and imports it. Given metadata beats extracted metadata. */
export async function importUrl(url: string, meta?: ArticleMeta, options?: FetchPageOptions): Promise<Result<ImportedArticle>> {
  const given = normaliseMeta(meta);
  if (!given.ok) return given;
  const page = await fetchPage(url, options);
  if (!page.ok) return page;
  const extracted = extractArticle(page.value.html, page.value.url);
  if (!extracted.ok) return extracted;
  const { contentHtml, ...found } = extracted.value;
  return articleFromHtml(contentHtml, given.value, { found, baseUrl: page.value.url });
}

function parseUrl(raw: string, base?: URL): Result<URL> {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return fail('bad_request', `"${raw}" is not a web address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('unprocessable', `Only http and https pages can be imported, not ${url.protocol} addresses.`);
  if (url.username || url.password) return fail('unprocessable', 'Addresses with a user name or password cannot be imported.');
  url.hash = '';
  return ok(url);
}

/** The body, or null when it grows past maxBytes (reading stops there). */
async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Decodes with the charset from Content-Type, else a <meta charset> near the top, else UTF-8. */
function decodeHtml(body: Uint8Array, contentType: string): string {
  const head = new TextDecoder('latin1').decode(body.subarray(0, 1024));
  const label = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] ?? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    // An unknown label: UTF-8 is the web's default and the best remaining guess.
    decoder = new TextDecoder('utf-8');
  }
  const text = decoder.decode(body);
  return decoder.encoding === 'windows-1252' ? text.replace(/[\u0080-\u009F]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]) : text;
}

// Node 20's TextDecoder decodes windows-1252 (also the web's meaning of "iso-8859-1" and "ascii")
// as Latin-1, turning curly quotes and dashes into C1 controls; this maps bytes 0x80–0x9F back.
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/** Rejects when the signal aborts, so a slow DNS answer counts against the timeout too. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ENODATA']);
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** A network error as a message the reviewer can act on. */
function networkFailure(error: unknown, host: string): Result<never> {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof GuardError) return { ok: false, error: cause.appError };
    const code = (cause as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (DNS_CODES.has(code)) return fail('unprocessable', `Could not find the site ${hostKey(host)}: its name does not resolve. Check the address.`);
    if (CONNECT_CODES.has(code)) return fail('unprocessable', `Could not connect to ${host} (${code}). The site may be down; try again later.`);
    if (/CERT|SSL|TLS/.test(code)) return fail('unprocessable', `The secure connection to ${host} failed (${code}): its certificate could not be verified.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return fail('unprocessable', `Could not load the page from ${host}: ${message}.`);
}

function tooLarge(maxBytes: number): Result<never> {
  return fail('payload_too_large', `The page is larger than ${Math.round(maxBytes / (1024 * 1024))} MB; Factmark stopped reading it.`, { limit: maxBytes });
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} second${seconds === 1 ? '' : 's'}`;
}
