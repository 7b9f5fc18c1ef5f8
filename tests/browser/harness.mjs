// Shared helpers for the browser tests: Playwright (playwright-core) driving Debian's
// Chromium, axe-core for WCAG 2.1 AA checks, and screenshots of failed tests.
//
//   PAIRWISE_BASE_URL    where a running Pairwise server is, e.g. http://127.0.0.1:18080 (required)
//   PAIRWISE_CHROMIUM    Chromium binary (default /usr/bin/chromium)
//   PAIRWISE_SCREENSHOTS set to 1 to save a full-page screenshot of passing tests too

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS_DIR = join(HERE, 'artifacts');

function readBaseUrl() {
  const raw = process.env.PAIRWISE_BASE_URL;
  if (!raw || raw.trim() === '') {
    throw new Error(
      'PAIRWISE_BASE_URL is not set. Start a Pairwise server and run the browser tests with ' +
        'PAIRWISE_BASE_URL=http://127.0.0.1:PORT npm test',
    );
  }
  let parsed;
  try {
    parsed = new URL(raw.trim());
  } catch {
    throw new Error(`PAIRWISE_BASE_URL is not a valid URL: ${JSON.stringify(raw)}`);
  }
  return parsed.origin;
}

/** Origin of the server under test, without a trailing slash. */
export const BASE_URL = readBaseUrl();

/** Absolute URL of a path on the server under test. */
export function url(path = '/') {
  return new URL(path, `${BASE_URL}/`).toString();
}

export const CHROMIUM_PATH = process.env.PAIRWISE_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** How long a single wait (navigation, locator, expected text) may take. */
export const TIMEOUT_MS = 10_000;

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function artifactName(testName) {
  const safe = String(testName)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return `${safe || 'test'}.png`;
}

/** Saves a full-page screenshot to tests/browser/artifacts/<name>.png and returns its path. */
export async function saveScreenshot(page, name) {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = join(ARTIFACTS_DIR, artifactName(name));
  await page.screenshot({ path: file, fullPage: true, timeout: TIMEOUT_MS });
  return file;
}

/**
 * Runs `body(page)` in a fresh Chromium with its own temporary profile, and always closes the
 * browser afterwards. If the body fails, or the page throws an uncaught error, the test fails
 * and a full-page screenshot is saved to tests/browser/artifacts/<test name>.png.
 */
export async function withPage(
  t,
  body,
  { viewport = { width: 1280, height: 800 }, ignoreHTTPSErrors = false } = {},
) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'pairwise-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
      // Only for a test's own loopback HTTPS server with a throwaway certificate.
      ignoreHTTPSErrors,
      locale: 'en-US',
      timeout: 30_000,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(TIMEOUT_MS);
    page.setDefaultNavigationTimeout(TIMEOUT_MS);
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));

    try {
      await body(page);
      assert.deepEqual(
        pageErrors.map((e) => String(e?.stack || e)),
        [],
        'the page threw uncaught errors',
      );
      if (process.env.PAIRWISE_SCREENSHOTS === '1') {
        const file = await saveScreenshot(page, t.name);
        t.diagnostic(`screenshot: ${file}`);
      }
    } catch (error) {
      let note;
      try {
        const file = await saveScreenshot(page, t.name);
        note = `full-page screenshot of the failure saved to ${file}`;
      } catch (shotError) {
        note = `could not save a screenshot of the failure: ${shotError?.message ?? shotError}`;
      }
      t.diagnostic(note);
      console.error(`[browser test "${t.name}"] ${note} (page: ${page.url()})`);
      if (error instanceof Error) {
        error.message = `${error.message}\n    (${note})`;
      }
      throw error;
    }
  } finally {
    if (context) await context.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
  }
}

function formatViolations(violations, pageUrl) {
  const lines = [`${violations.length} accessibility violation(s) (WCAG 2.1 AA) on ${pageUrl}:`];
  for (const v of violations) {
    lines.push(`- [${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes.slice(0, 5)) {
      lines.push(`    at ${node.target.join(' ')}`);
      if (node.failureSummary) {
        lines.push(`       ${node.failureSummary.replace(/\n/g, '\n       ')}`);
      }
    }
    if (v.nodes.length > 5) lines.push(`    ... and ${v.nodes.length - 5} more`);
  }
  return lines.join('\n');
}

/**
 * Waits (up to 3 s) until no finite CSS transition or animation is running: a dialog that is
 * fading out has nearly transparent text, which axe would report as unreadable. Endless ones
 * (spinners) are not waited for.
 */
export async function waitForTransitions(page) {
  await page.evaluate(async () => {
    const deadline = performance.now() + 3000;
    while (performance.now() < deadline) {
      const running = document
        .getAnimations()
        .filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity);
      if (running.length === 0) return;
      await Promise.race([
        Promise.allSettled(running.map((a) => a.finished)),
        new Promise((resolve) => setTimeout(resolve, 250)),
      ]);
    }
  });
}

/**
 * Runs axe on the page once the pointer is out of the way and its transitions have settled;
 * fails the test on any WCAG 2.1 A/AA violation.
 */
export async function expectAccessible(page) {
  // The pointer rests where the test last clicked: a button under it shows its hover colours,
  // which are not what a reader sees. Move it to the header's empty corner first.
  await page.mouse.move(0, 0);
  await waitForTransitions(page);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  if (results.violations.length > 0) {
    throw new assert.AssertionError({
      message: formatViolations(results.violations, page.url()),
    });
  }
  return results;
}

/**
 * Waits until the locator's text (trimmed, whitespace collapsed) equals `expected`, or
 * matches it when `expected` is a RegExp; fails with what was seen last.
 */
export async function expectText(locator, expected, { timeout = TIMEOUT_MS } = {}) {
  const matches = (text) =>
    expected instanceof RegExp ? expected.test(text) : text === String(expected);
  const deadline = Date.now() + timeout;
  let last = '(element not found)';
  for (;;) {
    try {
      const raw = await locator.textContent({ timeout: Math.max(1, deadline - Date.now()) });
      last = (raw ?? '').replace(/\s+/g, ' ').trim();
      if (matches(last)) return last;
    } catch {
      // not there yet
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new assert.AssertionError({
    message: `expected text ${expected instanceof RegExp ? expected : JSON.stringify(expected)} in ${locator}, last seen ${JSON.stringify(last)}`,
    actual: last,
    expected: String(expected),
    operator: 'expectText',
  });
}

/** Waits until the page's <title> equals `expected`. */
export async function expectTitle(page, expected, { timeout = TIMEOUT_MS } = {}) {
  try {
    await page.waitForFunction((title) => document.title === title, expected, { timeout });
  } catch {
    assert.equal(await page.title(), expected, 'page title');
  }
}

/** Fetches JSON from the server under test, from Node (not through the browser). */
export async function fetchJson(path) {
  const response = await fetch(url(path), { headers: { Accept: 'application/json' } });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${path} answered HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, body };
}

// ---- Which pages the UI has (web/src/features.json) ------------------------------------------

import { readFileSync } from 'node:fs';

/** The UI's feature flags: pages whose API is not in the server yet are left out. */
export const FEATURES = JSON.parse(readFileSync(join(HERE, '../../web/src/features.json'), 'utf8'));

/** Where the UI starts after sign-in, and that page's heading. */
export const HOME = FEATURES.directory
  ? { path: '/people', heading: 'People' }
  : { path: '/me/account', heading: 'My account' };

// ---- Accounts ----------------------------------------------------------------------------

/** The password of every demo account (created with the demo organization). */
export const DEMO_PASSWORD = 'pairwise-demo';

/**
 * The demo accounts' emails by role ("admin", "coordinator", "participant", "manager"), read
 * from PAIRWISE_DEMO_LOGINS: a file holding the output of `pairwise account demo-logins` or the
 * server's log ("demo sign-in (admin): a@b / password ...").
 */
export async function demoLogins() {
  const file = process.env.PAIRWISE_DEMO_LOGINS;
  if (!file) {
    throw new Error(
      'PAIRWISE_DEMO_LOGINS is not set: point it at the output of `pairwise --database DB ' +
        'account demo-logins` for the server under test',
    );
  }
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(file, 'utf8');
  const logins = {};
  for (const line of text.split('\n')) {
    const logged = line.match(/demo sign-in \(([a-z]+)\): (\S+@\S+)/);
    const listed = line.match(/^\s+([a-z]+)\s+(\S+@\S+)\s*$/);
    const m = logged ?? listed;
    if (m) logins[m[1]] = m[2];
  }
  for (const role of ['admin', 'participant']) {
    if (!logins[role]) throw new Error(`no demo ${role} login in ${file}:\n${text}`);
  }
  return logins;
}

/** Signs in through the sign-in page and waits for the start page. */
export async function signIn(page, email, password = DEMO_PASSWORD) {
  await page.goto(url('/sign-in'));
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: HOME.heading }).waitFor();
}

/** Saves a screenshot named `name` when PAIRWISE_SCREENSHOTS=1 (to look at the pages). */
export async function shot(page, name) {
  if (process.env.PAIRWISE_SCREENSHOTS !== '1') return;
  await page.waitForTimeout(150);
  await saveScreenshot(page, `page-${name}`);
}

/** Calls the API from Node with a session of its own: sign in, then JSON requests with CSRF. */
export async function apiSession(email, password = DEMO_PASSWORD) {
  const signInResponse = await fetch(url('/api/v1/auth/sign-in'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const signedIn = await signInResponse.json();
  assert.equal(signInResponse.status, 200, `sign-in as ${email}: ${JSON.stringify(signedIn)}`);
  const cookie = (signInResponse.headers.get('set-cookie') ?? '').split(';')[0];
  const call = async (method, path, body, contentType = 'application/json') => {
    const raw = contentType !== 'application/json';
    const response = await fetch(url(`/api/v1${path}`), {
      method,
      headers: {
        Accept: 'application/json',
        Cookie: cookie,
        'X-CSRF-Token': signedIn.csrf_token,
        // As a browser states it: cookie writes must come from the served origin.
        Origin: BASE_URL,
        ...(body === undefined ? {} : { 'Content-Type': contentType }),
      },
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return { account: signedIn.account, get: (path) => call('GET', path), call };
}

/**
 * Picks `name` in the person picker labelled `label` (web/src/components/PersonPicker.tsx): types
 * `typed` (default: the name), waits for the server's result and clicks it.
 */
export async function pickPerson(scope, label, name, typed = name) {
  const field = scope.getByRole('textbox', { name: label, exact: true });
  await field.click();
  await field.fill(typed);
  const page = 'page' in scope && typeof scope.page === 'function' ? scope.page() : scope;
  const option = page.getByRole('option', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
  await option.first().waitFor({ timeout: TIMEOUT_MS });
  await option.first().click();
}
