// The claims suite: how well the offline claim detector (lib/claims/detect.ts) finds check-worthy
// sentences, and how fast. Quality: precision and recall per reason against the hand-labelled
// articles in tests/fixtures/claims/ (sentence by sentence, as lib/claims/segment.ts splits them).
// Speed: detectClaims over a generated 100,000-word article made of those articles' sentences,
// median of several runs, beside the sentence split alone (the baseline of the same run).
// Options: --runs=5 --words=100000. Needs no server. Also writes bench/results/claims.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nlp from 'compromise';
import { detectClaims, DETECTOR_VERSION, sentenceReasons } from '../lib/claims/detect';
import { segmentSentences } from '../lib/claims/segment';
import { CLAIM_REASONS, CLAIM_REASON_LABEL, type ClaimReason } from '../lib/claims/types';
import { TextIndex } from '../lib/document/canonical-text';
import { docFromText } from '../lib/import/text';
import { prng, pick } from './generate';
import { markdownSection, median, ms, num, ratio, verdict, type Section } from './report';
import { numberOption, type Suite } from './suite';

const ROOT = path.join(__dirname, '..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/claims');
const TARGET_MS = 2000;

export interface LabelledArticle {
  name: string;
  kind: string;
  /** Written and labelled after the detector was tuned on the others, and not used to tune it. */
  heldOut: boolean;
  text: string;
  /** Every sentence of the article with its labelled reasons ([] = not check-worthy). */
  sentences: { text: string; labelled: ClaimReason[] }[];
}

interface LabelFile {
  kind: string;
  heldOut?: boolean;
  source: string;
  claims: { text: string; reasons: ClaimReason[] }[];
}

/** The labelled articles, each sentence paired with its labels; throws when a label matches no sentence. */
export function loadLabelledArticles(): LabelledArticle[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const labels = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as LabelFile;
      const text = TextIndex.fromDoc(docFromText(fs.readFileSync(path.join(ROOT, labels.source), 'utf8'))).text;
      const byText = new Map(labels.claims.map((c) => [c.text, c.reasons]));
      const sentences = segmentSentences(text).map((s) => ({ text: s.text, labelled: byText.get(s.text) ?? [] }));
      const found = new Set(sentences.map((s) => s.text));
      const missing = labels.claims.filter((c) => !found.has(c.text));
      if (missing.length) throw new Error(`${file}: labelled sentences the segmenter does not produce: ${missing.map((c) => JSON.stringify(c.text)).join(', ')}`);
      return { name: file.replace(/\.json$/, ''), kind: labels.kind, heldOut: labels.heldOut ?? false, text, sentences };
    });
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** Precision and recall per reason over some of the articles, as a table. */
function qualitySection(title: string, articles: LabelledArticle[]): Section {
  const { keys, counts } = scoreDetector(articles);
  return {
    title,
    table: {
      head: ['reason', 'labelled', 'found', 'correct', 'precision', 'recall'],
      rows: keys.map((k) => {
        const c = counts[k];
        const { precision, recall } = score(c);
        return [k === 'check-worthy' ? 'check-worthy (any reason)' : CLAIM_REASON_LABEL[k], String(c.tp + c.fn), String(c.tp + c.fp), String(c.tp), pct(precision), pct(recall)];
      }),
    },
    notes: [`${articles.map((a) => `${a.name} (${a.kind}; ${a.sentences.length} sentences, ${a.sentences.filter((s) => s.labelled.length).length} labelled check-worthy)`).join('; ')}.`],
  };
}

const score = (c: Counts) => ({ precision: c.tp / (c.tp + c.fp), recall: c.tp / (c.tp + c.fn) });
const pct = (v: number) => (Number.isFinite(v) ? `${Math.round(v * 100)} %` : '–');

/** Precision and recall per reason and for "check-worthy" (any reason), over the given articles. */
export function scoreDetector(articles: LabelledArticle[]) {
  const keys = ['check-worthy', ...CLAIM_REASONS] as const;
  const counts = Object.fromEntries(keys.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<(typeof keys)[number], Counts>;
  const mistakes: string[] = [];
  for (const article of articles) {
    for (const s of article.sentences) {
      const found = sentenceReasons(s.text);
      const pairs: [(typeof keys)[number], boolean, boolean][] = [['check-worthy', found.length > 0, s.labelled.length > 0], ...CLAIM_REASONS.map((r): [ClaimReason, boolean, boolean] => [r, found.includes(r), s.labelled.includes(r)])];
      for (const [key, got, want] of pairs) {
        if (got && want) counts[key].tp++;
        else if (got) counts[key].fp++;
        else if (want) counts[key].fn++;
      }
      const extra = found.filter((r) => !s.labelled.includes(r));
      const lost = s.labelled.filter((r) => !found.includes(r));
      if (extra.length || lost.length) mistakes.push(`${article.name}: ${[...extra.map((r) => `+${r}`), ...lost.map((r) => `−${r}`)].join(' ')} — ${s.text.slice(0, 90)}`);
    }
  }
  return { keys, counts, mistakes };
}

/** About `words` words of news-like prose: the labelled articles' sentences shuffled into paragraphs, a heading now and then. */
export function generateClaimsArticle(articles: LabelledArticle[], words: number, seed = 20_261_128): string {
  const rand = prng(seed);
  const pool = articles.flatMap((a) => a.sentences.map((s) => s.text));
  const blocks: string[] = [];
  let count = 0;
  while (count < words) {
    if (blocks.length > 0 && rand() < 0.08) blocks.push(pick(rand, ['Background', 'What the figures say', 'Reaction', 'The company’s account', 'Taxes and debt']));
    const sentences: string[] = [];
    for (let i = 2 + Math.floor(rand() * 5); i > 0; i--) sentences.push(pick(rand, pool));
    const paragraph = sentences.join(' ');
    count += paragraph.split(/\s+/).length;
    blocks.push(paragraph);
  }
  return blocks.join('\n\n');
}

function time(fn: () => unknown): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

export const claimsSuite: Suite = {
  name: 'claims',
  summary: 'Claim detector: precision and recall per reason on three hand-labelled articles it was tuned on and one held out; detection time for a 100,000-word article.',
  run: async (ctx) => {
    const runs = numberOption(ctx, 'runs', 5, 1, 50);
    const words = numberOption(ctx, 'words', 100_000, 1_000, 1_000_000);
    const articles = loadLabelledArticles();
    const { counts, mistakes } = scoreDetector(articles);
    const tuning = qualitySection(`Claim detector quality on the articles it was tuned on (detector version ${DETECTOR_VERSION})`, articles.filter((a) => !a.heldOut));
    const heldOut = qualitySection('Claim detector quality on the held-out article (labelled before the detector saw it, not tuned on)', articles.filter((a) => a.heldOut));
    tuning.notes!.push('Scored per sentence: a reason is correct when the detector gives it to a sentence labelled with it. Labels in tests/fixtures/claims/ (rules in its README).');
    const perArticle: Section = {
      title: 'Check-worthy sentences per article',
      table: {
        head: ['article', 'sentences', 'labelled', 'found', 'precision', 'recall'],
        rows: articles.map((a) => {
          const one = scoreDetector([a]).counts['check-worthy'];
          const { precision, recall } = score(one);
          return [a.name, String(a.sentences.length), String(one.tp + one.fn), String(one.tp + one.fp), pct(precision), pct(recall)];
        }),
      },
    };

    const text = generateClaimsArticle(articles, words);
    const wordCount = text.split(/\s+/).length;
    ctx.log(`claims: ${num(wordCount)} words, ${runs} runs`);
    // One warm-up each (compromise builds its lexicon on first use), then alternate the two.
    segmentSentences(text);
    const claims = detectClaims(text);
    const split: { wall: number; cpu: number }[] = [];
    const detect: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < runs; i++) {
      split.push(time(() => segmentSentences(text)));
      detect.push(time(() => detectClaims(text)));
    }
    const detectMs = median(detect.map((d) => d.wall));
    const splitMs = median(split.map((d) => d.wall));
    // For reference, what compromise's full tagger would cost (why the detector reads only its
    // lexicon): nlp() on the sentences of the first tenth of the article, once, times ten.
    const sentences = segmentSentences(text);
    const tenth = sentences.slice(0, Math.ceil(sentences.length / 10));
    const tagger = time(() => {
      for (const s of tenth) nlp(s.text);
    });
    const taggerMs = (tagger.wall * sentences.length) / tenth.length;
    const speed: Section = {
      title: `Detection speed, ${num(wordCount)} words (${num(text.length)} characters)`,
      table: {
        head: ['step', 'median wall time', 'median CPU time', '× sentence split'],
        rows: [
          ['sentence split only (Intl.Segmenter, baseline)', ms(splitMs), ms(median(split.map((d) => d.cpu))), ratio(1)],
          ['detectClaims (split + compromise lexicon + patterns)', ms(detectMs), ms(median(detect.map((d) => d.cpu))), ratio(detectMs / splitMs)],
          ['compromise full tagger, nlp() per sentence (reference: one run on a tenth, ×10)', ms(taggerMs), ms((tagger.cpu * sentences.length) / tenth.length), ratio(taggerMs / splitMs)],
        ],
      },
      notes: [
        `${num(sentences.length)} sentences, ${num(claims.length)} found check-worthy; ${runs} runs each, interleaved, after one warm-up; 1-minute load average ${os.loadavg()[0].toFixed(2)} at the end on ${os.cpus().length} cores.`,
        `Target under ${ms(TARGET_MS)}: ${verdict(detectMs, TARGET_MS, ms)}.`,
      ],
    };
    const sections = [tuning, heldOut, perArticle, speed];
    const errors: Section = {
      title: 'Where the detector and the labels differ (+ found, not labelled; − labelled, not found)',
      table: { head: ['sentence'], rows: mistakes.map((m) => [m]) },
    };
    const results = path.join(__dirname, 'results');
    fs.mkdirSync(results, { recursive: true });
    fs.writeFileSync(
      path.join(results, 'claims.md'),
      [`# Claims suite — ${new Date().toISOString().slice(0, 10)}`, '', `\`npm run bench -- claims\` on ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}.`, '', ...[...sections, errors].map((s) => markdownSection(s))].join('\n'),
    );
    return { sections, raw: { counts, mistakes, split, detect, tagger, wordCount } };
  },
};
