// Annotating as reviewers do, in the real Chromium against the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, openArticleAs } from '../support/browser';
import { createSampleArticle, createTestUser, type TestUser } from '../support/db';
import { login } from '../support/http';
import { dragSelect, paintedPassages } from '../support/select';

const SENTENCE = 'Analysts suggest the loss of Aleppo represents a “major reputational setback” for Russia, as its image as a reliable ally begins to falter.';

let browser: Browser;
let alice: TestUser;
let bob: TestUser;
let articleId: number;

const openAs = (user: TestUser): Promise<Page> => openArticleAs(browser, user, articleId);

/** The viewport point over one character of a passage of the article (scrolled into view). */
async function pointAt(page: Page, passage: string, char = 0): Promise<{ x: number; y: number }> {
  const spot = await page.evaluate(
    ([text, i]) => {
      const root = document.querySelector('.ProseMirror')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const at = n.data.indexOf(text);
        if (at < 0) continue;
        n.parentElement!.scrollIntoView({ block: 'center' });
        const r = document.createRange();
        r.setStart(n, at + i);
        r.setEnd(n, at + i + 1);
        const rect = r.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      return null;
    },
    [passage, char] as const,
  );
  if (!spot) throw new Error(`passage not found in the article: ${passage}`);
  return spot;
}

/** Stores an annotation on `passage` through the API (offsets in code points of the article's text). */
async function annotateByApi(user: TestUser, article: number, passage: string, status: string, note = '') {
  const client = await login(user.email, user.password);
  const text: string = (await (await client.get(`/api/articles/${article}`)).json()).plainText;
  const at = text.indexOf(passage);
  expect(at).toBeGreaterThanOrEqual(0);
  const start = [...text.slice(0, at)].length;
  const res = await client.post(`/api/articles/${article}/annotations`, { start, end: start + [...passage].length, status, note });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; version: number };
}

/** The highlighted passage that j/k (or a click) last revealed. */
function focusedPassage(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const h = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('fm-focus');
    return [...(h ?? [])].map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString();
    });
  });
}

beforeAll(async () => {
  browser = await launchBrowser();
  alice = await createTestUser({ name: 'Alice Analyst' });
  bob = await createTestUser({ name: 'Bob Checker' });
  articleId = createSampleArticle(alice);
});
afterAll(async () => {
  await browser?.close();
});

describe('annotating an article', () => {
  it('marks a sentence disputed with a note and a source; it is there after a reload, and a second reviewer sees it read-only within 5 s', async () => {
    const bobPage = await openAs(bob);
    const page = await openAs(alice);

    await dragSelect(page, SENTENCE);
    const toolbar = page.getByTestId('selection-toolbar');
    await toolbar.waitFor();
    await toolbar.getByRole('button', { name: /Disputed/ }).click();

    // The highlight is there at once, and the details open for the new annotation.
    expect(await paintedPassages(page, 'disputed')).toEqual([SENTENCE]);
    const details = page.getByTestId('annotation-details');
    await details.waitFor();
    expect(await details.locator('blockquote').textContent()).toBe(SENTENCE);
    await details.getByLabel('Note').fill('The Kremlin has not commented; the quote is from one analyst.');
    await details.getByRole('button', { name: 'Add source' }).click();
    await details.getByLabel('Source 1 URL').fill('https://www.example.org/analysis/aleppo');
    await details.getByLabel('Source 1 title').fill('Analyst briefing');
    await details.getByRole('button', { name: 'Save' }).click();
    await details.getByRole('button', { name: 'Saved' }).waitFor();
    await expect.poll(() => details.getByTestId('history').textContent()).toContain('added the source https://www.example.org/analysis/aleppo');
    // The article page, with an annotation open, has no accessibility violations.
    expect(await axeViolations(page)).toEqual([]);

    await page.reload();
    await page.getByTestId('article-view').waitFor();
    expect(await paintedPassages(page, 'disputed')).toEqual([SENTENCE]);
    const card = page.getByTestId('annotation-card').filter({ hasText: 'Analysts suggest' });
    await card.click();
    await expect.poll(() => page.getByLabel('Note').inputValue()).toBe('The Kremlin has not commented; the quote is from one analyst.');
    expect(await page.getByLabel('Source 1 URL').inputValue()).toBe('https://www.example.org/analysis/aleppo');

    // Bob had the page open all along: the annotation arrives without a reload, within 5 s.
    const bobCard = bobPage.getByTestId('annotation-card').filter({ hasText: 'Analysts suggest' });
    await bobCard.waitFor({ timeout: 5000 });
    expect(await bobCard.textContent()).toContain('Alice Analyst');
    expect(await paintedPassages(bobPage, 'disputed')).toEqual([SENTENCE]);
    await bobCard.click();
    const bobDetails = bobPage.getByTestId('annotation-details');
    await bobDetails.waitFor();
    expect(await bobDetails.textContent()).toContain('read-only');
    expect(await bobDetails.getByLabel('Status').isDisabled()).toBe(true);
    expect(await bobDetails.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await bobDetails.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(await axeViolations(bobPage)).toEqual([]);
    await bobPage.context().close();
    await page.context().close();
  });

  it('marks a keyboard-made selection with a shortcut, keeps a half-typed note while others annotate, and rolls back a failed save', async () => {
    const page = await openAs(bob);
    // Keyboard: put the caret at the start of a sentence and extend the selection word by word.
    await page.evaluate(() => {
      const root = document.querySelector('.ProseMirror') as HTMLElement;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const i = n.data.indexOf('The dismissal of General Sergei Kisel');
        if (i < 0) continue;
        root.focus();
        const r = document.createRange();
        r.setStart(n, i);
        r.collapse(true);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(r);
        n.parentElement!.scrollIntoView({ block: 'center' });
        return;
      }
    });
    for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+Control+ArrowRight');
    await page.getByTestId('selection-toolbar').waitFor();
    await page.keyboard.press('3');
    await expect.poll(() => paintedPassages(page, 'needs_source')).toEqual(['The dismissal of General Sergei Kisel']);
    const details = page.getByTestId('annotation-details');
    await details.waitFor();
    await details.getByLabel('Note').fill('Half-typed: need the decree num');

    // Alice annotates meanwhile, through the API the UI uses.
    const alicePage = await openAs(alice);
    await dragSelect(alicePage, 'Pro-government figures have criticized the Assad regime');
    await alicePage.keyboard.press('1');
    await alicePage.getByTestId('annotation-details').waitFor();
    await page.getByTestId('annotation-card').filter({ hasText: 'Pro-government' }).waitFor({ timeout: 5000 });
    expect(await details.getByLabel('Note').inputValue()).toBe('Half-typed: need the decree num');

    // A failed save is rolled back and the reviewer is told why.
    await page.route('**/api/articles/*/annotations', (route) =>
      route.request().method() === 'POST' ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'Database is busy.' } }) }) : route.continue(),
    );
    await dragSelect(page, 'Idlib');
    await page.keyboard.press('2');
    await page.getByText('The annotation was not saved: Database is busy.').waitFor();
    expect(await paintedPassages(page, 'disputed')).not.toContain('Idlib');
    expect(await axeViolations(page, '.notice')).toEqual([]);
    await alicePage.context().close();
    await page.context().close();
  });

  it('shows a note with markup as inert text in the hover card over the passage and in its sidebar card', async () => {
    const page = await openAs(alice);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await dragSelect(page, 'Hezbollah in Syria');
    await page.keyboard.press('2');
    const details = page.getByTestId('annotation-details');
    await details.waitFor();
    await details.getByLabel('Note').fill('<img src=x onerror=alert(1)><b>bold</b>');
    await details.getByRole('button', { name: 'Save' }).click();
    await details.getByRole('button', { name: 'Saved' }).waitFor();
    await page.reload();
    const card = page.getByTestId('annotation-card').filter({ hasText: 'Hezbollah' });
    await card.waitFor();
    expect(await card.locator('.card-note').textContent()).toBe('<img src=x onerror=alert(1)><b>bold</b>');

    // The pointer rests on the highlighted words in the article: the hover card shows the note as text.
    const spot = await pointAt(page, 'Hezbollah in Syria', 3);
    await page.mouse.move(spot.x, spot.y);
    const hover = page.getByTestId('hover-card');
    await hover.waitFor();
    expect(await hover.textContent()).toContain('Alice Analyst');
    const note = hover.locator('.hover-item > div');
    expect(await note.textContent()).toBe('<img src=x onerror=alert(1)><b>bold</b>');
    expect(await note.evaluate((el) => el.children.length)).toBe(0);
    expect(await page.locator('img[src="x"], .hover-card b').count()).toBe(0);
    expect(dialogs).toBe(0);
    // Moving off the words closes it.
    await page.mouse.move(5, 5);
    await hover.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('offers a chooser where annotations overlap and shows how many are under the pointer', async () => {
    const page = await openAs(alice);
    await dragSelect(page, 'Russia’s intervention in Syria in 2015 was a turning point');
    await page.keyboard.press('1');
    await page.getByTestId('annotation-details').getByRole('button', { name: 'Saved' }).waitFor();
    // The second verdict's save is held back until the chooser is open: a save that lands while
    // the reviewer is choosing must leave its passage in the chooser (the optimistic copy's id
    // becomes the saved one's).
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/articles/*/annotations', async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    await dragSelect(page, 'in 2015 was a turning point in the conflict');
    await page.keyboard.press('3');
    const second = page.getByTestId('annotation-card').filter({ hasText: 'in 2015 was a turning point in the conflict' });
    await second.filter({ hasText: 'saving…' }).waitFor();
    await page.getByRole('button', { name: 'Close details' }).click();

    // Click inside the overlap ("2015").
    const spot = await page.evaluate(() => {
      const root = document.querySelector('.ProseMirror')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const i = n.data.indexOf('in 2015 was');
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i + 4);
        r.setEnd(n, i + 5);
        const rect = r.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      return null;
    });
    // Arrive at the spot from outside the text, so the card describes this spot and no earlier one.
    await page.mouse.move(spot!.x, Math.max(1, spot!.y - 200));
    await page.mouse.move(spot!.x, spot!.y, { steps: 4 });
    await page.getByTestId('hover-card').filter({ hasText: '2 annotations here' }).waitFor({ timeout: 10_000 });
    await page.mouse.click(spot!.x, spot!.y);
    const chooser = page.getByTestId('chooser');
    await chooser.waitFor();
    const items = chooser.getByRole('menuitem');
    expect(await items.count()).toBe(2);
    const saved = page.waitForResponse((res) => res.request().method() === 'POST' && res.url().endsWith('/annotations'));
    release();
    expect((await saved).status()).toBe(201);
    await expect.poll(() => second.textContent()).not.toContain('saving…');
    expect(await items.count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await items.filter({ hasText: 'Needs source' }).click();
    expect(await page.getByTestId('annotation-details').locator('blockquote').textContent()).toBe('in 2015 was a turning point in the conflict');

    await page.context().close();
  });

  it('moves between annotations with j/k in document order, whatever order they were made in', async () => {
    const article = createSampleArticle(alice, 'Sample: j/k order');
    // Made last passage first: ids run against document order.
    const passages = ['Hezbollah in Syria', 'represents a “major reputational setback”', 'The dismissal of General Sergei Kisel'];
    const text: string = (await (await (await login(alice.email, alice.password)).get(`/api/articles/${article}`)).json()).plainText;
    const inDocument = [...passages].sort((a, b) => text.indexOf(a) - text.indexOf(b));
    expect(inDocument).not.toEqual(passages);
    for (const p of [...inDocument].reverse()) await annotateByApi(alice, article, p, 'verified');

    const page = await openArticleAs(browser, alice, article);
    await page.getByTestId('annotation-card').first().waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const active = () => page.locator('.annotation-card.active .card-quote').textContent();
    const visited: string[] = [];
    for (let i = 0; i < inDocument.length; i++) {
      await page.keyboard.press('j');
      visited.push((await active())!.replace(/^“|”$/g, ''));
      // The passage itself is revealed in the article.
      expect(await focusedPassage(page)).toEqual([visited[i]]);
    }
    expect(visited).toEqual(inDocument);
    // At the last one j stays; k goes back one by one.
    await page.keyboard.press('j');
    expect(await active()).toBe(`“${inDocument[2]}”`);
    await page.keyboard.press('k');
    expect(await active()).toBe(`“${inDocument[1]}”`);
    await page.keyboard.press('k');
    expect(await active()).toBe(`“${inDocument[0]}”`);
    await page.context().close();
  });

  it('brings another reviewer’s status change and delete to an open page without a reload', async () => {
    const made = await annotateByApi(alice, articleId, 'Iran’s regional influence', 'needs_source', 'Check the ministry statement.');
    const bobPage = await openAs(bob);
    const bobCard = bobPage.getByTestId('annotation-card').filter({ hasText: 'Iran’s regional influence' });
    await bobCard.click();
    const bobDetails = bobPage.getByTestId('annotation-details');
    expect(await bobDetails.getByLabel('Status').inputValue()).toBe('needs_source');

    const page = await openAs(alice);
    await page.getByTestId('annotation-card').filter({ hasText: 'Iran’s regional influence' }).click();
    const details = page.getByTestId('annotation-details');
    await details.getByLabel('Status').selectOption('disputed');
    await details.getByRole('button', { name: 'Save' }).click();
    await details.getByRole('button', { name: 'Saved' }).waitFor();

    // Within two polls, Bob's card, highlight and open details show the new status.
    await expect.poll(() => bobCard.locator('.status-chip').textContent(), { timeout: 6000 }).toBe('Disputed');
    expect(await paintedPassages(bobPage, 'disputed')).toContain('Iran’s regional influence');
    expect(await paintedPassages(bobPage, 'needs_source')).not.toContain('Iran’s regional influence');
    await expect.poll(() => bobDetails.getByLabel('Status').inputValue()).toBe('disputed');

    page.once('dialog', (d) => void d.accept());
    await details.getByRole('button', { name: 'Delete' }).click();
    await details.waitFor({ state: 'detached' });
    expect((await (await login(alice.email, alice.password)).get(`/api/annotations/${made.id}`)).status).toBe(404);
    await bobCard.waitFor({ state: 'detached', timeout: 6000 });
    expect(await paintedPassages(bobPage, 'disputed')).not.toContain('Iran’s regional influence');
    expect(await bobPage.getByTestId('annotation-details').count()).toBe(0);
    await bobPage.context().close();
    await page.context().close();
  });

  it('paints annotations far down a long article once the reviewer scrolls to them', async () => {
    const paragraphs = Array.from({ length: 120 }, (_, i) => `Paragraph ${i + 1} reports that the convoy reached checkpoint ${i + 1} before noon.`);
    const client = await login(alice.email, alice.password);
    const created = await (await client.post('/api/articles', { format: 'text', content: paragraphs.join('\n\n'), title: 'Long convoy log' })).json();
    const text: string = created.plainText;
    for (const n of [1, 118]) {
      const passage = `checkpoint ${n} before noon`;
      const start = text.indexOf(passage);
      expect((await client.post(`/api/articles/${created.id}/annotations`, { start, end: start + passage.length, status: 'verified' })).status).toBe(201);
    }
    const page = await openArticleAs(browser, alice, created.id);
    await expect.poll(() => paintedPassages(page, 'verified')).toEqual(['checkpoint 1 before noon']);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect.poll(() => paintedPassages(page, 'verified')).toEqual(['checkpoint 118 before noon']);
    // The sidebar still lists both.
    expect(await page.getByTestId('annotation-card').count()).toBe(2);
    await page.context().close();
  });
});
