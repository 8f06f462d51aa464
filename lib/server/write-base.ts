// What a write on an annotation or a reply was based on: the version the client edited — from an
// `If-Match` header (`"3"`, `W/"3"` or `3`) or a `version` field in the body — and the article revision.
// A stale version is answered 409 edit_conflict by the query module, so no edit is lost silently.
import type { WriteBase } from '../annotations/input';
import { fail, ok, type Result } from '../errors';

export function readWriteBase(request: Request, body: { version?: number; revision?: number } = {}): Result<WriteBase> {
  const header = request.headers.get('if-match');
  const query = new URL(request.url).searchParams.get('version');
  let version = body.version;
  for (const [raw, where] of [
    [header, 'If-Match'],
    [query, '?version'],
  ] as const) {
    if (raw === null) continue;
    const match = /^\s*(?:W\/)?"?([1-9][0-9]{0,9})"?\s*$/.exec(raw);
    if (!match) return fail('bad_request', `${where} must be the version you edited, e.g. "3".`);
    const given = Number(match[1]);
    if (version !== undefined && version !== given) return fail('bad_request', `${where} (${given}) and the body's version (${version}) disagree.`);
    version = given;
  }
  return ok({ version, revision: body.revision });
}
