// The sidebar's filters (status, reviewer, mine) in the real Chromium, and the export taken with
// them: the CSV must list exactly the cards the sidebar shows, row by row.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { STATUS_LABEL, type Status } from '@/lib/annotations/status';
import { axeViolations, launchBrowser, openSignedIn } from '../support/browser';
import { createSampleArticle, createTestUser, type TestUser } from '../support/db';
import { login } from '../support/http';

let browser: Browser;
let alice: TestUser;
let bob: TestUser;
let articleId: number;

interface Card {
  status: string;
  reviewer: string;
  passage: string;
  note: string;
}

/** Five verdicts, three statuses, two reviewers; stored through the API. */
const VERDICTS: { by: 'alice' | 'bob'; passage: string; status: Status; note: string }[] = [
  { by: 'alice', passage: 'Hezbollah in Syria', status: 'verified', note: 'Confirmed by two outlets.' },
  { by: 'alice', passage: 'the loss of Aleppo', status: 'disputed', note: 'Aleppo fell twice in the period.' },
  { by: 'alice', passage: 'Iran’s regional influence', status: 'needs_source', note: '' },
  { by: 'bob', passage: 'The dismissal of General Sergei Kisel', status: 'disputed', note: 'No decree published.' },
  { by: 'bob', passage: 'Pro-government figures have criticized the Assad regime', status: 'verified', note: 'Quotes on record.' },
];

beforeAll(async () => {
  browser = await launchBrowser();
  alice = await createTestUser({ name: 'Alice Analyst' });
  bob = await createTestUser({ name: 'Bob Checker' });
  articleId = createSampleArticle(alice, 'Sample: sidebar filters');
  const clients = { alice: await login(alice.email, alice.password), bob: await login(bob.email, bob.password) };
  const text: string = (await (await clients.alice.get(`/api/articles/${articleId}`)).json()).plainText;
  for (const v of VERDICTS) {
    const start = [...text.slice(0, text.indexOf(v.passage))].length;
    const res = await clients[v.by].post(`/api/articles/${articleId}/annotations`, { start, end: start + [...v.passage].length, status: v.status, note: v.note });
    expect(res.status).toBe(201);
  }
});
afterAll(async () => {
  await browser?.close();
});

async function openAsAlice(): Promise<Page> {
  const page = await openSignedIn(browser, alice, `/articles/${articleId}`, { acceptDownloads: true });
  await page.getByTestId('annotation-card').first().waitFor();
  return page;
}

/** The cards the sidebar shows, top to bottom. */
function cards(page: Page): Promise<Card[]> {
  return page.getByTestId('annotation-card').evaluateAll((els) =>
    els.map((e) => ({
      status: e.querySelector('.status-chip')!.textContent!,
      reviewer: e.querySelector('.card-top > .small.muted')!.textContent!,
      passage: e.querySelector('.card-quote')!.textContent!.replace(/^“|”$/g, ''),
      note: e.querySelector('.card-note')?.textContent ?? '',
    })),
  );
}

/** Downloads the CSV through the export menu, as the reviewer would, and reads its rows as cards. */
async function exportedCards(page: Page): Promise<Card[]> {
  await page.locator('.export-menu summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /^CSV/ }).click()]);
  await page.locator('.export-menu summary').click();
  const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const rows: Record<string, string>[] = parse(csv, { columns: true });
  return rows.map((r) => ({ status: STATUS_LABEL[r.status as Status], reviewer: r.reviewer === alice.name ? 'You' : r.reviewer, passage: r.passage, note: r.note }));
}

const expected = (keep: (v: (typeof VERDICTS)[number]) => boolean) => VERDICTS.filter(keep).map((v) => v.passage);

describe('sidebar filters and the export', () => {
  it('filters by one status, a reviewer and "Mine", and exports exactly the cards shown', async () => {
    const page = await openAsAlice();
    const passages = async () => (await cards(page)).map((c) => c.passage).sort();
    expect(await passages()).toEqual(expected(() => true).sort());
    expect((await exportedCards(page)).length).toBe(5);

    await page.getByTestId('count-disputed').click();
    expect(await page.getByTestId('count-disputed').getAttribute('aria-pressed')).toBe('true');
    expect(await passages()).toEqual(expected((v) => v.status === 'disputed').sort());
    expect(await page.getByText('Showing 2 of 5.').count()).toBe(1);
    expect(await exportedCards(page)).toEqual(await cards(page));

    await page.getByLabel('Reviewer').selectOption({ label: 'Bob Checker' });
    expect(await cards(page)).toEqual([{ status: 'Disputed', reviewer: 'Bob Checker', passage: 'The dismissal of General Sergei Kisel', note: 'No decree published.' }]);
    expect(await exportedCards(page)).toEqual(await cards(page));

    // "Mine" replaces the chosen reviewer (the export can name only one).
    await page.getByLabel('Mine').check();
    expect(await page.getByLabel('Reviewer').inputValue()).toBe('');
    expect(await cards(page)).toEqual([{ status: 'Disputed', reviewer: 'You', passage: 'the loss of Aleppo', note: 'Aleppo fell twice in the period.' }]);
    expect(await exportedCards(page)).toEqual(await cards(page));

    await page.getByTestId('count-disputed').click();
    expect(await passages()).toEqual(expected((v) => v.by === 'alice').sort());
    expect(await exportedCards(page)).toEqual(await cards(page));
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  // The export link carries one `status` parameter per selected status; the report takes them all.
  it('exports both statuses when two are selected, not every status or the last one', async () => {
    const page = await openAsAlice();
    await page.getByTestId('count-disputed').click();
    await page.getByTestId('count-needs_source').click();
    expect((await cards(page)).map((c) => c.passage).sort()).toEqual(expected((v) => v.status !== 'verified').sort());
    expect(await page.getByText('Showing 3 of 5.').count()).toBe(1);
    expect(await exportedCards(page)).toEqual(await cards(page));
    await page.context().close();
  });
});
