// Competency assessments (issue 23), on a program and pair this test makes itself through the API
// (so it does not depend on the demo's state, and runs again on the same server): the coordinator
// picks two skills; the mentee (on a phone) and the mentor (on a desktop) rate the start in the
// pages, "Assessments due" on My mentoring leading there; the pair completes, both rate the end,
// and the pair sees start -> end for both raters; the coordinator sees only the aggregate: hidden
// for this one pair, shown for the demo's "Career Mentoring 2024" with its many rated pairs.
// Screenshots and axe at desktop and phone width.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FEATURES, apiSession, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';

const logins = await demoLogins();
const skip = !FEATURES.programs ? 'the programs API is not in the server yet' : false;
const PHONE = { viewport: { width: 390, height: 844 } };
const PASSWORD = 'assess password 1234';

async function until(what, check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Active people without an account yet, a few pages from a random start. */
async function somePeople(admin) {
  const people = [];
  let cursor = '';
  const skipPages = Math.floor(Math.random() * 8);
  for (let page = 0; page < skipPages + 10; page++) {
    const list = (await admin.get(`/people?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).body;
    if (page >= skipPages) people.push(...list.items);
    if (!list.next_cursor) break;
    cursor = list.next_cursor;
  }
  const withAccount = new Set();
  for (let c = ''; ; ) {
    const page = (await admin.get(`/accounts?limit=200${c ? `&cursor=${c}` : ''}`)).body;
    for (const a of page.items) withAccount.add(a.employee_id);
    if (!page.next_cursor) break;
    c = page.next_cursor;
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

/** Picks `rating` for every skill of the phase's form and saves, waiting for the answer. */
async function rateInPage(page, relationshipId, phase, skills, rating) {
  const card = page.getByTestId(`assessment-phase-${phase}`);
  for (const s of skills) {
    await card.getByRole('radiogroup', { name: s.name }).getByRole('radio', { name: new RegExp(`^${rating} ·`) }).check();
  }
  const saved = page.waitForResponse(
    (r) => r.url().endsWith(`/relationships/${relationshipId}/assessments/${phase}`) && r.request().method() === 'PUT',
  );
  await card.getByRole('button', { name: /Save my ratings|Save changes/ }).click();
  assert.equal((await saved).status(), 200);
  await expectText(card, /Your ratings are saved/);
}

test('assessments: the pair rates the start and the end and sees the change; the coordinator sees the aggregate only', { skip, timeout: 10 * 60_000 }, async (t) => {
  const admin = await apiSession(logins.admin);
  const coordinator = await apiSession(logins.coordinator);

  // A program of its own with one pair from two departments of one site.
  const people = await somePeople(admin);
  const mentee = people.find((p) => p.level <= 4 && p.department.code !== 'EXEC');
  const mentor = people.find(
    (p) => p.level >= 5 && p.level <= 8 && p.site.code === mentee.site.code && p.department.code !== mentee.department.code && p.department.code !== 'EXEC',
  );
  assert.ok(mentee && mentor, 'two people for the pair');
  const today = new Date();
  const day = (offset) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const name = `Assess ${Date.now().toString(36)}`;
  const created = await coordinator.call('POST', '/programs', {
    name,
    type: 'one_on_one',
    need: 'skills_transfer',
    enrollment_opens: day(-7),
    enrollment_closes: day(0),
    start_date: day(0),
    end_date: day(365),
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const programId = created.body.id;
  assert.equal((await coordinator.call('POST', `/programs/${programId}/open`)).status, 200);
  for (const [side, who] of [['mentor', mentor], ['mentee', mentee]]) {
    const nominated = await coordinator.call('POST', `/programs/${programId}/nominations`, { side, employee_ids: [who.employee_id] });
    assert.equal(nominated.status, 200, JSON.stringify(nominated.body));
  }
  const queued = await coordinator.call('POST', `/programs/${programId}/proposals`, {});
  assert.equal(queued.status, 202, JSON.stringify(queued.body));
  const proposal = `/programs/${programId}/proposals/${queued.body.id}`;
  await until('the matching run', async () => (await coordinator.get(proposal)).body.status === 'done');
  assert.equal((await coordinator.call('POST', `${proposal}/publish`)).status, 200);

  // The coordinator picks two skills of the taxonomy.
  const skills = (await coordinator.get('/skills')).body;
  const taxonomy = Array.isArray(skills) ? skills : skills.items;
  const picked = taxonomy.filter((s) => ['Giving Feedback', 'Strategic Thinking'].includes(s.name));
  assert.equal(picked.length, 2, 'two skills of the demo taxonomy');
  const set = await coordinator.call('PUT', `/programs/${programId}/assessment-competencies`, { competencies: picked.map((s) => s.code) });
  assert.equal(set.status, 200, JSON.stringify(set.body));

  await account(admin, mentee);
  await account(admin, mentor);
  const menteeApi = await apiSession(mentee.email, PASSWORD);
  const mentorApi = await apiSession(mentor.email, PASSWORD);
  const relationship = (await menteeApi.get('/me/relationships')).body.items.find((r) => r.program.id === programId);
  assert.ok(relationship, 'the published pair');
  const path = `/relationships/${relationship.id}`;
  for (const api of [menteeApi, mentorApi]) {
    const version = (await api.get(path)).body.agreement.version;
    const accepted = await api.call('POST', `${path}/agreement/accept`, { version });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  }

  // The mentee, on a phone: "Assessments due" on My mentoring leads to the rating page.
  await withPage(
    t,
    async (page) => {
      await signIn(page, mentee.email, PASSWORD);
      await page.goto(url('/mentoring'));
      const due = page.getByLabel('Assessments due');
      await expectText(due, new RegExp(name));
      await expectAccessible(page);
      await shot(page, 'assessments-due-phone');
      await due.getByRole('link', { name: 'Rate your skills' }).click();
      await page.getByTestId('assessment-phase-start').waitFor();
      await expectAccessible(page);
      await shot(page, 'assessments-rate-phone');
      await rateInPage(page, relationship.id, 'start', picked, 2);
      await shot(page, 'assessments-rated-phone');
    },
    PHONE,
  );

  // The mentor, on a desktop, rates too, and then sees the mentee's own start ratings.
  await withPage(t, async (page) => {
    await signIn(page, mentor.email, PASSWORD);
    await page.goto(url(`${path}/assessments`));
    await page.getByTestId('assessment-phase-start').waitFor();
    await expectAccessible(page);
    await rateInPage(page, relationship.id, 'start', picked, 1);
    await expectText(page.getByTestId('assessment-change'), /2 → —/);
    await shot(page, 'assessments-mentor-start');
  });

  // The pair completes; the end opens at the completion. Both rate it (the mentee through the API).
  for (const api of [menteeApi, mentorApi]) {
    const done = await api.call('POST', `${path}/complete`);
    assert.equal(done.status, 200, JSON.stringify(done.body));
  }
  const end = await menteeApi.call('PUT', `${path}/assessments/end`, {
    version: 0,
    ratings: Object.fromEntries(picked.map((s) => [s.code, 3])),
  });
  assert.equal(end.status, 200, JSON.stringify(end.body));
  for (const viewport of [undefined, PHONE.viewport]) {
    await withPage(
      t,
      async (page) => {
        await signIn(page, mentor.email, PASSWORD);
        await page.goto(url(`${path}/assessments`));
        const endCard = page.getByTestId('assessment-phase-end');
        await endCard.waitFor();
        if (!viewport) await rateInPage(page, relationship.id, 'end', picked, 2);
        // Start -> end for both raters: the mentee 2 -> 3, the mentor's rating 1 -> 2.
        const change = page.getByTestId('assessment-change');
        await expectText(change, /2 → 3/);
        await expectText(change, /1 → 2/);
        await expectAccessible(page);
        await shot(page, `assessments-change-${viewport ? 'phone' : 'desktop'}`);
      },
      viewport ? { viewport } : undefined,
    );
  }

  // The coordinator: never the pair's ratings; this one pair's figures are hidden, the demo's
  // last-year program (many rated pairs) shows its start -> end.
  assert.equal((await coordinator.get(`${path}/assessments`)).status, 403);
  const ours = (await coordinator.get(`/programs/${programId}/assessment-results`)).body;
  assert.ok(ours.raters.every((r) => r.hidden && r.pairs === 0), JSON.stringify(ours));
  const alumni = (await coordinator.get('/programs')).body.items.find((p) => p.name === 'Career Mentoring 2024');
  assert.ok(alumni, 'the demo program of last year');
  const theirs = await coordinator.get(`/programs/${alumni.id}/assessment-results`);
  assert.equal(theirs.status, 200, JSON.stringify(theirs.body));
  assert.ok(!theirs.body.raters[0].hidden, `the demo's self-ratings are shown: ${JSON.stringify(theirs.body)}`);
  for (const viewport of [undefined, PHONE.viewport]) {
    await withPage(
      t,
      async (page) => {
        await signIn(page, logins.coordinator);
        await page.goto(url(`/programs/${programId}/surveys`));
        const block = page.getByTestId('program-assessments');
        await expectText(block.getByTestId('competency-change-mentee'), /Not shown yet: fewer than 5 pairs/);
        await page.goto(url(`/programs/${alumni.id}/surveys`));
        const shown = page.getByTestId('program-assessments').getByTestId('competency-change-mentee');
        await expectText(shown, /Mentees rating themselves \(\d+ pairs\)/);
        await expectText(shown, /Career Development/);
        await expectAccessible(page);
        await shot(page, `assessments-coordinator-${viewport ? 'phone' : 'desktop'}`);
        await page.goto(url(`/programs/${alumni.id}/reports`));
        await expectText(page.getByTestId('dashboard-competency-change'), /Mentees rating themselves/);
      },
      viewport ? { viewport } : undefined,
    );
  }
});
