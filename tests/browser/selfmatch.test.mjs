// The walk through a self-match program, all in the UI: a coordinator creates it with a
// form, two people apply (one as a mentee, one as a mentor), the coordinator approves both, the
// mentee asks the mentor, and the mentor accepts. axe on every page.

import { test } from 'node:test';
import { FEATURES, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';

const logins = await demoLogins();
const skip = FEATURES.programs ? false : 'the programs API is not in the server yet';

test('self-match: create with a form, apply, approve, request and accept', { skip }, async (t) => {
  const name = `Pick your mentor ${Date.now()}`;
  let programPath = '';
  await withPage(t, async (page) => {
    await signIn(page, logins.coordinator);
    await page.goto(url('/programs/new'));
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Type').first().click();
    await page.getByRole('option', { name: /Self-match/ }).click();
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    programPath = new URL(page.url()).pathname;

    await page.getByRole('link', { name: 'Mentee form' }).click();
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByRole('region', { name: 'Question 1' }).getByLabel('Question', { exact: true }).fill('What would you like to learn?');
    await page.getByRole('button', { name: 'Save form' }).click();
    await expectText(page.getByRole('status'), /Saved as version 1/);
    await page.goto(url(programPath));
    await page.getByRole('button', { name: 'Open for applications' }).click();
    await page.getByRole('button', { name: 'Close' }).waitFor();
  });

  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.goto(url(programPath));
    await page.getByRole('link', { name: 'Apply as a mentee' }).click();
    await page.getByLabel('What would you like to learn?').fill('Negotiation');
    await page.getByRole('button', { name: 'Send application' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your application as a mentee' }).waitFor();
  });
  await withPage(t, async (page) => {
    await signIn(page, logins.manager);
    await page.goto(url(programPath));
    await page.getByRole('link', { name: 'Apply as a mentor' }).click();
    await page.getByRole('button', { name: 'Send application' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your application as a mentor' }).waitFor();
  });

  await withPage(t, async (page) => {
    await signIn(page, logins.coordinator);
    await page.goto(url(`${programPath}/review`));
    await expectText(page.getByTestId('review-counts'), /2 to review/);
    await page.getByLabel('Select every application shown').check();
    await page.getByRole('button', { name: 'Approve selected' }).click();
    await expectText(page.getByTestId('review-counts'), /0 to review · 2 approved/);
  });

  let mentorName = '';
  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.goto(url(programPath));
    await page.getByRole('link', { name: 'Find a mentor' }).click();
    const card = page.getByTestId('mentor-card').first();
    await card.waitFor();
    await expectAccessible(page);
    await shot(page, 'mentor-browser');
    mentorName = (await card.getByRole('link').first().innerText()).trim();
    await card.getByRole('button', { name: `Ask ${mentorName}` }).click();
    await card.getByLabel(`Message to ${mentorName}`).fill('I would love your advice on negotiation.');
    await card.getByRole('button', { name: 'Send request' }).click();
    await expectText(card.getByRole('status'), /Request sent/);
    await page.locator('label', { hasText: /^My requests$/ }).click();
    await expectText(page.getByTestId('request-card').first(), /Waiting for an answer/);
    await expectAccessible(page);
  });

  await withPage(t, async (page) => {
    await signIn(page, logins.manager);
    await page.goto(url(`${programPath}/mentors`));
    await page.locator('label', { hasText: /^Requests to me$/ }).click();
    const request = page.getByTestId('request-card').first();
    await expectText(request, /I would love your advice/);
    await expectAccessible(page);
    await request.getByRole('button', { name: 'Accept' }).click();
    await expectText(page.getByTestId('request-card').first(), /Accepted/);
    await shot(page, 'request-accepted');
  });
});
