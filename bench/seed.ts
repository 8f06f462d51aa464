// Writes benchmark data through the app's own query modules (the same code paths as the API),
// straight into a database file — the running server's, or a separate one for in-process timing.
import type { Db } from '../db/client';
import { createArticle } from '../db/queries/articles';
import { createAnnotation } from '../db/queries/annotations';
import { createUser } from '../db/queries/users';
import type { Role, Viewer } from '../lib/viewer';
import type { AnnotationSpec, GeneratedArticle } from './generate';

export interface BenchUser extends Viewer {
  password: string;
}

const AUTHOR_NAMES = ['Amara Osei', 'Bruno Keller', 'Chen Wei', 'Dalia Haddad', 'Elif Yilmaz', 'Farid Nasser', 'Greta Lund', 'Hiro Tanaka', 'Ines Moreau', 'Jonas Berg'];

/** One account through createUser (argon2 hash, as the app makes them), with its password. */
export async function createAccount(db: Db, input: { email: string; name: string; role: Role; password: string }): Promise<BenchUser> {
  const created = await createUser(db, input);
  if (!created.ok) throw new Error(`createUser ${input.email}: ${created.error.message}`);
  const { id, name, email, role } = created.value;
  return { id, name, email, role, password: input.password };
}

/** `count` reviewer accounts (argon2 hashes, so this takes a moment). */
export async function createUsers(db: Db, count: number, tag: string): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  for (let i = 0; i < count; i++) {
    users.push(
      await createAccount(db, {
        email: `bench-${tag}-${i}@factmark.test`,
        name: AUTHOR_NAMES[i % AUTHOR_NAMES.length] + (i >= AUTHOR_NAMES.length ? ` ${i}` : ''),
        role: 'reviewer',
        password: `bench-password-${tag}-${i}`,
      }),
    );
  }
  return users;
}

export function insertArticle(db: Db, owner: Viewer, article: GeneratedArticle, title: string): number {
  const created = createArticle(db, owner, article.doc, { title, byline: 'Benchmark desk', publisher: 'Factmark bench' });
  if (!created.ok) throw new Error(`createArticle: ${created.error.message}`);
  return created.value.id;
}

/** Stores annotations with createAnnotation (one history event each, as the API does), all in one transaction. */
export function insertAnnotations(db: Db, authors: Viewer[], articleId: number, article: GeneratedArticle, specs: AnnotationSpec[]): void {
  db.transaction(() => {
    for (const spec of specs) {
      const created = createAnnotation(db, authors[spec.author % authors.length], articleId, {
        start: spec.start,
        end: spec.end,
        status: spec.status,
        note: spec.note,
        sources: spec.sources,
        ...article.index.quote(spec.start, spec.end),
      });
      if (!created.ok) throw new Error(`createAnnotation: ${created.error.message}`);
    }
  });
}
