// Hypothesis's way of re-finding an annotation in changed text, ported for the revisions
// benchmark as the baseline Factmark's carry is measured against. matchQuote is a faithful port
// of hypothesis/client src/annotator/anchoring/match-quote.ts; anchorPassage follows the order of
// its html.ts `anchor()` (TextPositionSelector checked against the quote, then TextQuoteSelector
// with the position as hint), and describePassage builds the selectors as its types.ts does
// (32 characters of prefix and suffix).
//
// Ported from hypothesis/client, BSD-2-Clause:
//   Copyright (c) 2013-2016 Hypothes.is Project and contributors
//   Redistribution and use in source and binary forms, with or without modification, are
//   permitted provided that the following conditions are met:
//   1. Redistributions of source code must retain the above copyright notice, this list of
//      conditions and the following disclaimer.
//   2. Redistributions in binary form must reproduce the above copyright notice, this list of
//      conditions and the following disclaimer in the documentation and/or other materials
//      provided with the distribution.
//   THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR
//   IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY
//   AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT OWNER OR
//   CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR
//   CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
//   SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY
//   THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR
//   OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE
//   POSSIBILITY OF SUCH DAMAGE.
import approxSearch, { type Match as StringMatch } from 'approx-string-match';

/** A match of the quote in the text; score in [0, 1], 1 for a perfect match of quote and context. */
export interface QuoteMatch {
  start: number;
  end: number;
  score: number;
}

/** The best approximate matches for `str` in `text` with up to `maxErrors` errors (exact ones first). */
function search(text: string, str: string, maxErrors: number): StringMatch[] {
  // approx-string-match does not look for exact matches first itself.
  let matchPos = 0;
  const exactMatches: StringMatch[] = [];
  while (matchPos !== -1) {
    matchPos = text.indexOf(str, matchPos);
    if (matchPos !== -1) {
      exactMatches.push({ start: matchPos, end: matchPos + str.length, errors: 0 });
      matchPos += 1;
    }
  }
  if (exactMatches.length > 0) return exactMatches;
  return approxSearch(text, str, maxErrors);
}

/** Similarity of `text` and `str` in [0, 1]. */
function textMatchScore(text: string, str: string): number {
  // With maxErrors = str.length, search finds at least one match unless either string is empty.
  if (str.length === 0 || text.length === 0) return 0.0;
  const matches = search(text, str, str.length);
  return 1 - matches[0].errors / str.length;
}

export interface QuoteContext {
  prefix?: string;
  suffix?: string;
  /** Expected offset of the match in the text. */
  hint?: number;
}

/** The best approximate match for `quote` in `text`, or null — Hypothesis has no minimum score. */
export function matchQuote(text: string, quote: string, context: QuoteContext = {}): QuoteMatch | null {
  if (quote.length === 0) return null;
  // Recall vs precision vs cost: the search is O((maxErrors / 32) · text.length).
  const maxErrors = Math.min(256, quote.length / 2);
  const matches = search(text, quote, maxErrors);
  if (matches.length === 0) return null;

  const scoreMatch = (match: StringMatch) => {
    const quoteWeight = 50; // similarity of the matched text to the quote
    const prefixWeight = 20; // of the text before it to context.prefix
    const suffixWeight = 20; // of the text after it to context.suffix
    const posWeight = 2; // proximity to the expected place: a tie-breaker

    const quoteScore = 1 - match.errors / quote.length;
    const prefixScore = context.prefix ? textMatchScore(text.slice(Math.max(0, match.start - context.prefix.length), match.start), context.prefix) : 1.0;
    const suffixScore = context.suffix ? textMatchScore(text.slice(match.end, match.end + context.suffix.length), context.suffix) : 1.0;
    let posScore = 1.0;
    if (typeof context.hint === 'number') {
      const offset = Math.abs(match.start - context.hint);
      posScore = 1.0 - offset / text.length;
    }
    const rawScore = quoteWeight * quoteScore + prefixWeight * prefixScore + suffixWeight * suffixScore + posWeight * posScore;
    const maxScore = quoteWeight + prefixWeight + suffixWeight + posWeight;
    return rawScore / maxScore;
  };

  const scoredMatches = matches.map((m) => ({ start: m.start, end: m.end, score: scoreMatch(m) }));
  scoredMatches.sort((a, b) => b.score - a.score);
  return scoredMatches[0];
}

/** Hypothesis's selectors for a passage: TextPosition, and TextQuote with 32 characters of context. */
export interface HypothesisSelectors {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

const CONTEXT_LEN = 32;

/** The selectors Hypothesis would store for [start, end) of `text` (UTF-16 offsets; the bench text is ASCII). */
export function describePassage(text: string, start: number, end: number): HypothesisSelectors {
  return {
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LEN), start),
    suffix: text.slice(end, Math.min(text.length, end + CONTEXT_LEN)),
  };
}

/**
 * Anchors stored selectors in a (new) text as Hypothesis's html.ts `anchor()` does: the position
 * selector when the text there still equals the quote, otherwise the quote matched with its
 * context and the old start as hint. Null when nothing matched ("orphaned").
 */
export function anchorPassage(text: string, s: HypothesisSelectors): { start: number; end: number } | null {
  if (s.end <= text.length && text.slice(s.start, s.end) === s.exact) return { start: s.start, end: s.end };
  const match = matchQuote(text, s.exact, { prefix: s.prefix, suffix: s.suffix, hint: s.start });
  return match ? { start: match.start, end: match.end } : null;
}
