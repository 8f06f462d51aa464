// The home page in the real Chromium: a reviewer searches, pages through with "Next page" and back
// to the first page, sees review state, assignees and claim coverage, and filters to the articles
// assigned to them — a page with no accessibility violations.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, openSignedIn } from '../support/browser';
import { createTestUser, testDatabase, type TestUser } from '../support/db';
import { createArticle } from '@/db/queries/articles';
import { docFromText } from '@/lib/import/text';

const TAG = `hp${crypto.randomBytes(3).toString('hex')}`;
let browser: Browser;
let reviewer: TestUser;
const ids: number[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  reviewer = await createTestUser({ name: 'Hana Homepage' });
  const { db, sqlite } = testDatabase();
  for (let i = 0; i < 52; i++) {
    const made = createArticle(db, reviewer, docFromText('The council said the bridge cost 12 million euros.\n\nThe opposition disputed it.'), { title: `Bridge costs ${TAG} ${i}` });
    if (!made.ok) throw new Error(made.error.message);
    ids.push(made.value.id);
  }
  sqlite.prepare('INSERT INTO article_assignments (article_id, user_id, assigned_by) VALUES (?, ?, ?)').run(ids[3], reviewer.id, reviewer.id);
});
afterAll(async () => {
  await browser?.close();
});

describe('the home page list', () => {
  it('pages through a search, filters to my assignments, and has no accessibility violations', async () => {
    const page = await openSignedIn(browser, reviewer, `/?q=${TAG}`);
    const rows = page.getByTestId('article-row');
    await expect.poll(() => rows.count()).toBe(50);
    expect(await rows.first().getByTestId('review-state').textContent()).toBe('Open');
    expect(await rows.first().getByTestId('claim-coverage').textContent()).toMatch(/No check-worthy claims found|\d+ of \d+ claims? checked or dismissed/);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Next page' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
    await page.getByRole('link', { name: 'First page' }).click();
    await expect.poll(() => rows.count()).toBe(50);

    await page.getByLabel('Assigned to me').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getByTestId('assignees').textContent()).toBe('Assigned to Hana Homepage');
    expect(new URL(page.url()).searchParams.get('assigned')).toBe('me');
    await page.context().close();
  });
});
