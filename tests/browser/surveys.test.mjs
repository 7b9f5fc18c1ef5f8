// Surveys (issue 23): the coordinator schedules a mid-point survey on the demo's Leadership
// Circle; the clock moves (`pairwise tick --at`, the scheduler catching up an hour two days
// back, against the server's database, so that its mail is due now);
// the survey mails arrive at a real SMTP server on loopback; one link is answered on a 390 px
// page without signing in; the results stay hidden until 5 answers exist, then show the NPS.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BASE_URL, FEATURES, apiSession, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';

const logins = await demoLogins();
const SINK = process.env.PAIRWISE_SMTP_SINK_DIR;
const BINARY = process.env.PAIRWISE_BINARY;
const DATABASE = process.env.PAIRWISE_DATABASE;
const skip = !FEATURES.programs
  ? 'the programs API is not in the server yet'
  : !SINK || !BINARY || !DATABASE
    ? 'PAIRWISE_SMTP_SINK_DIR, PAIRWISE_BINARY and PAIRWISE_DATABASE are needed (scripts/test.sh sets them)'
    : false;
const PHONE = { viewport: { width: 390, height: 844 } };

async function until(what, check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Every survey link in the mails the sink received. */
async function linksAtSink() {
  const files = (await readdir(SINK)).filter((f) => f.endsWith('.eml'));
  const tokens = new Set();
  for (const f of files) {
    const raw = await readFile(join(SINK, f), 'latin1');
    for (const m of raw.matchAll(/\/survey-links\/([A-Za-z0-9_-]{43})/g)) tokens.add(m[1]);
  }
  return [...tokens];
}

/** The survey a link opens, without a session. */
async function linkSurvey(token) {
  const response = await fetch(url(`/api/v1/survey-links/${token}`), { headers: { Accept: 'application/json' } });
  return response.status === 200 ? response.json() : null;
}

async function answerByLink(token, nps) {
  const response = await fetch(url(`/api/v1/survey-links/${token}/answers`), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Origin: BASE_URL },
    body: JSON.stringify({ answers: { recommend: nps } }),
  });
  return response.status;
}

test('a scheduled mid-point survey reaches the pairs, is answered on a phone, and shows results from 5 answers', { skip }, async (t) => {
  const coordinator = await apiSession(logins.coordinator);
  const program = (await coordinator.get('/programs')).body.items.find((p) => p.name === 'Leadership Circle');
  assert.ok(program, 'the demo program');
  const title = `Mid-point check-in ${Date.now()}`;

  // The coordinator builds and schedules the survey in the page: halfway, open 90 days.
  await withPage(t, async (page) => {
    await signIn(page, logins.coordinator);
    await page.goto(url(`/programs/${program.id}/surveys`));
    await expectText(page.getByRole('heading', { level: 1 }), /Surveys/);
    await page.getByRole('button', { name: 'New survey' }).click();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Open for (days)').fill('90');
    await expectAccessible(page);
    await shot(page, 'survey-builder');
    const created = page.waitForResponse((r) => r.url().endsWith(`/programs/${program.id}/surveys`) && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Schedule the survey' }).click();
    assert.equal((await created).status(), 201);
    await expectText(page.getByTestId('survey-card').filter({ hasText: title }), /halfway through each relationship/);
  });

  // The clock moves: the tick of an hour two days back (as the scheduler catches up an hour it
  // missed, against the server's database) sends the survey to every pair that was halfway
  // through in the 90 days before; its mail is due at once.
  const at = new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const { stdout } = await promisify(execFile)(BINARY, ['--log-level', 'warn', '--database', DATABASE, 'tick', '--again', '--at', at], {
    env: { ...process.env, PAIRWISE_BASE_URL: BASE_URL },
  });
  t.diagnostic(stdout.trim());

  // The mails arrive at the SMTP server; the links that open this survey.
  const mine = await until('five survey mails at the SMTP server', async () => {
    const found = [];
    for (const token of await linksAtSink()) {
      const survey = await linkSurvey(token);
      if (survey?.title === title && !survey.answered) found.push(token);
    }
    return found.length >= 5 ? found : null;
  });

  // One link, on a phone, without signing in.
  await withPage(
    t,
    async (page) => {
      await page.goto(url(`/survey-links/${mine[0]}`));
      await expectText(page.getByRole('heading', { level: 1 }), title);
      await expectText(page.getByText(/anonymous/).first(), /stored without your name/);
      // The NPS scale's 9 (a segmented control: its label is what a finger taps).
      await page.locator('label').filter({ hasText: /^9$/ }).first().click();
      // Each of the matrix's three items: 4 of 5 (the first "4" is the NPS scale's).
      for (const item of [1, 2, 3]) await page.locator('label').filter({ hasText: /^4$/ }).nth(item).click();
      await expectAccessible(page);
      await shot(page, 'survey-answer-phone');
      const sent = page.waitForResponse((r) => r.url().includes('/survey-links/') && r.request().method() === 'POST');
      await page.getByRole('button', { name: 'Send my answers' }).click();
      assert.equal((await sent).status(), 201);
      await expectText(page.getByRole('status'), /Your answers are in/);
      // The link works once.
      await page.reload();
      await expectText(page.getByRole('status'), /You have answered this survey/);
    },
    PHONE,
  );
  assert.equal(await answerByLink(mine[0], 3), 409, 'a second use of the link is refused');
  for (const token of mine.slice(1, 4)) assert.equal(await answerByLink(token, 8), 201);

  // Four answers: nothing to see yet. The fifth: the results.
  const survey = (await coordinator.get(`/programs/${program.id}/surveys`)).body.items.find((s) => s.title === title);
  await withPage(t, async (page) => {
    await signIn(page, logins.coordinator);
    await page.goto(url(`/programs/${program.id}/surveys`));
    const card = page.getByTestId('survey-card').filter({ hasText: title });
    await card.getByRole('button', { name: 'Results' }).click();
    await expectText(card.getByTestId('results-hidden'), /at least 5 answers/);
    await expectText(card.getByTestId('survey-response-count'), /asked/);
    assert.equal(await answerByLink(mine[4], 10), 201);
    const results = page.waitForResponse((r) => r.url().includes(`/surveys/${survey.id}/results`));
    await page.reload();
    await page.getByTestId('survey-card').filter({ hasText: title }).getByRole('button', { name: 'Results' }).click();
    await results;
    const shown = page.getByTestId('survey-card').filter({ hasText: title });
    await expectText(shown.getByTestId('survey-response-count'), /5 answered/);
    await expectText(shown.getByTestId('nps').first(), /Net promoter score \+40/);
    await expectAccessible(page);
    await shot(page, 'survey-results');
  });
});
