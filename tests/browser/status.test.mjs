// The Status page shows what GET /api/v1/health says; unknown client routes show the 404 page.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  expectAccessible,
  expectText,
  expectTitle,
  fetchJson,
  url,
  withPage,
} from './harness.mjs';

async function expectLandmarks(page) {
  assert.equal(await page.locator('html').getAttribute('lang'), 'en', '<html lang>');
  assert.equal(await page.getByRole('banner').count(), 1, 'one banner (header) landmark');
  assert.equal(await page.getByRole('main').count(), 1, 'one main landmark');
  assert.equal(
    await page.getByRole('navigation', { name: 'Main navigation' }).count(),
    1,
    'one labelled navigation landmark',
  );
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, 'exactly one <h1>');
}

test('status page shows what the health API says', async (t) => {
  const health = await fetchJson('/api/v1/health');
  assert.equal(health.status, 200, `GET /api/v1/health: ${JSON.stringify(health.body)}`);
  assert.equal(health.body.status, 'ok');
  assert.match(health.body.database, /^(sqlite|postgresql)$/);
  assert.equal(typeof health.body.version, 'string');
  assert.ok(health.body.version.length > 0, 'a version');

  await withPage(t, async (page) => {
    for (const path of ['/status', '/status/']) {
      await page.goto(url(path));
      await expectTitle(page, 'Status · Pairwise');
      await page.getByRole('heading', { level: 1, name: 'System status' }).waitFor();

      await expectText(page.getByTestId('health-status'), health.body.status);
      await expectText(page.getByTestId('health-database'), health.body.database);
      await expectText(page.getByTestId('health-version'), health.body.version);
      await expectText(page.getByText('The server is up', { exact: true }), 'The server is up');
      await expectText(page.getByTestId('health-checked-at'), /^Last checked at /);

      await expectLandmarks(page);
      await expectText(page.getByRole('banner'), /Pairwise/);
      const current = page.getByRole('link', { name: 'Status', exact: true });
      assert.equal(await current.getAttribute('aria-current'), 'page', 'Status is the current page');
      await expectAccessible(page);
    }

    // The first Tab reaches the skip link, which leads to the main content.
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    await expectText(focused, 'Skip to main content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'MAIN');

    // "Check again" asks the API again and shows its (same) answer.
    const healthRequest = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/health' && r.request().method() === 'GET',
    );
    await page.getByRole('button', { name: 'Check again' }).click();
    const response = await healthRequest;
    assert.equal(response.status(), 200);
    await expectText(page.getByTestId('health-status'), health.body.status);
    await expectText(page.getByTestId('health-database'), health.body.database);
  });
});

test('status page shows the API error body and recovers with Check again', async (t) => {
  await withPage(t, async (page) => {
    const failure = {
      error: { code: 'unavailable', message: 'database did not answer (simulated by the test)' },
    };
    // The first answer is held back until the loading state has been checked.
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    const failHealth = async (route) => {
      await held;
      await route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify(failure),
      });
    };
    await page.route('**/api/v1/health', failHealth);

    await page.goto(url('/status'));
    await expectText(page.getByTestId('health-loading'), 'Checking the server…');
    await expectAccessible(page);
    release();

    await expectText(page.getByTestId('health-error-message'), failure.error.message);
    await expectText(page.getByTestId('health-error-code'), 'unavailable');
    await expectText(page.getByText('The server is not available', { exact: true }), 'The server is not available');
    assert.equal(await page.getByTestId('health-status').count(), 0, 'no stale "ok" shown');
    await expectLandmarks(page);
    await expectAccessible(page);

    // The server is back: "Check again" shows its answer.
    await page.unroute('**/api/v1/health', failHealth);
    const health = await fetchJson('/api/v1/health');
    assert.equal(health.status, 200);
    await page.getByRole('button', { name: 'Check again' }).click();
    await expectText(page.getByTestId('health-status'), health.body.status);
    await expectText(page.getByTestId('health-version'), health.body.version);
    assert.equal(await page.getByTestId('health-error').count(), 0, 'the error is gone');
  });
});

test('an unknown client route shows the 404 page', async (t) => {
  await withPage(t, async (page) => {
    const path = '/no-such-page/anywhere';
    await page.goto(url(path));
    await expectTitle(page, 'Page not found · Pairwise');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await expectText(page.getByTestId('not-found').locator('code'), path);
    await expectLandmarks(page);
    await expectAccessible(page);

    // Its way out leads to a real page: the directory, or the sign-in page before it.
    await page.getByRole('link', { name: 'Go to the start page' }).click();
    await page.getByRole('heading', { level: 1, name: /^(People|My account|Sign in)$/ }).waitFor();
  });
});

test('every navigation link (of a signed-out visitor) leads to a page that exists', async (t) => {
  await withPage(t, async (page) => {
    await page.goto(url('/status'));
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link').first().waitFor();
    const hrefs = await nav
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length > 0, 'the navigation has links');
    for (const href of hrefs) {
      assert.ok(href && href.startsWith('/'), `internal link: ${href}`);
      await page.goto(url(href));
      await page.getByRole('heading', { level: 1 }).waitFor();
      assert.equal(
        await page.getByRole('heading', { level: 1, name: 'Page not found' }).count(),
        0,
        `navigation link ${href} leads to the 404 page`,
      );
    }
  });
});

test('on a narrow screen the navigation opens from the menu button', async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.goto(url('/no-such-page'));
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      const nav = page.locator('nav#main-navigation');
      assert.equal(await nav.evaluate((el) => el.inert), true, 'closed navigation is inert');
      const openButton = page.getByRole('button', { name: 'Open navigation' });
      assert.equal(await openButton.getAttribute('aria-expanded'), 'false');
      await expectAccessible(page);

      await openButton.click();
      const closeButton = page.getByRole('button', { name: 'Close navigation' });
      assert.equal(await closeButton.getAttribute('aria-expanded'), 'true');
      assert.equal(await nav.evaluate((el) => el.inert), false, 'open navigation is usable');
      await expectAccessible(page);

      const main = page.locator('main#main-content');
      assert.equal(await main.evaluate((el) => el.inert), true, 'covered page is inert');

      // Escape closes it and returns to the menu button.
      await page.keyboard.press('Escape');
      await openButton.waitFor();
      assert.equal(await nav.evaluate((el) => el.inert), true, 'Escape closes the navigation');
      assert.equal(await main.evaluate((el) => el.inert), false, 'the page is usable again');
      assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('aria-controls')),
        'main-navigation',
        'focus is back on the menu button',
      );

      await openButton.click();
      await nav.getByRole('link', { name: 'Status', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'System status' }).waitFor();
      await page.getByRole('button', { name: 'Open navigation' }).waitFor();
      assert.equal(await nav.evaluate((el) => el.inert), true, 'navigation closes after use');
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'MAIN');
    },
    { viewport: { width: 390, height: 760 } },
  );
});
