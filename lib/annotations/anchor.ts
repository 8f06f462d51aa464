// Anchoring: where an annotation's passage is in the article's canonical text. The stored
// TextPositionSelector is trusted only when the text there still equals the stored quote; a
// moved passage is re-found only when exactly one occurrence of the quote also has the stored
// prefix and suffix around it. Anything else is an orphan, listed but never painted — a verdict
// must never land on the wrong words (the failure of fuzzy anchoring elsewhere).
import type { CanonicalText } from '../document/canonical-text';

export interface QuoteSelector {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

export type Anchor = { start: number; end: number; moved: boolean } | null;

export function anchorQuote(text: CanonicalText, selector: QuoteSelector): Anchor {
  const { start, end, exact } = selector;
  if (start >= 0 && end <= text.length && start < end && text.slice(start, end) === exact) return { start, end, moved: false };
  if (!exact) return null;
  const needle = selector.prefix + exact + selector.suffix;
  const first = text.text.indexOf(needle);
  if (first < 0 || text.text.indexOf(needle, first + 1) >= 0) return null;
  const unitStart = first + selector.prefix.length;
  const cpStart = text.offsetFromUnit(unitStart);
  return { start: cpStart, end: text.offsetFromUnit(unitStart + exact.length), moved: true };
}
