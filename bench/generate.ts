// Synthetic, deterministic benchmark data: a news-like article of a given length (paragraphs of
// 60–200 words, now and then a short heading line) and annotations over it — mostly disjoint
// passages of 2–15 words, a share overlapping another one, mixed statuses and authors. Pure
// functions of a seed: the same seed gives the same article and ranges on every machine. Below,
// articles with mark-up (headings, lists, emphasis, links) for the import formats. Every generator
// takes the seed first.
import { docFromText } from '../lib/import/text';
import { TextIndex } from '../lib/document/canonical-text';
import { STATUSES, type Status } from '../lib/annotations/status';
import type { Node as PMNode } from 'prosemirror-model';

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const intBetween = (rand: Random, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
export const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

const WORDS = (
  'the a of to in and for on that with as by at from its their officials said according report government minister ' +
  'city council police court election vote budget percent million billion year week month people residents workers ' +
  'company market prices energy water health hospital school students data study researchers scientists evidence ' +
  'claim claims statement spokesperson agency department federal regional local national international border trade ' +
  'talks agreement deal plan policy law bill proposal committee inquiry investigation audit figures numbers rate rise ' +
  'fall increase decrease record highest lowest since first last new former current major minor significant reported ' +
  'confirmed denied warned announced estimated expected could would should might will has have had was were is are ' +
  'not only more less than about nearly almost over under between during after before while because although however ' +
  'analysts experts critics supporters opposition ruling party leader president mayor governor chief executive board ' +
  'airport port railway road bridge flood drought storm fire emissions climate temperature rainfall harvest farmers ' +
  'inflation wages jobs unemployment tax revenue spending deficit debt bank loans interest housing rents homes ' +
  'survey poll respondents majority minority share growth decline crisis response recovery program funding grant ' +
  'documents records emails interview sources familiar matter public private security military troops ceasefire aid ' +
  'shipment supplies vaccine cases deaths patients doctors nurses shortage strike union negotiations contract court ' +
  'judge ruling appeal sentence charges prosecutors lawyers witness testimony hearing trial verdict fine penalty'
).split(/\s+/);

const HEADING_WORDS = 'Background Timeline Reaction Analysis Numbers Context Outlook Response Costs Evidence Claims Review Next Steps Record Dispute Officials Markets Voters'.split(' ');

function sentence(rand: Random, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    let w = pick(rand, WORDS);
    if (i === 0) w = w[0].toUpperCase() + w.slice(1);
    if (i > 2 && i < words - 2 && rand() < 0.06) w += ',';
    if (rand() < 0.02) w = String(intBetween(rand, 2, 2024));
    out.push(w);
  }
  return `${out.join(' ')}.`;
}

function paragraph(rand: Random, words: number): string {
  const sentences: string[] = [];
  let left = words;
  while (left > 0) {
    const n = left < 14 ? left : Math.min(left, intBetween(rand, 8, 26));
    sentences.push(sentence(rand, n));
    left -= n;
  }
  return sentences.join(' ');
}

export interface GeneratedArticle {
  /** The plain text handed to the importer (blocks separated by blank lines). */
  source: string;
  doc: PMNode;
  index: TextIndex;
  /** [start, end) code-point offsets of every block in the canonical text. */
  blocks: { start: number; end: number }[];
  /** Every word: its block and [start, end) offsets in the canonical text. */
  words: { block: number; start: number; end: number }[];
}

/** About `targetWords` words in paragraphs of 60–200 words with an occasional heading line. */
export function generateArticle(seed: number, targetWords: number): GeneratedArticle {
  const rand = prng(seed);
  const blocks: string[] = [];
  let count = 0;
  let sinceHeading = 0;
  while (count < targetWords) {
    // A heading needs a paragraph on both sides (the importer never makes the first block one).
    if (blocks.length > 0 && sinceHeading >= 4 && rand() < 0.2) {
      const n = intBetween(rand, 2, 5);
      const heading = Array.from({ length: n }, () => pick(rand, HEADING_WORDS)).join(' ');
      blocks.push(heading);
      count += n;
      sinceHeading = 0;
      continue;
    }
    const n = Math.min(intBetween(rand, 60, 200), Math.max(60, targetWords - count));
    blocks.push(paragraph(rand, n));
    count += n;
    sinceHeading++;
  }
  const source = blocks.join('\n\n');
  const doc = docFromText(source);
  const index = TextIndex.fromDoc(doc);
  // The generated text is ASCII, so UTF-16 offsets are code-point offsets; checked here.
  if (index.length !== index.text.length) throw new Error('generated text is not ASCII');

  const blockSpans: { start: number; end: number }[] = [];
  const words: { block: number; start: number; end: number }[] = [];
  let offset = 0;
  for (const [b, text] of index.text.split('\n\n').entries()) {
    blockSpans.push({ start: offset, end: offset + text.length });
    for (const m of text.matchAll(/\S+/g)) words.push({ block: b, start: offset + m.index!, end: offset + m.index! + m[0].length });
    offset += text.length + 2;
  }
  return { source, doc, index, blocks: blockSpans, words };
}

export interface AnnotationSpec {
  start: number;
  end: number;
  status: Status;
  /** Index into the authors list. */
  author: number;
  note: string;
  sources: { url: string; title: string | null }[];
  overlapping: boolean;
}

const STATUS_WEIGHTS: [Status, number][] = [
  ['verified', 0.45],
  ['disputed', 0.3],
  ['needs_source', 0.25],
];

function status(rand: Random): Status {
  let x = rand();
  for (const [s, w] of STATUS_WEIGHTS) if ((x -= w) < 0) return s;
  return STATUSES[0];
}

/** Lengths of 2–15 words, skewed short (mean about 3.5) so thousands fit side by side. */
function passageWords(rand: Random): number {
  return Math.min(15, 2 + Math.floor(-Math.log(1 - rand()) * 1.6));
}

/**
 * `total` annotations: (1 − overlapShare) of them disjoint, spread over the blocks in proportion
 * to their words, and the rest each overlapping (inside, across an end of, or around) a disjoint one.
 */
export function generateAnnotations(seed: number, article: GeneratedArticle, total: number, overlapShare: number, authors: number): AnnotationSpec[] {
  const rand = prng(seed);
  const disjoint = Math.round(total * (1 - overlapShare));
  const { words } = article;
  // Word index ranges of each block.
  const blockWords: { first: number; count: number }[] = article.blocks.map(() => ({ first: -1, count: 0 }));
  words.forEach((w, i) => {
    const bw = blockWords[w.block];
    if (bw.first < 0) bw.first = i;
    bw.count++;
  });
  // Largest-remainder split of the disjoint passages over the blocks, by word count.
  const shares = blockWords.map((b) => (b.count / words.length) * disjoint);
  const perBlock = shares.map(Math.floor);
  let left = disjoint - perBlock.reduce((a, b) => a + b, 0);
  for (const i of shares.map((s, i) => [s - Math.floor(s), i]).sort((a, b) => b[0] - a[0]).map(([, i]) => i)) {
    if (left-- <= 0) break;
    perBlock[i]++;
  }

  const make = (firstWord: number, lastWord: number, overlapping: boolean): AnnotationSpec => {
    const r = rand();
    return {
      start: words[firstWord].start,
      end: words[lastWord].end,
      status: status(rand),
      author: Math.floor(rand() * authors),
      note: r < 0.3 ? `Checked against the ${pick(rand, WORDS)} ${pick(rand, WORDS)} figures.` : '',
      sources: r < 0.15 ? [{ url: `https://example.org/evidence/${Math.floor(rand() * 1e6)}`, title: rand() < 0.5 ? 'Primary source' : null }] : [],
      overlapping,
    };
  };

  const spans: { first: number; last: number; block: number }[] = [];
  const out: AnnotationSpec[] = [];
  blockWords.forEach((bw, b) => {
    const k = Math.min(perBlock[b], Math.floor(bw.count / 2));
    if (k === 0) return;
    const lengths = Array.from({ length: k }, () => passageWords(rand));
    // Shorten the longest passages until they fit the block.
    while (lengths.reduce((a, c) => a + c, 0) > bw.count) lengths[lengths.indexOf(Math.max(...lengths))]--;
    // The words left over become gaps: a random split of them into k + 1 parts.
    const free = bw.count - lengths.reduce((a, c) => a + c, 0);
    const cuts = Array.from({ length: k }, () => Math.floor(rand() * (free + 1))).sort((x, y) => x - y);
    let at = bw.first;
    let prevCut = 0;
    for (let i = 0; i < k; i++) {
      at += cuts[i] - prevCut;
      prevCut = cuts[i];
      spans.push({ first: at, last: at + lengths[i] - 1, block: b });
      out.push(make(at, at + lengths[i] - 1, false));
      at += lengths[i];
    }
  });
  if (out.length !== disjoint) throw new Error(`placed ${out.length} of ${disjoint} disjoint passages`);

  const taken = new Set(out.map((a) => `${a.start}:${a.end}`));
  let attempts = 0;
  while (out.length < total) {
    if (spans.length === 0 || ++attempts > total * 100) throw new Error(`cannot place ${total} annotations in ${words.length} words`);
    const base = pick(rand, spans);
    const bw = blockWords[base.block];
    const blockLast = bw.first + bw.count - 1;
    const len = base.last - base.first + 1;
    let first: number;
    let last: number;
    const kind = rand();
    if (kind < 0.3 && len >= 3) {
      // Inside it.
      first = intBetween(rand, base.first, base.last - 1);
      last = intBetween(rand, first + 1, base.last);
    } else if (kind < 0.65) {
      // Across its start.
      first = Math.max(bw.first, base.first - intBetween(rand, 1, 6));
      last = intBetween(rand, base.first, base.last);
    } else if (kind < 0.9) {
      // Across its end.
      first = intBetween(rand, base.first, base.last);
      last = Math.min(blockLast, base.last + intBetween(rand, 1, 6));
    } else {
      // Around it.
      first = Math.max(bw.first, base.first - intBetween(rand, 0, 3));
      last = Math.min(blockLast, base.last + intBetween(rand, 1, 3));
    }
    if (last - first + 1 < 2 || last - first + 1 > 15) continue;
    const key = `${words[first].start}:${words[last].end}`;
    if (taken.has(key)) continue;
    taken.add(key);
    out.push(make(first, last, true));
  }
  return out;
}

/** `count` passages of 2–15 words inside one block each, for new annotations during a run. */
export function randomPassages(seed: number, article: GeneratedArticle, count: number): { start: number; end: number; block: number }[] {
  const rand = prng(seed);
  const out: { start: number; end: number; block: number }[] = [];
  for (let attempts = 0; out.length < count; attempts++) {
    if (attempts > count * 1000) throw new Error(`cannot find ${count} passages of 2–15 words`);
    const first = Math.floor(rand() * article.words.length);
    const last = first + intBetween(rand, 1, 14);
    if (last >= article.words.length || article.words[last].block !== article.words[first].block) continue;
    out.push({ start: article.words[first].start, end: article.words[last].end, block: article.words[first].block });
  }
  return out;
}

/** Where a canonical-text range is in the article view: block index and offsets inside the block. */
export function blockRange(article: GeneratedArticle, start: number, end: number): [block: number, from: number, to: number] {
  let lo = 0;
  let hi = article.blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (article.blocks[mid].start <= start) lo = mid;
    else hi = mid - 1;
  }
  const block = article.blocks[lo];
  if (end > block.end) throw new Error(`range ${start}–${end} crosses the end of block ${lo}`);
  return [lo, start - block.start, end - block.start];
}

// ---------------------------------------------------------------------------------------------
// Articles with mark-up, for the import formats: a title, paragraphs with an emphasised phrase and
// a link now and then, short headings and bulleted lists, rendered as plain text, Markdown and an
// HTML page. The same vocabulary plus a few non-ASCII words (the importers must keep them).
// ---------------------------------------------------------------------------------------------

const NON_ASCII_WORDS = ['café', 'naïve', 'Zürich', 'São', 'Paulo', 'Kraków', 'résumé', '3.5%', '1,200', '250,000'];

interface FormattedParagraph {
  kind: 'p';
  words: string[];
  /** Word ranges [from, to) shown in emphasis and as a link in Markdown and HTML. */
  em: [number, number] | null;
  link: [number, number] | null;
}
type FormattedBlock = FormattedParagraph | { kind: 'h'; words: string[] } | { kind: 'ul'; items: string[][] };

export interface FormattedArticle {
  title: string;
  blocks: FormattedBlock[];
  /** Words in the body (the title excluded). */
  bodyWords: number;
}

const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** An article of exactly `words` body words with mark-up, the same for every seed. */
export function generateFormattedArticle(seed: number, words: number): FormattedArticle {
  const rand = prng(seed);
  const word = () => (rand() < 0.02 ? pick(rand, NON_ASCII_WORDS) : pick(rand, WORDS));
  const sentenceWords = (n: number): string[] => {
    const out = Array.from({ length: n }, word);
    out[0] = capitalise(out[0]);
    if (n > 8 && rand() < 0.4) out[intBetween(rand, 2, n - 3)] += ',';
    out[n - 1] += rand() < 0.9 ? '.' : '?';
    return out;
  };
  const range = (length: number, size: number): [number, number] => {
    const from = intBetween(rand, 1, length - size - 1);
    return [from, from + size];
  };
  const title = sentenceWords(intBetween(rand, 6, 10)).join(' ').replace(/[.?]$/, '');
  const blocks: FormattedBlock[] = [];
  let count = 0;
  let sinceHeading = 0;
  let sinceList = 0;
  while (count < words) {
    const left = words - count;
    if (blocks.length > 0 && sinceHeading >= 6 && left > 40 && rand() < 0.35) {
      // A heading: short, no final punctuation (what the plain-text importer reads as a heading).
      const h = Array.from({ length: intBetween(rand, 3, 6) }, () => pick(rand, HEADING_WORDS));
      blocks.push({ kind: 'h', words: h });
      count += h.length;
      sinceHeading = 0;
      continue;
    }
    if (sinceList >= 12 && left > 60 && rand() < 0.3) {
      const items = Array.from({ length: intBetween(rand, 3, 5) }, () => sentenceWords(intBetween(rand, 4, 10)));
      blocks.push({ kind: 'ul', items });
      count += items.reduce((n, item) => n + item.length, 0);
      sinceList = 0;
      continue;
    }
    const p: string[] = [];
    for (let s = intBetween(rand, 3, 6); s > 0 && p.length < left; s--) p.push(...sentenceWords(intBetween(rand, 7, 24)));
    p.length = Math.min(p.length, left);
    if (!/[.?]$/.test(p[p.length - 1])) p[p.length - 1] += '.';
    const em = p.length > 12 && rand() < 0.5 ? range(p.length, intBetween(rand, 1, 3)) : null;
    let link = p.length > 12 && rand() < 0.4 ? range(p.length, intBetween(rand, 1, 4)) : null;
    if (em && link && link[0] < em[1] && em[0] < link[1]) link = null;
    blocks.push({ kind: 'p', words: p, em, link });
    count += p.length;
    sinceHeading++;
    sinceList++;
  }
  return { title, blocks, bodyWords: count };
}

export function articleAsText(a: FormattedArticle): string {
  const out = [a.title];
  for (const b of a.blocks) {
    // Plain text has no list mark-up: each item is its own paragraph (items end in a full stop).
    if (b.kind === 'ul') out.push(...b.items.map((item) => item.join(' ')));
    else out.push(b.words.join(' '));
  }
  return `${out.join('\n\n')}\n`;
}

function inline(p: FormattedParagraph, em: (s: string) => string, link: (s: string, n: number) => string, escape: (s: string) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < p.words.length; ) {
    if (p.em && i === p.em[0]) {
      parts.push(em(p.words.slice(p.em[0], p.em[1]).map(escape).join(' ')));
      i = p.em[1];
    } else if (p.link && i === p.link[0]) {
      parts.push(link(p.words.slice(p.link[0], p.link[1]).map(escape).join(' '), p.link[0]));
      i = p.link[1];
    } else parts.push(escape(p.words[i++]));
  }
  return parts.join(' ');
}

export function articleAsMarkdown(a: FormattedArticle): string {
  const out = [`# ${a.title}`];
  a.blocks.forEach((b, i) => {
    if (b.kind === 'h') out.push(`## ${b.words.join(' ')}`);
    else if (b.kind === 'ul') out.push(b.items.map((item) => `- ${item.join(' ')}`).join('\n'));
    else out.push(inline(b, (s) => `*${s}*`, (s, n) => `[${s}](https://example.org/ref/${i}-${n})`, (s) => s));
  });
  return `${out.join('\n\n')}\n`;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A whole page: head with style and script, the article, and script/style noise between its blocks. */
export function articleAsHtml(a: FormattedArticle): string {
  const out = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(a.title)}</title>`,
    '<meta name="author" content="Bench Reporter">',
    '<style>body{font-family:serif}.ad{display:none}</style>',
    '<script>window.dataLayer=window.dataLayer||[];dataLayer.push({event:"pageview"});</script>',
    '</head><body><article>',
    `<h1>${escapeHtml(a.title)}</h1>`,
  ];
  a.blocks.forEach((b, i) => {
    if (b.kind === 'h') out.push(`<h2>${escapeHtml(b.words.join(' '))}</h2>`);
    else if (b.kind === 'ul') out.push(`<ul>${b.items.map((item) => `<li>${escapeHtml(item.join(' '))}</li>`).join('')}</ul>`);
    else out.push(`<p>${inline(b, (s) => `<em>${s}</em>`, (s, n) => `<a href="https://example.org/ref/${i}-${n}" onclick="track(${i})">${s}</a>`, escapeHtml)}</p>`);
    if (i % 10 === 9) {
      out.push(`<script>window.__slot${i}={id:${i},sizes:[[300,250]]};document.write("<div>ad ${i}</div>");</script>`);
      out.push(`<style>.slot-${i}{min-height:250px}</style>`);
    }
  });
  out.push('</article><script src="/tracker.js" async></script></body></html>');
  return out.join('\n');
}
