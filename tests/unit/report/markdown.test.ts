import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeMarkdownInline, escapeMarkdownText, renderMarkdown } from '@/lib/report/markdown';
import { buildReportModel } from '@/lib/report/model';
import { DMITRY, NASTY_NOTE, OLD_PHRASE_12, PHRASES, REMOVED_PHRASE, fixtureInput, revisedFixtureInput } from './fixture';

const md = renderMarkdown(buildReportModel(fixtureInput()));

/**
 * A deliberately permissive renderer: raw HTML on, every link scheme allowed, bare URLs linked —
 * so whatever stays inert here is inert because of our escaping, not the renderer's own guards.
 */
function render(markdown: string, linkify = true): Document {
  const it = new MarkdownIt({ html: true, linkify });
  it.validateLink = () => true;
  return new JSDOM(it.render(markdown)).window.document;
}

const doc = render(md);
const text = (el: Element | null | undefined) => el?.textContent ?? '';

function section(id: number, d: Document = doc): Element[] {
  // The elements between the heading of annotation `id` and the next heading.
  const h3 = [...d.querySelectorAll('h3')].find((h) => text(h).endsWith(`#${id}`))!;
  const out: Element[] = [];
  for (let el = h3.nextElementSibling; el && !/^H[1-3]$/.test(el.tagName); el = el.nextElementSibling) out.push(el);
  return out;
}

describe('renderMarkdown', () => {
  it('has the article header, summary table, coverage and reviewers', () => {
    expect(md.startsWith('# Fact-check report: Syrian rebels seize Aleppo’s airport — a “major” blow\n')).toBe(true);
    expect(md).toContain('- **By:** Jane O’Neil');
    expect(md).toContain('- **Source:** <https://example.com/news/aleppo>');
    expect(md).toContain('- **Exported:** 2024-12-05 12:34 UTC by Alice Martin');
    const rows = [...doc.querySelectorAll('table tbody tr')].map((tr) => [...tr.children].map(text));
    expect(rows).toEqual([
      ['✓ Verified', '2'],
      ['✗ Disputed', '2'],
      ['? Needs source', '2'],
      ['Total', '6'],
    ]);
    expect(md).toContain('**Coverage:** 7.2 % of the article’s text (264 of 3,644 characters)');
    expect(text(doc.body)).toContain(`Reviewers: +Mallory (1), Alice Martin (2), Łukasz Żółć (2), ${DMITRY.name} (1)`);
  });

  it('lists annotations in document order with the passage in bold inside its context', () => {
    const headings = [...doc.querySelectorAll('h3')].map(text);
    expect(headings).toEqual([
      '1. ✓ Verified — annotation #11',
      '2. ✗ Disputed — annotation #12',
      '3. ? Needs source — annotation #13',
      '4. ✗ Disputed — annotation #14',
      '5. ✓ Verified — annotation #15',
      '6. ? Needs source — annotation #16',
    ]);
    const passages = [11, 12, 13, 14, 15, 16].map((id) => text(section(id)[0].querySelector('strong')));
    expect(passages).toEqual(Object.values(PHRASES));
    expect(text(section(12)[0])).toContain('academy, delivering a significant blow to the Assad regime and its Russian backers');
  });

  it('keeps a hostile note as text: no link, no HTML, no heading, no list, no emphasis', () => {
    expect(md).not.toContain('](javascript:');
    expect(md).not.toMatch(/(?<!\\)<script/i);
    const note = section(14).find((el) => el.tagName === 'BLOCKQUOTE' && text(el).includes('He said'))!;
    expect(note.querySelectorAll('a, script, img, h1, ul, li, strong, em, code')).toHaveLength(0);
    // Line breaks survive as <br>, and the text reads exactly as written.
    expect(note.querySelectorAll('br')).toHaveLength(NASTY_NOTE.split('\n').length - 1);
    expect(text(note).trim().replace(/\n/g, '')).toBe(NASTY_NOTE.replace(/\n/g, ''));
    expect(doc.querySelectorAll('script, img')).toHaveLength(0);
    for (const a of doc.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^https?:\/\//);
  });

  it('links http(s) sources and leaves a javascript: source as escaped text', () => {
    const items = section(14).find((el) => el.tagName === 'UL')!.querySelectorAll('li');
    expect(items[0].querySelector('a')).toBeNull();
    expect(text(items[0])).toBe('Totally legit — javascript:alert(1) (not a web link)');
    expect(items[1].querySelector('a')?.getAttribute('href')).toBe('https://example.org/report?a=1&b=%3C2%3E');
    const tass = section(15).find((el) => el.tagName === 'UL')!.querySelector('a');
    expect(tass?.getAttribute('href')).toBe('https://tass.com/politics');
    expect(text(tass)).toBe('@TASS, politics');
  });

  it('shows reviewer, dates and history', () => {
    const meta = section(12).map(text).join('\n');
    expect(meta).toContain(`reviewer ${DMITRY.name} · created 2024-12-02 10:00 UTC · updated 2024-12-03 08:30 UTC`);
    const history = [...section(12).filter((el) => el.tagName === 'UL').pop()!.querySelectorAll('li')].map(text);
    expect(history[1]).toBe('2024-12-03 08:00 UTC — Alice Martin: Status changed: Needs source → Disputed');
  });

  it('escapes block-level syntax at line starts and inline syntax anywhere', () => {
    const lines = ['# h', '- item', '+ item', '1. one', '===', '    code', '> quote', 'a | b', '<div>', '~~strike~~', '$x$', '![i](http://x/i.png)'];
    const escaped = escapeMarkdownText(lines.join('\n')).join('\n');
    // A bare http URL may be auto-linked by a GFM renderer; that is the only kind of link possible.
    for (const a of render(escaped).querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^https?:\/\//);
    // (markdown-it's linkify reads the URL before unescaping "\)", so round-trip the text without it.)
    const d = render(escaped, false);
    expect(d.querySelectorAll('h1, h2, ul, ol, pre, blockquote, table, div, del, img, a')).toHaveLength(0);
    expect(text(d.body).replace(/\u00a0/g, ' ').replace(/\n/g, '')).toBe(lines.join(''));
    expect(escapeMarkdownInline('[x](javascript:alert(1))')).toBe('\\[x\\]\\(javascript:alert\\(1\\)\\)');
  });

  it('marks a passage that cannot be bolded (punctuation inside a word) with brackets instead', () => {
    const input = fixtureInput();
    const text = 'Alpha(beta)gamma';
    input.article = { ...input.article, plainText: text };
    input.annotations = [{ ...input.annotations[0], start: 5, end: 11, exact: '(beta)' }];
    input.history = new Map();
    const out = renderMarkdown(buildReportModel(input));
    expect(out).toContain('> Alpha⟦\\(beta\\)⟧gamma');
  });
});

describe('renderMarkdown after a revision', () => {
  const revisedMd = renderMarkdown(buildReportModel(revisedFixtureInput()));
  const revised = render(revisedMd);

  it('states the revision and its date under the title', () => {
    expect(revisedMd).toContain('\n\n**Revision 2 of 2024-12-04 16:20 UTC**\n\n');
    expect(md).toContain('**Revision 1 of 2024-12-01 18:00 UTC**');
  });

  it('marks the stale verdict "Needs re-check" in its heading and says what it was given on; no other', () => {
    const headings = [...revised.querySelectorAll('h3')].map(text);
    expect(headings.filter((h) => h.includes('re-check'))).toEqual(['2. ✗ Disputed · ⚠ Needs re-check — annotation #12']);
    const twelve = section(12, revised).map(text).join('\n');
    expect(twelve).toContain(`⚠ Needs re-check: Revision 2 changed this passage; the verdict was given when it read “${OLD_PHRASE_12}”`);
    expect(text(section(12, revised)[0].querySelector('strong'))).toBe(PHRASES[12]);
    expect(md).not.toContain('Needs re-check');
  });

  it('notes the moved passage on its reference line', () => {
    expect(section(15, revised).map(text).join('\n')).toMatch(/Characters \d+–\d+ · moved in revision 2 · reviewer/);
    expect(revisedMd.match(/\bmoved in revision/g)).toHaveLength(1);
  });

  it('lists the removed verdict in its own section after the annotations, with its old quote', () => {
    expect([...revised.querySelectorAll('h2')].map(text)).toEqual(['Summary', 'Article text (revision 2)', 'Annotations (6)', 'Removed in a revision (1)']);
    const seventeen = section(17, revised);
    expect(text([...revised.querySelectorAll('h3')].pop()!)).toBe('✓ Verified — annotation #17');
    expect(text(seventeen.find((el) => el.tagName === 'BLOCKQUOTE')!).trim()).toBe(REMOVED_PHRASE);
    expect(seventeen.map(text).join('\n')).toContain('Removed in revision 2 · reviewer');
    expect(text(revised.body)).toContain('Removed in a revision: 1 more verdict, listed apart and not counted above.');
    expect(md).not.toContain('Removed in a revision');
  });
});
