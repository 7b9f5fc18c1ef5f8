// Forms, applications and review through the UI: a coordinator builds a mentee form, a
// participant applies, the coordinator approves from the review table, the participant's
// manager sees the participation (never the answers); and a one-on-one program reaches "ready
// to match" with 1,000 approved applicants from the demo organization. axe on every page.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FEATURES,
  apiSession,
  demoLogins,
  expectAccessible,
  expectText,
  shot,
  signIn,
  url,
  withPage,
} from './harness.mjs';

const logins = await demoLogins();
const skip = FEATURES.programs ? false : 'the programs API is not in the server yet';

function programBody(name) {
  const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return {
    name,
    type: 'one_on_one',
    need: 'career_development',
    start_date: day(40),
    end_date: day(220),
    enrollment_opens: day(-1),
    enrollment_closes: day(30),
  };
}

test('a coordinator builds a form, a participant applies, the coordinator approves', { skip }, async (t) => {
  const coordinator = await apiSession(logins.coordinator);
  const created = await coordinator.call('POST', '/programs', programBody(`Apply here ${Date.now()}`));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  assert.equal((await coordinator.call('POST', `/programs/${id}/open`)).status, 200);

  await withPage(t, async (page) => {
    await signIn(page, logins.coordinator);
    await page.goto(url(`/programs/${id}/forms/mentee`));
    await page.getByRole('button', { name: 'Add a question' }).click();
    const first = page.getByRole('region', { name: 'Question 1' });
    await first.getByLabel('Question', { exact: true }).fill('What do you want to grow in?');
    await first.getByLabel('An answer is required').check();
    await page.getByRole('button', { name: 'Add a question' }).click();
    const second = page.getByRole('region', { name: 'Question 2' });
    await second.getByLabel('Question', { exact: true }).fill('How confident are you today?');
    await second.getByLabel('Kind of answer').click();
    await page.getByRole('option', { name: 'Scale 1 to 5' }).click();
    await page.getByRole('button', { name: 'Save form' }).click();
    await expectText(page.getByRole('status'), /Saved as version 1/);
    await expectAccessible(page);
    await shot(page, 'form-builder');
  });

  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.goto(url(`/programs/${id}`));
    await page.getByRole('link', { name: 'Apply as a mentee' }).click();
    await page.getByRole('button', { name: 'Send application' }).click();
    await expectText(page.locator('form'), /needs an answer/);  // the required question, on its field
    await page.getByLabel('What do you want to grow in?').fill('Leading a small team');
    await page.getByLabel('How confident are you today?').first().click();
    await page.getByRole('option', { name: '3' }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Send application' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your application as a mentee' }).waitFor();
    await expectText(page.locator('body'), /Leading a small team/);
    await expectAccessible(page);
    await shot(page, 'application');
  });

  await withPage(t, async (page) => {
    await signIn(page, logins.coordinator);
    await page.goto(url(`/programs/${id}/review`));
    await page.getByTestId('review-table').waitFor();
    await expectText(page.getByTestId('review-counts'), /1 to review/);
    await expectAccessible(page);
    await page.getByLabel('Select every application shown').check();
    await page.getByLabel('Message to the applicants (optional)').fill('Welcome to the program!');
    await page.getByRole('button', { name: 'Approve selected' }).click();
    await expectText(page.getByTestId('review-counts'), /0 to review · 1 approved/);
    await shot(page, 'review');
  });

  // The participant's manager sees the participation, never the answers.
  const participant = await apiSession(logins.participant);
  const me = await participant.get(`/people/${encodeURIComponent(participant.account.employee_id)}`);
  const managerId = me.body.person.manager_employee_id;
  const mine = await participant.get('/me/applications');
  assert.equal(mine.body.items[0].status, 'approved');
  if (managerId === (await apiSession(logins.manager)).account.employee_id) {
    await withPage(t, async (page) => {
      await signIn(page, logins.manager);
      await page.goto(url('/me/team'));
      await expectText(page.getByTestId('team-entry').filter({ hasText: 'Apply here' }).first(), /Approved as a mentee; not matched yet\./);
      assert.equal(await page.getByText('Leading a small team').count(), 0);
      await expectAccessible(page);
    });
  }
  const manager = await apiSession(logins.manager);
  const answers = await manager.get(`/applications/${mine.body.items[0].id}`);
  assert.equal(answers.status, 404, 'a manager never reads answers');
});

test('a one-on-one program reaches ready to match with 1,000 approved applicants', { skip }, async (t) => {
  const coordinator = await apiSession(logins.coordinator);
  const created = await coordinator.call('POST', '/programs', programBody(`Thousand ${Date.now()}`));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  assert.equal((await coordinator.call('POST', `/programs/${id}/open`)).status, 200);
  const people = [];
  let cursor;
  while (people.length < 1000) {
    const page = await coordinator.get(`/people?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(page.status, 200);
    people.push(...page.body.items.map((p) => p.employee_id));
    cursor = page.body.next_cursor;
    if (!cursor) break;
  }
  assert.ok(people.length >= 1000, 'the demo organization has 1,000 active people');
  const nominated = await coordinator.call('POST', `/programs/${id}/nominations`, {
    side: 'mentee',
    employee_ids: people.slice(0, 1000),
  });
  assert.equal(nominated.status, 200, JSON.stringify(nominated.body));
  assert.equal(nominated.body.updated, 1000);

  await withPage(t, async (page) => {
    await signIn(page, logins.coordinator);
    await page.goto(url(`/programs/${id}/review`));
    await page.locator('label', { hasText: /^Approved$/ }).click();
    await expectText(page.getByTestId('review-counts'), /0 to review · 1000 approved/);
    await expectText(page.locator('body'), /1–200 of 1000/);
    await expectAccessible(page);
    await shot(page, 'review-thousand');
  });
});
