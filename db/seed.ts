// Demo content for development: the sample article the product was specified with and a demo
// reviewer. Never run by a production start.
import fs from 'node:fs';
import path from 'node:path';
import { docFromText } from '../lib/import/text';
import type { Db } from './client';
import { createArticle, findArticleBySlug } from './queries/articles';
import { createUser, findUserByEmail } from './queries/users';

export const DEMO_REVIEWER = { email: 'demo@factmark.test', name: 'Dana Demo', password: 'factmark-demo', role: 'reviewer' } as const;
export const DEMO_ADMIN = { email: 'editor@factmark.test', name: 'Eli Editor', password: 'factmark-editor', role: 'admin' } as const;
export const SAMPLE_SLUG = 'syrian-rebels-seize-aleppo-airport';

export function sampleArticleText(): string {
  return fs.readFileSync(path.join(process.cwd(), 'content', 'sample-article.txt'), 'utf8');
}

/** Creates the demo accounts and the sample article when they are missing. Idempotent. */
export async function seedDemo(db: Db): Promise<void> {
  for (const account of [DEMO_REVIEWER, DEMO_ADMIN]) {
    if (!findUserByEmail(db, account.email)) {
      const created = await createUser(db, account);
      if (!created.ok) throw new Error(created.error.message);
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
