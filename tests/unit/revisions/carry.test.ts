import { describe, expect, it } from 'vitest';
import { carryAnnotations } from '@/lib/revisions/carry';
import { article, carryQuote, rangeOf, sampleParagraphs, textAt } from './helpers';

const P = sampleParagraphs();
const OLD = article(P);

/** The sample article with paragraph `index` replaced. */
const withParagraph = (index: number, text: string) => article(P.map((p, i) => (i === index ? text : p)));

describe('carryAnnotations', () => {
  it('keeps every passage of an unchanged text where it was', () => {
    const quotes = ['Syrian opposition forces', 'Symbolic Significance', '“liberation.”', 'a long-term decline.'];
    const passages = quotes.map((quote, id) => ({ id, ...rangeOf(OLD, quote) }));
    const { outcomes } = carryAnnotations(OLD, OLD, passages);
    expect(outcomes).toEqual(passages.map((p) => ({ id: p.id, state: 'unchanged', start: p.start, end: p.end })));
  });

  it('follows a moved paragraph and says so; the paragraphs it passed stay unchanged', () => {
    const NEW = article([...P.slice(0, 7), ...P.slice(8), P[7]]);
    const movedQuote = 'Russia has minimized its efforts in Syria';
    const moved = carryQuote(OLD, NEW, movedQuote);
    expect(moved).toMatchObject({ state: 'moved', ...rangeOf(NEW, movedQuote), text: movedQuote });

    const passedQuote = 'With Iran’s regional influence weakened';
    const passed = carryQuote(OLD, NEW, passedQuote);
    expect(passed).toMatchObject({ state: 'unchanged', ...rangeOf(NEW, passedQuote), text: passedQuote });
  });

  it('flags a passage with a word edited inside it, on the surviving words', () => {
    const NEW = withParagraph(0, P[0].replace('a significant blow', 'a major blow'));
    const result = carryQuote(OLD, NEW, 'delivering a significant blow to the Assad regime');
    const expected = 'delivering a major blow to the Assad regime';
    expect(result).toMatchObject({ state: 'changed', ...rangeOf(NEW, expected), text: expected });
  });

  it('removes a passage whose paragraph was deleted, and shifts the next one', () => {
    const NEW = article(P.filter((_, i) => i !== 4));
    expect(carryQuote(OLD, NEW, 'a “major reputational setback” for Russia')).toMatchObject({ state: 'removed', start: null, end: null, text: null });
    const after = 'Russia’s Role in Syria';
    expect(carryQuote(OLD, NEW, after)).toMatchObject({ state: 'unchanged', ...rangeOf(NEW, after) });
  });

  it('removes a passage when less than half of it survives', () => {
    const NEW = withParagraph(0, P[0].replace('a significant blow to the Assad regime', 'a significant setback for the government in Damascus'));
    expect(carryQuote(OLD, NEW, 'significant blow to the Assad regime')).toMatchObject({ state: 'removed', start: null, end: null });
  });

  it('flags a passage with a sentence inserted inside it, spanning the insertion', () => {
    const inserted = 'The city has changed hands several times. ';
    const NEW = withParagraph(1, P[1].replace('The city was recaptured', inserted + 'The city was recaptured'));
    const result = carryQuote(OLD, NEW, 'a focal point of conflict. The city was recaptured by Assad’s forces');
    const expected = `a focal point of conflict. ${inserted}The city was recaptured by Assad’s forces`;
    expect(result).toMatchObject({ state: 'changed', ...rangeOf(NEW, expected), text: expected });
  });

  it('keeps a passage unchanged when the words right before and right after it are edited', () => {
    const NEW = withParagraph(3, P[3].replace('Vladimir Putin praised the operation, emphasizing', 'Vladimir Vladimirovich Putin praised the operation and emphasized'));
    const quote = 'Putin praised the operation';
    const result = carryQuote(OLD, NEW, quote);
    expect(result).toMatchObject({ state: 'unchanged', ...rangeOf(NEW, quote), text: quote });
    expect(result.start).toBe(rangeOf(OLD, quote).start + 'Vladimirovich '.length);
  });

  it('carries two overlapping annotations independently', () => {
    const NEW = withParagraph(1, P[1].replace('forces in 2016', 'forces in December 2016'));
    const first = 'Aleppo, which witnessed intense battles from 2012 to 2016, has once again become a focal point';
    const second = 'a focal point of conflict. The city was recaptured by Assad’s forces in 2016';
    const { outcomes } = carryAnnotations(OLD, NEW, [
      { id: 1, ...rangeOf(OLD, first) },
      { id: 2, ...rangeOf(OLD, second) },
    ]);
    expect(outcomes[0]).toEqual({ id: 1, state: 'unchanged', ...rangeOf(NEW, first) });
    const secondNow = 'a focal point of conflict. The city was recaptured by Assad’s forces in December 2016';
    expect(outcomes[1]).toEqual({ id: 2, state: 'changed', ...rangeOf(NEW, secondNow) });
    expect(textAt(NEW, outcomes[1])).toBe(secondNow);
  });

  it('tells two copies of a repeated passage apart when one is deleted, whichever it is', () => {
    const repeated = 'Analysts suggest the loss of Aleppo represents a “major reputational setback” for Russia';
    const restated = `At a later briefing the same point was made again. ${repeated}, officials added.`;
    const paragraphs = [...P.slice(0, 9), restated, ...P.slice(9)];
    const old = article(paragraphs);

    // The second copy's paragraph deleted: the first copy stays, the second is removed.
    const withoutSecond = article(paragraphs.filter((p) => p !== restated));
    const { outcomes: a } = carryAnnotations(old, withoutSecond, [
      { id: 1, ...rangeOf(old, repeated, 0) },
      { id: 2, ...rangeOf(old, repeated, 1) },
    ]);
    expect(a).toEqual([
      { id: 1, state: 'unchanged', ...rangeOf(withoutSecond, repeated, 0) },
      { id: 2, state: 'removed', start: null, end: null },
    ]);

    // The first copy's paragraph deleted: the second stays (shifted), the first is removed.
    const withoutFirst = article(paragraphs.filter((_, i) => i !== 4));
    const { outcomes: b } = carryAnnotations(old, withoutFirst, [
      { id: 1, ...rangeOf(old, repeated, 0) },
      { id: 2, ...rangeOf(old, repeated, 1) },
    ]);
    expect(b).toEqual([
      { id: 1, state: 'removed', start: null, end: null },
      { id: 2, state: 'unchanged', ...rangeOf(withoutFirst, repeated, 0) },
    ]);
  });

  it('counts offsets in code points when astral characters come before the passage', () => {
    const old = article(['Reactions 😀 poured in 🇸🇾.', ...P]);
    const NEW = article(['Reactions 😀😀 poured in quickly 🇸🇾.', ...P]);
    const quote = 'Syrian opposition forces';
    const result = carryQuote(old, NEW, quote);
    // One more emoji (one code point, two UTF-16 units) and " quickly" (8) before it.
    expect(result).toMatchObject({ state: 'unchanged', start: rangeOf(old, quote).start + 9, text: quote });
    expect(result).toMatchObject(rangeOf(NEW, quote));

    const withEmoji = 'poured in 🇸🇾.';
    expect(carryQuote(old, NEW, withEmoji)).toMatchObject({ state: 'changed', text: 'poured in quickly 🇸🇾.' });
  });

  it('keeps the body unchanged when only a heading changes', () => {
    const NEW = withParagraph(2, 'The Symbolic Weight of Russia’s Backing');
    for (const quote of ['The scenes captured in a video', 'Russian President Vladimir Putin praised the operation', 'Wagner Group mercenaries']) {
      expect(carryQuote(OLD, NEW, quote)).toMatchObject({ state: 'unchanged', ...rangeOf(NEW, quote), text: quote });
    }
    expect(carryQuote(OLD, NEW, 'Symbolic Significance of Russian Support').state).toBe('removed');
  });

  it('flags, never confirms, a phrase that survives only amid rewritten text', () => {
    const phrase = 'the Ministry of Foreign Affairs';
    const old = withParagraph(7, `Officials at ${phrase} declined to comment on the report when reached by telephone on Sunday.`);
    const NEW = withParagraph(7, `A spokesman confirmed that ${phrase} would publish its own assessment of the fighting next week.`);
    const result = carryQuote(old, NEW, phrase);
    expect(result).toMatchObject({ state: 'changed', ...rangeOf(NEW, phrase), text: phrase });
  });

  it('flags, never calls moved, a phrase found again only inside a new paragraph elsewhere', () => {
    const phrase = 'the Ministry of Foreign Affairs in Moscow';
    const old = withParagraph(4, `Officials at ${phrase} declined to comment on the report when reached by telephone on Sunday.`);
    for (const written of [`A spokesman confirmed that ${phrase} would publish its own assessment next week.`, `He said ${phrase} would reply.`]) {
      const NEW = article([...P.slice(0, 4), ...P.slice(5, 11), written, ...P.slice(11)]);
      expect(carryQuote(old, NEW, phrase)).toMatchObject({ state: 'changed', ...rangeOf(NEW, phrase), text: phrase });
    }
  });

  it('flags a passage whose edge could as well be the copy inserted beside it', () => {
    // "the rebels " inserted before "the rebels advanced": either copy could be the old one.
    const NEW = withParagraph(0, P[0].replace('as rebels advanced', 'as the rebels the rebels advanced'));
    const old = withParagraph(0, P[0].replace('as rebels advanced', 'as the rebels advanced'));
    expect(carryQuote(old, NEW, 'the rebels advanced into key areas')).toMatchObject({ state: 'changed' });
    expect(carryQuote(old, NEW, 'advanced into key areas')).toMatchObject({ state: 'unchanged', ...rangeOf(NEW, 'advanced into key areas') });
  });

  it('keeps a long sentence unchanged, not moved, when the sentences around it were rewritten', () => {
    // Rewritten in other scripts, so nothing around the sentence matches: the diff's cleanup folds
    // the sentence into one big edit, and only the move search finds it again, in place.
    const kept = 'Russia’s intervention in Syria in 2015 was a turning point in the conflict.';
    const greek = 'Η ρωσική επέμβαση στη Συρία άλλαξε την πορεία του πολέμου και έδωσε στη Μόσχα νέα θέση στην περιοχή.';
    const cyrillic = 'Российская операция в Сирии изменила ход войны и дала Москве новое влияние в регионе на многие годы.';
    const old = withParagraph(6, `${greek} ${kept} ${greek}`);
    const NEW = withParagraph(6, `${cyrillic} ${kept} ${cyrillic}`);
    expect(carryQuote(old, NEW, kept)).toMatchObject({ state: 'unchanged', ...rangeOf(NEW, kept), text: kept });
  });

  it('flags a passage in a paragraph that was moved and edited, at its new place', () => {
    const NEW = article([...P.slice(0, 7), ...P.slice(8), P[7].replace('a limited presence', 'a small presence')]);
    const result = carryQuote(OLD, NEW, 'relying on a limited presence to maintain stability');
    const expected = 'relying on a small presence to maintain stability';
    expect(result).toMatchObject({ state: 'changed', ...rangeOf(NEW, expected), text: expected });
  });

  it('returns one outcome per passage, in the order given', () => {
    const NEW = withParagraph(4, '');
    const passages = [
      { id: 9, ...rangeOf(OLD, 'Wagner Group') },
      { id: 3, ...rangeOf(OLD, 'reputational setback') },
      { id: 5, ...rangeOf(OLD, 'In a dramatic turn') },
    ];
    expect(carryAnnotations(OLD, NEW, passages).outcomes.map((o) => [o.id, o.state])).toEqual([
      [9, 'unchanged'],
      [3, 'removed'],
      [5, 'unchanged'],
    ]);
  });
});
