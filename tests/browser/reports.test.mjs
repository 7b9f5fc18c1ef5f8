// Reports and outcomes (issue 24): the coordinator opens the demo alumni program's dashboard
// and its outcomes page, downloads both as Excel, and an independent reader (python3-openpyxl)
// finds the same figures in the files as on the pages. axe and screenshots at desktop and phone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FEATURES, apiSession, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const logins = await demoLogins();
const PROGRAM = 'Career Mentoring 2024';
const skip = FEATURES.programs ? false : 'the programs API is not in the server yet';

async function programId() {
  const coordinator = await apiSession(logins.coordinator);
  const program = (await coordinator.get('/programs')).body.items.find((p) => p.name === PROGRAM);
  assert.ok(program, 'the demo alumni program');
  return program.id;
}

/** Downloads what clicking `button` sends and reads it with openpyxl. */
async function downloadWorkbook(page, button) {
  const download = page.waitForEvent('download');
  await button.click();
  const file = join(await mkdtemp(join(tmpdir(), 'pairwise-xlsx-')), 'export.xlsx');
  await (await download).saveAs(file);
  return JSON.parse(execFileSync('/usr/bin/python3', [join(HERE, 'read_xlsx.py'), file], { encoding: 'utf8' }));
}

/** The rows of a table on the page as text cells (header row excluded). */
async function tableRows(table) {
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent.trim())),
  );
}

test('the coordinator’s dashboard and outcomes match their Excel downloads', { skip }, async (t) => {
  const id = await programId();
  await withPage(t, async (page) => {
    await signIn(page, logins.coordinator);
    await page.goto(url(`/programs/${id}/reports`));
    await expectText(page.getByRole('heading', { level: 1 }), /Career Mentoring 2024: dashboard/);
    const funnel = page.getByRole('table', { name: 'Enrollment funnel (mentees)' });
    await expectText(funnel, /Completed/);
    const onPage = await tableRows(funnel);
    await expectAccessible(page);
    await shot(page, 'reports-dashboard');

    const dashboard = await downloadWorkbook(page, page.getByRole('button', { name: 'Download as Excel' }).or(page.getByRole('link', { name: 'Download as Excel' })).first());
    // Row 1 is the title, row 2 the headings.
    const sheet = dashboard.funnel.slice(2).map(([step, people]) => [step, Number(people).toLocaleString('en-US')]);
    assert.deepEqual(sheet, onPage);
    assert.ok(Number(onPage.find((r) => r[0] === 'Matched')[1].replace(/,/g, '')) > 50, 'the alumni were matched');
    // Every table is a sheet; the alumni have all ended, so no mentor carries a load today.
    assert.deepEqual(dashboard.mentor_load[1], ['Mentor', 'Employee ID', 'Mentees', 'Capacity']);
    assert.equal(dashboard.early_endings.length, 2 + 6);

    await page.getByRole('link', { name: 'Outcomes' }).or(page.getByRole('button', { name: 'Outcomes' })).first().click();
    await expectText(page.getByRole('heading', { level: 1 }), /Outcomes against comparable colleagues/);
    await expectText(page.getByText(/An association, not proof/).first(), /association/);
    const mentees = page.getByRole('table', { name: 'Mentees: outcomes against comparable colleagues' });
    await expectText(mentees, /Still employed 12 months later/);
    const rows = await tableRows(mentees);
    await expectAccessible(page);
    await shot(page, 'reports-outcomes');

    const outcomes = await downloadWorkbook(page, page.getByRole('link', { name: 'Download as Excel' }).or(page.getByRole('button', { name: 'Download as Excel' })).first());
    const fromFile = outcomes.outcomes.slice(2).filter((r) => r[0] === 'Mentees');
    assert.equal(fromFile.length, 3);
    for (const [i, row] of rows.entries()) {
      const [, outcome, participants, rate, colleagues, colleagueRate, difference, low, high, note] = fromFile[i];
      assert.equal(row[0], outcome);
      assert.equal(row[1], String(participants));
      assert.equal(row[3], String(colleagues));
      if (note === 'Not enough data') {
        assert.equal(row[2], 'Not enough data');
        continue;
      }
      assert.equal(row[2], `${Number(rate).toFixed(1)}%`);
      assert.equal(row[4], `${Number(colleagueRate).toFixed(1)}%`);
      const points = (v) => `${v > 0 ? '+' : ''}${Number(v).toFixed(1)}`;
      assert.equal(row[5], points(difference));
      assert.equal(row[6], `${points(low)} to ${points(high)}`);
    }
    // The demo planted an association: at least one mentee outcome is computed.
    assert.ok(fromFile.some((r) => r[9] !== 'Not enough data'), JSON.stringify(fromFile));
  });
});

test('the outcomes page reads on a phone', { skip }, async (t) => {
  const id = await programId();
  await withPage(
    t,
    async (page) => {
      await signIn(page, logins.coordinator);
      await page.goto(url(`/programs/${id}/outcomes`));
      await expectText(page.getByRole('table', { name: 'Mentees: outcomes against comparable colleagues' }), /Promoted within 24 months/);
      await expectAccessible(page);
      await shot(page, 'reports-outcomes-phone');
    },
    { viewport: { width: 390, height: 844 } },
  );
});

test('a participant is refused the dashboard', { skip }, async () => {
  const id = await programId();
  const participant = await apiSession(logins.participant);
  const refused = await participant.get(`/programs/${id}/reports/dashboard`);
  assert.ok([403, 404].includes(refused.status), String(refused.status));
});
