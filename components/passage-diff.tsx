'use client';
// An edited passage before and after a revision, side by side, with what changed marked: deleted
// words in the old text, inserted words in the new. The diff is lib/revisions/diff.ts's, the one
// the Changes view uses.
import { useMemo } from 'react';
import { diffPassage } from '@/lib/revisions/diff';

interface Props {
  before: string;
  after: string;
  /** The revision `before` was read in, for its heading. */
  beforeRevision?: number;
  afterRevision: number;
}

export function PassageDiff({ before, after, beforeRevision, afterRevision }: Props) {
  const segments = useMemo(() => diffPassage(before, after), [before, after]);
  return (
    <div className="passage-diff" data-testid="passage-diff">
      <figure>
        <figcaption className="small muted">Before{beforeRevision ? ` (revision ${beforeRevision})` : ''}</figcaption>
        <blockquote data-testid="passage-before">
          {segments.map((s, i) => (s.op === 'equal' ? <span key={i}>{s.text}</span> : s.op === 'delete' ? <del key={i}>{s.text}</del> : null))}
        </blockquote>
      </figure>
      <figure>
        <figcaption className="small muted">Now (revision {afterRevision})</figcaption>
        <blockquote data-testid="passage-after">
          {segments.map((s, i) => (s.op === 'equal' ? <span key={i}>{s.text}</span> : s.op === 'insert' ? <ins key={i}>{s.text}</ins> : null))}
        </blockquote>
      </figure>
    </div>
  );
}
