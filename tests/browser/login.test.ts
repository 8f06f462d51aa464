// Signing in as a reviewer would, in the real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, openSignedIn, signInThroughForm, submitLoginForm } from '../support/browser';
import { createSampleArticle, createTestUser } from '../support/db';
import { serverUrl } from '../support/http';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('login page', () => {
  it('signs in through the form and shows the reviewer in the header', async () => {
    const user = await createTestUser({ name: 'Farah Field' });
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${serverUrl()}/login`);
    expect(await axeViolations(page)).toEqual([]);
    // The form on the page just scanned (signInThroughForm would load it again).
    await submitLoginForm(page, user.email, user.password);
    await page.waitForURL(`${serverUrl()}/`);
    await expect.poll(() => page.getByTestId('viewer-name').textContent()).toBe('Farah Field');
    // The home page (the article list) has no accessibility violations either: searched down to
    // this test's article, so the scan covers the whole page without every other file's rows.
    createSampleArticle(user, 'Sample: listed for the home page farahfield');
    await page.goto(`${serverUrl()}/?q=farahfield`);
    await expect.poll(() => page.getByTestId('article-row').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.context().close();
  });

  it('shows an error for a wrong password and stays on the login page', async () => {
    const user = await createTestUser();
    const page = await (await browser.newContext()).newPage();
    await signInThroughForm(page, user.email, 'definitely-wrong');
    const alert = page.locator('#login-error');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Email or password is incorrect.');
    expect(await axeViolations(page)).toEqual([]);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });

  it('sends a signed-out visit to an article to the login page and back after sign-in', async () => {
    const user = await createTestUser();
    const articleId = createSampleArticle(user);
    const page = await browser.newPage();
    await page.goto(`${serverUrl()}/articles/${articleId}`);
    await page.waitForURL(/\/login\?callbackUrl=/);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').press('Tab');
    await page.getByLabel('Password').fill(user.password);
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL(`${serverUrl()}/articles/${articleId}`);
    await page.getByTestId('article-view').waitFor();
    await page.context().close();
  });

  it('lets an admin open the user administration page, which has no accessibility violations', async () => {
    const admin = await createTestUser({ role: 'admin', name: 'Ada Admin' });
    // Signed in over HTTP: the form and its redirect to the page asked for are the tests above.
    const page = await openSignedIn(browser, admin, '/admin/users');
    await page.getByText('Ada Admin').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
