// Exports of the long lists (issue 24): the admin downloads the People page, filtered by a
// department, as Excel, and the coordinator downloads Leadership Circle's relationships (with
// their meeting and goal counts) as Excel;
// an independent reader (python3-openpyxl, read_xlsx.py) finds the rows the API lists for the
// same filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FEATURES, apiSession, demoLogins, expectAccessible, expectText, signIn, url, withPage } from './harness.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const logins = await demoLogins();
const skip = FEATURES.programs ? false : 'the programs API is not in the server yet';

/** Downloads what clicking `button` sends and reads it with openpyxl. */
async function downloadWorkbook(page, button) {
  const download = page.waitForEvent('download');
  await button.click();
  const file = join(await mkdtemp(join(tmpdir(), 'pairwise-xlsx-')), 'export.xlsx');
  await (await download).saveAs(file);
  return JSON.parse(execFileSync('/usr/bin/python3', [join(HERE, 'read_xlsx.py'), file], { encoding: 'utf8' }));
}

test('the admin downloads the filtered People page as Excel', async (t) => {
  const admin = await apiSession(logins.admin);
  const departments = (await admin.get('/departments')).body.items;
  const department = departments[0];
  const listed = [];
  let cursor;
  do {
    const page = (await admin.get(`/people?limit=100&department=${encodeURIComponent(department.code)}${cursor ? `&cursor=${cursor}` : ''}`)).body;
    listed.push(...page.items.map((p) => [p.employee_id, p.name]));
    cursor = page.next_cursor;
  } while (cursor);
  assert.ok(listed.length > 0, 'the department has people');
  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    await page.goto(url(`/people?department=${encodeURIComponent(department.code)}`));
    await expectText(page.getByRole('table').first(), new RegExp(listed[0][1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await expectAccessible(page);
    const book = await downloadWorkbook(page, page.getByRole('link', { name: 'Download as Excel' }));
    // Row 1 is the title, row 2 the headings.
    assert.deepEqual(book.people[1].slice(0, 2), ['Employee ID', 'Name']);
    assert.deepEqual(book.people.slice(2).map((r) => [r[0], r[1]]), listed);
    assert.ok(book.people.slice(2).every((r) => r[5] === department.name), 'every row is of the department');
  });
});

test('a participant has no People download', async (t) => {
  const participant = await apiSession(logins.participant);
  assert.equal((await participant.get('/people/export?format=csv')).status, 403);
  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.goto(url('/people'));
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    await page.getByRole('table').first().waitFor();
    assert.equal(await page.getByRole('link', { name: 'Download as Excel' }).count(), 0);
  });
});

test('the coordinator downloads the program’s relationships as Excel', { skip }, async (t) => {
  const coordinator = await apiSession(logins.coordinator);
  const program = (await coordinator.get('/programs')).body.items.find((p) => p.name === 'Leadership Circle');
  assert.ok(program, 'the demo coordinator runs "Leadership Circle"');
  const listed = [];
  for (let offset = 0; ; offset += 200) {
    const page = (await coordinator.get(`/programs/${program.id}/relationships?limit=200&offset=${offset}`)).body;
    listed.push(
      ...page.items.map((r) => [
        r.id,
        r.mentor.employee_id,
        r.mentee.employee_id,
        r.status,
        // The table's activity counts: counts only, the last meeting as its day.
        r.meetings_held,
        r.last_meeting_at ? r.last_meeting_at.slice(0, 10) : '',
        r.goals,
        r.goals_completed,
        r.goal_progress,
      ]),
    );
    if (offset + 200 >= page.total) break;
  }
  assert.ok(listed.length > 0, 'Leadership Circle has relationships');
  await withPage(t, async (page) => {
    await signIn(page, logins.coordinator);
    await page.goto(url(`/programs/${program.id}`));
    const card = page.getByTestId('program-relationships');
    await expectText(card.getByTestId('relationships-count'), /relationship/);
    const book = await downloadWorkbook(page, card.getByRole('link', { name: 'Download as Excel' }));
    assert.deepEqual(book.relationships[1].slice(0, 6), ['Relationship', 'Mentor', 'Mentor employee ID', 'Mentee', 'Mentee employee ID', 'Status']);
    assert.deepEqual(book.relationships[1].slice(12), ['Meetings held', 'Last meeting', 'Goals set', 'Goals completed', 'Average goal progress %']);
    assert.deepEqual(
      book.relationships.slice(2).map((r) => [r[0], r[2], r[4], r[5], r[12], r[13] ?? '', r[14], r[15], r[16]]),
      listed,
    );
    assert.ok(listed.some((r) => r[4] > 0 || r[6] > 0), 'the demo has pairs that met or set goals');
  });
});
