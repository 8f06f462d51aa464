import { describe, expect, it } from 'vitest';
import { packAnnotations, unpackAnnotations } from '@/lib/annotations/pack';
import type { AnnotationDto } from '@/lib/annotations/types';

const a = (id: number, authorId: number, extra: Partial<AnnotationDto> = {}): AnnotationDto => ({
  id,
  articleId: 4,
  status: 'disputed',
  start: id * 10,
  end: id * 10 + 5,
  exact: `q${id} “😀”`,
  prefix: 'before',
  suffix: 'after',
  note: 'line one\nline two',
  sources: [{ url: 'https://example.org/a', title: null }],
  author: { id: authorId, name: `Author ${authorId}` },
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:05:00.123Z',
  ...extra,
});

describe('packAnnotations', () => {
  it('round-trips everything but the quote context, with each author once', () => {
    const list = [a(1, 7), a(2, 8, { status: 'needs_source', sources: [] }), a(3, 7, { status: 'verified' })];
    const packed = packAnnotations(4, list);
    expect(packed.authors).toEqual([
      [7, 'Author 7'],
      [8, 'Author 8'],
    ]);
    expect(unpackAnnotations(packed)).toEqual(list.map((x) => ({ ...x, prefix: '', suffix: '' })));
  });

  it('is much smaller than the objects for many annotations', () => {
    const list = Array.from({ length: 1000 }, (_, i) => a(i + 1, (i % 5) + 1));
    expect(JSON.stringify(packAnnotations(4, list)).length).toBeLessThan(JSON.stringify(list).length * 0.6);
  });
});
