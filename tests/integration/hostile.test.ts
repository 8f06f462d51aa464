// Hostile input (issue 9, proof suite 3): a table of requests no client should send — wrong
// types and shapes, oversize bodies and fields, offsets outside the text, lone surrogates,
// right-to-left overrides, NUL, SQL metacharacters, markup, javascript:/data: URLs and private
// addresses, other reviewers' ids, unknown ids, no/forged/expired/disabled/ended sessions,
// cross-site writes and wrong content types — sent to every API route of a real server. Each must
// get its documented 4xx with the one error shape, and change nothing: every table's rows (all but
// login_failures, which records failed sign-ins by design) hash the same before and after.
//
// The suite runs its own server on its own database file: other test files write to the shared
// one at the same time, which would make a whole-database comparison meaningless.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { createArticle } from '@/db/queries/articles';
import { createUser, setUserDisabled, type NewUser } from '@/db/queries/users';
import { TextIndex } from '@/lib/document/canonical-text';
import { ERROR_STATUS, type ErrorCode } from '@/lib/errors';
import { docFromText } from '@/lib/import/text';
import { serverEnv } from '../support/global-setup';
import { login, postDeclared } from '../support/http';
import { startOwnServer, stopOwnServer, type OwnServer } from '../support/server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-hostile-'));
const databaseFile = path.join(dir, 'hostile.db');
const sample = fs.readFileSync(path.join(__dirname, '../../content/sample-article.txt'), 'utf8');
const ASTRAL = 'Astral 😀 passage here.\n\nMath 𝒳𝒴 letters and e\u0301 accents.';
let server: OwnServer | undefined;

// ---------------------------------------------------------------------------------------------
// What the requests refer to, filled in by beforeAll.

/** Session cookies by who holds them (null: none). */
const cookies: Record<string, string> = {
  forged: 'next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.forged.not.a.real.token',
  garbage: `next-auth.session-token=${'A'.repeat(4000)}; next-auth.session-token.0=${"' OR 1=1 --"}`,
};
/** Whose cookie a request carries: a key of `cookies`, or null for none. */
type Who = string | null;

const ids = { A: 0, B: 0, Z: 0, E: 0, aliceAnn: 0, bobAnn: 0, zAnn: 0, goneAnn: 0, alice: 0, bob: 0, admin: 0, dave: 0, reply: 0, dismissal: 0 };
/** A check-worthy claim of article A nobody dismissed (code-point offsets, revision 1). */
const claim = { start: 0, end: 0 };
let sampleText: TextIndex;
let astralText: TextIndex;

function rangeIn(text: TextIndex, passage: string) {
  const unit = text.text.indexOf(passage);
  if (unit < 0) throw new Error(`not in the article: ${passage}`);
  const start = text.offsetFromUnit(unit);
  return { start, end: start + [...passage].length };
}
const range = (passage: string) => rangeIn(sampleText, passage);
/** A passage nobody annotated: a POST with it would store an annotation. */
const fresh = () => range('Aleppo and Idlib');

// ---------------------------------------------------------------------------------------------
// Sending requests.

interface Send {
  /** A JSON body, sent as application/json unless `type` says otherwise. */
  json?: unknown;
  /** A body sent as it is (a string, or bytes so fetch adds no Content-Type of its own). */
  raw?: string | Uint8Array;
  /** The Content-Type header; null sends none. */
  type?: string | null;
  headers?: Record<string, string>;
}

function send(who: Who, method: string, url: string, opts: Send = {}): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers };
  if (who) headers.cookie = cookies[who];
  let body: BodyInit | undefined;
  if (opts.json !== undefined) body = JSON.stringify(opts.json);
  else if (opts.raw !== undefined) body = typeof opts.raw === 'string' ? opts.raw : new Uint8Array(opts.raw);
  const type = opts.type === undefined ? (body === undefined ? null : 'application/json') : opts.type;
  if (type !== null) headers['content-type'] = type;
  // A string body without a type would get text/plain from fetch: send bytes instead.
  if (type === null && typeof body === 'string') body = new TextEncoder().encode(body);
  return fetch(`${server!.url}${url}`, { method, headers, body, redirect: 'manual' });
}

/** A body with no Content-Length, sent in chunks, so only counting as it streams can refuse it. */
function sendChunked(who: Who, method: string, url: string, text: string): Promise<Response> {
  const bytes = new TextEncoder().encode(text);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
      controller.close();
    },
  });
  return fetch(`${server!.url}${url}`, {
    method,
    headers: { cookie: cookies[who!], 'content-type': 'application/json' },
    body: stream,
    duplex: 'half',
  } as RequestInit);
}

function sendDeclared(who: Who, url: string, type: string, length: number): Promise<Response> {
  return postDeclared(`${server!.url}${url}`, cookies[who!], type, length);
}

/** A JSON body over 64 KB whose fields are all within their limits: the padding is whitespace. */
const padded = (body: unknown, bytes = 70_000) => `{${' '.repeat(bytes)}${JSON.stringify(body).slice(1)}`;

/** A string of NUL and other control characters: binary data, refused wherever a string goes. */
const BINARY = Array.from({ length: 40 }, (_, i) => String.fromCharCode(i % 9)).join('');
const SCRIPT = '<script>alert(document.cookie)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const RLO = '\u202e';
const SQL = "'; DROP TABLE annotations; --";
const GUARD = /does not fetch pages from local or private networks/;

// ---------------------------------------------------------------------------------------------
// The table.

interface Hostile {
  name: string;
  send: () => Promise<Response>;
  status: number;
  code: ErrorCode;
  /** What the message must say, when the status alone does not show which check refused it. */
  message?: RegExp;
  /** What `details` must hold (a function when it names ids made in setup). */
  details?: Record<string, unknown> | (() => Record<string, unknown>);
}
const cases: Hostile[] = [];
const add = (name: string, status: number, code: ErrorCode, sendFn: () => Promise<Response>, extra: Pick<Hostile, 'message' | 'details'> = {}) => {
  if (ERROR_STATUS[code] !== status) throw new Error(`${name}: ${code} is ${ERROR_STATUS[code]}, not ${status}`);
  cases.push({ name, send: sendFn, status, code, ...extra });
};

// Every route, each with a request that would succeed for an admin sent properly (checked at the
// end of this file), so a refusal below is the check's doing, not a bad body's.
interface Endpoint {
  label: string;
  method: string;
  url: () => string;
  body?: () => unknown;
  write: boolean;
  /** No admin can make this request succeed here (it is the second reviewer's, or needs a finished check). */
  adminCannot?: boolean;
}
const newArticle = () => ({ format: 'text', content: 'Planted article. It has a few words.', title: 'Planted' });
const newUser = () => ({ email: `planted-${crypto.randomBytes(3).toString('hex')}@desk.example`, name: 'Planted Admin', role: 'admin', password: 'planted password' });
const endpoints: Endpoint[] = [
  { label: 'GET /api/articles', method: 'GET', url: () => '/api/articles', write: false },
  { label: 'POST /api/articles', method: 'POST', url: () => '/api/articles', body: newArticle, write: true },
  { label: 'POST /api/articles/preview', method: 'POST', url: () => '/api/articles/preview', body: newArticle, write: true },
  { label: 'GET /api/articles/:id', method: 'GET', url: () => `/api/articles/${ids.A}`, write: false },
  { label: 'PATCH /api/articles/:id', method: 'PATCH', url: () => `/api/articles/${ids.A}`, body: () => ({ title: 'Hijacked' }), write: true },
  { label: 'DELETE /api/articles/:id', method: 'DELETE', url: () => `/api/articles/${ids.B}`, write: true },
  { label: 'GET /api/articles/:id/annotations', method: 'GET', url: () => `/api/articles/${ids.A}/annotations`, write: false },
  { label: 'GET /api/articles/:id/annotations?since=', method: 'GET', url: () => `/api/articles/${ids.A}/annotations?since=0`, write: false },
  { label: 'POST /api/articles/:id/annotations', method: 'POST', url: () => `/api/articles/${ids.A}/annotations`, body: () => ({ ...fresh(), status: 'verified', note: 'planted' }), write: true },
  { label: 'GET /api/articles/:id/revisions', method: 'GET', url: () => `/api/articles/${ids.A}/revisions`, write: false },
  { label: 'POST /api/articles/:id/revisions', method: 'POST', url: () => `/api/articles/${ids.A}/revisions`, body: () => ({ format: 'text', content: 'A rewritten article.' }), write: true },
  { label: 'POST /api/articles/:id/revisions?preview=1', method: 'POST', url: () => `/api/articles/${ids.A}/revisions?preview=1`, body: () => ({ format: 'text', content: 'A rewritten article.' }), write: true },
  { label: 'GET /api/articles/:id/revisions/:n', method: 'GET', url: () => `/api/articles/${ids.A}/revisions/1`, write: false },
  { label: 'GET /api/articles/:id/report', method: 'GET', url: () => `/api/articles/${ids.A}/report?format=csv`, write: false },
  { label: 'GET /api/annotations/:id', method: 'GET', url: () => `/api/annotations/${ids.aliceAnn}`, write: false },
  { label: 'PATCH /api/annotations/:id', method: 'PATCH', url: () => `/api/annotations/${ids.aliceAnn}`, body: () => ({ note: 'Hijacked', status: 'disputed' }), write: true },
  { label: 'DELETE /api/annotations/:id', method: 'DELETE', url: () => `/api/annotations/${ids.aliceAnn}`, write: true },
  { label: 'GET /api/annotations/:id/history', method: 'GET', url: () => `/api/annotations/${ids.aliceAnn}/history`, write: false },
  { label: 'POST /api/annotations/:id/reconfirm', method: 'POST', url: () => `/api/annotations/${ids.aliceAnn}/reconfirm`, body: () => range('Iran-backed militias'), write: true },
  { label: 'GET /api/articles/:id/claims', method: 'GET', url: () => `/api/articles/${ids.A}/claims`, write: false },
  { label: 'POST /api/articles/:id/claims/dismissals', method: 'POST', url: () => `/api/articles/${ids.A}/claims/dismissals`, body: () => ({ ...claim, revision: 1 }), write: true },
  { label: 'DELETE /api/claim-dismissals/:id', method: 'DELETE', url: () => `/api/claim-dismissals/${ids.dismissal}`, write: true },
  { label: 'GET /api/annotations/:id/replies', method: 'GET', url: () => `/api/annotations/${ids.aliceAnn}/replies`, write: false },
  { label: 'POST /api/annotations/:id/replies', method: 'POST', url: () => `/api/annotations/${ids.aliceAnn}/replies`, body: () => ({ body: 'Planted reply' }), write: true },
  { label: 'PATCH /api/replies/:id', method: 'PATCH', url: () => `/api/replies/${ids.reply}`, body: () => ({ body: 'Hijacked reply' }), write: true },
  { label: 'DELETE /api/replies/:id', method: 'DELETE', url: () => `/api/replies/${ids.reply}`, write: true },
  { label: 'GET /api/articles/:id/review', method: 'GET', url: () => `/api/articles/${ids.A}/review`, write: false },
  { label: 'POST /api/articles/:id/review/assign', method: 'POST', url: () => `/api/articles/${ids.A}/review/assign`, body: () => ({ add: [ids.bob] }), write: true },
  { label: 'POST /api/articles/:id/review/sign-off', method: 'POST', url: () => `/api/articles/${ids.A}/review/sign-off`, body: () => ({ reason: 'Planted override' }), write: true },
  { label: 'POST /api/articles/:id/review/reopen', method: 'POST', url: () => `/api/articles/${ids.A}/review/reopen`, body: () => ({}), write: true },
  { label: 'POST /api/articles/:id/review/second-check', method: 'POST', url: () => `/api/articles/${ids.A}/review/second-check`, body: () => ({ reviewerId: ids.dave }), write: true },
  // Only the second reviewer may finish a check, and only a finished one has passages to adjudicate:
  // these two are in the session and cross-site rows, not among the writes an admin sends at the end.
  { label: 'POST /api/articles/:id/review/second-check/done', method: 'POST', url: () => `/api/articles/${ids.A}/review/second-check/done`, write: true, adminCannot: true },
  { label: 'GET /api/articles/:id/review/agreement', method: 'GET', url: () => `/api/articles/${ids.A}/review/agreement`, write: false },
  { label: 'POST /api/articles/:id/review/adjudications', method: 'POST', url: () => `/api/articles/${ids.A}/review/adjudications`, body: () => ({ firstAnnotationId: ids.aliceAnn, decision: 'keep_first' }), write: true, adminCannot: true },
  { label: 'GET /api/users', method: 'GET', url: () => '/api/users', write: false },
  { label: 'POST /api/users', method: 'POST', url: () => '/api/users', body: newUser, write: true },
  { label: 'PATCH /api/users/:id', method: 'PATCH', url: () => `/api/users/${ids.alice}`, body: () => ({ role: 'admin' }), write: true },
  { label: 'DELETE /api/users/:id/sessions', method: 'DELETE', url: () => `/api/users/${ids.alice}/sessions`, write: true },
  { label: 'GET /api/[...path]', method: 'GET', url: () => '/api/no-such-route', write: false },
  { label: 'POST /api/[...path]', method: 'POST', url: () => '/api/no-such-route/deeper', body: newArticle, write: true },
];
const call = (e: Endpoint, who: Who, headers?: Record<string, string>) => () => send(who, e.method, e.url(), { json: e.body?.(), headers });

// 1. Who is asking: no session, or one that is not (or no longer) valid → 401 on every route.
const SESSIONS: [string, string, (e: Endpoint) => boolean][] = [
  ['forged', 'a forged session cookie', () => true],
  ['garbage', 'a 4 KB garbage session cookie with SQL in a chunk', (e) => e.write],
  ['carol', 'a disabled reviewer’s cookie', () => true],
  ['expired', 'an expired session token signed with the real secret', (e) => e.write || e.label === 'GET /api/articles'],
  ['wrongSecret', 'a session token signed with another secret', (e) => e.write || e.label === 'GET /api/articles'],
  ['unknownUser', 'a validly signed token for a user who does not exist', (e) => e.write || e.label === 'GET /api/articles'],
  ['dave', 'a cookie from before “sign out everywhere”', (e) => e.write || e.label === 'GET /api/users'],
];
for (const e of endpoints) add(`${e.label} with no cookie`, 401, 'unauthorized', call(e, null));
for (const [who, what, applies] of SESSIONS) for (const e of endpoints.filter(applies)) add(`${e.label} with ${what}`, 401, 'unauthorized', call(e, who));

// 2. Cross-site writes (CSRF), from an admin's browser → 403, before anything else is read.
const CROSS_SITE: Record<string, string>[] = [
  { origin: 'https://evil.example' },
  { origin: 'null' },
  { 'sec-fetch-site': 'cross-site' },
  { 'sec-fetch-site': 'same-site' },
];
endpoints
  .filter((e) => e.write)
  .forEach((e, i) => {
    for (const headers of [CROSS_SITE[i % 2], CROSS_SITE[2 + (i % 2)]]) {
      const [name, value] = Object.entries(headers)[0];
      add(`${e.label} from another site (${name}: ${value})`, 403, 'forbidden', call(e, 'admin', headers));
    }
  });
add('PATCH /api/annotations/:id from this host under another scheme (Origin: https://…)', 403, 'forbidden', () =>
  send('alice', 'PATCH', `/api/annotations/${ids.aliceAnn}`, { json: { note: 'x' }, headers: { origin: server!.url.replace('http:', 'https:') } }),
);
add('POST /api/users from this host under another name (Origin: http://localhost:port)', 403, 'forbidden', () =>
  send('admin', 'POST', '/api/users', { json: newUser(), headers: { origin: server!.url.replace('127.0.0.1', 'localhost') } }),
);

// 3. JSON routes take only application/json → 415 (a cross-site form can post text/plain).
const JSON_ROUTES = endpoints.filter((e) => e.write && e.body && !e.label.includes('[...path]'));
for (const e of JSON_ROUTES) {
  add(`${e.label} with a JSON body sent as text/plain`, 415, 'unsupported_media_type', () => send('admin', e.method, e.url(), { raw: JSON.stringify(e.body!()), type: 'text/plain;charset=UTF-8' }));
}
for (const e of JSON_ROUTES.slice(0, 4)) {
  add(`${e.label} as a url-encoded form`, 415, 'unsupported_media_type', () => send('admin', e.method, e.url(), { raw: new URLSearchParams({ json: JSON.stringify(e.body!()) }).toString(), type: 'application/x-www-form-urlencoded' }));
}
for (const e of JSON_ROUTES.slice(4)) {
  add(`${e.label} with a JSON body and no Content-Type`, 415, 'unsupported_media_type', () => send('admin', e.method, e.url(), { raw: JSON.stringify(e.body!()), type: null }));
}
add('POST /api/articles/:id/annotations as multipart/form-data', 415, 'unsupported_media_type', () => {
  const form = new FormData();
  form.set('start', '0');
  return fetch(`${server!.url}/api/articles/${ids.A}/annotations`, { method: 'POST', headers: { cookie: cookies.alice }, body: form });
});
add('POST /api/users as text/json', 415, 'unsupported_media_type', () => send('admin', 'POST', '/api/users', { raw: JSON.stringify(newUser()), type: 'text/json' }));
add('PATCH /api/articles/:id as application/json-patch+json', 415, 'unsupported_media_type', () =>
  send('alice', 'PATCH', `/api/articles/${ids.A}`, { raw: JSON.stringify({ title: 'x' }), type: 'application/json-patch+json' }),
);

// 4. Creating annotations: shapes (400), meaning (422), sizes (413), state (409).
const postAnn = (body: unknown, who: Who = 'alice', article = () => ids.A) => () => send(who, 'POST', `/api/articles/${article()}/annotations`, { json: body });
const postAnnRaw = (raw: () => string) => () => send('alice', 'POST', `/api/articles/${ids.A}/annotations`, { raw: raw() });
const v = () => ({ ...fresh(), status: 'verified' });
add('annotation: malformed JSON', 400, 'bad_request', postAnnRaw(() => '{"start": 1, "end": '));
add('annotation: an empty body declared as JSON', 400, 'bad_request', postAnnRaw(() => ''));
add('annotation: JSON null', 400, 'bad_request', postAnnRaw(() => 'null'));
add('annotation: a JSON array', 400, 'bad_request', postAnnRaw(() => JSON.stringify([v()])));
add('annotation: a JSON string', 400, 'bad_request', postAnnRaw(() => '"verified"'));
add('annotation: a bare number', 400, 'bad_request', postAnnRaw(() => '42'));
add('annotation: an empty object', 400, 'bad_request', postAnn({}));
add('annotation: no status', 400, 'bad_request', () => postAnn(fresh())());
add('annotation: offsets as strings', 400, 'bad_request', () => postAnn({ ...v(), start: String(fresh().start) })());
add('annotation: a fractional offset', 400, 'bad_request', () => postAnn({ ...v(), end: fresh().end + 0.5 })());
add('annotation: an offset of 1e400 (Infinity)', 400, 'bad_request', postAnnRaw(() => `{"start":0,"end":1e400,"status":"verified"}`));
add('annotation: an offset past 2^53', 400, 'bad_request', postAnnRaw(() => `{"start":0,"end":18014398509481985,"status":"verified"}`));
add('annotation: offsets as objects', 400, 'bad_request', postAnn({ start: { $gt: 0 }, end: { $lt: 10 }, status: 'verified' }));
add('annotation: status as an array', 400, 'bad_request', () => postAnn({ ...fresh(), status: ['verified'] })());
add('annotation: status null', 400, 'bad_request', () => postAnn({ ...fresh(), status: null })());
add('annotation: note as a number', 400, 'bad_request', () => postAnn({ ...v(), note: 42 })());
add('annotation: sources as a string', 400, 'bad_request', () => postAnn({ ...v(), sources: 'https://example.org' })());
add('annotation: sources as strings', 400, 'bad_request', () => postAnn({ ...v(), sources: ['https://example.org'] })());
add('annotation: a source url that is a number', 400, 'bad_request', () => postAnn({ ...v(), sources: [{ url: 42 }] })());
add('annotation: a source with an unknown field', 400, 'bad_request', () => postAnn({ ...v(), sources: [{ url: 'https://example.org', onclick: 'alert(1)' }] })());
add('annotation: an unknown field (authorId)', 400, 'bad_request', () => postAnn({ ...v(), authorId: 1 })());
add('annotation: server-computed fields sent (prefix, id, createdAt)', 400, 'bad_request', () => postAnn({ ...v(), prefix: 'x', id: 1, createdAt: '2020-01-01' })());
add('annotation: revision 0', 400, 'bad_request', () => postAnn({ ...v(), revision: 0 })());
add('annotation: revision as a string', 400, 'bad_request', () => postAnn({ ...v(), revision: '1' })());
add('annotation: exact as a number', 400, 'bad_request', () => postAnn({ ...v(), exact: 16 })());
add('annotation: a body nested 40 levels deep', 400, 'bad_request', () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 40; i++) deep = { d: deep };
  return postAnn({ ...v(), deep })();
});
add('annotation: a smuggled "__proto__" field', 400, 'bad_request', postAnnRaw(() => `{"start":${fresh().start},"end":${fresh().end},"status":"verified","__proto__":{"note":"smuggled"}}`));
add('annotation: status smuggled in through "__proto__"', 400, 'bad_request', postAnnRaw(() => `{"start":${fresh().start},"end":${fresh().end},"__proto__":{"status":"verified"}}`));
add('annotation: start = end', 422, 'unprocessable', () => postAnn({ ...v(), end: fresh().start })());
add('annotation: start > end', 422, 'unprocessable', () => postAnn({ ...v(), start: fresh().end, end: fresh().start })());
add('annotation: a negative start', 422, 'unprocessable', postAnn({ start: -5, end: 3, status: 'verified' }));
add('annotation: an end one past the text', 422, 'unprocessable', () => postAnn({ start: sampleText.length - 3, end: sampleText.length + 1, status: 'verified' })());
add('annotation: offsets far outside the text', 422, 'unprocessable', postAnn({ start: 9_000_000_000, end: 9_000_000_001, status: 'verified' }));
add('annotation: a range that is only the blank line between paragraphs', 422, 'unprocessable', () => {
  const at = sampleText.offsetFromUnit(sampleText.text.indexOf('\n\n'));
  return postAnn({ start: at, end: at + 2, status: 'verified' })();
});
add('annotation: a quote that does not match the offsets', 422, 'unprocessable', () => postAnn({ ...v(), exact: 'Aleppo and Damascus' })(), { details: { sent: 'Aleppo and Damascus', atOffsets: 'Aleppo and Idlib' } });
add('annotation: the quote behind a right-to-left override', 422, 'unprocessable', () => postAnn({ ...v(), exact: `${RLO}Aleppo and Idlib` })());
add('annotation: the quote with a lone surrogate', 422, 'unprocessable', () => postAnn({ ...v(), exact: 'Aleppo and Idlib\ud800' })());
add('annotation: the quote as markup', 422, 'unprocessable', () => postAnn({ ...v(), exact: `<b>Aleppo</b> and Idlib${SCRIPT}` })());
add('annotation: an unknown status', 422, 'unprocessable', () => postAnn({ ...fresh(), status: 'true' })());
add('annotation: a status in the wrong case', 422, 'unprocessable', () => postAnn({ ...fresh(), status: 'Verified' })());
add('annotation: SQL in the status', 422, 'unprocessable', () => postAnn({ ...fresh(), status: "verified' OR '1'='1" })());
add('annotation: SQL in the note, a bad status', 422, 'unprocessable', () => postAnn({ ...fresh(), status: `verified${SQL}`, note: SQL })());
add('annotation: markup as the status, script in the note', 422, 'unprocessable', () => postAnn({ ...fresh(), status: '<svg onload=alert(1)>', note: SCRIPT })());
add('annotation: a right-to-left override in the status', 422, 'unprocessable', () => postAnn({ ...fresh(), status: `${RLO}deifirev` })());
add('annotation: a lone surrogate as the status', 422, 'unprocessable', () => postAnn({ ...fresh(), status: '\udc00', note: 'x\ud800y' })());
add('annotation: a javascript: source', 422, 'unprocessable', () => postAnn({ ...v(), sources: [{ url: 'javascript:alert(document.cookie)', title: SCRIPT }] })());
add('annotation: a JaVaScRiPt: source with a leading space', 422, 'unprocessable', () => postAnn({ ...v(), sources: [{ url: '  JaVaScRiPt:alert(1)' }] })());
add('annotation: a javascript: source split by a tab and a newline', 422, 'unprocessable', () => postAnn({ ...v(), sources: [{ url: 'java\tscr\nipt:alert(1)' }] })());
add('annotation: a data: source', 422, 'unprocessable', () => postAnn({ ...v(), sources: [{ url: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' }] })());
add('annotation: a vbscript: source', 422, 'unprocessable', () => postAnn({ ...v(), sources: [{ url: 'vbscript:msgbox(1)' }] })());
add('annotation: a file: source', 422, 'unprocessable', () => postAnn({ ...v(), sources: [{ url: 'file:///etc/passwd' }] })());
add('annotation: a good source then a data: one', 422, 'unprocessable', () => postAnn({ ...v(), sources: [{ url: 'https://example.org/ok' }, { url: 'data:,x' }] })(), { details: { index: 1 } });
add('annotation: a source that is markup, not a URL', 422, 'unprocessable', () => postAnn({ ...v(), sources: [{ url: IMG }] })());
add('annotation: a source host with a right-to-left override', 422, 'unprocessable', () => postAnn({ ...v(), sources: [{ url: `https://exa${RLO}mple.com/` }] })());
add('annotation: a binary (NUL-filled) note', 422, 'unprocessable', () => postAnn({ ...v(), note: BINARY })(), { details: { path: 'note' } });
add('annotation: a binary source title', 422, 'unprocessable', () => postAnn({ ...v(), sources: [{ url: 'https://example.org', title: BINARY }] })(), { details: { path: 'sources.0.title' } });
add('annotation: a note of 10,001 characters', 413, 'payload_too_large', () => postAnn({ ...v(), note: 'x'.repeat(10_001) })());
add('annotation: a note of 10,001 astral characters (20,002 UTF-16 units, under 64 KB)', 413, 'payload_too_large', () => postAnn({ ...v(), note: '😀'.repeat(10_001) })(), {
  message: /note/,
});
add('annotation: 21 sources', 413, 'payload_too_large', () => postAnn({ ...v(), sources: Array.from({ length: 21 }, (_, i) => ({ url: `https://example.org/${i}` })) })());
add('annotation: a source URL of 2,049 characters', 413, 'payload_too_large', () => postAnn({ ...v(), sources: [{ url: `https://example.org/${'a'.repeat(2_049 - 20)}` }] })());
add('annotation: a source title of 501 characters', 413, 'payload_too_large', () => postAnn({ ...v(), sources: [{ url: 'https://example.org', title: 't'.repeat(501) }] })());
add('annotation: a valid body padded past 64 KB', 413, 'payload_too_large', postAnnRaw(() => padded(v())), { message: /64 KB/ });
add('annotation: a 70 KB body streamed without Content-Length', 413, 'payload_too_large', () => sendChunked('alice', 'POST', `/api/articles/${ids.A}/annotations`, padded(v())), { message: /64 KB/ });
add('annotation: a declared 1 GB body', 413, 'payload_too_large', () => sendDeclared('alice', `/api/articles/${ids.A}/annotations`, 'application/json', 1 << 30));
add('annotation: on an unknown article', 404, 'not_found', () => postAnn(v(), 'alice', () => 999_999)());
add('annotation: on an archived article', 409, 'archived', () => postAnn(v(), 'alice', () => ids.Z)());
add('annotation: naming a revision the article is not at', 409, 'revision_conflict', () => postAnn({ ...v(), revision: 2 })(), { details: { currentRevision: 1 } });

// Offsets against text with astral characters: a client counting UTF-16 units, or splitting a pair.
const postAstral = (body: () => unknown) => () => send('alice', 'POST', `/api/articles/${ids.E}/annotations`, { json: body() });
add('annotation (astral text): UTF-16 offsets with their quote', 422, 'unprocessable', postAstral(() => {
  const unit = astralText.text.indexOf('passage');
  return { start: unit, end: unit + 7, status: 'verified', exact: 'passage' };
}));
add('annotation (astral text): a quote that is half a surrogate pair', 422, 'unprocessable', postAstral(() => ({ ...rangeIn(astralText, '😀'), status: 'verified', exact: '\ud83d' })));
add('annotation (astral text): a quote that is the other half', 422, 'unprocessable', postAstral(() => ({ ...rangeIn(astralText, '😀'), status: 'verified', exact: '\ude00' })));
add('annotation (astral text): a UTF-16 unit count as the end', 422, 'unprocessable', postAstral(() => ({ start: 0, end: astralText.text.length, status: 'verified' })));
add('annotation (astral text): a precomposed é for a decomposed one', 422, 'unprocessable', postAstral(() => ({ ...rangeIn(astralText, 'e\u0301 accents'), status: 'verified', exact: 'é accents' })));

// 5. Changing and deleting annotations: someone else's, unknown, deleted, stale, archived.
const patchAnn = (id: () => number, body: unknown, who: Who = 'alice', headers?: Record<string, string>) => () => send(who, 'PATCH', `/api/annotations/${id()}`, { json: body, headers });
const mine = () => ids.aliceAnn;
add('PATCH annotation: an empty object', 400, 'bad_request', patchAnn(mine, {}));
add('PATCH annotation: only a version', 400, 'bad_request', patchAnn(mine, { version: 1 }));
add('PATCH annotation: moving it (start/end are not editable)', 400, 'bad_request', patchAnn(mine, { start: 0, end: 5, note: 'moved' }));
add('PATCH annotation: changing the quote', 400, 'bad_request', patchAnn(mine, { exact: 'something else' }));
add('PATCH annotation: changing the author', 400, 'bad_request', patchAnn(mine, { note: 'x', authorId: 2 }));
add('PATCH annotation: undeleting (deletedAt)', 400, 'bad_request', patchAnn(() => ids.goneAnn, { deletedAt: null }));
add('PATCH annotation: note null', 400, 'bad_request', patchAnn(mine, { note: null }));
add('PATCH annotation: version as a string', 400, 'bad_request', patchAnn(mine, { note: 'x', version: '1' }));
add('PATCH annotation: an If-Match that is not a version', 400, 'bad_request', patchAnn(mine, { note: 'x' }, 'alice', { 'if-match': "1' OR '1'='1" }));
add('PATCH annotation: If-Match and body version disagree', 400, 'bad_request', patchAnn(mine, { note: 'x', version: 1 }, 'alice', { 'if-match': '"2"' }));
add('PATCH annotation: malformed JSON', 400, 'bad_request', () => send('alice', 'PATCH', `/api/annotations/${mine()}`, { raw: "{note: 'x'}" }));
add('PATCH annotation: an unknown status', 422, 'unprocessable', patchAnn(mine, { status: 'refuted', note: 'changed' }));
add('PATCH annotation: SQL as the status', 422, 'unprocessable', patchAnn(mine, { status: SQL }));
add('PATCH annotation: a javascript: source', 422, 'unprocessable', patchAnn(mine, { sources: [{ url: 'javascript:alert(1)' }] }));
add('PATCH annotation: a data: source', 422, 'unprocessable', patchAnn(mine, { sources: [{ url: 'data:text/html,<script>alert(1)</script>' }] }));
add('PATCH annotation: a binary note', 422, 'unprocessable', patchAnn(mine, { note: BINARY }), { details: { path: 'note' } });
add('PATCH annotation: a note of 10,001 characters', 413, 'payload_too_large', patchAnn(mine, { note: 'n'.repeat(10_001) }));
add('PATCH annotation: 21 sources', 413, 'payload_too_large', patchAnn(mine, { sources: Array.from({ length: 21 }, (_, i) => ({ url: `https://e.org/${i}` })) }));
add('PATCH annotation: a valid body padded past 64 KB', 413, 'payload_too_large', () => send('alice', 'PATCH', `/api/annotations/${mine()}`, { raw: padded({ note: 'fine' }) }));
add('PATCH annotation: someone else’s (bob edits alice’s)', 403, 'forbidden', patchAnn(mine, { status: 'disputed' }, 'bob'));
add('PATCH annotation: someone else’s, with markup', 403, 'forbidden', patchAnn(() => ids.bobAnn, { note: SCRIPT }, 'alice'));
add('PATCH annotation: unknown id', 404, 'not_found', patchAnn(() => 999_999, { note: 'x' }));
add('PATCH annotation: a deleted one', 404, 'not_found', patchAnn(() => ids.goneAnn, { note: 'back' }));
add('PATCH annotation: an older version (body)', 409, 'edit_conflict', patchAnn(mine, { note: 'stale', version: 99 }));
add('PATCH annotation: an older version (If-Match)', 409, 'edit_conflict', patchAnn(mine, { note: 'stale' }, 'alice', { 'if-match': 'W/"7"' }));
add('PATCH annotation: naming a revision the article is not at', 409, 'revision_conflict', patchAnn(mine, { note: 'x', revision: 3 }));
add('PATCH annotation: on an archived article', 409, 'archived', patchAnn(() => ids.zAnn, { note: 'after' }));
add('PATCH annotation: on an archived article, as an admin', 409, 'archived', patchAnn(() => ids.zAnn, { status: 'disputed' }, 'admin'));
const delAnn = (id: () => number, who: Who = 'alice', suffix = '', headers?: Record<string, string>) => () => send(who, 'DELETE', `/api/annotations/${id()}${suffix}`, { headers });
add('DELETE annotation: someone else’s (alice deletes bob’s)', 403, 'forbidden', delAnn(() => ids.bobAnn));
add('DELETE annotation: unknown id', 404, 'not_found', delAnn(() => 999_999));
add('DELETE annotation: a deleted one', 404, 'not_found', delAnn(() => ids.goneAnn));
add('DELETE annotation: an older version', 409, 'edit_conflict', delAnn(mine, 'alice', '?version=42'));
add('DELETE annotation: a ?version that is SQL', 400, 'bad_request', delAnn(mine, 'alice', `?version=${encodeURIComponent('1 OR 1=1')}`));
add('DELETE annotation: on an archived article', 409, 'archived', delAnn(() => ids.zAnn));
add('GET annotation: a deleted one', 404, 'not_found', () => send('alice', 'GET', `/api/annotations/${ids.goneAnn}`));
add('GET annotation: unknown id', 404, 'not_found', () => send('alice', 'GET', '/api/annotations/999999'));
add('GET annotation history: unknown id', 404, 'not_found', () => send('alice', 'GET', '/api/annotations/999999/history'));

// Re-confirming.
const reconfirm = (id: () => number, body: unknown, who: Who = 'alice') => () => send(who, 'POST', `/api/annotations/${id()}/reconfirm`, { json: body });
add('reconfirm: a verdict no revision changed', 422, 'unprocessable', reconfirm(mine, {}));
add('reconfirm: start without end', 400, 'bad_request', () => reconfirm(mine, { start: range('Iran-backed militias').start })());
add('reconfirm: offsets as strings', 400, 'bad_request', reconfirm(mine, { start: '1', end: '5' }));
add('reconfirm: an unknown field', 400, 'bad_request', () => reconfirm(mine, { ...range('Iran-backed militias'), anchorState: 'unchanged' })());
add('reconfirm: an unknown status', 422, 'unprocessable', reconfirm(mine, { status: 'maybe' }));
add('reconfirm: a reversed range', 422, 'unprocessable', () => reconfirm(mine, { start: range('Iran-backed militias').end, end: range('Iran-backed militias').start })());
add('reconfirm: a range outside the text', 422, 'unprocessable', () => reconfirm(mine, { start: 0, end: sampleText.length + 10 })());
add('reconfirm: a quote that does not match', 422, 'unprocessable', () => reconfirm(mine, { ...range('Iran-backed militias'), exact: `${RLO}Iran-backed militias` })());
add('reconfirm: someone else’s', 403, 'forbidden', () => reconfirm(mine, range('Iran-backed militias'), 'bob')());
add('reconfirm: unknown id', 404, 'not_found', reconfirm(() => 999_999, {}));
add('reconfirm: a deleted one', 404, 'not_found', () => reconfirm(() => ids.goneAnn, range('Iran-backed militias'))());
add('reconfirm: on an archived article', 409, 'archived', () => reconfirm(() => ids.zAnn, range('Hezbollah in Syria'))());
add('reconfirm: naming a revision the article is not at', 409, 'revision_conflict', () => reconfirm(mine, { ...range('Iran-backed militias'), revision: 5 })());
add('reconfirm: a valid body padded past 64 KB', 413, 'payload_too_large', () => send('alice', 'POST', `/api/annotations/${mine()}/reconfirm`, { raw: padded(range('Iran-backed militias')) }));

// 6. Articles: imports, previews, metadata, deletion.
const postArticle = (body: unknown, url = '/api/articles', who: Who = 'alice') => () => send(who, 'POST', url, { json: body });
const fetchUrl = (url: string) => postArticle({ format: 'url', url });
add('import: no format', 400, 'bad_request', postArticle({ content: 'Some text.' }));
add('import: an unknown format', 400, 'bad_request', postArticle({ format: 'docx', content: 'Some text.' }));
add('import: content as a number', 400, 'bad_request', postArticle({ format: 'text', content: 12345 }));
add('import: content as an array', 400, 'bad_request', postArticle({ format: 'html', content: ['<p>a</p>'] }));
add('import: an unknown field (createdBy)', 400, 'bad_request', postArticle({ format: 'text', content: 'Some text.', createdBy: 1 }));
add('import: text with no content field', 400, 'bad_request', postArticle({ format: 'text' }));
add('import: url with no url', 400, 'bad_request', postArticle({ format: 'url', content: 'x' }));
add('import: a url that is not a URL', 400, 'bad_request', fetchUrl('not a web address'));
add('import: a javascript: source URL with good text', 400, 'bad_request', postArticle({ format: 'text', content: 'Good text.', sourceUrl: 'javascript:alert(1)' }));
add('import: a data: source URL with good text', 400, 'bad_request', postArticle({ format: 'text', content: 'Good text.', sourceUrl: 'data:text/html,<script>alert(1)</script>' }));
add('import: script in the title and a malformed date', 400, 'bad_request', postArticle({ format: 'text', content: `${SCRIPT} text`, title: IMG, publishedAt: '<script>' }));
add('import: SQL as the date', 400, 'bad_request', postArticle({ format: 'markdown', content: '# Title\n\nBody.', publishedAt: "2024-01-01'; DROP TABLE articles; --" }));
add('import: a title of 501 characters', 400, 'bad_request', postArticle({ format: 'text', content: 'Body text.', title: 'T'.repeat(501) }));
add('import: 2024-02-31 as the date', 400, 'bad_request', postArticle({ format: 'text', content: 'Body text.', publishedAt: '2024-02-31' }));
add('import: empty text', 422, 'unprocessable', postArticle({ format: 'text', content: ' \n\n\t ' }));
add('import: HTML that is only script and style', 422, 'unprocessable', postArticle({ format: 'html', content: `${SCRIPT}<style>p{}</style><iframe src="javascript:alert(1)"></iframe>` }));
add('import: binary text', 422, 'unprocessable', postArticle({ format: 'text', content: BINARY.repeat(10), title: 'Binary' }));
add('import: a binary title with a right-to-left override', 422, 'unprocessable', postArticle({ format: 'text', content: 'Fine text.', title: RLO + BINARY }), { details: { path: 'title' } });
add('import: a javascript: URL', 422, 'unprocessable', fetchUrl('javascript:alert(document.cookie)'));
add('import: a data: URL', 422, 'unprocessable', fetchUrl('data:text/html,<h1>Planted</h1><p>Planted article text.</p>'));
add('import: a base64 data: URL', 422, 'unprocessable', fetchUrl('data:text/html;base64,PGgxPlBsYW50ZWQ8L2gxPjxwPlRleHQ8L3A+'));
add('import: a file: URL', 422, 'unprocessable', fetchUrl('file:///etc/passwd'));
add('import: a gopher: URL', 422, 'unprocessable', fetchUrl('gopher://127.0.0.1:25/_HELO'));
add('import: a URL with a user name and password', 422, 'unprocessable', fetchUrl('http://admin:secret@example.com/'));
add('import: the cloud metadata address', 422, 'unprocessable', fetchUrl('http://169.254.169.254/latest/meta-data/'), { message: GUARD });
add('import: a private address', 422, 'unprocessable', fetchUrl('http://10.0.0.1/admin'), { message: GUARD });
add('import: a private address as IPv4-mapped IPv6', 422, 'unprocessable', fetchUrl('http://[::ffff:10.0.0.1]/'), { message: GUARD });
add('import: a private address in hex', 422, 'unprocessable', fetchUrl('http://0x0a000001/'), { message: GUARD });
add('import: IPv6 loopback (not on the allow-list)', 422, 'unprocessable', fetchUrl('http://[::1]/'), { message: GUARD });
add('import: 0.0.0.0', 422, 'unprocessable', fetchUrl('http://0.0.0.0/'), { message: GUARD });
add('import: a carrier-grade NAT address', 422, 'unprocessable', fetchUrl('https://100.64.0.1/'), { message: GUARD });
add('import: text over 200,000 words', 413, 'payload_too_large', postArticle({ format: 'text', content: 'word '.repeat(200_001) }));
add('import: a declared 13 MB JSON body', 413, 'payload_too_large', () => sendDeclared('alice', '/api/articles', 'application/json', 13 * 1024 * 1024));
add('import: a declared 13 MB upload', 413, 'payload_too_large', () => sendDeclared('alice', '/api/articles', 'multipart/form-data; boundary=----x', 13 * 1024 * 1024));
add('import: an upload with no file field', 400, 'bad_request', () => {
  const form = new FormData();
  form.set('content', SCRIPT);
  return fetch(`${server!.url}/api/articles`, { method: 'POST', headers: { cookie: cookies.alice }, body: form });
});
add('import: an upload of unknown type', 422, 'unprocessable', () => {
  const form = new FormData();
  form.set('file', new File(['MZ\u0090\u0000'], 'payload.exe'));
  return fetch(`${server!.url}/api/articles`, { method: 'POST', headers: { cookie: cookies.alice }, body: form });
});
add('import: a source URL already imported', 409, 'conflict', () => postArticle({ format: 'text', content: 'Copy of it.', sourceUrl: 'https://news.example/b' })(), { details: () => ({ existingArticleId: ids.B }) });
add('preview: an unknown format', 400, 'bad_request', postArticle({ format: 'pdf', content: 'x' }, '/api/articles/preview'));
add('preview: empty HTML', 422, 'unprocessable', postArticle({ format: 'html', content: '<p> </p>' }, '/api/articles/preview'));
add('preview: a data: URL', 422, 'unprocessable', postArticle({ format: 'url', url: 'data:text/html,<p>x</p>' }, '/api/articles/preview'));
add('preview: a private address', 422, 'unprocessable', postArticle({ format: 'url', url: 'http://192.168.1.1/' }, '/api/articles/preview'), { message: GUARD });
add('preview: text over 200,000 words', 413, 'payload_too_large', postArticle({ format: 'text', content: 'w '.repeat(200_001) }, '/api/articles/preview'));

const patchArticle = (id: () => number, body: unknown, who: Who = 'alice') => () => send(who, 'PATCH', `/api/articles/${id()}`, { json: body });
const A = () => ids.A;
add('PATCH article: an empty object', 400, 'bad_request', patchArticle(A, {}));
add('PATCH article: changing the text in place', 400, 'bad_request', patchArticle(A, { plainText: 'Rewritten.' }));
add('PATCH article: changing its creator', 400, 'bad_request', patchArticle(A, { title: 'x', createdBy: 2 }));
add('PATCH article: title as a number', 400, 'bad_request', patchArticle(A, { title: 42 }));
add('PATCH article: archived as a string', 400, 'bad_request', patchArticle(A, { archived: 'yes' }));
add('PATCH article: a javascript: source URL', 400, 'bad_request', patchArticle(A, { sourceUrl: 'javascript:alert(1)' }));
add('PATCH article: a data: source URL and a script title', 400, 'bad_request', patchArticle(A, { title: SCRIPT, sourceUrl: 'data:text/html,x' }));
add('PATCH article: SQL in the title, a bad date', 400, 'bad_request', patchArticle(A, { title: "x'); DROP TABLE articles; --", publishedAt: 'yesterday' }));
add('PATCH article: a byline of 501 characters', 400, 'bad_request', patchArticle(A, { byline: 'b'.repeat(501) }));
add('PATCH article: a blank title', 422, 'unprocessable', patchArticle(A, { title: ' \t ' }));
add('PATCH article: a binary title', 422, 'unprocessable', patchArticle(A, { title: BINARY }), { details: { path: 'title' } });
add('PATCH article: a valid body padded past 64 KB', 413, 'payload_too_large', () => send('alice', 'PATCH', `/api/articles/${ids.A}`, { raw: padded({ title: 'Fine' }) }));
add('PATCH article: someone else’s (bob renames alice’s)', 403, 'forbidden', patchArticle(A, { title: 'Hijacked' }, 'bob'));
add('PATCH article: someone else’s, archiving it', 403, 'forbidden', patchArticle(A, { archived: true }, 'bob'));
add('PATCH article: another article’s source URL', 409, 'conflict', patchArticle(A, { sourceUrl: 'https://news.example/b' }));
add('PATCH article: unknown id', 404, 'not_found', patchArticle(() => 999_999, { title: 'x' }));
add('DELETE article: someone else’s (alice deletes bob’s)', 403, 'forbidden', () => send('alice', 'DELETE', `/api/articles/${ids.B}`));
add('DELETE article: an annotated one', 409, 'conflict', () => send('alice', 'DELETE', `/api/articles/${ids.A}`));
add('DELETE article: an annotated one, as an admin', 409, 'conflict', () => send('admin', 'DELETE', `/api/articles/${ids.A}`));
add('DELETE article: unknown id', 404, 'not_found', () => send('alice', 'DELETE', '/api/articles/999999'));

// 7. Revisions.
const postRevision = (id: () => number, body: unknown, query = '') => () => send('alice', 'POST', `/api/articles/${id()}/revisions${query}`, { json: body });
add('revision: an unknown format', 400, 'bad_request', postRevision(A, { format: 'pdf', content: 'x' }));
add('revision: an unknown field', 400, 'bad_request', postRevision(A, { format: 'text', content: 'New text.', number: 7 }));
add('revision: a baseRevision that is not a number', 400, 'bad_request', postRevision(A, { format: 'text', content: 'New text.', baseRevision: '1 OR 1=1' }));
add('revision: a javascript: URL', 422, 'unprocessable', postRevision(A, { format: 'url', url: 'javascript:alert(1)' }));
add('revision: the metadata address', 422, 'unprocessable', postRevision(A, { format: 'url', url: 'http://169.254.169.254/' }), { message: GUARD });
add('revision: fetching again an article with no source URL', 422, 'unprocessable', postRevision(() => ids.E, { format: 'url' }));
add('revision: empty text', 422, 'unprocessable', postRevision(A, { format: 'text', content: '\n\n' }));
add('revision: binary text', 422, 'unprocessable', postRevision(A, { format: 'text', content: BINARY.repeat(5) }));
add('revision: over 200,000 words', 413, 'payload_too_large', postRevision(A, { format: 'text', content: 'word '.repeat(200_001) }));
add('revision: a declared 13 MB body', 413, 'payload_too_large', () => sendDeclared('alice', `/api/articles/${ids.A}/revisions`, 'application/json', 13 * 1024 * 1024));
add('revision: made against a revision that is not current', 409, 'revision_conflict', postRevision(A, { format: 'text', content: 'New text.', baseRevision: 5 }));
add('revision: on an archived article', 409, 'archived', postRevision(() => ids.Z, { format: 'text', content: 'New text.' }));
add('revision: on an unknown article', 404, 'not_found', postRevision(() => 999_999, { format: 'text', content: 'New text.' }));
add('revision preview: an unknown field', 400, 'bad_request', postRevision(A, { format: 'text', content: 'New.', store: true }, '?preview=1'));
add('revision preview: a data: URL', 422, 'unprocessable', postRevision(A, { format: 'url', url: 'data:,hello' }, '?preview=1'));
add('revision preview: on an archived article', 409, 'archived', postRevision(() => ids.Z, { format: 'text', content: 'New text.' }, '?preview=1'));
add('revision preview: on an unknown article', 404, 'not_found', postRevision(() => 999_999, { format: 'text', content: 'New text.' }, '?preview=1'));

// 8. Users (admins only).
const postUser = (body: unknown, who: Who = 'admin') => () => send(who, 'POST', '/api/users', { json: body });
const patchUser = (id: () => number, body: unknown, who: Who = 'admin') => () => send(who, 'PATCH', `/api/users/${id()}`, { json: body });
add('GET users: as a reviewer', 403, 'forbidden', () => send('alice', 'GET', '/api/users'));
add('POST users: as a reviewer, making an admin', 403, 'forbidden', () => postUser(newUser(), 'alice')());
add('POST users: a malformed email', 400, 'bad_request', () => postUser({ ...newUser(), email: "' OR 1=1 --" })());
add('POST users: an email with a right-to-left override', 400, 'bad_request', () => postUser({ ...newUser(), email: `evil${RLO}moc.example@x` })());
add('POST users: an unknown role', 400, 'bad_request', () => postUser({ ...newUser(), role: 'superadmin' })());
add('POST users: a short password, script as the name', 400, 'bad_request', () => postUser({ ...newUser(), name: SCRIPT, password: 'short' })());
add('POST users: a password of 1,025 characters', 400, 'bad_request', () => postUser({ ...newUser(), password: 'p'.repeat(1_025) })());
add('POST users: a blank name', 400, 'bad_request', () => postUser({ ...newUser(), name: ' \t ' })());
add('POST users: email as an array', 400, 'bad_request', () => postUser({ ...newUser(), email: ['a@b.example'] })());
add('POST users: extra fields (mass assignment: sessionVersion, passwordHash)', 400, 'bad_request', () => postUser({ ...newUser(), sessionVersion: -1, passwordHash: 'x', disabled: false })());
add('POST users: a binary name', 422, 'unprocessable', () => postUser({ ...newUser(), name: BINARY })(), { details: { path: 'name' } });
add('POST users: an email that exists', 409, 'conflict', () => postUser({ ...newUser(), email: 'alice@hostile.test' })());
add('POST users: a valid body padded past 64 KB', 413, 'payload_too_large', () => send('admin', 'POST', '/api/users', { raw: padded(newUser()) }));
add('PATCH user: as a reviewer, promoting themself', 403, 'forbidden', patchUser(() => ids.alice, { role: 'admin' }, 'alice'));
add('PATCH user: an empty object', 400, 'bad_request', patchUser(() => ids.alice, {}));
add('PATCH user: changing the email', 400, 'bad_request', patchUser(() => ids.alice, { email: 'new@x.example' }));
add('PATCH user: disabled as a string', 400, 'bad_request', patchUser(() => ids.alice, { disabled: 'true' }));
add('PATCH user: an unknown role, markup as the name', 400, 'bad_request', patchUser(() => ids.alice, { name: IMG, role: 'root' }));
add('PATCH user: an admin disabling themself', 422, 'unprocessable', patchUser(() => ids.admin, { disabled: true }));
add('PATCH user: an admin demoting themself', 422, 'unprocessable', patchUser(() => ids.admin, { role: 'reviewer' }));
add('PATCH user: unknown id', 404, 'not_found', patchUser(() => 999_999, { name: 'Nobody' }));
add('PATCH user: a malformed id', 404, 'not_found', () => send('admin', 'PATCH', '/api/users/1%20OR%201=1', { json: { name: 'x' } }));
add('DELETE sessions: someone else’s, as a reviewer', 403, 'forbidden', () => send('alice', 'DELETE', `/api/users/${ids.bob}/sessions`));
add('DELETE sessions: unknown user', 404, 'not_found', () => send('admin', 'DELETE', '/api/users/999999/sessions'));

// 9. Ids and queries: unknown, malformed, SQL, out of range.
for (const [id, what] of [
  ['999999', 'an unknown id'],
  ['0', 'id 0'],
  ['-1', 'a negative id'],
  ['1.5', 'a fractional id'],
  ['1e3', 'an exponent id'],
  ['0x10', 'a hex id'],
  ['99999999999999999999', 'a 20-digit id'],
  [encodeURIComponent("1' OR '1'='1"), 'SQL as the id'],
  ['1%00', 'an id with NUL'],
  [encodeURIComponent(SCRIPT), 'script as the id'],
] as const) {
  add(`GET article: ${what}`, 404, 'not_found', () => send('alice', 'GET', `/api/articles/${id}`));
}
for (const [method, suffix] of [
  ['GET', '/annotations'],
  ['POST', '/annotations'],
  ['GET', '/revisions'],
  ['GET', '/revisions/1'],
  ['GET', '/report?format=html'],
] as const) {
  add(`${method} /api/articles/:id${suffix.split('?')[0]}: an unknown article`, 404, 'not_found', () => send('alice', method, `/api/articles/999999${suffix}`, method === 'POST' ? { json: v() } : {}));
}
add('GET revision: number 0', 404, 'not_found', () => send('alice', 'GET', `/api/articles/${ids.A}/revisions/0`));
add('GET revision: one that does not exist', 404, 'not_found', () => send('alice', 'GET', `/api/articles/${ids.A}/revisions/99`));
add('GET revision: SQL as the number', 404, 'not_found', () => send('alice', 'GET', `/api/articles/${ids.A}/revisions/${encodeURIComponent('1 UNION SELECT password_hash FROM users')}`));
add('GET annotation: SQL as the id', 404, 'not_found', () => send('alice', 'GET', `/api/annotations/${encodeURIComponent('1;DELETE FROM annotations')}`));
add('DELETE annotation: a malformed id', 404, 'not_found', () => send('alice', 'DELETE', '/api/annotations/abc'));
add('GET a path under a route that has none', 404, 'not_found', () => send('alice', 'GET', `/api/articles/${ids.A}/annotations/extra`));
add('POST an unknown API path', 404, 'not_found', () => send('alice', 'POST', '/api/admin/backdoor', { json: { sql: SQL } }));
add('GET articles: an unknown sort', 400, 'bad_request', () => send('alice', 'GET', '/api/articles?sort=title;DROP'));
add('GET articles: a search of 201 characters', 400, 'bad_request', () => send('alice', 'GET', `/api/articles?q=${'q'.repeat(201)}`));
add('GET articles: archived=yes', 400, 'bad_request', () => send('alice', 'GET', '/api/articles?archived=yes'));
add('GET annotations: since=-1', 400, 'bad_request', () => send('alice', 'GET', `/api/articles/${ids.A}/annotations?since=-1`));
add('GET annotations: since that is SQL', 400, 'bad_request', () => send('alice', 'GET', `/api/articles/${ids.A}/annotations?since=${encodeURIComponent('0 OR 1=1')}`));
add('GET annotations: an unknown status', 400, 'bad_request', () => send('alice', 'GET', `/api/articles/${ids.A}/annotations?status=${encodeURIComponent(SCRIPT)}`));
add('GET annotations: reviewer 0', 400, 'bad_request', () => send('alice', 'GET', `/api/articles/${ids.A}/annotations?reviewer=0`));
add('GET report: no format', 400, 'bad_request', () => send('alice', 'GET', `/api/articles/${ids.A}/report`));
add('GET report: a path as the format', 400, 'bad_request', () => send('alice', 'GET', `/api/articles/${ids.A}/report?format=../../../../etc/passwd`));
add('GET report: a format with NUL', 400, 'bad_request', () => send('alice', 'GET', `/api/articles/${ids.A}/report?format=csv%00.html`));
add('GET report: an unknown status filter', 400, 'bad_request', () => send('alice', 'GET', `/api/articles/${ids.A}/report?format=csv&status=${encodeURIComponent(SQL)}`));
add('GET report: a negative reviewer', 400, 'bad_request', () => send('alice', 'GET', `/api/articles/${ids.A}/report?format=json&reviewer=-1`));

// The desk's workflow: replies, claims and review, each refused with nothing changed.
/** A POST whose URL and body are read when it is sent (the ids are made in beforeAll). */
const postJson = (who: Who, url: () => string, body: () => unknown) => () => send(who, 'POST', url(), { json: body() });
add('reply: an empty body', 400, 'bad_request', postJson('alice', () => `/api/annotations/${ids.aliceAnn}/replies`, () => ({ body: '   ' })));
add('reply: to a deleted annotation', 404, 'not_found', postJson('alice', () => `/api/annotations/${ids.goneAnn}/replies`, () => ({ body: 'Too late' })));
add('reply: to an archived article’s annotation', 409, 'archived', postJson('alice', () => `/api/annotations/${ids.zAnn}/replies`, () => ({ body: 'Archived' })));
add('PATCH reply: someone else’s', 403, 'forbidden', () => send('bob', 'PATCH', `/api/replies/${ids.reply}`, { json: { body: 'Bob was here' } }));
add('DELETE reply: unknown id', 404, 'not_found', () => send('alice', 'DELETE', '/api/replies/999999'));
add('dismiss: a range that is no claim', 422, 'unprocessable', postJson('alice', () => `/api/articles/${ids.A}/claims/dismissals`, () => ({ start: 0, end: 3 })));
add('dismiss: an earlier revision', 409, 'revision_conflict', postJson('alice', () => `/api/articles/${ids.A}/claims/dismissals`, () => ({ ...claim, revision: 7 })));
add('undo a dismissal: another reviewer’s', 403, 'forbidden', () => send('bob', 'DELETE', `/api/claim-dismissals/${ids.dismissal}`));
add('assign: as a reviewer', 403, 'forbidden', postJson('alice', () => `/api/articles/${ids.A}/review/assign`, () => ({ add: [ids.bob] })));
add('assign: an unknown user', 422, 'unprocessable', postJson('admin', () => `/api/articles/${ids.A}/review/assign`, () => ({ add: [999_999] })));
add('sign off: as a reviewer', 403, 'forbidden', postJson('alice', () => `/api/articles/${ids.A}/review/sign-off`, () => ({ reason: 'Me' })));
add('sign off: unchecked claims and no reason', 409, 'not_ready', postJson('admin', () => `/api/articles/${ids.A}/review/sign-off`, () => ({})));
add('reopen: an article that is not signed off', 409, 'conflict', postJson('admin', () => `/api/articles/${ids.A}/review/reopen`, () => ({})));
add('second check: as a reviewer', 403, 'forbidden', postJson('alice', () => `/api/articles/${ids.A}/review/second-check`, () => ({ reviewerId: ids.dave })));
add('second check: by a reviewer with verdicts on it', 409, 'conflict', postJson('admin', () => `/api/articles/${ids.A}/review/second-check`, () => ({ reviewerId: ids.bob })));
add('adjudicate: as a reviewer', 403, 'forbidden', postJson('alice', () => `/api/articles/${ids.A}/review/adjudications`, () => ({ firstAnnotationId: ids.aliceAnn, decision: 'keep_first' })));

// ---------------------------------------------------------------------------------------------
// The database, as rows.

let reader: Database.Database | undefined;

/**
 * A hash of each table's rows (login_failures left out), read through one read-only handle: in WAL
 * mode each statement reads the latest committed state. Hashed again only when another connection
 * committed since the last hashing (`PRAGMA data_version` changes exactly then), so the 600-odd
 * requests that write nothing cost no read of every table before and after.
 */
let hashed: { version: number; hashes: Record<string, string> } | undefined;
function tableHashes(): Record<string, string> {
  reader ??= new Database(databaseFile, { readonly: true, fileMustExist: true });
  const version = reader.pragma('data_version', { simple: true }) as number;
  if (hashed?.version === version) return hashed.hashes;
  const tables = reader.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'login_failures' ORDER BY name").pluck().all() as string[];
  const out: Record<string, string> = {};
  for (const table of tables) {
    // Sorted here: some tables (the title index's) have no rowid to order by.
    const rows = reader
      .prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`)
      .raw()
      .all()
      .map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('base64') : v)))
      .sort();
    out[table] = crypto.createHash('sha256').update(rows.join('\n')).digest('hex');
  }
  hashed = { version, hashes: out };
  return out;
}
const changedTables = (before: Record<string, string>, after: Record<string, string>) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();

// ---------------------------------------------------------------------------------------------
// Setup: users and articles straight into the file, then the server, sessions and annotations.

async function makeUser(db: ReturnType<typeof openDatabase>['db'], name: string, role: 'admin' | 'reviewer' = 'reviewer') {
  const user: NewUser = { email: `${name.toLowerCase()}@hostile.test`, name, role, password: `${name.toLowerCase()}-password-long` };
  const made = await createUser(db, user);
  if (!made.ok) throw new Error(made.error.message);
  return { ...user, id: made.value.id };
}

async function token(claims: Record<string, unknown>, maxAge: number, secret = serverEnv({}).NEXTAUTH_SECRET!) {
  return `next-auth.session-token=${await encode({ token: claims, secret, maxAge })}`;
}

beforeAll(async () => {
  const handle = openDatabase(databaseFile);
  const alice = await makeUser(handle.db, 'Alice');
  const bob = await makeUser(handle.db, 'Bob');
  const admin = await makeUser(handle.db, 'Admin', 'admin');
  const carol = await makeUser(handle.db, 'Carol');
  const dave = await makeUser(handle.db, 'Dave');
  Object.assign(ids, { alice: alice.id, bob: bob.id, admin: admin.id, dave: dave.id });
  const article = (owner: { id: number; name: string; email: string }, text: string, meta: Record<string, string>) => {
    const made = createArticle(handle.db, { ...owner, role: 'reviewer' }, docFromText(text), { title: 'Untitled', ...meta });
    if (!made.ok) throw new Error(made.error.message);
    return made.value.id;
  };
  ids.A = article(alice, sample, { title: 'Hostile: Aleppo' });
  ids.B = article(bob, 'Bob’s short article. Nobody annotated it.', { title: 'Bob’s article', sourceUrl: 'https://news.example/b' });
  ids.Z = article(alice, sample, { title: 'Hostile: archived' });
  ids.E = article(alice, ASTRAL, { title: 'Hostile: astral' });
  sampleText = TextIndex.fromDoc(docFromText(sample));
  astralText = TextIndex.fromDoc(docFromText(ASTRAL));

  server = await startOwnServer(databaseFile);
  const [a, b, ad, c, d] = await Promise.all([alice, bob, admin, carol, dave].map((u) => login(u.email, u.password, server!.url)));
  Object.assign(cookies, { alice: a.cookie!, bob: b.cookie!, admin: ad.cookie!, carol: c.cookie!, dave: d.cookie! });

  const annotate = async (who: Who, article: number, passage: string, extra: Record<string, unknown> = {}) => {
    const res = await send(who, 'POST', `/api/articles/${article}/annotations`, { json: { ...range(passage), status: 'verified', ...extra } });
    if (res.status !== 201) throw new Error(`setup annotation: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: number }).id;
  };
  ids.aliceAnn = await annotate('alice', ids.A, 'Hezbollah in Syria', { note: 'Alice’s note', sources: [{ url: 'https://example.org/a', title: 'A' }] });
  ids.bobAnn = await annotate('bob', ids.A, 'Wagner Group mercenaries', { note: 'Bob’s note' });
  ids.goneAnn = await annotate('alice', ids.A, 'General Sergei Kisel');
  expect((await send('alice', 'DELETE', `/api/annotations/${ids.goneAnn}`)).status).toBe(204);
  ids.zAnn = await annotate('alice', ids.Z, 'Hezbollah in Syria');
  // A reply to Alice's verdict, one claim dismissed and another left for the requests below.
  const replied = await send('alice', 'POST', `/api/annotations/${ids.aliceAnn}/replies`, { json: { body: 'Alice’s reply' } });
  expect(replied.status).toBe(201);
  ids.reply = ((await replied.json()) as { id: number }).id;
  const found = (await (await send('alice', 'GET', `/api/articles/${ids.A}/claims`)).json()) as { claims: { start: number; end: number; state: string }[] };
  const open = found.claims.filter((c) => c.state === 'unchecked');
  expect(open.length).toBeGreaterThanOrEqual(2);
  Object.assign(claim, { start: open[0].start, end: open[0].end });
  const dismissed = await send('alice', 'POST', `/api/articles/${ids.A}/claims/dismissals`, { json: { start: open[1].start, end: open[1].end } });
  expect(dismissed.status).toBe(201);
  ids.dismissal = ((await dismissed.json()) as { dismissal: { id: number } }).dismissal.id;
  expect((await send('alice', 'PATCH', `/api/articles/${ids.Z}`, { json: { archived: true } })).status).toBe(200);

  // Carol is disabled after signing in; Dave signs out everywhere, keeping his old cookie.
  const disabled = setUserDisabled(handle.db, carol.email, true);
  if (!disabled.ok) throw new Error(disabled.error.message);
  expect((await send('dave', 'DELETE', `/api/users/${dave.id}/sessions`)).status).toBe(204);
  handle.sqlite.close();

  const claims = { name: alice.name, email: alice.email, sub: String(alice.id), uid: alice.id, role: 'reviewer', sv: 0 };
  const valid = await token(claims, 3600);
  cookies.expired = await token(claims, -3600);
  cookies.wrongSecret = await token(claims, 3600, 'not-the-server-secret-0123456789abcdef');
  cookies.unknownUser = await token({ ...claims, sub: '999999', uid: 999_999 }, 3600);
  // The same forging, unexpired and with the real secret, is a working session: so the 401s below
  // are the expiry's, the secret's and the missing user's doing, not a badly built token's.
  const control = await send(null, 'GET', '/api/articles', { headers: { cookie: valid } });
  expect(control.status).toBe(200);
}, 120_000);

afterAll(async () => {
  reader?.close();
  if (server) await stopOwnServer(server);
  fs.rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------

describe('hostile requests are refused with their documented 4xx and change nothing', () => {
  let start: Record<string, string>;
  const changed: string[] = [];
  let tried = 0;
  beforeAll(() => {
    start = tableHashes();
  });
  afterAll(() => {
    console.log(`hostile suite: ${tried} requests, ${changed.length} changed anything${changed.length ? ` (${changed.join('; ')})` : ''}`);
  });

  it(`has at least 150 requests (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  for (const c of cases) {
    it(`${c.name} → ${c.status} ${c.code}`, async () => {
      const before = tableHashes();
      const res = await c.send();
      const text = await res.text();
      tried++;
      const diff = changedTables(before, tableHashes());
      if (diff.length) changed.push(`${c.name}: ${diff.join(', ')}`);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text.slice(0, 300);
      }
      expect({ status: res.status, body }).toMatchObject({ status: c.status, body: { error: { code: c.code } } });
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const { error } = body as { error: { code: string; message: string; details?: Record<string, unknown> } };
      expect(Object.keys(body as object)).toEqual(['error']);
      expect(Object.keys(error).every((k) => ['code', 'message', 'details'].includes(k))).toBe(true);
      expect(error.message.trim()).not.toBe('');
      if (c.message) expect(error.message).toMatch(c.message);
      if (c.details) expect(error.details).toMatchObject(typeof c.details === 'function' ? c.details() : c.details);
      expect(diff, 'tables changed by the request').toEqual([]);
    });
  }

  it('leaves every table as it was after all of them', () => {
    expect(changedTables(start, tableHashes())).toEqual([]);
  });
});

describe('valid requests with hostile text store it as inert text', () => {
  const NOTE = `${SCRIPT} ${IMG} [x](javascript:alert(1)) ${RLO}txet ${SQL} “quotes” & <b>bold</b>`;
  let id: number;

  it('stores markup in a note verbatim and answers it as JSON text', async () => {
    const res = await send('bob', 'POST', `/api/articles/${ids.A}/annotations`, { json: { ...range('Iran-backed militias'), status: 'disputed', note: NOTE, sources: [{ url: 'https://example.org/x', title: IMG }] } });
    expect(res.status).toBe(201);
    id = ((await res.json()) as { id: number }).id;
    const read = await send('alice', 'GET', `/api/annotations/${id}`);
    expect(read.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await read.json()).toMatchObject({ note: NOTE, sources: [{ url: 'https://example.org/x', title: IMG }] });
  });

  it('escapes it in the HTML report and the article page', async () => {
    const report = await (await send('alice', 'GET', `/api/articles/${ids.A}/report?format=html`)).text();
    expect(report).toContain('&lt;script&gt;alert(document.cookie)&lt;/script&gt;');
    expect(report).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(report).not.toContain(SCRIPT);
    expect(report).not.toContain(IMG);
    const page = await (await send('alice', 'GET', `/articles/${ids.A}`)).text();
    expect(page).not.toContain(SCRIPT);
    expect(page).not.toContain(IMG);
  });

  it('stores a lone surrogate as well-formed text', async () => {
    const res = await send('bob', 'POST', `/api/articles/${ids.A}/annotations`, { json: { ...range('Russia’s intervention in Syria'), status: 'needs_source', note: 'half \ud83d of a pair' } });
    expect(res.status).toBe(201);
    const { note } = (await res.json()) as { note: string };
    // A lone surrogate is the only thing \p{Cs} matches in a u-mode regular expression.
    expect(note).not.toMatch(/\p{Cs}/u);
  });
});

describe('the same writes sent properly are accepted (so the refusals above were the checks’ doing)', () => {
  const order = [
    'POST /api/articles/:id/claims/dismissals',
    'DELETE /api/claim-dismissals/:id',
    'POST /api/annotations/:id/replies',
    'PATCH /api/replies/:id',
    'DELETE /api/replies/:id',
    'POST /api/articles/:id/review/assign',
    'POST /api/articles/:id/review/sign-off',
    'POST /api/articles/:id/review/reopen',
    'POST /api/articles/:id/review/second-check',
    'POST /api/annotations/:id/reconfirm',
    'PATCH /api/annotations/:id',
    'POST /api/articles',
    'POST /api/articles/preview',
    'PATCH /api/articles/:id',
    'POST /api/articles/:id/annotations',
    'POST /api/articles/:id/revisions?preview=1',
    'POST /api/articles/:id/revisions',
    'DELETE /api/annotations/:id',
    'DELETE /api/articles/:id',
    'POST /api/users',
    'PATCH /api/users/:id',
    'DELETE /api/users/:id/sessions',
  ];
  it('covers every write endpoint but the catch-all', () => {
    expect([...order].sort()).toEqual(endpoints.filter((e) => e.write && !e.adminCannot && !e.label.includes('[...path]')).map((e) => e.label).sort());
  });
  for (const label of order) {
    it(label, async () => {
      const e = endpoints.find((x) => x.label === label)!;
      const res = await call(e, 'admin')();
      expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
    });
  }
});
