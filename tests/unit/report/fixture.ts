// A report input built from the sample article: six annotations covering every verdict, an
// overlapping pair, non-Latin and emoji reviewer names, and notes and sources written to break
// escaping (HTML, Markdown, CSV formulas, javascript: URLs). revisedFixtureInput() is the same
// article after a second revision: one verdict stale, one passage moved, one removed, one re-confirmed.
// reviewedFixtureInput() adds replies to three verdicts and a hand-made review summary (signed off
// over blockers with a reason, after a finished second check).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnnotationDto, AnnotationEventDto } from '@/lib/annotations/types';
import type { Status } from '@/lib/annotations/status';
import type { ReportInput } from '@/lib/report/model';
import type { ReplyDto } from '@/lib/replies/types';
import type { ReviewSummary } from '@/lib/review/types';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The sample article's canonical text: each line is one block, blocks joined by "\n\n". */
export const ARTICLE_TEXT = readFileSync(path.join(root, 'content/sample-article.txt'), 'utf8')
  .split(/\r?\n/)
  .filter((line) => line.trim() !== '')
  .join('\n\n');

/** Code-point offset of the first occurrence of `phrase` (the sample is BMP-only, but do it right). */
export function offsetsOf(text: string, phrase: string, fromUnit = 0): { start: number; end: number } {
  const unit = text.indexOf(phrase, fromUnit);
  if (unit < 0) throw new Error(`phrase not in text: ${phrase}`);
  const start = [...text.slice(0, unit)].length;
  return { start, end: start + [...phrase].length };
}

export const ALICE = { id: 1, name: 'Alice Martin' };
export const DMITRY = { id: 2, name: 'Дмитрий Ковалёв 🦊' };
export const LUKASZ = { id: 3, name: 'Łukasz Żółć' };
export const MALLORY = { id: 4, name: '+Mallory' };

export const NASTY_NOTE = [
  'He said "no", then \'maybe\', then: yes, no — “really”.',
  '<script>alert(1)</script> <img src=x onerror=alert(1)>',
  '[click me](javascript:alert(1)) and ](javascript:alert(1))',
  '# not a heading',
  '- not a list',
  '**not bold** `not code` &amp; stays',
].join('\n');

export const PHRASES = {
  11: 'seized control of Aleppo’s military airport and academy',
  12: 'delivering a significant blow to the Assad regime',
  13: 'a significant blow to the Assad regime and its Russian backers',
  14: '“major reputational setback”',
  15: 'The dismissal of General Sergei Kisel',
  16: 'Leaders in the Middle East and Africa are reportedly reserving judgment',
} as const;

function annotation(
  id: keyof typeof PHRASES,
  status: Status,
  author: { id: number; name: string },
  extra: Partial<AnnotationDto> = {},
): AnnotationDto {
  const { start, end } = offsetsOf(ARTICLE_TEXT, PHRASES[id]);
  const cps = [...ARTICLE_TEXT];
  return {
    id,
    articleId: 7,
    status,
    start,
    end,
    exact: PHRASES[id],
    prefix: cps.slice(Math.max(0, start - 32), start).join(''),
    suffix: cps.slice(end, end + 32).join(''),
    note: '',
    replyCount: 0,
    secondCheck: false,
    sources: [],
    author,
    createdAt: '2024-12-02T09:15:00.000Z',
    updatedAt: '2024-12-02T09:15:00.000Z',
    version: 1,
    anchor: { revision: 1, state: 'unchanged' },
    ...extra,
  };
}

export function fixtureAnnotations(): AnnotationDto[] {
  return [
    annotation(11, 'verified', ALICE, {
      note: 'Confirmed by two wire services, "Reuters" and AP.',
      sources: [{ url: 'https://www.reuters.com/world/middle-east/', title: 'Reuters — Middle East' }],
    }),
    annotation(12, 'disputed', DMITRY, {
      note: 'Says who? “Significant” is an opinion, not a fact.',
      createdAt: '2024-12-02T10:00:00.000Z',
      // SQLite-style timestamp without a zone: read as UTC.
      updatedAt: '2024-12-03 08:30:00',
    }),
    annotation(13, 'needs_source', LUKASZ),
    annotation(14, 'disputed', ALICE, {
      note: NASTY_NOTE,
      sources: [
        { url: 'javascript:alert(1)', title: 'Totally legit' },
        { url: 'https://example.org/report?a=1&b=<2>', title: null },
      ],
    }),
    annotation(15, 'verified', LUKASZ, {
      note: '=1+1',
      sources: [{ url: 'https://tass.com/politics', title: '@TASS, politics' }],
    }),
    annotation(16, 'needs_source', MALLORY, { note: '-5 points\nsecond line, with a comma' }),
  ];
}

function ev(
  id: number,
  annotationId: number,
  type: AnnotationEventDto['type'],
  actor: { id: number; name: string },
  from: string | null,
  to: string | null,
  createdAt: string,
): AnnotationEventDto {
  return { id, annotationId, type, actor, from, to, createdAt };
}

export function fixtureHistory(): Map<number, AnnotationEventDto[]> {
  return new Map([
    [11, [ev(1, 11, 'created', ALICE, null, 'verified', '2024-12-02T09:15:00.000Z')]],
    [
      12,
      [
        ev(2, 12, 'created', DMITRY, null, 'needs_source', '2024-12-02T10:00:00.000Z'),
        ev(3, 12, 'status_changed', ALICE, 'needs_source', 'disputed', '2024-12-03T08:00:00.000Z'),
        ev(4, 12, 'note_edited', DMITRY, '', 'Says who? “Significant” is an opinion, not a fact.', '2024-12-03 08:30:00'),
      ],
    ],
    [14, [ev(5, 14, 'created', ALICE, null, 'disputed', '2024-12-02T09:15:00.000Z'), ev(6, 14, 'source_added', ALICE, null, 'javascript:alert(1)', '2024-12-02T09:16:00.000Z')]],
  ]);
}

export function fixtureInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    article: {
      id: 7,
      slug: 'syrian-rebels-seize-aleppo',
      title: 'Syrian rebels seize Aleppo’s airport — a “major” blow',
      byline: 'Jane O’Neil',
      sourceUrl: 'https://example.com/news/aleppo',
      publisher: 'Example News',
      publishedAt: '2024-12-01',
      plainText: ARTICLE_TEXT,
      revision: 1,
      revisedAt: '2024-12-01T18:00:00.000Z',
    },
    annotations: fixtureAnnotations(),
    history: fixtureHistory(),
    exportedBy: { id: 1, name: 'Alice Martin' },
    exportedAt: new Date('2024-12-05T12:34:56.000Z'),
    appUrl: 'http://localhost:3000/',
    filters: {},
    ...overrides,
  };
}

/** The time revision 2 arrived. */
export const REVISED_AT = '2024-12-04T16:20:00.000Z';

/** How passage 12 read in revision 1, before revision 2 changed it. */
export const OLD_PHRASE_12 = 'delivering a crushing blow to the Assad regime';

/** Passage 17 was in revision 1 only; revision 2 removed it. */
export const REMOVED_PHRASE = 'The airport had been closed to civilian flights since 2019';

/**
 * The article at revision 2: 12 is stale (its passage changed), 15 moved, 11 was changed and then
 * re-confirmed (so it is current again), and 17 (a verified passage, with a formula-like note) was
 * removed. The placed passages are the same as in fixtureInput(), so counts and coverage can be compared.
 */
export function revisedFixtureInput(): ReportInput {
  const annotations = fixtureAnnotations().map((a): AnnotationDto => {
    if (a.id === 12) return { ...a, anchor: { revision: 2, state: 'changed', previousExact: OLD_PHRASE_12, previousRevision: 1 } };
    if (a.id === 15) return { ...a, anchor: { revision: 2, state: 'moved', previousExact: a.exact, previousRevision: 1 } };
    return { ...a, anchor: { ...a.anchor, revision: 2 } };
  });
  annotations.push({
    ...fixtureAnnotations()[0],
    id: 17,
    status: 'verified',
    author: DMITRY,
    start: null,
    end: null,
    exact: REMOVED_PHRASE,
    prefix: 'before it fell. ',
    suffix: ', officials said.',
    note: '=HYPERLINK("http://evil.example")',
    sources: [{ url: 'https://example.org/airport', title: 'Airport notice' }],
    anchor: { revision: 2, state: 'removed', previousExact: REMOVED_PHRASE, previousRevision: 1 },
  });
  const history = fixtureHistory();
  const at = '2024-12-04T16:20:00.000Z';
  history.set(11, [
    ...(history.get(11) ?? []),
    ev(20, 11, 'reanchored', ALICE, '1', '2 changed', at),
    ev(21, 11, 'reconfirmed', ALICE, 'changed', 'verified', '2024-12-04T17:00:00.000Z'),
  ]);
  history.set(12, [...(history.get(12) ?? []), ev(22, 12, 'reanchored', ALICE, '1', '2 changed', at)]);
  history.set(15, [ev(23, 15, 'reanchored', ALICE, '1', '2 moved', at)]);
  history.set(17, [ev(24, 17, 'created', DMITRY, null, 'verified', '2024-12-02T09:15:00.000Z'), ev(25, 17, 'reanchored', ALICE, '1', '2 removed', at)]);
  const base = fixtureInput();
  return { ...base, article: { ...base.article, revision: 2, revisedAt: REVISED_AT }, annotations, history };
}

/**
 * Replies on three verdicts: 12 has a thread of two (one edited, one asking to reopen, with a
 * line break and markup to escape), 14 has one with a formula-like start, 16 none.
 */
export function fixtureReplies(): Map<number, ReplyDto[]> {
  const reply = (id: number, annotationId: number, author: { id: number; name: string }, body: string, createdAt: string, updatedAt = createdAt, reopens = false): ReplyDto => ({
    id,
    annotationId,
    body,
    author,
    createdAt,
    updatedAt,
    version: updatedAt === createdAt ? 1 : 2,
    reopens,
  });
  return new Map([
    [
      12,
      [
        reply(101, 12, ALICE, 'The Reuters piece calls it “significant” too.\nSecond line: <b>not bold</b> *nor this*', '2024-12-03T09:00:00.000Z', '2024-12-03T09:05:00.000Z'),
        reply(102, 12, DMITRY, 'Quoting is not checking. Reopen please.', '2024-12-04T10:00:00.000Z', '2024-12-04T10:00:00.000Z', true),
      ],
    ],
    [14, [reply(103, 14, LUKASZ, '=HYPERLINK("http://evil.example") — ask the desk', '2024-12-03T11:00:00.000Z')]],
  ]);
}

export const EDITOR = { id: 5, name: 'Ed Park' };

/**
 * A hand-made review: signed off by an editor over two blockers, with a written reason, after a
 * finished second check by Łukasz (requested by Ed) with agreement figures.
 */
export function fixtureReview(): ReviewSummary {
  return {
    articleId: 7,
    state: 'signed_off',
    assignees: [ALICE, DMITRY],
    signOff: {
      by: EDITOR,
      at: '2024-12-05T11:00:00.000Z',
      reason: 'Deadline: the two open claims are opinion.\n<script>alert(1)</script>',
      overridden: [
        { kind: 'unchecked_claim', message: 'Unchecked claim: “Leaders in the Middle East…”', start: 3000, end: 3070 },
        { kind: 'missing_evidence', message: 'Disputed verdict #12 has no source', annotationId: 12 },
      ],
    },
    secondCheck: { id: 1, reviewer: LUKASZ, requestedBy: EDITOR, requestedAt: '2024-12-03T08:00:00.000Z', doneAt: '2024-12-04T15:30:00.000Z' },
    agreement: { agree: 6, disagree: 2, onlyFirst: 1, onlySecond: 1, kappa: 0.6, bothFound: 0.8, meaning: 'moderate agreement' },
  };
}

/** The fixture with replies and a review (a signed-off article with a second check). */
export function reviewedFixtureInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return fixtureInput({ replies: fixtureReplies(), review: fixtureReview(), ...overrides });
}
