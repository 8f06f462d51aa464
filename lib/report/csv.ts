// The CSV report: one row per annotation, RFC 4180 (quoted fields, CRLF records), UTF-8 with a
// byte-order mark so Excel reads non-Latin names correctly. Cells a spreadsheet would evaluate
// as a formula are neutralised.
import { stringify } from 'csv-stringify/sync';
import type { ReportModel, ReportSource } from './model';

export const CSV_COLUMNS = ['id', 'status', 'passage', 'start', 'end', 'note', 'sources', 'reviewer', 'created', 'updated'] as const;

/**
 * OWASP "CSV injection": a cell starting with = + - @ tab or CR may run as a formula in Excel,
 * LibreOffice or Google Sheets; a leading apostrophe makes it text. Only string cells are touched,
 * so the numeric start/end columns stay numbers.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * Sources go in one cell, one per line ("Title <url>" or just the URL): titles and URLs may contain
 * "|" or ",", but not line breaks, and spreadsheets show a multi-line cell as a list.
 */
export function formatSourcesCell(sources: ReportSource[]): string {
  return sources.map((s) => (s.title ? `${s.title} <${s.url}>` : s.url)).join('\n');
}

export function renderCsv(model: ReportModel): string {
  const rows = model.items.map((item) => [
    item.id,
    item.status,
    neutraliseFormula(item.exact),
    item.start,
    item.end,
    neutraliseFormula(item.note),
    neutraliseFormula(formatSourcesCell(item.sources)),
    neutraliseFormula(item.author.name),
    neutraliseFormula(item.createdAt),
    neutraliseFormula(item.updatedAt),
  ]);
  return stringify(rows, {
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: 'windows',
    bom: true,
    // With a CRLF record delimiter csv-stringify only quotes fields holding the delimiter, ",", or
    // '"'; RFC 4180 (and Excel) need every field with a bare LF or CR quoted too.
    quoted_match: /[\r\n]/,
  });
}
