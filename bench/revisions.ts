// The revisions suite: how well, and how fast, annotations are carried to a new revision of their
// article — Factmark's carryAnnotations (lib/revisions/carry.ts) against Hypothesis's quote
// matcher (bench/hypothesis-match.ts), scored against the exact origin of every new character.
//   offline — 2,000 annotations on a 20,000-word article, revisions with 3 %, 10 % and 25 % of
//             sentences edited; then 10,000 annotations on a 100,000-word article (target ≤ 5 s);
//   http    — POST /api/articles/:id/revisions with a 10 % revision, end to end.
// Options: --only=offline,big,http --runs=3 --http-runs=5 --words=20000 --annotations=2000 --big-words=100000
//          --big-annotations=10000 --big-hypothesis-runs=1
import { openDatabase } from '../db/client';
import { STATUSES } from '../lib/annotations/status';
import { carryAnnotations, type CarryOutcome, type CarryPassage } from '../lib/revisions/carry';
import { contentHash } from '../lib/revisions/hash';
import { ANCHOR_STATES, REMOVED_BELOW_SHARE, type AnchorState, type CarrySummary, type RevisionDto } from '../lib/revisions/types';
import { anchorPassage, describePassage } from './hypothesis-match';
import { generateAnnotations, generateArticle, prng, type AnnotationSpec, type GeneratedArticle } from './generate';
import { startNoiseMeter } from './machine';
import { median, ms, num, verdict, type Section, type SuiteResult } from './report';
import { newPositions, passageTruth, placementFit, reviseText, type EditCounts, type PassageTruth, type Revision } from './revision-generate';
import { createUsers, insertAnnotations, insertArticle } from './seed';
import { sessionCookie, signIn } from './server';
import { numberOption, partsOption, type BenchContext, type Suite } from './suite';

const SEED = 20_261_128;
const LEVELS = [0.03, 0.1, 0.25] as const;
/** Share of the annotations that cover one whole sentence; the rest are phrases of 2–15 words. */
const SENTENCE_SHARE = 0.2;
const OVERLAP_SHARE = 0.15;
const AUTHORS = 3;
/**
 * A placement may include this many characters that are neither from its passage nor new text
 * inside it (a space or punctuation mark at an edge) and still count as on its passage.
 */
const EDGE_TOLERANCE = 2;
const BIG_TARGET_MS = 5000;
const PARTS = ['offline', 'big', 'http'] as const;

// ——— data ———

/** `count` whole sentences (one annotation each, distinct), from the paragraphs of the article. */
function sentencePassages(article: GeneratedArticle, count: number, seed: number): { start: number; end: number }[] {
  const rand = prng(seed);
  const sentences: { start: number; end: number }[] = [];
  for (const block of article.blocks) {
    const text = article.index.text.slice(block.start, block.end);
    for (const m of text.matchAll(/[^ ][^.]*\./g)) sentences.push({ start: block.start + m.index!, end: block.start + m.index! + m[0].length });
  }
  for (let i = sentences.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [sentences[i], sentences[j]] = [sentences[j], sentences[i]];
  }
  if (sentences.length < count) throw new Error(`only ${sentences.length} sentences for ${count} sentence annotations`);
  return sentences.slice(0, count);
}

/** The annotations: phrases from bench/generate.ts and whole sentences; a passage's id is its index. */
function makeSpecs(article: GeneratedArticle, total: number, seed: number): AnnotationSpec[] {
  const whole = Math.round(total * SENTENCE_SHARE);
  const phrases = generateAnnotations(seed, article, total - whole, OVERLAP_SHARE, AUTHORS);
  const sentences = sentencePassages(article, whole, seed + 1).map(
    (p, i): AnnotationSpec => ({ ...p, status: STATUSES[i % STATUSES.length], author: i % AUTHORS, note: '', sources: [], overlapping: false }),
  );
  return [...phrases, ...sentences];
}

const toPassages = (specs: AnnotationSpec[]): CarryPassage[] => specs.map((p, id) => ({ id, start: p.start, end: p.end }));

// ——— methods ———

/** One annotation's outcome under one method, in the new text. */
interface Placement {
  placed: boolean;
  start: number;
  end: number;
  /** Marked for re-check (Factmark's `changed`); Hypothesis never flags. */
  flagged: boolean;
  state: AnchorState | 'found' | 'orphaned';
}

function runFactmark(oldText: string, newText: string, passages: CarryPassage[]): Placement[] {
  const { outcomes } = carryAnnotations(oldText, newText, passages);
  const byId = new Map<number, CarryOutcome>(outcomes.map((o) => [o.id, o]));
  return passages.map((p) => {
    const o = byId.get(p.id);
    if (!o) throw new Error(`carryAnnotations returned no outcome for passage ${p.id}`);
    const placed = o.state !== 'removed' && o.start !== null && o.end !== null;
    return { placed, start: o.start ?? -1, end: o.end ?? -1, flagged: o.state === 'changed', state: o.state };
  });
}

function runHypothesis(newText: string, selectors: ReturnType<typeof describePassage>[]): Placement[] {
  return selectors.map((s) => {
    const m = anchorPassage(newText, s);
    return m ? { placed: true, start: m.start, end: m.end, flagged: false, state: 'found' } : { placed: false, start: -1, end: -1, flagged: false, state: 'orphaned' };
  });
}

// ——— scoring ———

type Verdict = 'right' | 'flaggedMisplaced' | 'silentlyWrong' | 'wronglyRemoved';

interface Score {
  total: number;
  right: number;
  flagged: number;
  flaggedMisplaced: number;
  silentlyWrong: number;
  wronglyRemoved: number;
  /** Of the wrongly removed: no single surviving piece holds half the passage (the contract's “in one piece”). */
  wronglyRemovedSplit: number;
  /** Right placements left unflagged although the passage's words changed. */
  staleUnflagged: number;
  /** Right placements flagged although the passage is intact. */
  flaggedIntact: number;
  examples: { id: number; verdict: Verdict; placement: Placement; truth: PassageTruth }[];
}

function judge(p: CarryPassage, truth: PassageTruth, placement: Placement, origin: Int32Array): Verdict {
  // Within EDGE_TOLERANCE characters of the half-way line either outcome is right: whether a
  // space next to an edit is "the same" space is a matter of convention, not of the carry.
  const half = REMOVED_BELOW_SHARE * truth.length;
  const mayRemove = truth.surviving - EDGE_TOLERANCE < half;
  const mayPlace = truth.surviving + EDGE_TOLERANCE >= half;
  if (!placement.placed) return mayRemove ? 'right' : 'wronglyRemoved';
  if (mayPlace && placement.start >= 0 && placement.end <= origin.length && placement.start < placement.end) {
    const fit = placementFit(p.start, p.end, truth, placement.start, placement.end, origin);
    if (fit.own >= Math.max(1, Math.ceil(truth.surviving / 2)) && fit.extra <= EDGE_TOLERANCE) return 'right';
  }
  return placement.flagged ? 'flaggedMisplaced' : 'silentlyWrong';
}

function score(passages: CarryPassage[], truths: PassageTruth[], placements: Placement[], origin: Int32Array): Score {
  const s: Score = { total: passages.length, right: 0, flagged: 0, flaggedMisplaced: 0, silentlyWrong: 0, wronglyRemoved: 0, wronglyRemovedSplit: 0, staleUnflagged: 0, flaggedIntact: 0, examples: [] };
  passages.forEach((p, i) => {
    const truth = truths[i];
    const placement = placements[i];
    const v = judge(p, truth, placement, origin);
    s[v]++;
    if (placement.flagged) s.flagged++;
    if (v === 'right' && placement.placed && !placement.flagged && !truth.intact) s.staleUnflagged++;
    if (v === 'right' && placement.flagged && truth.intact) s.flaggedIntact++;
    if (v === 'wronglyRemoved' && truth.largestPiece < truth.length / 2) s.wronglyRemovedSplit++;
    if (v !== 'right') s.examples.push({ id: p.id, verdict: v, placement, truth });
  });
  return s;
}

// ——— timing ———

/** `runs` timed calls, after one untimed warm-up when `warmUp`; returns the last result too. */
function timed<T>(runs: number, warmUp: boolean, fn: () => T): { times: number[]; result: T } {
  let result = warmUp ? fn() : undefined;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = fn();
    times.push(performance.now() - t);
  }
  return { times, result: result as T };
}

// ——— the parts ———

/** The revision of the 20,000-word article at LEVELS[i]: the same text in the offline and HTTP parts. */
const levelRevision = (oldText: string, i: number) => reviseText(oldText, SEED + 10 + i, LEVELS[i]);

interface LevelResult {
  share: number;
  edits: EditCounts;
  truth: { intact: number; edited: number; gone: number };
  factmark: { score: Score; times: number[] } | { error: string };
  hypothesis: { score: Score; times: number[] };
  otherCores: number;
}

function truthsFor(oldText: string, revision: Revision, passages: CarryPassage[]): PassageTruth[] {
  const newPos = newPositions(oldText.length, revision.origin);
  return passages.map((p) => passageTruth(p.start, p.end, newPos));
}

const summarizeTruth = (truths: PassageTruth[]) => ({
  intact: truths.filter((t) => t.intact).length,
  edited: truths.filter((t) => !t.intact && !t.gone).length,
  gone: truths.filter((t) => t.gone).length,
});

/** Both methods on one revision; Hypothesis runs `hypothesisRuns` times (0: not at all; 1: no warm-up either). */
function carryBoth(ctx: BenchContext, oldText: string, revision: Revision, passages: CarryPassage[], runs: number, hypothesisRuns: number) {
  const truths = truthsFor(oldText, revision, passages);
  const selectors = passages.map((p) => describePassage(oldText, p.start, p.end));
  const noise = startNoiseMeter();
  let factmark: LevelResult['factmark'];
  try {
    const t = timed(runs, true, () => runFactmark(oldText, revision.text, passages));
    factmark = { score: score(passages, truths, t.result, revision.origin), times: t.times };
    ctx.log(`  Factmark: median ${ms(median(t.times))}`);
  } catch (error) {
    factmark = { error: error instanceof Error ? error.message : String(error) };
    ctx.log(`  Factmark: ${factmark.error}`);
  }
  let hypothesis: LevelResult['hypothesis'] | undefined;
  if (hypothesisRuns > 0) {
    const t = timed(hypothesisRuns, hypothesisRuns > 1, () => runHypothesis(revision.text, selectors));
    hypothesis = { score: score(passages, truths, t.result, revision.origin), times: t.times };
    ctx.log(`  Hypothesis: median ${ms(median(t.times))}`);
  }
  return { truths, factmark, hypothesis, otherCores: noise() };
}

const pct = (n: number, total: number) => `${num(n)} (${num((100 * n) / total, 1)} %)`;

function scoreRow(label: string, method: string, s: Score, times: number[]): string[] {
  return [
    label,
    method,
    pct(s.right, s.total),
    method === 'Hypothesis' ? '— (never flags)' : pct(s.flagged, s.total),
    num(s.flaggedMisplaced),
    num(s.silentlyWrong),
    num(s.wronglyRemoved),
    num(s.staleUnflagged),
    `${ms(median(times))} (${times.length})`,
  ];
}

const SCORE_HEAD = ['revision', 'method', 'right', 'flagged for re-check', 'flagged, not on its passage', 'silently wrong', 'wrongly removed', 'unflagged on edited words', 'time (median, runs)'];

/** A few cases that went wrong, with their text, for the carry's author. */
function describeExamples(s: Score, oldText: string, revision: Revision, passages: CarryPassage[], verdicts: Verdict[], limit: number): string[] {
  const clip = (t: string) => JSON.stringify(t.length > 160 ? `${t.slice(0, 157)}…` : t);
  return s.examples
    .filter((e) => verdicts.includes(e.verdict))
    .slice(0, limit)
    .map((e) => {
      const p = passages[e.id];
      const placed = e.placement.placed ? `${e.placement.state} at ${e.placement.start}–${e.placement.end}: ${clip(revision.text.slice(e.placement.start, e.placement.end))}` : e.placement.state;
      const survivors: number[] = [];
      for (let i = 0; i < revision.origin.length; i++) if (revision.origin[i] >= p.start && revision.origin[i] < p.end) survivors.push(i);
      const where = survivors.length ? `${survivors[0]}–${survivors[survivors.length - 1] + 1}: ${clip(revision.text.slice(survivors[0], survivors[survivors.length - 1] + 1))}` : 'nowhere';
      return `#${e.id} (${e.verdict}) old ${p.start}–${p.end} ${clip(oldText.slice(p.start, p.end))}; ${e.truth.surviving}/${e.truth.length} characters survive (largest piece ${e.truth.largestPiece}), at ${where}; placed ${placed}`;
    });
}

async function offline(ctx: BenchContext, runs: number, sections: Section[], raw: Record<string, unknown>, problems: string[]) {
  const words = numberOption(ctx, 'words', 20_000, 1000, 200_000);
  const total = numberOption(ctx, 'annotations', 2000, 10, 50_000);
  const article = generateArticle(SEED, words);
  const oldText = article.index.text;
  const passages = toPassages(makeSpecs(article, total, SEED + 1));
  ctx.log(`revisions: ${num(article.words.length)} words, ${num(passages.length)} annotations`);

  const levels: LevelResult[] = [];
  const examples: string[] = [];
  for (const [i, share] of LEVELS.entries()) {
    const revision = levelRevision(oldText, i);
    ctx.log(`revision with ${share * 100} % of sentences edited (${num(revision.edits.edited)} sentences)`);
    const r = carryBoth(ctx, oldText, revision, passages, runs, runs);
    levels.push({ share, edits: revision.edits, truth: summarizeTruth(r.truths), factmark: r.factmark, hypothesis: r.hypothesis!, otherCores: r.otherCores });
    if ('score' in r.factmark) {
      for (const line of describeExamples(r.factmark.score, oldText, revision, passages, ['silentlyWrong'], 5)) examples.push(`${share * 100} %: ${line}`);
      for (const line of describeExamples(r.factmark.score, oldText, revision, passages, ['wronglyRemoved', 'flaggedMisplaced'], 3)) examples.push(`${share * 100} %: ${line}`);
    }
  }
  raw.offline = levels.map((l) => ({
    ...l,
    factmark: 'score' in l.factmark ? { ...l.factmark, score: { ...l.factmark.score, examples: l.factmark.score.examples.slice(0, 50) } } : l.factmark,
    hypothesis: { ...l.hypothesis, score: { ...l.hypothesis.score, examples: l.hypothesis.score.examples.slice(0, 50) } },
  }));

  const label = (share: number) => `${share * 100} % of sentences`;
  sections.push({
    title: `The revisions (${num(article.words.length)} words, ${num(oldText.length)} characters, ${num(passages.length)} annotations)`,
    table: {
      head: ['revision', 'sentences edited', 'deleted', 'replaced', 'inserted', 'rewritten', 'words replaced / inserted / deleted', 'paragraphs deleted / moved', 'passages intact', 'edited', 'gone'],
      rows: levels.map((l) => [
        label(l.share),
        `${num(l.edits.edited)} of ${num(l.edits.sentences)}`,
        num(l.edits.sentencesDeleted),
        num(l.edits.sentencesReplaced),
        num(l.edits.sentencesInserted),
        num(l.edits.sentencesRewritten),
        `${l.edits.wordsReplaced} / ${l.edits.wordsInserted} / ${l.edits.wordsDeleted}`,
        `${l.edits.paragraphsDeleted} / ${l.edits.paragraphsMoved}`,
        num(l.truth.intact),
        num(l.truth.edited),
        num(l.truth.gone),
      ]),
    },
    notes: [
      `Annotations: ${num(Math.round(total * (1 - SENTENCE_SHARE)))} phrases of 2–15 words from bench/generate.ts (${OVERLAP_SHARE * 100} % overlapping another) and ${num(Math.round(total * SENTENCE_SHARE))} whole sentences.`,
      'A passage is gone when fewer than half of its characters survive anywhere in the new text, intact when all of them survive as one piece, edited otherwise. "Sentences edited" come on top of the paragraph deletions and the move.',
    ],
  });

  const rows: string[][] = [];
  const notes: string[] = [];
  for (const l of levels) {
    if ('score' in l.factmark) rows.push(scoreRow(label(l.share), 'Factmark', l.factmark.score, l.factmark.times));
    else {
      rows.push([label(l.share), 'Factmark', `failed: ${l.factmark.error}`, '', '', '', '', '', '']);
      problems.push(`carryAnnotations failed at ${label(l.share)}: ${l.factmark.error}`);
    }
    rows.push(scoreRow(label(l.share), 'Hypothesis', l.hypothesis.score, l.hypothesis.times));
  }
  for (const l of levels) {
    if (!('score' in l.factmark)) continue;
    const f = l.factmark.score;
    const h = l.hypothesis.score;
    const speed = median(l.factmark.times) / median(l.hypothesis.times);
    notes.push(
      `${label(l.share)}: silently wrong ${f.silentlyWrong === 0 ? 'met (0)' : `**missed (${f.silentlyWrong})**`}; right ${f.right >= h.right ? `met (${num(f.right)} ≥ ${num(h.right)})` : `**missed (${num(f.right)} < ${num(h.right)})**`}; ` +
        `time ${speed < 1 ? `met (Factmark ${num(speed, 2)}× Hypothesis's)` : `**missed (Factmark ${num(speed, 2)}× Hypothesis's)**`}; ` +
        `flagged though intact ${num(f.flaggedIntact)}; wrongly removed with no piece of half the passage (the contract's "in one piece" rule) ${num(f.wronglyRemovedSplit)} of ${num(f.wronglyRemoved)}; other processes used ${num(l.otherCores, 2)} cores.`,
    );
  }
  sections.push({
    title: `Carrying ${num(passages.length)} annotations to a revision of the ${num(article.words.length)}-word article`,
    table: { head: SCORE_HEAD, rows },
    notes: [
      ...notes,
      `**right**: placed on the surviving part of its passage, or removed / not found when the passage is gone (fewer than half of its characters survive; within ${EDGE_TOLERANCE} characters of half, either outcome counts as right). "On its passage": the new range holds at least half of the passage's surviving characters and at most ${EDGE_TOLERANCE} characters that are not the passage (a space or punctuation mark at an edge). New text between two of the passage's characters (inserted or replaced words) counts as the passage, and so does new text at an edge where the passage lost characters, up to as many as it lost there (a replaced first or last word); text from elsewhere in the old revision never does.`,
      '**flagged**: Factmark state `changed` (needs re-check). **flagged, not on its passage**: flagged but placed elsewhere or though its passage is gone (a reviewer will look at it). **silently wrong**: placed unflagged on other words, or though its passage is gone. **wrongly removed**: removed / not found though its passage survives. The four verdict columns add up to the total.',
      '**unflagged on edited words**: counted as right (the placement is on the passage), but its words changed and nothing says so: a stale verdict shown as current. Hypothesis has no flag, so every edited passage it finds lands here.',
      `Hypothesis: the TextPosition selector when the new text there still equals the quote (html.ts \`anchor()\`), otherwise matchQuote with the 32-character prefix/suffix and the old start as hint. Times are the whole set of annotations, median of ${runs} runs after one warm-up, this process only; building the selectors is not timed.`,
      ...(examples.length ? ['Cases Factmark got wrong (up to 5 silently wrong and 3 others per level):', ...examples] : []),
    ],
  });
}

async function big(ctx: BenchContext, runs: number, sections: Section[], raw: Record<string, unknown>, problems: string[]) {
  const words = numberOption(ctx, 'big-words', 100_000, 1000, 500_000);
  const total = numberOption(ctx, 'big-annotations', 10_000, 10, 100_000);
  const hypothesisRuns = numberOption(ctx, 'big-hypothesis-runs', 1, 0, 50);
  const article = generateArticle(SEED + 100, words);
  const oldText = article.index.text;
  const passages = toPassages(makeSpecs(article, total, SEED + 101));
  const revision = reviseText(oldText, SEED + 110, 0.1);
  ctx.log(`big: ${num(article.words.length)} words, ${num(passages.length)} annotations, 10 % revision`);
  const r = carryBoth(ctx, oldText, revision, passages, runs, hypothesisRuns);
  raw.big = { words: article.words.length, truth: summarizeTruth(r.truths), factmark: r.factmark, hypothesis: r.hypothesis && { times: r.hypothesis.times }, otherCores: r.otherCores };
  const rows: string[][] = [];
  const notes: string[] = [];
  const label = `${num(passages.length)} on ${num(article.words.length)} words, 10 %`;
  if ('score' in r.factmark) {
    rows.push(scoreRow(label, 'Factmark', r.factmark.score, r.factmark.times));
    notes.push(`Target ≤ ${num(BIG_TARGET_MS)} ms (Factmark): ${verdict(median(r.factmark.times), BIG_TARGET_MS, ms)}.`);
    const cases = describeExamples(r.factmark.score, oldText, revision, passages, ['silentlyWrong', 'wronglyRemoved', 'flaggedMisplaced'], 6);
    if (cases.length) notes.push('Cases Factmark got wrong (up to 6):', ...cases);
  } else {
    rows.push([label, 'Factmark', `failed: ${r.factmark.error}`, '', '', '', '', '', '']);
    problems.push(`carryAnnotations failed on the big article: ${r.factmark.error}`);
  }
  if (r.hypothesis) rows.push(scoreRow(label, 'Hypothesis', r.hypothesis.score, r.hypothesis.times));
  else notes.push('Hypothesis not run here (--big-hypothesis-runs=0).');
  if (r.hypothesis && hypothesisRuns === 1) notes.push('Hypothesis ran once here, without a warm-up, to keep the suite short (--big-hypothesis-runs=3 for a median).');
  const t = summarizeTruth(r.truths);
  notes.push(`Passages intact ${num(t.intact)}, edited ${num(t.edited)}, gone ${num(t.gone)}. Other processes used ${num(r.otherCores, 2)} cores.`);
  sections.push({ title: `Scale: ${num(passages.length)} annotations over a ${num(article.words.length)}-word revision`, table: { head: SCORE_HEAD, rows }, notes });
}

/** POST /api/articles/:id/revisions with the 10 % revision, each on a fresh copy of the annotated article. */
async function http(ctx: BenchContext, sections: Section[], raw: Record<string, unknown>, problems: string[]) {
  const words = numberOption(ctx, 'words', 20_000, 1000, 200_000);
  const total = numberOption(ctx, 'annotations', 2000, 10, 50_000);
  const posts = numberOption(ctx, 'http-runs', 5, 3, 20);
  const article = generateArticle(SEED, words);
  const oldText = article.index.text;
  const specs = makeSpecs(article, total, SEED + 1);
  const level = LEVELS.indexOf(0.1);
  const revision = levelRevision(oldText, level);
  const server = await ctx.server();

  // One article per POST (a revision changes the article), plus one for the warm-up.
  const handle = openDatabase(server.databaseFile);
  let users: Awaited<ReturnType<typeof createUsers>>;
  const ids: number[] = [];
  try {
    users = await createUsers(handle.db, AUTHORS, `r${Date.now().toString(36)}`);
    for (let i = 0; i <= posts; i++) {
      const id = insertArticle(handle.db, users[0], article, `Revisions benchmark ${i} (${num(total)} annotations)`);
      insertAnnotations(handle.db, users, id, article, specs);
      ids.push(id);
    }
  } finally {
    handle.sqlite.close();
  }
  ctx.log(`http: ${ids.length} articles with ${num(total)} annotations each; posting the 10 % revision to each`);
  // The seeding blocked the event loop for seconds: let it see the keep-alive sockets the server
  // closed meanwhile, or the next request goes out on a dead one ("other side closed").
  await new Promise((resolve) => setTimeout(resolve, 500));
  const cookie = sessionCookie(await signIn(server.url, users[0].email, users[0].password));

  const noise = startNoiseMeter();
  const cpu0 = server.cpuSeconds();
  const times: number[] = [];
  let answer: { revision?: RevisionDto; carried?: CarrySummary; error?: { code: string; message: string } } = {};
  let status = 0;
  for (const [i, id] of ids.entries()) {
    const t = performance.now();
    const res = await fetch(`${server.url}/api/articles/${id}/revisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ format: 'text', content: revision.text }),
    });
    answer = (await res.json()) as typeof answer;
    const took = performance.now() - t;
    status = res.status;
    if (res.status !== 201) break;
    if (i > 0) times.push(took);
  }
  const cpu = (server.cpuSeconds() - cpu0) / ids.length;
  const otherCores = noise();
  raw.http = { times, status, answer, serverCpuSecondsPerPost: cpu, otherCores };
  if (status !== 201) {
    problems.push(`POST /api/articles/:id/revisions answered ${status}: ${answer.error?.message ?? JSON.stringify(answer).slice(0, 200)}`);
    return;
  }

  // The offline carry of the same texts, for comparison: its counts should be the server's.
  const offline = runFactmark(oldText, revision.text, toPassages(specs));
  const counts = Object.fromEntries(ANCHOR_STATES.map((st) => [st, offline.filter((p) => p.state === st).length])) as CarrySummary;
  const carried = answer.carried!;
  const same = ANCHOR_STATES.every((st) => counts[st] === carried[st]);
  const sameText = answer.revision?.contentHash === contentHash(revision.text);
  const carry = timed(3, true, () => runFactmark(oldText, revision.text, toPassages(specs)));
  sections.push({
    title: `New revision over HTTP: ${num(total)} annotations on the ${num(article.words.length)}-word article, 10 % of sentences edited`,
    table: {
      head: ['request', 'posts', 'time (median)', 'min – max', 'server CPU per post', 'carried (unchanged / moved / changed / removed)', 'carryAnnotations alone (median of 3)'],
      rows: [
        [
          'POST /api/articles/:id/revisions',
          String(times.length),
          ms(median(times)),
          `${ms(Math.min(...times))} – ${ms(Math.max(...times))}`,
          ms(cpu * 1000),
          ANCHOR_STATES.map((st) => num(carried[st])).join(' / '),
          ms(median(carry.times)),
        ],
      ],
    },
    notes: [
      `End to end on loopback: JSON body with the new text (${num(revision.text.length)} characters, \`format: "text"\`), import, carry, and the transaction that stores the revision and moves every annotation with its history event, to the answer parsed. Each post goes to a fresh copy of the article (one more, first, as warm-up), signed in as a reviewer.`,
      same ? 'The server carried the annotations exactly as the offline carry of the same texts did (same counts per state).' : `**The server's counts differ from the offline carry's** (${ANCHOR_STATES.map((st) => `${st} ${counts[st]}`).join(', ')}).`,
      sameText ? "The stored revision's content hash is the posted text's: the import kept the canonical text as generated." : "**The stored revision's text differs from the posted one** (the import changed it), so the offline truth does not apply to it.",
      `Other processes used ${num(otherCores, 2)} cores meanwhile.`,
    ],
  });
}

async function run(ctx: BenchContext): Promise<SuiteResult> {
  const selected = partsOption(ctx, PARTS);
  const runs = numberOption(ctx, 'runs', 3, 3, 50);
  const sections: Section[] = [];
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  if (selected.has('offline')) await offline(ctx, runs, sections, raw, problems);
  if (selected.has('big')) await big(ctx, runs, sections, raw, problems);
  if (selected.has('http')) await http(ctx, sections, raw, problems);
  return { sections, raw, problems };
}

export const revisionsSuite: Suite = {
  name: 'revisions',
  summary: "Carrying annotations to a new revision: Factmark against Hypothesis's quote matcher, right / flagged / silently wrong / wrongly removed, and time.",
  run,
};
