// A reply in an annotation's thread, as the API, the details panel and the report builders see it.
// Plain text, at most MAX_REPLY_LENGTH code points after trimming; the limit and the DTO live here once.
import type { AnnotationAuthor } from '../annotations/types';

/** Code points a reply may have after trimming (the note's limit, MAX_NOTE_LENGTH, is the same). */
export const MAX_REPLY_LENGTH = 10_000;

export interface ReplyDto {
  id: number;
  annotationId: number;
  /** Plain text: shown with white-space kept, never as markup. */
  body: string;
  author: AnnotationAuthor;
  /** ISO 8601, UTC. */
  createdAt: string;
  updatedAt: string;
  /** Bumped by every edit: send it back (If-Match or `version`) so a stale edit is refused, not lost. */
  version: number;
  /** The reply asked for the signed-off article to go back to review. */
  reopens: boolean;
}

/** "1 reply", "2 replies": the sidebar card and the details panel say it the same way. */
export function replyCountText(count: number): string {
  return count === 1 ? '1 reply' : `${count.toLocaleString('en')} replies`;
}
