// Updating an article's text through the UI and reading what changed, as an editor would: preview
// what happens to the verdicts, save revision 2, then read the marked-up changes. Both pages must
// pass axe with no violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, openSignedIn } from '../support/browser';
import { createSampleArticle, createTestUser, type TestUser } from '../support/db';
import { login, serverUrl, type Client } from '../support/http';

// content/sample-article.txt is the same text as the shared fixture (fixtures/sample-article.txt).
const UNCHANGED_1 = 'Russian President Vladimir Putin praised the operation';
const UNCHANGED_2 = 'Aleppo, which witnessed intense battles from 2012 to 2016';
const EDITED = 'The city was recaptured by Assad’s forces in 2016 with substantial Russian air support';
const REMOVED = 'Analysts suggest the loss of Aleppo represents a “major reputational setback” for Russia, as its image as a reliable ally begins to falter.';
const ADDED = 'Rebel commanders said the advance began at dawn.';

let browser: Browser;
let editor: TestUser;
let client: Client;

beforeAll(async () => {
  browser = await launchBrowser();
  editor = await createTestUser({ name: 'Rita Reviser' });
  client = await login(editor.email, editor.password);
});
afterAll(async () => {
  await browser?.close();
});

/** Code-point offsets of `passage` in the article's canonical text, as the API takes them. */
async function annotate(articleId: number, passage: string, status: string) {
  const article = (await (await client.get(`/api/articles/${articleId}`)).json()) as { plainText: string };
  const at = article.plainText.indexOf(passage);
  expect(at, passage).toBeGreaterThanOrEqual(0);
  const start = Array.from(article.plainText.slice(0, at)).length;
  const res = await client.post(`/api/articles/${articleId}/annotations`, { start, end: start + Array.from(passage).length, status, exact: passage });
  expect(res.status).toBe(201);
}

async function currentText(articleId: number) {
  return ((await (await client.get(`/api/articles/${articleId}`)).json()) as { plainText: string }).plainText;
}

/** The new version: one word edited, one sentence removed, one added. */
function edit(text: string) {
  expect(text).toContain(REMOVED);
  return text
    .replace('with substantial Russian air support', 'with heavy Russian air support')
    .replace(` ${REMOVED}`, '')
    .replace(REMOVED, '')
    .replace('as rebels advanced into key areas.', `as rebels advanced into key areas. ${ADDED}`);
}

async function expectAccessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

const openAs = (user: TestUser, path: string): Promise<Page> => openSignedIn(browser, user, path);

async function article(): Promise<number> {
  const id = createSampleArticle(editor, `Aleppo revisions ${Math.random().toString(36).slice(2, 8)}`);
  await annotate(id, UNCHANGED_1, 'verified');
  await annotate(id, UNCHANGED_2, 'verified');
  await annotate(id, EDITED, 'disputed');
  await annotate(id, REMOVED, 'needs_source');
  return id;
}

describe('updating an article and reading its changes', () => {
  it('previews what happens to the verdicts, saves revision 2, and shows the insertions and deletions', async () => {
    const id = await article();
    const page = await openAs(editor, `/articles/${id}/update`);
    await page.getByRole('heading', { level: 1, name: 'Update article' }).waitFor();
    await expectAccessible(page);

    // Save waits for a preview.
    const save = page.getByRole('button', { name: 'Save revision 2' });
    expect(await save.isDisabled()).toBe(true);

    await page.getByLabel('Paste the new version').fill(edit(await currentText(id)));
    await page.getByRole('button', { name: 'Preview changes' }).click();
    const summary = page.getByTestId('revision-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toBe('2 verdicts carried unchanged, 1 will need re-check, 1 passage removed.');
    const affected = page.getByTestId('revision-affected').getByRole('listitem');
    expect(await affected.count()).toBe(2);
    const changed = affected.filter({ hasText: 'Needs re-check' });
    expect(await changed.textContent()).toContain(EDITED);
    expect(await changed.textContent()).toContain('heavy Russian air support');
    expect(await changed.textContent()).toContain('Disputed');
    expect(await changed.textContent()).toContain('Rita Reviser');
    expect(await affected.filter({ hasText: 'Removed' }).textContent()).toContain(REMOVED);
    await expectAccessible(page);

    // Nothing was stored by the preview.
    expect(((await (await client.get(`/api/articles/${id}/revisions`)).json()) as { revisions: unknown[] }).revisions).toHaveLength(1);

    await save.click();
    await page.waitForURL(`${serverUrl()}/articles/${id}`);
    const revisions = ((await (await client.get(`/api/articles/${id}/revisions`)).json()) as { revisions: { number: number; carried: unknown }[] }).revisions;
    expect(revisions.map((r) => r.number)).toEqual([2, 1]);
    expect(revisions[0].carried).toEqual({ unchanged: 2, moved: 0, changed: 1, removed: 1 });

    // The changes view: previous → current by default.
    await page.goto(`${serverUrl()}/articles/${id}/changes`);
    await page.getByRole('heading', { level: 2, name: 'Revision 2 compared with revision 1' }).waitFor();
    const diff = page.getByTestId('revision-diff');
    const inserted = (await diff.locator('ins').allTextContents()).join(' | ');
    const deleted = (await diff.locator('del').allTextContents()).join(' | ');
    expect(inserted).toContain('heavy');
    expect(inserted).toContain(ADDED);
    expect(deleted).toContain('substantial');
    expect(deleted).toContain('Analysts suggest the loss of Aleppo');
    expect(inserted).not.toContain('substantial');
    // Marks name themselves for screen readers, and read as struck through / underlined.
    expect(await diff.locator('ins .sr-only').first().textContent()).toContain('inserted');
    expect(await diff.locator('del').first().evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('line-through');
    expect(await diff.locator('ins').first().evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('underline');
    expect(await page.getByTestId('diff-summary').textContent()).toMatch(/^\d+ insertions? \(\d+ words?\), \d+ deletions? \(\d+ words?\)\.$/);
    // Paragraphs are kept: the unchanged paragraph around the edit is its own <p>.
    expect(await diff.locator('p', { hasText: 'When Assad regained control of Aleppo' }).count()).toBe(1);
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('1');
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('2');
    // Open the folded unchanged paragraphs too, so axe checks them.
    for (const summaryEl of await page.locator('.rev-unchanged > summary').all()) await summaryEl.click();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Back to the article' }).first().click();
    await page.waitForURL(`${serverUrl()}/articles/${id}`);
    await page.context().close();
  });

  it('refuses a save made against a revision someone else has replaced, and says so', async () => {
    const id = await article();
    const page = await openAs(editor, `/articles/${id}/update`);
    const text = await currentText(id);
    await page.getByLabel('Paste the new version').fill(edit(text));
    await page.getByRole('button', { name: 'Preview changes' }).click();
    await page.getByTestId('revision-summary').waitFor();

    // Another reviewer saves a version first.
    const other = await client.post(`/api/articles/${id}/revisions`, { format: 'text', content: text.replace('Aleppo', 'Halab'), baseRevision: 1 });
    expect(other.status).toBe(201);

    await page.getByRole('button', { name: 'Save revision 2' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'revision' });
    await alert.waitFor();
    expect(await alert.getByRole('link').textContent()).toBe('Start again from revision 2');
    expect(page.url()).toBe(`${serverUrl()}/articles/${id}/update`);
    // The preview described revision 1: saving it again is not offered.
    expect(await page.getByRole('button', { name: 'Save revision 2' }).isDisabled()).toBe(true);
    await page.context().close();
  });

  it('says when the text has not changed, and saves changed details on their own', async () => {
    const id = await article();
    const page = await openAs(editor, `/articles/${id}/update`);
    await page.getByLabel('Paste the new version').fill(await currentText(id));
    await page.getByLabel('Publisher').fill('Regional Herald');
    await page.getByRole('button', { name: 'Preview changes' }).click();
    const summary = page.getByTestId('revision-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('No change in the text');
    expect(await page.getByRole('button', { name: 'Save revision 2' }).isDisabled()).toBe(true);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save details only' }).click();
    await page.waitForURL(`${serverUrl()}/articles/${id}`);
    const stored = (await (await client.get(`/api/articles/${id}`)).json()) as { publisher: string; revision: number };
    expect(stored.publisher).toBe('Regional Herald');
    expect(stored.revision).toBe(1);
    await page.context().close();
  });

  it('answers 404 for an unknown article or revision', async () => {
    const id = await article();
    const page = await openAs(editor, `/articles/${id}/changes`);
    expect(await page.getByText('only one revision').count()).toBe(1);
    for (const path of [`/articles/${id}/changes?to=7`, `/articles/${id}/changes?from=abc`, '/articles/999999/changes', '/articles/999999/update']) {
      const res = await page.goto(`${serverUrl()}${path}`);
      expect(res?.status(), path).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found');
    }
    await page.context().close();
  });
});
