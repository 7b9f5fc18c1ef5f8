// A group's meetings in the UI (group programs): the mentor (the demo admin) plans one meeting
// for the whole group on the Group tab; each mentee whose agreement is accepted is invited and
// says whether they can come (the participant at phone width, in the UI; the manager through the
// API); the mentor sees the answers and cancels a second meeting; the program's coordinator sees
// when the group meets and who comes, never the agenda or the link; the mentor plans another
// at a time picked from the times that suit the whole group; the mentor logs a meeting with an
// action item for a mentee, who finds it in their list. Axe at desktop and phone width.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FEATURES, apiSession, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';
import { day, makeGroup, ok } from './group_fixture.mjs';

const logins = await demoLogins();
const skip = FEATURES.programs ? false : 'the programs API is not in the server yet';
const PHONE = { viewport: { width: 390, height: 844 } };

async function tab(page, name) {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tabpanel', { name }).waitFor();
}

test('group meetings: the mentor plans one meeting for the group, each member answers, the coordinator sees who comes', { skip, timeout: 5 * 60_000 }, async (t) => {
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
  const relationshipOf = (session) =>
    group.relationships.find((r) => r.mentee.employee_id === session.account.employee_id).id;
  // The participant and the manager accept their agreements (the third mentee does not yet: not
  // invited), and the mentor accepts all three.
  for (const session of [participant, manager]) {
    const id = relationshipOf(session);
    const detail = ok(await session.get(`/relationships/${id}`), 200, 'detail');
    ok(await session.call('POST', `/relationships/${id}/agreement/accept`, { version: detail.agreement.version }), 200, 'mentee accepts');
  }
  for (const r of group.relationships) {
    const detail = ok(await mentor.get(`/relationships/${r.id}`), 200, 'detail');
    ok(await mentor.call('POST', `/relationships/${r.id}/agreement/accept`, { version: detail.agreement.version }), 200, 'mentor accepts');
  }
  const path = `/relationships/${relationshipOf(participant)}/group`;
  // A day of its own for this run (the mentor's meetings must not overlap an earlier run's).
  const when = `${day(3 + (Math.floor(Date.now() / 60_000) % 300))}T16:30`;

  // The mentor plans the meeting on the Group tab.
  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    await page.goto(url(path));
    await tab(page, 'Group');
    const section = page.getByTestId('group-meetings');
    await expectText(section, /No group meeting planned yet/);
    await section.getByRole('button', { name: 'Plan a group meeting' }).click();
    const dialog = page.getByRole('dialog', { name: 'Plan a group meeting' });
    await dialog.getByLabel('When (your time)').fill(when);
    await dialog.getByLabel('Video link').fill('https://meet.example.com/peer-circle');
    await dialog.getByLabel('Agenda').fill('Round of introductions; what each of us wants from the circle.');
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/group/meetings') && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: 'Send invitations' }).click();
    assert.equal((await created).status(), 201);
    const card = section.getByTestId('group-meeting').first();
    await expectText(card, /Round of introductions/);
    assert.equal(await card.getByTestId('group-attendee').count(), 2, 'the two active mentees are invited');
    await expectText(card, /Invited \(0 coming\)/);
    await expectAccessible(page);
    await shot(page, 'group-meetings-mentor');
  });

  // The participant says they will come, at phone width.
  await withPage(
    t,
    async (page) => {
      await signIn(page, logins.participant);
      await page.goto(url(path));
      await tab(page, 'Group');
      const card = page.getByTestId('group-meeting').first();
      await expectText(card.getByTestId('my-response'), /Can you come\?/);
      const answered = page.waitForResponse((r) => r.url().endsWith('/respond') && r.request().method() === 'POST');
      await card.getByRole('button', { name: 'I’ll come' }).click();
      assert.equal((await answered).status(), 200);
      await expectText(card.getByTestId('my-response'), /You said: coming\./);
      await expectAccessible(page);
      await shot(page, 'group-meetings-mentee-phone');
    },
    PHONE,
  );

  // The manager, the other invited mentee, cannot come.
  const meetings = ok(await manager.get(`/relationships/${relationshipOf(manager)}/group/meetings`), 200, 'list').items;
  assert.equal(meetings.length, 1);
  assert.equal(meetings[0].awaiting_me, true);
  ok(
    await manager.call('POST', `/relationships/${relationshipOf(manager)}/group/meetings/${meetings[0].id}/respond`, { response: 'declined' }),
    200,
    'decline',
  );

  // The mentor sees both answers, and cancels a second meeting planned through the API.
  const second = ok(
    await mentor.call('POST', `${path}/meetings`, { starts_at: new Date(Date.parse(`${when}:00Z`) + 7 * 86_400_000).toISOString() }),
    201,
    'a second meeting',
  );
  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    await page.goto(url(path));
    await tab(page, 'Group');
    const first = page.getByTestId('group-meeting').filter({ hasText: 'Round of introductions' });
    await expectText(first, /Invited \(1 coming\)/);
    await expectText(first, /cannot come/);
    const other = page.getByTestId('group-meeting').filter({ hasNotText: 'Round of introductions' });
    const cancelled = page.waitForResponse(
      (r) => r.url().endsWith(`/group/meetings/${second.id}/cancel`) && r.request().method() === 'POST',
    );
    await other.getByRole('button', { name: 'Cancel meeting' }).click();
    assert.equal((await cancelled).status(), 200);
    await expectText(page.getByTestId('group-meeting').filter({ hasText: 'Cancelled' }), /Cancelled/);
    await expectAccessible(page);
  });

  // The coordinator (the program's shadow mentor too) sees when and who, not the agenda.
  await withPage(t, async (page) => {
    await signIn(page, logins.coordinator);
    await page.goto(url(path));
    await tab(page, 'Group');
    const section = page.getByTestId('group-meetings');
    await expectText(section, /the agenda, the link and what was talked about stay with the group/);
    await expectText(section.getByTestId('group-meeting').first(), /Invited \(1 coming\)/);
    assert.equal(await page.getByText('Round of introductions').count(), 0);
    assert.equal(await section.getByRole('button', { name: 'Plan a group meeting' }).count(), 0);
    await expectAccessible(page);
    await shot(page, 'group-meetings-coordinator');
  });

  // A meeting from a moment from now (so it can be logged): the mentor writes its log with an
  // action item for the participant, shown on the meeting; the participant's list (My mentoring)
  // has it, and the participant ticks it off.
  const stamp = Date.now().toString(36);
  const soon = new Date(Math.ceil((Date.now() + 15_000) / 1000) * 1000);
  const quick = ok(
    await mentor.call('POST', `${path}/meetings`, { starts_at: soon.toISOString(), duration_minutes: 15, agenda: `Check-in ${stamp}` }),
    201,
    'a meeting about to start',
  );
  const participantName = quick.attendees.find((a) => a.employee_id === participant.account.employee_id).name;
  while (Date.now() < soon.getTime() + 1000) await new Promise((resolve) => setTimeout(resolve, 500));
  const task = `Read the chapter on feedback ${stamp}`;
  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    await page.goto(url(path));
    await tab(page, 'Group');
    const card = page.getByTestId('group-meeting').filter({ hasText: `Check-in ${stamp}` });
    await card.getByTestId('write-group-log').click();
    const dialog = page.getByRole('dialog', { name: 'How did the group meeting go?' });
    await dialog.getByRole('button', { name: 'Add an action item' }).click();
    await dialog.getByLabel('What').fill(task);
    await dialog.locator('input').and(dialog.getByLabel('Who', { exact: true })).click();
    await page.getByRole('option', { name: participantName, exact: true }).click();
    await page.waitForTimeout(400); // the dialog's fade-in, which axe would see as low contrast
    await expectAccessible(page);
    const logged = page.waitForResponse(
      (r) => r.url().endsWith(`/group/meetings/${quick.id}/log`) && r.request().method() === 'POST',
    );
    await dialog.getByTestId('save-group-log').click();
    const response = await logged;
    assert.equal(response.status(), 200);
    assert.deepEqual(JSON.parse(response.request().postData()).action_items.map((i) => i.owner), [participant.account.employee_id]);
    await dialog.waitFor({ state: 'hidden' });
    const item = card.getByTestId('action-item');
    await expectText(card, new RegExp(`${task} — ${participantName}`));
    assert.equal(await item.count(), 1);
    await expectAccessible(page);
    await shot(page, 'group-meetings-action-item');
  });
  const theirs = ok(await participant.get(`/relationships/${relationshipOf(participant)}/action-items`), 200, 'items').items;
  const mine = theirs.find((i) => i.text === task);
  assert.ok(mine, 'the participant’s relationship lists the item');
  assert.equal(mine.owner, 'mentee');
  assert.equal(mine.group_meeting_id, quick.id);
  ok(await participant.call('PUT', `/relationships/${relationshipOf(participant)}/group/action-items/${mine.id}/done`, { done: true }), 200, 'ticked off');
  // The other mentee may not tick it off.
  const refused = await manager.call('PUT', `/relationships/${relationshipOf(manager)}/group/action-items/${mine.id}/done`, { done: false });
  assert.equal(refused.status, 403);

  // Times that suit the whole group: the mentor and both active mentees are free all week (their
  // own windows are put back afterwards); the mentor picks the first time in one click.
  const everyone = [mentor, participant, manager];
  const before = [];
  for (const s of everyone) before.push(ok(await s.get('/me/availability'), 200, 'availability').windows);
  const allWeek = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((weekday) => ({
    weekday,
    start: '00:00',
    end: '24:00',
  }));
  try {
    for (const s of everyone) ok(await s.call('PUT', '/me/availability', { windows: allWeek }), 200, 'free all week');
    assert.ok(ok(await mentor.get(`${path}/free-slots?limit=3`), 200, 'group slots').items.length > 0);
    await withPage(t, async (page) => {
      await signIn(page, logins.admin);
      await page.goto(url(path));
      await tab(page, 'Group');
      const picker = page.getByRole('region', { name: 'Times that suit the whole group' });
      const slot = picker.getByTestId('slot').first();
      await slot.waitFor();
      await slot.click();
      const dialog = page.getByRole('dialog', { name: 'Plan a group meeting' });
      await dialog.getByLabel('Agenda').fill('Picked from the times that suit everyone.');
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/group/meetings') && r.request().method() === 'POST',
      );
      await dialog.getByRole('button', { name: 'Send invitations' }).click();
      const response = await created;
      assert.equal(response.status(), 201);
      assert.equal(JSON.parse(response.request().postData()).from_slot, true);
      const card = page.getByTestId('group-meeting').filter({ hasText: 'Picked from the times that suit everyone.' });
      await expectText(card, /Invited \(0 coming\)/);
      await expectAccessible(page);
      await shot(page, 'group-meetings-slots');
    });
    await withPage(
      t,
      async (page) => {
        await signIn(page, logins.admin);
        await page.goto(url(path));
        await tab(page, 'Group');
        const picker = page.getByRole('region', { name: 'Times that suit the whole group' });
        await picker.getByTestId('slot').first().waitFor();
        await expectAccessible(page);
        await shot(page, 'group-meetings-slots-phone');
      },
      PHONE,
    );
  } finally {
    for (const [i, s] of everyone.entries()) {
      ok(await s.call('PUT', '/me/availability', { windows: before[i] }), 200, 'availability put back');
    }
  }
});
