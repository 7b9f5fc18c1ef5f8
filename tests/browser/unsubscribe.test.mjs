// One-click unsubscribe (issue 20, RFC 8058): the scheduler's reminders reach a real SMTP server
// on loopback (aiosmtpd; PAIRWISE_SMTP_SINK_DIR names its folder; the server under test must send
// to it) with a List-Unsubscribe link. A person opens the link in the browser without signing in:
// the page says what stops and changes nothing until they confirm; after confirming, their
// account page shows reminders off, and they turn them back on there. A link that is not ours
// shows a clear "does not work" page with status 404. axe and screenshots at desktop and phone.

import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { FEATURES, apiSession, demoLogins, expectAccessible, expectText, shot, url, withPage } from './harness.mjs';

const logins = await demoLogins();
const SINK = process.env.PAIRWISE_SMTP_SINK_DIR;
const skip = !FEATURES.programs
  ? 'the programs API is not in the server yet'
  : !SINK
    ? 'PAIRWISE_SMTP_SINK_DIR is not set: run the server with --smtp to tests/mail/smtp_sink.py (scripts/test.sh does)'
    : false;
const PASSWORD = 'unsubscribe password 1234';

async function until(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Every reminder at the sink: its recipient and its one-click link's path, newest first. */
async function reminderLinks() {
  const out = [];
  const files = (await readdir(SINK)).filter((f) => f.endsWith('.eml')).sort((a, b) => parseInt(b) - parseInt(a));
  for (const f of files) {
    const raw = await readFile(join(SINK, f), 'latin1');
    const header = /\r\nList-Unsubscribe: <[^>]*(\/unsubscribe\/[A-Za-z0-9_-]+)>\r\n/.exec(raw);
    if (!header) continue;
    assert.match(raw, /\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n/);
    const to = /\r\nTo: (\S+)\r\n/.exec(raw)[1];
    out.push({ to, path: header[1] });
  }
  return out;
}

/**
 * A reminder whose person has reminders on and no account yet, made one with PASSWORD through an
 * admin's invitation: { email, path }. The scheduler's run makes the demo's reminders.
 */
async function freshReminder(admin) {
  const ran = await admin.call('POST', '/admin/scheduler/run');
  assert.equal(ran.status, 200, JSON.stringify(ran.body));
  return until('a reminder for a person without an account', async () => {
    for (const link of await reminderLinks()) {
      const view = await fetch(url(`/api/v1${link.path}`));
      if (view.status !== 200 || (await view.json()).reminders_off) continue;
      const person = (await admin.get(`/people?q=${encodeURIComponent(link.to)}&limit=5`)).body.items.find(
        (p) => p.email.toLowerCase() === link.to.toLowerCase(),
      );
      if (!person) continue;
      const invited = await admin.call('POST', '/accounts/invitations', { employee_id: person.employee_id, roles: [] });
      if (invited.status !== 201) continue; // has an account already
      const mail = await until('the invitation', async () =>
        (await admin.get('/admin/mail?limit=200')).body.items.find(
          (m) => m.to.toLowerCase() === person.email.toLowerCase() && /redeem\//.test(m.text),
        ),
      );
      const token = /redeem\/([A-Za-z0-9_-]+)/.exec(mail.text)[1];
      const redeemed = await fetch(url('/api/v1/auth/redeem'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ token, new_password: PASSWORD }),
      });
      assert.ok(redeemed.status < 300, `redeem: ${redeemed.status}`);
      return { email: person.email, path: link.path };
    }
    return null;
  });
}

for (const [name, viewport] of [
  ['desktop', undefined],
  ['phone', { width: 390, height: 844 }],
]) {
  test(`a reminder's unsubscribe link asks, then turns reminders off (${name})`, { skip }, async (t) => {
    const admin = await apiSession(logins.admin);
    const { email, path } = await freshReminder(admin);
    const person = await apiSession(email, PASSWORD);
    assert.equal((await person.get('/me/reminders')).body.non_essential_off, false);
    await withPage(
      t,
      async (page) => {
        // Opening the link (as a scanner would) changes nothing.
        const opened = await page.goto(url(path));
        assert.equal(opened.status(), 200);
        await expectText(page.getByRole('heading', { level: 1 }), 'Stop reminders?');
        await expectText(page.getByRole('main'), /reminders of your mentoring meetings the day before/);
        assert.equal((await person.get('/me/reminders')).body.non_essential_off, false, 'a GET unsubscribed');
        await expectAccessible(page);
        await shot(page, `unsubscribe-ask-${name}`);

        const confirmed = page.waitForResponse((r) => r.url().includes('/api/v1/unsubscribe/') && r.request().method() === 'POST');
        await page.getByRole('button', { name: 'Stop these reminders' }).click();
        assert.equal((await confirmed).status(), 200);
        await expectText(page.getByRole('heading', { level: 1 }), 'Reminders are off');
        await expectAccessible(page);
        await shot(page, `unsubscribe-done-${name}`);

        // Signed in, the person sees the setting off and turns it back on.
        await page.getByRole('link', { name: 'your reminder settings' }).click();
        await page.getByLabel('Email address').fill(email);
        await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(/\/me\/account/);
        const reminders = page.getByRole('switch', { name: /Send me reminders about my mentoring/ });
        await reminders.waitFor();
        await until('the switch to load', async () => !(await reminders.isDisabled()), 10_000);
        assert.equal(await reminders.isChecked(), false, 'the account page shows reminders off');
        const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me/reminders') && r.request().method() === 'PUT');
        await reminders.click({ force: true });
        assert.equal((await saved).status(), 200);
        assert.equal((await person.get('/me/reminders')).body.non_essential_off, false);
      },
      viewport ? { viewport } : {},
    );
  });
}

test('a link that is not ours shows a clear page with status 404', { skip }, async (t) => {
  await withPage(t, async (page) => {
    const opened = await page.goto(url(`/unsubscribe/${'A'.repeat(43)}`));
    assert.equal(opened.status(), 404);
    await expectText(page.getByRole('heading', { level: 1 }), 'This link does not work');
    await expectAccessible(page);
  });
});
