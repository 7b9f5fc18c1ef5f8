// Relationship health (issue 22): the coordinator opens the demo Leadership Circle's health
// board, sees an at-risk pair with its why in words, filters to at-risk pairs, previews the
// reminder ladder ("who would get what today") and nudges a pair; the admin sees the
// scheduler's last run and runs it by hand. axe and screenshots at desktop and phone width.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FEATURES, apiSession, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';

const logins = await demoLogins();
const PROGRAM = 'Leadership Circle';
const skip = FEATURES.programs ? false : 'the programs API is not in the server yet';
const PHONE = { width: 390, height: 844 };

async function programId() {
  const coordinator = await apiSession(logins.coordinator);
  const program = (await coordinator.get('/programs')).body.items.find((p) => p.name === PROGRAM);
  assert.ok(program, 'the demo program');
  // The scheduler scores pairs on its hourly tick; an admin's run makes sure it has run.
  const admin = await apiSession(logins.admin);
  const ran = await admin.call('POST', '/admin/scheduler/run');
  assert.equal(ran.status, 200, JSON.stringify(ran.body));
  return program.id;
}

for (const [name, viewport] of [
  ['desktop', undefined],
  ['phone', PHONE],
]) {
  test(`the coordinator sees at-risk pairs with their why, previews the ladder and nudges (${name})`, { skip }, async (t) => {
    const id = await programId();
    await withPage(
      t,
      async (page) => {
        await signIn(page, logins.coordinator);
        await page.goto(url(`/programs/${id}/health`));
        await expectText(page.getByRole('heading', { level: 1 }), /Relationship health/);
        const table = page.getByRole('table', { name: /Pairs, lowest score first/ });
        // The demo's pairs have months of meetings, so the lowest may be at risk or only need
        // attention: the board shows the lowest first, with its why in words.
        await expectText(table, /At risk|Needs attention/);
        await expectText(table, /the agreement says every \d+/);
        const lowest = await table.locator('tbody tr').first().innerText();
        const label = /At risk/.test(lowest) ? 'At risk' : 'Needs attention';
        await page.getByRole('textbox', { name: 'Health', exact: true }).or(page.getByLabel('Health', { exact: true })).first().click();
        await page.getByRole('option', { name: label }).click();
        await expectText(table, new RegExp(label));
        await expectAccessible(page);
        await shot(page, `health-board-${name}`);

        await page.getByRole('button', { name: 'Preview' }).click();
        await expectText(page.getByRole('alert').filter({ hasText: 'With these settings' }), /Who would get what today/);
        await shot(page, `health-preview-${name}`);

        await page.getByRole('checkbox', { name: /^Choose / }).first().check();
        await page.getByRole('button', { name: 'Nudge 1 pair' }).click();
        await expectText(page.getByRole('alert').filter({ hasText: 'Nudged' }), /on the way|already been nudged today/);
        await expectAccessible(page);
      },
      viewport ? { viewport } : undefined,
    );
  });
}

test('the admin sees the scheduler’s last run and runs it by hand', async (t) => {
  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    await page.goto(url('/admin/scheduler'));
    await expectText(page.getByRole('heading', { level: 1 }), /Scheduler/);
    await page.getByRole('button', { name: 'Run now' }).click();
    await expectText(page.getByRole('alert'), /scored \d+ pairs|Another server/);
    await expectText(page.getByRole('table'), /scored \d+ pair/);
    await expectAccessible(page);
    await shot(page, 'scheduler');
  });
});

test('a participant turns reminders off and on again in My account', async (t) => {
  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.goto(url('/me/account'));
    const toggle = page.getByRole('switch', { name: /Send me reminders about my mentoring/ });
    await toggle.waitFor();
    assert.equal(await toggle.isChecked(), true);
    await toggle.click({ force: true });
    await page.waitForFunction(async () => {
      const r = await fetch('/api/v1/me/reminders');
      return (await r.json()).non_essential_off === true;
    });
    await expectAccessible(page);
    await toggle.click({ force: true });
    await page.waitForFunction(async () => {
      const r = await fetch('/api/v1/me/reminders');
      return (await r.json()).non_essential_off === false;
    });
  });
});
