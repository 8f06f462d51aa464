import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml, renderHtmlBody } from '@/lib/report/html';
import { buildReportModel } from '@/lib/report/model';
import { DMITRY, NASTY_NOTE, OLD_PHRASE_12, PHRASES, REMOVED_PHRASE, fixtureInput, revisedFixtureInput } from './fixture';

const html = renderHtml(buildReportModel(fixtureInput()));
const dom = new JSDOM(html);
const doc = dom.window.document;
const text = (el: Element | null) => el?.textContent ?? '';

describe('renderHtml', () => {
  it('is a complete standalone document with the article metadata', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(doc.title).toBe('Fact-check report: Syrian rebels seize Aleppo’s airport — a “major” blow');
    expect(text(doc.querySelector('h1'))).toBe('Syrian rebels seize Aleppo’s airport — a “major” blow');
    const meta = text(doc.querySelector('.fm-meta'));
    for (const part of ['Jane O’Neil', 'Example News', '2024-12-01']) expect(meta).toContain(part);
    const source = doc.querySelector('.fm-meta a');
    expect(source?.getAttribute('href')).toBe('https://example.com/news/aleppo');
    expect(text(doc.querySelector('.fm-exported'))).toBe('Exported 2024-12-05 12:34 UTC by Alice Martin.');
  });

  it('shows counts per status, a script-free SVG chart, coverage and reviewers', () => {
    const rows = [...doc.querySelectorAll('.fm-counts tbody tr')].map((tr) => [...tr.children].map(text).join(' | '));
    expect(rows).toEqual(['✓ Verified | 2', '✗ Disputed | 2', '? Needs source | 2']);
    expect(text(doc.querySelector('.fm-counts tfoot'))).toContain('6');
    const svg = doc.querySelector('.fm-summary svg');
    expect(svg).not.toBeNull();
    expect(svg!.querySelectorAll('rect')).toHaveLength(3);
    expect(text(svg!.querySelector('title'))).toContain('Verified: 2, Disputed: 2, Needs source: 2');
    const summary = text(doc.querySelector('.fm-summary'));
    expect(summary).toContain('7.2 % of the article’s text (264 of 3,644 characters)');
    expect(summary).toContain('Дмитрий Ковалёв 🦊 (1)');
    expect(summary).toContain('Łukasz Żółć (2)');
  });

  it('lists every annotation in document order with passage, verdict, note, reviewer and history', () => {
    const items = [...doc.querySelectorAll('article.fm-annotation')];
    expect(items.map((a) => a.id)).toEqual(['annotation-11', 'annotation-12', 'annotation-13', 'annotation-14', 'annotation-15', 'annotation-16']);
    expect(items.map((a) => text(a.querySelector('mark')))).toEqual(Object.values(PHRASES));
    // The verdict is spelled out with an icon, not only coloured.
    expect(items.map((a) => text(a.querySelector('.fm-badge')))).toEqual(['✓ Verified', '✗ Disputed', '? Needs source', '✗ Disputed', '✓ Verified', '? Needs source']);
    const twelve = items[1];
    expect(text(twelve.querySelector('.fm-passage'))).toMatch(/^….*academy, delivering a significant blow to the Assad regime and its Russian backers\..*…$/);
    expect(text(twelve.querySelector('.fm-byline'))).toBe(`Reviewer: ${DMITRY.name} · created 2024-12-02 10:00 UTC · updated 2024-12-03 08:30 UTC`);
    const history = [...twelve.querySelectorAll('.fm-history li')].map(text);
    expect(history).toEqual([
      `2024-12-02 10:00 UTC — ${DMITRY.name}: Created: Needs source`,
      '2024-12-03 08:00 UTC — Alice Martin: Status changed: Needs source → Disputed',
      `2024-12-03 08:30 UTC — ${DMITRY.name}: Note edited: (empty) → “Says who? “Significant” is an opinion, not a fact.”`,
    ]);
  });

  it('keeps hostile notes as inert text, line breaks included', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    // "onerror=" may appear as text (its "<" is escaped), never inside a tag.
    expect(html).not.toMatch(/<[^>]*\sonerror\s*=/i);
    expect(doc.querySelectorAll('script, img, iframe, object, embed')).toHaveLength(0);
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on')).toBe(false);
    }
    const note = doc.querySelector('#annotation-14 .fm-note');
    // textContent round-trips exactly: every character was escaped, nothing was interpreted.
    expect(text(note)).toBe(NASTY_NOTE);
    expect(note?.children).toHaveLength(0);
  });

  it('links only http(s) sources (and its own verdicts); a javascript: source is never an href', () => {
    const hrefs = [...doc.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);
    expect(hrefs.length).toBeGreaterThan(0);
    // The article text's references point at the verdicts in the same document.
    for (const href of hrefs) expect(href).toMatch(/^(https?:\/\/|#annotation-\d+$)/);
    for (const ref of doc.querySelectorAll('a[href^="#"]')) expect(doc.getElementById(ref.getAttribute('href')!.slice(1))).not.toBeNull();
    expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
    const sources = [...doc.querySelectorAll('#annotation-14 .fm-sources li')];
    expect(sources[0].querySelector('a')).toBeNull();
    expect(text(sources[0])).toContain('Totally legit — javascript:alert(1) (not a web link)');
    const link = sources[1].querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://example.org/report?a=1&b=%3C2%3E');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    // History values (a URL here) are text, never links.
    expect(doc.querySelector('#annotation-14 .fm-history a')).toBeNull();
    expect(text(doc.querySelector('#annotation-14 .fm-history'))).toContain('Source added: javascript:alert(1)');
  });

  it('does not link a non-web article source URL', () => {
    const model = buildReportModel(fixtureInput({ article: { ...fixtureInput().article, sourceUrl: 'javascript:alert(document.cookie)' } }));
    const d = new JSDOM(renderHtml(model)).window.document;
    expect(d.querySelector('.fm-meta a')).toBeNull();
    expect(text(d.querySelector('.fm-meta'))).toContain('javascript:alert(document.cookie)');
  });

  it('has print styles: no break inside an annotation, links print their URL, and a CSP', () => {
    const style = text(doc.querySelector('style'));
    expect(style).toMatch(/@media print/);
    expect(style).toMatch(/\.fm-annotation[^{]*\{[^}]*break-inside:\s*avoid/);
    expect(style).toMatch(/a\[href\][^{]*::after\s*\{[^}]*attr\(href\)/);
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
  });

  it('escapes user strings in the title, metadata and reviewer names too', () => {
    const input = fixtureInput();
    input.article = { ...input.article, title: '</title><script>alert(1)</script>', byline: '<b onmouseover=alert(1)>x</b>' };
    input.exportedBy = { id: 9, name: '"><svg onload=alert(1)>' };
    const out = renderHtml(buildReportModel(input));
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/<b /i);
    expect(out).not.toMatch(/<svg onload/i);
    const d = new JSDOM(out).window.document;
    expect(d.title).toBe('Fact-check report: </title><script>alert(1)</script>');
    expect(text(d.querySelector('.fm-exported'))).toContain('"><svg onload=alert(1)>');
  });

  it('offers the same report as an embeddable body', () => {
    const body = renderHtmlBody(buildReportModel(fixtureInput()));
    expect(body.startsWith('<main class="fm-report">')).toBe(true);
    expect(html).toContain(body);
    expect(escapeHtml(`<a href="x" title='y'>&`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;');
  });
});

describe('renderHtml after a revision', () => {
  const revised = new JSDOM(renderHtml(buildReportModel(revisedFixtureInput()))).window.document;
  const placed = () => [...revised.querySelectorAll('.fm-annotations article.fm-annotation')];

  it('states the revision and its date in the header', () => {
    expect(text(revised.querySelector('header .fm-revision'))).toBe('Revision 2 of 2024-12-04 16:20 UTC');
    expect(text(doc.querySelector('header .fm-revision'))).toBe('Revision 1 of 2024-12-01 18:00 UTC');
  });

  it('marks the stale verdict "Needs re-check" with the passage it was given on, and no other', () => {
    const marked = placed().filter((a) => a.querySelector('.fm-recheck'));
    expect(marked.map((a) => a.id)).toEqual(['annotation-12']);
    expect(text(marked[0].querySelector('header .fm-recheck'))).toBe('⚠ Needs re-check');
    expect(marked[0].classList.contains('fm-needs-recheck')).toBe(true);
    expect(text(marked[0].querySelector('.fm-recheck-note'))).toBe(
      `Revision 2 changed this passage; the verdict was given when it read “${OLD_PHRASE_12}” and has not been re-confirmed since.`,
    );
    // Its passage is the current text.
    expect(text(marked[0].querySelector('mark'))).toBe(PHRASES[12]);
    // The unrevised report has no marker anywhere.
    expect(doc.querySelectorAll('.fm-recheck, .fm-recheck-note, .fm-moved, .fm-removed')).toHaveLength(0);
  });

  it('notes the moved passage quietly', () => {
    const moved = [...revised.querySelectorAll('.fm-moved')];
    expect(moved.map((m) => [m.closest('article')!.id, text(m)])).toEqual([['annotation-15', 'moved in revision 2']]);
  });

  it('lists the removed verdict apart with its old quote, outside the counts', () => {
    expect(placed().map((a) => a.id)).toEqual(['annotation-11', 'annotation-12', 'annotation-13', 'annotation-14', 'annotation-15', 'annotation-16']);
    const section = revised.querySelector('section.fm-removed')!;
    expect(text(section.querySelector('h2'))).toBe('Removed in a revision (1)');
    const removed = [...section.querySelectorAll('article.fm-annotation')];
    expect(removed.map((a) => a.id)).toEqual(['annotation-17']);
    expect(text(removed[0].querySelector('mark'))).toBe(REMOVED_PHRASE);
    expect(text(removed[0].querySelector('header'))).toContain('✓ Verified Removed in revision 2');
    expect(text(removed[0].querySelector('.fm-note'))).toBe('=HYPERLINK("http://evil.example")');
    expect(text(revised.querySelector('.fm-counts tfoot'))).toContain('6');
    const summary = text(revised.querySelector('.fm-summary'));
    expect(summary).toContain('⚠ Needs re-check 1 of these verdicts');
    expect(summary).toContain('Removed in a revision: 1 more verdict, listed apart and not counted above.');
  });

  it('escapes the previous passage', () => {
    const input = revisedFixtureInput();
    input.annotations = input.annotations.map((a) => (a.id === 12 ? { ...a, anchor: { ...a.anchor, previousExact: '<img src=x onerror=alert(1)>' } } : a));
    const out = renderHtml(buildReportModel(input));
    expect(out).not.toMatch(/<img/i);
    expect(text(new JSDOM(out).window.document.querySelector('#annotation-12 .fm-recheck-note'))).toContain('“<img src=x onerror=alert(1)>”');
  });
});
