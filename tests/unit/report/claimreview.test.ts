import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { BEST_RATING, WORST_RATING, buildClaimReviews, renderClaimReview, type ClaimReviewDocument } from '@/lib/report/claimreview';
import { claimReviewDocumentSchema, claimReviewSchema } from '@/lib/report/claimreview-schema';
import { buildReportModel } from '@/lib/report/model';
import { DMITRY, PHRASES, REMOVED_PHRASE, fixtureInput, revisedFixtureInput } from './fixture';

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addSchema(claimReviewSchema);
const validateDocument = ajv.compile(claimReviewDocumentSchema);
const validateReview = ajv.getSchema(claimReviewSchema.$id)!;

const doc = JSON.parse(renderClaimReview(buildReportModel(fixtureInput()))) as ClaimReviewDocument;

describe('renderClaimReview', () => {
  it('validates against our ClaimReview schema (schema.org + Google required/recommended fields)', () => {
    expect(validateDocument(doc), JSON.stringify(validateDocument.errors)).toBe(true);
    for (const review of doc['@graph']) expect(validateReview(review), JSON.stringify(validateReview.errors)).toBe(true);
  });

  it('covers verified and disputed passages only, and states how many needs-source passages were left out', () => {
    expect(doc['@context']).toBe('https://schema.org');
    expect(doc['@graph'].map((r) => r.claimReviewed)).toEqual([PHRASES[11], PHRASES[12], PHRASES[14], PHRASES[15]]);
    expect(doc.description).toContain('2 passages marked “Needs source” are omitted');
    expect(buildClaimReviews(buildReportModel(fixtureInput()))).toMatchObject({ omittedNeedsSource: 2 });
    expect(JSON.stringify(doc)).not.toContain(PHRASES[13]);
    expect(JSON.stringify(doc)).not.toContain(PHRASES[16]);
  });

  it('rates on a documented 1 (disputed) … 5 (verified) scale', () => {
    const [verified, disputed] = [doc['@graph'][0], doc['@graph'][1]];
    expect(verified.reviewRating).toMatchObject({ '@type': 'Rating', ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: 'Verified' });
    expect(disputed.reviewRating).toMatchObject({ ratingValue: 1, alternateName: 'Disputed' });
    for (const r of doc['@graph']) {
      expect(r.reviewRating.ratingValue).toBeGreaterThanOrEqual(WORST_RATING);
      expect(r.reviewRating.ratingValue).toBeLessThanOrEqual(BEST_RATING);
    }
    expect(doc.description).toContain('Rating scale: 1 = Disputed');
    expect(verified.reviewRating.ratingExplanation).toBe('Confirmed by two wire services, "Reuters" and AP.');
  });

  it('names the reviewer, the review URL, the dates and the article the claim appeared in', () => {
    const r = doc['@graph'][1];
    expect(r).toMatchObject({
      '@type': 'ClaimReview',
      url: 'http://localhost:3000/articles/7#annotation-12',
      author: { '@type': 'Person', name: DMITRY.name },
      datePublished: '2024-12-02',
      dateModified: '2024-12-03',
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Jane O’Neil' },
        datePublished: '2024-12-01',
        appearance: {
          '@type': 'NewsArticle',
          url: 'https://example.com/news/aleppo',
          headline: 'Syrian rebels seize Aleppo’s airport — a “major” blow',
          publisher: { '@type': 'Organization', name: 'Example News' },
        },
      },
    });
  });

  it('falls back to the in-app article URL when the source URL is not a web URL', () => {
    const input = fixtureInput({ article: { ...fixtureInput().article, sourceUrl: 'javascript:alert(1)', byline: null, publishedAt: null } });
    const d = JSON.parse(renderClaimReview(buildReportModel(input))) as ClaimReviewDocument;
    expect(validateDocument(d), JSON.stringify(validateDocument.errors)).toBe(true);
    expect(d['@graph'][0].itemReviewed.appearance.url).toBe('http://localhost:3000/articles/7');
    // Without a byline the claim is attributed to the publisher.
    expect(d['@graph'][0].itemReviewed.author).toEqual({ '@type': 'Organization', name: 'Example News' });
  });

  it('is rejected by the schema when a required field is missing (the schema can fail)', () => {
    const { url: _url, ...withoutUrl } = doc['@graph'][0];
    expect(validateReview(withoutUrl)).toBe(false);
    expect(validateReview({ ...doc['@graph'][0], reviewRating: { ...doc['@graph'][0].reviewRating, alternateName: undefined } })).toBe(false);
    expect(validateReview({ ...doc['@graph'][0], url: 'javascript:alert(1)' })).toBe(false);
  });

  it('says so when every passage is needs-source', () => {
    const input = fixtureInput({ annotations: fixtureInput().annotations.filter((a) => a.status === 'needs_source') });
    const d = JSON.parse(renderClaimReview(buildReportModel(input))) as ClaimReviewDocument;
    expect(d['@graph']).toEqual([]);
    expect(d.description).toContain('0 ClaimReviews');
    expect(d.description).toContain('2 passages marked “Needs source” are omitted');
    expect(validateDocument(d)).toBe(true);
  });

  it('leaves out stale and removed verdicts after a revision and says how many, and on which revision', () => {
    const model = buildReportModel(revisedFixtureInput());
    const d = JSON.parse(renderClaimReview(model)) as ClaimReviewDocument;
    expect(validateDocument(d), JSON.stringify(validateDocument.errors)).toBe(true);
    // 12 is stale, 17 removed; 15 only moved and 11 was re-confirmed, so both stay.
    expect(d['@graph'].map((r) => r.claimReviewed)).toEqual([PHRASES[11], PHRASES[14], PHRASES[15]]);
    expect(buildClaimReviews(model)).toMatchObject({ omittedNeedsSource: 2, omittedStale: 1, omittedRemoved: 1 });
    expect(JSON.stringify(d)).not.toContain(PHRASES[12]);
    expect(JSON.stringify(d)).not.toContain(REMOVED_PHRASE);
    expect(d.description).toContain('3 ClaimReviews for the passages marked Verified or Disputed in revision 2 of 2024-12-04 16:20 UTC of the article.');
    expect(d.description).toContain('1 verdict that needs re-check is omitted');
    expect(d.description).toContain('1 verdict is omitted because a revision removed its passage');
    expect(d.description).toContain('2 passages marked “Needs source” are omitted');
  });

  it('mentions no re-check or removal when the revision left every passage as it was', () => {
    expect(doc.description).toContain('in revision 1 of 2024-12-01 18:00 UTC');
    expect(doc.description).not.toMatch(/re-check|removed/);
  });
});
