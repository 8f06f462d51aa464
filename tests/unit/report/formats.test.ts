import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, REPORT_FORMAT_INFO, isReportFormat, renderReport, reportFilename } from '@/lib/report';
import { fixtureInput, revisedFixtureInput } from './fixture';

describe('report formats', () => {
  it('names a file <slug>-factcheck-<yyyy-mm-dd>.<ext> from the export date in UTC', () => {
    const late = new Date('2024-12-05T23:30:00-05:00'); // already 6 December in UTC
    expect(reportFilename('syrian-rebels-seize-aleppo', late, 'pdf')).toBe('syrian-rebels-seize-aleppo-factcheck-2024-12-06.pdf');
    expect(reportFilename('x', late, 'json')).toBe('x-factcheck-2024-12-06.jsonld');
    expect(reportFilename('x', late, 'claimreview')).toBe('x-factcheck-2024-12-06.json');
    // Whatever the slug holds, the name stays header-safe.
    expect(reportFilename('../"évil"\r\nname', late, 'md')).toBe('vil-name-factcheck-2024-12-06.md');
    expect(reportFilename('', late, 'csv')).toBe('article-factcheck-2024-12-06.csv');
  });

  it('knows every format and nothing else', () => {
    expect(REPORT_FORMATS).toEqual(['html', 'pdf', 'md', 'csv', 'json', 'claimreview']);
    expect(REPORT_FORMATS.every(isReportFormat)).toBe(true);
    expect(isReportFormat('xlsx')).toBe(false);
    expect(isReportFormat('toString')).toBe(false);
  });

  it('renders each format with its content type and file name', async () => {
    const expected = {
      html: ['text/html; charset=utf-8', '.html', '<!DOCTYPE html>'],
      pdf: ['application/pdf', '.pdf', '%PDF-'],
      md: ['text/markdown; charset=utf-8', '.md', '# Fact-check report'],
      csv: ['text/csv; charset=utf-8', '.csv', '\uFEFFid,status'],
      json: ['application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', '.jsonld', '{'],
      claimreview: ['application/ld+json', '.json', '{'],
    } as const;
    for (const format of REPORT_FORMATS) {
      const out = await renderReport(format, fixtureInput());
      const [contentType, ext, start] = expected[format];
      expect(out.contentType).toBe(contentType);
      expect(REPORT_FORMAT_INFO[format].contentType).toBe(contentType);
      expect(out.filename).toBe(`syrian-rebels-seize-aleppo-factcheck-2024-12-05${ext}`);
      const body = typeof out.body === 'string' ? out.body : out.body.subarray(0, 16).toString('latin1');
      expect(body.startsWith(start)).toBe(true);
      expect(typeof out.body === 'string').toBe(format !== 'pdf');
      if (format === 'json' || format === 'claimreview') expect(() => JSON.parse(out.body as string)).not.toThrow();
    }
  });

  it('states the revision and its date in every text format', async () => {
    for (const format of ['html', 'md', 'json', 'claimreview'] as const) {
      const out = (await renderReport(format, revisedFixtureInput())).body as string;
      expect({ format, states: /[Rr]evision 2 of 2024-12-04 16:20 UTC/.test(out) }).toEqual({ format, states: true });
    }
    const csv = parse((await renderReport('csv', revisedFixtureInput())).body as string, { bom: true, columns: true }) as Record<string, string>[];
    expect(csv.map((row) => row.revision)).toEqual(Array(7).fill('2'));
  });
});
