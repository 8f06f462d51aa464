// The floor under POST /api/articles/:id/annotations: a bare node:http server in its own process
// doing what the route does once the viewer is known — read the JSON body (64 KB limit), parse it
// with the route's zod schema, check it against the article's cached canonical text, and
// createAnnotation (row, sources, history event and the review state in one transaction, then the
// read-back) — with no framework, no session and no routing. The throughput suite runs it beside
// `next start`, on a copy of the same database, at the same concurrency. With
// FACTMARK_FLOOR_GROUP_COMMIT=1 the writes of one event-loop turn share a commit (and its fsync):
// what group commit in the app would give under synchronous = FULL.
//   node --import tsx bench/floor-server.ts <database file> <viewer id>   (prints "listening <port>")
import http from 'node:http';
import type net from 'node:net';
import { openDatabase } from '../db/client';
import { createAnnotation, checkRevision } from '../db/queries/annotations';
import { getArticleCanonicalText } from '../db/queries/articles';
import { getUserById } from '../db/queries/users';
import { ERROR_STATUS, type AppError } from '../lib/errors';
import { checkNewAnnotation, createAnnotationSchema } from '../lib/annotations/input';
import { MAX_BODY_BYTES } from '../lib/server/http';
import type { Viewer } from '../lib/viewer';

const ROUTE = /^\/api\/articles\/(\d+)\/annotations$/;

function main() {
  const [file, viewerId] = process.argv.slice(2);
  const { db, sqlite } = openDatabase(file);
  const row = getUserById(db, Number(viewerId));
  if (!row) throw new Error(`no user ${viewerId}`);
  const viewer: Viewer = { id: row.id, name: row.name, email: row.email, role: row.role };

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
  };
  const refuse = (res: http.ServerResponse, error: AppError) => send(res, ERROR_STATUS[error.code], { error });

  const server = http.createServer((req, res) => {
    const m = req.method === 'POST' ? ROUTE.exec(req.url ?? '') : null;
    if (!m) return refuse(res, { code: 'not_found', message: 'Only POST /api/articles/:id/annotations is served here.' });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return refuse(res, { code: 'payload_too_large', message: 'The request body is too large.' });
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return refuse(res, { code: 'bad_request', message: 'The request body is not valid JSON.' });
      }
      const parsed = createAnnotationSchema.safeParse(body);
      if (!parsed.success) return refuse(res, { code: 'bad_request', message: parsed.error.message });
      const id = Number(m[1]);
      const current = getArticleCanonicalText(db, viewer, id);
      if (!current) return refuse(res, { code: 'not_found', message: `No article with id ${id}.` });
      const fresh = checkRevision(current.revision, parsed.data.revision);
      if (!fresh.ok) return refuse(res, fresh.error);
      const checked = checkNewAnnotation(current.text, parsed.data);
      if (!checked.ok) return refuse(res, checked.error);
      const write = () => {
        const created = createAnnotation(db, viewer, id, checked.value, current.revision);
        return () => (created.ok ? send(res, 201, created.value) : refuse(res, created.error));
      };
      if (!groupCommit) return write()();
      // Group commit: writes that arrive in the same turn of the event loop share one outer
      // transaction (each its own savepoint) and one fsync; each is answered after that commit.
      pending.push(write);
      if (pending.length === 1) setImmediate(flush);
    });
  });

  const groupCommit = process.env.FACTMARK_FLOOR_GROUP_COMMIT === '1';
  const pending: (() => () => void)[] = [];
  const flush = () => {
    const batch = pending.splice(0);
    sqlite.exec('BEGIN IMMEDIATE');
    let answers: (() => void)[];
    try {
      answers = batch.map((write) => write());
      sqlite.exec('COMMIT');
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw error;
    }
    for (const answer of answers) answer();
  };
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening ${(server.address() as net.AddressInfo).port}\n`);
  });
  process.once('SIGTERM', () => process.exit(0));
}

main();
