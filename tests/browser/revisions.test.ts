// Revisions in the article workspace, as a reviewer meets them: the banner with what the revision
// did to the verdicts, the stale verdict painted and listed for re-check, the re-check key, the old
// and new words side by side, "Still verified", re-attaching a removed verdict, and a newer
// revision arriving while the page is open. Every state checked with axe.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, openArticleAs } from '../support/browser';
import { createTestUser, type TestUser } from '../support/db';
import { login, type Client } from '../support/http';
import { dragSelect, paintedPassages } from '../support/select';

const SAMPLE = fs.readFileSync('/work/shared/fixtures/sample-article.txt', 'utf8');
const EDITED = 'The city was recaptured by Assad’s forces in 2016 with substantial Russian air support';
const EDITED_NOW = 'The city was recaptured by Assad’s forces in 2016 with heavy Russian air support';
const UNCHANGED = 'Russian President Vladimir Putin praised the operation';
const REMOVED = 'Analysts suggest the loss of Aleppo represents a “major reputational setback” for Russia, as its image as a reliable ally begins to falter.';
const ADDED = 'Rebel commanders said the advance began at dawn.';

let browser: Browser;
let alice: TestUser;
let bob: TestUser;
let client: Client;

beforeAll(async () => {
  browser = await launchBrowser();
  alice = await createTestUser({ name: 'Alice Analyst' });
  bob = await createTestUser({ name: 'Bob Checker' });
  client = await login(alice.email, alice.password);
});
afterAll(async () => {
  await browser?.close();
});

/** Revision 2 of the sample: one annotated phrase edited, one annotated sentence removed, one sentence added. */
function revise(text: string) {
  expect(text).toContain(REMOVED);
  return text
    .replace('with substantial Russian air support', 'with heavy Russian air support')
    .replace(` ${REMOVED}`, '')
    .replace('as rebels advanced into key areas.', `as rebels advanced into key areas. ${ADDED}`);
}

async function annotate(articleId: number, text: string, passage: string, status: string) {
  const at = text.indexOf(passage);
  expect(at, passage).toBeGreaterThanOrEqual(0);
  const start = Array.from(text.slice(0, at)).length;
  const res = await client.post(`/api/articles/${articleId}/annotations`, { start, end: start + Array.from(passage).length, status, exact: passage });
  expect(res.status).toBe(201);
}

/** The sample article with three verdicts, then revision 2 posted through the API. */
async function revisedArticle(): Promise<number> {
  const res = await client.post('/api/articles', { format: 'text', content: SAMPLE, title: `Aleppo, revised ${Math.random().toString(36).slice(2, 8)}` });
  expect(res.status).toBe(201);
  const created = (await res.json()) as { id: number; plainText: string };
  await annotate(created.id, created.plainText, EDITED, 'verified');
  await annotate(created.id, created.plainText, UNCHANGED, 'disputed');
  await annotate(created.id, created.plainText, REMOVED, 'needs_source');
  const revised = await client.post(`/api/articles/${created.id}/revisions`, { format: 'text', content: revise(created.plainText) });
  expect(revised.status).toBe(201);
  expect(((await revised.json()) as { carried: unknown }).carried).toEqual({ unchanged: 1, moved: 0, changed: 1, removed: 1 });
  return created.id;
}

const openAs = (user: TestUser, articleId: number): Promise<Page> => openArticleAs(browser, user, articleId);

describe('revisions in the workspace', () => {
  it('shows the banner, paints the stale verdict for re-check, and re-checks it by keyboard: old vs new, “Still verified”', async () => {
    const id = await revisedArticle();
    const page = await openAs(alice, id);

    const banner = page.getByTestId('revision-banner');
    await banner.waitFor();
    const said = (await banner.textContent())!.replace(/\s+/g, ' ');
    expect(said).toContain('Revision 2');
    expect(said).toContain('by Alice Analyst: 1 verdict carried, 1 needs re-check, 1 passage removed');
    expect(await banner.getByRole('link', { name: 'Changes' }).getAttribute('href')).toBe(`/articles/${id}/changes?from=1&to=2`);
    expect(await page.getByRole('link', { name: 'Update article' }).getAttribute('href')).toBe(`/articles/${id}/update`);

    // The stale verdict is painted on its surviving words as "needs re-check"; the removed one is not painted.
    await expect.poll(() => paintedPassages(page, 'stale-verified')).toEqual([EDITED_NOW]);
    expect(await paintedPassages(page, 'verified')).toEqual([]);
    expect(await paintedPassages(page, 'needs_source')).toEqual([]);
    expect(await paintedPassages(page, 'disputed')).toEqual([UNCHANGED]);

    const recheckGroup = page.getByTestId('recheck-group');
    expect(await recheckGroup.getByTestId('recheck-card').count()).toBe(1);
    expect(await recheckGroup.textContent()).toContain('The city was recaptured');
    const removedGroup = page.getByTestId('removed-group');
    expect(await removedGroup.getByRole('heading').textContent()).toContain('Removed in revision 2');
    expect(await removedGroup.textContent()).toContain('Analysts suggest the loss of Aleppo');
    expect(await axeViolations(page, '[data-testid="revision-banner"]', 'aside.sidebar')).toEqual([]);

    // r opens the stale verdict: its words before and after, the differences marked.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('r');
    const panel = page.getByTestId('recheck-panel');
    await panel.waitFor();
    expect(await panel.getByTestId('passage-before').textContent()).toBe(EDITED);
    expect(await panel.getByTestId('passage-after').textContent()).toBe(EDITED_NOW);
    expect(await panel.locator('del').allTextContents()).toEqual([expect.stringContaining('substantial')]);
    expect(await panel.locator('ins').allTextContents()).toEqual([expect.stringContaining('heavy')]);
    const answers = panel.getByRole('group', { name: 'Re-check answers' }).getByRole('button');
    expect(await answers.allTextContents()).toEqual(['Still verified', 'Now disputed', 'Now needs source']);
    expect(await axeViolations(page, '[data-testid="annotation-details"]')).toEqual([]);

    await panel.getByRole('button', { name: 'Still verified' }).click();
    await recheckGroup.waitFor({ state: 'detached' });
    await expect.poll(() => paintedPassages(page, 'verified')).toEqual([EDITED_NOW]);
    expect(await paintedPassages(page, 'stale-verified')).toEqual([]);
    await expect.poll(() => page.getByTestId('annotation-details').getByTestId('history').textContent()).toContain('re-checked it: still verified');

    // It stays re-checked after a reload.
    await page.reload();
    await page.getByTestId('article-view').waitFor();
    await expect.poll(() => paintedPassages(page, 'verified')).toEqual([EDITED_NOW]);
    expect(await page.getByTestId('recheck-group').count()).toBe(0);
    await page.context().close();
  });

  it('re-attaches a removed verdict to newly selected words; a reviewer who is not its author only sees what happened', async () => {
    const id = await revisedArticle();

    const bobPage = await openAs(bob, id);
    await bobPage.getByTestId('removed-card').click();
    const bobPanel = bobPage.getByTestId('recheck-panel');
    await bobPanel.waitFor();
    expect(await bobPanel.textContent()).toContain('Only the author or an admin can answer.');
    expect(await bobPanel.getByRole('button').count()).toBe(0);
    await bobPage.getByTestId('recheck-card').click();
    expect(await bobPage.getByTestId('recheck-panel').getByRole('button', { name: /^(Still|Now) / }).count()).toBe(0);
    expect(await axeViolations(bobPage)).toEqual([]);
    await bobPage.context().close();

    const page = await openAs(alice, id);
    await page.getByTestId('removed-card').click();
    const panel = page.getByTestId('recheck-panel');
    await panel.waitFor();
    expect(await page.getByTestId('annotation-details').locator('.details-quote').textContent()).toBe(REMOVED);
    const reattach = panel.getByRole('button', { name: 'Re-attach to selection' });
    expect(await reattach.isDisabled()).toBe(true);
    expect(await axeViolations(page, '[data-testid="annotation-details"]')).toEqual([]);

    await dragSelect(page, ADDED);
    await expect.poll(() => reattach.isDisabled()).toBe(false);
    await reattach.click();
    await expect.poll(() => paintedPassages(page, 'needs_source')).toEqual([ADDED]);
    // The sidebar follows the view a frame later (a transition).
    await expect.poll(() => page.getByTestId('removed-group').count()).toBe(0);
    await page.context().close();
  });

  it('tells the reviewer when a newer revision arrives while the page is open, and rolls back a mark made on the old text', async () => {
    const id = await revisedArticle();
    const page = await openAs(alice, id);
    // Hold back what polling would learn, so the write is the one that finds out.
    await page.route((url) => url.pathname.endsWith('/annotations') && url.searchParams.has('since'), (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ annotations: [], deleted: [], cursor: Date.now(), revision: 2 }) }),
    );
    const text = ((await (await client.get(`/api/articles/${id}`)).json()) as { plainText: string }).plainText;
    const third = await client.post(`/api/articles/${id}/revisions`, { format: 'text', content: `${text}\n\nA closing paragraph added later.` });
    expect(third.status).toBe(201);

    await dragSelect(page, 'Symbolic Significance of Russian Support');
    await page.keyboard.press('2');
    const notice = page.getByTestId('revision-conflict');
    await notice.waitFor();
    expect((await notice.textContent())!.replace(/\s+/g, ' ')).toContain(
      'This article was updated to revision 3 while you worked. Reload to see the new text — your selection was not saved.',
    );
    await expect.poll(() => paintedPassages(page, 'disputed')).toEqual([UNCHANGED]);
    expect(await axeViolations(page, '[data-testid="revision-conflict"]')).toEqual([]);
    // Nothing more can be marked on the old text.
    await dragSelect(page, 'Russia’s Role in Syria');
    await page.getByTestId('selection-toolbar').waitFor();
    expect(await page.getByTestId('selection-toolbar').getByRole('button', { name: /Verified/ }).isDisabled()).toBe(true);

    await notice.getByRole('button', { name: 'Reload' }).click();
    await page.getByTestId('revision-banner').filter({ hasText: 'Revision 3' }).waitFor();
    await page.context().close();
  });

  it('learns of a newer revision from polling and stops painting old offsets', async () => {
    const id = await revisedArticle();
    const page = await openAs(alice, id);
    const text = ((await (await client.get(`/api/articles/${id}`)).json()) as { plainText: string }).plainText;
    expect((await client.post(`/api/articles/${id}/revisions`, { format: 'text', content: `${text}\n\nAnother paragraph.` })).status).toBe(201);
    const notice = page.getByTestId('revision-conflict');
    await notice.waitFor({ timeout: 8000 });
    expect((await notice.textContent())!.replace(/\s+/g, ' ')).toContain('This article was updated to revision 3 while you worked. Reload to see the new text.');
    expect(await axeViolations(page, '[data-testid="revision-conflict"]')).toEqual([]);
    await page.context().close();
  });
});
