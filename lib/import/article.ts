// What every importer returns (ImportedArticle), the metadata a reviewer may supply with an
// import (ArticleMeta), and finishImport — the one exit every importer takes, so the limits, the
// canonical text, the removal of control characters and the "given metadata beats found
// metadata" rule are applied the same way.
import { Fragment, type Node as PMNode } from 'prosemirror-model';
import { hasControlChars, stripControlChars } from '../control-chars';
import { TextIndex } from '../document/canonical-text';
import { isRtlLang, normalizeLang, parseDirection, strongDirection, type TextDirection } from '../document/direction';
import { fail, ok, type Result } from '../errors';
import { checkImportedText, checkTables } from './limits';

export interface ImportedArticle {
  doc: PMNode;
  /** The canonical plain text (TextIndex.fromDoc(doc).text). */
  plainText: string;
  title: string;
  byline: string | null;
  publisher: string | null;
  sourceUrl: string | null;
  /** ISO 8601: a date (2024-11-30) or a UTC datetime (2024-11-30T08:00:00.000Z). */
  publishedAt: string | null;
  /** The text's language (BCP 47) when the source names it, else null. */
  lang: string | null;
  /** Base direction: the source's, else detected from the canonical text's script. */
  dir: TextDirection;
}

/** Metadata supplied with an import; blank values count as absent. */
export interface ArticleMeta {
  title?: string | null;
  byline?: string | null;
  publisher?: string | null;
  sourceUrl?: string | null;
  publishedAt?: string | null;
}

/** Metadata after normalisation: trimmed, validated, null when absent. */
export interface CleanMeta {
  title: string | null;
  byline: string | null;
  publisher: string | null;
  sourceUrl: string | null;
  publishedAt: string | null;
}

/** What an importer found in the source besides the text: metadata, the language and the direction it declares. */
export interface FoundMeta extends CleanMeta {
  lang: string | null;
  /** A `dir` attribute's value as found (`auto` or anything else counts as none). */
  dir: string | null;
}

export const TITLE_MAX_CHARS = 120;
const META_MAX_CHARS = 500;

/** Trims and validates supplied metadata: sourceUrl must be a web link, publishedAt a date. */
export function normaliseMeta(meta: ArticleMeta = {}): Result<CleanMeta> {
  const clean: CleanMeta = {
    title: collapse(meta.title),
    byline: collapse(meta.byline),
    publisher: collapse(meta.publisher),
    sourceUrl: collapse(meta.sourceUrl),
    publishedAt: collapse(meta.publishedAt),
  };
  for (const key of ['title', 'byline', 'publisher', 'sourceUrl'] as const) {
    const value = clean[key];
    if (value && value.length > META_MAX_CHARS) return fail('bad_request', `${key} is longer than ${META_MAX_CHARS} characters.`);
  }
  if (clean.sourceUrl) {
    const url = webUrl(clean.sourceUrl);
    if (!url) return fail('bad_request', 'sourceUrl must be an http or https link.');
    clean.sourceUrl = url;
  }
  if (clean.publishedAt) {
    const date = normaliseDate(clean.publishedAt);
    if (!date) return fail('bad_request', 'publishedAt must be a date such as 2024-11-30 or 2024-11-30T08:00:00Z.');
    clean.publishedAt = date;
  }
  return ok(clean);
}

/**
 * Builds the result: given metadata overrides what the importer found in the source; the title
 * falls back to the article's first line. Fails when the text or a table breaks a limit (limits.ts).
 * The direction is the source's, else the script of the text, else that of the source's language.
 */
export function finishImport(parsed: PMNode, given: CleanMeta, found: Partial<FoundMeta> = {}, emptyMessage?: string): Result<ImportedArticle> {
  const doc = withoutControlChars(parsed);
  // The parsers only build schema-valid documents; a failure here is a bug and should throw.
  doc.check();
  const tables = checkTables(doc);
  if (!tables.ok) return tables;
  const plainText = TextIndex.fromDoc(doc).text;
  const checked = checkImportedText(plainText, emptyMessage);
  if (!checked.ok) return checked;
  const lang = normalizeLang(found.lang);
  return ok({
    doc,
    plainText,
    title: given.title ?? (collapse(found.title) || titleFromText(plainText)),
    byline: given.byline ?? collapse(found.byline),
    publisher: given.publisher ?? collapse(found.publisher),
    sourceUrl: given.sourceUrl ?? (found.sourceUrl ? webUrl(found.sourceUrl) : null),
    publishedAt: given.publishedAt ?? (found.publishedAt ? normaliseDate(found.publishedAt) : null),
    lang,
    dir: parseDirection(found.dir) ?? strongDirection(plainText) ?? (isRtlLang(lang) ? 'rtl' : 'ltr'),
  });
}

/**
 * The document with control characters removed from its text (lib/control-chars.ts): markup can
 * still produce them after parsing (`&#1;` in HTML), so the parsed document is cleaned, not the source.
 */
export function withoutControlChars(node: PMNode): PMNode {
  if (!hasControlChars(node.textContent)) return node;
  const children: PMNode[] = [];
  node.forEach((child) => {
    if (!child.isText) {
      children.push(withoutControlChars(child));
      return;
    }
    const text = stripControlChars(child.text ?? '');
    // ProseMirror has no empty text nodes: a run of nothing but control characters goes.
    if (text) children.push(text === child.text ? child : child.type.schema.text(text, child.marks));
  });
  return node.copy(Fragment.from(children));
}

/** The first line of the text, cut at a word boundary to at most TITLE_MAX_CHARS. */
export function titleFromText(text: string): string {
  const firstLine = text.trimStart().split('\n', 1)[0].replace(/\s+/g, ' ').trim();
  return truncateAtWord(firstLine, TITLE_MAX_CHARS);
}

export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // A single very long "word" (a URL, say) is cut mid-word rather than left empty.
  const head = space > max / 2 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/** Control characters removed, whitespace collapsed and trimmed; empty → null. */
export function collapse(value: string | null | undefined): string | null {
  const text = value == null ? undefined : stripControlChars(value).replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

/** An absolute http(s) URL, normalised, or null. */
export function webUrl(value: string, base?: string): string | null {
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An ISO date kept as a date; anything else Date can read becomes a UTC ISO datetime; else null. */
export function normaliseDate(value: string): string | null {
  const text = value.trim();
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) {
    const date = new Date(`${text}T00:00:00Z`);
    // Rejects 2024-02-31, which Date would roll over into March.
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? text : null;
  }
  // Date also reads "1" or "May" as dates; a publication date names its year.
  if (!/(^|\D)\d{4}(\D|$)/.test(text)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
