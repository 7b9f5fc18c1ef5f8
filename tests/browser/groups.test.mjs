// A group program's relationship with several mentees, in the UI: the coordinator (also the
// program's shadow mentor) makes a group — the demo admin mentoring the demo participant, the demo
// manager and a third person — through the API; the mentees find the group on My mentoring, accept
// their own agreements, share group notes on the relationship page's Group tab (read by every
// member, never by the coordinator), and the shadow mentor writes to a pair. Axe and screenshots
// at desktop and phone width.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FEATURES, apiSession, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';

const logins = await demoLogins();
const skip = FEATURES.programs ? false : 'the programs API is not in the server yet';
const PHONE = { viewport: { width: 390, height: 844 } };

function day(offset) {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

function ok(response, status, step) {
  assert.equal(response.status, status, `${step}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** The group program, matched with every mentee pinned to the mentor, and published. */
async function makeGroup(coordinator, mentorId, menteeIds, candidates) {
  const name = `Peer circle ${Date.now()}`;
  const program = ok(
    await coordinator.call('POST', '/programs', {
      name,
      type: 'group',
      need: 'leadership',
      start_date: day(40),
      end_date: day(400),
      enrollment_opens: day(-1),
      enrollment_closes: day(30),
      group: { min_size: 2, max_size: 4 },
      mentor_capacity: { mentees: 4, hours_per_month: 8 },
      shadow_mentors: [coordinator.account.employee_id],
    }),
    201,
    'create the group program',
  );
  const base = `/programs/${program.id}`;
  ok(await coordinator.call('POST', `${base}/open`), 200, 'open');
  ok(await coordinator.call('PUT', `${base}/matching/settings`, {
    min_level_gap: -9, // any levels: the demo logins are who they are
    other_department: false,
    shared_language: false,
    not_previously_paired: false,
  }), 200, 'relax the match settings');
  ok(await coordinator.call('POST', `${base}/nominations`, { side: 'mentor', employee_ids: [mentorId] }), 200, 'mentor');
  // The demo's mentees, then a third from the directory: the first one the rules let be pinned.
  const mentees = [];
  for (const id of [...menteeIds, ...candidates]) {
    if (mentees.length === menteeIds.length + 1) break;
    if (id === mentorId || mentees.includes(id)) continue;
    const nominated = await coordinator.call('POST', `${base}/nominations`, { side: 'mentee', employee_ids: [id] });
    if (nominated.status !== 200) continue;
    const pinned = await coordinator.call('PUT', `${base}/matching/constraints`, { mentee: id, mentor: mentorId, kind: 'pin' });
    if ([200, 201].includes(pinned.status)) mentees.push(id);
    else assert.ok(!menteeIds.includes(id), `pin ${id}: ${JSON.stringify(pinned.body)}`);
  }
  assert.equal(mentees.length, menteeIds.length + 1, 'three mentees pinned');
  const queued = ok(await coordinator.call('POST', `${base}/proposals`, {}), 202, 'run matching');
  let proposal = queued;
  for (let i = 0; i < 120 && !['done', 'failed'].includes(proposal.status); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    proposal = ok(await coordinator.get(`${base}/proposals/${queued.id}`), 200, 'proposal');
  }
  assert.equal(proposal.status, 'done', JSON.stringify(proposal));
  ok(await coordinator.call('POST', `${base}/proposals/${queued.id}/publish`), 200, 'publish');
  const relationships = ok(await coordinator.get(`${base}/relationships`), 200, 'relationships').items;
  assert.equal(relationships.length, 3, JSON.stringify(relationships));
  for (const r of relationships) assert.equal(r.mentor.employee_id, mentorId);
  return { id: program.id, name, relationships };
}

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
