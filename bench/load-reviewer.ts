// Simulated reviewers for the load suite (bench/load.ts) and its short run in `npm test`
// (tests/integration/load.test.ts). Each signs in, opens an article, polls for changes as the page
// does and writes with a person's pauses; every acknowledged write goes into a ledger that is read
// back through the API at the end and compared field by field, history included.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/client';
import { createUser } from '../db/queries/users';
import { STATUSES, type Status } from '../lib/annotations/status';
import type { AnnotationDto, AnnotationEventDto, AnnotationSource } from '../lib/annotations/types';
import type { Role } from '../lib/viewer';
import { generateArticle, intBetween, pick, prng, type Random } from './generate';
import { percentile } from './report';
import { ROOT, sessionCookie, signIn } from './server';

/** The page polls this often (components/use-annotation-polling.ts, POLL_MS). */
export const PAGE_POLL_MS = 2500;

export interface LoadUser {
  id: number;
  name: string;
  email: string;
  password: string;
  role: Role;
}

export interface LoadArticle {
  id: number;
  title: string;
}

export interface LoadSetup {
  users: LoadUser[];
  articles: LoadArticle[];
}

export interface SeedOptions {
  reviewers: number;
  articles: number;
  /** Every n-th account is an admin (a desk editor: may change anyone's annotation). */
  editorEvery: number;
  /** Makes emails unique when several runs share a database. */
  tag: string;
  seed: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Accounts written straight into the server's database (argon2 hashes, as the CLI makes them),
 * then the articles imported over HTTP by the first account: the sample article and generated
 * ones of 1,500–3,000 words.
 */
export async function seedLoad(url: string, databaseFile: string, o: SeedOptions): Promise<LoadSetup> {
  const users: LoadUser[] = [];
  const handle = openDatabase(databaseFile);
  try {
    // Hashed in parallel (argon2 runs on libuv's threads), stored in order.
    const made = await Promise.all(
      Array.from({ length: o.reviewers }, async (_, i) => {
        const role: Role = i % o.editorEvery === 0 ? 'admin' : 'reviewer';
        const input = { email: `load-${o.tag}-${i}@factmark.test`, name: `${role === 'admin' ? 'Editor' : 'Reviewer'} ${i + 1}`, role, password: `load-password-${o.tag}-${i}` };
        const result = await createUser(handle.db, input);
        if (!result.ok) throw new Error(`createUser: ${result.error.message}`);
        return { id: result.value.id, name: input.name, email: input.email, password: input.password, role };
      }),
    );
    users.push(...made);
  } finally {
    handle.sqlite.close();
  }
  // The hashing blocked the event loop: let it notice keep-alive sockets the server closed meanwhile.
  await sleep(500);
  const cookie = sessionCookie(await signIn(url, users[0].email, users[0].password));
  const texts = [{ title: 'Load: Aleppo airport (sample article)', content: fs.readFileSync(path.join(ROOT, 'content/sample-article.txt'), 'utf8') }];
  for (let k = 1; k < o.articles; k++) texts.push({ title: `Load: generated article ${k}`, content: generateArticle(o.seed + k, 1500 + ((k * 500) % 1500)).source });
  const articles: LoadArticle[] = [];
  for (const { title, content } of texts) {
    const res = await fetch(`${url}/api/articles`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ format: 'text', content, title }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = await res.text();
    if (res.status !== 201) throw new Error(`importing "${title}": HTTP ${res.status} ${body.slice(0, 300)}`);
    articles.push({ id: (JSON.parse(body) as { id: number }).id, title });
  }
  return { users, articles };
}

// ---------------------------------------------------------------------------------------------
// Requests, timed per type; every answer that is not an expected one is counted and described.

export interface TypeStats {
  latencies: number[];
  answers: Map<number, number>;
  serverErrors: number;
  noAnswer: number;
  connectionErrors: number;
}

class Recorder {
  readonly types = new Map<string, TypeStats>();
  readonly problems: string[] = [];
  serverErrors = 0;
  /** Requests that did not answer within the timeout. */
  noAnswer = 0;
  /** Requests whose connection failed (reset, refused) before an answer. */
  connectionErrors = 0;
  /** Answers a person's valid action should never get (e.g. 403 or 422 on one's own annotation). */
  unexpected = 0;

  stats(type: string): TypeStats {
    let s = this.types.get(type);
    if (!s) this.types.set(type, (s = { latencies: [], answers: new Map(), serverErrors: 0, noAnswer: 0, connectionErrors: 0 }));
    return s;
  }

  problem(line: string) {
    if (this.problems.length < 40) this.problems.push(line);
  }
}

interface Answer {
  status: number;
  body: Buffer;
  headers: Headers;
  text(): string;
  json<T>(): T;
}

interface Sender {
  base: string;
  cookie: string;
  timeoutMs: number;
  rec: Recorder;
}

/**
 * One request with a timeout, as a browser on the app's page sends it (same-origin headers on
 * writes). Null when there was no answer. 5xx and statuses outside `expect` are counted here.
 */
async function send(s: Sender, type: string, method: string, url: string, expect: number[], options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer | null> {
  const headers: Record<string, string> = { cookie: s.cookie, ...options.headers };
  if (method !== 'GET') Object.assign(headers, { origin: s.base, 'sec-fetch-site': 'same-origin' });
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const stats = s.rec.stats(type);
  const t0 = performance.now();
  try {
    const res = await fetch(`${s.base}${url}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(s.timeoutMs),
    });
    const body = Buffer.from(await res.arrayBuffer());
    stats.latencies.push(performance.now() - t0);
    stats.answers.set(res.status, (stats.answers.get(res.status) ?? 0) + 1);
    const answer: Answer = { status: res.status, body, headers: res.headers, text: () => body.toString('utf8'), json: <T>() => JSON.parse(body.toString('utf8')) as T };
    if (res.status >= 500) {
      stats.serverErrors++;
      s.rec.serverErrors++;
      s.rec.problem(`${type}: ${method} ${url} → HTTP ${res.status} ${answer.text().slice(0, 300)}`);
    } else if (!expect.includes(res.status)) {
      s.rec.unexpected++;
      s.rec.problem(`${type}: ${method} ${url} → unexpected HTTP ${res.status} ${answer.text().slice(0, 300)}`);
    }
    return answer;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      stats.noAnswer++;
      s.rec.noAnswer++;
      s.rec.problem(`${type}: ${method} ${url} → no answer within ${s.timeoutMs} ms`);
    } else {
      stats.connectionErrors++;
      s.rec.connectionErrors++;
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
      s.rec.problem(`${type}: ${method} ${url} → ${error instanceof Error ? error.message : String(error)}${cause}`);
    }
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The ledger: what the server acknowledged, as the client computed it from what it sent.

/** The fields a write decides, as compared at the end. */
export interface Expected {
  status: Status;
  note: string;
  sources: AnnotationSource[];
  start: number | null;
  end: number | null;
  exact: string;
  deleted: boolean;
}

type WriteKind = 'create' | 'note' | 'status' | 'source-add' | 'sources-edit' | 'delete';
export const WRITE_KINDS: readonly WriteKind[] = ['create', 'note', 'status', 'source-add', 'sources-edit', 'delete'];

/** A history event the write must have left: type, and the value it names. */
type ExpectedEvent = { type: AnnotationEventDto['type']; from?: string; to?: string };

interface Ack {
  kind: WriteKind;
  version: number;
  state: Expected;
  events: ExpectedEvent[];
  reviewer: number;
}

class Ledger {
  readonly acks = new Map<number, Ack[]>();
  readonly articleOf = new Map<number, number>();
  /** Annotations a write with an unknown outcome (no answer, 5xx) was sent to. */
  readonly uncertain = new Set<number>();
  /** Articles a create with an unknown outcome was sent to (an unlisted annotation there may be it). */
  readonly uncertainArticles = new Set<number>();

  add(articleId: number, id: number, ack: Ack) {
    this.articleOf.set(id, articleId);
    const list = this.acks.get(id) ?? [];
    list.push(ack);
    this.acks.set(id, list);
  }
}

const fieldsOf = (a: AnnotationDto): Expected => ({
  status: a.status,
  note: a.note,
  sources: a.sources.map((s) => ({ url: s.url, title: s.title })),
  start: a.start,
  end: a.end,
  exact: a.exact,
  deleted: false,
});

/** The fields that differ, each as `name: expected → actual`. */
function differences(expected: Expected, actual: Expected): string[] {
  const out: string[] = [];
  for (const key of ['status', 'note', 'sources', 'start', 'end', 'exact', 'deleted'] as const) {
    const e = JSON.stringify(expected[key]);
    const a = JSON.stringify(actual[key]);
    if (e !== a) out.push(`${key}: ${e.slice(0, 120)} → ${a.slice(0, 120)}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// One reviewer.

export interface LoadOptions {
  url: string;
  setup: LoadSetup;
  seconds: number;
  /** Sign-ins are spread over this many seconds at the start, as people arrive. */
  rampSeconds: number;
  seed: number;
  /** Per request; a request without an answer by then counts as one that never answered. */
  timeoutMs: number;
  /** A person's pause between two actions, [min, max] ms. */
  thinkMs?: [number, number];
  pollMs?: number;
  /** Multiplies every pause (think, typing, looking at a conflict): 0 for a reviewer working flat out. */
  pauseScale?: number;
  /** How often each action is taken, relative weights; a desk's by default. */
  mix?: Record<Action, number>;
  log?: (line: string) => void;
}

type Action = WriteKind | 'history' | 'export' | 'open';
/** A desk's mix, in percent of a reviewer's actions: reading and marking far more than deleting. */
export const DESK_MIX: Record<Action, number> = { create: 26, note: 16, status: 14, 'source-add': 10, 'sources-edit': 4, delete: 6, history: 8, export: 8, open: 8 };

interface Counters {
  writes: Record<WriteKind, number>;
  /** 409 edit_conflict answers (someone saved the annotation since this reviewer saw it). */
  conflicts: number;
  /** Writes that succeeded after re-reading on a conflict. */
  retriedOk: number;
  /** Writes dropped after three conflicts in a row. */
  gaveUp: number;
  /** The annotation had been deleted by someone else (404 on the write or the re-read). */
  gone: number;
  /** After a re-read, the change was already there (e.g. the same status), so nothing was sent. */
  alreadyDone: number;
  /** Acknowledgements whose answer differs from what was sent (checked at once). */
  alteredAtAck: number;
  signIns: number;
}

interface OpenArticle {
  id: number;
  title: string;
  points: string[];
  /** Code-point offsets where a word starts, and where it ends, per word. */
  words: { start: number; end: number }[];
  state: Map<number, AnnotationDto>;
  deleted: Set<number>;
  cursor: number;
}

interface Shared {
  opts: Required<Omit<LoadOptions, 'log'>> & Pick<LoadOptions, 'log'>;
  rec: Recorder;
  ledger: Ledger;
  counters: Counters;
  deadline: number;
}

interface PlannedWrite {
  method: 'PATCH' | 'DELETE';
  body?: Record<string, unknown>;
  expected: Expected;
  events: ExpectedEvent[];
}

const REPORT_FORMATS = ['md', 'csv', 'json', 'html'] as const;
const NOTE_PHRASES = [
  'Matches the ministry’s figures for 2024',
  'The quoted number is from a different year',
  'Needs a primary source — only a press release so far',
  'Confirmed by two agency reports; see links',
  'Context missing: the rise is from a low base',
  'Zitat stimmt nicht ganz überein (Übersetzung prüfen)',
  'La cifra correcta es 1.240, no 1.420',
  'Verified against the court filing ✓',
];

function wordsOf(points: string[]): { start: number; end: number }[] {
  const words: { start: number; end: number }[] = [];
  let start = -1;
  for (let i = 0; i <= points.length; i++) {
    const space = i === points.length || /\s/.test(points[i]);
    if (!space && start < 0) start = i;
    else if (space && start >= 0) {
      words.push({ start, end: i });
      start = -1;
    }
  }
  return words;
}

class Reviewer {
  private readonly rand: Random;
  private sender!: Sender;
  private article: OpenArticle | null = null;
  private writes = 0;
  private stopped = false;
  /** Ends the poller's wait at once when the reviewer stops. */
  private wake: () => void = () => {};

  constructor(
    readonly index: number,
    readonly user: LoadUser,
    private readonly shared: Shared,
  ) {
    this.rand = prng((shared.opts.seed + index * 7919) >>> 0);
  }

  private get open() {
    return Date.now() < this.shared.deadline;
  }

  private think(range = this.shared.opts.thinkMs) {
    return sleep(intBetween(this.rand, range[0], range[1]) * this.shared.opts.pauseScale);
  }

  private tag() {
    return `r${this.index + 1}w${++this.writes}`;
  }

  /** Signs in, then acts until the deadline while its page polls; its last open article stays for the convergence check. */
  async run(arrivalMs: number): Promise<void> {
    await sleep(arrivalMs);
    const { opts, rec } = this.shared;
    const stats = rec.stats('sign-in (csrf + credentials)');
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const token = await Promise.race([
        signIn(opts.url, this.user.email, this.user.password),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(Object.assign(new Error('sign-in timed out'), { name: 'TimeoutError' })), opts.timeoutMs))),
      ]);
      stats.latencies.push(performance.now() - t0);
      stats.answers.set(200, (stats.answers.get(200) ?? 0) + 1);
      this.sender = { base: opts.url, cookie: sessionCookie(token), timeoutMs: opts.timeoutMs, rec };
      this.shared.counters.signIns++;
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') {
        stats.noAnswer++;
        rec.noAnswer++;
      } else rec.unexpected++;
      rec.problem(`sign-in of ${this.user.email}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    } finally {
      clearTimeout(timer);
    }

    await this.openArticle(this.shared.opts.setup.articles[this.index % this.shared.opts.setup.articles.length]);
    const polling = this.poll();
    try {
      while (this.open) {
        await this.think();
        if (!this.open) break;
        await this.act();
      }
    } finally {
      this.stopped = true;
      this.wake();
      await polling;
    }
  }

  /** The page's polling loop: the next poll 2.5 s after the last answer. */
  private async poll() {
    while (!this.stopped && this.open) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.shared.opts.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (this.stopped) break;
      await this.pollOnce('GET annotations ?since (poll)', this.sender);
    }
  }

  async pollOnce(type: string, sender: Sender) {
    const art = this.article;
    if (!art) return;
    const res = await send(sender, type, 'GET', `/api/articles/${art.id}/annotations?since=${art.cursor}`, [200]);
    if (res?.status !== 200 || this.article !== art) return;
    const changes = res.json<{ annotations: AnnotationDto[]; deleted: number[]; cursor: number }>();
    for (const id of changes.deleted) {
      art.state.delete(id);
      art.deleted.add(id);
    }
    for (const a of changes.annotations) this.upsert(art, a);
    art.cursor = changes.cursor;
  }

  private upsert(art: OpenArticle, a: AnnotationDto) {
    if (art.deleted.has(a.id)) return;
    const known = art.state.get(a.id);
    if (!known || a.version >= known.version) art.state.set(a.id, a);
  }

  private forget(art: OpenArticle, id: number) {
    art.state.delete(id);
    art.deleted.add(id);
  }

  /** As a browser opening /articles/:id: the page, the article, and the annotations with a cursor to poll from. */
  private async openArticle(target: LoadArticle) {
    const s = this.sender;
    const page = await send(s, 'GET article page (HTML)', 'GET', `/articles/${target.id}`, [200]);
    if (page?.status === 200 && !page.text().includes(target.title)) {
      s.rec.unexpected++;
      s.rec.problem(`article page ${target.id} does not show its title "${target.title}"`);
    }
    const article = await send(s, 'GET /api/articles/:id', 'GET', `/api/articles/${target.id}`, [200]);
    if (article?.status !== 200) return;
    const points = Array.from(article.json<{ plainText: string }>().plainText);
    const art: OpenArticle = { id: target.id, title: target.title, points, words: wordsOf(points), state: new Map(), deleted: new Set(), cursor: 0 };
    // The page embeds the list with the time it was read; the simulated page reads the same from ?since=0.
    const list = await send(s, 'GET annotations ?since=0 (open)', 'GET', `/api/articles/${target.id}/annotations?since=0`, [200]);
    if (list?.status !== 200) return;
    const changes = list.json<{ annotations: AnnotationDto[]; deleted: number[]; cursor: number }>();
    for (const a of changes.annotations) art.state.set(a.id, a);
    for (const id of changes.deleted) art.deleted.add(id);
    art.cursor = changes.cursor;
    this.article = art;
  }

  private async act() {
    const mix = this.shared.opts.mix;
    let roll = this.rand() * Object.values(mix).reduce((a, b) => a + b, 0);
    const action = (Object.keys(mix) as Action[]).find((a) => (roll -= mix[a]) < 0) ?? 'open';
    if (!this.article || action === 'open') return this.openArticle(pick(this.rand, this.shared.opts.setup.articles));
    if (action === 'create') return this.create();
    if (action === 'history') return this.readHistory();
    if (action === 'export') return this.exportReport();
    return this.edit(action);
  }

  private passage(art: OpenArticle): { start: number; end: number; exact: string } | null {
    if (art.words.length === 0) return null;
    const first = intBetween(this.rand, 0, art.words.length - 1);
    const count = intBetween(this.rand, 1, 9);
    let last = first;
    // Stay in the paragraph: a selection a person makes with the mouse, mostly.
    while (last + 1 < art.words.length && last - first + 1 < count && !art.points.slice(art.words[last].end, art.words[last + 1].start).includes('\n')) last++;
    const start = art.words[first].start;
    const end = art.words[last].end;
    return { start, end, exact: art.points.slice(start, end).join('') };
  }

  private source(tag: string): AnnotationSource {
    return { url: `https://example.org/evidence/${tag}`, title: this.rand() < 0.5 ? null : `Evidence ${tag} – “primary” record` };
  }

  private async create() {
    const art = this.article!;
    const passage = this.passage(art);
    if (!passage) return;
    const tag = this.tag();
    const status = pick(this.rand, STATUSES);
    const note = this.rand() < 0.6 ? `${pick(this.rand, NOTE_PHRASES)} (${tag})` : undefined;
    const sources = this.rand() < 0.3 ? Array.from({ length: intBetween(this.rand, 1, 2) }, (_, i) => this.source(`${tag}s${i}`)) : [];
    const body = { ...passage, status, ...(note !== undefined ? { note } : {}), ...(sources.length ? { sources } : {}) };
    const res = await send(this.sender, 'POST annotation', 'POST', `/api/articles/${art.id}/annotations`, [201], { body });
    if (res === null || res.status >= 500) {
      this.shared.ledger.uncertainArticles.add(art.id);
      return;
    }
    if (res.status !== 201) return;
    const dto = res.json<AnnotationDto>();
    const expected: Expected = { status, note: note ?? '', sources, start: passage.start, end: passage.end, exact: passage.exact, deleted: false };
    this.checkAck('create', dto, expected, 1);
    const events: ExpectedEvent[] = [{ type: 'created', to: status }, ...sources.map((s) => ({ type: 'source_added' as const, to: s.url })), ...(note ? [{ type: 'note_edited' as const, to: note }] : [])];
    this.shared.ledger.add(art.id, dto.id, { kind: 'create', version: 1, state: expected, events, reviewer: this.index });
    this.shared.counters.writes.create++;
    this.upsert(art, dto);
  }

  /** An annotation this reviewer may change: its own, or any for an editor; half the time one of the last few changed. */
  private target(art: OpenArticle, kind: Exclude<WriteKind, 'create'>): AnnotationDto | undefined {
    const fits = (a: AnnotationDto) => (kind === 'sources-edit' ? a.sources.length > 0 : kind === 'source-add' ? a.sources.length < 18 : true);
    const mine = [...art.state.values()].filter((a) => a.start !== null && (this.user.role === 'admin' || a.author.id === this.user.id) && fits(a));
    if (mine.length === 0) return undefined;
    if (this.rand() < 0.5) {
      mine.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id);
      return pick(this.rand, mine.slice(0, 4));
    }
    return pick(this.rand, mine);
  }

  /** The request for one change on top of `base` (the version the reviewer sees), or null when there is nothing to change. */
  private plan(kind: Exclude<WriteKind, 'create'>, base: AnnotationDto, intent: { note: string; status: Status; source: AnnotationSource; op: number }): PlannedWrite | null {
    const before = fieldsOf(base);
    const version = base.version;
    switch (kind) {
      case 'note':
        if (base.note === intent.note) return null;
        return { method: 'PATCH', body: { note: intent.note, version }, expected: { ...before, note: intent.note }, events: [{ type: 'note_edited', to: intent.note }] };
      case 'status':
        if (base.status === intent.status) return null;
        return { method: 'PATCH', body: { status: intent.status, version }, expected: { ...before, status: intent.status }, events: [{ type: 'status_changed', to: intent.status }] };
      case 'source-add': {
        if (before.sources.length >= 18 || before.sources.some((s) => s.url === intent.source.url)) return null;
        const sources = [...before.sources, intent.source];
        return { method: 'PATCH', body: { sources, version }, expected: { ...before, sources }, events: [{ type: 'source_added', to: intent.source.url }] };
      }
      case 'sources-edit': {
        if (before.sources.length === 0) return null;
        if (before.sources.length === 1 || intent.op < 0.5) {
          // Remove one source.
          const i = Math.floor(intent.op * before.sources.length) % before.sources.length;
          const sources = before.sources.filter((_, j) => j !== i);
          return { method: 'PATCH', body: { sources, version }, expected: { ...before, sources }, events: [{ type: 'source_removed', from: before.sources[i].url }] };
        }
        // Move the last source to the top.
        const sources = [before.sources[before.sources.length - 1], ...before.sources.slice(0, -1)];
        return { method: 'PATCH', body: { sources, version }, expected: { ...before, sources }, events: [{ type: 'sources_reordered' }] };
      }
      case 'delete':
        return { method: 'DELETE', expected: { ...before, deleted: true }, events: [{ type: 'deleted' }] };
    }
  }

  /**
   * Changes an annotation as a person does: opens it (the version seen now), takes a moment to
   * type or click, saves with that version. On 409 edit_conflict, re-reads it, looks, and applies
   * the same change again on the new version, up to three times.
   */
  private async edit(kind: Exclude<WriteKind, 'create'>) {
    const art = this.article!;
    let base = this.target(art, kind);
    if (!base) return this.create();
    const { counters, ledger } = this.shared;
    const tag = this.tag();
    const note = this.rand() < 0.06 ? '' : `${pick(this.rand, NOTE_PHRASES)} (${tag})`;
    const intent = { note, status: pick(this.rand, STATUSES.filter((s) => s !== base!.status)), source: this.source(tag), op: this.rand() };
    await this.think(kind === 'note' ? [1000, 4000] : [300, 1200]);
    // Time is up while typing: the reviewer leaves without saving (the run ends on time).
    if (!this.open) return;
    for (let attempt = 0; attempt < 3; attempt++) {
      const write = this.plan(kind, base, intent);
      if (!write) {
        counters.alreadyDone++;
        return;
      }
      const id = base.id;
      const type = kind === 'delete' ? 'DELETE annotation' : `PATCH annotation (${kind === 'note' ? 'note' : kind === 'status' ? 'status' : 'sources'})`;
      const res =
        write.method === 'DELETE'
          ? await send(this.sender, type, 'DELETE', `/api/annotations/${id}`, [204, 404, 409], { headers: { 'if-match': `"${base.version}"` } })
          : await send(this.sender, type, 'PATCH', `/api/annotations/${id}`, [200, 404, 409], { body: write.body });
      if (res === null || res.status >= 500) {
        ledger.uncertain.add(id);
        return;
      }
      if (res.status === 200 || res.status === 204) {
        const version = base.version + 1;
        if (res.status === 200) {
          const dto = res.json<AnnotationDto>();
          this.checkAck(kind, dto, write.expected, version);
          this.upsert(art, dto);
        } else this.forget(art, id);
        ledger.add(art.id, id, { kind, version, state: write.expected, events: write.events, reviewer: this.index });
        counters.writes[kind]++;
        if (attempt > 0) counters.retriedOk++;
        return;
      }
      if (res.status === 404) {
        counters.gone++;
        this.forget(art, id);
        return;
      }
      if (res.status !== 409) return; // counted as unexpected by send()
      const conflict = res.json<{ error: { code: string } }>();
      if (conflict.error?.code !== 'edit_conflict') return;
      counters.conflicts++;
      const again = await send(this.sender, 'GET annotation (re-read after 409)', 'GET', `/api/annotations/${id}`, [200, 404]);
      if (again?.status === 404) {
        counters.gone++;
        this.forget(art, id);
        return;
      }
      if (again?.status !== 200) return;
      base = again.json<AnnotationDto>();
      this.upsert(art, base);
      await this.think([500, 2000]);
      if (!this.open) return;
    }
    counters.gaveUp++;
  }

  /** The answer to an acknowledged write must carry exactly what was sent, at the next version. */
  private checkAck(kind: WriteKind, dto: AnnotationDto, expected: Expected, version: number) {
    const diff = differences(expected, fieldsOf(dto));
    if (dto.version !== version) diff.push(`version: ${version} → ${dto.version}`);
    if (diff.length) {
      this.shared.counters.alteredAtAck++;
      this.shared.rec.problem(`${kind} of annotation ${dto.id} acknowledged with other content: ${diff.join('; ')}`);
    }
  }

  private async readHistory() {
    const art = this.article!;
    const list = [...art.state.values()];
    if (list.length === 0) return;
    const a = pick(this.rand, list);
    await send(this.sender, 'GET annotation history', 'GET', `/api/annotations/${a.id}/history`, [200]);
  }

  private async exportReport() {
    const art = this.article!;
    const format = this.rand() < 1 / 12 ? 'pdf' : pick(this.rand, REPORT_FORMATS);
    const res = await send(this.sender, `GET report (${format})`, 'GET', `/api/articles/${art.id}/report?format=${format}`, [200]);
    if (res?.status !== 200) return;
    let ok = res.body.length > 0;
    if (format === 'pdf') ok = res.body.subarray(0, 5).toString('latin1') === '%PDF-';
    if (format === 'json') {
      try {
        ok = typeof res.json<object>() === 'object';
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      this.shared.rec.unexpected++;
      this.shared.rec.problem(`report ${format} of article ${art.id} is not a ${format} file: ${res.text().slice(0, 120)}`);
    }
  }

  /** The reviewer's page, after one last poll: what it shows, by annotation id. */
  async finalView(sender: Sender): Promise<{ articleId: number; state: Map<number, AnnotationDto> } | null> {
    if (!this.article) return null;
    await this.pollOnce('final poll', sender);
    return { articleId: this.article.id, state: this.article.state };
  }
}

// ---------------------------------------------------------------------------------------------
// The run and the read-back.

export interface TypeRow {
  type: string;
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  answers: Record<string, number>;
  serverErrors: number;
  noAnswer: number;
  connectionErrors: number;
}

export interface LoadResult {
  reviewers: number;
  editors: number;
  articles: number;
  /** Wall time from the first sign-in to the last answer of the load phase. */
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  types: TypeRow[];
  writes: Record<WriteKind, number> & { total: number };
  counters: Omit<Counters, 'writes'>;
  serverErrors: number;
  noAnswer: number;
  connectionErrors: number;
  unexpected: number;
  verify: {
    annotations: number;
    acknowledged: number;
    /** Acknowledged writes whose effect is not in the final state or the history, or two acks of one version. */
    lostOrAltered: number;
    /** Live annotations the server lists that no acknowledged create made. */
    unknownRows: number;
    /** Annotations left out of the comparison because a write to them got no answer or a 5xx. */
    uncertain: number;
    pages: number;
    /** Pages whose polled view differs from the server's list after a final poll. */
    stalePages: number;
    requests: number;
    serverErrors: number;
    noAnswer: number;
  };
  problems: string[];
}

function typeRows(rec: Recorder): TypeRow[] {
  return [...rec.types].map(([type, s]) => ({
    type,
    count: s.latencies.length + s.noAnswer + s.connectionErrors,
    p50: percentile(s.latencies, 50),
    p95: percentile(s.latencies, 95),
    p99: percentile(s.latencies, 99),
    max: s.latencies.length ? Math.max(...s.latencies) : Number.NaN,
    answers: Object.fromEntries([...s.answers].sort(([a], [b]) => a - b)),
    serverErrors: s.serverErrors,
    noAnswer: s.noAnswer,
    connectionErrors: s.connectionErrors,
  }));
}

/** Runs `pool` workers over `items` (bounded: each item once). */
async function eachLimited<T>(items: T[], pool: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(pool, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

/** Finds each expected event in the history, each history event used once; returns the ones not found. */
function missingEvents(expected: ExpectedEvent[], pool: AnnotationEventDto[]): ExpectedEvent[] {
  const missing: ExpectedEvent[] = [];
  for (const e of expected) {
    const i = pool.findIndex((h) => h.type === e.type && (e.to === undefined || h.to === e.to) && (e.from === undefined || h.from === e.from));
    if (i < 0) missing.push(e);
    else pool.splice(i, 1);
  }
  return missing;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const opts = { thinkMs: [500, 3000] as [number, number], pollMs: PAGE_POLL_MS, pauseScale: 1, mix: DESK_MIX, ...options };
  const rec = new Recorder();
  const ledger = new Ledger();
  const counters: Counters = { writes: { create: 0, note: 0, status: 0, 'source-add': 0, 'sources-edit': 0, delete: 0 }, conflicts: 0, retriedOk: 0, gaveUp: 0, gone: 0, alreadyDone: 0, alteredAtAck: 0, signIns: 0 };
  const started = Date.now();
  const shared: Shared = { opts, rec, ledger, counters, deadline: started + opts.seconds * 1000 };
  const { users, articles } = opts.setup;
  const reviewers = users.map((u, i) => new Reviewer(i, u, shared));
  const rampMs = opts.rampSeconds * 1000;
  opts.log?.(`load: ${reviewers.length} reviewer(s) on ${articles.length} article(s) for ${opts.seconds} s`);
  const progress = setInterval(() => opts.log?.(`load: ${Math.round((Date.now() - started) / 1000)} s, ${typeRows(rec).reduce((n, r) => n + r.count, 0)} requests, ${Object.values(counters.writes).reduce((a, b) => a + b, 0)} writes, ${counters.conflicts} conflicts, ${rec.serverErrors} 5xx, ${rec.noAnswer} unanswered`), 15_000);
  try {
    await Promise.all(reviewers.map((r, i) => r.run(reviewers.length > 1 ? Math.round((i * rampMs) / (reviewers.length - 1)) : 0)));
  } finally {
    clearInterval(progress);
  }
  const seconds = (Date.now() - started) / 1000;
  const types = typeRows(rec);
  const requests = types.reduce((n, r) => n + r.count, 0);

  // Read back, with a reviewer's session, after everything stopped: requests timed apart from the load.
  opts.log?.(`load: reading back ${ledger.acks.size} annotations`);
  const vrec = new Recorder();
  const checker = users[0];
  const sender: Sender = { base: opts.url, cookie: sessionCookie(await signIn(opts.url, checker.email, checker.password)), timeoutMs: opts.timeoutMs, rec: vrec };
  let lostOrAltered = 0;
  let unknownRows = 0;
  const lost = (line: string) => {
    lostOrAltered++;
    rec.problem(`lost or altered: ${line}`);
  };
  const lists = new Map<number, Map<number, AnnotationDto>>();
  for (const article of articles) {
    const res = await send(sender, 'verify: list', 'GET', `/api/articles/${article.id}/annotations`, [200]);
    if (res?.status === 200) lists.set(article.id, new Map(res.json<{ annotations: AnnotationDto[] }>().annotations.map((a) => [a.id, a])));
  }
  let acknowledged = 0;
  await eachLimited([...ledger.acks], 6, async ([id, acks]) => {
    acknowledged += acks.length;
    acks.sort((a, b) => a.version - b.version);
    for (let i = 1; i < acks.length; i++) {
      if (acks[i].version === acks[i - 1].version) lost(`annotation ${id}: two writes acknowledged as version ${acks[i].version} (${acks[i - 1].kind} by reviewer ${acks[i - 1].reviewer + 1}, ${acks[i].kind} by reviewer ${acks[i].reviewer + 1}): one overwrote the other`);
    }
    const last = acks[acks.length - 1];
    const certain = !ledger.uncertain.has(id);
    const one = await send(sender, 'verify: annotation', 'GET', `/api/annotations/${id}`, [200, 404]);
    const listed = lists.get(ledger.articleOf.get(id)!)?.get(id);
    if (certain && one) {
      if (last.state.deleted) {
        if (one.status !== 404) lost(`annotation ${id}: deleted (acknowledged, version ${last.version}) but GET answers ${one.status}`);
        if (listed) lost(`annotation ${id}: deleted (acknowledged) but still listed`);
      } else if (one.status !== 200) lost(`annotation ${id}: ${last.kind} acknowledged at version ${last.version}, but GET answers ${one.status}`);
      else {
        const dto = one.json<AnnotationDto>();
        const diff = differences(last.state, fieldsOf(dto));
        if (dto.version !== last.version) diff.push(`version: ${last.version} → ${dto.version}`);
        if (diff.length) lost(`annotation ${id} after its last acknowledged write (${last.kind}, version ${last.version}): ${diff.join('; ')}`);
        if (!listed) lost(`annotation ${id}: live but not in the article's list`);
        else if (listed.version !== dto.version) lost(`annotation ${id}: listed at version ${listed.version}, read at ${dto.version}`);
      }
    }
    const history = await send(sender, 'verify: history', 'GET', `/api/annotations/${id}/history`, [200]);
    if (history?.status === 200) {
      const pool = [...history.json<{ events: AnnotationEventDto[] }>().events];
      for (const ack of acks) {
        const missing = missingEvents(ack.events, pool);
        if (missing.length) lost(`annotation ${id}: ${ack.kind} (version ${ack.version}) acknowledged but its history lacks ${missing.map((e) => `${e.type} ${e.to ?? e.from ?? ''}`.trim()).join(', ')}`);
      }
    }
  });
  for (const [articleId, list] of lists) {
    for (const id of list.keys()) {
      if (ledger.acks.has(id) || ledger.uncertainArticles.has(articleId)) continue;
      unknownRows++;
      rec.problem(`annotation ${id} on article ${articleId} is listed but no acknowledged create made it`);
    }
  }

  // Every page, after one more poll, must show what the server lists.
  let pages = 0;
  let stalePages = 0;
  for (const r of reviewers) {
    const view = await r.finalView({ ...sender });
    const list = view && lists.get(view.articleId);
    if (!view || !list) continue;
    pages++;
    const wrong: string[] = [];
    for (const [id, a] of list) {
      const shown = view.state.get(id);
      if (!shown) wrong.push(`${id} (v${a.version}) missing`);
      else if (shown.version !== a.version || differences(fieldsOf(a), fieldsOf(shown)).length) wrong.push(`${id} v${a.version} shown as v${shown.version}: ${differences(fieldsOf(a), fieldsOf(shown)).join('; ')}`);
    }
    for (const id of view.state.keys()) if (!list.has(id)) wrong.push(`${id} shown but not live`);
    if (wrong.length) {
      stalePages++;
      rec.problem(`reviewer ${r.index + 1}'s page of article ${view.articleId} after a final poll: ${wrong.slice(0, 5).join(', ')}`);
    }
  }
  for (const p of vrec.problems) rec.problem(`read-back: ${p}`);
  const vtypes = typeRows(vrec);
  const { writes, ...rest } = counters;
  return {
    reviewers: users.length,
    editors: users.filter((u) => u.role === 'admin').length,
    articles: articles.length,
    seconds,
    requests,
    requestsPerSecond: requests / seconds,
    types,
    writes: { ...writes, total: Object.values(writes).reduce((a, b) => a + b, 0) },
    counters: rest,
    serverErrors: rec.serverErrors,
    noAnswer: rec.noAnswer,
    connectionErrors: rec.connectionErrors,
    unexpected: rec.unexpected + vrec.unexpected,
    verify: {
      annotations: ledger.acks.size,
      acknowledged,
      lostOrAltered: lostOrAltered + counters.alteredAtAck,
      unknownRows,
      uncertain: ledger.uncertain.size,
      pages,
      stalePages,
      requests: vtypes.reduce((n, t) => n + t.count, 0),
      serverErrors: vrec.serverErrors,
      noAnswer: vrec.noAnswer + vrec.connectionErrors,
    },
    problems: rec.problems,
  };
}
