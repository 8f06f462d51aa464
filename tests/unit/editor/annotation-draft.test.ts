// The details form's drafts: what a save sends, and "Apply my change again" after someone else
// saved first (a three-way merge that must keep both reviewers' work).
import { describe, expect, it } from 'vitest';
import { describeChanges, mergeDrafts, patchBetween, type Draft } from '@/components/annotation-draft';

const src = (url: string, title = '') => ({ url, title });
const base: Draft = { status: 'disputed', note: 'One analyst only.', sources: [src('https://example.org/a', 'A')] };

describe('patchBetween', () => {
  it('sends only the fields the reviewer changed, sources cleaned', () => {
    expect(patchBetween(base, { ...base, note: 'Two analysts.' })).toEqual({ note: 'Two analysts.' });
    expect(patchBetween(base, { ...base, sources: [...base.sources, src('  https://example.org/b  ', ' ')] })).toEqual({
      sources: [
        { url: 'https://example.org/a', title: 'A' },
        { url: 'https://example.org/b', title: null },
      ],
    });
    // A blank row added and left empty is no change.
    expect(patchBetween(base, { ...base, sources: [...base.sources, src('')] })).toEqual({});
  });
});

describe('mergeDrafts', () => {
  it('keeps a source they added when the reviewer edits the note and adds a source of their own', () => {
    const theirs: Draft = { ...base, sources: [...base.sources, src('https://example.org/admin', 'Admin')] };
    const mine: Draft = { ...base, note: 'Confirmed by a second analyst.', sources: [...base.sources, src('https://example.org/mine', 'Mine')] };
    const merged = mergeDrafts(base, mine, theirs);
    expect(merged.note).toBe('Confirmed by a second analyst.');
    expect(merged.sources.map((s) => s.url)).toEqual(['https://example.org/a', 'https://example.org/admin', 'https://example.org/mine']);
    expect(patchBetween(theirs, merged)).toEqual({
      note: 'Confirmed by a second analyst.',
      sources: [
        { url: 'https://example.org/a', title: 'A' },
        { url: 'https://example.org/admin', title: 'Admin' },
        { url: 'https://example.org/mine', title: 'Mine' },
      ],
    });
  });

  it('leaves their status and note alone when the reviewer did not touch them; the reviewer wins where both did', () => {
    const theirs: Draft = { ...base, status: 'verified', note: 'Their note.' };
    expect(mergeDrafts(base, { ...base, sources: [] }, theirs)).toEqual({ status: 'verified', note: 'Their note.', sources: [] });
    expect(mergeDrafts(base, { ...base, note: 'My note.' }, theirs)).toMatchObject({ status: 'verified', note: 'My note.' });
  });

  it('applies the reviewer removing a source and retitling another over their added one', () => {
    const two: Draft = { ...base, sources: [src('https://example.org/a', 'A'), src('https://example.org/b', 'B')] };
    const theirs: Draft = { ...two, sources: [...two.sources, src('https://example.org/c', 'C')] };
    const mine: Draft = { ...two, sources: [src('https://example.org/b', 'B, page 4')] };
    expect(mergeDrafts(two, mine, theirs).sources).toEqual([src('https://example.org/b', 'B, page 4'), src('https://example.org/c', 'C')]);
  });
});

describe('describeChanges', () => {
  it('names each change in words', () => {
    const after: Draft = { status: 'verified', note: '', sources: [src('https://example.org/b')] };
    expect(describeChanges(base, after)).toEqual([
      'status Disputed → Verified',
      'note cleared (was “One analyst only.”)',
      'added the source https://example.org/b',
      'removed the source https://example.org/a',
    ]);
    expect(describeChanges(base, base)).toEqual([]);
  });
});
