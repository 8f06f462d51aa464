// Revisions of an article and how its annotations were carried to each: the facts every layer
// (the carry, the database, the API, the editor, the reports) shares, written once here.
import type { TextDirection } from '../document/direction';

/** How an annotation's passage fared when it was carried to its current revision. */
export const ANCHOR_STATES = ['unchanged', 'moved', 'changed', 'removed'] as const;
export type AnchorState = (typeof ANCHOR_STATES)[number];

/** What each state means to a reviewer, for the sidebar, the details panel and the reports. */
export const ANCHOR_STATE_LABEL: Record<AnchorState, string> = {
  unchanged: 'Unchanged',
  moved: 'Moved',
  changed: 'Needs re-check',
  removed: 'Removed',
};

/**
 * A passage is **removed** when fewer than this share of its characters survive into the new
 * revision (in one piece of text that was carried over, not inserted): below half, what is left
 * is more new text than the words the verdict was made on.
 */
export const REMOVED_BELOW_SHARE = 0.5;

/** How a revision arrived: pasted (text, Markdown, HTML in the request), an uploaded file, or fetched from a URL. */
export const REVISION_SOURCES = ['paste', 'upload', 'url'] as const;
export type RevisionSource = (typeof REVISION_SOURCES)[number];

/** Counts of annotations per outcome when a revision was added. */
export type CarrySummary = Record<AnchorState, number>;

export interface RevisionDto {
  number: number;
  /** ISO 8601, UTC. */
  createdAt: string;
  createdBy: { id: number; name: string };
  source: RevisionSource;
  /** SHA-256 (hex) of the canonical text. */
  contentHash: string;
  title: string;
  byline: string | null;
  publisher: string | null;
  publishedAt: string | null;
  /** Length of the canonical text in code points. */
  textLength: number;
  /** What happened to the annotations when this revision arrived; null for revision 1. */
  carried: CarrySummary | null;
  /** The revision's language (BCP 47 tag, null when unknown) and base direction. */
  lang: string | null;
  dir: TextDirection;
}

export interface RevisionDetailDto extends RevisionDto {
  doc: unknown;
  plainText: string;
}
