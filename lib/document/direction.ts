// An article's language and base direction: the one place that tells right-to-left text from
// left-to-right (by script, counting strong letters as the Unicode bidi algorithm does) and turns
// a source's `lang` into a canonical BCP 47 tag. Imports, the view and the exports import these.

export const TEXT_DIRECTIONS = ['ltr', 'rtl'] as const;
export type TextDirection = (typeof TEXT_DIRECTIONS)[number];

/** Strong letters read before deciding: the opening of an article says what it is written in. */
const SAMPLE_STRONG_LETTERS = 2_000;

// Strong right-to-left letters (bidi classes R and AL): Hebrew, Arabic, Syriac, Arabic supplement,
// Thaana, NKo, Samaritan, Mandaic, Syriac and Arabic extensions, Hebrew and Arabic presentation
// forms, and the RTL scripts of the supplementary planes (Imperial Aramaic … Hanifi Rohingya, Adlam).
export const RTL_LETTER =
  /[\u0590-\u05ff\u0600-\u06ff\u0700-\u074f\u0750-\u077f\u0780-\u07bf\u07c0-\u07ff\u0800-\u083f\u0840-\u085f\u0860-\u086f\u0870-\u089f\u08a0-\u08ff\ufb1d-\ufb4f\ufb50-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
/**
 * Letters of any script; those not RTL are strong left-to-right. Digits, punctuation and marks
 * (Arabic-Indic digits and vowel signs included) are not letters: weak or neutral in bidi.
 */
const LETTER = /\p{L}/u;

/**
 * The direction the letters of a text are written in, or null when it has none (only digits,
 * punctuation, symbols). Right-to-left when RTL letters are the majority of the first
 * SAMPLE_STRONG_LETTERS strong letters.
 */
export function strongDirection(text: string): TextDirection | null {
  let rtl = 0;
  let strong = 0;
  for (const char of text) {
    if (!LETTER.test(char)) continue;
    strong++;
    if (RTL_LETTER.test(char)) rtl++;
    if (strong >= SAMPLE_STRONG_LETTERS) break;
  }
  if (strong === 0) return null;
  return rtl * 2 > strong ? 'rtl' : 'ltr';
}

/** The base direction of a text from its script; `fallback` when it has no letters. */
export function detectDirection(text: string, fallback: TextDirection = 'ltr'): TextDirection {
  return strongDirection(text) ?? fallback;
}

/** A canonical BCP 47 tag (`en-us` → `en-US`), or null when absent or not a valid tag. */
export function normalizeLang(raw: string | null | undefined): string | null {
  const tag = raw?.trim().replace(/_/g, '-');
  if (!tag || tag.length > 64) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

// Languages written right to left (their default script), by primary subtag.
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ji', 'ks', 'ku', 'mzn', 'nqo', 'pnb', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['Adlm', 'Arab', 'Hebr', 'Mand', 'Nkoo', 'Rohg', 'Samr', 'Syrc', 'Thaa']);

/** Whether a language tag is normally written right to left (`ar`, `fa-IR`, `ur`, `he`; not `ku-Latn`). */
export function isRtlLang(lang: string | null | undefined): boolean {
  const tag = normalizeLang(lang);
  if (!tag) return false;
  const script = /^[a-z]{2,3}-([A-Z][a-z]{3})\b/.exec(tag)?.[1];
  if (script) return RTL_SCRIPTS.has(script);
  return RTL_LANGUAGES.has(tag.split('-')[0].toLowerCase());
}

/** A `dir` attribute's value when it names a direction (`auto` and anything else: null). */
export function parseDirection(raw: string | null | undefined): TextDirection | null {
  const value = raw?.trim().toLowerCase();
  return value === 'ltr' || value === 'rtl' ? value : null;
}
