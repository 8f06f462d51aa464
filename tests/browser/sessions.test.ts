// "End all sessions" as a reviewer uses it (issue 9, item 3): one click in the header ends the
// account's sessions in every browser, this one included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, signInThroughForm } from '../support/browser';
import { createTestUser } from '../support/db';
import { serverUrl } from '../support/http';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('end all sessions', () => {
  it('signs the reviewer out here and in their other browser', async () => {
    const user = await createTestUser({ name: 'Sam Sessions' });
    const [here, elsewhere] = await Promise.all([browser.newContext(), browser.newContext()]);
    const pageHere = await here.newPage();
    const pageElsewhere = await elsewhere.newPage();
    for (const page of [pageHere, pageElsewhere]) {
      await signInThroughForm(page, user.email, user.password);
      await page.waitForURL(`${serverUrl()}/`);
    }
    pageHere.once('dialog', (dialog) => void dialog.accept());
    await pageHere.getByRole('button', { name: 'End all sessions' }).click();
    await pageHere.waitForURL(/\/login/);
    // The other browser still holds its cookie, but the session it names has ended.
    await pageElsewhere.reload();
    await pageElsewhere.waitForURL(/\/login/);
    expect(new URL(pageElsewhere.url()).pathname).toBe('/login');
    await Promise.all([here.close(), elsewhere.close()]);
  });
});
