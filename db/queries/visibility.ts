// Who may see which verdicts while an independent second check is pending: the second reviewer
// sees only the verdicts they make for it (rows marked `blind`), everyone else sees only the
// others. The rule is SQL, so every read path (list, changes-since, single reads, history,
// reports) applies it in its WHERE clause rather than filtering afterwards.
import { and, eq, isNull, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Viewer } from '../../lib/viewer';
import type { Db, Tx } from '../client';
import { prepared } from '../prepared';
import { annotations, secondChecks } from '../schema';

const pendingSecondCheck = prepared((db) =>
  db
    .select({ id: secondChecks.id })
    .from(secondChecks)
    .where(and(eq(secondChecks.articleId, sql.placeholder('articleId')), eq(secondChecks.reviewerId, sql.placeholder('viewerId')), isNull(secondChecks.doneAt)))
    .prepare(),
);

/** True when the viewer is the pending second reviewer of the article. */
export function isBlindReviewer(db: Db | Tx, viewer: Pick<Viewer, 'id'>, articleId: number): boolean {
  return pendingSecondCheck(db).get({ articleId, viewerId: viewer.id }) !== undefined;
}

/** The annotations of one article the viewer may see (`blind` answered once for the article). */
export function visibleInArticle(db: Db | Tx, viewer: Pick<Viewer, 'id'>, articleId: number): SQL {
  return eq(annotations.blind, isBlindReviewer(db, viewer, articleId));
}

/**
 * visibleInArticle in a prepared query: the placeholder `blind`, bound with blindParam. (A
 * placeholder in a WHERE clause is bound as given, and SQLite takes 0/1, not a boolean.)
 */
export const visibleInArticlePrepared: SQL = eq(annotations.blind, sql.placeholder('blind'));

export function blindParam(db: Db | Tx, viewer: Pick<Viewer, 'id'>, articleId: number): 0 | 1 {
  return isBlindReviewer(db, viewer, articleId) ? 1 : 0;
}

/** The annotations the viewer may see, for reads by annotation id (the article is found per row; a prepared query names the viewer by placeholder). */
export function visibleTo(viewer: { id: number | Placeholder }): SQL {
  return sql`${annotations.blind} = exists (select 1 from ${secondChecks} where ${secondChecks.articleId} = ${annotations.articleId} and ${secondChecks.reviewerId} = ${viewer.id} and ${secondChecks.doneAt} is null)`;
}
