// What a client may send to create or change an annotation, and the checks that decide whether
// it is malformed (400), too large (413) or makes no sense for this article (422). The server
// computes the quote from the offsets; a client-sent `exact` must match it.
import { z } from 'zod';
import { CanonicalText } from '../document/canonical-text';
import { fail, ok, type Result } from '../errors';
import { isStatus, STATUSES, type Status } from './status';
import type { AnnotationSource } from './types';

export const MAX_NOTE_LENGTH = 10_000;
export const MAX_SOURCES = 20;
export const MAX_SOURCE_URL_LENGTH = 2_048;
export const MAX_SOURCE_TITLE_LENGTH = 500;

// Shapes only: types are checked here (400); sizes and meaning are checked below (413/422).
const sourceShape = z.object({ url: z.string(), title: z.string().nullish() }).strict();
/** The revision the client's offsets and view refer to (a write on an older one is a 409). */
const revisionShape = z.number().int().positive().optional();
/** The annotation's version the client edited (a stale one is a 409 edit_conflict). */
const versionShape = z.number().int().positive().optional();
export const createAnnotationSchema = z
  .object({
    start: z.number().int(),
    end: z.number().int(),
    status: z.string(),
    note: z.string().optional(),
    sources: z.array(sourceShape).optional(),
    exact: z.string().optional(),
    revision: revisionShape,
  })
  .strict();
export const patchAnnotationSchema = z
  .object({ status: z.string().optional(), note: z.string().optional(), sources: z.array(sourceShape).optional(), revision: revisionShape, version: versionShape })
  .strict()
  .refine((p) => p.status !== undefined || p.note !== undefined || p.sources !== undefined, { message: 'Send at least one of status, note, sources.' });

/** Re-confirming a stale verdict on the new text: keep or change the status; re-attach to a new passage. */
export const reconfirmSchema = z
  .object({ status: z.string().optional(), start: z.number().int().optional(), end: z.number().int().optional(), exact: z.string().optional(), revision: revisionShape, version: versionShape })
  .strict()
  .refine((r) => (r.start === undefined) === (r.end === undefined), { message: 'Send both start and end to re-attach, or neither.' });

/** What a write on an annotation was based on: the article revision and the annotation version it was made on (left out: not checked). */
export interface WriteBase {
  revision?: number;
  version?: number;
}

export type CreateAnnotationInput = z.infer<typeof createAnnotationSchema>;
export type ReconfirmInput = z.infer<typeof reconfirmSchema>;
export type PatchAnnotationInput = z.infer<typeof patchAnnotationSchema>;

function checkStatus(status: string): Result<Status> {
  return isStatus(status) ? ok(status) : fail('unprocessable', `Unknown status "${status}". Use one of: ${STATUSES.join(', ')}.`);
}

function checkNote(note: string | undefined): Result<string | undefined> {
  if (note === undefined) return ok(undefined);
  if ([...note].length > MAX_NOTE_LENGTH) return fail('payload_too_large', `The note is over ${MAX_NOTE_LENGTH.toLocaleString('en')} characters.`);
  return ok(note.replace(/\r\n?/g, '\n'));
}

function checkSources(sources: { url: string; title?: string | null }[] | undefined): Result<AnnotationSource[] | undefined> {
  if (sources === undefined) return ok(undefined);
  if (sources.length > MAX_SOURCES) return fail('payload_too_large', `An annotation can have at most ${MAX_SOURCES} sources.`);
  const out: AnnotationSource[] = [];
  for (const [i, s] of sources.entries()) {
    const raw = s.url.trim();
    if (raw.length > MAX_SOURCE_URL_LENGTH) return fail('payload_too_large', `Source ${i + 1}: the URL is over ${MAX_SOURCE_URL_LENGTH} characters.`);
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return fail('unprocessable', `Source ${i + 1}: "${raw}" is not a URL.`, { index: i });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return fail('unprocessable', `Source ${i + 1}: only http and https links are accepted.`, { index: i });
    }
    const title = s.title?.trim() || null;
    if (title && title.length > MAX_SOURCE_TITLE_LENGTH) return fail('payload_too_large', `Source ${i + 1}: the title is over ${MAX_SOURCE_TITLE_LENGTH} characters.`);
    out.push({ url: url.href, title });
  }
  return ok(out);
}

export interface CheckedNewAnnotation {
  start: number;
  end: number;
  status: Status;
  note: string;
  sources: AnnotationSource[];
  exact: string;
  prefix: string;
  suffix: string;
}

/** Checks a create request against the article's canonical text and builds the quote. */
export function checkNewAnnotation(text: CanonicalText, input: CreateAnnotationInput): Result<CheckedNewAnnotation> {
  const note = checkNote(input.note);
  if (!note.ok) return note;
  const sources = checkSources(input.sources);
  if (!sources.ok) return sources;
  const status = checkStatus(input.status);
  if (!status.ok) return status;
  const range = checkRange(text, input.start, input.end, input.exact);
  if (!range.ok) return range;
  return ok({ status: status.value, note: note.value ?? '', sources: sources.value ?? [], ...range.value });
}

export interface CheckedRange {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/** A passage of the article: inside the text, not empty or only whitespace, matching `exact` when sent. */
export function checkRange(text: CanonicalText, start: number, end: number, exact: string | undefined): Result<CheckedRange> {
  if (start < 0 || end > text.length) {
    return fail('unprocessable', `The range ${start}–${end} is outside the article (0–${text.length}).`, { start, end, length: text.length });
  }
  if (start >= end) return fail('unprocessable', 'start must be less than end.', { start, end });
  const quote = text.quote(start, end);
  if (quote.exact.trim() === '') return fail('unprocessable', 'The selected passage is only whitespace.');
  if (exact !== undefined && exact !== quote.exact) {
    return fail('unprocessable', 'The quoted text does not match the article at these offsets.', { sent: exact, atOffsets: quote.exact });
  }
  return ok({ start, end, ...quote });
}

export interface CheckedReconfirmation {
  status?: Status;
  range?: CheckedRange;
}

export function checkReconfirmation(text: CanonicalText, input: ReconfirmInput): Result<CheckedReconfirmation> {
  let status: Status | undefined;
  if (input.status !== undefined) {
    const checked = checkStatus(input.status);
    if (!checked.ok) return checked;
    status = checked.value;
  }
  if (input.start === undefined || input.end === undefined) return ok({ status });
  const range = checkRange(text, input.start, input.end, input.exact);
  return range.ok ? ok({ status, range: range.value }) : range;
}

export interface CheckedPatch {
  status?: Status;
  note?: string;
  sources?: AnnotationSource[];
}

export function checkAnnotationPatch(input: PatchAnnotationInput): Result<CheckedPatch> {
  const note = checkNote(input.note);
  if (!note.ok) return note;
  const sources = checkSources(input.sources);
  if (!sources.ok) return sources;
  let status: Status | undefined;
  if (input.status !== undefined) {
    const checked = checkStatus(input.status);
    if (!checked.ok) return checked;
    status = checked.value;
  }
  return ok({ status, note: note.value, sources: sources.value });
}
