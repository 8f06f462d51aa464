// Lists in pages in the real Chromium. The home page: a reviewer searches, pages through with
// "Next page" and back to the first page, sees review state, assignees and claim coverage, and
// filters to the articles assigned to them. The Reviewers page: an admin loads more accounts.
// Both without accessibility violations.
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
let admin: TestUser;
const ids: number[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  reviewer = await createTestUser({ name: 'Hana Homepage' });
  admin = await createTestUser({ role: 'admin', name: 'Lars Loadmore' });
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
    // One row stands for all 50 (the same markup): a scan of each would only slow the test.
    expect(await axeViolations(page, 'form.list-controls', '[data-testid="article-row"]:first-child', 'nav.pager')).toEqual([]);

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

describe('the Reviewers page', () => {
  it('shows the first 100 accounts and loads the rest with "Load more accounts"', async () => {
    // Accounts written straight into SQLite (no password needed here), sorted after the others.
    const insert = testDatabase().sqlite.prepare(`INSERT INTO users (email, name, password_hash) VALUES (?, ?, 'not-a-hash')`);
    for (let i = 0; i < 105; i++) insert.run(`zz-${TAG}-${String(i).padStart(3, '0')}@newsroom.test`, `Zed ${i}`);
    const total = testDatabase().sqlite.prepare('SELECT count(*) FROM users').pluck().get() as number;
    const page = await openSignedIn(browser, admin, '/admin/users');
    const rows = page.getByTestId('user-row');
    await expect.poll(() => rows.count()).toBe(100);
    expect(await axeViolations(page, 'table.users thead', '[data-testid="user-row"]:first-child', '.user-admin > p')).toEqual([]);
    while ((await page.getByRole('button', { name: 'Load more accounts' }).count()) > 0) {
      const before = await rows.count();
      await page.getByRole('button', { name: 'Load more accounts' }).click();
      await expect.poll(() => rows.count()).toBeGreaterThan(before);
    }
    // Other test files may add accounts meanwhile: at least every account there was, each once.
    const emails = await rows.locator('td:nth-child(2)').allTextContents();
    expect(emails.length).toBeGreaterThanOrEqual(total);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails).toContain(`zz-${TAG}-104@newsroom.test`);
    await page.context().close();
  });
});
