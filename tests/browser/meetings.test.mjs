// Meetings in the UI: the demo participant and their mentor (a relationship published through
// matching the demo program; the mentor gets an account through an admin's invitation) say
// when they can meet; the participant proposes a meeting from the mutual free slots on the
// relationship's Meetings page and the mentor accepts it. axe and screenshots at desktop and
// phone width.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FEATURES, apiSession, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';

const logins = await demoLogins();
const PROGRAM = 'Cross-Team Mentoring';
const skip = FEATURES.programs ? false : 'the programs API is not in the server yet';
const PHONE = { width: 390, height: 844 };
const MENTOR_PASSWORD = 'mentor password 1234';

async function until(what, check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Publishes the demo program's matching (unless done) and returns the participant's relationship and mentor login. */
async function relationshipWithMentorLogin() {
  const participant = await apiSession(logins.participant);
  // The participant's pair in the demo program, in force (waiting for the agreement, or active).
  const inForce = async () =>
    (await participant.get('/me/relationships')).body.items.filter(
      (r) => r.role === 'mentee' && r.program.name === PROGRAM && ['pending_agreement', 'active'].includes(r.status),
    );
  let mine = await inForce();
  if (mine.length === 0) {
    const coordinator = await apiSession(logins.coordinator);
    const programs = (await coordinator.get('/programs')).body.items;
    const program = programs.find((p) => p.name === PROGRAM);
    assert.ok(program, 'the demo program');
    const queued = await coordinator.call('POST', `/programs/${program.id}/proposals`, {});
    assert.equal(queued.status, 202, JSON.stringify(queued.body));
    const proposal = `/programs/${program.id}/proposals/${queued.body.id}`;
    await until('the matching run', async () => (await coordinator.get(proposal)).body.status === 'done');
    const published = await coordinator.call('POST', `${proposal}/publish`);
    assert.equal(published.status, 200, JSON.stringify(published.body));
    mine = await inForce();
  }
  assert.ok(mine.length > 0, 'the participant has a mentor');
  const relationship = mine[0];
  const admin = await apiSession(logins.admin);
  const mentor = (await admin.get(`/people/${encodeURIComponent(relationship.mentor.employee_id)}`)).body.person;
  const signIn = await fetch(url('/api/v1/auth/sign-in'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email: mentor.email, password: MENTOR_PASSWORD }),
  });
  if (signIn.status === 200) return accepted(participant, relationship, mentor.email);  // an earlier run made it
  const invited = await admin.call('POST', '/accounts/invitations', { employee_id: mentor.employee_id, roles: [] });
  assert.ok([201, 409].includes(invited.status), JSON.stringify(invited.body));
  const mail = await until('the invitation', async () =>
    (await admin.get('/admin/mail?limit=200')).body.items.find((m) => m.to.toLowerCase() === mentor.email.toLowerCase() && /redeem\//.test(m.text)),
  );
  const token = /redeem\/([A-Za-z0-9_-]+)/.exec(mail.text)[1];
  const redeemed = await fetch(url('/api/v1/auth/redeem'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ token, new_password: MENTOR_PASSWORD }),
  });
  assert.ok(redeemed.status < 300, `redeem: ${redeemed.status} ${await redeemed.text()}`);
  return accepted(participant, relationship, mentor.email);
}

/** Meetings are planned once both sides accepted the agreement: both accept it (through the API). */
async function accepted(participant, relationship, mentorEmail) {
  if (relationship.status === 'pending_agreement') {
    const mentor = await apiSession(mentorEmail, MENTOR_PASSWORD);
    for (const side of [participant, mentor]) {
      const detail = (await side.get(`/relationships/${relationship.id}`)).body;
      if (detail.status !== 'pending_agreement') break;
      const version = detail.agreement?.version ?? 0;
      const answer = await side.call('POST', `/relationships/${relationship.id}/agreement/accept`, { version });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    }
    const settled = (await participant.get(`/relationships/${relationship.id}`)).body;
    assert.equal(settled.status, 'active', JSON.stringify(settled));
  }
  return { relationship, mentorEmail };
}

test('meetings: availability, propose from mutual free slots, accept as the other side', { skip, timeout: 10 * 60_000 }, async (t) => {
  const { relationship, mentorEmail } = await relationshipWithMentorLogin();
  const mentor = await apiSession(mentorEmail, MENTOR_PASSWORD);
  // The mentor can meet any time; the participant sets weekday hours on the profile page.
  const always = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((weekday) => ({
    weekday,
    start: '00:00',
    end: '24:00',
  }));
  assert.equal((await mentor.call('PUT', '/me/availability', { windows: always })).status, 200);
  const participant = await apiSession(logins.participant);
  assert.equal((await participant.call('PUT', '/me/availability', { windows: [] })).status, 200);
  // A fresh start when run again on the same server: no meetings of the pair still planned.
  for (const m of (await participant.get(`/relationships/${relationship.id}/meetings`)).body.items) {
    if (m.status === 'proposed' || m.status === 'scheduled') {
      await participant.call('POST', `/relationships/${relationship.id}/meetings/${m.id}/cancel`);
    }
  }

  const meetingsPath = `/mentoring/${relationship.id}/meetings`;
  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.goto(url('/me/profile'));
    const availability = page.getByTestId('availability');
    await availability.waitFor();
    for (let i = 0; i < 2; i++) await availability.getByRole('button', { name: 'Add a time' }).click();
    // Second window: Thursday 13:00-17:00 (the first keeps Monday 09:00-12:00).
    await availability.getByRole('combobox', { name: 'Day' }).nth(1).click();
    await page.getByRole('option', { name: 'Thursday' }).click();
    await availability.getByRole('combobox', { name: 'From' }).nth(1).click();
    await page.getByRole('option', { name: '13:00', exact: true }).click();
    await availability.getByRole('combobox', { name: 'To' }).nth(1).click();
    await page.getByRole('option', { name: '17:00', exact: true }).click();
    await availability.getByRole('button', { name: 'Save availability' }).click();
    await expectText(availability.getByText('Saved.'), /Saved/);
    await expectAccessible(page);
    await shot(page, 'meetings-availability');

    await page.goto(url('/mentoring'));
    // The demo program's pair (other tests add group relationships to the participant).
    await page.getByTestId('relationship').filter({ hasText: PROGRAM }).getByTestId('meetings-link').first().click();
    // The pointer stays where the link was: off the slots, so none is checked in its hover colours.
    await page.mouse.move(0, 0);
    await page.getByRole('tab', { name: 'Meetings', selected: true }).waitFor();
    const slot = page.getByTestId('slot').first();
    await slot.waitFor();
    await expectAccessible(page);
    await shot(page, 'meetings-slots');
    const when = (await slot.getByTestId('slot-mine').innerText()).trim();
    await slot.click();
    await page.getByLabel('Video link').fill('https://meet.example.com/pairwise');
    await page.getByLabel('Agenda').fill('Getting to know each other');
    await expectAccessible(page);
    await page.getByTestId('send-proposal').click();
    const card = page.getByTestId('meeting').first();
    await expectText(card, new RegExp(`${when.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\\S]*Proposed[\\s\\S]*Waiting for`));
  });

  for (const viewport of [undefined, PHONE]) {
    await withPage(
      t,
      async (page) => {
        await signIn(page, mentorEmail, MENTOR_PASSWORD);
        await page.goto(url(meetingsPath));
        const card = page.getByTestId('meeting').first();
        await card.waitFor();
        await expectAccessible(page);
        await shot(page, viewport ? 'meetings-phone' : 'meetings-desktop');
        if (!viewport) {
          await expectText(card, /proposes this time/);
          await card.getByTestId('accept').click();
          await expectText(page.getByTestId('meeting').first(), /Scheduled/);
          await expectAccessible(page);
          await shot(page, 'meetings-accepted');
        } else {
          await expectText(card, /Scheduled/);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= PHONE.width, `no sideways scrolling at phone width (${width}px)`);
        }
      },
      viewport ? { viewport } : undefined,
    );
  }
  // The invites are queued for both sides.
  const admin = await apiSession(logins.admin);
  const invites = (await admin.get('/admin/mail?limit=200')).body.items.filter((m) => m.kind === 'meeting_invite');
  assert.ok(invites.length >= 2, 'an invite for each side');
});
