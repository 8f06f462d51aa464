import { describe, expect, it } from 'vitest';
import { buildReportModel } from '@/lib/report/model';
import { ANNO_CONTEXT, buildW3cCollection, renderW3c, type W3cAnnotation } from '@/lib/report/w3c';
import { ARTICLE_TEXT, DMITRY, NASTY_NOTE, PHRASES, fixtureInput } from './fixture';
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
    const empty = buildW3cCollection(buildReportModel(fixtureInput({ annotations: [], filters: { status: 'verified' } })));
    expect(empty.total).toBe(0);
    expect(empty.id).toBe('http://localhost:3000/api/articles/7/report?format=json&status=verified');
    expect(failedAssertions(empty, MUST_TESTS.collection)).toEqual([]);
    expect(failedAssertions(empty, MUST_TESTS.page)).toEqual([]);
  });

  it('meets what the schemas do not check: Z timestamps, start <= end, non-empty exact', () => {
    for (const a of items) {
      expect(a.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      expect(a.modified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
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
      selector: [
        { type: 'TextQuoteSelector', exact: PHRASES[14], prefix: expect.any(String), suffix: expect.any(String) },
        { type: 'TextPositionSelector', start: 1268, end: 1296 },
      ],
    });
  });

  it('targets a URN when the article has no valid web source URL', () => {
    for (const sourceUrl of [null, 'not a url at all', 'javascript:alert(1)']) {
      const c = buildW3cCollection(buildReportModel(fixtureInput({ article: { ...fixtureInput().article, sourceUrl } })));
      expect(c.first.items[0].target.source).toBe('urn:factmark:article:7');
      expect(failedAssertions(c.first.items[0], MUST_TESTS.annotation)).toEqual([]);
    }
  });
});
