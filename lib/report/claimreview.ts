// The schema.org ClaimReview export: one ClaimReview per verified or disputed passage of the current
// revision, in a JSON-LD document whose top-level node says how many passages were left out and why:
// "needs source" ones carry no verdict, stale ones ("needs re-check") carry a verdict on words a
// revision changed, removed ones are no longer in the article. Publishing any of them as a
// ClaimReview would misstate the review.
import type { Status } from '../annotations/status';
import { annotationUrl, formatPublished, revisionText, type ReportItem, type ReportModel } from './model';

/**
 * The rating scale, on schema.org's numeric Rating: 1 (worst) = the passage is false / disputed,
 * 5 (best) = the passage is true / verified. Factmark only gives these two verdicts, so only 1 and 5
 * occur; the gap leaves room for intermediate verdicts ("misleading", "partly true") later.
 */
export const CLAIM_RATING: Record<Exclude<Status, 'needs_source'>, { value: number; label: string }> = {
  verified: { value: 5, label: 'Verified' },
  disputed: { value: 1, label: 'Disputed' },
};
export const WORST_RATING = 1;
export const BEST_RATING = 5;
export const RATING_SCALE = `Rating scale: ${WORST_RATING} = Disputed (the passage is false or contested) … ${BEST_RATING} = Verified (the passage is true).`;

interface Person { '@type': 'Person'; name: string }
interface Organization { '@type': 'Organization'; name: string }

export interface ClaimReview {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  '@id': string;
  url: string;
  claimReviewed: string;
  datePublished: string;
  dateModified?: string;
  author: Person;
  reviewRating: {
    '@type': 'Rating';
    ratingValue: number;
    bestRating: number;
    worstRating: number;
    alternateName: string;
    description: string;
    ratingExplanation?: string;
  };
  itemReviewed: {
    '@type': 'Claim';
    author?: Person | Organization;
    datePublished?: string;
    /** The article's language (BCP 47), when known: the claim is quoted in it. */
    inLanguage?: string;
    appearance: {
      '@type': 'NewsArticle';
      url: string;
      headline: string;
      author?: Person;
      publisher?: Organization;
      datePublished?: string;
      inLanguage?: string;
    };
  };
}

export interface ClaimReviewExport {
  claimReviews: ClaimReview[];
  /** Passages marked "needs source" in this export: no verdict, so not ClaimReviews. */
  omittedNeedsSource: number;
  /** Verified or disputed passages a revision changed since the verdict ("needs re-check"). */
  omittedStale: number;
  /** Verdicts on passages a revision removed (whatever their status). */
  omittedRemoved: number;
}

export interface ClaimReviewDocument {
  '@context': 'https://schema.org';
  '@id': string;
  name: string;
  /** States the rating scale and how many passages were omitted, in words. */
  description: string;
  '@graph': ClaimReview[];
}

export function buildClaimReviews(model: ReportModel): ClaimReviewExport {
  const claimReviews: ClaimReview[] = [];
  let omittedNeedsSource = 0;
  let omittedStale = 0;
  for (const item of model.items) {
    if (item.status === 'needs_source') omittedNeedsSource++;
    else if (item.stale) omittedStale++;
    else claimReviews.push(claimReview(model, item, item.status));
  }
  return { claimReviews, omittedNeedsSource, omittedStale, omittedRemoved: model.removed.length };
}

/**
 * The JSON-LD document served by the export: the ClaimReviews in `@graph`, and a top-level node
 * (the export itself) whose `description` gives the scale and the omitted count.
 */
export function buildClaimReviewDocument(model: ReportModel): ClaimReviewDocument {
  const { claimReviews, omittedNeedsSource, omittedStale, omittedRemoved } = buildClaimReviews(model);
  const omitted = [
    omittedNeedsSource === 1
      ? '1 passage marked “Needs source” is omitted: it has no verdict yet.'
      : `${omittedNeedsSource} passages marked “Needs source” are omitted: they have no verdict yet.`,
  ];
  if (omittedStale > 0) {
    omitted.push(
      omittedStale === 1
        ? '1 verdict that needs re-check is omitted: a revision changed its passage after it was given.'
        : `${omittedStale} verdicts that need re-check are omitted: a revision changed their passages after they were given.`,
    );
  }
  if (omittedRemoved > 0) {
    omitted.push(
      omittedRemoved === 1
        ? '1 verdict is omitted because a revision removed its passage from the article.'
        : `${omittedRemoved} verdicts are omitted because a revision removed their passages from the article.`,
    );
  }
  const reviews = `${claimReviews.length} ClaimReview${claimReviews.length === 1 ? '' : 's'}`;
  return {
    '@context': 'https://schema.org',
    '@id': `${model.articleUrl}#claim-reviews`,
    name: `Fact-check of “${model.article.title}”`,
    description: `${reviews} for the passages marked Verified or Disputed in ${revisionText(model, true)} of the article. ${omitted.join(' ')} ${RATING_SCALE}`,
    '@graph': claimReviews,
  };
}

export function renderClaimReview(model: ReportModel): string {
  return `${JSON.stringify(buildClaimReviewDocument(model), null, 2)}\n`;
}

function claimReview(model: ReportModel, item: ReportItem, status: Exclude<Status, 'needs_source'>): ClaimReview {
  const a = model.article;
  const rating = CLAIM_RATING[status];
  const url = annotationUrl(model, item.id);
  const published = a.publishedAt ? isoDate(a.publishedAt) : null;
  const claimAuthor: Person | Organization | undefined = a.byline
    ? { '@type': 'Person', name: a.byline }
    : a.publisher
      ? { '@type': 'Organization', name: a.publisher }
      : undefined;
  const note = item.note.trim();
  const review: ClaimReview = {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    '@id': url,
    url,
    claimReviewed: item.exact,
    datePublished: item.createdAt.slice(0, 10),
    ...(item.updatedAt !== item.createdAt ? { dateModified: item.updatedAt.slice(0, 10) } : {}),
    author: { '@type': 'Person', name: item.author.name },
    reviewRating: {
      '@type': 'Rating',
      ratingValue: rating.value,
      bestRating: BEST_RATING,
      worstRating: WORST_RATING,
      alternateName: rating.label,
      description: RATING_SCALE,
      ...(note ? { ratingExplanation: note } : {}),
    },
    itemReviewed: {
      '@type': 'Claim',
      ...(claimAuthor ? { author: claimAuthor } : {}),
      ...(published ? { datePublished: published } : {}),
      ...(a.lang ? { inLanguage: a.lang } : {}),
      appearance: {
        '@type': 'NewsArticle',
        url: a.sourceHref ?? model.articleUrl,
        headline: a.title,
        ...(a.byline ? { author: { '@type': 'Person' as const, name: a.byline } } : {}),
        ...(a.publisher ? { publisher: { '@type': 'Organization' as const, name: a.publisher } } : {}),
        ...(published ? { datePublished: published } : {}),
        ...(a.lang ? { inLanguage: a.lang } : {}),
      },
    },
  };
  return review;
}

/** schema.org Date ("YYYY-MM-DD") from a stored published date, or null when it does not parse. */
function isoDate(value: string): string | null {
  const shown = formatPublished(value);
  return /^\d{4}-\d{2}-\d{2}/.test(shown) ? shown.slice(0, 10) : null;
}
