// The load suite (`npm run bench -- load`): simulated reviewers (bench/load-reviewer.ts) with a
// person's pauses against the production server for a fixed time; latency per request type,
// throughput, and the read-back of every acknowledged write. Options: --reviewers=50
// --seconds=120 --articles=5 --timeout=30 (s per request) --seed=N.
import os from 'node:os';
import { startNoiseMeter } from './machine';
import { runLoad, seedLoad, type LoadResult } from './load-reviewer';
import { ms, num, ratio, type Section, type SuiteResult } from './report';
import { numberOption, type BenchContext, type Suite } from './suite';

const SEED = 20261128;
/** How long the baseline reviewer works alone before the load. */
const ALONE_SECONDS = 15;

/** Table order: a reviewer's day, from signing in to the exports; anything else after. */
const ORDER = [
  'sign-in (csrf + credentials)',
  'GET article page (HTML)',
  'GET /api/articles/:id',
  'GET annotations ?since=0 (open)',
  'GET annotations ?since (poll)',
  'POST annotation',
  'PATCH annotation (note)',
  'PATCH annotation (status)',
  'PATCH annotation (sources)',
  'DELETE annotation',
  'GET annotation (re-read after 409)',
  'GET annotation history',
  'GET report (md)',
  'GET report (csv)',
  'GET report (json)',
  'GET report (html)',
  'GET report (pdf)',
];
const rank = (type: string) => (ORDER.includes(type) ? ORDER.indexOf(type) : ORDER.length);

function answers(r: LoadResult['types'][number]): string {
  const parts = Object.entries(r.answers).map(([status, n]) => `${status}: ${num(n)}`);
  if (r.connectionErrors) parts.push(`connection error: ${num(r.connectionErrors)}`);
  return parts.join(', ');
}

async function run(ctx: BenchContext): Promise<SuiteResult> {
  const reviewers = numberOption(ctx, 'reviewers', 50, 1, 500);
  const seconds = numberOption(ctx, 'seconds', 120, 5, 1800);
  const articleCount = numberOption(ctx, 'articles', 5, 1, 50);
  const timeoutS = numberOption(ctx, 'timeout', 30, 1, 300);
  const seed = numberOption(ctx, 'seed', SEED, 0, 2 ** 31);
  const server = await ctx.server();
  ctx.log(`load: seeding ${reviewers} accounts and ${articleCount} articles`);
  // One article more, for the baseline: one reviewer alone, working with no pauses.
  const seeded = await seedLoad(server.url, server.databaseFile, { reviewers, articles: articleCount + 1, editorEvery: 5, tag: Date.now().toString(36), seed });
  const setup = { users: seeded.users, articles: seeded.articles.slice(0, articleCount) };
  const aloneSetup = { users: [seeded.users[0]], articles: seeded.articles.slice(articleCount) };
  const alone = await runLoad({ url: server.url, setup: aloneSetup, seconds: ALONE_SECONDS, rampSeconds: 0, seed: seed + 1, timeoutMs: timeoutS * 1000, pauseScale: 0, pollMs: 500, log: ctx.log });
  const aloneP50 = new Map(alone.types.map((t) => [t.type, t.p50]));

  const noise = startNoiseMeter();
  const cpu0 = server.cpuSeconds();
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await runLoad({ url: server.url, setup, seconds, rampSeconds: Math.min(10, seconds / 6), seed, timeoutMs: timeoutS * 1000, log: ctx.log });
  // CPU of the load phase and the read-back (the read-back is a few seconds of it).
  const wall = (performance.now() - t0) / 1000;
  const serverCores = (server.cpuSeconds() - cpu0) / wall;
  const own = process.cpuUsage(own0);
  const clientCores = (own.user + own.system) / 1e6 / wall;
  const otherCores = noise();

  const w = result.writes;
  const c = result.counters;
  const v = result.verify;
  const sections: Section[] = [
    {
      title: `${num(result.reviewers)} reviewers for ${num(seconds)} s: latency per request type`,
      table: {
        head: ['request', 'count', 'per second', 'p50', 'p95', 'p99', 'max', 'answers', '5xx', 'no answer', 'p50 alone', 'p50 / alone'],
        rows: [
          ...[...result.types]
            .sort((a, b) => rank(a.type) - rank(b.type))
            .map((r) => [r.type, num(r.count), num(r.count / result.seconds, 2), ms(r.p50), ms(r.p95), ms(r.p99), ms(r.max), answers(r), num(r.serverErrors), num(r.noAnswer), ms(aloneP50.get(r.type) ?? Number.NaN), ratio(r.p50 / (aloneP50.get(r.type) ?? Number.NaN))]),
          ['all', num(result.requests), num(result.requestsPerSecond, 1), '', '', '', '', '', num(result.serverErrors), num(result.noAnswer), '', ''],
        ],
      },
      notes: [
        `${num(result.reviewers)} reviewers (${num(result.editors)} of them admins — desk editors who may change anyone's annotation; the others change only their own) on ${num(result.articles)} articles (the sample article and generated ones of 1,500–3,000 words), signing in over the first ${num(Math.min(10, seconds / 6))} s. Each pauses 0.5–3 s between actions (seeded PRNG), takes 1–4 s to type a note and 0.3–1.2 s to click, and its page polls \`?since=\` 2.5 s after each answer, as the app's page does.`,
        'Actions: create 26 %, edit note 16 %, re-status 14 %, add a source 10 %, remove or reorder sources 4 %, delete 6 % (all with the version last seen), read a history 8 %, export a report 8 % (md, csv, json or html; pdf one time in 12), open another article 8 %. On 409 edit_conflict the reviewer re-reads the annotation, pauses 0.5–2 s and applies the same change to the new version (at most three tries).',
        `Latency is from sending to the whole body read, on loopback, with a ${num(timeoutS)} s timeout per request (“no answer”). “sign-in” is next-auth's csrf request plus the credentials POST (argon2 on the server). Throughput: ${num(result.requestsPerSecond, 1)} requests/s over ${num(result.seconds, 1)} s, ${num(w.total / result.seconds, 2)} acknowledged writes/s.`,
        `“alone”: the same request types, measured just before, from one reviewer alone on an article of its own, working with no pauses for ${ALONE_SECONDS} s (polling every 0.5 s): ${num(alone.requests)} requests, p50 per type; the ratio says what the load adds on this machine at this moment.`,
        `CPU: server ${num(serverCores, 2)} cores, this load generator ${num(clientCores, 2)} cores, other processes on the machine ${num(otherCores, 2)} cores (of ${num(os.cpus().length)}).`,
      ],
    },
    {
      title: 'Writes acknowledged, conflicts, and the read-back',
      table: {
        head: ['', 'count'],
        rows: [
          ['annotations created', num(w.create)],
          ['notes edited', num(w.note)],
          ['statuses changed', num(w.status)],
          ['sources added', num(w['source-add'])],
          ['sources removed or reordered', num(w['sources-edit'])],
          ['annotations deleted', num(w.delete)],
          ['**writes acknowledged**', `**${num(w.total)}**`],
          ['409 edit_conflict answers', num(c.conflicts)],
          ['… then saved on the re-read version', num(c.retriedOk)],
          ['… change already there after the re-read', num(c.alreadyDone)],
          ['… given up after three conflicts', num(c.gaveUp)],
          ['writes that found the annotation deleted (404 on the write or the re-read)', num(c.gone)],
          ['annotations read back (GET, list, history)', num(v.annotations)],
          ['**acknowledged writes lost or altered**', `**${num(v.lostOrAltered)}**`],
          ['listed annotations no acknowledged create made', num(v.unknownRows)],
          ['pages still stale after a final poll', `${num(v.stalePages)} of ${num(v.pages)}`],
          ['**5xx answers**', `**${num(result.serverErrors + v.serverErrors)}**`],
          ['**requests with no answer** (incl. connection errors)', `**${num(result.noAnswer + result.connectionErrors + v.noAnswer)}**`],
          ['other unexpected answers', num(result.unexpected)],
        ],
      },
      notes: [
        'Every acknowledged write is recorded by the client as it computed it (the version it saw plus what it sent), not as the server echoed it; the answer itself must already match (counted as altered otherwise). At the end every annotation is read back: its fields (status, note, sources in order, start/end/exact, deleted or not) and version must be those of its last acknowledged write, it must be in its article\'s list (or out of it when deleted), no two writes may have been acknowledged as the same version, and its history must hold an event for every acknowledged write.',
        `Each reviewer's page state (built only from \`?since=\` polls and its own answers) is compared with the server's list after one more poll. The read-back took ${num(v.requests)} requests, not counted above.`,
      ],
    },
  ];
  const problems: string[] = [];
  for (const [label, r] of [['baseline', alone], ['load', result]] as const) {
    const rv = r.verify;
    const found: string[] = [];
    if (r.serverErrors + rv.serverErrors) found.push(`${r.serverErrors + rv.serverErrors} answers with a 5xx status`);
    if (r.noAnswer + r.connectionErrors + rv.noAnswer) found.push(`${r.noAnswer + r.connectionErrors + rv.noAnswer} requests without an answer`);
    if (rv.lostOrAltered) found.push(`${rv.lostOrAltered} acknowledged writes lost or altered`);
    if (rv.unknownRows) found.push(`${rv.unknownRows} annotations listed that no acknowledged create made`);
    if (rv.stalePages) found.push(`${rv.stalePages} pages stale after a final poll`);
    if (r.unexpected) found.push(`${r.unexpected} unexpected answers`);
    if (found.length) problems.push(...found.map((f) => `${label}: ${f}`), ...r.problems.slice(0, 20).map((p) => `${label}: ${p}`));
  }
  return { sections, raw: { load: result, alone, serverCores, clientCores, otherCores }, problems };
}

export const loadSuite: Suite = {
  name: 'load',
  summary: 'Simulated reviewers with think time against next start: latency per request type, throughput, and every acknowledged write read back.',
  run,
};
