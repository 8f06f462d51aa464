// A desk's archive in one SQLite file, written straight into SQLite with prepared statements in
// large transactions (not through the query modules: a million annotations through the app's write
// path would take an hour). Migrations run first (openDatabase); derived article data comes from
// the articles' insert triggers — each article row is inserted after its annotations, whose own
// triggers are off during the load — and then `npm run db:rebuild`'s function recomputes it all,
// so the benchmark also proves the two agree. The same generator with a handful of articles makes the
// near-empty baseline; both hold one identical "target" article for the per-article requests.
// Generated files are cached under bench/out/archive/, keyed by ARCHIVE_GENERATOR_VERSION, the
// sizes and the migrations, so reruns skip generation.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { migrationsFolder, openDatabase, type DatabaseHandle } from '../db/client';
import { detectClaims, DETECTOR_VERSION } from '../lib/claims/detect';
import { slugify } from '../lib/document/slug';
import { contentHash } from '../lib/revisions/hash';
import { generateAnnotations, generateArticle, intBetween, pick, prng, type GeneratedArticle, type Random } from './generate';
import { createAccount } from './seed';

/** Bump when the generated data changes: cached files of another version are not used. */
export const ARCHIVE_GENERATOR_VERSION = 2;

export interface ArchiveSpec {
  articles: number;
  annotations: number;
}

export interface ArchiveInfo {
  file: string;
  spec: ArchiveSpec;
  articles: number;
  archived: number;
  annotations: number;
  deleted: number;
  events: number;
  sources: number;
  users: number;
  assignments: number;
  /** Check-worthy sentences stored (the claim detector run once per distinct text). */
  claims: number;
  /** Annotations per article: median, p90, max. */
  perArticle: { median: number; p90: number; max: number };
  /** Words per article: min, median, max. */
  words: { min: number; median: number; max: number };
  bytes: number;
  /** The article every per-article request reads, identical in both databases. */
  target: { id: number; annotations: number; words: number; text: string };
  admin: { email: string; password: string };
  reviewer: { email: string; password: string };
  generateMs: number;
  /** CPU seconds this process spent generating (on a shared machine, wall time is mostly waiting). */
  generateCpuSeconds: number;
  /** db/rebuild.ts's run after the load (null when that module is missing). */
  rebuild: { ms: number; changedArticles: number } | null;
  /** Why rebuild is null, or what it found. */
  rebuildNote: string;
}

const PASSWORD = 'bench-archive-password-1';
const TARGET_SEED = 77_001;
const TARGET_WORDS = 2_000;
const TARGET_ANNOTATIONS = 100;
/** A word that is in about one title in twenty (and in the target's): the search request. */
export const SEARCH_WORD = 'budget';
const DAY = 86_400_000;
/** Distinct article texts; articles reuse them (sizes, not content, are what the requests feel). */
const BODY_POOL = 400;

const SUBJECTS = ['Minister', 'Council', 'Ministry', 'Court', 'Police', 'Agency', 'Mayor', 'Union', 'Hospital', 'University', 'Regulator', 'Airport', 'Port authority', 'Central bank', 'Opposition'];
const VERBS = ['disputes', 'confirms', 'revises', 'defends', 'questions', 'publishes', 'denies', 'doubles', 'cuts', 'delays', 'overstates', 'misreads'];
const OBJECTS = ['flood figures', 'jobs data', 'crime statistics', 'vaccine claims', 'emissions target', 'housing numbers', 'trade deficit', 'school results', 'strike costs', 'harvest estimate', 'election turnout', 'rent rise', 'water shortage', 'power cuts'];
const PLACES = ['Lagos', 'Lima', 'Oslo', 'Nairobi', 'Geneva', 'Jakarta', 'Aleppo', 'Kraków', 'São Paulo', 'Zürich', 'the capital', 'the north', 'coastal towns', 'three regions'];
const PUBLISHERS = ['Daily Ledger', 'Morning Post', 'Harbour Times', 'The Observer Desk', 'Valley Courier', 'City Wire'];
const NOTES = [
  'Matches the ministry table, page 4.',
  'Spokesperson confirmed by phone.',
  'Numbers differ from the archive: 1,200 vs 1,020.',
  'Press release only, not independent.',
  'Needs the original dataset.',
  'Quote is accurate; the context is not.',
];

function title(rand: Random): string {
  const object = rand() < 0.05 ? `${SEARCH_WORD} ${pick(rand, ['figures', 'gap', 'plan', 'cuts'])}` : pick(rand, OBJECTS);
  return `${pick(rand, SUBJECTS)} ${pick(rand, VERBS)} ${object} in ${pick(rand, PLACES)}`;
}

/** A standard normal draw (Box–Muller). */
function normal(rand: Random): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/**
 * Annotations per article: log-normal (median ≈ 0.6 × mean, a long tail of heavily checked
 * articles, about one in twenty with none), each capped by its length, summing exactly to `total`.
 */
function annotationCounts(rand: Random, caps: number[], total: number): number[] {
  const weights = caps.map(() => (rand() < 0.05 ? 0 : Math.exp(normal(rand))));
  const counts = caps.map(() => 0);
  let left = total;
  let open = caps.map((_, i) => i).filter((i) => weights[i] > 0);
  // Proportional shares, clamped at each cap; what a cap cuts off goes to the others.
  while (left > 0 && open.length) {
    const sum = open.reduce((s, i) => s + weights[i], 0);
    let given = 0;
    for (const i of open) {
      const n = Math.min(caps[i] - counts[i], Math.floor((left * weights[i]) / sum));
      counts[i] += n;
      given += n;
    }
    left -= given;
    open = open.filter((i) => counts[i] < caps[i]);
    if (given === 0) {
      // Rounding leftovers: one each, heaviest first.
      for (const i of [...open].sort((a, b) => weights[b] - weights[a])) {
        if (left === 0) break;
        counts[i]++;
        left--;
      }
      open = open.filter((i) => counts[i] < caps[i]);
    }
  }
  if (left > 0) throw new Error(`cannot place ${total} annotations in ${caps.length} articles`);
  return counts;
}

interface Body {
  article: GeneratedArticle;
  docJson: string;
  hash: string;
  words: number;
  /** The claim detector's findings, as createArticle stores them ([start, end, reasons JSON]). */
  claims: [number, number, string][];
}

/** The target article's text (the same in every generated database): for new annotations on it. */
export function targetArticle(): GeneratedArticle {
  return generateArticle(TARGET_SEED, TARGET_WORDS);
}

function makeBody(seed: number, words: number): Body {
  const article = generateArticle(seed, words);
  const claims = detectClaims(article.index.text).map((c): [number, number, string] => [c.start, c.end, JSON.stringify(c.reasons)]);
  return { article, docJson: JSON.stringify(article.doc.toJSON()), hash: contentHash(article.index.text), words: article.words.length, claims };
}

function migrationsKey(): string {
  const dir = migrationsFolder();
  const h = createHash('sha256');
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.sql')).sort()) h.update(name).update(fs.readFileSync(path.join(dir, name)));
  return h.digest('hex').slice(0, 10);
}

/** db/rebuild.ts's rebuildDerivedData, when that module exists (it is being written alongside). */
async function loadRebuild(): Promise<((handle: DatabaseHandle) => Promise<{ corrected: number }>) | string> {
  const file = path.join(__dirname, '../db/rebuild.ts');
  if (!fs.existsSync(file)) return 'db/rebuild.ts does not exist yet: derived data comes from the triggers alone';
  const mod = (await import(file)) as { rebuildDerivedData?: (handle: DatabaseHandle) => Promise<{ corrected: number }> };
  return mod.rebuildDerivedData ?? 'db/rebuild.ts has no rebuildDerivedData';
}

/**
 * The archive (or near-empty) database for `spec`: from the cache when it is there, else
 * generated into it. Answers the cached file; callers copy it before writing to it.
 */
export async function archiveDatabase(spec: ArchiveSpec, cacheDir: string, log: (line: string) => void): Promise<ArchiveInfo> {
  const key = `archive-v${ARCHIVE_GENERATOR_VERSION}-${spec.articles}x${spec.annotations}-${migrationsKey()}`;
  const file = path.join(cacheDir, `${key}.db`);
  const infoFile = path.join(cacheDir, `${key}.json`);
  if (fs.existsSync(file) && fs.existsSync(infoFile)) {
    log(`archive: using the cached ${path.relative(process.cwd(), file)}`);
    return { ...(JSON.parse(fs.readFileSync(infoFile, 'utf8')) as ArchiveInfo), file };
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  // Files of the same size from another generator version or other migrations are stale (about 1 GB each).
  for (const name of fs.readdirSync(cacheDir)) {
    if (name.startsWith('archive-v') && name.includes(`-${spec.articles}x${spec.annotations}-`) && !name.startsWith(key)) fs.rmSync(path.join(cacheDir, name), { force: true });
  }
  const tmp = `${file}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  const info = await generate(spec, tmp, log);
  fs.renameSync(tmp, file);
  for (const f of [`${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  const stored = { ...info, file };
  fs.writeFileSync(infoFile, JSON.stringify(stored, null, 1));
  return stored;
}

async function generate(spec: ArchiveSpec, file: string, log: (line: string) => void): Promise<ArchiveInfo> {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const rand = prng(20_261_128 + spec.articles);
  const handle = openDatabase(file);
  const { sqlite } = handle;
  // Users through the app (argon2), the rest of the desk sharing that hash.
  const admin = await createAccount(handle.db, { email: 'archive-admin@bench.test', name: 'Desk Admin', role: 'admin', password: PASSWORD });
  const hash = (sqlite.prepare('select password_hash as h from users where id = ?').get(admin.id) as { h: string }).h;
  const insertUser = sqlite.prepare('insert into users (email, name, role, password_hash, disabled, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)');
  const now = Date.now();
  const editors: number[] = [admin.id];
  const reviewers: number[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < 5; i++) editors.push(Number(insertUser.run(`archive-editor-${i}@bench.test`, `Editor ${i}`, 'editor', hash, 0, now - 1000 * DAY, now - 1000 * DAY).lastInsertRowid));
    for (let i = 0; i < 32; i++) {
      const id = Number(insertUser.run(`archive-reviewer-${i}@bench.test`, `Reviewer ${i}`, 'reviewer', hash, i >= 30 ? 1 : 0, now - 1000 * DAY, now - 1000 * DAY).lastInsertRowid);
      if (i < 30) reviewers.push(id);
    }
  })();
  const userCount = 1 + 5 + 32;

  // The speed of a bulk load: one big transaction per batch, no journal (a failed run is thrown away).
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -1048576');
  // Each article row comes after its annotations and claims, so its insert trigger counts them
  // once; their own triggers (one update of the article's counts per row) are off meanwhile — a
  // bulk load copying rows in — and put back as they were before db:rebuild runs.
  sqlite.pragma('foreign_keys = OFF');
  const rowTriggers = sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name in ('annotations', 'claims')").all() as { name: string; sql: string }[];
  for (const trigger of rowTriggers) sqlite.exec(`drop trigger "${trigger.name}"`);
  // The history's indexes are built once at the end (a sort) rather than row by row. (The
  // annotations keep theirs: each article's insert trigger reads its annotations through them.)
  const bulkIndexes = sqlite
    .prepare("select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('annotation_events', 'annotation_sources')")
    .all() as { name: string; sql: string }[];
  for (const index of bulkIndexes) sqlite.exec(`drop index "${index.name}"`);

  let t = performance.now();
  const bodies: Body[] = [];
  for (let i = 0; i < Math.min(BODY_POOL, spec.articles); i++) bodies.push(makeBody(1000 + i, 800 + Math.floor(2200 * rand() ** 1.6)));
  const target = makeBody(TARGET_SEED, TARGET_WORDS); // = targetArticle()
  log(`archive: ${bodies.length} article texts generated in ${(performance.now() - t).toFixed(0)} ms`);

  const targetIndex = Math.floor(spec.articles / 2);
  const bodyOf = Array.from({ length: spec.articles }, (_, i) => (i === targetIndex ? target : bodies[Math.floor(rand() * bodies.length)]));
  const caps = bodyOf.map((b, i) => (i === targetIndex ? 0 : Math.floor(b.words * 0.4)));
  const counts = annotationCounts(rand, caps, spec.annotations - TARGET_ANNOTATIONS);
  counts[targetIndex] = TARGET_ANNOTATIONS;

  const ins = {
    article: sqlite.prepare(
      `insert into articles (id, slug, title, byline, source_url, publisher, published_at, doc, plain_text, text_length, created_by, revision, archived_at, review_state, signed_off_by, signed_off_at, claims_detector, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ${DETECTOR_VERSION}, ?, ?)`,
    ),
    revision: sqlite.prepare(
      `insert into article_revisions (article_id, number, doc, plain_text, text_length, content_hash, source, title, byline, publisher, published_at, created_by, created_at)
       values (?, 1, ?, ?, ?, ?, 'paste', ?, ?, ?, ?, ?, ?)`,
    ),
    annotation: sqlite.prepare(
      `insert into annotations (id, article_id, author_id, status, start, "end", exact, prefix, suffix, note, revision, version, deleted_at, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    ),
    source: sqlite.prepare('insert into annotation_sources (annotation_id, url, title, position) values (?, ?, ?, ?)'),
    claim: sqlite.prepare('insert into claims (article_id, revision, start, "end", reasons) values (?, 1, ?, ?, ?)'),
    event: sqlite.prepare('insert into annotation_events (annotation_id, actor_id, type, from_value, to_value, created_at) values (?, ?, ?, ?, ?, ?)'),
    assignment: sqlite.prepare('insert into article_assignments (article_id, user_id, assigned_by, assigned_at) values (?, ?, ?, ?)'),
    articleEvent: sqlite.prepare('insert into article_events (article_id, actor_id, type, detail, created_at) values (?, ?, ?, ?, ?)'),
  };

  // Reviewers do not all work alike: a few write most verdicts.
  const author = () => reviewers[Math.floor(reviewers.length * rand() ** 2)];
  /** A time up to `span` ms after `from`, never in the future. */
  const after = (r: Random, from: number, span: number) => from + intBetween(r, 0, Math.max(0, Math.min(span, now - 1000 - from)));
  let annotationId = 0;
  let events = 0;
  let sources = 0;
  let deleted = 0;
  let archived = 0;
  let assignments = 0;
  let claims = 0;
  const slugs = new Set<string>();
  const BATCH = 250;
  t = performance.now();
  for (let from = 0; from < spec.articles; from += BATCH) {
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(spec.articles, from + BATCH); i++) {
        const id = i + 1;
        const isTarget = i === targetIndex;
        const body = bodyOf[i];
        const text = body.article.index.text;
        const r = prng((isTarget ? TARGET_SEED : 5000) + (isTarget ? 0 : i));
        // Articles over three years, the newest last; the target is recent in both databases.
        const createdAt = isTarget ? now - 2 * DAY : now - Math.floor(((spec.articles - i) / spec.articles) * 1095 * DAY) - intBetween(r, 0, DAY);
        const articleTitle = isTarget ? `Minister disputes ${SEARCH_WORD} figures in the capital` : title(r);
        let slug = `${slugify(articleTitle)}-${id}`;
        while (slugs.has(slug)) slug += 'x';
        slugs.add(slug);
        const ageDays = (now - createdAt) / DAY;
        const isArchived = !isTarget && ageDays > 365 && r() < 0.6;
        if (isArchived) archived++;
        const creator = pick(r, editors);

        // Annotations, with what the app writes beside each: sources and history events.
        const n = counts[i];
        const specs = n ? generateAnnotations(isTarget ? TARGET_SEED + 1 : 9000 + i, body.article, n, 0.15, reviewers.length) : [];
        let lastActivity = createdAt;
        for (const a of specs) {
          const aid = ++annotationId;
          const by = isTarget ? reviewers[a.author % reviewers.length] : author();
          const at = after(r, createdAt, 30 * DAY);
          const quote = body.article.index.quote(a.start, a.end);
          const roll = r();
          const edited = roll < 0.2;
          const isDeleted = !isTarget && roll > 0.98;
          const updatedAt = edited || isDeleted ? after(r, at, 10 * DAY) : at;
          const status = edited ? pick(r, ['verified', 'disputed', 'needs_source'] as const) : a.status;
          if (isDeleted) deleted++;
          const note = a.note || (r() < 0.1 ? pick(r, NOTES) : '');
          ins.annotation.run(aid, id, by, status, a.start, a.end, quote.exact, quote.prefix, quote.suffix, note, edited || isDeleted ? 2 : 1, isDeleted ? updatedAt : null, at, updatedAt);
          ins.event.run(aid, by, 'created', null, a.status, at);
          events++;
          a.sources.forEach((s, p) => {
            ins.source.run(aid, s.url, s.title, p);
            ins.event.run(aid, by, 'source_added', null, s.url, at);
            sources++;
            events++;
          });
          if (note) {
            ins.event.run(aid, by, 'note_edited', null, note, at);
            events++;
          }
          if (edited && status !== a.status) {
            ins.event.run(aid, by, 'status_changed', a.status, status, updatedAt);
            events++;
          }
          if (isDeleted) {
            ins.event.run(aid, by, 'deleted', status, null, updatedAt);
            events++;
          }
          lastActivity = Math.max(lastActivity, updatedAt);
        }

        for (const [start, end, reasons] of body.claims) ins.claim.run(id, start, end, reasons);
        claims += body.claims.length;

        // Review workflow: most checked articles are in review, older ones often signed off.
        const state = n === 0 ? 'open' : ageDays > 30 && r() < 0.7 ? 'signed_off' : 'in_review';
        const signedOffBy = state === 'signed_off' ? pick(r, editors) : null;
        const signedOffAt = state === 'signed_off' ? after(r, lastActivity, 5 * DAY) : null;
        const published = new Date(createdAt - intBetween(r, 0, 3 * DAY)).toISOString().slice(0, 10);
        const publisher = pick(r, PUBLISHERS);
        const sourceUrl = r() < 0.5 ? `https://news.example.org/${published.slice(0, 4)}/${slug}` : null;
        const archivedAt = isArchived ? after(r, createdAt + 200 * DAY, 160 * DAY) : null;
        ins.article.run(id, slug, articleTitle, 'Staff reporter', sourceUrl, publisher, published, body.docJson, text, body.article.index.length, creator, archivedAt, state, signedOffBy, signedOffAt, createdAt, createdAt);
        ins.revision.run(id, body.docJson, text, body.article.index.length, body.hash, articleTitle, 'Staff reporter', publisher, published, creator, createdAt);
        if (n > 0) ins.articleEvent.run(id, creator, 'review_started', JSON.stringify({ cause: 'verdict_created' }), createdAt);
        if (!isTarget && r() < 0.4) {
          const assigned = new Set([pick(r, reviewers), pick(r, reviewers)].slice(0, r() < 0.5 ? 1 : 2));
          for (const u of assigned) {
            ins.assignment.run(id, u, creator, createdAt);
            ins.articleEvent.run(id, creator, 'assigned', JSON.stringify({ userId: u }), createdAt);
            assignments++;
          }
        }
        if (signedOffAt !== null) ins.articleEvent.run(id, signedOffBy!, 'signed_off', JSON.stringify({ reason: null, overridden: 0 }), signedOffAt);
      }
    })();
    if ((from / BATCH) % 8 === 7 || from + BATCH >= spec.articles) {
      const done = Math.min(spec.articles, from + BATCH);
      log(`archive: ${done.toLocaleString('en')} articles, ${annotationId.toLocaleString('en')} annotations in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
  }
  t = performance.now();
  for (const index of bulkIndexes) sqlite.exec(index.sql);
  log(`archive: ${bulkIndexes.length} indexes built in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  for (const trigger of rowTriggers) sqlite.exec(trigger.sql);
  sqlite.pragma('foreign_keys = ON');
  const fkProblems = sqlite.pragma('foreign_key_check') as unknown[];
  if (fkProblems.length) throw new Error(`the generated archive breaks ${fkProblems.length} foreign keys`);

  // db:rebuild after the bulk load; the triggers already counted everything, so it must correct nothing.
  const rebuildFn = await loadRebuild();
  let rebuild: ArchiveInfo['rebuild'] = null;
  let rebuildNote: string;
  if (typeof rebuildFn === 'string') {
    rebuildNote = rebuildFn;
  } else {
    const r0 = performance.now();
    const summary = await rebuildFn(handle);
    rebuild = { ms: performance.now() - r0, changedArticles: summary.corrected };
    log(`archive: db:rebuild took ${(rebuild.ms / 1000).toFixed(1)} s`);
    rebuildNote = summary.corrected
      ? `db:rebuild corrected the derived data of ${summary.corrected} articles the triggers had counted`
      : 'db:rebuild corrected nothing: the triggers had counted every article right';
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const generateMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const sorted = [...counts].sort((a, b) => a - b);
  const words = bodyOf.map((b) => b.words).sort((a, b) => a - b);
  handle.sqlite.close();
  const info: ArchiveInfo = {
    file,
    spec,
    articles: spec.articles,
    archived,
    annotations: annotationId,
    deleted,
    events,
    sources,
    users: userCount,
    assignments,
    claims,
    perArticle: { median: sorted[sorted.length >> 1], p90: sorted[Math.floor(sorted.length * 0.9)], max: sorted[sorted.length - 1] },
    words: { min: words[0], median: words[words.length >> 1], max: words[words.length - 1] },
    bytes: fs.statSync(file).size,
    target: { id: targetIndex + 1, annotations: TARGET_ANNOTATIONS, words: target.words, text: target.article.index.text },
    admin: { email: admin.email, password: PASSWORD },
    reviewer: { email: 'archive-reviewer-0@bench.test', password: PASSWORD },
    generateMs,
    generateCpuSeconds: (cpu.user + cpu.system) / 1e6,
    rebuild,
    rebuildNote,
  };
  log(`archive: ${spec.articles.toLocaleString('en')} articles, ${annotationId.toLocaleString('en')} annotations, ${events.toLocaleString('en')} events in ${(generateMs / 1000).toFixed(0)} s (${info.generateCpuSeconds.toFixed(0)} CPU s); ${rebuildNote}`);
  return info;
}
