// The desk's workflow in the real Chromium: an editor asks for an independent second check; the
// second reviewer works blind (the first reviewer's highlight is not painted for them), marks a
// passage with another status and finishes; the editor opens the agreement page, adjudicates the
// disagreement and signs off with a written reason for what still blocks it. axe-core on the
// review bar, the sign-off dialog and the agreement page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation } from '@/db/queries/annotations';
import { createArticle } from '@/db/queries/articles';
import type { Status } from '@/lib/annotations/status';
import { TextIndex } from '@/lib/document/canonical-text';
import { docFromText } from '@/lib/import/text';
import { axeViolations, launchBrowser, openArticleAs, openSignedIn } from '../support/browser';
import { createTestUser, testDatabase, type TestUser } from '../support/db';
import { dragSelect, paintedPassages } from '../support/select';

const BRIDGE = 'The mayor said the bridge cost $3 million.';
const PORT = 'It is the largest port in the region.';

let browser: Browser;
let editor: TestUser, ana: TestUser, bea: TestUser;
let articleId: number;
let portVerdict: number;

beforeAll(async () => {
  browser = await launchBrowser();
  [editor, ana, bea] = await Promise.all([createTestUser({ role: 'editor', name: 'Edda Editor' }), createTestUser({ name: 'Ana First' }), createTestUser({ name: 'Bea Second' })]);
  // Made through the query modules the API calls (the server shares the database file): quicker
  // than signing Ana in for two requests.
  const { db } = testDatabase();
  const doc = docFromText(`Exports rose 40% in 2023.\n\n${BRIDGE}\n\n${PORT}`);
  const index = TextIndex.fromDoc(doc);
  const article = createArticle(db, { ...editor, role: 'editor' }, doc, { title: 'Harbour desk check' });
  if (!article.ok) throw new Error(article.error.message);
  articleId = article.value.id;
  const mark = (passage: string, status: Status, note: string) => {
    const start = index.offsetFromUnit(index.text.indexOf(passage));
    const end = start + [...passage].length;
    const made = createAnnotation(db, { ...ana, role: 'reviewer' }, articleId, { start, end, status, note, sources: [], ...index.quote(start, end) });
    if (!made.ok) throw new Error(made.error.message);
    return made.value.id;
  };
  // The first check: a disputed bridge figure, and a needs-source verdict left without evidence.
  mark(BRIDGE, 'disputed', 'The council minutes say $4 million.');
  portVerdict = mark(PORT, 'needs_source', '');
});
afterAll(async () => {
  await browser?.close();
});

/** axe-core on the parts of an article page this workflow adds (the workspace has its own tests). */
describe('review workflow in the browser', () => {
  it('runs a blind second check, adjudication and sign-off', async () => {
    // The editor asks Bea for a second check from the review bar.
    const desk = await openArticleAs(browser, editor, articleId);
    const bar = desk.getByTestId('review-bar');
    expect(await bar.getByTestId('review-state').textContent()).toBe('In review');
    await bar.getByText('Second check…').click();
    // By id: another file's reviewer in the shared database may have the same name.
    await bar.getByLabel('Second reviewer').selectOption(String(bea.id));
    expect(await axeViolations(desk, '[data-testid="review-bar"]')).toEqual([]);
    await bar.getByRole('button', { name: 'Request second check' }).click();
    await bar.getByText('Second check by Bea Second: under way').waitFor();

    // Bea works blind: Ana's disputed highlight is not painted for her, nor listed.
    const second = await openArticleAs(browser, bea, articleId);
    const banner = second.getByTestId('second-check-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('you cannot see the other reviewers’ verdicts until you finish');
    expect(await paintedPassages(second, 'disputed')).toEqual([]);
    expect(await second.getByTestId('annotation-card').count()).toBe(0);
    await dragSelect(second, BRIDGE);
    await second.keyboard.press('1');
    await expect.poll(() => paintedPassages(second, 'verified')).toEqual([BRIDGE]);
    expect(await axeViolations(second, '[data-testid="second-check-banner"]', '[data-testid="review-bar"]')).toEqual([]);
    await banner.getByRole('button', { name: 'I’m done' }).click();
    await banner.getByRole('button', { name: 'Yes, finish the check' }).click();
    // Done: the page reloads with everyone's verdicts.
    await second.getByTestId('second-check-banner').waitFor({ state: 'detached' });
    await expect.poll(() => paintedPassages(second, 'disputed')).toEqual([BRIDGE]);
    await second.context().close();

    // The editor opens the agreement page and keeps the second verdict on the bridge.
    const agreement = await openSignedIn(browser, editor, `/articles/${articleId}/review`);
    expect(await agreement.getByTestId('figure-disagree').textContent()).toBe('1');
    expect(await agreement.getByTestId('figure-only-first').textContent()).toBe('1');
    // One pair, (disputed, verified): pₒ = 0 and pₑ = 0, so κ = 0.
    expect(await agreement.getByTestId('kappa-meaning').textContent()).toContain('κ = 0.00: slight agreement');
    const row = agreement.getByTestId('pair-1');
    expect(await row.textContent()).toMatch(/Disputed.*Ana First.*Verified.*Bea Second.*Disagree/);
    expect(await axeViolations(agreement)).toEqual([]);
    await row.getByLabel('Keep the second verdict (Verified)').check();
    await row.getByRole('button', { name: 'Decide' }).click();
    await agreement.getByTestId('decision-1').waitFor();
    expect(await agreement.getByTestId('decision-1').textContent()).toContain('Kept the second verdict');
    await agreement.context().close();

    // Sign-off: the dialog lists what still blocks it, linked to the passage; a reason overrides.
    await desk.reload();
    await desk.getByTestId('article-view').waitFor();
    await bar.getByRole('button', { name: 'Sign off…' }).click();
    const dialog = desk.getByTestId('sign-off-dialog');
    await dialog.waitFor();
    const evidence = dialog.getByRole('link', { name: /Needs source verdict has neither a note nor a source/ });
    expect(await evidence.getAttribute('href')).toBe(`#annotation-${portVerdict}`);
    expect(await dialog.getByRole('link', { name: /Found by the first check only, not adjudicated/ }).count()).toBe(1);
    expect(await dialog.getByRole('link', { name: /Disagreement/ }).count()).toBe(0);
    expect(await axeViolations(desk, '[data-testid="sign-off-dialog"]')).toEqual([]);
    const anyway = dialog.getByRole('button', { name: 'Sign off anyway' });
    expect(await anyway.isDisabled()).toBe(true);
    await dialog.getByLabel(/Reason to sign off anyway/).fill('The port ranking is sourced in the print edition.');
    await anyway.click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => bar.getByTestId('review-state').textContent()).toBe('Signed off');
    expect(await bar.getByTestId('signed-off').textContent()).toContain('Signed off by Edda Editor');
    await desk.context().close();
  });
});
