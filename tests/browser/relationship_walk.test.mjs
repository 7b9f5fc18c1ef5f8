// The full walk of one relationship, on a program and pair this test makes itself through the API
// (so it does not depend on the demo's state, and runs again on the same server): both sides
// accept the agreement in the UI, the mentee sets a goal with milestones, a meeting is proposed
// from the pair's mutual free slots and accepted; the invite reaches a real SMTP server on
// loopback (aiosmtpd, tests/mail/smtp_sink.py, whose folder PAIRWISE_SMTP_SINK_DIR names; the
// server under test must send to it) and an independent iCalendar parser (python3-icalendar,
// check_calendar.py) reads the right UID (the one the person's calendar feed shows), SEQUENCE
// and times, also after the meeting is moved; the meeting is logged with action items, which
// My mentoring then shows; private and shared notes; feedback both ways; a no-fault ending and
// the coordinator's rematch of the mentee, who then has a new mentor. Screenshots and axe at
// desktop and phone width.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FEATURES, apiSession, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const logins = await demoLogins();
const SINK = process.env.PAIRWISE_SMTP_SINK_DIR;
const skip = !FEATURES.programs
  ? 'the programs API is not in the server yet'
  : !SINK
    ? 'PAIRWISE_SMTP_SINK_DIR is not set: run the server with --smtp to tests/mail/smtp_sink.py (scripts/test.sh does)'
    : false;
const PHONE = { viewport: { width: 390, height: 844 } };
const PASSWORD = 'walk password 1234';
const ALWAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((weekday) => ({
  weekday,
  start: '00:00',
  end: '24:00',
}));

async function until(what, check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** check_calendar.py's reading of a file (an .eml's invite, or a feed). */
async function parseCalendar(kind, file) {
  const { stdout } = await promisify(execFile)(join(HERE, 'check_calendar.py'), [kind, file]);
  return JSON.parse(stdout);
}

/** "2027-01-04T09:00:00Z" for any ISO time. */
function utc(iso) {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The invites (messages with a text/calendar part) the sink received for `email`, by arrival. */
async function invitesFor(email) {
  const out = [];
  const files = (await readdir(SINK)).filter((f) => f.endsWith('.eml')).sort((a, b) => parseInt(a) - parseInt(b));
  for (const f of files) {
    const envelope = await readFile(join(SINK, f.replace(/\.eml$/, '.env')), 'utf8').catch(() => '');
    const recipients = envelope.trim().split('\n').slice(1).map((r) => r.toLowerCase());
    if (!recipients.includes(email.toLowerCase())) continue;
    const raw = await readFile(join(SINK, f), 'latin1');
    if (!/text\/calendar/i.test(raw)) continue;
    out.push(await parseCalendar('invite', join(SINK, f)));
  }
  return out;
}

/** Active people of the directory, a few pages from a random start (fresh people on each run). */
async function somePeople(admin) {
  const people = [];
  let cursor = '';
  const skipPages = Math.floor(Math.random() * 8);
  for (let page = 0; page < skipPages + 5; page++) {
    const list = (await admin.get(`/people?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).body;
    if (page >= skipPages) people.push(...list.items);
    if (!list.next_cursor) break;
    cursor = list.next_cursor;
  }
  // Without an account yet (other tests give some people one): the walk makes their accounts.
  const withAccount = new Set();
  for (let cursor = ''; ; ) {
    const page = (await admin.get(`/accounts?limit=200${cursor ? `&cursor=${cursor}` : ''}`)).body;
    for (const a of page.items) withAccount.add(a.employee_id);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return people.filter((p) => !withAccount.has(p.employee_id));
}

/** An account with PASSWORD for the person, through an admin's invitation and its mail. */
async function account(admin, person) {
  const invited = await admin.call('POST', '/accounts/invitations', { employee_id: person.employee_id, roles: [] });
  assert.equal(invited.status, 201, JSON.stringify(invited.body));
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
  assert.ok(redeemed.status < 300, `redeem: ${redeemed.status} ${await redeemed.text()}`);
}

/** Queues a run (or takes the one given), waits for it and publishes it. */
async function runAndPublish(coordinator, programId, queuedId) {
  const id =
    queuedId ??
    (await (async () => {
      const queued = await coordinator.call('POST', `/programs/${programId}/proposals`, {});
      assert.equal(queued.status, 202, JSON.stringify(queued.body));
      return queued.body.id;
    })());
  const proposal = `/programs/${programId}/proposals/${id}`;
  const done = await until('the matching run', async () => {
    const p = (await coordinator.get(proposal)).body;
    assert.notEqual(p.status, 'failed', JSON.stringify(p));
    return p.status === 'done' && p;
  });
  const published = await coordinator.call('POST', `${proposal}/publish`);
  assert.equal(published.status, 200, JSON.stringify(published.body));
  return done;
}

async function tab(page, name) {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('tabpanel', { name }).waitFor();
}

test('relationship walk: agreement, goal, meeting with an iCalendar invite, log, notes, feedback, ending, rematch', { skip, timeout: 10 * 60_000 }, async (t) => {
  const admin = await apiSession(logins.admin);
  const coordinator = await apiSession(logins.coordinator);

  // A program of its own: one mentee, a mentor, and later a second mentor for the rematch, from
  // three different departments (so none is in another's management chain) of one site.
  const people = await somePeople(admin);
  const mentee = people.find((p) => p.level <= 4 && p.department.code !== 'EXEC');
  const mentors = [];
  for (const p of people) {
    const departments = [mentee.department.code, 'EXEC', ...mentors.map((m) => m.department.code)];
    // The same site: the demo's people speak their site's language (a hard rule of matching).
    const fits = p.level >= 5 && p.level <= 8 && p.site.code === mentee.site.code;
    if (fits && !departments.includes(p.department.code)) mentors.push(p);
    if (mentors.length === 2) break;
  }
  assert.ok(mentee && mentors.length === 2, 'three people for the walk');
  const [mentor, second] = mentors;
  const today = new Date();
  const day = (offset) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const name = `Walk ${Date.now().toString(36)}`;
  const created = await coordinator.call('POST', '/programs', {
    name,
    type: 'one_on_one',
    need: 'career_development',
    enrollment_opens: day(-7),
    enrollment_closes: day(0),
    start_date: day(0),
    end_date: day(365),
    mentor_capacity: { mentees: 1, hours_per_month: 4 },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const programId = created.body.id;
  assert.equal((await coordinator.call('POST', `/programs/${programId}/open`)).status, 200);
  for (const [side, who] of [['mentor', mentor], ['mentee', mentee]]) {
    const nominated = await coordinator.call('POST', `/programs/${programId}/nominations`, { side, employee_ids: [who.employee_id] });
    assert.equal(nominated.status, 200, JSON.stringify(nominated.body));
  }
  await runAndPublish(coordinator, programId);
  await account(admin, mentee);
  await account(admin, mentor);
  const menteeApi = await apiSession(mentee.email, PASSWORD);
  const mentorApi = await apiSession(mentor.email, PASSWORD);
  const relationship = (await menteeApi.get('/me/relationships')).body.items.find((r) => r.program.id === programId);
  assert.ok(relationship, 'the published pair');
  assert.equal(relationship.mentor.employee_id, mentor.employee_id);
  const path = `/relationships/${relationship.id}`;

  // The agreement, accepted by both in the UI.
  for (const who of [mentee, mentor]) {
    await withPage(t, async (page) => {
      await signIn(page, who.email, PASSWORD);
      await page.goto(url('/mentoring'));
      const card = page.getByTestId('relationship').filter({ hasText: name });
      await card.getByRole('link', { name: /Open the (agreement|relationship)/ }).click();
      await page.getByTestId('agreement').waitFor();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Accept the agreement' }).click();
      await expectText(page.getByTestId('agreement'), who === mentee ? /You accepted these terms/ : /Accepted by both/);
    });
  }
  assert.equal((await menteeApi.get(path)).body.status, 'active');

  // A goal with milestones (the mentee), one of them done.
  await withPage(t, async (page) => {
    await signIn(page, mentee.email, PASSWORD);
    await page.goto(url(`${path}/goals`));
    await page.getByRole('button', { name: 'Add a goal' }).click();
    await page.getByLabel('What do you want to achieve?').fill('Lead the quarterly planning');
    await page.getByLabel('How will you measure it?').fill('Plans agreed by the team');
    await page.getByRole('button', { name: 'Add the goal' }).click();
    const goal = page.getByTestId('goal').first();
    for (const milestone of ['Draft the plan', 'Run the planning meeting']) {
      await goal.getByLabel('New milestone').fill(milestone);
      await goal.getByRole('button', { name: 'Add milestone' }).click();
      await goal.getByRole('checkbox', { name: new RegExp(milestone) }).waitFor();
    }
    await goal.getByRole('checkbox', { name: /Draft the plan/ }).click();
    await expectText(goal, /50% done/);
    await expectAccessible(page);
  });

  // A meeting from the mutual free slots: the mentee proposes one, the mentor accepts it.
  assert.equal((await mentorApi.call('PUT', '/me/availability', { windows: ALWAYS })).status, 200);
  assert.equal((await menteeApi.call('PUT', '/me/availability', { windows: ALWAYS })).status, 200);
  await withPage(t, async (page) => {
    await signIn(page, mentee.email, PASSWORD);
    await page.goto(url('/mentoring'));
    const card = page.getByTestId('relationship').filter({ hasText: name });
    await card.getByTestId('meetings-link').click();
    await page.getByRole('tab', { name: 'Meetings', selected: true }).waitFor();
    const slot = page.getByTestId('slot').first();
    await slot.waitFor();
    await expectAccessible(page);
    await shot(page, 'walk-meetings-slots');
    await slot.click();
    await page.getByLabel('Video link').fill('https://meet.example.com/walk');
    await page.getByTestId('send-proposal').click();
    await expectText(page.getByTestId('meeting').first(), /Proposed/);
  });
  for (const viewport of [undefined, PHONE.viewport]) {
    await withPage(
      t,
      async (page) => {
        await signIn(page, mentor.email, PASSWORD);
        await page.goto(url(`${path}/meetings`));
        const card = page.getByTestId('meeting').first();
        await card.waitFor();
        if (!viewport) {
          await card.getByTestId('accept').click();
          await expectText(page.getByTestId('meeting').first(), /Scheduled/);
        } else {
          await expectText(card, /Scheduled/);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= viewport.width, `no sideways scrolling at phone width (${width}px)`);
        }
        await expectAccessible(page);
        await shot(page, viewport ? 'walk-meetings-phone' : 'walk-meetings-desktop');
      },
      viewport ? { viewport } : undefined,
    );
  }
  const meeting = (await menteeApi.get(`${path}/meetings`)).body.items[0];
  assert.equal(meeting.status, 'scheduled');

  // The invite, at the SMTP server, read by python3-icalendar: REQUEST, SEQUENCE 0, the meeting's
  // times, one UID for both people, the UID the mentee's calendar feed lists.
  const [forMentee, forMentor] = await until('both invites at the SMTP server', async () => {
    const a = (await invitesFor(mentee.email)).filter((i) => i.method === 'REQUEST');
    const b = (await invitesFor(mentor.email)).filter((i) => i.method === 'REQUEST');
    return a.length > 0 && b.length > 0 && [a[0], b[0]];
  });
  for (const invite of [forMentee, forMentor]) {
    assert.equal(invite.content_method, 'REQUEST');
    assert.equal(invite.event.sequence, 0);
    assert.equal(invite.event.start, utc(meeting.starts_at));
    assert.equal(invite.event.end, utc(meeting.ends_at));
    assert.match(invite.event.organizer.toLowerCase(), new RegExp(mentee.email.toLowerCase().replace(/[.+]/g, '\\$&')));
    assert.deepEqual(
      invite.event.attendees.map((a) => a.toLowerCase()).sort(),
      [`mailto:${mentee.email}`, `mailto:${mentor.email}`].map((a) => a.toLowerCase()).sort(),
    );
  }
  assert.equal(forMentee.event.uid, forMentor.event.uid, 'one UID for both');
  const feed = await menteeApi.call('POST', '/me/calendar-feed');
  assert.equal(feed.status, 201, JSON.stringify(feed.body));
  const feedFile = join(await mkdtemp(join(tmpdir(), 'walk-feed-')), 'feed.ics');
  await writeFile(feedFile, Buffer.from(await (await fetch(url(feed.body.path))).arrayBuffer()));
  const listed = (await parseCalendar('feed', feedFile)).events.find((e) => e.start === utc(meeting.starts_at));
  assert.ok(listed, 'the meeting is in the calendar feed');
  assert.equal(listed.uid, forMentee.event.uid, 'the invite has the meeting’s UID');

  // Moved to a moment from now (so it can be logged): the same UID, SEQUENCE 1, the new times.
  const soon = new Date(Math.ceil((Date.now() + 20_000) / 1000) * 1000);
  const moved = await menteeApi.call('POST', `${path}/meetings/${meeting.id}/reschedule`, {
    starts_at: soon.toISOString(),
    duration_minutes: 30,
  });
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  const update = await until('the changed invite', async () =>
    (await invitesFor(mentor.email)).find((i) => i.method === 'REQUEST' && i.event.sequence === 1),
  );
  assert.equal(update.event.uid, forMentor.event.uid);
  assert.equal(update.event.start, utc(soon.toISOString()));
  assert.equal(update.event.end, utc(new Date(soon.getTime() + 30 * 60_000).toISOString()));
  await until('the meeting to start', async () => Date.now() > soon.getTime() + 1000, 60_000);

  // The log with two action items; My mentoring then shows them, the goal and the agreement.
  await withPage(t, async (page) => {
    await signIn(page, mentee.email, PASSWORD);
    await page.goto(url(`${path}/meetings`));
    const card = page.getByTestId('meeting').first();
    await card.getByTestId('write-log').click();
    const dialog = page.getByRole('dialog', { name: 'How did the meeting go?' });
    await dialog.getByLabel('Topics').fill('The planning draft; who to invite.');
    for (const [i, text] of ['Send the draft to the team', 'Book the planning room'].entries()) {
      await dialog.getByRole('button', { name: 'Add an action item' }).click();
      await dialog.getByLabel('What').nth(i).fill(text);
    }
    await page.waitForTimeout(400); // the dialog's fade-in, which axe would see as low contrast
    await expectAccessible(page);
    await dialog.getByTestId('save-log').click();
    await dialog.waitFor({ state: 'hidden' });
    await expectText(page.getByTestId('meeting').first(), /Held[\s\S]*30 minutes[\s\S]*Send the draft to the team[\s\S]*Book the planning room/);
  });
  for (const viewport of [undefined, PHONE.viewport]) {
    await withPage(
      t,
      async (page) => {
        await signIn(page, mentee.email, PASSWORD);
        await page.goto(url('/mentoring'));
        const home = page.getByTestId('relationship').filter({ hasText: name }).getByTestId('relationship-home');
        await expectText(home.getByTestId('home-action-items'), /Send the draft to the team[\s\S]*Book the planning room|Book the planning room[\s\S]*Send the draft/);
        await expectText(home.getByTestId('home-goals'), /Lead the quarterly planning: 50% done/);
        await expectText(home.getByTestId('home-agreement'), /^Meet every/);
        await expectText(home.getByTestId('home-next-meeting'), /Nothing planned yet/);
        await expectAccessible(page);
        await shot(page, viewport ? 'walk-my-mentoring-phone' : 'walk-my-mentoring-desktop');
        if (viewport) {
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= viewport.width, `no sideways scrolling at phone width (${width}px)`);
        }
      },
      viewport ? { viewport } : undefined,
    );
  }

  // Notes: a private and a shared one by the mentee; feedback from the mentee.
  await withPage(t, async (page) => {
    await signIn(page, mentee.email, PASSWORD);
    await page.goto(url(path));
    await tab(page, 'Notes');
    await page.getByLabel('New note').fill('Unsure whether I am ready to lead the planning.');
    await page.getByRole('button', { name: 'Save the note' }).click();
    await expectText(page.getByTestId('note').first(), /Private: only you.*ready to lead/s);
    await page.getByText(/^Shared with /).click();
    await page.getByLabel('New note').fill('Next time: go through the draft together.');
    await page.getByRole('button', { name: 'Save the note' }).click();
    await expectText(page.getByTestId('note').first(), /Shared with.*go through the draft/s);
    await tab(page, 'Feedback');
    await page.getByText('4', { exact: true }).click();
    await page.getByLabel('A comment (optional)').fill('Practical and kind.');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await expectText(page.getByTestId('feedback-round').first(), /You: 4 out of 5.*has not answered yet/s);
    await expectAccessible(page);
  });
  // The mentor, at phone width: the shared note but never the private one; feedback back.
  await withPage(
    t,
    async (page) => {
      await signIn(page, mentor.email, PASSWORD);
      await page.goto(url(path));
      await tab(page, 'Notes');
      await expectText(page.getByTestId('note').first(), /go through the draft/);
      assert.equal(await page.getByText(/ready to lead the planning/).count(), 0, 'the private note stays private');
      await tab(page, 'Feedback');
      await page.getByText('5', { exact: true }).click();
      await page.getByRole('button', { name: 'Send feedback' }).click();
      await expectText(page.getByTestId('feedback-round').first(), /You: 5 out of 5.*4 out of 5.*Practical and kind/s);
      await expectAccessible(page);
      await shot(page, 'walk-feedback-phone');
    },
    PHONE,
  );

  // A no-fault ending by the mentee; the coordinator rematches the mentee with the second mentor.
  await withPage(t, async (page) => {
    await signIn(page, mentee.email, PASSWORD);
    await page.goto(url(path));
    await page.getByRole('button', { name: 'End the relationship' }).click();
    const dialog = page.getByRole('dialog', { name: 'End the relationship' });
    await dialog.getByLabel('Why does it end?').first().click();
    await page.getByRole('option', { name: 'Not a good match' }).click();
    await dialog.getByRole('button', { name: 'End the relationship' }).click();
    await expectText(page.getByTestId('ending'), /Ended early/);
  });
  const nominated = await coordinator.call('POST', `/programs/${programId}/nominations`, {
    side: 'mentor',
    employee_ids: [second.employee_id],
  });
  assert.equal(nominated.status, 200, JSON.stringify(nominated.body));
  await withPage(t, async (page) => {
    await signIn(page, logins.coordinator);
    await page.goto(url(path));
    await expectText(page.getByTestId('ending'), /Reason: Not a good match/);
    await page.getByRole('button', { name: `Rematch ${mentee.name}` }).click();
    await expectText(page.getByRole('status'), /Rematch started/);
    await expectAccessible(page);
    await shot(page, 'walk-rematch');
  });
  const proposals = (await coordinator.get(`/programs/${programId}/proposals`)).body.items;
  const rematch = proposals.find((p) => p.kind === 'rematch');
  assert.ok(rematch, JSON.stringify(proposals));
  await runAndPublish(coordinator, programId, rematch.id);
  const now = (await menteeApi.get('/me/relationships')).body.items.filter((r) => r.program.id === programId);
  const fresh = now.find((r) => r.status === 'pending_agreement');
  assert.ok(fresh, JSON.stringify(now));
  assert.equal(fresh.mentor.employee_id, second.employee_id, 'the ended pair is not formed again');
  assert.ok(now.some((r) => r.id === relationship.id && r.status === 'ended_early'), 'the history stays');
  await withPage(
    t,
    async (page) => {
      await signIn(page, mentee.email, PASSWORD);
      await page.goto(url('/mentoring'));
      const card = page.getByTestId('relationship').filter({ hasText: second.name });
      await expectText(card.getByTestId('next-step'), /accept your mentoring agreement/);
      await expectAccessible(page);
      await shot(page, 'walk-rematched-phone');
    },
    PHONE,
  );
});
