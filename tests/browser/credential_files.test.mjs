// Issue 21's evidence files, in the UI: the demo manager applies for the credential and attaches
// a PDF to their application; a file whose name lies about its content (a web page named .pdf)
// is refused with a sentence; the reviewer opens the candidate's evidence on the board and
// downloads the file, which arrives as a download with the bytes sent. At desktop and phone
// width, axe on each page. The candidacy is declined at the end, so the credential walk
// (credentials.test.mjs) finds the manager free to apply again.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { FEATURES, apiSession, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';

const logins = await demoLogins();
const skip = !FEATURES.programs ? 'the programs API is not in the server yet' : !logins.manager ? 'the demo has no manager login' : false;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const WIDTHS = [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
];

for (const [width, viewport] of WIDTHS) {
  test(`credential evidence files at ${width} width: attached by the candidate, downloaded by a reviewer`, { skip }, async (t) => {
    // Set up what the test needs, whatever state the demo is in: the participant reviews, the
    // manager has no open candidacy and no current credential.
    const admin = await apiSession(logins.admin);
    const manager = await apiSession(logins.manager);
    const participant = await apiSession(logins.participant);
    const candidate = manager.account;
    const appointed = await admin.call('PUT', `/credentials/reviewers/${participant.account.employee_id}`);
    assert.ok([204, 409].includes(appointed.status), JSON.stringify(appointed.body));
    const own = await admin.get(`/people/${candidate.employee_id}/credential`);
    if (own.body.credential?.status === 'current') {
      await admin.call('POST', `/credentials/${own.body.credential.id}/revoke`, { reason: 'Browser test: apply again' });
    }
    const before = (await manager.get('/me/credential')).body.candidacy;
    if (before?.status === 'applied') {
      await participant.call('POST', `/credentials/candidates/${before.id}/decision`, { decision: 'decline', reason: 'Browser test: start again' });
    }
    assert.ok(!before || before.status !== 'selected', 'the demo manager is on the path already');
    const fileName = `Lesson plan ${width}.pdf`;

    // The candidate applies and attaches their evidence.
    await withPage(
      t,
      async (page) => {
        await signIn(page, logins.manager);
        await page.goto(url('/me/credential'));
        await page.getByLabel('Why do you want to mentor?').fill('I want to pass on what I learned.');
        const applied = page.waitForResponse((r) => r.url().endsWith('/api/v1/credentials/candidates') && r.request().method() === 'POST');
        await page.getByRole('button', { name: 'Send my application' }).click();
        assert.equal((await applied).status(), 201);
        const step1 = page.getByTestId('step-1');
        await expectText(step1, /Done/);

        // A web page named .pdf is refused, in words.
        let chooser = page.waitForEvent('filechooser');
        await step1.getByRole('button', { name: /Add a file to/ }).click();
        let refused = page.waitForResponse((r) => r.url().includes('/files?') && r.request().method() === 'POST');
        await (await chooser).setFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
        assert.equal((await refused).status(), 400);
        await expectText(step1.getByRole('alert'), /not a PDF, an image/);

        // The PDF is taken and listed.
        chooser = page.waitForEvent('filechooser');
        await step1.getByRole('button', { name: /Add a file to/ }).click();
        const attached = page.waitForResponse((r) => r.url().includes('/files?') && r.request().method() === 'POST');
        await (await chooser).setFiles({ name: fileName, mimeType: 'text/plain', buffer: PDF });
        assert.equal((await attached).status(), 201);
        await expectText(step1.getByRole('list', { name: /Files for/ }), new RegExp(`${fileName}[\\s\\S]*PDF`));
        await expectAccessible(page);
        await shot(page, `credential-files-candidate-${width}`);
        if (width === 'phone') {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
        }
      },
      { viewport },
    );

    // The reviewer opens the evidence on the board and downloads the file.
    await withPage(
      t,
      async (page) => {
        await signIn(page, logins.participant);
        await page.goto(url('/credentials/review'));
        const card = page.getByTestId('board-candidate').filter({ hasText: candidate.name }).first();
        const loaded = page.waitForResponse((r) => /\/api\/v1\/credentials\/candidates\/\d+$/.test(r.url()));
        await card.getByRole('button', { name: `Show ${candidate.name}'s evidence` }).click();
        assert.equal((await loaded).status(), 200);
        const link = card.getByTestId('candidate-evidence').getByRole('link', { name: fileName });
        await link.waitFor();
        await expectAccessible(page);
        await shot(page, `credential-files-reviewer-${width}`);
        const download = page.waitForEvent('download');
        await link.click();
        const saved = await download;
        assert.equal(saved.suggestedFilename(), fileName);
        assert.deepEqual(await readFile(await saved.path()), PDF);
      },
      { viewport },
    );

    // Served as an attachment, never as a page; others get nothing.
    const mine = (await manager.get('/me/credential')).body.candidacy;
    const file = mine.files.find((f) => f.name === fileName);
    assert.equal(file.content_type, 'application/pdf');
    // The admin is neither the candidate nor a reviewer (the demo's coordinator is a reviewer).
    const reviewers = (await admin.get('/credentials/reviewers')).body.items.map((r) => r.employee_id);
    assert.ok(!reviewers.includes(admin.account.employee_id), 'the admin is not a reviewer');
    const stranger = await admin.call('GET', `/credentials/files/${file.id}`);
    assert.equal(stranger.status, 404);
    // Close the candidacy for the other credential tests.
    const declined = await participant.call('POST', `/credentials/candidates/${mine.id}/decision`, { decision: 'decline', reason: 'Browser test done' });
    assert.equal(declined.status, 200, JSON.stringify(declined.body));
  });
}
