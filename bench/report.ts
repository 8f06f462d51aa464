// What every suite hands back to run.ts — titled markdown tables with notes — and the small
// statistics the tables are made of. Percentiles use the nearest-rank method on the samples as
// measured, so a p99 of 3,000 samples is a sample that really happened.

export interface Table {
  head: string[];
  rows: string[][];
}

export interface Section {
  title: string;
  table: Table;
  /** Lines printed under the table: what the numbers include, targets met or missed. */
  notes?: string[];
}

export interface SuiteResult {
  sections: Section[];
  /** Sections a suite already wrote as markdown (the import and export suites). */
  markdown?: string[];
  /** Raw samples, written beside the markdown (bench/out/<suite>.json) for later analysis. */
  raw?: unknown;
  /** Measurements that are not valid (e.g. highlights missing): printed, and the run exits 1. */
  problems?: string[];
}

/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** The median; the mean of the two middle samples for an even count. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds with a precision that suits their size: 0.042 ms, 3.4 ms, 1,234 ms. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const digits = value < 1 ? 3 : value < 100 ? 1 : 0;
  return `${value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ms`;
}

export function num(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Bytes in B, kB or MB (1024-based), as the size tables show them. */
export function bytes(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value >= 1024 * 1024) return `${(value / (1024 * 1024)).toFixed(2)} MB`;
  if (value >= 1024) return `${(value / 1024).toFixed(1)} kB`;
  return `${value} B`;
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–';
}

/** "met (1.12× ≤ 1.3×)" or "missed by 23 % (1.60× > 1.3×)". */
export function verdict(measured: number, target: number, show: (v: number) => string): string {
  if (!Number.isFinite(measured)) return 'not measured';
  if (measured <= target) return `met (${show(measured)} ≤ ${show(target)})`;
  return `missed by ${Math.round((measured / target - 1) * 100)} % (${show(measured)} > ${show(target)})`;
}

export function markdownTable(table: Table): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const lines = [
    `| ${table.head.map(escape).join(' | ')} |`,
    `|${table.head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...table.rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ];
  return lines.join('\n');
}

export function markdownSection(section: Section, level = 3): string {
  const notes = section.notes?.length ? `\n\n${section.notes.map((n) => `- ${n}`).join('\n')}` : '';
  return `${'#'.repeat(level)} ${section.title}\n\n${markdownTable(section.table)}${notes}\n`;
}
