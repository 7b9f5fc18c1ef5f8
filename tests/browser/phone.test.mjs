// The coordinator's review page (its status choice) and the matching page (its runs) fit a
// phone's width: no sideways scrolling of the page at 390 px, and the same pages still work at
// 1280 px. The demo's "Leadership Circle" program has a published run, so its runs list is not
// empty. Screenshots of both widths with PAIRWISE_SCREENSHOTS=1; axe on each.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FEATURES, apiSession, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';

const logins = await demoLogins();
const skip = FEATURES.programs ? false : 'the programs API is not in the server yet';
/** The demo program with applications to review, and the one with a published run. */
const REVIEWED = 'Cross-Team Mentoring';
const RUN = 'Leadership Circle';
const WIDTHS = [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
];

async function programIds() {
  const coordinator = await apiSession(logins.coordinator);
  const programs = await coordinator.get('/programs?view=running');
  assert.equal(programs.status, 200);
  const ids = {};
  for (const name of [REVIEWED, RUN]) {
    const program = programs.body.items.find((p) => p.name === name);
    assert.ok(program, `the demo coordinator runs "${name}"`);
    ids[name] = program.id;
  }
  return ids;
}

/** How far the page is wider than the window (0: it fits). */
async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const [name, viewport] of WIDTHS) {
  test(`review status and the runs fit the ${name} width`, { skip }, async (t) => {
    const ids = await programIds();
    await withPage(
      t,
      async (page) => {
        await signIn(page, logins.coordinator);

        await page.goto(url(`/programs/${ids[REVIEWED]}/review`));
        await page.getByRole('heading', { level: 1, name: 'Applications' }).waitFor();
        await page.getByTestId('review-counts').waitFor();
        // The status choice: segments on a wide screen, a list on a phone; either changes it.
        if (name === 'phone') {
          assert.equal(await page.getByRole('radio', { name: 'Approved' }).count(), 0, 'no segments on a phone');
          await page.getByRole('combobox', { name: 'Status' }).click();
          await page.getByRole('option', { name: 'Approved' }).click();
        } else {
          await page.getByText('Approved', { exact: true }).click();
        }
        await page.getByTestId('review-table').waitFor();
        await expectText(page.getByText(/^\d[\d,]*–\d[\d,]* of \d[\d,]*$|^None$/), /./);
        const firstStatus = page.getByTestId('review-table').getByRole('row').nth(1);
        if (await firstStatus.count()) await expectText(firstStatus, /Approved/i);
        await page.waitForTimeout(300);
        assert.equal(await overflow(page), 0, 'the review page fits the window');
        const status = page.getByText('To review', { exact: true }).first();
        const box = await status.boundingBox();
        if (box) assert.ok(box.x + box.width <= viewport.width, 'the status choice is inside the window');
        await expectAccessible(page);
        await shot(page, `review-${name}`);

        await page.goto(url(`/programs/${ids[RUN]}/matching`));
        const history = page.getByTestId('proposal-history');
        await history.waitFor();
        await history.getByTestId('history-row').first().waitFor();
        const rowBox = await history.getByTestId('history-row').first().boundingBox();
        assert.ok(rowBox && rowBox.x + rowBox.width <= viewport.width, 'a run is inside the window');
        const show = history.getByRole('button', { name: /^Show run #\d+$/ }).first();
        const showBox = await show.boundingBox();
        assert.ok(showBox && showBox.x + showBox.width <= viewport.width, "a run's Show button is inside the window");
        assert.equal(await overflow(page), 0, 'the matching page fits the window');
        await expectAccessible(page);
        await shot(page, `runs-${name}`);
      },
      { viewport },
    );
  });
}
