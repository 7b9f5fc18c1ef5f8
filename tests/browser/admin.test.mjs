// Admin pages: import with preview, invitations and roles, API tokens, audit log, sent mail;
// and a participant's view of them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FEATURES,
  HOME,
  apiSession,
  demoLogins,
  expectAccessible,
  expectText,
  expectTitle,
  pickPerson,
  shot,
  signIn,
  url,
  withPage,
} from './harness.mjs';

const logins = await demoLogins();

const CSV_HEADER =
  'employee_id,first_name,last_name,email,department,site,time_zone,job_title,level,manager_employee_id,hire_date,status,languages';

/** A CSV row for a new person in an existing department and site (new ones need confirming). */
function csvRow(id, lastName, email) {
  return `${id},Ada,${lastName},${email},ENG-WEB,BER,Europe/Berlin,Engineer,3,,2024-01-15,active,en`;
}

/** A fresh employee id, unique across runs against the same database. */
function freshId(prefix) {
  return `${prefix}${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1000)}`;
}
const ADMIN_LINKS = ['Import people', 'Users and roles', 'API tokens', 'Audit log'];
const ADMIN_PATHS = ['/admin/import', '/admin/users', '/admin/api-tokens', '/admin/audit'];
if (FEATURES.mailOutbox) {
  ADMIN_LINKS.push('Sent mail');
  ADMIN_PATHS.push('/admin/mail');
}

test('a participant sees no admin navigation and gets the forbidden page on admin URLs', async (t) => {
  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'My account' }).waitFor();
    for (const name of ADMIN_LINKS) {
      assert.equal(await nav.getByRole('link', { name }).count(), 0, `no "${name}" link`);
    }
    for (const path of ADMIN_PATHS) {
      await page.goto(url(path));
      await page.getByRole('heading', { level: 1, name: 'You do not have access to this page' }).waitFor();
    }
    await expectAccessible(page);
    await shot(page, 'forbidden');
  });
  // The server refuses too, whatever the UI shows.
  const api = await apiSession(logins.participant);
  assert.equal((await api.get('/audit')).status, 403);
});

test('every navigation link of an admin leads to a page that exists, and passes axe', async (t) => {
  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    for (const name of ADMIN_LINKS) await nav.getByRole('link', { name }).waitFor();
    const hrefs = await nav.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    for (const href of hrefs) {
      await nav.locator(`a[href="${href}"]`).click();
      await nav.locator(`a[href="${href}"][aria-current="page"]`).waitFor();
      await page.getByRole('heading', { level: 1 }).waitFor();
      assert.equal(await page.getByRole('heading', { level: 1, name: 'Page not found' }).count(), 0, href);
      await page.getByTestId('loading').waitFor({ state: 'detached' });
      await expectAccessible(page);
      await shot(page, `nav${href.replace(/\//g, '-')}`);
    }
  });
});

test('on a narrow screen every admin page passes axe', async (t) => {
  await withPage(
    t,
    async (page) => {
      await signIn(page, logins.admin);
      for (const path of ['/me/account', ...ADMIN_PATHS]) {
        await page.goto(url(path));
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.getByTestId('loading').waitFor({ state: 'detached' });
        await expectAccessible(page);
        await shot(page, `narrow${path.replace(/\//g, '-')}`);
      }
    },
    { viewport: { width: 390, height: 760 } },
  );
});

test('import: the preview shows a row error, then a clean file imports', async (t) => {
  const api = await apiSession(logins.admin);
  const id = freshId('WEBIMP');
  const lastName = `Browsertest${id.slice(-4)}`;
  const row = (email) => csvRow(id, lastName, email);
  const upload = async (page, text) => {
    await page.locator('input[type="file"]').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${CSV_HEADER}\n${text}\n`),
    });
    await page.getByRole('button', { name: 'Check the file' }).click();
  };

  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    await page.getByRole('link', { name: 'Import people' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import people' }).waitFor();
    await expectTitle(page, 'Import people · Pairwise');
    await expectAccessible(page);

    await upload(page, row('not-an-email'));
    await expectText(page.getByTestId('import-problems'), /^1 problem in the file/);
    const errors = page.getByTestId('import-errors');
    await expectText(errors.locator('tbody tr').first(), /^2\s*email/);
    assert.equal(await page.getByRole('button', { name: 'Import the file' }).isDisabled(), true);
    await page.getByRole('table', { name: 'Column mapping' }).waitFor();
    await expectAccessible(page);
    await shot(page, 'import-preview-error');

    await upload(page, row(`ada.${id.toLowerCase()}@example.com`));
    await expectText(page.getByTestId('import-clean'), 'No problems found.');
    assert.equal(await page.getByTestId('import-errors').count(), 0, 'the old problems are gone');
    await expectText(page.getByTestId('import-counts'), /To create\s*1/);
    await expectText(page.getByTestId('import-rows').locator('tbody tr').first(), new RegExp(`${id}\\s*created`));
    await expectAccessible(page);
    await shot(page, 'import-preview-clean');

    await page.getByRole('button', { name: 'Import the file' }).click();
    await expectText(page.getByTestId('import-done'), /Created\s*1/);
    await expectAccessible(page);
    await shot(page, 'import-done');

  });
  // Nothing of the first, failed check was written; the import was.
  const again = await api.call('POST', '/imports/people/preview', `${CSV_HEADER}\n${row(`ada.${id.toLowerCase()}@example.com`)}\n`, 'text/csv');
  assert.equal(again.status, 200, JSON.stringify(again.body));
  assert.deepEqual(again.body.counts, { create: 0, update: 0, unchanged: 1, mark_left: 0 });
});

test('import: a column kept as a reporting attribute is saved, imported, and never shown on the person', async (t) => {
  const api = await apiSession(logins.admin);
  const id = freshId('WEBATT');
  const header = `Network ${id.slice(-5)}`;
  const attribute = `network_${id.slice(-5).toLowerCase()}`;
  const email = `ada.${id.toLowerCase()}@example.com`;
  const csv = `${CSV_HEADER},${header}\n${csvRow(id, `Browsertest${id.slice(-4)}`, email)},Pride\n`;

  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    await page.goto(url('/admin/import'));
    await page.getByRole('heading', { level: 1, name: 'Import people' }).waitFor();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('table', { name: 'Column mapping' }).waitFor();
    const field = page.locator(`input[aria-label="Field for column ${header}"]`);
    await field.click();
    await page.getByRole('option', { name: `Reporting attribute "${attribute}" (aggregate only)` }).click();
    await page.getByRole('button', { name: 'Save mapping and check again' }).click();
    await expectText(page.getByTestId('import-clean'), 'No problems found.');
    assert.equal(
      await field.inputValue(),
      `Reporting attribute "${attribute}" (aggregate only)`,
    );
    await expectAccessible(page);
    await shot(page, 'import-reporting-attribute');
    await page.getByRole('button', { name: 'Import the file' }).click();
    await expectText(page.getByTestId('import-done'), /Created\s*1/);
  });

  const mapping = await api.call('GET', '/imports/people/mapping');
  assert.equal(mapping.body.mapping[header], `attribute:${attribute}`);
  // The person's record carries no trace of the value.
  const person = await api.call('GET', `/people/${id}`);
  assert.equal(person.status, 200, JSON.stringify(person.body));
  assert.equal(JSON.stringify(person.body).includes('Pride'), false, JSON.stringify(person.body));
});

test('users: invite a person with a role, change roles, deactivate and reactivate; tokens: shown once, listed, revoked', async (t) => {
  const api = await apiSession(logins.admin);
  // A new person in the directory, who has no account yet.
  const id = freshId('WEBINV');
  const invitee = { employee_id: id, name: `Ada Invitee${id.slice(-4)}`, email: `invitee.${id.toLowerCase()}@example.com` };
  const imported = await api.call(
    'POST',
    '/imports/people',
    `${CSV_HEADER}\n${csvRow(id, `Invitee${id.slice(-4)}`, invitee.email)}\n`,
    'text/csv',
  );
  assert.equal(imported.status, 200, JSON.stringify(imported.body));

  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    await page.getByRole('link', { name: 'Users and roles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users and roles' }).waitFor();
    await page.getByTestId('accounts-table').waitFor();

    // Nobody chosen is reported on the field; the person is chosen by name, never by id.
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expectText(page.getByText('Choose the person to invite'), /Choose the person/);
    await expectAccessible(page);
    await shot(page, 'users-invite-error');

    await pickPerson(page, 'Person to invite', invitee.name);
    await page.getByRole('region', { name: 'Invite a person' }).getByRole('checkbox', { name: /Coordinator/ }).check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expectText(page.getByTestId('invite-sent'), new RegExp(`Invited ${invitee.name}`));

    await page.getByRole('searchbox', { name: 'Search accounts' }).fill(invitee.email);
    const rowOf = page.getByTestId('accounts-table').locator('tbody tr', { hasText: invitee.email });
    await expectText(rowOf, /Invited.*Coordinator/);
    await expectAccessible(page);
    await shot(page, 'users');

    await rowOf.getByRole('button', { name: `Change roles of ${invitee.name}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: /Admin/ }).check();
    await dialog.getByRole('checkbox', { name: /Coordinator/ }).uncheck();
    await expectAccessible(page);
    await shot(page, 'users-roles-dialog');
    await dialog.getByRole('button', { name: 'Save roles' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectText(rowOf, /Invited.*Admin/);

    // Deactivate, after a confirmation; then reactivate.
    await rowOf.getByRole('button', { name: `Deactivate ${invitee.name}` }).click();
    const confirm = page.getByRole('dialog', { name: `Deactivate ${invitee.name}?` });
    await expectText(confirm, /signed out everywhere/);
    await expectAccessible(page);
    await shot(page, 'users-deactivate-dialog');
    await confirm.getByRole('button', { name: 'Deactivate account' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expectText(rowOf, /Deactivated/);
    await rowOf.getByRole('button', { name: `Reactivate ${invitee.name}` }).click();
    const again = page.getByRole('dialog', { name: `Reactivate ${invitee.name}?` });
    await again.getByRole('button', { name: 'Reactivate account' }).click();
    await again.waitFor({ state: 'detached' });
    await expectText(rowOf, /Invited/);

    // API tokens.
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    const name = `Browser test IdP ${Date.now()}`;
    await page.getByLabel('Name', { exact: false }).first().fill(name);
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await expectText(page.getByTestId('new-token-secret'), /^\S{16,}$/);
    await page.getByRole('button', { name: 'Copy the token' }).waitFor();
    const tokensTable = page.getByTestId('tokens-table');
    const tokenRow = tokensTable.locator('tbody tr', { hasText: name });
    await expectText(tokenRow, /SCIM provisioning/);  // the scope in words, never `scim`
    assert.equal(await tokensTable.getByText(secret).count(), 0, 'the list never shows the secret');
    await expectAccessible(page);
    await shot(page, 'token-created');

    // Shown once: after "I have stored it" or a reload it is gone for good.
    await page.getByRole('button', { name: 'I have stored it' }).click();
    assert.equal(await page.getByTestId('new-token').count(), 0);
    await page.reload();
    await tokenRow.waitFor();
    assert.equal(await page.getByText(secret).count(), 0);

    // Where the SCIM API is there, the token works on it until it is revoked.
    const scimUrl = url('/scim/v2/ServiceProviderConfig');
    const before = await fetch(scimUrl, { headers: { Authorization: `Bearer ${secret}` } });
    if (before.status !== 404) assert.equal(before.status, 200, 'the new token is accepted');

    page.once('dialog', (d) => void d.accept());
    await tokenRow.getByRole('button', { name: `Revoke ${name}` }).click();
    await expectText(tokenRow, /revoked/);
    await shot(page, 'token-revoked');
    if (before.status !== 404) {
      const after = await fetch(scimUrl, { headers: { Authorization: `Bearer ${secret}` } });
      assert.equal(after.status, 401, 'the revoked token is refused');
    }
    const listed = (await api.get('/api-tokens')).body.items.find((tok) => tok.name === name);
    assert.ok(listed?.revoked_at, 'the API lists the token as revoked');
  });
});

test('the audit log shows the sign-in', async (t) => {
  const { account } = await apiSession(logins.admin);
  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const table = page.getByTestId('audit-table');
    // Plain words: the action and the person by name, never `sign_in` or "person E…".
    await expectText(table.locator('tbody tr').first(), new RegExp(`Signed in\\s*${account.name}`));
    assert.doesNotMatch(await table.innerText(), /sign_in|person E\d/);
    await expectAccessible(page);
    await shot(page, 'audit');

    await page.locator('input').and(page.getByLabel('Action', { exact: true })).click();
    // Wait for the filtered answer registered before the click: it can arrive before a wait
    // started afterwards would see it.
    const filtered = page.waitForResponse((r) => r.url().includes('action=sign_in_failed'));
    await page.getByRole('option', { name: 'Sign-in failed' }).click();
    await filtered;
    await expectText(
      table.locator('tbody tr').first().or(page.getByTestId('audit-table-empty')),
      /Sign-in failed|No “Sign-in failed” entries/,
    );
  });
});

test('sent mail shows the invitation, whose link sets a password and signs in once', {
  skip: FEATURES.mailOutbox ? false : 'the mail outbox API is not in the server yet; the UI leaves the page out',
}, async (t) => {
  const api = await apiSession(logins.admin);
  const id = freshId('WEBMAIL');
  const invitee = { email: `mailed.${id.toLowerCase()}@example.com` };
  const imported = await api.call('POST', '/imports/people', `${CSV_HEADER}\n${csvRow(id, 'Mailed', invitee.email)}\n`, 'text/csv');
  assert.equal(imported.status, 200, JSON.stringify(imported.body));
  const invited = await api.call('POST', '/accounts/invitations', { employee_id: id, roles: [] });
  assert.equal(invited.status, 201, JSON.stringify(invited.body));

  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    await page.getByRole('link', { name: 'Sent mail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sent mail' }).waitFor();
    const mailRow = page.getByTestId('mail-table').locator('tbody tr', { hasText: invitee.email }).first();
    await mailRow.waitFor();
    await expectAccessible(page);
    await shot(page, 'mail');
    await mailRow.getByRole('button').click();
    await expectText(page.getByTestId('mail-text'), /\/redeem\//);
    await expectAccessible(page);
    await shot(page, 'mail-message');
    const text = await page.getByTestId('mail-text').textContent();
    await page.keyboard.press('Escape');
    await page.getByTestId('mail-text').waitFor({ state: 'detached' });

    // The invitation link sets a password and signs the invitee in (in a fresh session).
    const token = text.match(/\/redeem\/([A-Za-z0-9_-]+)/)[1];
    await page.context().clearCookies();
    await page.goto(url(`/redeem/${token}`));
    await page.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
    await expectText(page.getByText(/Choose a password for/), new RegExp(invitee.email.replace(/[.+]/g, '\\$&')));
    await expectAccessible(page);
    await shot(page, 'redeem-invitation');
    await page.getByLabel('New password', { exact: false }).first().fill('short');
    await page.getByLabel('Repeat the new password').fill('short');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await expectText(page.getByText('Use at least 12 characters'), 'Use at least 12 characters');
    const password = `invited-${Date.now()}`;
    await page.getByLabel('New password', { exact: false }).first().fill(password);
    await page.getByLabel('Repeat the new password').fill(password);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByRole('heading', { level: 1, name: HOME.heading }).waitFor();
    await expectText(page.getByTestId('signed-in-as'), 'Ada Mailed');

    // The link worked once.
    await page.goto(url(`/redeem/${token}`));
    await page.getByRole('heading', { level: 1, name: 'This link does not work' }).waitFor();
  });
});
