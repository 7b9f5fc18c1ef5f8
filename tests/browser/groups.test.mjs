// A group program's relationship with several mentees, in the UI: the coordinator (also the
// program's shadow mentor) makes a group — the demo admin mentoring the demo participant, the demo
// manager and a third person — through the API; the mentees find the group on My mentoring, accept
// their own agreements, share group notes on the relationship page's Group tab (read by every
// member, never by the coordinator), and the shadow mentor writes to a pair. Axe and screenshots
// at desktop and phone width.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FEATURES, apiSession, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';
import { makeGroup, ok } from './group_fixture.mjs';

const logins = await demoLogins();
const skip = FEATURES.programs ? false : 'the programs API is not in the server yet';
const PHONE = { viewport: { width: 390, height: 844 } };

async function tab(page, name) {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tabpanel', { name }).waitFor();
}

test('group program: several mentees, one group, group notes for the group only, the shadow mentor writes', { skip, timeout: 5 * 60_000 }, async (t) => {
  assert.ok(logins.coordinator && logins.manager, 'the demo has a coordinator and a manager login');
  const coordinator = await apiSession(logins.coordinator);
  const mentor = await apiSession(logins.admin);
  const participant = await apiSession(logins.participant);
  const manager = await apiSession(logins.manager);
  const people = ok(await coordinator.get('/people?limit=50'), 200, 'people').items.map((p) => p.employee_id);
  const group = await makeGroup(
    coordinator,
    mentor.account.employee_id,
    [participant.account.employee_id, manager.account.employee_id],
    people.filter((id) => id !== coordinator.account.employee_id),
  );
  const pathOf = (session) =>
    `/relationships/${group.relationships.find((r) => r.mentee.employee_id === session.account.employee_id).id}`;

  // Each mentee finds the group on My mentoring and accepts their own agreement; the mentor too.
  for (const [login, session] of [
    [logins.participant, participant],
    [logins.manager, manager],
  ]) {
    await withPage(t, async (page) => {
      await signIn(page, login);
      await page.goto(url('/mentoring'));
      const card = page.getByTestId('relationship').filter({ hasText: group.name });
      await expectText(card.getByTestId('group-line'), /A group with .+, mentoring you with .+, .+\./);
      await expectAccessible(page);
      await shot(page, 'groups-my-mentoring');
      await page.goto(url(pathOf(session)));
      await page.getByRole('button', { name: 'Accept the agreement' }).click();
      await expectText(page.getByTestId('agreement-accept'), /You accepted these terms/);
    });
  }
  for (const r of group.relationships) {
    const detail = ok(await mentor.get(`/relationships/${r.id}`), 200, 'detail');
    ok(await mentor.call('POST', `/relationships/${r.id}/agreement/accept`, { version: detail.agreement.version }), 200, 'mentor accepts');
  }

  // The participant shares a group note on the Group tab.
  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.goto(url(`${pathOf(participant)}/group`));
    await tab(page, 'Group');
    await expectText(page.getByTestId('group-members'), /The group: 4 people/);
    assert.equal(await page.getByTestId('group-mentee').count(), 3);
    await page.getByLabel('New group note').fill('Reading for Thursday: chapter 3 of the leadership book.');
    await page.getByRole('button', { name: 'Share with the group' }).click();
    await expectText(page.getByTestId('group-note').first(), /You.*Reading for Thursday/s);
    await expectAccessible(page);
    await shot(page, 'groups-group-tab');
  });

  // The manager, another mentee, reads it through their own relationship — at phone width.
  await withPage(
    t,
    async (page) => {
      await signIn(page, logins.manager);
      await page.goto(url(`${pathOf(manager)}/group`));
      await tab(page, 'Group');
      await expectText(page.getByTestId('group-note').first(), /Reading for Thursday/);
      assert.equal(await page.getByRole('button', { name: 'Edit' }).count(), 0, 'only its author edits it');
      await expectAccessible(page);
      await shot(page, 'groups-group-tab-phone');
    },
    PHONE,
  );

  // The mentor sees every mentee's relationship linked, and the note.
  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    await page.goto(url('/mentoring'));
    await expectText(page.getByTestId('group-line').first(), /You mentor a group of 3/);
    await page.goto(url(`${pathOf(participant)}/group`));
    await tab(page, 'Group');
    assert.equal(await page.getByTestId('group-mentee').getByRole('link').count(), 3);
    await expectText(page.getByTestId('group-note').first(), /Reading for Thursday/);
  });

  // The coordinator, also the shadow mentor: sees who is in the group, never its notes; writes to
  // the participant's pair, which the participant then reads.
  await withPage(t, async (page) => {
    await signIn(page, logins.coordinator);
    await page.goto(url(`${pathOf(participant)}/group`));
    await tab(page, 'Group');
    await page.getByTestId('group-members').waitFor();
    assert.equal(await page.getByTestId('group-note').count(), 0);
    assert.equal(await page.getByText('Reading for Thursday').count(), 0);
    await tab(page, 'Shadow mentor');
    await page.getByLabel('Message to the pair').fill('How is the group going for you two? I am around on Fridays.');
    await page.getByRole('button', { name: 'Send to both' }).click();
    await expectText(page.getByTestId('pair-message').first(), /I am around on Fridays/);
    await expectAccessible(page);
    await shot(page, 'groups-shadow-mentor');
  });
  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.goto(url(`${pathOf(participant)}/messages`));
    await tab(page, 'Shadow mentor');
    await expectText(page.getByTestId('pair-message').first(), /I am around on Fridays/);
    assert.equal(await page.getByLabel('Message to the pair').count(), 0, 'the pair reads; the shadow mentor writes');
    await expectAccessible(page);
  });
});
