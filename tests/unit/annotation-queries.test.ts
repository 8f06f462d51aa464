// The annotations query module on a fresh SQLite file: the packed first-render list is the same
// as the API's list, and ownership is enforced by the queries themselves.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { createAnnotation, deleteAnnotation, listAnnotations, updateAnnotation } from '@/db/queries/annotations';
import { listPackedAnnotations } from '@/db/queries/packed-annotations';
import { createArticle } from '@/db/queries/articles';
import { createUser } from '@/db/queries/users';
import { TextIndex } from '@/lib/document/canonical-text';
import { docFromText } from '@/lib/import/text';
import { packableFromDto, packAnnotations } from '@/lib/annotations/pack';
import type { Viewer } from '@/lib/viewer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-ann-'));
const { db, sqlite } = openDatabase(path.join(dir, 'test.db'));
let ana: Viewer;
let ben: Viewer;
let admin: Viewer;
let articleId: number;
const doc = docFromText('First claim here. Second claim 😀 there.\nAnother paragraph with a third claim.');
const index = TextIndex.fromDoc(doc);

async function user(email: string, role: 'admin' | 'reviewer'): Promise<Viewer> {
  const r = await createUser(db, { email, name: email.split('@')[0], role, password: 'long enough pw' });
  if (!r.ok) throw new Error(r.error.message);
  return { id: r.value.id, name: r.value.name, email, role };
}
function add(viewer: Viewer, passage: string, status: 'verified' | 'disputed' | 'needs_source', sources: { url: string; title: string | null }[] = []) {
  const start = index.offsetFromUnit(index.text.indexOf(passage));
  const end = start + [...passage].length;
  const r = createAnnotation(db, viewer, articleId, { start, end, status, note: `note on ${passage}`, sources, ...index.quote(start, end) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

beforeAll(async () => {
  [ana, ben, admin] = [await user('ana@x.test', 'reviewer'), await user('ben@x.test', 'reviewer'), await user('root@x.test', 'admin')];
  const a = createArticle(db, ana, doc, { title: 'Claims' });
  if (!a.ok) throw new Error(a.error.message);
  articleId = a.value.id;
});
afterAll(() => {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('annotation queries', () => {
  it('packs the same list the API returns', () => {
    add(ana, 'third claim', 'verified', [{ url: 'https://a.example/1', title: 'One' }, { url: 'https://a.example/2', title: null }]);
    add(ben, 'Second claim 😀', 'disputed');
    const gone = add(ben, 'First claim', 'needs_source');
    expect(deleteAnnotation(db, ben, gone.id).ok).toBe(true);
    const list = listAnnotations(db, ana, articleId);
    if (!list.ok) throw new Error('list failed');
    expect(list.value.map((a) => a.exact)).toEqual(['Second claim 😀', 'third claim']);
    expect(listPackedAnnotations(db, ana, articleId, 1, index)).toEqual(packAnnotations(articleId, 1, index, list.value.map(packableFromDto)));
  });

  it('refuses changes by another reviewer inside the query, and allows the author and admins', () => {
    const mine = add(ana, 'Another paragraph', 'verified');
    expect(updateAnnotation(db, ben, mine.id, { status: 'disputed' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(deleteAnnotation(db, ben, mine.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(updateAnnotation(db, admin, mine.id, { note: 'checked by the desk' })).toMatchObject({ ok: true, value: { note: 'checked by the desk' } });
    expect(updateAnnotation(db, ana, mine.id, { status: 'needs_source' })).toMatchObject({ ok: true, value: { status: 'needs_source' } });
    expect(updateAnnotation(db, ana, 999_999, { status: 'verified' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
