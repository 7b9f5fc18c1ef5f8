// A relationship walked end to end in the UI, on the demo's pending pair (the demo participant
// is the mentee, the demo admin the mentor, in "Leadership Circle"): both accept the agreement
// (the mentor adjusting the cadence first, so the mentee accepts again), the mentee sets a goal
// with milestones, both write private and shared notes, feedback both ways, and the mentee ends
// the relationship without blame; the coordinator reads the reason. Screenshots and axe at desktop
// and phone width on every tab.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FEATURES, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';

const logins = await demoLogins();
const skip = FEATURES.programs ? false : 'the programs API is not in the server yet';
const PROGRAM = 'Leadership Circle';
const PHONE = { viewport: { width: 390, height: 844 } };

/** Opens the demo pair's relationship from My mentoring and returns its path. */
async function openFromMyMentoring(page) {
  await page.goto(url('/mentoring'));
  await page.getByRole('heading', { level: 1, name: 'My mentoring' }).waitFor();
  const card = page.getByTestId('relationship').filter({ hasText: PROGRAM }).first();
  await card.waitFor();
  await card.getByRole('link', { name: /Open the (agreement|relationship)/ }).click();
  await page.getByTestId('agreement').waitFor();
  return new URL(page.url()).pathname;
}

async function tab(page, name) {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tabpanel', { name }).waitFor();
}

test('relationship: agreement, goal with milestones, notes, feedback both ways, no-fault ending', { skip, timeout: 5 * 60_000 }, async (t) => {
  let path = '';
  // The mentee sees the agreement to accept on My mentoring and accepts it.
  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.goto(url('/mentoring'));
    const card = page.getByTestId('relationship').filter({ hasText: PROGRAM }).first();
    await expectText(card.getByTestId('next-step'), /accept your mentoring agreement/);
    await expectAccessible(page);
    await shot(page, 'relationship-my-mentoring');
    path = await openFromMyMentoring(page);
    await expectText(page.getByTestId('agreement'), /Confidentiality.*Meetings.*How you meet.*Expected length/s);
    await expectAccessible(page);
    await shot(page, 'relationship-agreement-pending');
    await page.getByRole('button', { name: 'Accept the agreement' }).click();
    await expectText(page.getByTestId('agreement-accept'), /You accepted these terms/);
  });

  // The mentor asks to meet every three weeks: the mentee's acceptance is withdrawn.
  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    await page.goto(url(path));
    await page.getByTestId('agreement').waitFor();
    await page.getByLabel('Meet every (days)').fill('0');
    await page.getByRole('button', { name: 'Accept with my changes' }).click();
    await expectText(page.getByTestId('agreement'), /Meet at least every/); // cadence 0 is refused
    await page.getByLabel('Meet every (days)').fill('21');
    await page.getByRole('button', { name: 'Accept with my changes' }).click();
    await expectText(page.getByTestId('agreement-accept'), /You accepted these terms/);
    await expectText(page.getByTestId('agreement'), /every 21 days/);
  });

  // The mentee accepts the new terms: the relationship is active. Then a SMART goal.
  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.goto(url(path));
    await expectText(page.getByTestId('agreement-accept'), /accepted these terms\. Accept them too/);
    await page.getByRole('button', { name: 'Accept the agreement' }).click();
    await expectText(page.getByTestId('agreement'), /Accepted by both/);
    await expectText(page.locator('main'), /Active/);

    await tab(page, 'Goals');
    await page.getByRole('button', { name: 'Add a goal' }).click();
    await page.getByLabel('What do you want to achieve?').fill('Present at the quarterly all-hands');
    await page.getByLabel('How will you measure it?').fill('Talks given to 100+ people');
    await page.getByRole('button', { name: 'Add the goal' }).click();
    const goal = page.getByTestId('goal').first();
    await expectText(goal.getByTestId('goal-checks'), /No target yet/);
    for (const milestone of ['Choose a topic', 'Rehearse with my mentor']) {
      await goal.getByLabel('New milestone').fill(milestone);
      await goal.getByRole('button', { name: 'Add milestone' }).click();
      await goal.getByRole('checkbox', { name: new RegExp(milestone) }).waitFor();
    }
    await goal.getByRole('checkbox', { name: /Choose a topic/ }).click(); // saved, then shown ticked
    await expectText(goal, /50% done/);
    await goal.getByRole('button', { name: 'Show the history' }).click();
    await expectText(goal.getByTestId('goal-history'), /Milestone “Choose a topic” from “open” to “done”/);
    await expectAccessible(page);
    await shot(page, 'relationship-goals');

    await tab(page, 'Notes');
    await page.getByLabel('New note').fill('Nervous about the talk; ask how they prepare.');
    await page.getByRole('button', { name: 'Save the note' }).click();
    await expectText(page.getByTestId('note').first(), /Private: only you.*Nervous about the talk/s);
    await page.getByText(/^Shared with /).click();
    await page.getByLabel('New note').fill('Agenda for next time: the talk outline.');
    await page.getByRole('button', { name: 'Save the note' }).click();
    await expectText(page.getByTestId('note').first(), /Shared with.*Agenda for next time/s);
    await expectAccessible(page);
    await shot(page, 'relationship-notes');

    await tab(page, 'Feedback');
    await page.getByText('4', { exact: true }).click();
    await page.getByLabel('A comment (optional)').fill('Clear and practical.');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await expectText(page.getByTestId('feedback-round').first(), /You: 4 out of 5.*has not answered yet/s);
    await expectAccessible(page);
  });

  // The mentor: confirms the goal, sees the shared note but never the private one, answers the
  // feedback and then sees the mentee's; introduces the mentee to the demo manager. Phone width.
  await withPage(
    t,
    async (page) => {
      await signIn(page, logins.admin);
      await page.goto(url(path));
      await page.getByTestId('agreement').waitFor();
      await expectAccessible(page);
      await shot(page, 'relationship-overview-phone');
      await tab(page, 'Goals');
      const goal = page.getByTestId('goal').first();
      await goal.getByRole('button', { name: 'Confirm it is achievable' }).click();
      await expectText(goal, /Achievable/);
      await expectAccessible(page);
      await shot(page, 'relationship-goals-phone');

      await tab(page, 'Notes');
      await expectText(page.getByTestId('note').first(), /Agenda for next time/);
      assert.equal(await page.getByText(/Nervous about the talk/).count(), 0, 'the mentee’s private note stays private');
      await expectAccessible(page);
      await shot(page, 'relationship-notes-phone');

      await tab(page, 'Feedback');
      await expectText(page.getByTestId('feedback-round').first(), /answered; you see it once you answer too/);
      await page.getByText('5', { exact: true }).click();
      await page.getByRole('button', { name: 'Send feedback' }).click();
      await expectText(page.getByTestId('feedback-round').first(), /You: 5 out of 5.*4 out of 5.*Clear and practical/s);
      await expectAccessible(page);
      await shot(page, 'relationship-feedback-phone');

      if (logins.manager) {
        await tab(page, 'Introductions');
        const form = page.getByTestId('introduce-form');
        const managerEmail = logins.manager;
        await form.getByRole('combobox', { name: 'Who?' }).fill(managerEmail.split('@')[0].split('.')[0]);
        await page.getByRole('option').first().click();
        await form.getByLabel('Why should they meet?').fill('Ran the all-hands for two years.');
        await form.getByRole('button', { name: 'Send the introduction' }).click();
        await expectText(page.getByTestId('introduction').first(), /Ran the all-hands/);
        await expectAccessible(page);
        await shot(page, 'relationship-introductions-phone');
      }
    },
    PHONE,
  );

  // The mentee ends it without blame; the history stays.
  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.goto(url(path));
    await page.getByRole('button', { name: 'End the relationship' }).click();
    const dialog = page.getByRole('dialog', { name: 'End the relationship' });
    await dialog.getByLabel('Why does it end?').first().click();
    await page.getByRole('option', { name: 'No time' }).click();
    await dialog.getByLabel(/A word for the coordinator/).fill('A launch takes all my time this quarter.');
    await page.waitForTimeout(400); // the dialog's fade-in, which axe would see as low contrast
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'End the relationship' }).click();
    await expectText(page.getByTestId('ending'), /Ended early.*Reason: No time/s);
    await tab(page, 'Notes');
    await expectText(page.getByTestId('note').first(), /Agenda for next time/); // kept
    await expectAccessible(page);
    await shot(page, 'relationship-ended');
  });

  // The coordinator sees the reason and the comment, and the table of the program's pairs.
  if (logins.coordinator) {
    await withPage(t, async (page) => {
      await signIn(page, logins.coordinator);
      await page.goto(url(path));
      await expectText(page.getByTestId('ending'), /Reason: No time.*A launch takes all my time/s);
      await page.getByRole('button', { name: /^Rematch / }).waitFor();
      await page.getByRole('link', { name: PROGRAM }).first().click();
      const table = page.getByTestId('program-relationships');
      await expectText(table.getByTestId('relationships-count'), /^[\d,]+ relationships$/);
      await table.getByLabel('Status').first().click();
      await page.getByRole('option', { name: 'Ended early' }).click();
      await expectText(table.getByTestId('relationships-table'), /Ended early/);
      // Each pair's activity, counted: the last meeting held and the goals (never their text).
      await expectText(table.getByTestId('relationships-table'), /Last meeting[\s\S]*Goals/);
      await expectText(table.getByTestId('relationships-table'), /(\d+ goals?, \d+ done|No goals yet)/);
      await expectAccessible(page);
      await shot(page, 'program-relationships');
    });
    await withPage(
      t,
      async (page) => {
        await signIn(page, logins.coordinator);
        await page.goto(url(path));
        await page.getByTestId('ending').waitFor();
        await expectAccessible(page);
        await shot(page, 'relationship-coordinator-phone');
      },
      PHONE,
    );
  }
});
