// The import suite (issue 4): import time and stored size of 2,000-, 20,000- and 100,000-word
// articles in every import format, and the article page's first paint for each size as a ratio to
// the 2,000-word one. Options: --runs=5 (imports per format × size) --paint-runs=7 --only=times,paint
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../db/client';
import { createArticle } from '../db/queries/articles';
import { importArticle, type ImportFormat, type ImportInput, type ImportedArticle } from '../lib/import';
import { launchBrowser, signedInContext } from './browser';
import { articleAsHtml, articleAsMarkdown, articleAsText, generateFormattedArticle } from './generate';
import { bytes, median, ms, num, ratio, type Section, type SuiteResult } from './report';
import { createAccount } from './seed';
import { signIn } from './server';
import { numberOption, partsOption, withTimeout, type BenchContext, type Suite } from './suite';

export const IMPORT_SIZES = [2_000, 20_000, 100_000] as const;
const FORMATS: readonly ImportFormat[] = ['text', 'markdown', 'html', 'url'];

interface ImportCaseResult {
  format: ImportFormat;
  size: number;
  sourceBytes: number;
  words: number;
  importMs: number[];
  storeMs: number[];
  docBytes: number;
  textBytes: number;
  textCodePoints: number;
}

/** Serves the generated HTML pages on 127.0.0.1 for URL import; closed by the returned function. */
async function servePages(pages: Map<string, string>): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const body = pages.get(req.url ?? '');
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { base: `http://127.0.0.1:${port}`, close };
}

async function timedImport(input: ImportInput): Promise<{ took: number; article: ImportedArticle }> {
  const t0 = performance.now();
  const result = await importArticle(input);
  const took = performance.now() - t0;
  if (!result.ok) throw new Error(`importing ${input.format}: ${result.error.code} ${result.error.message}`);
  return { took, article: result.value };
}

const countWords = (text: string) => text.match(/\S+/g)?.length ?? 0;

/** Import time (in-process) and stored size for every format × size. */
async function measureImports(ctx: BenchContext, sources: Map<number, { text: string; markdown: string; html: string }>, runs: number, dir: string): Promise<ImportCaseResult[]> {
  const pages = new Map<string, string>();
  for (const [size, s] of sources) pages.set(`/article-${size}.html`, s.html);
  const site = await servePages(pages);
  const previousAllow = process.env.IMPORT_ALLOWED_HOSTS;
  // Loopback is refused by the import's network guard unless an operator allows it.
  process.env.IMPORT_ALLOWED_HOSTS = '127.0.0.1';
  const handle = openDatabase(path.join(dir, 'import-sizes.db'));
  try {
    const viewer = await createAccount(handle.db, { email: 'importer@bench.test', name: 'Bench Importer', role: 'reviewer', password: 'bench-password-123' });
    const results: ImportCaseResult[] = [];
    for (const size of IMPORT_SIZES) {
      const s = sources.get(size)!;
      const inputs: Record<ImportFormat, ImportInput> = {
        text: { format: 'text', content: s.text },
        markdown: { format: 'markdown', content: s.markdown },
        html: { format: 'html', content: s.html },
        url: { format: 'url', url: `${site.base}/article-${size}.html` },
      };
      const cases = new Map<ImportFormat, ImportCaseResult>();
      const imported = new Map<ImportFormat, ImportedArticle>();
      // One unrecorded warm-up per format (JIT, jsdom's first window); its result is what gets stored.
      for (const format of FORMATS) {
        const { article } = await timedImport(inputs[format]);
        imported.set(format, article);
        cases.set(format, {
          format,
          size,
          sourceBytes: Buffer.byteLength(format === 'text' ? s.text : format === 'markdown' ? s.markdown : s.html),
          words: countWords(article.plainText),
          importMs: [],
          storeMs: [],
          docBytes: 0,
          textBytes: 0,
          textCodePoints: 0,
        });
      }
      // Interleaved: each round runs every format, the order rotating, so drift hits all alike.
      for (let r = 0; r < runs; r++) {
        const order = FORMATS.map((_, i) => FORMATS[(i + r) % FORMATS.length]);
        if (r % 2) order.reverse();
        for (const format of order) {
          const { took } = await timedImport(inputs[format]);
          cases.get(format)!.importMs.push(took);
        }
        ctx.log(`import ${num(size)} words, round ${r + 1}/${runs}: ${FORMATS.map((f) => `${f} ${ms(cases.get(f)!.importMs.at(-1)!)}`).join(', ')}`);
      }
      // Storing (what POST /api/articles does after importing): createArticle, then the row's sizes.
      for (let r = 0; r < runs; r++) {
        for (const format of FORMATS) {
          const { doc, plainText: _text, sourceUrl: _url, ...meta } = imported.get(format)!;
          const t0 = performance.now();
          const created = createArticle(handle.db, viewer, doc, meta);
          const took = performance.now() - t0;
          if (!created.ok) throw new Error(`storing ${format} ${size}: ${created.error.message}`);
          const c = cases.get(format)!;
          c.storeMs.push(took);
          if (r === 0) {
            const row = handle.sqlite
              .prepare('select length(cast(doc as blob)) as docBytes, length(cast(plain_text as blob)) as textBytes, text_length as codePoints from articles where id = ?')
              .get(created.value.id) as { docBytes: number; textBytes: number; codePoints: number };
            c.docBytes = row.docBytes;
            c.textBytes = row.textBytes;
            c.textCodePoints = row.codePoints;
          }
        }
      }
      results.push(...FORMATS.map((f) => cases.get(f)!));
    }
    return results;
  } finally {
    if (previousAllow === undefined) delete process.env.IMPORT_ALLOWED_HOSTS;
    else process.env.IMPORT_ALLOWED_HOSTS = previousAllow;
    handle.sqlite.close();
    await site.close();
  }
}

interface PaintSample {
  size: number;
  fcp: number;
  painted: number;
  ttfb: number;
  responseEnd: number;
  htmlBytes: number;
  shownChars: number;
}

/**
 * Runs in the page (as source text, so tsx's keepNames helpers never reach it): waits for the
 * first-contentful-paint entry and the app's fm:highlights-painted mark, then reads the timings
 * and how much article text the ProseMirror view holds.
 */
const PAINT_PROBE = (limitMs: number) => `new Promise((resolve, reject) => {
  const started = Date.now();
  const tick = () => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const mark = performance.getEntriesByName('fm:highlights-painted')[0];
    if (fcp && mark && document.readyState !== 'loading') {
      const nav = performance.getEntriesByType('navigation')[0];
      const view = document.querySelector('[data-testid="article-view"] .ProseMirror');
      resolve({ fcp: fcp.startTime, painted: mark.startTime, ttfb: nav.responseStart, responseEnd: nav.responseEnd, htmlBytes: nav.decodedBodySize, shownChars: view ? view.textContent.length : -1 });
    } else if (Date.now() - started > ${limitMs}) {
      reject(new Error('no first-contentful-paint / fm:highlights-painted within ${limitMs} ms (fcp ' + !!fcp + ', mark ' + !!mark + ')'));
    } else setTimeout(tick, 25);
  };
  tick();
})`;

async function openArticle(browser: Browser, url: string, token: string, articleId: number, size: number, expectedChars: number): Promise<PaintSample> {
  // A fresh context per run: cold cache, as a reviewer opening the article for the first time.
  const context = await signedInContext(browser, url, token);
  try {
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    const target = `/articles/${articleId}`;
    const res = await page.goto(`${url}${target}`, { waitUntil: 'commit', timeout: 60_000 });
    if (!res || res.status() !== 200 || !page.url().endsWith(target)) throw new Error(`opening ${target} gave HTTP ${res?.status()} at ${page.url()}`);
    const sample = (await page.evaluate(PAINT_PROBE(60_000))) as Omit<PaintSample, 'size'>;
    // A run that shows less than the whole article is an error, never a fast result.
    if (Math.abs(sample.shownChars - expectedChars) > expectedChars * 0.01) {
      throw new Error(`${target}: the view shows ${sample.shownChars} characters of text, expected ${expectedChars}`);
    }
    return { size, ...sample };
  } finally {
    await context.close();
  }
}

/** Stores the three text articles in a database of their own, serves it, and measures first paint in Chromium. */
async function measurePaint(ctx: BenchContext, texts: Map<number, string>, runs: number, dir: string): Promise<PaintSample[]> {
  const databaseFile = path.join(dir, 'server.db');
  const handle = openDatabase(databaseFile);
  const articles = new Map<number, { id: number; expectedChars: number }>();
  let reader;
  try {
    reader = await createAccount(handle.db, { email: 'reader@bench.test', name: 'Bench Reader', role: 'reviewer', password: 'bench-password-123' });
    for (const size of IMPORT_SIZES) {
      const imported = await importArticle({ format: 'text', content: texts.get(size)! });
      if (!imported.ok) throw new Error(imported.error.message);
      const { doc, plainText, sourceUrl: _url, ...meta } = imported.value;
      const created = createArticle(handle.db, reader, doc, { ...meta, title: `${num(size)} words: ${meta.title}` });
      if (!created.ok) throw new Error(created.error.message);
      // textContent has no block separators: the canonical text minus its "\n\n" joins.
      articles.set(size, { id: created.value.id, expectedChars: plainText.replace(/\n\n/g, '').length });
    }
  } finally {
    handle.sqlite.close();
  }
  const server = await ctx.startServer(databaseFile);
  try {
    const token = await signIn(server.url, reader.email, reader.password);
    const browser = await launchBrowser();
    ctx.onCleanup(() => browser.close().catch(() => undefined));
    try {
      for (const size of IMPORT_SIZES) {
        const a = articles.get(size)!;
        await openArticle(browser, server.url, token, a.id, size, a.expectedChars); // warm-up: server caches, JIT
      }
      const samples: PaintSample[] = [];
      for (let r = 0; r < runs; r++) {
        const order = r % 2 ? [...IMPORT_SIZES].reverse() : [...IMPORT_SIZES];
        for (const size of order) {
          const a = articles.get(size)!;
          const s = await openArticle(browser, server.url, token, a.id, size, a.expectedChars);
          samples.push(s);
          ctx.log(`paint ${num(size)} words, run ${r + 1}/${runs}: FCP ${ms(s.fcp)}, painted ${ms(s.painted)}`);
        }
      }
      return samples;
    } finally {
      await browser.close().catch(() => undefined);
    }
  } finally {
    await server.stop();
  }
}

const PARTS = ['times', 'paint'] as const;

async function run(ctx: BenchContext): Promise<SuiteResult> {
  const runs = numberOption(ctx, 'runs', 5, 5, 50);
  const paintRuns = numberOption(ctx, 'paint-runs', 7, 5, 50);
  const selected = partsOption(ctx, PARTS);
  const dir = ctx.tempDir('factmark-bench-import-');
  const sources = new Map<number, { text: string; markdown: string; html: string }>();
  for (const size of IMPORT_SIZES) {
    const a = generateFormattedArticle(4000 + size, size);
    sources.set(size, { text: articleAsText(a), markdown: articleAsMarkdown(a), html: articleAsHtml(a) });
  }
  const imports = selected.has('times') ? await withTimeout(measureImports(ctx, sources, runs, dir), 15 * 60_000, 'the import measurements') : [];
  const paint = selected.has('paint')
    ? await withTimeout(measurePaint(ctx, new Map([...sources].map(([size, s]) => [size, s.text])), paintRuns, dir), 20 * 60_000, 'the page paint measurements')
    : [];
  const sections: Section[] = [];
  if (imports.length) sections.push(importSection(imports, runs));
  if (paint.length) sections.push(paintSection(paint, paintRuns));
  return { sections, raw: { imports, paint } };
}

function importSection(imports: ImportCaseResult[], runs: number): Section {
  const baseline = (format: ImportFormat) => median(imports.find((c) => c.format === format && c.size === IMPORT_SIZES[0])!.importMs);
  return {
    title: 'Import: time and stored size (issue 4)',
    table: {
      head: ['format', 'size', 'words stored', 'source', 'import (median)', 'import min–max', '× 2k', 'per 1k words', 'store (median)', 'doc JSON', 'plain text', 'row doc+text', 'row / text'],
      rows: imports.map((c) => {
        const took = median(c.importMs);
        return [
          c.format,
          num(c.size),
          num(c.words),
          bytes(c.sourceBytes),
          ms(took),
          `${ms(Math.min(...c.importMs))}–${ms(Math.max(...c.importMs))}`,
          ratio(took / baseline(c.format)),
          ms((took / c.words) * 1000),
          ms(median(c.storeMs)),
          bytes(c.docBytes),
          bytes(c.textBytes),
          bytes(c.docBytes + c.textBytes),
          ratio((c.docBytes + c.textBytes) / c.textBytes),
        ];
      }),
    },
    notes: [
      `Generated articles (seeded PRNG, identical every run) of ${IMPORT_SIZES.map((n) => num(n)).join(' / ')} words, the same text as plain text, Markdown (\`#\`/\`##\` headings, *emphasis*, links, lists) and an HTML page (h1/h2, p, em, a with onclick, ul, plus \`<script>\`/\`<style>\` noise every 10 blocks); URL imports that page from a \`node:http\` server on 127.0.0.1 (\`IMPORT_ALLOWED_HOSTS=127.0.0.1\`, set in-process) through fetch, Readability and the HTML path.`,
      `“import” is \`importArticle()\` in-process, median of ${runs} runs after one warm-up, formats interleaved in rotating order; “store” is \`createArticle()\` into a fresh SQLite file (median of ${runs}); sizes are \`length(cast(doc as blob))\` and \`length(cast(plain_text as blob))\` of the stored row (UTF-8 bytes).`,
    ],
  };
}

function paintSection(paint: PaintSample[], paintRuns: number): Section {
  const bySize = (size: number) => paint.filter((s) => s.size === size);
  const base = bySize(IMPORT_SIZES[0]);
  const baseFcp = median(base.map((s) => s.fcp));
  const basePainted = median(base.map((s) => s.painted));
  return {
    title: 'Article page: first paint by article size',
    table: {
      head: ['words', 'HTML (decoded)', 'TTFB', 'HTML received', 'FCP', 'FCP / 2k', 'article painted', 'painted / 2k', 'painted min–max'],
      rows: IMPORT_SIZES.map((size) => {
        const s = bySize(size);
        const painted = s.map((x) => x.painted);
        return [
          num(size),
          bytes(median(s.map((x) => x.htmlBytes))),
          ms(median(s.map((x) => x.ttfb))),
          ms(median(s.map((x) => x.responseEnd))),
          ms(median(s.map((x) => x.fcp))),
          ratio(median(s.map((x) => x.fcp)) / baseFcp),
          ms(median(painted)),
          ratio(median(painted) / basePainted),
          `${ms(Math.min(...painted))}–${ms(Math.max(...painted))}`,
        ];
      }),
    },
    notes: [
      `\`next start\` (production build) on 127.0.0.1, the three plain-text articles stored with no annotations, system Chromium (headless, playwright-core), a fresh signed-in context per run (cold cache), one unrecorded warm-up per article, then ${paintRuns} runs each interleaved 2k 20k 100k / 100k 20k 2k.`,
      "FCP is the `first-contentful-paint` entry (the header and page chrome: the article view is client-rendered); “article painted” is the app's `fm:highlights-painted` mark — the first frame with the ProseMirror view and (zero) highlights drawn. Every run checks the view holds the whole article's text. All times are ms since navigation start, medians.",
    ],
  };
}

export const importSuite: Suite = {
  name: 'import',
  summary: 'Import time, stored size and first paint for 2,000-, 20,000- and 100,000-word articles in each format.',
  run,
};
