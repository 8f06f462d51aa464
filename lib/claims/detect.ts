// Finds the check-worthy sentences of a canonical text and says why each was picked, offline.
// The word knowledge is compromise's (a rule-based English NLP library, no model download): its
// lexicon of people, places, organisations, numbers, months, nationalities, comparatives and
// superlatives, and its verb conjugation and adjective forms to expand the few lemmas it has no
// notion of (attribution, change and causal verbs). Its full tagger is not run: on this project's
// machines it reads about 4,000 words a second, and an article of 100,000 words must take under
// 2 s (bench/claims.ts measures both), so words are looked up one by one in its lexicon instead.
// A sentence is a claim when it has at least one reason and states something (not a question,
// not the writer's opinion, not a heading without a verb, not a bare prediction).
import nlp from 'compromise';
import { segmentSentences } from './segment';
import { CLAIM_REASONS, type ClaimReason, type DetectedClaim } from './types';

/** Bumped when the detector changes, so stored claims are recomputed (db/queries/claims.ts). */
export const DETECTOR_VERSION = 2;

// ——— compromise's word knowledge, read once ———

type Tags = string | string[] | undefined;
interface Knowledge {
  lexicon: Record<string, Tags>;
  /** Words that name organisations when capitalised ("Wagner Group", "Ministry of Finance"). */
  orgWords: Record<string, unknown>;
  conjugate(verb: string): Record<string, string>;
  fromSuperlative(word: string): string;
  fromComparative(word: string): string;
}

let knowledge: Knowledge | undefined;
function words(): Knowledge {
  if (!knowledge) {
    const world = nlp.world() as unknown as {
      model: { one: { lexicon: Record<string, Tags> }; two: { orgWords: Record<string, unknown> } };
      methods: { two: { transform: { verb: { conjugate(v: string, m: unknown): Record<string, string> }; adjective: { fromSuperlative(w: string, m: unknown): string; fromComparative(w: string, m: unknown): string } } } };
    };
    const { verb, adjective } = world.methods.two.transform;
    knowledge = {
      lexicon: world.model.one.lexicon,
      orgWords: world.model.two.orgWords,
      conjugate: (v) => verb.conjugate(v, world.model),
      fromSuperlative: (w) => adjective.fromSuperlative(w, world.model),
      fromComparative: (w) => adjective.fromComparative(w, world.model),
    };
  }
  return knowledge;
}

const tagsOf = (word: string): string[] => {
  const t = words().lexicon[word];
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
};
const NAME_TAGS = ['Person', 'FirstName', 'MaleName', 'FemaleName', 'LastName', 'Place', 'City', 'Country', 'Region', 'Organization', 'SportsTeam', 'ProperNoun'];
const FIGURE_TAGS = ['Cardinal', 'Multiple', 'Fraction', 'Month', 'WeekDay'];
/** Words before which a verb form is a noun ("the rise", "its claims"). */
const NOUN_CONTEXT = ['Determiner', 'Possessive', 'Adjective', 'Preposition'];

// ——— the few lemmas compromise has no category for, expanded with its conjugation ———

/** Verbs that report what someone said or holds. */
const ATTRIBUTION_VERBS = 'say tell state claim argue insist deny admit announce confirm warn note explain write report suggest caution allege assert contend declare testify reveal concede dispute reject acknowledge estimate criticize criticise accuse praise call predict promise';
/** Verbs of a change in quantity: a comparison over time. */
const CHANGE_VERBS = 'double triple quadruple halve increase decrease rise fall grow decline drop surge plunge soar jump slump climb shrink outnumber exceed surpass outpace overtake raise cut';
/** Verbs that state a cause. */
const CAUSAL_VERBS = 'cause trigger spark prompt fuel push enable allow delay';

interface VerbForms {
  /** Forms that are only verbs (said, rising). */
  sure: Set<string>;
  /** Forms that may be nouns (a claim, the rises): verbs unless a determiner or adjective comes before. */
  maybe: Set<string>;
}

const formCache = new Map<string, VerbForms>();
function verbForms(lemmas: string): VerbForms {
  let forms = formCache.get(lemmas);
  if (!forms) {
    forms = { sure: new Set(), maybe: new Set() };
    for (const lemma of lemmas.split(' ')) {
      const c = words().conjugate(lemma);
      for (const form of [c.PastTense, c.Gerund, c.Participle]) if (form) forms.sure.add(form);
      // "a claim", "the increase", "tax cuts": the base and -s forms are often nouns.
      for (const form of [c.Infinitive, c.PresentTense]) if (form && !forms.sure.has(form)) forms.maybe.add(form);
    }
    formCache.set(lemmas, forms);
  }
  return forms;
}

// ——— surface patterns ———

const DIGIT_FIGURE = /\p{Nd}|[$€£¥%]/u;
/** Fractions in words ("by a third", "two quarters") and months whose names are also words. */
const WORD_FIGURE = /\b(?:a|one|two|three) (?:third|quarter|fifth|tenth)s?\b|\b(?:in|on|by|since|until|from|of|last|next|this|early|late|mid-) (?:March|May)\b/;
/** Quoted words: “…”, "…", or ‘…’ opened at a word start (’ alone is an apostrophe). */
const QUOTED = /“[^”]*\p{L}[^”]*”|"[^"]*\p{L}[^"]*"|(?:^|[\s(])‘[^’]*\p{L}[^’]*’(?!\p{L})/u;
const ATTRIBUTION_PHRASE = /\b(?:according to|reportedly|in a statement|quoted as|point(?:s|ed|ing)? out|told (?:reporters|journalists)|sources? (?:say|said|told))\b/i;
const COMPARISON_PHRASE =
  /\b(?:than|as (?:many|much|few|little|high|low|large|big) as|compared (?:with|to)|at (?:least|most)|the (?:most|least|only)|record|unprecedented|(?:twice|thrice|(?:two|three|four|five|ten) times) (?:as|more|less|the)|(?<!at )first)\b|\p{N}\S*(?: \p{L}+)? (?:more|less|fewer|higher|lower)\b/iu;
const CAUSAL_PHRASE =
  /\b(?:because|due to|owing to|thanks to|as a (?:result|consequence)|(?:result(?:s|ed|ing)?) (?:in|from)|reasons? (?:for|why)|main reason|therefore|consequently|hence|(?:lead|leads|led|leading) to|contribut(?:e|es|ed|ing) to|blam(?:e|es|ed|ing) (?:on|for)|(?:driven|fu?ell?ed|caused|triggered|prompted|sparked) by|stem(?:s|med|ming)? from|in response to|responsible for|attributed to)\b/i;
/** A question, also a quoted one ("“Would you eat it?” he asks."): it asks, it does not claim. */
const QUESTION = /\?/;
/** Ends like a sentence (a heading or caption does not, and is a claim only when it has a verb). */
const SENTENCE_END = /[.!…][”"’')\]]*$/u;
/** The writer's own opinion, not a claim about the world. */
const OPINION = /^(?:I|We) (?:think|believe|feel|hope)\b|\bin (?:my|our) (?:view|opinion)\b|^It is time\b|^Perhaps\b/;
/** A prediction or a possibility: checkable only for the figures or words it reports. */
const SPECULATIVE = /\b(?:will|would|could|might|may|should|shall)\b/;
/** Comparatives that rarely compare anything ("the broader region", "later that day"). */
const LOOSE_COMPARATIVES = new Set('broader wider further farther later earlier latter former'.split(' '));
/** Capitalised words that are no names ("I"; months compromise leaves out as they are also words; nationalities are tagged Demonym). */
const NOT_NAMES = new Set(['i', 'march', 'may']);
const VERB_TAGS = ['PastTense', 'PresentTense', 'Copula', 'Modal', 'Participle', 'Auxiliary'];

/** A word: letters and digits with inner apostrophes, dots (U.S.) and hyphens; a possessive ’s is dropped. */
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}]|['’.-](?=[\p{L}\p{N}]))*\.?/gu;

/** What the detector needs to know of one word (lower-case), worked out once per word. */
interface Word {
  /** A number in words, a fraction, a month or a weekday ("one" is usually a pronoun: not counted). */
  figure: boolean;
  comparative: boolean;
  /** A verb form that makes a heading a statement. */
  verb: boolean;
  /** A word after which a verb form is a noun ("the rise"). */
  nounContext: boolean;
  /** The lexicon knows it as a person, place or organisation. */
  name: boolean;
  /** A nationality, month, weekday or title: capitalised, yet no name. */
  notName: boolean;
  abbreviation: boolean;
  orgWord: boolean;
  attribution: VerbKind;
  change: VerbKind;
  causal: VerbKind;
}

/** 0: not one of the verbs; 1: surely a verb form; 2: a verb unless a noun context comes before. */
type VerbKind = 0 | 1 | 2;

const WORD_CACHE_LIMIT = 50_000;
const wordCache = new Map<string, Word>();

function wordInfo(lower: string): Word {
  let w = wordCache.get(lower);
  if (w) return w;
  const tags = tagsOf(lower);
  const kind = (forms: VerbForms): VerbKind => (forms.sure.has(lower) ? 1 : forms.maybe.has(lower) ? 2 : 0);
  w = {
    figure: lower !== 'one' && tags.some((tag) => FIGURE_TAGS.includes(tag)),
    comparative: isComparative(lower, tags),
    verb: tags.some((tag) => VERB_TAGS.includes(tag)),
    nounContext: tags.some((tag) => NOUN_CONTEXT.includes(tag)),
    name: tags.some((tag) => NAME_TAGS.includes(tag)),
    notName: NOT_NAMES.has(lower) || tags.some((tag) => tag === 'Demonym' || tag === 'Month' || tag === 'WeekDay' || tag === 'Honorific'),
    abbreviation: tags.includes('Abbreviation'),
    orgWord: lower in words().orgWords,
    attribution: kind(verbForms(ATTRIBUTION_VERBS)),
    change: kind(verbForms(CHANGE_VERBS)),
    causal: kind(verbForms(CAUSAL_VERBS)),
  };
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  wordCache.set(lower, w);
  return w;
}

interface Token {
  text: string;
  word: Word;
  /** Opens the sentence or a quotation: a capital letter there says nothing. */
  opening: boolean;
  capital: boolean;
}

const OPENERS = new Set(['“', '"', '‘', ':', '—', '–', '(']);

/** Whether the word at `at` follows only white space after the sentence start or an opening mark. */
function opensAt(sentence: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (sentence[i] === ' ' || sentence[i] === '\u00a0')) i--;
  return i < 0 || OPENERS.has(sentence[i]);
}

function tokenize(sentence: string): Token[] {
  const out: Token[] = [];
  for (const m of sentence.matchAll(WORD)) {
    let text = m[0];
    // "Mr." and "U.S." keep their dot; a word at the end of a sentence does not.
    if (text.endsWith('.') && !INITIALS.test(text) && !wordInfo(text.slice(0, -1).toLowerCase()).abbreviation) text = text.slice(0, -1);
    if (text.endsWith('s') && (text[text.length - 2] === '’' || text[text.length - 2] === "'")) text = text.slice(0, -2);
    let lower = text.toLowerCase();
    if (lower.endsWith('.')) lower = lower.slice(0, -1);
    const first = text.codePointAt(0)!;
    out.push({ text, word: wordInfo(lower), opening: out.length === 0 || opensAt(sentence, m.index!), capital: CAPITAL.test(String.fromCodePoint(first)) });
  }
  return out;
}

const INITIALS = /^(?:\p{L}\.)+$/u;
const CAPITAL = /^\p{Lu}/u;
const NAME_INITIALS = /^(?:\p{Lu}\.){2,}$/u;

function isComparative(lower: string, tags: string[]): boolean {
  if (LOOSE_COMPARATIVES.has(lower)) return false;
  if (tags.includes('Comparative') || tags.includes('Superlative')) return true;
  if (tags.length > 0 || !/(?:er|est)$/.test(lower)) return false;
  // Regular forms compromise's lexicon leaves out: "cheapest" is a superlative of an adjective it knows.
  const base = lower.endsWith('est') ? words().fromSuperlative(lower) : words().fromComparative(lower);
  return base !== lower && tagsOf(base).includes('Adjective');
}

/**
 * Why a sentence is check-worthy; [] when it is not: no reason, a question, an opinion, a heading
 * without a verb, or a prediction that reports no figure and no one's words.
 */
export function sentenceReasons(sentence: string): ClaimReason[] {
  if (QUESTION.test(sentence) || OPINION.test(sentence)) return [];
  const tokens = tokenize(sentence);
  const statement = SENTENCE_END.test(sentence);
  if (!statement && !DIGIT_FIGURE.test(sentence) && !tokens.some((t) => t.word.verb)) return [];
  // In a title-case heading every word is capitalised: only the lexicon tells names apart there.
  let long = 0;
  let capitalised = 0;
  for (const t of tokens) {
    if (t.text.length <= 3) continue;
    long++;
    if (t.capital) capitalised++;
  }
  const titleCase = !statement && long > 1 && capitalised >= 0.6 * long;

  const reasons = new Set<ClaimReason>();
  if (DIGIT_FIGURE.test(sentence) || WORD_FIGURE.test(sentence)) reasons.add('figure');
  if (QUOTED.test(sentence) || ATTRIBUTION_PHRASE.test(sentence)) reasons.add('quotation');
  if (COMPARISON_PHRASE.test(sentence)) reasons.add('comparison');
  if (CAUSAL_PHRASE.test(sentence)) reasons.add('causal');

  for (let i = 0; i < tokens.length; i++) {
    const { word, capital, opening, text } = tokens[i];
    if (word.figure) reasons.add('figure');
    if (word.comparative) reasons.add('comparison');
    const nounBefore = i > 0 && tokens[i - 1].word.nounContext;
    const isVerb = (kind: VerbKind) => kind === 1 || (kind === 2 && !nounBefore);
    if (isVerb(word.attribution)) reasons.add('quotation');
    if (isVerb(word.change)) reasons.add('comparison');
    if (isVerb(word.causal)) reasons.add('causal');
    // Named people, organisations and places: what the lexicon knows as a name, or any other
    // capitalised word inside the sentence that is not a nationality, month or weekday.
    if (!capital || word.notName && !word.name) continue;
    const known = word.name || NAME_INITIALS.test(text) || (word.orgWord && i > 0 && tokens[i - 1].capital);
    const other = !opening && !titleCase && !word.notName;
    if (known || other) reasons.add('named_entity');
  }
  if (SPECULATIVE.test(sentence) && !reasons.has('figure') && !reasons.has('quotation')) return [];
  return CLAIM_REASONS.filter((r) => reasons.has(r));
}

/** The check-worthy sentences of a canonical text, in order, with code-point offsets. */
export function detectClaims(text: string): DetectedClaim[] {
  const out: DetectedClaim[] = [];
  for (const s of segmentSentences(text)) {
    const reasons = sentenceReasons(s.text);
    if (reasons.length) out.push({ start: s.start, end: s.end, reasons });
  }
  return out;
}
