// The annotation as the API, the editor and the report builders see it (a DTO, never a raw row).
import type { AnchorState } from '../revisions/types';
import type { Status } from './status';

export interface AnnotationSource {
  url: string;
  title: string | null;
}

export interface AnnotationAuthor {
  id: number;
  name: string;
}

export interface AnnotationDto {
  id: number;
  articleId: number;
  status: Status;
  /**
   * TextPositionSelector: code-point offsets into the canonical text of `anchor.revision` (the
   * article's current revision); null when the passage was removed by a revision.
   */
  start: number | null;
  end: number | null;
  /** TextQuoteSelector: the passage as it reads in the current revision (the old text when removed). */
  exact: string;
  prefix: string;
  suffix: string;
  note: string;
  sources: AnnotationSource[];
  author: AnnotationAuthor;
  /** ISO 8601, UTC. */
  createdAt: string;
  updatedAt: string;
  /** Bumped by every change: send it back (If-Match or `version`) so a stale edit is refused, not lost. */
  version: number;
  anchor: AnnotationAnchor;
  /** Live replies in its thread. */
  replyCount: number;
  /** Made for an independent second check (lib/review). */
  secondCheck: boolean;
}

/** Where the annotation stands after the article's revisions (lib/revisions/carry.ts). */
export interface AnnotationAnchor {
  /** The revision the offsets refer to (the article's current one). */
  revision: number;
  /**
   * `changed` is a stale verdict: painted as "needs re-check" until a reviewer re-confirms it;
   * `removed` is never painted. Both stay until re-confirmed, re-attached or deleted.
   */
  state: AnchorState;
  /** The passage as it read before the revision that moved, changed or removed it. */
  previousExact?: string;
  /** The revision `previousExact` was read in. */
  previousRevision?: number;
}

/** Every kind of event in an annotation's history, defined once (the database enum too). */
export const EVENT_TYPES = ['created', 'status_changed', 'note_edited', 'source_added', 'source_removed', 'sources_reordered', 'deleted', 'reanchored', 'reconfirmed', 'reply_added', 'reply_edited', 'reply_deleted', 'adjudicated'] as const;
export type AnnotationEventType = (typeof EVENT_TYPES)[number];

export interface AnnotationEventDto {
  id: number;
  annotationId: number;
  type: AnnotationEventType;
  actor: AnnotationAuthor;
  from: string | null;
  to: string | null;
  createdAt: string;
}
