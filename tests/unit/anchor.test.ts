import { describe, expect, it } from 'vitest';
import { anchorQuote } from '@/lib/annotations/anchor';
import { CanonicalText } from '@/lib/document/canonical-text';

describe('anchorQuote', () => {
  const text = new CanonicalText('Moscow said no. Later, Moscow said yes. Then Moscow said no again.');

  it('trusts the stored offsets when the text there is the quote', () => {
    expect(anchorQuote(text, { start: 0, end: 6, exact: 'Moscow', prefix: '', suffix: ' said no.' })).toEqual({ start: 0, end: 6, moved: false });
  });

  it('re-finds a moved passage only when its quote and context occur exactly once', () => {
    const a = anchorQuote(text, { start: 3, end: 9, exact: 'Moscow', prefix: 'Later, ', suffix: ' said yes' });
    expect(a).toEqual({ start: 23, end: 29, moved: true });
  });

  it('refuses to guess between look-alike passages', () => {
    expect(anchorQuote(text, { start: 3, end: 9, exact: 'Moscow said no', prefix: '', suffix: '' })).toBeNull();
  });

  it('refuses a quote that is no longer in the text', () => {
    expect(anchorQuote(text, { start: 0, end: 6, exact: 'Kremlin', prefix: '', suffix: '' })).toBeNull();
  });
});
