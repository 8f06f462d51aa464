// The CSV report: one row per annotation, RFC 4180 (quoted fields, CRLF records), UTF-8 with a
// byte-order mark so Excel reads non-Latin names correctly. Cells a spreadsheet would evaluate
// as a formula are neutralised. Verdicts on the current text come first, in document order, then
// those whose passage a revision removed (no start/end; the passage as it read).
import { stringify } from 'csv-stringify/sync';
import type { ReportModel, ReportSource, ReportVerdict } from './model';

/**
 * The first ten columns are as they were before revisions; the revision columns are appended so
 * spreadsheets and scripts that read columns by position keep working:
 * - `revision`: the article revision the export is on (the same on every row);
 * - `anchor_state`: unchanged, moved, changed or removed;
 * - `needs_recheck`: "yes" when a revision changed the passage and the verdict was not re-confirmed, else "no";
 * - `since_revision`: the revision that moved, changed or removed the passage (empty when unchanged);
 * - `previous_passage`: the passage as it read before that revision, when it read differently.
 * After them, appended in turn:
 * - `replies`: how many live replies the verdict's thread has (the replies themselves are in the
 *   HTML, PDF and Markdown reports and the W3C export).
 * - `location`: where the passage sits when that is a table cell or a figure's caption, e.g.
 *   "Table 1, row 3 (“Defence”), column 2 (“Budget”)"; empty for ordinary text and removed passages.
 */
export const CSV_COLUMNS = [
  'id',
  'status',
  'passage',
  'start',
  'end',
  'note',
  'sources',
  'reviewer',
  'created',
  'updated',
  'revision',
  'anchor_state',
  'needs_recheck',
  'since_revision',
  'previous_passage',
  'replies',
  'location',
] as const;

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

type Cell = string | number;

function verdictCells(item: ReportVerdict): Cell[] {
  return [
    neutraliseFormula(item.note),
    neutraliseFormula(formatSourcesCell(item.sources)),
    neutraliseFormula(item.author.name),
    neutraliseFormula(item.createdAt),
    neutraliseFormula(item.updatedAt),
  ];
}

export function renderCsv(model: ReportModel): string {
  const revision = model.article.revision;
  const placed = model.items.map((item): Cell[] => [
    item.id,
    item.status,
    neutraliseFormula(item.exact),
    item.start,
    item.end,
    ...verdictCells(item),
    revision,
    item.anchorState,
    item.stale ? 'yes' : 'no',
    item.changedIn ?? '',
    neutraliseFormula(item.previousExact ?? ''),
    item.replies.length,
    neutraliseFormula(item.location ?? ''),
  ]);
  const removed = model.removed.map((item): Cell[] => [
    item.id,
    item.status,
    neutraliseFormula(item.exact),
    '',
    '',
    ...verdictCells(item),
    revision,
    'removed',
    'no',
    item.removedIn,
    '',
    item.replies.length,
    '',
  ]);
  const rows = [...placed, ...removed];
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
