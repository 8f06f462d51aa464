// Control characters in text people send us: C0 (U+0000–U+001F) and C1 (U+0080–U+009F) codes and
// DEL are removed from imported articles and every user-supplied string, except tab and newline.
// Line breaks in other spellings (CR, CRLF, VT, FF, NEL) become newlines, so a paste from Word or
// a PDF keeps its lines. A text that is mostly control characters is binary data and is refused.

// Every C0/C1 control and DEL except tab, the line breaks below, and nothing else.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g;
// eslint-disable-next-line no-control-regex -- as above
const ANY_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- CR LF, CR, VT, FF, NEL
const LINE_BREAK = /\r\n?|[\u000B\u000C\u0085]/g;
// eslint-disable-next-line no-control-regex -- as above, plus U+FFFD (what undecodable bytes become)
const BINARY = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFD]/g;

/** Share of characters (of at least MIN_BINARY_LENGTH) above which a string is binary data. */
export const MAX_CONTROL_SHARE = 0.3;
/** Shorter strings are never called binary: their control characters are simply removed. */
export const MIN_BINARY_LENGTH = 16;

/** True when the string holds a control character other than tab and newline. */
export function hasControlChars(text: string): boolean {
  return ANY_CONTROL.test(text);
}

/** The text without control characters: other line breaks become `\n`, the rest are removed. */
export function stripControlChars(text: string): string {
  if (!hasControlChars(text)) return text;
  return text.replace(LINE_BREAK, '\n').replace(CONTROL, '');
}

/**
 * True for a string that is binary data rather than text: at least MIN_BINARY_LENGTH characters,
 * more than MAX_CONTROL_SHARE of them control characters (not counting whitespace) or U+FFFD.
 */
export function looksBinary(text: string): boolean {
  if (text.length < MIN_BINARY_LENGTH) return false;
  const controls = text.match(BINARY)?.length ?? 0;
  return controls > text.length * MAX_CONTROL_SHARE;
}

export const BINARY_MESSAGE = 'looks like binary data, not text (it is full of control characters)';
