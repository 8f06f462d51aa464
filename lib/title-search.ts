// The articles list's title search: the text a reviewer types is matched as words (every word must
// appear in the title, in any order, ignoring case and accents; the last one also as the start of
// a word), never as SQLite FTS5 query syntax. Text that looks like that syntax is refused with a
// 400 that says so, rather than quietly read some other way.
import { fail, ok, type Result } from './errors';

/** What FTS5's unicode61 tokenizer keeps as word characters: letters, digits, marks, private use. */
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;
const SYNTAX = /["*^(){}:]/u;
const OPERATOR = /(?:^|[^\p{L}\p{N}])(AND|OR|NOT|NEAR)(?=$|[^\p{L}\p{N}])/u;
export const MAX_SEARCH_WORDS = 16;

const wordsOnly = 'Search matches the words of titles';

/**
 * The FTS5 MATCH expression for a search (each word quoted, the last one as a prefix), null when
 * the search is empty (every title), or a 400 for FTS syntax or text without any word.
 */
export function titleMatch(q: string | undefined): Result<string | null> {
  const text = (q ?? '').trim();
  if (text === '') return ok(null);
  const syntax = SYNTAX.exec(text);
  if (syntax) {
    return fail('bad_request', `${wordsOnly}: leave out ${syntax[0] === '"' ? 'double quotes' : `“${syntax[0]}”`} (quoted phrases, wildcards, column filters and other search syntax are not supported).`);
  }
  const operator = OPERATOR.exec(text);
  if (operator) return fail('bad_request', `${wordsOnly}: “${operator[1]}” in capitals is a search operator, which is not supported. Write the words alone (a title must contain all of them), or in lower case.`);
  const words = text.match(WORD) ?? [];
  if (words.length === 0) return fail('bad_request', `${wordsOnly}: “${text.slice(0, 40)}” has no letters or digits to look for.`);
  if (words.length > MAX_SEARCH_WORDS) return fail('bad_request', `${wordsOnly}: search with at most ${MAX_SEARCH_WORDS} words.`);
  return ok(words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' '));
}
