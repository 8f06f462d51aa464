// URL import against a local HTTP server on 127.0.0.1. The only addresses these tests may contact
// are loopback ones: net.connect is wrapped to throw for anything else, so a guard that failed to
// refuse 10.0.0.1 would fail the test instead of sending a packet.
import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchPage, importUrl } from '@/lib/import/url';
import type { Resolver } from '@/lib/import/network-guard';
import { errorOf, readFixture, unwrap } from './helpers';

const ARTICLE = readFixture('article-page.html');
const NOT_ARTICLE = readFixture('not-article.html');

let server: http.Server;
let base: string;
let port: number;
const requests: string[] = [];

function startServer(): Promise<void> {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const hop = /^\/hop\/(\d+)$/.exec(path);
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(302, { location: n === 0 ? '/story' : `/hop/${n - 1}` }).end();
    } else if (path === '/story') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
    } else if (path === '/home') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(NOT_ARTICLE);
    } else if (path === '/to-private') {
      res.writeHead(302, { location: 'http://10.0.0.1/admin' }).end();
    } else if (path === '/to-metadata') {
      res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (path === '/to-file') {
      res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    } else if (path === '/slow') {
      // Never answers: only the client's timeout ends this request.
    } else if (path === '/slow-body') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>The first part arrives, the rest never does.');
    } else if (path === '/pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7 not html');
    } else if (path === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html' });
      streamBytes(res, 6 * 1024 * 1024);
    } else if (path === '/huge-declared') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(6 * 1024 * 1024) });
      streamBytes(res, 6 * 1024 * 1024);
    } else if (path === '/latin1') {
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' }).end(Buffer.from('<p>Caf\xe9 \x93quoted\x94</p>', 'latin1'));
    } else {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      port = (server.address() as net.AddressInfo).port;
      base = `http://127.0.0.1:${port}`;
      resolve();
    });
  });
}

/** Writes `total` bytes of HTML in 64 KB chunks, respecting back-pressure, until the client goes. */
function streamBytes(res: http.ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, '<p>padding padding padding</p>\n');
  let sent = 0;
  let closed = false;
  res.on('close', () => (closed = true));
  const pump = () => {
    while (!closed && sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!closed) res.end();
  };
  pump();
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const connectedHosts: string[] = [];
const originalConnect = net.connect;

beforeAll(async () => {
  await startServer();
  vi.spyOn(net, 'connect').mockImplementation(((...args: Parameters<typeof net.connect>) => {
    const options: unknown = args[0];
    const host = typeof options === 'object' && options !== null && 'host' in options && typeof options.host === 'string' ? options.host : 'localhost';
    connectedHosts.push(host);
    // Host names used below resolve, through the tests' resolvers, to loopback addresses only; a
    // name without the guard's lookup would go to the system resolver, so that is refused too.
    const hasLookup = typeof options === 'object' && options !== null && 'lookup' in options && typeof options.lookup === 'function';
    if (!LOOPBACK.has(host) && !(host.endsWith('.test') && hasLookup)) throw new Error(`test network rule: refused to connect to ${host}`);
    return (originalConnect as (...a: unknown[]) => net.Socket)(...args);
  }) as typeof net.connect);
});

afterAll(async () => {
  vi.restoreAllMocks();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let savedAllowList: string | undefined;
beforeEach(() => {
  savedAllowList = process.env.IMPORT_ALLOWED_HOSTS;
  process.env.IMPORT_ALLOWED_HOSTS = '127.0.0.1,localhost';
  requests.length = 0;
  connectedHosts.length = 0;
});
afterEach(() => {
  if (savedAllowList === undefined) delete process.env.IMPORT_ALLOWED_HOSTS;
  else process.env.IMPORT_ALLOWED_HOSTS = savedAllowList;
});

describe('importUrl', () => {
  it('imports the article from a page, with its metadata', async () => {
    const article = unwrap(await importUrl(`${base}/story`));
    expect(article).toMatchObject({
      title: 'Syrian rebels seize Aleppo’s military airport',
      byline: 'Jane Reporter',
      publisher: 'The Loopback Gazette',
      publishedAt: '2024-11-30T07:15:00.000Z',
      sourceUrl: `${base}/world/2024/11/30/aleppo-airport`,
    });
    expect(article.plainText.startsWith('In a dramatic turn of events')).toBe(true);
    expect(article.plainText).toContain('The recent developments in Aleppo are more than just a territorial battle');
    expect(article.plainText).not.toMatch(/Most read|All rights reserved|Politics|tracking|alert/);
    expect(article.doc.content.content.filter((n) => n.type.name === 'heading').map((n) => n.textContent)).toEqual([
      'Symbolic Significance of Russian Support',
      'Russia’s Role in Syria',
    ]);
    // The relative link in the story now points at the page's site.
    expect(JSON.stringify(article.doc.toJSON())).toContain(`"href":"${base}/tags/aleppo"`);
  });

  it('lets given metadata override what the page says', async () => {
    const article = unwrap(await importUrl(`${base}/story`, { title: 'Given title', byline: 'Given byline', publishedAt: '2024-12-01', sourceUrl: 'https://news.example/a' }));
    expect(article).toMatchObject({ title: 'Given title', byline: 'Given byline', publisher: 'The Loopback Gazette', publishedAt: '2024-12-01', sourceUrl: 'https://news.example/a' });
  });

  it('says so when the page holds no article', async () => {
    const error = errorOf(await importUrl(`${base}/home`));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/No article found on that page/);
  });
});

describe('fetchPage', () => {
  it('follows up to five redirects, to the final URL', async () => {
    const page = unwrap(await fetchPage(`${base}/hop/4`));
    expect(page.url).toBe(`${base}/story`);
    expect(requests).toEqual(['/hop/4', '/hop/3', '/hop/2', '/hop/1', '/hop/0', '/story']);
    // The net.connect wrapper sees the connections (so the "no connection" checks below mean something).
    expect(connectedHosts).toContain('127.0.0.1');
  });

  it('stops at the sixth redirect', async () => {
    const error = errorOf(await fetchPage(`${base}/hop/5`));
    expect(error.message).toMatch(/redirected more than 5 times/);
    expect(requests).not.toContain('/story');
  });

  it.each(['/to-private', '/to-metadata'])('refuses a redirect to a private address (%s) before connecting to it', async (path) => {
    const error = errorOf(await fetchPage(`${base}${path}`));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/(10\.0\.0\.1|169\.254\.169\.254) is a local or private network address/);
    expect(connectedHosts.every((host) => host === '127.0.0.1')).toBe(true);
  });

  it('refuses a redirect to a non-web address', async () => {
    expect(errorOf(await fetchPage(`${base}/to-file`)).message).toMatch(/not a web page address/);
  });

  it('gives up after the timeout when the server never answers', async () => {
    const started = Date.now();
    const error = errorOf(await fetchPage(`${base}/slow`, { timeoutMs: 500 }));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/did not load within 0\.5 seconds/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('counts the body against the timeout too', async () => {
    const error = errorOf(await fetchPage(`${base}/slow-body`, { timeoutMs: 500 }));
    expect(error.message).toMatch(/did not load within/);
  });

  it('refuses what is not an HTML page', async () => {
    const error = errorOf(await fetchPage(`${base}/pdf`));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/not an HTML page \(it is application\/pdf\)/);
  });

  it.each(['/huge', '/huge-declared'])('stops reading a page over 5 MB (%s)', async (path) => {
    const error = errorOf(await fetchPage(`${base}${path}`));
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toMatch(/larger than 5 MB/);
  });

  it('reports the status the site answered', async () => {
    const error = errorOf(await fetchPage(`${base}/missing`));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/^The page answered 404 \(Not Found\)/);
    expect(error.details).toEqual({ status: 404 });
  });

  it('decodes the charset the page declares', async () => {
    expect(unwrap(await fetchPage(`${base}/latin1`)).html).toBe('<p>Café “quoted”</p>');
  });

  it('accepts only http and https addresses', async () => {
    expect(errorOf(await fetchPage('ftp://127.0.0.1/file')).code).toBe('unprocessable');
    expect(errorOf(await fetchPage('file:///etc/passwd')).message).toMatch(/Only http and https/);
    expect(errorOf(await fetchPage('not a url')).code).toBe('bad_request');
    expect(errorOf(await fetchPage(`http://user:pass@127.0.0.1:${port}/story`)).message).toMatch(/user name or password/);
  });

  it('refuses loopback itself when the allow-list is not set', async () => {
    delete process.env.IMPORT_ALLOWED_HOSTS;
    const localhost: Resolver = async () => ['127.0.0.1', '::1'];
    for (const url of [`${base}/story`, `http://localhost:${port}/story`, `http://[::1]:${port}/story`, `http://0.0.0.0:${port}/story`]) {
      expect(errorOf(await fetchPage(url, { resolve: localhost })).message).toMatch(/local or private network address/);
    }
    expect(requests).toEqual([]);
    expect(connectedHosts).toEqual([]);
  });

  it('allows a host named on the allow-list', async () => {
    process.env.IMPORT_ALLOWED_HOSTS = 'localhost';
    const loopbackOnly: Resolver = async () => ['127.0.0.1'];
    expect(unwrap(await fetchPage(`http://localhost:${port}/story`, { resolve: loopbackOnly })).html).toBe(ARTICLE);
  });

  it('explains a name that does not resolve', async () => {
    const noSuchName: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const error = errorOf(await fetchPage(`http://no-such-site.test:${port}/`, { resolve: noSuchName }));
    expect(error.message).toMatch(/Could not find the site no-such-site\.test/);
  });

  it('refuses a name that resolves to an address off the allow-list', async () => {
    const intranet: Resolver = async () => ['127.0.0.2'];
    const error = errorOf(await fetchPage(`http://intranet.test:${port}/story`, { resolve: intranet }));
    expect(error.message).toMatch(/intranet\.test resolves to a local or private network address/);
    expect(connectedHosts).toEqual([]);
  });

  it('connects to the address it checked, not to a second DNS answer (rebinding)', async () => {
    // The first answer passes the check; the answer at connect time would not.
    const answers = [['127.0.0.1'], ['127.0.0.2']];
    const rebinding: Resolver = async () => answers.shift() ?? ['127.0.0.2'];
    const error = errorOf(await fetchPage(`http://rebind.test:${port}/story`, { resolve: rebinding }));
    expect(error.message).toMatch(/rebind\.test resolves to a local or private network address/);
    // Refused inside the socket's own lookup: the connection was attempted, no request arrived.
    expect(connectedHosts).toEqual(['rebind.test']);
    expect(requests).toEqual([]);
  });
});
