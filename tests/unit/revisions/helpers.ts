// Shared fixtures for the revision tests: the sample article as paragraphs, code-point ranges of
// quotes, and the carry of one passage read back as text.
import fs from 'node:fs';
import path from 'node:path';
import { CanonicalText } from '@/lib/document/canonical-text';
import { carryAnnotations, type CarryOutcome } from '@/lib/revisions/carry';

/** The paragraphs of content/sample-article.txt (one a line there), in order. */
export function sampleParagraphs(): string[] {
  const text = fs.readFileSync(path.resolve(__dirname, '../../../content/sample-article.txt'), 'utf8');
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** Canonical text of paragraphs. */
export const article = (paragraphs: string[]) => paragraphs.join('\n\n');

/** Code-point range of the n-th (from 0) occurrence of `quote` in `text`. */
export function rangeOf(text: string, quote: string, occurrence = 0): { start: number; end: number } {
  let unit = -1;
  for (let i = 0; i <= occurrence; i++) {
    unit = text.indexOf(quote, unit + 1);
    if (unit < 0) throw new Error(`"${quote}" occurs fewer than ${occurrence + 1} times`);
  }
  const start = [...text.slice(0, unit)].length;
  return { start, end: start + [...quote].length };
}

/** The text an outcome points at in the new text, or null when removed. */
export function textAt(newText: string, outcome: CarryOutcome): string | null {
  if (outcome.start === null || outcome.end === null) return null;
  return new CanonicalText(newText).slice(outcome.start, outcome.end);
}

/** Carries one passage (the n-th occurrence of `quote` in `oldText`). */
export function carryQuote(oldText: string, newText: string, quote: string, occurrence = 0) {
  const [outcome] = carryAnnotations(oldText, newText, [{ id: 1, ...rangeOf(oldText, quote, occurrence) }]).outcomes;
  return { ...outcome, text: textAt(newText, outcome) };
}
