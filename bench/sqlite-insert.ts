// The floor under POST latency, measured in this process in the same run: a separate SQLite file
// (same schema and pragmas, via openDatabase) holding the same article and annotations, then per
// new annotation, round-robin so noise hits all three alike:
//   - a raw prepared INSERT into annotations (autocommit), for reference;
//   - createAnnotation: the transaction the route runs (row + history event), plus its read-back;
//   - the route's work without HTTP: read the article text, check the input, createAnnotation.
import path from 'node:path';
import { openDatabase } from '../db/client';
import { createAnnotation } from '../db/queries/annotations';
import { getArticleText } from '../db/queries/articles';
import { checkNewAnnotation } from '../lib/annotations/input';
import { CanonicalText } from '../lib/document/canonical-text';
import type { AnnotationSpec, GeneratedArticle } from './generate';
import type { PostBody } from './post-load';
import { createUsers, insertAnnotations, insertArticle } from './seed';

export interface InsertTimings {
  rawInsert: number[];
  createAnnotation: number[];
  routeWork: number[];
}

export async function measureSqliteInserts(dir: string, article: GeneratedArticle, existing: AnnotationSpec[], bodies: PostBody[], samples: number): Promise<InsertTimings> {
  const handle = openDatabase(path.join(dir, 'baseline.db'));
  try {
    const { db, sqlite } = handle;
    const authors = await createUsers(db, 2, 'baseline');
    const viewer = authors[0];
    const articleId = insertArticle(db, viewer, article, 'Baseline article');
    insertAnnotations(db, authors, articleId, article, existing);
    const raw = sqlite.prepare(
      'INSERT INTO annotations (article_id, author_id, status, start, "end", exact, prefix, suffix, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const timings: InsertTimings = { rawInsert: [], createAnnotation: [], routeWork: [] };
    const warmup = Math.min(100, samples);
    for (let i = 0; i < warmup + samples; i++) {
      const body = bodies[i % bodies.length];
      const quote = article.index.quote(body.start, body.end);
      const record = i >= warmup;

      let t = performance.now();
      const now = Date.now();
      raw.run(articleId, viewer.id, body.status, body.start, body.end, quote.exact, quote.prefix, quote.suffix, '', now, now);
      if (record) timings.rawInsert.push(performance.now() - t);

      t = performance.now();
      const created = createAnnotation(db, viewer, articleId, { ...body, ...quote, note: '', sources: [] });
      if (record) timings.createAnnotation.push(performance.now() - t);
      if (!created.ok) throw new Error(`createAnnotation: ${created.error.message}`);

      t = performance.now();
      const text = getArticleText(db, viewer, articleId);
      if (text === undefined) throw new Error('baseline article missing');
      const checked = checkNewAnnotation(new CanonicalText(text), body);
      if (!checked.ok) throw new Error(`checkNewAnnotation: ${checked.error.message}`);
      const routed = createAnnotation(db, viewer, articleId, checked.value);
      if (record) timings.routeWork.push(performance.now() - t);
      if (!routed.ok) throw new Error(`createAnnotation: ${routed.error.message}`);
    }
    return timings;
  } finally {
    handle.sqlite.close();
  }
}
