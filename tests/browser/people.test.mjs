// The directory with search, a person's page with the management chain, and the own profile.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FEATURES,
  apiSession,
  demoLogins,
  expectAccessible,
  expectText,
  expectTitle,
  shot,
  signIn,
  url,
  withPage,
} from './harness.mjs';

const logins = await demoLogins();
// The directory pages are in the UI only once the server has their API (web/src/features.json).
const skip = FEATURES.directory ? false : 'the people API is not in the server yet; the UI leaves these pages out';

test('directory search finds a person by name and by email', { skip }, async (t) => {
  const api = await apiSession(logins.participant);
  const me = await api.get(`/people/${encodeURIComponent(api.account.employee_id)}`);
  assert.equal(me.status, 200, JSON.stringify(me.body));
  const manager = me.body.manager_chain.find((m) => m.employee_id === me.body.person.manager_employee_id);
  assert.ok(manager, 'the demo participant has a manager');

  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await expectTitle(page, 'People · Pairwise');
    await page.getByTestId('people-table').waitFor();
    await expectAccessible(page);
    await shot(page, 'directory');

    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill(manager.name);
    const table = page.getByTestId('people-table');
    await table.getByRole('link', { name: manager.name }).first().waitFor();
    assert.equal(new URL(page.url()).searchParams.get('q'), manager.name, 'the search is in the address');
    await expectAccessible(page);
    await shot(page, 'directory-search');

    await search.fill(me.body.person.email);
    await table.getByRole('link', { name: me.body.person.name }).waitFor();
    await expectText(table.locator('tbody tr').first(), new RegExp(me.body.person.email.replace(/[.+]/g, '\\$&')));

    await search.fill('zzzz-nobody-has-this-name');
    await expectText(page.getByTestId('people-table-empty'), /Nobody matches this search/);
    await expectAccessible(page);
  });
});

test('a person page shows the directory entry, chain, direct reports and profile', { skip }, async (t) => {
  const api = await apiSession(logins.participant);
  const me = await api.get(`/people/${encodeURIComponent(api.account.employee_id)}`);
  const managerId = me.body.person.manager_employee_id;
  const manager = await api.get(`/people/${encodeURIComponent(managerId)}`);
  assert.equal(manager.status, 200);
  assert.ok(manager.body.direct_reports.length > 0, 'the manager has reports');

  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.getByRole('searchbox', { name: 'Search' }).fill(manager.body.person.email);
    await page.getByTestId('people-table').getByRole('link', { name: manager.body.person.name }).click();
    await page.getByRole('heading', { level: 1, name: manager.body.person.name }).waitFor();
    await expectTitle(page, `${manager.body.person.name} · Pairwise`);
    assert.equal(new URL(page.url()).pathname, `/people/${encodeURIComponent(managerId)}`);

    const facts = page.getByTestId('person-facts');
    await expectText(facts, new RegExp(managerId));
    const reports = page.getByTestId('direct-reports');
    for (const r of manager.body.direct_reports.slice(0, 5)) {
      await reports.getByRole('link', { name: r.name, exact: true }).first().waitFor();
    }
    const chain = page.getByRole('navigation', { name: 'Management chain' });
    for (const m of manager.body.manager_chain) {
      await chain.getByRole('link', { name: m.name, exact: true }).waitFor();
    }
    await expectAccessible(page);
    await shot(page, 'person');

    // Following a report leads to their page, whose chain ends with this manager.
    await reports.getByRole('link', { name: me.body.person.name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: me.body.person.name }).waitFor();
    await page
      .getByRole('navigation', { name: 'Management chain' })
      .getByRole('link', { name: manager.body.person.name, exact: true })
      .waitFor();

    await page.goto(url('/people/NO-SUCH-PERSON-42'));
    await page.getByRole('heading', { level: 1, name: 'Person not found' }).waitFor();
    await expectAccessible(page);
  });
});

test('own profile: edit, save, reload and see it; shown on the person page', { skip }, async (t) => {
  const api = await apiSession(logins.participant);
  const skills = await api.get('/skills');
  assert.equal(skills.status, 200);
  const taxonomy = (Array.isArray(skills.body) ? skills.body : skills.body.items).map((s) =>
    typeof s === 'string' ? { code: s, name: s } : s,
  );
  assert.ok(taxonomy.length >= 2, 'the demo taxonomy has skills');
  const chosen = taxonomy[1];
  const bio = `I test the profile editor (${Date.now()}).`;

  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.getByRole('link', { name: 'My profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    await expectTitle(page, 'My profile · Pairwise');
    const bioField = page.getByLabel('About you');
    await bioField.waitFor();
    await expectAccessible(page);
    await shot(page, 'profile');

    await bioField.fill(bio);
    await page.getByLabel('Availability (hours a month)').fill('6');
    await page.getByRole('radio', { name: 'Either' }).check();

    // Replace the expertise with one chosen skill at level 4.
    const expertise = page.getByTestId('skills-expertise');
    while ((await expertise.getByRole('button', { name: /^Remove skill/ }).count()) > 0) {
      await expertise.getByRole('button', { name: /^Remove skill/ }).first().click();
    }
    await expertise.getByRole('button', { name: 'Add a skill' }).click();
    await expertise.getByLabel('Skill 1', { exact: true }).fill(chosen.name);
    await page.getByRole('option', { name: chosen.name, exact: true }).click();
    await expertise.getByLabel('Level of skill 1', { exact: true }).click();
    await page.getByRole('option', { name: 'Level 4', exact: true }).click();

    // A new row left empty is caught on its field.
    await expertise.getByRole('button', { name: 'Add a skill' }).click();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expectText(expertise.getByText('Choose a skill or remove the row'), 'Choose a skill or remove the row');
    await expectAccessible(page);
    await shot(page, 'profile-field-error');
    await expertise.getByRole('button', { name: 'Remove skill 2' }).click();

    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/me/profile') && r.request().method() === 'PUT',
    );
    await page.getByRole('button', { name: 'Save profile' }).click();
    const response = await saved;
    assert.equal(response.status(), 200, await response.text());
    assert.ok(response.request().headers()['x-csrf-token'], 'the save carries the CSRF token');
    await expectText(page.getByTestId('profile-saved'), 'Your profile is saved.');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
    await page.getByLabel('About you').waitFor();
    assert.equal(await page.getByLabel('About you').inputValue(), bio);
    assert.equal(await page.getByLabel('Availability (hours a month)').inputValue(), '6');
    assert.equal(await page.getByRole('radio', { name: 'Either' }).isChecked(), true);
    assert.equal(
      await page.getByTestId('skills-expertise').getByLabel('Skill 1', { exact: true }).inputValue(),
      chosen.name,
    );

    await page.getByRole('link', { name: 'See your page in the directory' }).click();
    await expectText(page.getByTestId('profile-bio'), bio);
    await expectText(page.getByTestId('profile-expertise'), `${chosen.name} · level 4`);
  });

  const stored = await api.get('/me/profile');
  assert.equal(stored.body.bio, bio);
  assert.equal(stored.body.availability_hours_per_month, 6);
  assert.equal(stored.body.meeting_preference, 'either');
  assert.deepEqual(stored.body.expertise, [{ skill: chosen.code, level: 4 }]);
});
