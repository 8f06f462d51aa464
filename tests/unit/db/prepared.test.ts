// Queries prepared once per connection (db/prepared.ts): each open database file gets its own
// statements, and a prepared write inside a transaction or savepoint commits or rolls back with it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, WRITE_TRANSACTION, type DatabaseHandle } from '@/db/client';
import { createAnnotation, getAnnotation, listAnnotationHistory, recordEvent } from '@/db/queries/annotations';
import { createArticle } from '@/db/queries/articles';
import { createUser, getUserById } from '@/db/queries/users';
import { annotationEvents } from '@/db/schema';
import { TextIndex } from '@/lib/document/canonical-text';
import { docFromText } from '@/lib/import/text';
import type { Viewer } from '@/lib/viewer';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-prepared-'));
const handles: DatabaseHandle[] = [];
afterAll(() => {
  for (const h of handles) h.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const doc = docFromText('The minister said unemployment fell by a third.');
const index = TextIndex.fromDoc(doc);

/** A database file with one reviewer (named after the file) and one article. */
async function desk(name: string) {
  const handle = openDatabase(path.join(dir, `${name}.db`));
  handles.push(handle);
  const created = await createUser(handle.db, { email: `${name}@desk.test`, name, role: 'reviewer', password: 'long enough pw' });
  if (!created.ok) throw new Error(created.error.message);
  const viewer: Viewer = { id: created.value.id, name, email: `${name}@desk.test`, role: 'reviewer' };
  const article = createArticle(handle.db, viewer, doc, { title: `${name}'s article` });
  if (!article.ok) throw new Error(article.error.message);
  return { ...handle, viewer, articleId: article.value.id };
}

function verdictOn(passage: string, note: string) {
  const start = index.offsetFromUnit(index.text.indexOf(passage));
  const end = start + [...passage].length;
  return { start, end, status: 'disputed' as const, note, sources: [{ url: 'https://stats.example/jobs', title: 'Jobs report' }], ...index.quote(start, end) };
}

describe('prepared queries', () => {
  it('write to and read from the database they are called with, one file after another', async () => {
    const a = await desk('ana');
    const b = await desk('ben');
    // Both files number their first user, article and annotation 1: a statement prepared for the
    // first file and reused on the second would answer the first file's rows.
    expect([a.viewer.id, a.articleId]).toEqual([b.viewer.id, b.articleId]);
    const onA = createAnnotation(a.db, a.viewer, a.articleId, verdictOn('unemployment fell', 'note in A'), 1);
    const onB = createAnnotation(b.db, b.viewer, b.articleId, verdictOn('by a third', 'note in B'), 1);
    if (!onA.ok || !onB.ok) throw new Error('create failed');
    expect(onA.value).toMatchObject({ exact: 'unemployment fell', note: 'note in A', author: { name: 'ana' } });
    expect(onB.value).toMatchObject({ exact: 'by a third', note: 'note in B', author: { name: 'ben' } });
    expect(getUserById(a.db, a.viewer.id)?.name).toBe('ana');
    expect(getUserById(b.db, b.viewer.id)?.name).toBe('ben');
    const readA = getAnnotation(a.db, a.viewer, onA.value.id);
    expect(readA.ok && readA.value.note).toBe('note in A');
    expect(a.sqlite.prepare('select count(*) as n from annotations').get()).toEqual({ n: 1 });
    expect(b.sqlite.prepare('select count(*) as n from annotations').get()).toEqual({ n: 1 });
    const history = listAnnotationHistory(b.db, b.viewer, onB.value.id);
    expect(history.ok && history.value.map((e) => [e.type, e.to])).toEqual([
      ['created', 'disputed'],
      ['source_added', 'https://stats.example/jobs'],
      ['note_edited', 'note in B'],
    ]);
  });

  it('commit and roll back with the transaction or savepoint they ran in', async () => {
    const c = await desk('cy');
    const made = createAnnotation(c.db, c.viewer, c.articleId, verdictOn('The minister said', 'said'), 1);
    if (!made.ok) throw new Error(made.error.message);
    const events = () => c.db.select({ to: annotationEvents.toValue }).from(annotationEvents).where(eq(annotationEvents.annotationId, made.value.id)).all().map((e) => e.to);
    const before = events();
    expect(() =>
      c.db.transaction((tx) => {
        recordEvent(tx, made.value.id, c.viewer.id, 'note_edited', 'said', 'rolled back', new Date());
        throw new Error('refused later in the same write');
      }, WRITE_TRANSACTION),
    ).toThrow('refused later');
    expect(events()).toEqual(before);
    // A nested transaction is a savepoint on the same connection: its write goes, the outer one stays.
    c.db.transaction((tx) => {
      recordEvent(tx, made.value.id, c.viewer.id, 'note_edited', 'said', 'kept', new Date());
      try {
        tx.transaction((inner) => {
          recordEvent(inner, made.value.id, c.viewer.id, 'note_edited', 'kept', 'undone', new Date());
          throw new Error('inner refusal');
        });
      } catch {
        // the savepoint was rolled back
      }
    }, WRITE_TRANSACTION);
    expect(events()).toEqual([...before, 'kept']);
  });
});
