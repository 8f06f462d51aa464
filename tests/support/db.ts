// Direct access to the test server's SQLite file (the real one), for arranging users and
// checking what was stored.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@/db/client';
import { createArticle } from '@/db/queries/articles';
import { createUser, setUserDisabled } from '@/db/queries/users';
import { docFromText } from '@/lib/import/text';
import type { Role } from '@/lib/viewer';

let handle: DatabaseHandle | undefined;

export function testDatabase(): DatabaseHandle {
  handle ??= openDatabase(inject('databaseFile'));
  return handle;
}

export interface TestUser {
  id: number;
  email: string;
  name: string;
  password: string;
  role: Role;
}

/** A new account with a unique email, so test files never share users. */
export async function createTestUser(opts: { role?: Role; name?: string } = {}): Promise<TestUser> {
  const tag = crypto.randomBytes(4).toString('hex');
  const user = {
    email: `reviewer-${tag}@newsroom.test`,
    name: opts.name ?? `Reviewer ${tag}`,
    role: opts.role ?? 'reviewer',
    password: `pw-${tag}-long-enough`,
  } as const;
  const created = await createUser(testDatabase().db, user);
  if (!created.ok) throw new Error(created.error.message);
  return { ...user, id: created.value.id };
}

export function disableUser(email: string) {
  const result = setUserDisabled(testDatabase().db, email, true);
  if (!result.ok) throw new Error(result.error.message);
}

/** The sample article the product was specified with, stored as `owner`'s import. */
export function createSampleArticle(owner: TestUser, title = 'Sample: Aleppo airport'): number {
  const doc = docFromText(fs.readFileSync(path.join(__dirname, '../../content/sample-article.txt'), 'utf8'));
  const result = createArticle(testDatabase().db, owner, doc, { title });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.id;
}
