// Turns an uploaded file's bytes into text: strict UTF-8 only, a leading BOM dropped, binary files
// refused. Guessing other encodings would silently corrupt quotes and accents in the canonical
// text every annotation is anchored to, so the reviewer is asked to re-save the file instead.
import { fail, ok, type Result } from '../errors';

/** Share of control characters above which a decoded file is treated as binary, not text. */
const MAX_CONTROL_SHARE = 0.01;
// C0 controls other than tab, line feed, form feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0001-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g;

export function decodeUpload(bytes: Uint8Array): Result<string> {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail('unprocessable', 'The file is UTF-16 text. Save it as UTF-8 and upload it again.');
  }
  if (bytes.includes(0)) {
    return fail('unprocessable', 'The file looks binary, not text (it contains NUL bytes). Upload a text, Markdown or HTML file saved as UTF-8.');
  }
  let text: string;
  try {
    // fatal: invalid UTF-8 throws instead of becoming U+FFFD; ignoreBOM false drops a leading BOM.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail('unprocessable', 'The file is not UTF-8 text. Save it as UTF-8 (in most editors: "Save as…", encoding UTF-8) and upload it again.');
  }
  const controls = text.match(CONTROL)?.length ?? 0;
  if (controls > 0 && controls / text.length > MAX_CONTROL_SHARE) {
    return fail('unprocessable', 'The file looks binary, not text (it is full of control characters). Upload a text, Markdown or HTML file saved as UTF-8.', {
      controlCharacters: controls,
    });
  }
  return ok(text);
}
