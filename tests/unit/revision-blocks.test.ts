// The changes view's paragraphs: breaks from either revision split them, runs of unchanged
// paragraphs fold away, and the summary counts what a reader sees marked.
import { describe, expect, it } from 'vitest';
import { diffBlocks, diffStats, groupUnchanged, type DiffPiece } from '@/components/revision-blocks';

const text = (blocks: ReturnType<typeof diffBlocks>) => blocks.map((b) => b.pieces.map((p) => (p.op === 'equal' ? p.text : `${p.op === 'insert' ? '+' : '-'}[${p.text}]`)).join(''));

describe('diffBlocks', () => {
  it('starts a paragraph at every separator, kept, inserted or deleted', () => {
    const diff: DiffPiece[] = [
      { op: 'equal', text: 'One.\n\nTwo is ' },
      { op: 'delete', text: 'old' },
      { op: 'insert', text: 'new.\n\nA new paragraph' },
      { op: 'equal', text: '.\n\nThree.' },
      { op: 'delete', text: '\n\nGone.' },
    ];
    const blocks = diffBlocks(diff);
    expect(text(blocks)).toEqual(['One.', 'Two is -[old]+[new.]', '+[A new paragraph].', 'Three.', '-[Gone.]']);
    // Wholly new or removed paragraphs need no separate break mark.
    expect(blocks.map((b) => b.breakBefore)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('marks a break that joins or splits paragraphs, even when the diff splits the separator', () => {
    expect(diffBlocks([{ op: 'equal', text: 'One.' }, { op: 'delete', text: '\n\n' }, { op: 'insert', text: ' ' }, { op: 'equal', text: 'Two.' }]).map((b) => b.breakBefore)).toEqual([undefined, 'delete']);
    const split = diffBlocks([{ op: 'equal', text: 'A\n' }, { op: 'insert', text: '\nB\n' }, { op: 'equal', text: '\nC' }]);
    expect(text(split)).toEqual(['A', '+[B]', 'C']);
  });
});

describe('groupUnchanged', () => {
  const blocks = diffBlocks([{ op: 'equal', text: 'P1\n\nP2\n\nP3\n\nP4 ' }, { op: 'insert', text: 'x' }, { op: 'equal', text: '\n\nP5\n\nP6\n\nP7\n\nP8\n\nP9 ' }, { op: 'delete', text: 'y' }, { op: 'equal', text: '\n\nP10' }]);
  it('folds long unchanged runs, keeping one paragraph beside each change', () => {
    const rows = groupUnchanged(blocks).map((r) => (r.kind === 'block' ? r.index : r.blocks.map((b) => b.index)));
    expect(rows).toEqual([[0, 1], 2, 3, 4, [5, 6], 7, 8, 9]);
  });
  it('shows short runs in full', () => {
    expect(groupUnchanged(blocks, 1, 4).every((r) => r.kind === 'block')).toBe(true);
  });
});

describe('diffStats', () => {
  it('counts insertions, deletions and their words', () => {
    expect(diffStats([{ op: 'equal', text: 'a ' }, { op: 'insert', text: 'two new' }, { op: 'delete', text: 'Assad’s' }, { op: 'delete', text: ' ' }])).toEqual({ insertions: 1, deletions: 2, insertedWords: 2, deletedWords: 1 });
  });
});
