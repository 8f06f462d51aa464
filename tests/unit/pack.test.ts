import { describe, expect, it } from 'vitest';
import { isoTime, packableFromDto, packAnnotations, unpackAnnotations } from '@/lib/annotations/pack';
import type { AnnotationDto } from '@/lib/annotations/types';
import { CanonicalText } from '@/lib/document/canonical-text';

const text = new CanonicalText('Officials said “40 percent” 😀 of the water comes from the dam. Critics disagree strongly.');

function ann(id: number, passage: string, authorId: number, extra: Partial<AnnotationDto> = {}): AnnotationDto {
  const start = text.offsetFromUnit(text.text.indexOf(passage));
  const end = start + [...passage].length;
  return {
    id,
    articleId: 4,
    status: 'disputed',
    start,
    end,
    ...text.quote(start, end),
    note: 'line one\nline two',
    replyCount: 0,
    secondCheck: false,
    sources: [{ url: 'https://example.org/a', title: null }],
    author: { id: authorId, name: `Author ${authorId}` },
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:05:00.123Z',
    version: 1,
    anchor: { revision: 1, state: 'unchanged' },
    ...extra,
  };
}

describe('packAnnotations', () => {
  it('round-trips annotations, each author once, quotes read back from the text', () => {
    const list = [ann(1, '“40 percent” 😀', 7), ann(2, 'Critics disagree', 8, { status: 'needs_source', sources: [] }), ann(3, 'the dam', 7, { status: 'verified' })];
    const packed = packAnnotations(4, 1, text, list.map(packableFromDto));
    expect(packed.authors).toEqual([
      [7, 'Author 7'],
      [8, 'Author 8'],
    ]);
    // Every quote matches the text and every anchor is plain: neither travels.
    expect([packed.quotes, packed.anchors]).toEqual([[], []]);
    expect(unpackAnnotations(packed, text)).toEqual(list);
  });

  it('sends a quote that does not match the text in full, so it is never painted on other words', () => {
    const stale = ann(5, 'the dam', 7, { exact: 'the reservoir', prefix: 'comes from ', suffix: '. Critics' });
    const packed = packAnnotations(4, 1, text, [packableFromDto(stale)]);
    expect(packed.quotes).toEqual([[0, 'the reservoir', 'comes from ', '. Critics']]);
    expect(unpackAnnotations(packed, text)[0]).toMatchObject({ exact: 'the reservoir', prefix: 'comes from ', suffix: '. Critics' });
  });

  it('is much smaller than the objects for many annotations', () => {
    const list = Array.from({ length: 1000 }, (_, i) => ann(i + 1, 'Critics disagree strongly', (i % 5) + 1));
    expect(JSON.stringify(packAnnotations(4, 1, text, list.map(packableFromDto))).length).toBeLessThan(JSON.stringify(list).length * 0.4);
  });
});

describe('packAnnotations and revisions', () => {
  it('round-trips moved, stale and removed anchors; a removed passage has no offsets and keeps its old quote', () => {
    const moved = ann(1, 'Critics disagree', 7, { anchor: { revision: 3, state: 'moved', previousExact: 'Critics disagree', previousRevision: 2 } });
    const stale = ann(2, 'the dam', 7, { anchor: { revision: 3, state: 'changed', previousExact: 'the old dam', previousRevision: 1 } });
    const removed = { ...ann(3, 'the dam', 8), start: null, end: null, exact: 'a passage gone', prefix: 'before ', suffix: ' after', anchor: { revision: 3, state: 'removed', previousExact: 'a passage gone', previousRevision: 2 } } satisfies AnnotationDto;
    const plain = { ...ann(4, 'Officials said', 8), anchor: { revision: 3, state: 'unchanged' } } satisfies AnnotationDto;
    const packed = packAnnotations(4, 3, text, [moved, stale, removed, plain].map(packableFromDto));
    expect(packed.anchors.map(([at]) => at)).toEqual([0, 1, 2]);
    // Only the removed passage's quote travels, and it sends no offsets.
    expect(packed.quotes.map(([at]) => at)).toEqual([2]);
    expect([packed.starts[2], packed.lengths[2]]).toEqual([0, 0]);
    expect(unpackAnnotations(packed, text)).toEqual([moved, stale, removed, plain]);
  });
});

describe('packAnnotations at scale', () => {
  it('round-trips ids, offsets and times given in any order, with notes, sources and versions on some', () => {
    const passages = ['Officials said', 'the water', 'the dam', 'Critics disagree', 'strongly', '😀 of the'];
    const base = Date.parse('2026-11-25T23:59:58.000Z');
    const list = Array.from({ length: 40 }, (_, i) =>
      ann((i * 37) % 101, passages[i % passages.length], (i % 3) + 1, {
        status: (['verified', 'disputed', 'needs_source'] as const)[i % 3],
        note: i % 4 === 0 ? `note ${i}` : '',
        sources: i % 5 === 0 ? [{ url: `https://example.org/${i}`, title: i % 2 ? 'Title' : null }] : [],
        createdAt: new Date(base + ((i * 7919) % 5000) - 2500).toISOString(),
        updatedAt: new Date(base + ((i * 7919) % 5000) + (i % 2) * 86_400_123).toISOString(),
        version: 1 + (i % 3),
        replyCount: i % 6 === 0 ? 2 : 0,
        secondCheck: i % 7 === 0,
      }),
    );
    const packed = packAnnotations(4, 1, text, list.map(packableFromDto));
    expect(packed.notes).toHaveLength(10);
    expect(unpackAnnotations(packed, text)).toEqual(list);
  });

  it('formats times exactly as Date.toISOString does', () => {
    const samples = [0, 1, -1, 999, 86_399_999, 86_400_000, -86_400_001, Date.parse('2026-11-25T10:05:00.123Z'), 253_402_300_799_999, 253_402_300_800_000, -62_167_219_200_001];
    for (let i = 0; i < 2000; i++) samples.push(Math.round((Math.sin(i) * 1e13) % 8.64e15));
    for (const ms of samples) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });
});
