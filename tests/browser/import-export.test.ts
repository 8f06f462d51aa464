// Bringing an article in through the UI and taking the report out, as an editor would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, signInThroughForm } from '../support/browser';
import { createTestUser } from '../support/db';
import { login, serverUrl } from '../support/http';
import { dragSelect, paintedPassages } from '../support/select';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const markdown = `# Dam report disputed

The ministry said the *new dam* supplies **40 percent** of the region's water.

## What the data shows

> Official figures put the share at 28 percent.

- Capacity: 1.2 billion cubic metres
- Opened in [2019](https://example.org/dam-2019)
`;

describe('import and export through the UI', () => {
  it('imports a Markdown file, checks it, saves it, annotates it and downloads the report', async () => {
    const user = await createTestUser({ name: 'Mara Editor' });
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1300, height: 900 } });
    const page = await context.newPage();
    await signInThroughForm(page, user.email, user.password);
    await page.waitForURL(`${serverUrl()}/`);
    await page.getByRole('main').getByRole('link', { name: 'New article' }).click();
    await page.waitForURL(/\/articles\/new$/);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Markdown').check();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fm-md-')), 'dam.md');
    fs.writeFileSync(file, markdown);
    await page.getByLabel('or upload a file').setInputFiles(file);
    await page.getByRole('button', { name: 'Check article' }).click();
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('What the data shows');
    expect(await page.getByLabel('Title').inputValue()).toBe('Dam report disputed');
    await page.getByLabel('Publisher').fill('Regional Herald');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save article' }).click();
    await page.waitForURL(/\/articles\/\d+$/);

    const view = page.getByTestId('article-view');
    await view.waitFor();
    expect(await page.locator('h1').first().textContent()).toBe('Dam report disputed');
    expect(await view.locator('h2').textContent()).toBe('What the data shows');
    expect(await view.locator('em').textContent()).toBe('new dam');
    expect(await view.locator('blockquote').textContent()).toContain('28 percent');
    expect(await view.locator('li').count()).toBe(2);
    expect(await view.locator('a').getAttribute('href')).toBe('https://example.org/dam-2019');
    expect(await axeViolations(page)).toEqual([]);

    await dragSelect(page, 'supplies 40 percent');
    await page.keyboard.press('2');
    await expect.poll(() => paintedPassages(page, 'disputed')).toEqual(['supplies 40 percent']);
    const details = page.getByTestId('annotation-details');
    await details.getByRole('button', { name: 'Saved' }).waitFor({ timeout: 5000 });
    await details.getByLabel('Note').fill('Checked against the water authority bulletin');
    await details.getByRole('button', { name: 'Save' }).click();
    await details.getByRole('button', { name: 'Saved' }).waitFor();

    // What the report must say, from the API: the annotation's id and the article's length.
    const articleId = Number(/\/articles\/(\d+)$/.exec(page.url())![1]);
    const client = await login(user.email, user.password);
    const length = [...(await (await client.get(`/api/articles/${articleId}`)).json()).plainText].length;
    const [stored] = (await (await client.get(`/api/articles/${articleId}/annotations`)).json()).annotations;
    const covered = [...'supplies 40 percent'].length;

    await page.getByText('Export report').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /^Markdown/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^dam-report-disputed-factcheck-\d{4}-\d{2}-\d{2}\.md$/);
    const saved = path.join(path.dirname(file), download.suggestedFilename());
    await download.saveAs(saved);
    const report = fs.readFileSync(saved, 'utf8');
    // The verdict itself: its heading, the passage in bold within its context, and the note.
    expect(report).toMatch(new RegExp(`^### 1\\. \\S* ?Disputed — annotation #${stored.id}$`, 'm'));
    expect(report).toMatch(/^> .*\*\*supplies 40 percent\*\*/m);
    expect(report).toMatch(/\*\*Note:\*\*\n\n> Checked against the water authority bulletin\n/);
    expect(report).toContain(`**Coverage:** ${((covered / length) * 100).toFixed(1)} % of the article’s text (${covered} of ${length} characters)`);

    // The list now shows the article with its count and its real coverage.
    await page.goto(`${serverUrl()}/?q=Dam%20report`);
    const row = page.getByTestId('article-row').filter({ hasText: 'Dam report disputed' });
    expect(await row.textContent()).toContain('1 disputed');
    expect(await row.getByTestId('coverage').textContent()).toBe(`${Math.round((covered / length) * 1000) / 10}% covered`);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
