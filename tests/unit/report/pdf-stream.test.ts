// The streamed PDF (lib/report/pdf.ts writePdf): bytes leave while later pages are still being
// laid out, the sink can hold the render back or stop it, every page still says "Page X of Y",
// and the report's review section and each verdict's replies are there as selectable text.
import { describe, expect, it } from 'vitest';
import { buildReportModel } from '@/lib/report/model';
import { renderPdf, writePdf } from '@/lib/report/pdf';
import { pdfPageTexts } from '../../support/pdf-text';
import { fixtureAnnotations, fixtureInput, reviewedFixtureInput } from './fixture';

const many = (n: number) => {
  const base = fixtureAnnotations();
  return buildReportModel(fixtureInput({ annotations: Array.from({ length: n }, (_, i) => ({ ...base[i % base.length], id: 1000 + i })), history: new Map() }));
};

describe('writePdf', () => {
  it('hands pages over while it is still drawing later annotations', async () => {
    const model = many(200);
    let steps = 0;
    const arrivals: number[] = [];
    let bytes = 0;
    const stats = await writePdf(model, {
      write: (chunk) => {
        bytes += chunk.byteLength;
        arrivals.push(steps);
      },
      ready: () => {
        steps++;
        return undefined;
      },
    });
    expect(stats.bytes).toBe(bytes);
    expect(stats.pages).toBeGreaterThan(10);
    // Bytes arrived all along, not in one go at the end: half of them before the last quarter of the annotations.
    const before = arrivals.filter((s) => s < 150).length;
    expect(before).toBeGreaterThan(arrivals.length / 2);
  });

  it('waits when the sink asks it to, and stops when the sink refuses', async () => {
    let asked = 0;
    let written = 0;
    const render = writePdf(many(60), {
      write: () => written++,
      ready: () => {
        asked++;
        if (asked === 10) return new Promise((resolve) => setTimeout(resolve, 50));
        if (asked === 20) return Promise.reject(new Error('reader gone'));
        return undefined;
      },
    });
    await expect(render).rejects.toThrow('reader gone');
    expect(asked).toBe(20);
    expect(written).toBeGreaterThan(0);
  });

  it('numbers every page "Page X of Y" although Y is known only at the end', async () => {
    const pages = await pdfPageTexts(await renderPdf(many(40)));
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`));
  });
});

describe('the PDF with replies and a review', async () => {
  const text = (await pdfPageTexts(await renderPdf(buildReportModel(reviewedFixtureInput())))).join(' ');

  it('has the review section with every statement, the reason quoted and the overridden blockers listed', () => {
    expect(text).toContain('Review Review state: Signed off.');
    expect(text).toContain('Assigned to: Alice Martin, Дмитрий Ковалёв');
    expect(text).toContain('Signed off: By Ed Park on 2024-12-05 11:00 UTC.');
    expect(text).toContain('Overridden: Ed Park signed off although 2 things still blocked it:');
    expect(text).toContain('• Unchecked claim: “Leaders in the Middle East…”');
    expect(text).toContain('• Disputed verdict #12 has no source');
    expect(text).toContain('Reason given: “Deadline: the two open claims are opinion. <script>alert(1)</script>”');
    expect(text).toContain('Cohen’s kappa 0.60 (moderate agreement).');
  });

  it('lists each verdict’s replies under it, with author, time, edits and a reopening said', () => {
    const verdict12 = text.split('Annotation #12 ')[1].split(/Annotation #\d+ /)[0];
    expect(verdict12).toContain('Replies (2)');
    expect(verdict12).toContain('Alice Martin · 2024-12-03 09:00 UTC · edited 2024-12-03 09:05 UTC');
    expect(verdict12).toContain('reopened the signed-off review');
    expect(verdict12).toContain('Second line: <b>not bold</b> *nor this*');
    const verdict14 = text.split('Annotation #14 ')[1].split(/Annotation #\d+ /)[0];
    expect(verdict14).toContain('Replies (1)');
    expect(verdict14).toContain('=HYPERLINK("http://evil.example") — ask the desk');
    expect(text.split('Annotation #11 ')[1].split(/Annotation #\d+ /)[0]).not.toContain('Replies');
  });
});
