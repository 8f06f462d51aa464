// The reply thread in the real Chromium: a reviewer replies in the details panel, sees the count on
// the sidebar card and edits their reply; the annotation's author, with the same panel open on
// another page, gets the reply by polling without a reload. axe-core finds nothing to fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, openArticleAs } from '../support/browser';
import { createSampleArticle, createTestUser, type TestUser } from '../support/db';
import { login } from '../support/http';

let browser: Browser;
let author: TestUser;
let reviewer: TestUser;
let articleId: number;

const PASSAGE = 'Hezbollah in Syria';

/**
 * axe-core on what this feature adds — the details panel with its thread and the sidebar with its
 * cards — rather than the whole article (other browser tests check the page; a full scan of the
 * sample article takes 8–13 s on the shared machine).
 */
async function axeOnThread(page: Page): Promise<string[]> {
  return axeViolations(page, '[data-testid="annotation-details"]', '.annotation-list-panel');
}

async function openCard(page: Page) {
  await page.getByTestId('annotation-card').filter({ hasText: PASSAGE }).click();
  const details = page.getByTestId('annotation-details');
  await details.waitFor();
  return details;
}

beforeAll(async () => {
  browser = await launchBrowser();
  author = await createTestUser({ name: 'Aurelia Author' });
  reviewer = await createTestUser({ name: 'Rui Reviewer' });
  articleId = createSampleArticle(author, 'Sample: replies');
  const api = await login(author.email, author.password);
  const plainText: string = (await (await api.get(`/api/articles/${articleId}`)).json()).plainText;
  const start = [...plainText.slice(0, plainText.indexOf(PASSAGE))].length;
  const res = await api.post(`/api/articles/${articleId}/annotations`, { start, end: start + [...PASSAGE].length, status: 'needs_source', note: 'Which report?' });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  await browser?.close();
});

describe('the reply thread', () => {
  it('replies, counts the reply on the card, reaches the author by polling, and edits it', async () => {
    const [authorPage, reviewerPage] = await Promise.all([openArticleAs(browser, author, articleId), openArticleAs(browser, reviewer, articleId)]);
    const theirs = await openCard(authorPage);
    const mine = await openCard(reviewerPage);
    await mine.getByText('No replies yet.').waitFor();

    await mine.getByLabel('Your reply').fill('The ministry’s briefing, 3 December.\n  Second line, indented.');
    await mine.getByRole('button', { name: 'Reply', exact: true }).click();
    const reply = mine.getByTestId('reply');
    await reply.waitFor();
    expect(await reply.getByTestId('reply-body').textContent()).toBe('The ministry’s briefing, 3 December.\n  Second line, indented.');
    expect(await reply.getByTestId('reply-body').getAttribute('dir')).toBe('auto');
    expect(await reply.getByTestId('reply-body').evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre-wrap');
    expect(await mine.getByLabel('Your reply').inputValue()).toBe('');
    expect(await mine.getByRole('heading', { name: 'Replies (1)' }).count()).toBe(1);
    // The card says so at once, in words.
    const card = reviewerPage.getByTestId('annotation-card').filter({ hasText: PASSAGE });
    await expect.poll(() => card.getByTestId('reply-count').textContent(), { timeout: 3000 }).toBe('1 reply');

    // The author's open panel and card get it by polling (every 2.5 s), without a reload.
    await theirs.getByTestId('reply').waitFor({ timeout: 8000 });
    expect(await theirs.getByTestId('reply').textContent()).toContain('Rui Reviewer');
    expect(await theirs.getByTestId('reply-body').textContent()).toBe('The ministry’s briefing, 3 December.\n  Second line, indented.');
    expect(await authorPage.getByTestId('annotation-card').filter({ hasText: PASSAGE }).getByTestId('reply-count').textContent()).toBe('1 reply');
    // Only the reply's author (or an admin) is offered to change it.
    expect(await theirs.getByRole('button', { name: /^Edit reply/ }).count()).toBe(0);

    await mine.getByRole('button', { name: /^Edit reply/ }).click();
    // Thread, edit form, reply form and the card's count, all at once.
    expect(await axeOnThread(reviewerPage)).toEqual([]);
    await mine.getByLabel('Edit your reply').fill('The ministry’s briefing of 3 December, page 2.');
    await mine.getByRole('button', { name: 'Save reply' }).click();
    await expect.poll(() => mine.getByTestId('reply-body').textContent()).toBe('The ministry’s briefing of 3 December, page 2.');
    expect(await mine.getByTestId('reply').textContent()).toContain('edited');
    await Promise.all([authorPage.context().close(), reviewerPage.context().close()]);
  });
});
