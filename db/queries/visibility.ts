// Who may see which verdicts while an independent second check is pending: the second reviewer
// sees only the verdicts they make for it (rows marked `blind`), everyone else sees only the
// others. The rule is SQL, so every read path (list, changes-since, single reads, history,
// reports) applies it in its WHERE clause rather than filtering afterwards.
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Viewer } from '../../lib/viewer';
import type { Db, Tx } from '../client';
import { annotations, secondChecks } from '../schema';

/** True when the viewer is the pending second reviewer of the article. */
export function isBlindReviewer(db: Db | Tx, viewer: Pick<Viewer, 'id'>, articleId: number): boolean {
  return (
    db
      .select({ id: secondChecks.id })
      .from(secondChecks)
      .where(and(eq(secondChecks.articleId, articleId), eq(secondChecks.reviewerId, viewer.id), isNull(secondChecks.doneAt)))
      .get() !== undefined
  );
}

/** The annotations of one article the viewer may see (`blind` answered once for the article). */
export function visibleInArticle(db: Db | Tx, viewer: Pick<Viewer, 'id'>, articleId: number): SQL {
  return eq(annotations.blind, isBlindReviewer(db, viewer, articleId));
}

/** The annotations the viewer may see, for reads by annotation id (the article is found per row). */
export function visibleTo(viewer: Pick<Viewer, 'id'>): SQL {
  return sql`${annotations.blind} = exists (select 1 from ${secondChecks} where ${secondChecks.articleId} = ${annotations.articleId} and ${secondChecks.reviewerId} = ${viewer.id} and ${secondChecks.doneAt} is null)`;
}
