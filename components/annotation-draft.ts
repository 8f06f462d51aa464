// The details panel's form as data: a draft of an annotation's status, note and sources, the
// patch between two drafts, and the three-way merge behind "Apply my change again" — the
// reviewer's change (from what they started from to what they typed) laid over the version
// another reviewer saved meanwhile. Pure, so it is unit-tested without a browser.
import type { AnnotationSource } from '@/lib/annotations/types';
import { STATUS_LABEL, type Status } from '@/lib/annotations/status';

export interface Draft {
  status: Status;
  note: string;
  /** As typed: rows may be blank or padded until they are sent. */
  sources: { url: string; title: string }[];
}

export interface AnnotationPatch {
  status?: Status;
  note?: string;
  sources?: AnnotationSource[];
}

export const draftOf = (a: { status: Status; note: string; sources: AnnotationSource[] }): Draft => ({
  status: a.status,
  note: a.note,
  sources: a.sources.map((s) => ({ url: s.url, title: s.title ?? '' })),
});

export const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

/** The sources as they would be stored: trimmed, blank rows dropped, an empty title as null. */
export function cleanSources(sources: Draft['sources']): AnnotationSource[] {
  return sources.filter((s) => s.url.trim()).map((s) => ({ url: s.url.trim(), title: s.title.trim() || null }));
}

const sameSources = (a: AnnotationSource[], b: AnnotationSource[]) => JSON.stringify(a) === JSON.stringify(b);

/** The fields `to` changes relative to `from` (nothing else is sent, so nothing else is overwritten). */
export function patchBetween(from: Draft, to: Draft): AnnotationPatch {
  const patch: AnnotationPatch = {};
  if (to.status !== from.status) patch.status = to.status;
  if (to.note !== from.note) patch.note = to.note;
  const after = cleanSources(to.sources);
  if (!sameSources(cleanSources(from.sources), after)) patch.sources = after;
  return patch;
}

export const isEmptyPatch = (p: AnnotationPatch) => p.status === undefined && p.note === undefined && p.sources === undefined;

/**
 * `mine` (edited from `base`) laid over `theirs` (saved from `base` by someone else): a field the
 * reviewer did not touch keeps their value; a status or note both changed takes the reviewer's
 * (they chose to apply it, having seen theirs). Sources merge by URL: theirs stay unless the
 * reviewer removed them (a title the reviewer edited wins), and the reviewer's new ones follow.
 */
export function mergeDrafts(base: Draft, mine: Draft, theirs: Draft): Draft {
  const b = cleanSources(base.sources);
  const m = cleanSources(mine.sources);
  const t = cleanSources(theirs.sources);
  let sources: AnnotationSource[];
  if (sameSources(b, m)) sources = t;
  else if (sameSources(b, t)) sources = m;
  else {
    const baseBy = new Map(b.map((s) => [s.url, s]));
    const mineBy = new Map(m.map((s) => [s.url, s]));
    sources = [];
    for (const s of t) {
      const was = baseBy.get(s.url);
      const now = mineBy.get(s.url);
      if (was && !now) continue;
      sources.push(was && now && now.title !== was.title ? now : s);
    }
    for (const s of m) if (!baseBy.has(s.url) && !sources.some((x) => x.url === s.url)) sources.push(s);
  }
  return {
    status: mine.status !== base.status ? mine.status : theirs.status,
    note: mine.note !== base.note ? mine.note : theirs.note,
    sources: sources.map((s) => ({ url: s.url, title: s.title ?? '' })),
  };
}

const quote = (s: string) => (s ? `“${s.length > 120 ? `${s.slice(0, 120)}…` : s}”` : 'an empty note');

/** What changed from `from` to `to`, one line each, in words a reviewer reads. */
export function describeChanges(from: Draft, to: Draft): string[] {
  const lines: string[] = [];
  if (to.status !== from.status) lines.push(`status ${STATUS_LABEL[from.status]} → ${STATUS_LABEL[to.status]}`);
  if (to.note !== from.note) lines.push(to.note ? `note ${quote(to.note)} (was ${quote(from.note)})` : `note cleared (was ${quote(from.note)})`);
  const before = cleanSources(from.sources);
  const after = cleanSources(to.sources);
  const beforeBy = new Map(before.map((s) => [s.url, s]));
  const afterUrls = new Set(after.map((s) => s.url));
  for (const s of after) {
    const was = beforeBy.get(s.url);
    if (!was) lines.push(`added the source ${s.title ? `${s.title} <${s.url}>` : s.url}`);
    else if (was.title !== s.title) lines.push(`retitled the source ${s.url} “${s.title ?? ''}”`);
  }
  for (const s of before) if (!afterUrls.has(s.url)) lines.push(`removed the source ${s.url}`);
  if (lines.length === 0 && !sameSources(before, after)) lines.push('reordered the sources');
  return lines;
}
