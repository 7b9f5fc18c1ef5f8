// Single sign-on through a real OpenID Connect provider on loopback (tests/sso/oidc_provider.py,
// python3-authlib): the sign-in page's "Sign in with ..." button, the provider's own sign-in
// form, and back signed in; someone not in the directory comes back to a plain explanation.
//
// Needs PAIRWISE_SSO_PROVIDER_CERT (scripts/test.sh sets it): the path, without .pem/.key, of
// the certificate the provider serves, which the server under test trusts
// (PAIRWISE_SSO_CA_FILE). The server must know its own address (PAIRWISE_BASE_URL) for the
// redirect URI.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  HOME,
  apiSession,
  demoLogins,
  expectAccessible,
  expectText,
  shot,
  url,
  withPage,
} from './harness.mjs';

const CERT = process.env.PAIRWISE_SSO_PROVIDER_CERT;
const skip = CERT ? false : 'PAIRWISE_SSO_PROVIDER_CERT is not set (scripts/test.sh sets it)';
const PROVIDER = join(dirname(fileURLToPath(import.meta.url)), '../sso/oidc_provider.py');
const SECRET = 'browser test secret';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

let provider;
let providerDir;
let issuer;
let admin;

async function configure(enabled) {
  const answer = await admin.call('PUT', '/admin/sso', {
    enabled,
    provider_name: 'Test Provider',
    issuer,
    client_id: 'pairwise-browser',
    client_secret: SECRET,
    match_by: 'email',
    claim: 'email',
    password_sign_in: true,
  });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
}

before(async () => {
  if (skip) return;
  const logins = await demoLogins();
  admin = await apiSession(logins.admin);
  providerDir = await mkdtemp(join(tmpdir(), 'pairwise-oidc-'));
  const port = await freePort();
  issuer = `https://127.0.0.1:${port}`;
  provider = spawn(
    '/usr/bin/python3',
    [PROVIDER, '--port', String(port), '--cert', `${CERT}.pem`, '--key', `${CERT}.key`,
      '--dir', providerDir, '--client-id', 'pairwise-browser', '--client-secret', SECRET],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100 && !existsSync(join(providerDir, 'ready')); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(existsSync(join(providerDir, 'ready')), 'the OpenID Connect provider did not start');
  await configure(true);
});

after(async () => {
  if (skip) return;
  // Leave the shared server as other tests expect it: no single sign-on.
  if (admin && issuer) await configure(false);
  provider?.kill('SIGTERM');
  if (providerDir) await rm(providerDir, { recursive: true, force: true });
});

test('signs in through the organization provider', { skip }, async (t) => {
  const logins = await demoLogins();
  await withPage(
    t,
    async (page) => {
      await page.goto(url('/sign-in'));
      const button = page.getByRole('link', { name: 'Sign in with Test Provider' });
      await button.waitFor();
      await expectAccessible(page);
      await shot(page, 'sign-in-sso');
      await button.click();
      // The provider's own page.
      await page.getByRole('heading', { name: 'Test identity provider' }).waitFor();
      await page.getByLabel('Email or employee id').fill(logins.participant);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { level: 1, name: HOME.heading }).waitFor();
      const session = await page.evaluate(async () => {
        const r = await fetch('/api/v1/auth/session');
        return r.json();
      });
      assert.equal(session.account.email.toLowerCase(), logins.participant.toLowerCase());
    },
    { ignoreHTTPSErrors: true },
  );
});

test('someone the directory does not know is told so in plain words', { skip }, async (t) => {
  await withPage(
    t,
    async (page) => {
      await page.goto(url('/sign-in'));
      await page.getByRole('link', { name: 'Sign in with Test Provider' }).click();
      await page.getByLabel('Email or employee id').fill('nobody@nowhere.example');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expectText(page.getByTestId('sso-error'), /not in the Pairwise directory/);
      assert.match(page.url(), /\/sign-in\?sso_error=unknown_person$/);
      await expectAccessible(page);
      await shot(page, 'sign-in-sso-refused');
    },
    { ignoreHTTPSErrors: true },
  );
});
