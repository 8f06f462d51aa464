// A quick check of PDF export time at 500 and 5,000 annotations (fixture annotations repeated,
// no server, no database): node_modules/.bin/tsx bench/pdf-check.ts
import { renderPdf } from '../lib/report/pdf';
import { buildReportModel } from '../lib/report/model';
import { ARTICLE_TEXT, fixtureAnnotations, fixtureHistory } from '../tests/unit/report/fixture';

async function main() {
  const base = fixtureAnnotations();
  const events = fixtureHistory();
  for (const n of [500, 5_000]) {
    const annotations = Array.from({ length: n }, (_, i) => ({ ...base[i % base.length], id: i + 1 }));
    const history = new Map(annotations.map((a, i) => [a.id, events.get(base[i % base.length].id) ?? []]));
    const model = buildReportModel({
      article: { id: 1, slug: 'check', title: 'PDF check', byline: null, sourceUrl: null, publisher: null, publishedAt: null, revision: 1, revisedAt: new Date().toISOString(), plainText: ARTICLE_TEXT },
      annotations,
      history,
      exportedBy: { id: 1, name: 'Bench' },
      exportedAt: new Date(),
      appUrl: 'http://127.0.0.1',
      filters: {},
    });
    const t = performance.now();
    const pdf = await renderPdf(model);
    console.log(`| pdf | ${n.toLocaleString('en')} | ${((performance.now() - t) / 1000).toFixed(2)} s | ${(pdf.length / 1e6).toFixed(2)} MB | peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB |`);
  }
}
void main();
