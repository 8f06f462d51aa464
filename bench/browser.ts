// The system Chromium driven by playwright-core, with signed-in browser contexts: the session
// cookie from an HTTP sign-in is set on each fresh context, so no run pays for the login form.
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { SESSION_COOKIE_NAME } from './server';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium fonts-dejavu-core (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
}

// tsx compiles this file with esbuild's keepNames, which wraps named functions in a `__name(fn,
// "name")` helper. Functions handed to page.evaluate are sent as source text, so that helper must
// exist in the page too; it only sets `.name`, so an identity function is a faithful stand-in.
const KEEP_NAMES_SHIM = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

/** A fresh context (own cache, own storage) signed in with a session token. */
export async function signedInContext(browser: Browser, url: string, sessionToken: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
  context.setDefaultTimeout(30_000);
  await context.addInitScript(KEEP_NAMES_SHIM);
  await context.addCookies([{ name: SESSION_COOKIE_NAME, value: sessionToken, url }]);
  return context;
}
