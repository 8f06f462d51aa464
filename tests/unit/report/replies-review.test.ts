// Replies and the review section in every report format, from the fixture's replies (three on two
// verdicts, one edited, one that reopened the review, markup and formula-like text to escape) and a
// hand-made review summary (signed off over two blockers with a written reason, a finished second
// check with agreement figures).
import { parse } from 'csv-parse/sync';
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, renderCsv } from '@/lib/report/csv';
import { renderHtml } from '@/lib/report/html';
import { renderMarkdown } from '@/lib/report/markdown';
import { agreementText, buildReportModel, describeReview, formatKappa } from '@/lib/report/model';
import { buildW3cCollection, renderW3c, type W3cReply } from '@/lib/report/w3c';
import type { ReviewSummary } from '@/lib/review/types';
import { ALICE, DMITRY, EDITOR, LUKASZ, fixtureReview, reviewedFixtureInput, revisedFixtureInput } from './fixture';
import { MUST_TESTS, failedAssertions } from './w3c-conformance';

const model = buildReportModel(reviewedFixtureInput());
const SECOND_CHECK_SENTENCE =
  'An independent second check was done by Łukasz Żółć (requested by Ed Park, finished at 2024-12-04 15:30 UTC): agreement on 6 of 8 passages both checks found (2 disagreed; 80.0 % of all 10 passages were found by both, 1 by the first check only, 1 by the second only), Cohen’s kappa 0.60 (moderate agreement).';

describe('report model: replies and review', () => {
  it('attaches each verdict’s replies, oldest first, with UTC times and an edited flag', () => {
    const byId = new Map(model.items.map((i) => [i.id, i]));
    expect(byId.get(12)!.replies.map((r) => [r.id, r.author.name, r.edited, r.reopens])).toEqual([
      [101, ALICE.name, true, false],
      [102, DMITRY.name, false, true],
    ]);
    expect(byId.get(12)!.replies[0]).toMatchObject({ createdAt: '2024-12-03T09:00:00Z', updatedAt: '2024-12-03T09:05:00Z' });
    expect(byId.get(14)!.replies.map((r) => r.body)).toEqual(['=HYPERLINK("http://evil.example") — ask the desk']);
    for (const id of [11, 13, 15, 16]) expect(byId.get(id)!.replies).toEqual([]);
    // Without replies or a review in the input, there are none in the model.
    const plain = buildReportModel({ ...reviewedFixtureInput(), replies: undefined, review: undefined });
    expect(plain.items.every((i) => i.replies.length === 0)).toBe(true);
    expect(plain.review).toBeNull();
  });

  it('keeps replies on a verdict whose passage a revision removed', () => {
    const input = revisedFixtureInput();
    const m = buildReportModel({ ...input, replies: new Map([[17, [{ id: 9, annotationId: 17, body: 'Gone?', author: LUKASZ, createdAt: '2024-12-05T08:00:00.000Z', updatedAt: '2024-12-05T08:00:00.000Z', version: 1, reopens: false }]]]) });
    expect(m.removed[0].replies.map((r) => r.body)).toEqual(['Gone?']);
  });

  it('says the review in sentences: state, assignees, sign-off, what was overridden and why, the second check', () => {
    expect(model.review).toMatchObject({ state: 'signed_off', stateLabel: 'Signed off', signOff: { by: EDITOR } });
    expect(model.review!.statements.map((s) => [s.label, s.text])).toEqual([
      ['Review state', 'Signed off.'],
      ['Assigned to', 'Alice Martin, Дмитрий Ковалёв 🦊.'],
      ['Signed off', 'By Ed Park on 2024-12-05 11:00 UTC.'],
      ['Overridden', 'Ed Park signed off although 2 things still blocked it:'],
      ['Reason given', 'Deadline: the two open claims are opinion.\n<script>alert(1)</script>'],
      ['Second check', SECOND_CHECK_SENTENCE],
    ]);
    expect(model.review!.statements[3].list).toEqual(['Unchecked claim: “Leaders in the Middle East…”', 'Disputed verdict #12 has no source']);
    expect(model.review!.statements[4].freeText).toBe(true);
  });

  it('words a plain sign-off, a pending second check, none, and an undefined kappa', () => {
    const base: ReviewSummary = { ...fixtureReview(), assignees: [], signOff: { by: EDITOR, at: '2024-12-05T11:00:00Z', reason: null, overridden: [] } };
    const plain = describeReview(base).statements.map((s) => s.label);
    expect(plain).toEqual(['Review state', 'Assigned to', 'Signed off', 'Second check']);
    expect(describeReview(base).statements[1].text).toBe('Nobody.');
    const pending = describeReview({ ...base, state: 'in_review', signOff: null, secondCheck: { ...base.secondCheck!, doneAt: null }, agreement: null });
    expect(pending.statements.at(-1)!.text).toBe('An independent second check by Łukasz Żółć was requested by Ed Park on 2024-12-03 08:00 UTC and is not finished yet.');
    expect(describeReview({ ...base, secondCheck: null, agreement: null }).statements.at(-1)!.text).toBe('No independent second check was requested.');
    expect(formatKappa(null)).toBe('undefined');
    expect(formatKappa(-0.1)).toBe('−0.10');
    expect(agreementText({ agree: 1, disagree: 0, onlyFirst: 0, onlySecond: 0, kappa: null, bothFound: 1, meaning: 'undefined: one status only' })).toBe(
      'agreement on 1 of 1 passage both checks found (0 disagreed; 100.0 % of all 1 passage were found by both, 0 by the first check only, 0 by the second only), Cohen’s kappa undefined (undefined: one status only)',
    );
  });
});

describe('HTML report: replies and review', () => {
  const doc = new JSDOM(renderHtml(model)).window.document;
  const text = (el: Element | null | undefined) => el?.textContent ?? '';

  it('shows each verdict’s replies under it, escaped, white-space kept, direction from the text', () => {
    const thread = doc.querySelector('#annotation-12 .fm-replies')!;
    expect(text(thread.previousElementSibling)).toBe('Replies (2)');
    const replies = [...thread.querySelectorAll('li.fm-reply')];
    expect(replies.map((li) => li.id)).toEqual(['reply-101', 'reply-102']);
    expect(text(replies[0].querySelector('.fm-reply-meta'))).toBe('Alice Martin · 2024-12-03 09:00 UTC · edited 2024-12-03 09:05 UTC');
    expect(text(replies[1].querySelector('.fm-reply-meta'))).toBe(`${DMITRY.name} · 2024-12-04 10:00 UTC · reopened the signed-off review`);
    const body = replies[0].querySelector('.fm-reply-body')!;
    expect(body.getAttribute('dir')).toBe('auto');
    expect(body.textContent).toBe('The Reuters piece calls it “significant” too.\nSecond line: <b>not bold</b> *nor this*');
    expect(body.querySelector('b')).toBeNull();
    expect(doc.querySelectorAll('#annotation-14 .fm-reply')).toHaveLength(1);
    expect(doc.querySelector('#annotation-11 .fm-replies')).toBeNull();
  });

  it('has a Review section after the summary with state, sign-off, the written reason, what it overrode and the second check', () => {
    const section = doc.querySelector('section.fm-review')!;
    expect(section.previousElementSibling?.classList.contains('fm-summary')).toBe(true);
    expect(text(section.querySelector('h2'))).toBe('Review');
    const rows = Object.fromEntries([...section.querySelectorAll('dt')].map((dt) => [text(dt), dt.nextElementSibling!]));
    expect(text(rows['Review state'])).toBe('Signed off.');
    expect(text(rows['Signed off'])).toBe('By Ed Park on 2024-12-05 11:00 UTC.');
    expect([...rows.Overridden.querySelectorAll('li')].map(text)).toEqual(['Unchecked claim: “Leaders in the Middle East…”', 'Disputed verdict #12 has no source']);
    expect(text(rows['Reason given'])).toBe('“Deadline: the two open claims are opinion.\n<script>alert(1)</script>”');
    expect(rows['Reason given'].querySelector('script')).toBeNull();
    expect(text(rows['Second check'])).toBe(SECOND_CHECK_SENTENCE);
  });

  it('has no Review section when the review is not known', () => {
    const plain = new JSDOM(renderHtml(buildReportModel({ ...reviewedFixtureInput(), review: null }))).window.document;
    expect(plain.querySelector('.fm-review')).toBeNull();
  });
});

describe('Markdown report: replies and review', () => {
  const md = renderMarkdown(model);
  const it_ = new MarkdownIt({ html: true, linkify: true });
  it_.validateLink = () => true;
  const doc = new JSDOM(it_.render(md)).window.document;
  const text = (el: Element | null | undefined) => el?.textContent ?? '';

  it('puts each reply under its verdict: byline, then the text quoted and inert', () => {
    expect(md).toContain('**Replies (2):**');
    expect(md).toContain('↳ Alice Martin · 2024-12-03 09:00 UTC · edited 2024-12-03 09:05 UTC');
    const quotes = [...doc.querySelectorAll('blockquote')].map((q) => text(q).trim());
    expect(quotes).toContain('The Reuters piece calls it “significant” too.\nSecond line: <b>not bold</b> *nor this*');
    expect(doc.querySelector('b')).toBeNull();
    expect(doc.querySelector('em')).toBeNull();
    // Between the heading of #12 and the next one: the reply bylines, in order.
    const h12 = [...doc.querySelectorAll('h3')].find((h) => text(h).endsWith('#12'))!;
    const after: string[] = [];
    for (let el = h12.nextElementSibling; el && el.tagName !== 'H3'; el = el.nextElementSibling) after.push(text(el));
    expect(after.filter((t) => t.startsWith('↳'))).toEqual([
      '↳ Alice Martin · 2024-12-03 09:00 UTC · edited 2024-12-03 09:05 UTC',
      `↳ ${DMITRY.name} · 2024-12-04 10:00 UTC · reopened the signed-off review`,
    ]);
  });

  it('has a Review section with every statement, the overridden list and the reason quoted', () => {
    const h2 = [...doc.querySelectorAll('h2')].find((h) => text(h) === 'Review')!;
    const parts: string[] = [];
    for (let el = h2.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) parts.push(text(el));
    expect(parts).toEqual([
      'Review state: Signed off.',
      'Assigned to: Alice Martin, Дмитрий Ковалёв 🦊.',
      'Signed off: By Ed Park on 2024-12-05 11:00 UTC.',
      'Overridden: Ed Park signed off although 2 things still blocked it:',
      '\nUnchecked claim: “Leaders in the Middle East…”\nDisputed verdict #12 has no source\n',
      'Reason given:',
      '\n“Deadline: the two open claims are opinion.\n<script>alert(1)</script>”\n',
      `Second check: ${SECOND_CHECK_SENTENCE}`,
    ]);
    expect(doc.querySelector('script')).toBeNull();
  });
});

describe('CSV report: replies', () => {
  it('appends a replies count column, keeping every earlier column in place', () => {
    expect(CSV_COLUMNS.slice(0, 15)).toEqual(['id', 'status', 'passage', 'start', 'end', 'note', 'sources', 'reviewer', 'created', 'updated', 'revision', 'anchor_state', 'needs_recheck', 'since_revision', 'previous_passage']);
    expect(CSV_COLUMNS[15]).toBe('replies');
    const records = parse(renderCsv(model), { bom: true }) as string[][];
    const col = CSV_COLUMNS.indexOf('replies');
    expect(records.slice(1).map((r) => [r[0], r[col]])).toEqual([
      ['11', '0'],
      ['12', '2'],
      ['13', '0'],
      ['14', '1'],
      ['15', '0'],
      ['16', '0'],
    ]);
  });
});

describe('W3C export: replies', () => {
  const collection = JSON.parse(renderW3c(model)) as ReturnType<typeof buildW3cCollection>;
  const items = collection.first.items;
  const replies = items.filter((a): a is W3cReply => a.motivation === 'replying');

  it('adds each reply after its verdict as a `replying` annotation targeting the verdict’s IRI', () => {
    expect(collection.total).toBe(9);
    expect(items.map((a) => a.id.replace('http://localhost:3000/api/', ''))).toEqual([
      'annotations/11',
      'annotations/12',
      'replies/101',
      'replies/102',
      'annotations/13',
      'annotations/14',
      'replies/103',
      'annotations/15',
      'annotations/16',
    ]);
    expect(replies[0]).toEqual({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'http://localhost:3000/api/replies/101',
      type: 'Annotation',
      motivation: 'replying',
      created: '2024-12-03T09:00:00Z',
      modified: '2024-12-03T09:05:00Z',
      creator: { id: 'http://localhost:3000/users/1', type: 'Person', name: 'Alice Martin' },
      body: [{ type: 'TextualBody', purpose: 'replying', value: 'The Reuters piece calls it “significant” too.\nSecond line: <b>not bold</b> *nor this*', format: 'text/plain' }],
      target: 'http://localhost:3000/api/annotations/12',
    });
    // Every reply's target is the id of an annotation in the same export.
    const ids = new Set(items.map((a) => a.id));
    for (const r of replies) expect(ids.has(r.target)).toBe(true);
  });

  it('is still valid by the W3C suite: collection, page and every annotation, replies included', () => {
    expect(failedAssertions(collection, MUST_TESTS.collection)).toEqual([]);
    expect(failedAssertions(collection.first, MUST_TESTS.page)).toEqual([]);
    for (const a of items) expect({ id: a.id, failed: failedAssertions(a, MUST_TESTS.annotation) }).toEqual({ id: a.id, failed: [] });
    // The suite does check a reply: one without a target, or with a non-IRI creator id, fails.
    const { target: _target, ...untargeted } = replies[0];
    expect(failedAssertions(untargeted, MUST_TESTS.annotation).length).toBeGreaterThan(0);
    expect(failedAssertions({ ...replies[0], created: 'Tuesday' }, MUST_TESTS.annotation).length).toBeGreaterThan(0);
  });
});
