// A quick re-measure of import time alone for the generated articles (no server):
//   node_modules/.bin/tsx bench/import-check.ts
import { importArticle } from '../lib/import';
import { articleAsHtml, articleAsMarkdown, generateFormattedArticle } from './generate';
import { median } from './report';

async function main() {
  for (const words of [2_000, 20_000, 100_000]) {
    const article = generateFormattedArticle(42, words);
    for (const [format, content] of [
      ['markdown', articleAsMarkdown(article)],
      ['html', articleAsHtml(article)],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        const r = await importArticle({ format, content });
        times.push(performance.now() - t);
        if (!r.ok) throw new Error(r.error.message);
      }
      console.log(`| ${format} | ${words.toLocaleString('en')} | ${median(times).toFixed(0)} ms |`);
    }
  }
}
void main();
