// The system Chromium driven by playwright-core. When Chromium is missing the browser tests fail
// with the command that installs it — they never skip silently.
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CREDENTIALS_PATH, credentialsForm, CSRF_PATH, serverUrl } from './http';

/**
 * Chromium's headless shell: the same Chromium (Blink, V8, the same version as Debian's `chromium`)
 * without the desktop browser's windowing layer, as Playwright itself runs headless tests. On this
 * 2-core machine it took half the CPU of the full browser for the same file (annotate.test.ts: 22
 * against 47 CPU-seconds), and the browser files are most of `npm test`'s time. The full browser
 * is used when only it is installed; the benchmarks use it (`bench/browser.ts`).
 */
const CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? CANDIDATES.find((p) => fs.existsSync(p)) ?? CANDIDATES[0];

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get update && apt-get install -y chromium-headless-shell fonts-dejavu-core (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Fills and submits the login form the page shows, as a reviewer would. */
export async function submitLoginForm(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens the login form (or `path`, which shows it) and signs in through it. */
export async function signInThroughForm(page: Page, email: string, password: string, path = '/login') {
  await page.goto(`${serverUrl()}${path}`);
  await submitLoginForm(page, email, password);
}

// Sessions already signed in, per browser and user: a later page for the same user starts from
// those cookies instead of signing in again. A session that no longer works (signed out, password
// changed) is replaced by a new sign-in.
type StorageState = Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>>;
const sessions = new WeakMap<Browser, Map<string, StorageState>>();

/**
 * A new browser context (its own cookies) signed in as `user` and sent on to `path`. The sign-in
 * is next-auth's own credentials sign-in over HTTP, made by the context's request client (which
 * shares its cookie jar, so the session cookie keeps the server's attributes): the login form and
 * its redirect to the page asked for are tested in login.test.ts, and loading the form for every
 * new user cost about 1.5 CPU-seconds each.
 */
export async function openSignedIn(browser: Browser, user: { email: string; password: string }, path: string, options: { acceptDownloads?: boolean } = {}): Promise<Page> {
  const known = sessions.get(browser) ?? new Map<string, StorageState>();
  sessions.set(browser, known);
  const saved = known.get(user.email);
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 }, ...options, ...(saved ? { storageState: saved } : {}) });
  const page = await context.newPage();
  if (saved) {
    await page.goto(`${serverUrl()}${path}`);
    if (page.url() === `${serverUrl()}${path}`) return page;
    await context.clearCookies();
  }
  const csrf = await context.request.get(`${serverUrl()}${CSRF_PATH}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await context.request.post(`${serverUrl()}${CREDENTIALS_PATH}`, { form: credentialsForm(csrfToken, user.email, user.password), maxRedirects: 0 });
  if (!(await context.cookies()).some((c) => c.name.endsWith('next-auth.session-token'))) throw new Error(`sign-in failed for ${user.email}: ${signIn.status()} ${await signIn.text()}`);
  await page.goto(`${serverUrl()}${path}`);
  await page.waitForURL(`${serverUrl()}${path}`);
  known.set(user.email, await context.storageState());
  return page;
}

/** An article page, signed in as `user`, with its ProseMirror view mounted. */
export async function openArticleAs(browser: Browser, user: { email: string; password: string }, articleId: number): Promise<Page> {
  const page = await openSignedIn(browser, user, `/articles/${articleId}`);
  await page.getByTestId('article-view').waitFor();
  return page;
}

/**
 * The axe-core violations on the page as it is now (or only inside the `include` selectors: the
 * parts a test adds, when another test already scans the whole page), one line each (rule,
 * impact, first targets), so a failing assertion says what to fix. Every page the browser tests
 * visit must have none.
 */
export async function axeViolations(page: Page, ...include: string[]): Promise<string[]> {
  // axe runs in the page itself (legacy mode: no blank page opened to merge each frame's results;
  // our pages have no frames) and details only the violations it finds (passing nodes are still
  // checked, not listed). The same rules find the same violations, at a third of the CPU: 0.6
  // against 1.9 CPU-seconds for an article page here, where the scans were a tenth of the suite.
  let builder = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] });
  for (const selector of include) builder = builder.include(selector);
  const { violations } = await builder.analyze();
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}
