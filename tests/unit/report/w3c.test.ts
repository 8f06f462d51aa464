import { describe, expect, it } from 'vitest';
import { buildReportModel } from '@/lib/report/model';
import { ANNO_CONTEXT, buildW3cCollection, renderW3c, type W3cAnnotation } from '@/lib/report/w3c';
import { ARTICLE_TEXT, DMITRY, NASTY_NOTE, PHRASES, REMOVED_PHRASE, fixtureInput, revisedFixtureInput } from './fixture';
import { MUST_TESTS, checkAssertions, failedAssertions, loadAssertions, readSample } from './w3c-conformance';

const collection = JSON.parse(renderW3c(buildReportModel(fixtureInput()))) as ReturnType<typeof buildW3cCollection>;
const items = collection.first.items as W3cAnnotation[];

describe('W3C conformance harness', () => {
  it('loads the MUST assertions of all three test files', () => {
    expect(loadAssertions(MUST_TESTS.annotation)).toHaveLength(54);
    expect(loadAssertions(MUST_TESTS.collection)).toHaveLength(10);
    expect(loadAssertions(MUST_TESTS.page)).toHaveLength(15);
  });

  it('can fail: a known-bad sample (id "not a uri") fails a MUST', () => {
    const failed = failedAssertions(readSample('tools/samples/incorrect/anno6.json'), MUST_TESTS.annotation);
    expect(failed.map((f) => f.file)).toContain('annotations/3.1-annotationIdValidated.json');
  });

  it('catches broken variants of our own output', () => {
    const a = items[0];
    expect(failedAssertions({ ...a, id: 'annotation 11' }, MUST_TESTS.annotation).length).toBeGreaterThan(0);
    expect(failedAssertions({ ...a, created: '2 December 2024' }, MUST_TESTS.annotation).length).toBeGreaterThan(0);
    expect(failedAssertions({ ...a, body: [{ type: 'TextualBody' }] }, MUST_TESTS.annotation).length).toBeGreaterThan(0);
    expect(failedAssertions({ ...collection.first, items: [{ ...a, type: 'Note' }] }, MUST_TESTS.page).length).toBeGreaterThan(0);
    expect(failedAssertions({ ...collection, total: -1 }, MUST_TESTS.collection).length).toBeGreaterThan(0);
  });

  it('can pass: a known-good sample passes every MUST', () => {
    expect(failedAssertions(readSample('tools/samples/correct/anno1.json'), MUST_TESTS.annotation)).toEqual([]);
  });
});

describe('renderW3c', () => {
  it('is an AnnotationCollection that passes every collection and page MUST', () => {
    expect(collection['@context']).toBe(ANNO_CONTEXT);
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(6);
    expect(collection.id).toBe('http://localhost:3000/api/articles/7/report?format=json');
    expect(failedAssertions(collection, MUST_TESTS.collection)).toEqual([]);
    // The page MUSTs accept "an Annotation Page or an Annotation Collection with an embedded Page".
    expect(failedAssertions(collection, MUST_TESTS.page)).toEqual([]);
  });

  it('embeds a first AnnotationPage that passes every page MUST on its own', () => {
    const page = collection.first;
    expect(page).toMatchObject({ type: 'AnnotationPage', startIndex: 0, partOf: { id: collection.id, total: 6 } });
    expect(page.items).toHaveLength(6);
    expect(failedAssertions(page, MUST_TESTS.page)).toEqual([]);
    expect(checkAssertions(page, MUST_TESTS.page).every((r) => r.passed)).toBe(true);
  });

  it('emits annotations that each pass every annotation MUST', () => {
    for (const a of items) expect({ id: a.id, failed: failedAssertions(a, MUST_TESTS.annotation) }).toEqual({ id: a.id, failed: [] });
  });

  it('still passes when filtered to nothing (an empty page)', () => {
    const empty = buildW3cCollection(buildReportModel(fixtureInput({ annotations: [], filters: { statuses: ['verified'] } })));
    expect(empty.total).toBe(0);
    expect(empty.id).toBe('http://localhost:3000/api/articles/7/report?format=json&status=verified');
    expect(failedAssertions(empty, MUST_TESTS.collection)).toEqual([]);
    expect(failedAssertions(empty, MUST_TESTS.page)).toEqual([]);
  });

  it('meets what the schemas do not check: Z timestamps, start <= end, non-empty exact', () => {
    for (const a of items) {
      expect(a.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      expect(a.modified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      if (!Array.isArray(a.target.selector)) throw new Error('a placed annotation has both selectors');
      const [quote, position] = a.target.selector;
      expect(position.start).toBeLessThanOrEqual(position.end);
      expect(quote.exact.length).toBeGreaterThan(0);
      // The selectors agree with each other and with the article, in code points.
      expect([...ARTICLE_TEXT].slice(position.start, position.end).join('')).toBe(quote.exact);
    }
    expect(items.find((a) => a.id.endsWith('/12'))!.modified).toBe('2024-12-03T08:30:00Z');
  });

  it('maps verdicts, notes, sources and creators onto the model', () => {
    const byId = (id: number) => items.find((a) => a.id === `http://localhost:3000/api/annotations/${id}`)!;
    expect(items.map((a) => a.motivation)).toEqual(['assessing', 'assessing', 'questioning', 'assessing', 'assessing', 'questioning']);
    expect(byId(12).body[0]).toEqual({ type: 'TextualBody', purpose: 'assessing', value: 'disputed' });
    expect(byId(12).creator).toEqual({ id: 'http://localhost:3000/users/2', type: 'Person', name: DMITRY.name });
    expect(byId(13).body).toEqual([{ type: 'TextualBody', purpose: 'assessing', value: 'needs_source' }]);
    expect(byId(14).body).toEqual([
      { type: 'TextualBody', purpose: 'assessing', value: 'disputed' },
      { type: 'TextualBody', purpose: 'commenting', value: NASTY_NOTE, format: 'text/plain' },
      // A javascript: source is kept as words, never as a resource.
      { type: 'TextualBody', purpose: 'commenting', value: 'Source (not a web link): Totally legit — javascript:alert(1)', format: 'text/plain' },
      { type: 'SpecificResource', purpose: 'linking', source: 'https://example.org/report?a=1&b=%3C2%3E' },
    ]);
    expect(byId(14).target).toEqual({
      source: 'https://example.com/news/aleppo',
      // The selectors are into the text as of the current revision.
      state: { type: 'TimeState', sourceDate: '2024-12-01T18:00:00Z' },
      selector: [
        { type: 'TextQuoteSelector', exact: PHRASES[14], prefix: expect.any(String), suffix: expect.any(String) },
        { type: 'TextPositionSelector', start: 1268, end: 1296 },
      ],
    });
  });

  it('targets a URN when the article has no valid web source URL', () => {
    for (const sourceUrl of [null, 'not a url at all', 'javascript:alert(1)']) {
      const c = buildW3cCollection(buildReportModel(fixtureInput({ article: { ...fixtureInput().article, sourceUrl } })));
      expect((c.first.items[0] as W3cAnnotation).target.source).toBe('urn:factmark:article:7');
      expect(failedAssertions(c.first.items[0], MUST_TESTS.annotation)).toEqual([]);
    }
  });
});

describe('renderW3c after a revision', () => {
  const revised = JSON.parse(renderW3c(buildReportModel(revisedFixtureInput()))) as ReturnType<typeof buildW3cCollection>;
  const byId = (id: number) => revised.first.items.find((a) => a.id === `http://localhost:3000/api/annotations/${id}`) as W3cAnnotation;
  const recheckBodies = (a: W3cAnnotation) => a.body.filter((b) => b.type === 'TextualBody' && b.value.startsWith('Needs re-check'));

  it('still passes every collection, page and annotation MUST, removed verdict included', () => {
    expect(revised.total).toBe(7);
    expect(revised.first.items).toHaveLength(7);
    expect(failedAssertions(revised, MUST_TESTS.collection)).toEqual([]);
    expect(failedAssertions(revised.first, MUST_TESTS.page)).toEqual([]);
    for (const a of revised.first.items) expect({ id: a.id, failed: failedAssertions(a, MUST_TESTS.annotation) }).toEqual({ id: a.id, failed: [] });
  });

  it('names the revision and dates the target: the selectors are into the current revision’s text', () => {
    expect(revised.label).toContain('revision 2 of 2024-12-04 16:20 UTC');
    for (const id of [11, 12, 13, 14, 15, 16]) {
      const target = byId(id).target;
      expect(target).toMatchObject({ state: { type: 'TimeState', sourceDate: '2024-12-04T16:20:00Z' } });
      if (!Array.isArray(target.selector)) throw new Error('a placed annotation has both selectors');
      const [quote, position] = target.selector;
      expect([...ARTICLE_TEXT].slice(position.start, position.end).join('')).toBe(quote.exact);
    }
    // The suite checks a TimeState's date: a broken one fails, so the one above is really validated.
    const broken = { ...byId(12), target: { ...byId(12).target, state: { type: 'TimeState', sourceDate: 'yesterday' } } };
    expect(failedAssertions(broken, MUST_TESTS.annotation).length).toBeGreaterThan(0);
  });

  it('says in a commenting body that the stale verdict needs re-check, and on no other', () => {
    expect(recheckBodies(byId(12))).toEqual([
      {
        type: 'TextualBody',
        purpose: 'commenting',
        format: 'text/plain',
        value: expect.stringMatching(/^Needs re-check: Revision 2 changed this passage; the verdict was given when it read “delivering a crushing blow/),
      },
    ]);
    expect(byId(12).body[0]).toEqual({ type: 'TextualBody', purpose: 'assessing', value: 'disputed' });
    for (const id of [11, 13, 14, 15, 16, 17]) expect(recheckBodies(byId(id))).toEqual([]);
  });

  it('keeps a removed verdict with only the old quote as its selector and a body saying it was removed', () => {
    const removed = byId(17);
    expect(removed.target).toEqual({
      source: 'https://example.com/news/aleppo',
      selector: { type: 'TextQuoteSelector', exact: REMOVED_PHRASE, prefix: 'before it fell. ', suffix: ', officials said.' },
    });
    expect(ARTICLE_TEXT).not.toContain(REMOVED_PHRASE);
    expect(removed.body).toContainEqual({
      type: 'TextualBody',
      purpose: 'commenting',
      format: 'text/plain',
      value: expect.stringMatching(/^Removed in revision 2: this passage is not in the article's current text/),
    });
    expect(removed.body[0]).toEqual({ type: 'TextualBody', purpose: 'assessing', value: 'verified' });
  });
});
