import { describe, expect, it } from 'vitest';
import { articleSchema } from '@/lib/document/schema';
import { BLOCK_SEPARATOR, CanonicalText, TextIndex } from '@/lib/document/canonical-text';

const s = articleSchema;
const p = (...content: Parameters<typeof s.text>[0][]) => s.nodes.paragraph.create(null, content.map((t) => s.text(t)));

// Headings, a list, a block quote, emphasis, a hard break, curly quotes and an emoji.
const doc = s.nodes.doc.create(null, [
  s.nodes.heading.create({ level: 2 }, s.text('Russia’s Role')),
  s.nodes.paragraph.create(null, [s.text('Putin praised the city’s '), s.text('“liberation.”', [s.marks.em.create()])]),
  s.nodes.bullet_list.create(null, [s.nodes.list_item.create(null, p('First 😀 point')), s.nodes.list_item.create(null, p('Second'))]),
  s.nodes.blockquote.create(null, s.nodes.paragraph.create(null, [s.text('Line one'), s.nodes.hard_break.create(), s.text('line two 🇸🇾 end')])),
]);

describe('canonical text', () => {
  const index = TextIndex.fromDoc(doc);

  it('joins textblocks with the separator and renders a hard break as a newline', () => {
    expect(index.text).toBe(['Russia’s Role', 'Putin praised the city’s “liberation.”', 'First 😀 point', 'Second', 'Line one\nline two 🇸🇾 end'].join(BLOCK_SEPARATOR));
  });

  it('counts offsets in code points: an emoji is one character', () => {
    expect(index.length).toBe([...index.text].length);
    const start = [...index.text].indexOf('😀');
    expect(index.slice(start, start + 1)).toBe('😀');
    expect(index.slice(start + 2, start + 7)).toBe('point');
    expect(index.unitFromOffset(start + 1)).toBe(index.text.indexOf('😀') + 2);
    expect(index.offsetFromUnit(index.text.indexOf('😀') + 1)).toBe(start);
  });

  it('maps every offset inside a block to a position and back', () => {
    let checked = 0;
    const chars = [...index.text];
    for (let o = 0; o <= chars.length; o++) {
      // Offsets strictly inside a separator have no position of their own.
      const before = chars.slice(0, o).join('');
      const inSeparator = before.endsWith('\n') && chars[o] === '\n' && !before.endsWith('one\n');
      if (inSeparator) continue;
      expect(index.offsetFromPos(index.posFromOffset(o))).toBe(o);
      checked++;
    }
    expect(checked).toBeGreaterThan(80);
  });

  it('maps every text position to an offset whose character is the one at that position', () => {
    doc.descendants((node, pos) => {
      if (!node.isText) return true;
      const units = node.text!;
      for (let i = 0; i < units.length; i++) {
        const code = units.charCodeAt(i);
        if (code >= 0xdc00 && code <= 0xdfff) continue; // second half of a pair
        const offset = index.offsetFromPos(pos + i);
        expect(index.slice(offset, offset + 1)).toBe(String.fromCodePoint(units.codePointAt(i)!));
        expect(index.posFromOffset(offset)).toBe(pos + i);
      }
      return false;
    });
  });

  it('maps an offset range across blocks to positions that cover the same text', () => {
    const start = [...index.text].indexOf('“');
    const end = [...index.text].indexOf('S', start); // into "Second"
    const from = index.posFromOffset(start, 1);
    const to = index.posFromOffset(end, -1);
    expect(doc.textBetween(from, to, '\n\n')).toBe(index.slice(start, end));
  });

  it('snaps separator offsets to the neighbouring block edges', () => {
    const sep = index.text.indexOf(BLOCK_SEPARATOR) + 1; // between the two newlines
    const afterHeading = index.posFromOffset(sep, -1);
    const beforeParagraph = index.posFromOffset(sep, 1);
    expect(doc.textBetween(0, afterHeading)).toBe('Russia’s Role');
    expect(doc.textBetween(beforeParagraph, beforeParagraph + 5)).toBe('Putin');
  });

  it('builds a TextQuoteSelector with up to 32 code points of context', () => {
    const text = new CanonicalText(`${'a'.repeat(40)}😀TARGET😀${'b'.repeat(40)}`);
    const q = text.quote(41, 47);
    expect(q.exact).toBe('TARGET');
    expect([...q.prefix]).toHaveLength(32);
    expect(q.prefix.endsWith('😀')).toBe(true);
    expect([...q.suffix]).toHaveLength(32);
  });
});
