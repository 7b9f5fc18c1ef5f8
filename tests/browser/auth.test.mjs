// Sign-in, sign-out, the way back to the page asked for, and the pages used before sign-in.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEMO_PASSWORD,
  HOME,
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

test('a wrong password shows the error; the right one lands on the start page', async (t) => {
  await withPage(t, async (page) => {
    await page.goto(url('/sign-in'));
    await expectTitle(page, 'Sign in · Pairwise');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectAccessible(page);
    await shot(page, 'sign-in');

    // Empty fields are caught before asking the server, on the fields themselves.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.getByText('Enter your email address'), 'Enter your email address');
    assert.equal(await page.getByLabel('Email address').getAttribute('aria-invalid'), 'true');

    await page.getByLabel('Email address').fill(logins.admin);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/sign-in'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal((await answer).status(), 401);
    await expectText(page.getByTestId('sign-in-error'), /email address or password is not right/);
    await expectAccessible(page);
    await shot(page, 'sign-in-error');

    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: HOME.heading }).waitFor();
    assert.equal(new URL(page.url()).pathname, HOME.path);
    await expectText(page.getByTestId('signed-in-as'), /\S/);

    // The session survives a reload, and signing out ends it.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: HOME.heading }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.goto(url(HOME.path));
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });
});

test('a signed-out visitor is sent to sign in and then back to the page asked for', async (t) => {
  await withPage(t, async (page) => {
    await page.goto(url('/me/account?from=test'));
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('next'), '/me/account?from=test');
    await page.getByLabel('Email address').fill(logins.participant);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/me/account');
    assert.equal(new URL(page.url()).search, '?from=test');
  });
});

test('an ended session sends the user back to sign in', async (t) => {
  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    // The session is gone (as after expiry): the next API call answers 401.
    await page.context().clearCookies();
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('next'), '/admin/audit');
    // Signing in again leads back there.
    await page.getByLabel('Email address').fill(logins.admin);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  });
});

test('forgot password answers the same for any address; a bad link says so', async (t) => {
  await withPage(t, async (page) => {
    await page.goto(url('/sign-in'));
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'MAIN', 'focus moves to the new page');
    await expectAccessible(page);
    await page.getByLabel('Email address').fill('nobody-here@example.invalid');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expectText(page.getByTestId('reset-sent'), /If there is a Pairwise account for nobody-here@example\.invalid/);
    await expectAccessible(page);
    await shot(page, 'forgot-password');

    await page.goto(url('/redeem/not-a-real-token'));
    await page.getByRole('heading', { level: 1, name: 'This link does not work' }).waitFor();
    await expectAccessible(page);
    await shot(page, 'redeem-bad-link');
  });
});

test('my account: see the account, change the password, sign in with it, change it back', async (t) => {
  const fresh = `changed-${Date.now()}-pw`;
  await withPage(t, async (page) => {
    await signIn(page, logins.coordinator ?? logins.participant);
    await page.getByRole('link', { name: 'My account' }).click();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await expectText(page.getByTestId('account-facts'), new RegExp((logins.coordinator ?? logins.participant).replace(/[.+]/g, '\\$&')));
    await expectAccessible(page);
    await shot(page, 'account');

    // A wrong current password is reported on its field, and does not end the session.
    await page.getByLabel('Current password').fill('not-my-password');
    await page.getByLabel('New password').fill(fresh);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expectText(page.getByText('This is not your current password.'), 'This is not your current password.');
    assert.equal(new URL(page.url()).pathname, '/me/account');
    await expectAccessible(page);
    await shot(page, 'account-wrong-password');

    await page.getByLabel('Current password').fill(DEMO_PASSWORD);
    await page.getByLabel('New password').fill(fresh);
    let changed = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/password'));
    await page.getByRole('button', { name: 'Change password' }).click();
    assert.equal((await changed).status(), 204);
    await expectText(page.getByText('Your password is changed.'), 'Your password is changed.');

    // This session goes on (with its new CSRF token): changing it back works.
    await page.getByLabel('Current password').fill(fresh);
    await page.getByLabel('New password').fill(DEMO_PASSWORD);
    changed = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/password'));
    await page.getByRole('button', { name: 'Change password' }).click();
    assert.equal((await changed).status(), 204);
    await expectText(page.getByText('Your password is changed.'), 'Your password is changed.');
  });
});
