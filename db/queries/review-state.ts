// The review state's automatic moves, shared by every write that causes one: the first verdict
// puts an open article in review, and a new revision, a new, changed or deleted verdict, or a
// reply that asks for it reopens a signed-off one. Called inside the causing write's transaction,
// so the state and its history event commit (or roll back) with it.
import { eq, sql } from 'drizzle-orm';
import type { ReopenCause, ReviewEventType } from '../../lib/review/types';
import type { Tx } from '../client';
import { prepared } from '../prepared';
import { articleEvents, articles } from '../schema';

export function recordArticleEvent(tx: Tx, articleId: number, actorId: number, type: ReviewEventType, detail: unknown, at: Date) {
  tx.insert(articleEvents)
    .values({ articleId, actorId, type, detail: detail ?? null, createdAt: at })
    .run();
}

const reviewStateOf = prepared((db) =>
  db
    .select({ state: articles.reviewState })
    .from(articles)
    .where(eq(articles.id, sql.placeholder('articleId')))
    .prepare(),
);

/** Moves an open article to in_review, or reopens a signed-off one, because of `cause`. */
export function noteReviewActivity(tx: Tx, articleId: number, actorId: number, cause: ReopenCause, at: Date) {
  // Every verdict write asks this, and it is nearly always already in_review.
  const row = reviewStateOf(tx).get({ articleId });
  if (!row || row.state === 'in_review') return;
  // A new version of an article nobody is checking yet does not start its review.
  if (row.state === 'open' && cause === 'revision') return;
  tx.update(articles)
    .set({ reviewState: 'in_review', signedOffBy: null, signedOffAt: null, signOffReason: null, signOffOverridden: null })
    .where(eq(articles.id, articleId))
    .run();
  recordArticleEvent(tx, articleId, actorId, row.state === 'open' ? 'review_started' : 'reopened', { cause }, at);
}
