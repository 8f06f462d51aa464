// What an admin may do that a reviewer may not, in the real Chromium: change someone else's
// annotation from the details panel, and open the Reviewers page (a reviewer gets a 404 there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, openArticleAs, openSignedIn } from '../support/browser';
import { createSampleArticle, createTestUser, type TestUser } from '../support/db';
import { login, serverUrl } from '../support/http';
import { paintedPassages } from '../support/select';

let browser: Browser;
let reviewer: TestUser;
let admin: TestUser;

beforeAll(async () => {
  browser = await launchBrowser();
  reviewer = await createTestUser({ name: 'Rui Reviewer' });
  admin = await createTestUser({ role: 'admin', name: 'Ada Admin' });
});
afterAll(async () => {
  await browser?.close();
});

describe('roles in the UI', () => {
  it('lets an admin change another reviewer’s annotation from the details panel', async () => {
    const articleId = createSampleArticle(reviewer, 'Sample: admin edits');
    const own = await login(reviewer.email, reviewer.password);
    const text: string = (await (await own.get(`/api/articles/${articleId}`)).json()).plainText;
    const passage = 'Hezbollah in Syria';
    const start = [...text.slice(0, text.indexOf(passage))].length;
    const made = await (await own.post(`/api/articles/${articleId}/annotations`, { start, end: start + passage.length, status: 'needs_source', note: 'Who said so?' })).json();

    const page = await openArticleAs(browser, admin, articleId);
    const card = page.getByTestId('annotation-card').filter({ hasText: passage });
    expect(await card.textContent()).toContain('Rui Reviewer');
    await card.click();
    const details = page.getByTestId('annotation-details');
    await details.waitFor();
    expect(await details.textContent()).not.toContain('read-only');
    expect(await details.getByLabel('Status').isDisabled()).toBe(false);

    await details.getByLabel('Status').selectOption('verified');
    await details.getByLabel('Note').fill('Confirmed by the group’s own statement.');
    await details.getByRole('button', { name: 'Save' }).click();
    await details.getByRole('button', { name: 'Saved' }).waitFor();
    await expect.poll(() => paintedPassages(page, 'verified')).toEqual([passage]);
    expect(await axeViolations(page)).toEqual([]);

    // Stored, still the reviewer's annotation, and the history names the admin.
    const stored = await (await own.get(`/api/annotations/${made.id}`)).json();
    expect(stored).toMatchObject({ status: 'verified', note: 'Confirmed by the group’s own statement.', author: { id: reviewer.id } });
    const events = (await (await own.get(`/api/annotations/${made.id}/history`)).json()).events;
    expect(events.slice(-2).map((e: { type: string; actor: { name: string } }) => [e.type, e.actor.name])).toEqual([
      ['status_changed', 'Ada Admin'],
      ['note_edited', 'Ada Admin'],
    ]);
    await page.context().close();
  });

  it('answers a reviewer 404 on the Reviewers page and offers no link to it', async () => {
    const page = await openSignedIn(browser, reviewer, '/');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviewers' }).count()).toBe(0);
    const res = await page.goto(`${serverUrl()}/admin/users`);
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
    expect(await page.getByText(admin.email).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
