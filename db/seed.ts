// Demo content: the sample article the product was specified with, a demo reviewer and a demo
// admin. Their built-in passwords are published (README), so a production start seeds them only
// with FACTMARK_DEMO=1 and a password of the operator's own (db/startup.ts).
import fs from 'node:fs';
import path from 'node:path';
import { docFromText } from '../lib/import/text';
import type { Db } from './client';
import { createArticle, findArticleBySlug } from './queries/articles';
import { createUser, findUserByEmail, setUserPassword, verifyCredentials } from './queries/users';

export const DEMO_REVIEWER = { email: 'demo@factmark.test', name: 'Dana Demo', password: 'factmark-demo', role: 'reviewer' } as const;
export const DEMO_ADMIN = { email: 'editor@factmark.test', name: 'Eli Editor', password: 'factmark-editor', role: 'admin' } as const;
export const SAMPLE_SLUG = 'syrian-rebels-seize-aleppo-airport';

export function sampleArticleText(): string {
  return fs.readFileSync(path.join(process.cwd(), 'content', 'sample-article.txt'), 'utf8');
}

/**
 * Creates the demo accounts and the sample article when they are missing. Idempotent. With a
 * `password`, both accounts use it instead of the published ones — also when they already exist.
 */
export async function seedDemo(db: Db, password?: string): Promise<void> {
  for (const account of [DEMO_REVIEWER, DEMO_ADMIN]) {
    const existing = findUserByEmail(db, account.email);
    if (!existing) {
      const created = await createUser(db, { ...account, password: password ?? account.password });
      if (!created.ok) throw new Error(created.error.message);
    } else if (password !== undefined && !(await verifyCredentials(db, account.email, password))) {
      const changed = await setUserPassword(db, account.email, password);
      if (!changed.ok) throw new Error(changed.error.message);
    }
  }
  if (!findArticleBySlug(db, SAMPLE_SLUG)) {
    const admin = findUserByEmail(db, DEMO_ADMIN.email)!;
    const result = createArticle(db, { id: admin.id, name: admin.name, email: admin.email, role: admin.role }, docFromText(sampleArticleText()), {
      title: 'Syrian rebels seize Aleppo’s military airport in a blow to Assad and Moscow',
      publisher: 'Sample news desk',
      byline: 'Staff reporter',
      publishedAt: '2024-11-30',
      slug: SAMPLE_SLUG,
    });
    if (!result.ok) throw new Error(result.error.message);
  }
}
