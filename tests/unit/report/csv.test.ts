import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, neutraliseFormula, renderCsv } from '@/lib/report/csv';
import { buildReportModel } from '@/lib/report/model';
import { DMITRY, LUKASZ, MALLORY, NASTY_NOTE, OLD_PHRASE_12, PHRASES, REMOVED_PHRASE, fixtureAnnotations, fixtureInput, revisedFixtureInput } from './fixture';

const csv = renderCsv(buildReportModel(fixtureInput()));
const records = parse(csv, { bom: true, relax_column_count: false }) as string[][];

describe('renderCsv', () => {
  it('starts with a UTF-8 BOM and a header row, and ends records with CRLF', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(records[0]).toEqual([...CSV_COLUMNS]);
    // The columns from before revisions keep their order; the revision columns come after them, then replies, then location.
    expect(csv.slice(1, csv.indexOf('\r\n'))).toBe(
      'id,status,passage,start,end,note,sources,reviewer,created,updated,revision,anchor_state,needs_recheck,since_revision,previous_passage,replies,location',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    // Every record break is CRLF; a bare LF only occurs inside a quoted multi-line field.
    const outsideQuotes = csv.replace(/"(?:[^"]|"")*"/g, '');
    expect(outsideQuotes).not.toMatch(/[^\r]\n/);
  });

  it('round-trips every field, one row per annotation in document order', () => {
    const rows = records.slice(1).map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]])));
    expect(rows).toHaveLength(6);
    const source = fixtureAnnotations();
    rows.forEach((row, i) => {
      const a = source[i];
      expect(row.id).toBe(String(a.id));
      expect(row.status).toBe(a.status);
      expect(row.passage).toBe(PHRASES[a.id as keyof typeof PHRASES]);
      expect(Number(row.start)).toBe(a.start);
      expect(Number(row.end)).toBe(a.end);
    });
    expect(rows[0]).toEqual({
      id: '11',
      status: 'verified',
      passage: PHRASES[11],
      start: '60',
      end: '115',
      note: 'Confirmed by two wire services, "Reuters" and AP.',
      sources: 'Reuters — Middle East <https://www.reuters.com/world/middle-east/>',
      reviewer: 'Alice Martin',
      created: '2024-12-02T09:15:00Z',
      updated: '2024-12-02T09:15:00Z',
      revision: '1',
      anchor_state: 'unchanged',
      needs_recheck: 'no',
      since_revision: '',
      previous_passage: '',
      replies: '0',
      location: '',
    });
    expect(rows[1].reviewer).toBe(DMITRY.name);
    expect(rows[1].updated).toBe('2024-12-03T08:30:00Z');
    expect(rows[2]).toMatchObject({ reviewer: LUKASZ.name, note: '', sources: '' });
    // Quotes, commas and newlines survive quoting unchanged.
    expect(rows[3].note).toBe(NASTY_NOTE);
    expect(rows[3].sources).toBe('Totally legit <javascript:alert(1)>\nhttps://example.org/report?a=1&b=<2>');
  });

  it('neutralises cells a spreadsheet would run as a formula, but not numbers', () => {
    const rows = records.slice(1);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const fifteen = rows.find((r) => r[col('id')] === '15')!;
    expect(fifteen[col('note')]).toBe("'=1+1");
    expect(fifteen[col('sources')]).toBe("'@TASS, politics <https://tass.com/politics>");
    const sixteen = rows.find((r) => r[col('id')] === '16')!;
    expect(sixteen[col('note')]).toBe("'-5 points\nsecond line, with a comma");
    expect(sixteen[col('reviewer')]).toBe(`'${MALLORY.name}`);
    // Numbers stay bare in the file (no apostrophe, no quotes).
    expect(csv).toContain('\r\n16,needs_source,Leaders in the Middle East and Africa are reportedly reserving judgment,3216,3287,');
    // No cell anywhere starts with a formula trigger.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('neutralises every formula trigger and leaves other text alone', () => {
    expect(['=SUM(A1)', '+1', '-1', '@x', '\tx', '\rx'].map(neutraliseFormula)).toEqual(["'=SUM(A1)", "'+1", "'-1", "'@x", "'\tx", "'\rx"]);
    expect(['a=1', ' =1', '', 'Ok'].map(neutraliseFormula)).toEqual(['a=1', ' =1', '', 'Ok']);
  });

  it('writes just the header for an empty export', () => {
    const empty = renderCsv(buildReportModel(fixtureInput({ annotations: [] })));
    expect(parse(empty, { bom: true })).toEqual([[...CSV_COLUMNS]]);
  });

  it('says per row which revision it is on, which verdicts need re-check, and lists removed ones last without offsets', () => {
    const revised = parse(renderCsv(buildReportModel(revisedFixtureInput())), { bom: true }) as string[][];
    const rows = revised.slice(1).map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]])));
    expect(rows.map((r) => r.id)).toEqual(['11', '12', '13', '14', '15', '16', '17']);
    expect(new Set(rows.map((r) => r.revision))).toEqual(new Set(['2']));
    const byId = (id: string) => rows.find((r) => r.id === id)!;
    expect(byId('12')).toMatchObject({ anchor_state: 'changed', needs_recheck: 'yes', since_revision: '2', previous_passage: OLD_PHRASE_12, passage: PHRASES[12] });
    expect(byId('15')).toMatchObject({ anchor_state: 'moved', needs_recheck: 'no', since_revision: '2', previous_passage: '' });
    // Changed in revision 2, then re-confirmed: current again.
    expect(byId('11')).toMatchObject({ anchor_state: 'unchanged', needs_recheck: 'no', since_revision: '' });
    expect(rows.filter((r) => r.needs_recheck === 'yes').map((r) => r.id)).toEqual(['12']);
    expect(byId('17')).toMatchObject({
      anchor_state: 'removed',
      since_revision: '2',
      passage: REMOVED_PHRASE,
      start: '',
      end: '',
      // Its note is a formula: still neutralised.
      note: `'=HYPERLINK("http://evil.example")`,
    });
    for (const row of revised.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
