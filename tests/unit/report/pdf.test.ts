import Module from 'node:module';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReportModel } from '@/lib/report/model';
import { dejaVuFontDir, renderPdf } from '@/lib/report/pdf';
import { pageText, withPdfDocument } from '../../support/pdf-text';
import { LUKASZ, OLD_PHRASE_12, PHRASES, REMOVED_PHRASE, fixtureAnnotations, fixtureInput, revisedFixtureInput } from './fixture';

interface ExtractedPage {
  text: string;
  links: string[];
}

async function extract(pdf: Buffer): Promise<{ pages: ExtractedPage[]; fonts: string[] }> {
  const pages = await withPdfDocument(pdf, async (doc) => {
    const read: ExtractedPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const annotations = (await (await doc.getPage(n)).getAnnotations()) as { subtype: string; url?: string }[];
      read.push({ text: await pageText(doc, n), links: annotations.filter((a) => a.subtype === 'Link' && a.url).map((a) => a.url!) });
    }
    return read;
  });
  const raw = pdf.toString('latin1');
  const fonts = [...raw.matchAll(/\/BaseFont\s*\/([A-Za-z0-9+\-_]+)/g)].map((m) => m[1]);
  return { pages, fonts };
}

// pdfkit loads its built-in (AFM) fonts lazily through require('#standard-fonts/…'); in a Next bundle
// those files may be missing, so record every such request made while our PDFs are rendered.
const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = loader._load;
const standardFontRequests: string[] = [];
loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
  if (String(request).includes('standard-fonts')) standardFontRequests.push(request);
  return originalLoad.call(this, request, ...rest);
};
afterAll(() => {
  loader._load = originalLoad;
});

const input = fixtureInput();
const pdf = await renderPdf(buildReportModel(input));
const standardFontsWhileRendering = [...standardFontRequests];
const { pages, fonts } = await extract(pdf);
const all = pages.map((p) => p.text).join(' ');

describe('renderPdf', () => {
  it('produces a PDF with the DejaVu fonts embedded and no built-in (AFM) font', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/DejaVuSans/);
    expect(fonts.some((f) => /Helvetica|Times|Courier/.test(f))).toBe(false);
    expect(dejaVuFontDir()).toMatch(/dejavu-fonts-ttf[\\/]ttf$/);
  });

  it('never loads a pdfkit built-in font (and the check can see one being loaded)', () => {
    expect(standardFontsWhileRendering).toEqual([]);
    // pdfkit's default document loads Helvetica on construction: the hook sees that.
    new PDFDocument();
    expect(standardFontRequests).toContain('#standard-fonts/Helvetica');
  });

  it('has selectable text with the title, every passage and every verdict label', () => {
    expect(all).toContain('Syrian rebels seize Aleppo’s airport — a “major” blow');
    for (const phrase of Object.values(PHRASES)) expect(all).toContain(phrase);
    for (const label of ['✓ Verified', '✗ Disputed', '? Needs source']) expect(all).toContain(label);
  });

  it('renders curly quotes, accents and Cyrillic, and replaces glyphs the font lacks', () => {
    expect(all).toContain('“major reputational setback”');
    expect(all).toContain('Aleppo’s');
    expect(all).toContain(LUKASZ.name);
    expect(all).toContain('Дмитрий Ковалёв');
    // DejaVu has no fox emoji: it shows as one U+FFFD, never as an invisible NUL.
    expect(all).toContain('Дмитрий Ковалёв \uFFFD');
    expect(all).not.toContain('\u0000');
  });

  it('includes the summary, notes, sources, reviewer and history', () => {
    expect(all).toContain('Coverage: 7.2 % of the article’s text (264 of 3,644 characters)');
    expect(all).toContain('Exported 2024-12-05 12:34 UTC by Alice Martin.');
    expect(all).toContain('<script>alert(1)</script>');
    expect(all).toContain('Totally legit — javascript:alert(1) (not a web link)');
    expect(all).toContain('Status changed: Needs source → Disputed');
    expect(all).toContain('Reviewer: +Mallory');
  });

  it('links only http(s) sources', () => {
    const links = pages.flatMap((p) => p.links);
    expect(links).toContain('https://www.reuters.com/world/middle-east/');
    expect(links).toContain('https://example.com/news/aleppo');
    for (const url of links) expect(url).toMatch(/^https?:\/\//);
  });

  it('numbers its pages', () => {
    pages.forEach((p, i) => expect(p.text).toContain(`Page ${i + 1} of ${pages.length}`));
  });

  it('does not split an annotation across pages when it fits on one', async () => {
    // Enough annotations to fill several pages.
    const many = Array.from({ length: 40 }, (_, i) => ({ ...fixtureAnnotations()[i % 6], id: 100 + i }));
    const big = await renderPdf(buildReportModel(fixtureInput({ annotations: many, history: new Map() })));
    const out = await extract(big);
    expect(out.pages.length).toBeGreaterThan(2);
    for (let i = 0; i < 40; i++) {
      const holder = out.pages.findIndex((p) => p.text.includes(`Annotation #${100 + i} `));
      expect(holder).toBeGreaterThanOrEqual(0);
      // Its reviewer line (the block's end) is on the same page as its heading.
      const block = out.pages[holder].text.split(`Annotation #${100 + i} `)[1].split(/Annotation #\d+ /)[0];
      expect(block).toMatch(/Reviewer: /);
    }
  });
});

describe('renderPdf after a revision', async () => {
  const revised = await extract(await renderPdf(buildReportModel(revisedFixtureInput())));
  const text = revised.pages.map((p) => p.text).join(' ');

  it('states the revision and its date', () => {
    expect(text).toContain('Revision 2 of 2024-12-04 16:20 UTC');
    expect(all).toContain('Revision 1 of 2024-12-01 18:00 UTC');
  });

  it('marks only the stale verdict "Needs re-check" (in the summary and its heading), and draws the marker', () => {
    expect(text).toContain('⚠ Needs re-check 2. Annotation #12');
    // Once in the summary, once on annotation 12.
    expect(text.match(/⚠ Needs re-check/g)).toHaveLength(2);
    expect(text).toContain(`the verdict was given when it read “${OLD_PHRASE_12}”`);
    expect(text).not.toContain('\uFFFD Needs re-check');
    expect(all).not.toContain('⚠');
  });

  it('notes the moved passage and lists the removed verdict apart, last', () => {
    expect(text).toMatch(/Annotation #15 · characters \d+–\d+ · moved in revision 2/);
    const removedAt = text.indexOf('Removed in a revision (1)');
    expect(removedAt).toBeGreaterThan(text.indexOf('Annotation #16'));
    const removed = text.slice(removedAt);
    expect(removed).toContain('Removed in revision 2 · Annotation #17');
    expect(removed).toContain(REMOVED_PHRASE);
    expect(text).toContain('Removed in a revision: 1 more verdict, listed apart and not counted above.');
  });
});
