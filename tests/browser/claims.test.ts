// Working through an article's claims as a reviewer does, in the real Chromium against the real
// server: n selects the next unchecked claim's sentence, 1 marks it verified and the Claims tab
// shows it checked (the margin marker of its paragraph counts one fewer), "Not a claim" dismisses
// another, the page with the Claims tab open passes axe, a #passage link selects its range and an
// #annotation link opens its verdict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, openArticleAs } from '../support/browser';
import { createSampleArticle, createTestUser, type TestUser } from '../support/db';
import { CLAIM_NEXT_KEY } from '@/components/editor/shortcuts';

const FIRST = 'In a dramatic turn of events, Syrian opposition forces have seized control of Aleppo’s military airport and academy, delivering a significant blow to the Assad regime and its Russian backers.';
const SECOND = 'Images of Russian and Syrian flags hanging side by side and abandoned documents in a Russian advisors’ office illustrate the hasty retreat of Assad’s forces as rebels advanced into key areas.';

let browser: Browser;
let reviewer: TestUser;
let articleId: number;

/** Waits for what the page shows (a save and a re-read of the claims can take seconds on a busy machine). */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 10_000 });
const selection = (page: Page) => page.evaluate(() => window.getSelection()?.toString() ?? '');
const row = (page: Page, sentence: string) => page.getByTestId('claim-row').filter({ hasText: sentence.slice(0, 60) });
/** The unchecked-claims count on the first paragraph's margin marker (null: no marker). */
const firstParagraphMarker = (page: Page) => page.locator('.ProseMirror > p').first().getAttribute('data-unchecked-claims');

beforeAll(async () => {
  browser = await launchBrowser();
  reviewer = await createTestUser({ name: 'Rita Claims' });
  articleId = createSampleArticle(reviewer, 'Claim ticks in the browser');
});
afterAll(async () => {
  await browser?.close();
});

describe('claims in the workspace', () => {
  it('jumps to the next unchecked claim, marks it with 1, sees it checked, dismisses another, and passes axe', async () => {
    const page = await openArticleAs(browser, reviewer, articleId);
    await page.getByRole('tab', { name: /Claims/ }).click();
    const panel = page.getByRole('tabpanel', { name: /Claims/ });
    await poll(() => panel.getByTestId('claims-coverage').textContent()).toMatch(/^0 checked · 0 not a claim · [1-9]\d* unchecked$/);
    const total = Number((await panel.getByTestId('claims-coverage').textContent())!.match(/(\d+) unchecked/)![1]);
    expect(total).toBeGreaterThan(15);
    expect(await firstParagraphMarker(page)).toBe('2');

    // n selects the first unchecked claim's whole sentence; 1 marks it verified.
    await page.keyboard.press(CLAIM_NEXT_KEY);
    expect(await selection(page)).toBe(FIRST);
    await poll(() => row(page, FIRST).getAttribute('class')).toContain('selected');
    await page.keyboard.press('1');
    await poll(() => row(page, FIRST).getAttribute('data-state')).toBe('checked');
    await poll(() => panel.getByTestId('claims-coverage').textContent()).toBe(`1 checked · 0 not a claim · ${total - 1} unchecked`);
    expect(await firstParagraphMarker(page)).toBe('1');
    await poll(() => page.getByRole('tab', { name: /Claims/ }).textContent()).toContain(`(${total - 1} unchecked)`);

    // The next n goes on to the following sentence; "Not a claim" dismisses it.
    await page.keyboard.press(CLAIM_NEXT_KEY);
    expect(await selection(page)).toBe(SECOND);
    await row(page, SECOND).getByRole('button', { name: 'Not a claim' }).click();
    await poll(() => row(page, SECOND).getAttribute('data-state')).toBe('dismissed');
    await expect(row(page, SECOND).textContent()).resolves.toContain('by you');
    await poll(() => panel.getByTestId('claims-coverage').textContent()).toBe(`1 checked · 1 not a claim · ${total - 2} unchecked`);
    await poll(() => firstParagraphMarker(page)).toBe(null);

    expect(await axeViolations(page)).toEqual([]);

    // Undo brings it back.
    await row(page, SECOND).getByRole('button', { name: 'Undo' }).click();
    await poll(() => row(page, SECOND).getAttribute('data-state')).toBe('unchecked');

    // A #passage-<start>-<end> link (code points of the article's text) selects that range.
    const text: string = await page.evaluate(async (id) => (await (await fetch(`/api/articles/${id}`)).json()).plainText, articleId);
    const passage = 'Russia’s intervention in Syria in 2015';
    const start = [...text.slice(0, text.indexOf(passage))].length;
    await page.evaluate(([s, e]) => (window.location.hash = `#passage-${s}-${e}`), [start, start + [...passage].length]);
    await poll(() => selection(page)).toBe(passage);

    // An #annotation-<id> link opens that verdict's details.
    await page.getByRole('button', { name: 'Close details' }).click();
    await poll(() => page.getByTestId('annotation-details').count()).toBe(0);
    const { annotations } = await page.evaluate(async (id) => (await fetch(`/api/articles/${id}/annotations`)).json(), articleId);
    await page.evaluate((id) => (window.location.hash = `#annotation-${id}`), annotations[0].id as number);
    await poll(() => page.getByTestId('annotation-details').textContent()).toContain('In a dramatic turn of events');
  });

});
