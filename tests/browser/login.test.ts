// Signing in as a reviewer would, in the real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signInThroughForm } from '../support/browser';
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
    const page = await browser.newPage();
    await signInThroughForm(page, user.email, user.password);
    await page.waitForURL(`${serverUrl()}/`);
    await expect.poll(() => page.getByTestId('viewer-name').textContent()).toBe('Farah Field');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await page.close();
  });

  it('shows an error for a wrong password and stays on the login page', async () => {
    const user = await createTestUser();
    const page = await browser.newPage();
    await signInThroughForm(page, user.email, 'definitely-wrong');
    const alert = page.locator('#login-error');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Email or password is incorrect.');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
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
    await page.close();
  });
});
