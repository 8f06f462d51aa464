// Random texts (a small vocabulary, so coincidental repeats abound, with astral characters), random
// edits (deletions, insertions, replacements, paragraph moves, copies of existing text), random
// passages: whatever the carry confirms as unchanged or moved must be exactly the old text.
import { describe, expect, it } from 'vitest';
import { CanonicalText } from '@/lib/document/canonical-text';
import { carryAnnotations } from '@/lib/revisions/carry';

const VOCAB = ['the', 'Ministry', 'of', 'Defence', 'said', 'Aleppo', 'forces', 'rebels', 'Russia’s', 'a', 'in', 'and', '😀', '🇸🇾', 'naïve', 'on', 'Monday', '2016'];

function mulberry32(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCase(seed: number) {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const words = (n: number) => Array.from({ length: n }, () => VOCAB[int(VOCAB.length)]).join(' ');
  const sentence = () => words(4 + int(12)) + '.';
  const paragraphs = Array.from({ length: 3 + int(10) }, () => Array.from({ length: 1 + int(5) }, sentence).join(' '));
  const oldChars = [...paragraphs.join('\n\n')];
  const chars = oldChars.slice();
  for (let edits = 1 + int(6); edits > 0; edits--) {
    const at = int(chars.length + 1);
    const kind = random();
    if (kind < 0.25) chars.splice(at, 1 + int(40));
    else if (kind < 0.5) chars.splice(at, 0, ...` ${words(1 + int(8))} `);
    else if (kind < 0.7) chars.splice(at, 1 + int(30), ...words(1 + int(6)));
    else if (kind < 0.85) {
      const text = chars.join('');
      const starts = [0, ...[...text.matchAll(/\n\n/g)].map((m) => [...text.slice(0, m.index)].length + 2)];
      const k = int(starts.length);
      const block = chars.splice(starts[k], (k + 1 < starts.length ? starts[k + 1] : chars.length) - starts[k]);
      chars.splice(int(chars.length + 1), 0, ...block);
    } else {
      const from = int(chars.length);
      chars.splice(at, 0, ...chars.slice(from, from + 5 + int(40)));
    }
  }
  const passages = Array.from({ length: 30 }, (_, id) => {
    const start = int(oldChars.length);
    return { id, start, end: Math.min(oldChars.length, start + 1 + int(random() < 0.5 ? 40 : 150)) };
  });
  return { oldText: oldChars.join(''), newText: chars.join(''), passages };
}

describe('carryAnnotations on random edits', () => {
  it('confirms (unchanged or moved) only passages whose exact text stands at the new offsets', { timeout: 60_000 }, () => {
    const seen = { unchanged: 0, moved: 0, changed: 0, removed: 0 };
    for (let seed = 1; seed <= 120; seed++) {
      const { oldText, newText, passages } = randomCase(seed);
      const oldCanon = new CanonicalText(oldText);
      const newCanon = new CanonicalText(newText);
      const { outcomes } = carryAnnotations(oldText, newText, passages);
      expect(outcomes.map((o) => o.id)).toEqual(passages.map((p) => p.id));
      for (const outcome of outcomes) {
        const passage = passages[outcome.id];
        seen[outcome.state]++;
        const context = `seed ${seed}, passage ${JSON.stringify(oldCanon.slice(passage.start, passage.end))}`;
        if (outcome.state === 'removed') {
          expect(outcome, context).toMatchObject({ start: null, end: null });
          continue;
        }
        expect(outcome.start, context).not.toBeNull();
        expect(outcome.start! <= outcome.end! && outcome.end! <= newCanon.length, context).toBe(true);
        if (outcome.state === 'unchanged' || outcome.state === 'moved') {
          expect(newCanon.slice(outcome.start!, outcome.end!), context).toBe(oldCanon.slice(passage.start, passage.end));
        }
      }
    }
    // The edits must exercise every outcome, or this test proves little.
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(20);
  });
});
