// The annotation as the API, the editor and the report builders see it (a DTO, never a raw row).
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
  /** TextPositionSelector: code-point offsets into the article's canonical text. */
  start: number;
  end: number;
  /** TextQuoteSelector. */
  exact: string;
  prefix: string;
  suffix: string;
  note: string;
  sources: AnnotationSource[];
  author: AnnotationAuthor;
  /** ISO 8601, UTC. */
  createdAt: string;
  updatedAt: string;
}

export type AnnotationEventType = 'created' | 'status_changed' | 'note_edited' | 'source_added' | 'source_removed' | 'deleted';

export interface AnnotationEventDto {
  id: number;
  annotationId: number;
  type: AnnotationEventType;
  actor: AnnotationAuthor;
  from: string | null;
  to: string | null;
  createdAt: string;
}
