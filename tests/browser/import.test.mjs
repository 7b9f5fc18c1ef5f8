// The admin import with an HR export as HR systems write it: department and site names (in
// their own case, with or without accents) are matched to the existing ones, a department that
// does not exist yet is shown for the admin to confirm, and only then imported.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';

const logins = await demoLogins();

// Column names as an HRIS export writes them (mapped by the import's synonyms).
const HEADER = 'Employee Number,First Name,Last Name,Work Email,Department,Location,Time Zone,Job Title,Grade,Manager ID,Start Date';

function freshId(prefix) {
  return `${prefix}${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1000)}`;
}

for (const [width, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 760 }],
]) {
  test(`import (${width}): department names are matched, a new department is confirmed, then imported`, async (t) => {
    const api = await apiSession(logins.admin);
    const id = freshId('WEBNAM');
    const suffix = id.slice(-5);
    const newDepartment = `Quantum Lab ${suffix}`;
    const csv = [
      HEADER,
      // "platform engineering" is Platform Engineering (ENG-PLAT); "Sao Paulo" is São Paulo.
      `${id}A,Ana,Names${suffix},ana.${id.toLowerCase()}@example.com,platform engineering,Sao Paulo,,"Senior Engineer,\r\nPlatform",4,,2024-02-01`,
      `${id}B,Bruno,Names${suffix},bruno.${id.toLowerCase()}@example.com,${newDepartment},S\u00e3o Paulo,,Research Scientist,5,,2024-03-01`,
      '',
    ].join('\r\n');

    await withPage(
      t,
      async (page) => {
        await signIn(page, logins.admin);
        await page.goto(url('/admin/import'));
        await page.getByRole('heading', { level: 1, name: 'Import people' }).waitFor();
        await page.locator('input[type="file"]').setInputFiles({
          name: 'hr-export.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(csv),
        });
        await page.getByRole('button', { name: 'Check the file' }).click();
        await expectText(page.getByTestId('import-clean'), 'No problems found.');
        await expectText(page.getByTestId('import-counts'), /To create\s*2/);

        // How each value is understood: matched names, and the new department.
        const references = page.getByTestId('import-references');
        await expectText(
          references.locator('tbody tr', { hasText: 'platform engineering' }),
          /platform engineering\s*Department Platform Engineering\s*1/,
        );
        await expectText(references.locator('tbody tr', { hasText: 'Sao Paulo' }), /Site São Paulo/);
        await expectText(
          references.locator('tbody tr', { hasText: newDepartment }),
          new RegExp(`New department\\s*${newDepartment}`),
        );
        assert.equal(await references.getByText('ENG-PLAT').count(), 0, 'no codes on the page');

        // The new department is confirmed in plain words before the import can run.
        await expectText(page.getByTestId('confirm-new'), new RegExp(`1 new department .*${newDepartment}`));
        const importButton = page.getByRole('button', { name: 'Import the file' });
        assert.equal(await importButton.isDisabled(), true, 'not before the new department is confirmed');
        await expectAccessible(page);
        await shot(page, `import-names-preview-${width}`);

        await page.getByRole('checkbox', { name: 'Yes, create 1 new department' }).check();
        assert.equal(await importButton.isDisabled(), false);
        await importButton.click();
        await expectText(page.getByTestId('import-done'), new RegExp(`Created\\s*2.*New department: ${newDepartment}\\.`));
        await expectAccessible(page);
        await shot(page, `import-names-done-${width}`);
      },
      { viewport },
    );

    // Stored under the existing codes; the new department exists once, named as written.
    const ana = await api.get(`/people/${id}A`);
    assert.equal(ana.status, 200, JSON.stringify(ana.body));
    const anaText = JSON.stringify(ana.body);
    assert.ok(anaText.includes('ENG-PLAT'), anaText);
    assert.ok(anaText.includes('SAO'), anaText);
    assert.ok(anaText.includes('Senior Engineer, Platform'), anaText);
    const bruno = await api.get(`/people/${id}B`);
    assert.equal(bruno.status, 200, JSON.stringify(bruno.body));
    assert.ok(JSON.stringify(bruno.body).includes(newDepartment), JSON.stringify(bruno.body));
    // The same file again: nothing new to confirm, both unchanged.
    const again = await api.call('POST', '/imports/people/preview', csv, 'text/csv');
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body.needs_confirmation, []);
    assert.deepEqual(again.body.counts, { create: 0, update: 0, unchanged: 2, mark_left: 0 });
  });
}

test('import: a full import of a short file says how many would be marked left and waits for a confirmation', async (t) => {
  const id = freshId('WEBFULL');
  const csv = `${HEADER}\r\n${id},Ana,Full,ana.${id.toLowerCase()}@example.com,ENG-WEB,BER,,Engineer,3,,2024-02-01\r\n`;
  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    await page.goto(url('/admin/import'));
    await page.getByRole('heading', { level: 1, name: 'Import people' }).waitFor();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'short-export.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('checkbox', { name: /Full import/ }).check();
    await page.getByRole('button', { name: 'Check the file' }).click();
    // Everyone but the one row would leave: far more than the share allowed without asking.
    const alert = page.getByTestId('confirm-leavers');
    await expectText(alert, /This full import would mark [\d,]+ people of [\d,]+ in the directory as left/);
    const leaving = (await alert.textContent()).match(/mark ([\d,]+) people/)[1];
    await page.getByRole('checkbox', { name: `Yes, mark ${leaving} people as left` }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Import the file' }).isDisabled(), true);
    await expectAccessible(page);
    await shot(page, 'import-full-confirm-leavers');
    // Not imported here: the demo directory stays as it is for the other tests.
  });
});
