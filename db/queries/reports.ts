// Everything a report is built from, read in a fixed number of queries whatever the size:
// the article (its current revision's text, document, language and direction), its live annotations (filtered like the sidebar, and blind-filtered for a pending
// second reviewer), their histories and replies (read only for those annotations), and the review.
import type { Status } from '../../lib/annotations/status';
import { fail, ok, type Result } from '../../lib/errors';
import type { ReportInput } from '../../lib/report/model';
import type { Viewer } from '../../lib/viewer';
import type { Db } from '../client';
import { listAnnotations, listEventsFor } from './annotations';
import { getArticle } from './articles';
import { listRepliesFor } from './replies';
import { getReviewSummary } from './review';

export interface ReportFilters {
  /** Any of these statuses, as the sidebar's status chips select them. */
  statuses?: Status[];
  reviewer?: number;
}

export function loadReportInput(db: Db, viewer: Viewer, articleId: number, filters: ReportFilters, appUrl: string): Result<ReportInput> {
  const article = getArticle(db, viewer, articleId);
  if (!article.ok) return article;
  const annotations = listAnnotations(db, viewer, articleId, { statuses: filters.statuses, authorId: filters.reviewer });
  if (!annotations.ok) return fail(annotations.error.code, annotations.error.message);
  const { id, slug, title, byline, sourceUrl, publisher, publishedAt, plainText, revision, revisedAt, lang, dir, doc } = article.value;
  const ids = annotations.value.map((a) => a.id);
  return ok({
    article: { id, slug, title, byline, sourceUrl, publisher, publishedAt, plainText, revision, revisedAt, lang, dir, doc },
    annotations: annotations.value,
    history: listEventsFor(db, ids),
    // Only threads that have replies are read (most verdicts have none).
    replies: listRepliesFor(db, viewer, annotations.value.filter((a) => a.replyCount > 0).map((a) => a.id)),
    review: getReviewSummary(db, viewer, articleId),
    exportedBy: { id: viewer.id, name: viewer.name },
    exportedAt: new Date(),
    appUrl,
    filters,
  });
}
