import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from '@/db/statement-cache';

function connection(size?: number) {
  const sqlite = new Database(':memory:');
  sqlite.exec('create table t (id integer primary key, name text)');
  cacheStatements(sqlite, size);
  return sqlite;
}

describe('the statement cache', () => {
  it('answers the statement prepared before for the same SQL, and its results are right', () => {
    const sqlite = connection();
    const insert = sqlite.prepare('insert into t (name) values (?)');
    expect(sqlite.prepare('insert into t (name) values (?)')).toBe(insert);
    sqlite.prepare('insert into t (name) values (?)').run('a');
    sqlite.prepare('insert into t (name) values (?)').run('b');
    expect(sqlite.prepare('select name from t order by id').all()).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  it('gives the next caller the default row shape after one asked for raw or plucked rows', () => {
    const sqlite = connection();
    sqlite.prepare("insert into t (name) values ('a')").run();
    expect(sqlite.prepare('select id, name from t').raw().all()).toEqual([[1, 'a']]);
    expect(sqlite.prepare('select id, name from t').all()).toEqual([{ id: 1, name: 'a' }]);
    expect(sqlite.prepare('select id, name from t').pluck().get()).toBe(1);
    expect(sqlite.prepare('select id, name from t').get()).toEqual({ id: 1, name: 'a' });
  });

  it('prepares a fresh statement while the cached one is still being iterated', () => {
    const sqlite = connection();
    sqlite.prepare("insert into t (name) values ('a'), ('b')").run();
    const rows = sqlite.prepare('select name from t order by id').iterate() as IterableIterator<{ name: string }>;
    expect(rows.next().value).toEqual({ name: 'a' });
    // The same query again, inside the loop, must not throw "busy executing a query".
    expect(sqlite.prepare('select name from t order by id').all()).toHaveLength(2);
    expect(rows.next().value).toEqual({ name: 'b' });
  });

  it('keeps at most its size, dropping the least recently used', () => {
    const sqlite = connection(2);
    const a = sqlite.prepare('select 1');
    const b = sqlite.prepare('select 2');
    expect(sqlite.prepare('select 1')).toBe(a);
    sqlite.prepare('select 3');
    expect(sqlite.prepare('select 1')).toBe(a);
    expect(sqlite.prepare('select 2')).not.toBe(b);
  });

  it('still answers right after the schema changes under a cached statement', () => {
    const sqlite = connection();
    sqlite.prepare("insert into t (name) values ('a')").run();
    expect(sqlite.prepare('select * from t').get()).toEqual({ id: 1, name: 'a' });
    sqlite.exec('alter table t add column extra text');
    expect(sqlite.prepare('select * from t').get()).toEqual({ id: 1, name: 'a', extra: null });
  });
});
