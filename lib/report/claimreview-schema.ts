// A JSON Schema (draft-07) for Factmark's ClaimReview export, written from schema.org's ClaimReview,
// Claim and Rating types and Google's ClaimReview structured-data guidelines
// (https://developers.google.com/search/docs/appearance/structured-data/factcheck):
//   Google required:    claimReviewed, reviewRating, url; Rating.alternateName
//   Google recommended: author, datePublished, itemReviewed (Claim: appearance, author, datePublished),
//                       Rating ratingValue / bestRating / worstRating
// We always emit the recommended fields, so the schema requires them too. Used by the unit tests.

const person = {
  type: 'object',
  required: ['@type', 'name'],
  properties: { '@type': { const: 'Person' }, name: { type: 'string', minLength: 1 } },
} as const;

const organization = {
  type: 'object',
  required: ['@type', 'name'],
  properties: { '@type': { const: 'Organization' }, name: { type: 'string', minLength: 1 } },
} as const;

/** schema.org's inLanguage as a BCP 47 tag (the language of the claim and of the article it appears in). */
const language = { type: 'string', pattern: '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$' } as const;

const webUrl = { type: 'string', format: 'uri', pattern: '^https?://' } as const;

export const claimReviewSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://factmark.invalid/schemas/claim-review.json',
  title: 'ClaimReview (schema.org, with Google’s required and recommended properties)',
  type: 'object',
  required: ['@type', 'claimReviewed', 'reviewRating', 'url', 'author', 'datePublished', 'itemReviewed'],
  properties: {
    '@context': { const: 'https://schema.org' },
    '@type': { const: 'ClaimReview' },
    '@id': webUrl,
    url: webUrl,
    claimReviewed: { type: 'string', minLength: 1 },
    datePublished: { type: 'string', format: 'date' },
    dateModified: { type: 'string', format: 'date' },
    author: { anyOf: [person, organization] },
    reviewRating: {
      type: 'object',
      required: ['@type', 'alternateName', 'ratingValue', 'bestRating', 'worstRating'],
      properties: {
        '@type': { const: 'Rating' },
        alternateName: { type: 'string', minLength: 1 },
        ratingValue: { type: 'integer' },
        bestRating: { type: 'integer' },
        worstRating: { type: 'integer' },
        description: { type: 'string' },
        ratingExplanation: { type: 'string', minLength: 1 },
      },
    },
    itemReviewed: {
      type: 'object',
      required: ['@type', 'appearance'],
      properties: {
        '@type': { const: 'Claim' },
        author: { anyOf: [person, organization] },
        datePublished: { type: 'string', format: 'date' },
        inLanguage: language,
        appearance: {
          type: 'object',
          required: ['@type', 'url', 'headline'],
          properties: {
            '@type': { enum: ['CreativeWork', 'Article', 'NewsArticle'] },
            url: webUrl,
            headline: { type: 'string', minLength: 1 },
            author: { anyOf: [person, organization] },
            publisher: organization,
            datePublished: { type: 'string', format: 'date' },
            inLanguage: language,
          },
        },
      },
    },
  },
} as const;

/** The whole export: a JSON-LD document with the ClaimReviews in @graph and a description stating what was omitted. */
export const claimReviewDocumentSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://factmark.invalid/schemas/claim-review-document.json',
  type: 'object',
  required: ['@context', '@graph', 'description'],
  properties: {
    '@context': { const: 'https://schema.org' },
    '@id': { type: 'string', format: 'uri' },
    name: { type: 'string' },
    description: { type: 'string', minLength: 1 },
    '@graph': { type: 'array', items: { $ref: 'https://factmark.invalid/schemas/claim-review.json' } },
  },
} as const;
