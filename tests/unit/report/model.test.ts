import { describe, expect, it } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/types';
import { CanonicalText } from '@/lib/document/canonical-text';
import { buildReportModel, coveredLength, passageContext, utcIso, webHref } from '@/lib/report/model';
import { ARTICLE_TEXT, DMITRY, LUKASZ, OLD_PHRASE_12, PHRASES, REMOVED_PHRASE, fixtureAnnotations, fixtureInput, offsetsOf, revisedFixtureInput } from './fixture';

describe('buildReportModel', () => {
  it('counts annotations per status and in total', () => {
    const model = buildReportModel(fixtureInput());
    expect(model.summary.counts).toEqual({ verified: 2, disputed: 2, needs_source: 2 });
    expect(model.summary.total).toBe(6);
    expect(model.items.map((i) => i.id)).toEqual([11, 12, 13, 14, 15, 16]);
  });

  it('computes coverage in code points, counting the overlapping pair once', () => {
    const model = buildReportModel(fixtureInput());
    // 11: 55, 12 ∪ 13 (117–166 and 128–190): 73, 14: 28, 15: 37, 16: 71.
    expect(model.summary.coverage.covered).toBe(264);
    expect(model.summary.coverage.length).toBe(3644);
    expect(model.summary.coverage.ratio).toBeCloseTo(264 / 3644, 12);
    // The same number from a brute-force union, independent of the implementation.
    const covered = new Set<number>();
    for (const a of fixtureAnnotations()) for (let i = a.start ?? 0; i < (a.end ?? 0); i++) covered.add(i);
    expect(model.summary.coverage.covered).toBe(covered.size);
  });

  it('counts astral characters (emoji) as one code point in coverage and passages', () => {
    const text = 'Hi 😀😀 there\n\nSecond 🦊 block';
    const fox = offsetsOf(text, '🦊 block');
    const emoji = offsetsOf(text, '😀😀 there');
    expect(emoji).toEqual({ start: 3, end: 11 });
    const input = fixtureInput({
      article: { ...fixtureInput().article, plainText: text },
      annotations: [
        { ...fixtureAnnotations()[0], id: 1, start: emoji.start, end: emoji.end, exact: '😀😀 there' },
        { ...fixtureAnnotations()[0], id: 2, start: fox.start, end: fox.end, exact: '🦊 block' },
      ],
      history: new Map(),
    });
    const model = buildReportModel(input);
    expect(model.article.length).toBe([...text].length);
    expect(model.summary.coverage.covered).toBe(8 + 7);
    expect(model.items.map((i) => [i.context.passage, i.anchored])).toEqual([
      ['😀😀 there', true],
      ['🦊 block', true],
    ]);
    // Context stays inside the passage's paragraph.
    expect(model.items[0].context).toMatchObject({ before: 'Hi ', after: '', clippedBefore: false, clippedAfter: false });
    expect(model.items[1].context).toMatchObject({ before: 'Second ', after: '', clippedBefore: false, clippedAfter: false });
  });

  it('sorts a copy when the input is not in document order', () => {
    const input = fixtureInput({ annotations: fixtureAnnotations().reverse() });
    const model = buildReportModel(input);
    expect(model.items.map((i) => i.id)).toEqual([11, 12, 13, 14, 15, 16]);
    expect(model.summary.coverage.covered).toBe(264);
  });

  it('gives each passage up to 80 code points of context, cut at word boundaries', () => {
    const model = buildReportModel(fixtureInput());
    const item = model.items.find((i) => i.id === 13)!;
    expect(item.context.passage).toBe(PHRASES[13]);
    const { before, after, clippedBefore, clippedAfter } = item.context;
    expect([...before].length).toBeLessThanOrEqual(80);
    expect([...after].length).toBeLessThanOrEqual(80);
    // The passage sits in the first paragraph, 128 code points in: context starts mid-paragraph.
    expect(clippedBefore).toBe(true);
    expect(ARTICLE_TEXT).toContain(`${before}${PHRASES[13]}${after}`);
    // Whole words only: the first word of `before` is preceded by a space in the article.
    const at = ARTICLE_TEXT.indexOf(`${before}${PHRASES[13]}`);
    expect(ARTICLE_TEXT[at - 1]).toMatch(/\s/);
    // The 80-code-point window happens to start at a word ("forces"), so it is kept whole…
    expect(before).toBe('forces have seized control of Aleppo’s military airport and academy, delivering ');
    expect(clippedAfter).toBe(true);
    // …while the window after ends inside "documents", so that word is dropped.
    expect(after).toBe('. Images of Russian and Syrian flags hanging side by side and abandoned');
  });

  it('cuts context at a partial word rather than showing half of it', () => {
    const text = new CanonicalText(`${'x'.repeat(100)} alpha beta PASSAGE gamma delta ${'y'.repeat(100)}`);
    const start = text.text.indexOf('PASSAGE');
    const ctx = passageContext(text, start, start + 7);
    expect(ctx.before).toBe('alpha beta ');
    expect(ctx.after).toBe(' gamma delta');
    expect(ctx.clippedBefore).toBe(true);
    expect(ctx.clippedAfter).toBe(true);
  });

  it('falls back to the stored quote when the text no longer matches the annotation', () => {
    const [first] = fixtureAnnotations();
    const input = fixtureInput({ annotations: [{ ...first, exact: 'something else entirely' }] });
    const item = buildReportModel(input).items[0];
    expect(item.anchored).toBe(false);
    expect(item.context).toMatchObject({ passage: 'something else entirely', before: first.prefix, after: first.suffix });
  });

  it('clamps ranges beyond the text and ignores empty ones in coverage', () => {
    expect(coveredLength([{ start: -5, end: 3 }, { start: 2, end: 2 }, { start: 8, end: 50 }], 10)).toBe(3 + 2);
    expect(coveredLength([], 0)).toBe(0);
    expect(buildReportModel(fixtureInput({ annotations: [], article: { ...fixtureInput().article, plainText: '' } })).summary.coverage).toEqual({
      covered: 0,
      length: 0,
      ratio: 0,
    });
  });

  it('stays linear: 50,000 annotations over a 1 MB article', () => {
    const paragraph = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit 😀. ';
    const plainText = paragraph.repeat(Math.ceil(1_000_000 / paragraph.length));
    const text = new CanonicalText(plainText);
    const annotations: AnnotationDto[] = [];
    const template = fixtureAnnotations()[0];
    for (let i = 0; i < 50_000; i++) {
      const start = i * 19;
      const end = start + 40;
      annotations.push({ ...template, id: i + 1, start, end, exact: text.slice(start, end), sources: [] });
    }
    const t0 = performance.now();
    const model = buildReportModel(fixtureInput({ article: { ...fixtureInput().article, plainText }, annotations, history: new Map() }));
    const elapsed = performance.now() - t0;
    expect(model.items).toHaveLength(50_000);
    expect(model.items.every((i) => i.anchored)).toBe(true);
    expect(model.summary.coverage.covered).toBe(49_999 * 19 + 40);
    // A per-annotation scan of the text would be ~5·10^10 steps; linear work takes well under a second.
    expect(elapsed).toBeLessThan(5_000);
  });

  it('lists distinct reviewers by name with their annotation counts', () => {
    const model = buildReportModel(fixtureInput());
    expect(model.reviewers.map((r) => [r.name, r.annotations])).toEqual([
      ['+Mallory', 1],
      ['Alice Martin', 2],
      ['Łukasz Żółć', 2],
      ['Дмитрий Ковалёв 🦊', 1],
    ]);
  });

  it('describes filters in words, resolving a reviewer id to the name', () => {
    const model = buildReportModel(fixtureInput({ filters: { statuses: ['needs_source'], reviewer: LUKASZ.id } }));
    expect(model.filterLabels).toEqual(['Status: Needs source', 'Reviewer: Łukasz Żółć']);
    expect(buildReportModel(fixtureInput({ filters: { reviewer: DMITRY.name } })).filterLabels).toEqual([`Reviewer: ${DMITRY.name}`]);
  });

  it('normalises timestamps to UTC ISO with a Z and labels history values', () => {
    const model = buildReportModel(fixtureInput());
    const item = model.items.find((i) => i.id === 12)!;
    expect(item.updatedAt).toBe('2024-12-03T08:30:00Z');
    expect(item.history.map((e) => [e.action, e.from, e.to, e.at])).toEqual([
      ['Created', null, 'Needs source', '2024-12-02T10:00:00Z'],
      ['Status changed', 'Needs source', 'Disputed', '2024-12-03T08:00:00Z'],
      ['Note edited', '', 'Says who? “Significant” is an opinion, not a fact.', '2024-12-03T08:30:00Z'],
    ]);
    expect(utcIso('2024-12-03T10:30:00+02:00')).toBe('2024-12-03T08:30:00Z');
    expect(utcIso('not a date')).toBeNull();
  });

  it('accepts only http(s) URLs as links', () => {
    expect(webHref('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(webHref(' HTTP://Example.org ')).toBe('http://example.org/');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x', '//evil.example', '/relative', 'vbscript:x', '', null]) {
      expect(webHref(bad)).toBeNull();
    }
  });
});

describe('buildReportModel after a revision', () => {
  const model = buildReportModel(revisedFixtureInput());
  const item = (id: number) => model.items.find((i) => i.id === id)!;

  it('states the revision it is on and when it was made', () => {
    expect(model.article).toMatchObject({ revision: 2, revisedAt: '2024-12-04T16:20:00Z' });
    expect(buildReportModel(fixtureInput()).article).toMatchObject({ revision: 1, revisedAt: '2024-12-01T18:00:00Z' });
  });

  it('marks the changed passage stale, the moved one moved, and the others (re-confirmed included) current', () => {
    expect(model.items.map((i) => [i.id, i.anchorState, i.stale, i.moved, i.changedIn])).toEqual([
      [11, 'unchanged', false, false, null],
      [12, 'changed', true, false, 2],
      [13, 'unchanged', false, false, null],
      [14, 'unchanged', false, false, null],
      [15, 'moved', false, true, 2],
      [16, 'unchanged', false, false, null],
    ]);
    expect(item(12).previousExact).toBe(OLD_PHRASE_12);
    // A moved passage reads as it did: no "previous" text to show.
    expect(item(15).previousExact).toBeNull();
    // The stale verdict stays on the surviving words of the current text.
    expect(item(12)).toMatchObject({ anchored: true, exact: PHRASES[12] });
  });

  it('lists the removed verdict apart, with its old quote and the revision that removed it', () => {
    expect(model.items.map((i) => i.id)).not.toContain(17);
    expect(model.removed).toHaveLength(1);
    expect(model.removed[0]).toMatchObject({ id: 17, status: 'verified', exact: REMOVED_PHRASE, removedIn: 2, author: DMITRY });
    expect(model.removed[0].history.map((e) => [e.action, e.to])).toEqual([
      ['Created', 'Verified'],
      ['Re-anchored to revision 2', 'Removed'],
    ]);
  });

  it('counts and covers only placed passages; stale and removed are counted apart', () => {
    const before = buildReportModel(fixtureInput()).summary;
    expect(model.summary.counts).toEqual(before.counts);
    expect(model.summary.total).toBe(6);
    expect(model.summary.coverage).toEqual(before.coverage);
    expect(model.summary).toMatchObject({ stale: 1, removed: 1 });
    // The removed verdict is still its reviewer's work.
    expect(model.reviewers.find((r) => r.id === DMITRY.id)?.annotations).toBe(2);
    expect(coveredLength([{ start: null, end: null }, { start: 2, end: 5 }], 10)).toBe(3);
  });

  it('labels re-anchoring and re-confirmation in words', () => {
    expect(item(11).history.slice(1).map((e) => [e.action, e.from, e.to])).toEqual([
      ['Re-anchored to revision 2', null, 'Needs re-check'],
      ['Re-confirmed', 'Needs re-check', 'Verified'],
    ]);
    expect(item(15).history.map((e) => [e.action, e.to])).toEqual([['Re-anchored to revision 2', 'Moved']]);
  });

  it('takes the revision from the latest matching event, else from the anchor', () => {
    const input = revisedFixtureInput();
    input.article = { ...input.article, revision: 3 };
    input.annotations = input.annotations.map((a) => (a.id === 17 ? { ...a, anchor: { ...a.anchor, revision: 3 } } : a));
    const history = new Map(input.history);
    const twelve = history.get(12)!;
    history.set(12, [...twelve, { ...twelve[twelve.length - 1], id: 99, from: '2', to: '3 changed' }]);
    history.delete(17);
    const m = buildReportModel({ ...input, history });
    expect(m.items.find((i) => i.id === 12)!.changedIn).toBe(3);
    expect(m.removed[0]).toMatchObject({ id: 17, removedIn: 3, history: [] });
  });

  it('never places an annotation without offsets, whatever its state says', () => {
    const [first] = fixtureAnnotations();
    const m = buildReportModel(fixtureInput({ annotations: [{ ...first, start: null, end: null }], history: new Map() }));
    expect(m.items).toEqual([]);
    expect(m.removed.map((r) => r.id)).toEqual([11]);
    expect(m.summary.coverage.covered).toBe(0);
  });
});
