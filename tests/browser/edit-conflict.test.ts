// Two reviewers editing one annotation at once, in the real Chromium: the second save is refused
// (409 edit_conflict), nobody's work is lost, and the reviewer chooses how to go on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, openArticleAs, signInThroughForm } from '../support/browser';
import { createSampleArticle, createTestUser, type TestUser } from '../support/db';
import { login, serverUrl, type Client } from '../support/http';

let browser: Browser;
let author: TestUser;
let admin: TestUser;
let authorApi: Client;
let articleId: number;
let plainText: string;

const openAs = (user: TestUser): Promise<Page> => openArticleAs(browser, user, articleId);

/** Marks `passage` through the API, as the author, with a note and one source. */
async function annotate(passage: string, status: string) {
  const at = plainText.indexOf(passage);
  const start = [...plainText.slice(0, at)].length;
  const res = await authorApi.post(`/api/articles/${articleId}/annotations`, {
    start,
    end: start + [...passage].length,
    status,
    note: 'One analyst only.',
    sources: [{ url: 'https://example.org/analyst', title: 'Analyst' }],
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; version: number };
}

async function openCard(page: Page, text: string) {
  await page.getByTestId('annotation-card').filter({ hasText: text }).click();
  const details = page.getByTestId('annotation-details');
  await details.waitFor();
  return details;
}

beforeAll(async () => {
  browser = await launchBrowser();
  author = await createTestUser({ name: 'Aurelia Author' });
  admin = await createTestUser({ role: 'admin', name: 'Ada Admin' });
  articleId = createSampleArticle(author, 'Sample: edit conflicts');
  authorApi = await login(author.email, author.password);
  plainText = (await (await authorApi.get(`/api/articles/${articleId}`)).json()).plainText;
});
afterAll(async () => {
  await browser?.close();
});

describe('editing an annotation someone else just changed', () => {
  it('keeps the reviewer’s edit, shows the admin’s added source, and stores both after "Apply my change again"', async () => {
    const made = await annotate('Hezbollah in Syria', 'disputed');
    const authorPage = await openAs(author);
    const adminPage = await openAs(admin);
    const mine = await openCard(authorPage, 'Hezbollah in Syria');
    const theirs = await openCard(adminPage, 'Hezbollah in Syria');

    // The author starts typing first…
    await mine.getByLabel('Note').fill('Two analysts now: see the second briefing.');
    // …while the admin adds a source and saves.
    await theirs.getByRole('button', { name: 'Add source' }).click();
    await theirs.getByLabel('Source 2 URL').fill('https://example.org/admin-briefing');
    await theirs.getByLabel('Source 2 title').fill('Admin briefing');
    await theirs.getByRole('button', { name: 'Save' }).click();
    await theirs.getByRole('button', { name: 'Saved' }).waitFor();

    // Polling brings the admin's version to the author's page: the input stays, with a quiet hint.
    const hint = mine.getByTestId('changed-under');
    await hint.waitFor({ timeout: 6000 });
    await expect.poll(() => hint.textContent()).toBe('Changed by Ada Admin — your edit will be checked against it.');
    expect(await mine.getByLabel('Note').inputValue()).toBe('Two analysts now: see the second briefing.');
    expect(await mine.getByLabel('Source 2 URL').count()).toBe(0);

    // The author adds a source of their own and saves, without reloading: refused, and shown.
    await mine.getByRole('button', { name: 'Add source' }).click();
    await mine.getByLabel('Source 2 URL').fill('https://example.org/second-briefing');
    await mine.getByRole('button', { name: 'Save' }).click();
    const conflict = mine.getByTestId('edit-conflict');
    await conflict.waitFor();
    expect(await conflict.getByRole('heading', { level: 3 }).textContent()).toBe('Ada Admin changed this annotation while you were working');
    expect(await conflict.getByTestId('their-change').textContent()).toBe('added the source Admin briefing <https://example.org/admin-briefing>');
    expect(await conflict.getByTestId('my-change').locator('li').allTextContents()).toEqual([
      'note “Two analysts now: see the second briefing.” (was “One analyst only.”)',
      'added the source https://example.org/second-briefing',
    ]);
    // Nothing the author typed is gone, and nothing was stored over the admin's change.
    expect(await mine.getByLabel('Note').inputValue()).toBe('Two analysts now: see the second briefing.');
    const stored = await (await authorApi.get(`/api/annotations/${made.id}`)).json();
    expect(stored.note).toBe('One analyst only.');
    expect(stored.sources.map((s: { url: string }) => s.url)).toEqual(['https://example.org/analyst', 'https://example.org/admin-briefing']);
    expect(await axeViolations(authorPage)).toEqual([]);

    await conflict.getByRole('button', { name: 'Apply my change again' }).click();
    await mine.getByRole('button', { name: 'Saved' }).waitFor();
    expect(await mine.getByTestId('edit-conflict').count()).toBe(0);
    const after = await (await authorApi.get(`/api/annotations/${made.id}`)).json();
    expect(after.note).toBe('Two analysts now: see the second briefing.');
    expect(after.sources.map((s: { url: string }) => s.url)).toEqual(['https://example.org/analyst', 'https://example.org/admin-briefing', 'https://example.org/second-briefing']);
    expect(after.version).toBe(made.version + 2);
    // The form shows the stored result: the admin's source is in it.
    expect(await mine.getByLabel('Source 2 URL').inputValue()).toBe('https://example.org/admin-briefing');
    expect(await mine.getByLabel('Source 3 URL').inputValue()).toBe('https://example.org/second-briefing');
    await adminPage.context().close();
    await authorPage.context().close();
  });

  it('refuses a delete of a version the reviewer has not seen; "Keep theirs" keeps the annotation with the admin’s status', async () => {
    const made = await annotate('the loss of Aleppo', 'disputed');
    const authorPage = await openAs(author);
    // The author's page hears nothing from the server meanwhile (between two polls).
    await authorPage.route('**/api/articles/*/annotations?since=*', (route) => route.abort());
    const mine = await openCard(authorPage, 'the loss of Aleppo');

    const adminApi = await login(admin.email, admin.password);
    expect((await adminApi.patch(`/api/annotations/${made.id}`, { status: 'verified', version: made.version })).status).toBe(200);

    authorPage.once('dialog', (d) => void d.accept());
    await mine.getByRole('button', { name: 'Delete' }).click();
    const conflict = mine.getByTestId('edit-conflict');
    await conflict.waitFor();
    expect(await conflict.getByTestId('their-change').textContent()).toBe('status Disputed → Verified');
    expect(await conflict.getByTestId('my-change').textContent()).toBe('delete this annotation');
    expect((await authorApi.get(`/api/annotations/${made.id}`)).status).toBe(200);
    // The page shows their version at once: the card and the form.
    await expect.poll(() => authorPage.getByTestId('annotation-card').filter({ hasText: 'the loss of Aleppo' }).locator('.status-chip').textContent()).toBe('Verified');

    await conflict.getByRole('button', { name: 'Keep theirs' }).click();
    expect(await mine.getByTestId('edit-conflict').count()).toBe(0);
    expect(await mine.getByLabel('Status').inputValue()).toBe('verified');
    expect(await mine.getByRole('button', { name: 'Saved' }).count()).toBe(1);
    expect((await (await authorApi.get(`/api/annotations/${made.id}`)).json()).status).toBe('verified');
    await authorPage.context().close();
  });
  it('names the version in a re-check answer: refused after an admin’s edit, then applied on top of it', async () => {
    const text = 'The convoy reached the border at noon. Officials said twelve trucks crossed before dusk. The ministry declined to comment.';
    const created = await (await authorApi.post('/api/articles', { format: 'text', content: text, title: 'Convoy, revised' })).json();
    const passage = 'twelve trucks crossed before dusk';
    const start = [...created.plainText.slice(0, created.plainText.indexOf(passage))].length;
    const made = await (await authorApi.post(`/api/articles/${created.id}/annotations`, { start, end: start + passage.length, status: 'verified' })).json();
    const revised = await authorApi.post(`/api/articles/${created.id}/revisions`, { format: 'text', content: text.replace('twelve trucks', 'fourteen trucks') });
    expect((await revised.json()).carried).toMatchObject({ changed: 1 });

    const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
    const page = await context.newPage();
    await page.route('**/api/articles/*/annotations?since=*', (route) => route.abort());
    await signInThroughForm(page, author.email, author.password, `/login?callbackUrl=${encodeURIComponent(`/articles/${created.id}`)}`);
    await page.waitForURL(`${serverUrl()}/articles/${created.id}`);
    await page.getByTestId('recheck-card').click();
    const details = page.getByTestId('annotation-details');
    await details.getByTestId('recheck-panel').waitFor();

    const adminApi = await login(admin.email, admin.password);
    const current = await (await adminApi.get(`/api/annotations/${made.id}`)).json();
    expect((await adminApi.patch(`/api/annotations/${made.id}`, { note: 'Customs counted fourteen.', version: current.version })).status).toBe(200);

    await details.getByRole('button', { name: 'Still verified' }).click();
    const conflict = details.getByTestId('edit-conflict');
    await conflict.waitFor();
    expect(await conflict.getByTestId('their-change').textContent()).toBe('note “Customs counted fourteen.” (was an empty note)');
    expect(await conflict.getByTestId('my-change').textContent()).toBe('re-check it: still verified');
    expect((await (await authorApi.get(`/api/annotations/${made.id}`)).json()).anchor.state).toBe('changed');
    expect(await axeViolations(page, '[data-testid="annotation-details"]')).toEqual([]);

    await conflict.getByRole('button', { name: 'Apply my change again' }).click();
    await details.getByTestId('recheck-panel').waitFor({ state: 'detached' });
    const after = await (await authorApi.get(`/api/annotations/${made.id}`)).json();
    expect(after).toMatchObject({ status: 'verified', note: 'Customs counted fourteen.', anchor: { state: 'unchanged' } });
    await context.close();
  });
});
