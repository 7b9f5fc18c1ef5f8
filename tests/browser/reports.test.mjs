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

/** Why a survey shows no figures, in the page's and the export's words. */
const hiddenNote = (s) => (s.invited === 0 ? 'Not sent to anyone yet' : `Hidden: fewer than ${s.min_group} answers`);

/** The id of the demo program `name` as the coordinator sees it. */
async function programNamed(name) {
  const coordinator = await apiSession(logins.coordinator);
  const program = (await coordinator.get('/programs')).body.items.find((p) => p.name === name);
  assert.ok(program, name);
  return { id: program.id, coordinator };
}

// The running program's dashboard: its surveys' response rates and headline scores (hidden
// below each survey's minimum group), its health labels over time and its mentees' match rate by
// group (small groups hidden and said so), the same on the page, in the API and in the Excel
// download; at desktop and phone width, accessible at both.
for (const [width, height, name] of [
  [1280, 900, 'reports-dashboard-surveys'],
  [390, 844, 'reports-dashboard-surveys-phone'],
]) {
  test(`the dashboard shows survey figures, health labels over time and fairness by group (${width} px)`, { skip }, async (t) => {
    const { id, coordinator } = await programNamed('Leadership Circle');
    const api = (await coordinator.get(`/programs/${id}/reports/dashboard`)).body;
    assert.ok(api.surveys.length > 0, 'the demo program has surveys');
    await withPage(
      t,
      async (page) => {
        await signIn(page, logins.coordinator);
        const loaded = page.waitForResponse((r) => r.url().includes(`/programs/${id}/reports/dashboard`) && r.ok());
        await page.goto(url(`/programs/${id}/reports`));
        await loaded;
        const rates = page.getByRole('table', { name: 'Survey response rate' });
        await expectText(rates, new RegExp(api.surveys[0].title));
        const rateRows = await tableRows(rates);
        assert.equal(rateRows.length, api.surveys.length);
        for (const [i, s] of api.surveys.entries()) {
          assert.equal(rateRows[i][0], s.title);
          assert.equal(rateRows[i][1], s.invited.toLocaleString('en-US'));
          if (s.hidden) {
            assert.equal(rateRows[i][2], '');
            assert.equal(rateRows[i][4], hiddenNote(s));
          } else {
            assert.equal(rateRows[i][2], s.responses.toLocaleString('en-US'));
            assert.equal(rateRows[i][3], `${s.response_rate_pct.toFixed(1)}%`);
          }
        }
        const scores = page.getByRole('table', { name: 'Survey headline scores' });
        await expectText(scores, /\S/);
        const shownScores = api.surveys.flatMap((s) => (s.hidden ? [] : s.scores.filter((q) => q.value !== null)));
        const scoreRows = await tableRows(scores);
        assert.equal(scoreRows.filter((r) => r[1] !== '').length, shownScores.length);

        const labels = page.getByRole('table', { name: 'Pairs by health label, day by day' });
        if (api.health_labels.length > 0) {
          const labelRows = await tableRows(labels);
          assert.equal(labelRows.length, api.health_labels.length);
          const last = api.health_labels.at(-1);
          assert.deepEqual(labelRows.at(-1).slice(1), [last.on_track, last.needs_attention, last.at_risk].map(String));
        }
        // Fairness: the department breakdown as the API gives it, hidden groups said in words.
        const byDepartment = api.fairness.breakdowns.find((b) => b.dimension === 'department');
        const fairness = page.getByTestId('fairness-department');
        if (byDepartment.groups.length > 0) {
          const fairRows = await tableRows(fairness.getByRole('table', { name: 'Match rate by department' }));
          assert.deepEqual(
            fairRows.map((r) => [r[0], r[1], r[2], r[5]]),
            byDepartment.groups.map((g) => [
              g.group,
              g.mentees.toLocaleString('en-US'),
              `${g.match_rate_pct.toFixed(1)}%`,
              g.match_score === null ? '' : g.match_score.toLocaleString('en-US'),
            ]),
          );
          // The demo's pairs were made by matching runs: their groups have a match score.
          assert.ok(byDepartment.groups.some((g) => g.match_score !== null && g.scored_pairs > 0));
        }
        if (byDepartment.hidden_groups > 0) await expectText(fairness, /hidden: fewer than 5\s+mentees/);
        await expectAccessible(page);
        await shot(page, name);

        if (width > 1000) {
          const book = await downloadWorkbook(page, page.getByRole('link', { name: 'Download as Excel' }));
          const sheet = book.surveys.slice(2);
          for (const s of api.surveys) {
            const rows = sheet.filter((r) => r[0] === s.title);
            assert.ok(rows.length > 0, s.title);
            assert.equal(Number(rows[0][1]), s.invited);
            if (s.hidden) assert.equal(rows[0][7], hiddenNote(s));
            else assert.equal(Number(rows[0][3]), s.response_rate_pct);
          }
          assert.equal(book.health_labels.length - 2, api.health_labels.length);
          // Mentor load: the chart's table on the page is the sheet; the means under the
          // meetings chart are a sheet of their own; each mentor is a sheet too.
          const loadRows = await tableRows(page.getByRole('table', { name: 'Mentor load against capacity' }));
          assert.deepEqual(
            book.mentor_load_summary.slice(2).map(([label, mentors]) => [label, Number(mentors).toLocaleString('en-US')]),
            loadRows,
          );
          assert.equal(
            book.mentor_load_summary.slice(2).reduce((n, r) => n + Number(r[1]), 0),
            api.mentor_load.length,
          );
          assert.deepEqual(book.meetings_per_month.slice(2).map(([m, v]) => [m, Number(v)]), [
            ['Held', api.mean_meetings_per_month],
            ['Agreed', api.mean_agreed_per_month],
          ]);
          await expectText(page.getByTestId('meeting-means'), new RegExp(api.mean_meetings_per_month.toLocaleString()));
          assert.equal(book.mentor_load.length - 2, api.mentor_load.length);
          // Skills start -> end: a row per rater and skill as the API gives them, hidden ones
          // without a figure.
          const change = api.competency_change;
          if (change) {
            const raterWords = { mentee: 'Mentees rating themselves', mentor: 'Mentors rating their mentees' };
            const rows = book.competency_change.slice(2);
            const expected = change.raters.flatMap((r) => (r.hidden ? [[r, null]] : r.competencies.map((c) => [r, c])));
            assert.equal(rows.length, expected.length);
            for (const [i, [r, c]] of expected.entries()) {
              assert.equal(rows[i][0], raterWords[r.rater]);
              if (!c || c.hidden) {
                assert.equal(rows[i][2] ?? '', '');
                continue;
              }
              assert.equal(rows[i][1], c.name);
              assert.equal(Number(rows[i][2]), c.pairs);
              assert.ok(Math.abs(Number(rows[i][5]) - c.mean_change) < 0.006, `${c.name}: ${rows[i][5]} vs ${c.mean_change}`);
              assert.deepEqual(rows[i].slice(6, 16).map(Number), [...c.start, ...c.end]);
            }
          }
          const shown = api.fairness.breakdowns.reduce((n, b) => n + b.groups.length + (b.hidden_groups > 0 ? 1 : 0), 0);
          assert.equal(book.fairness.length - 2, shown);
          for (const g of byDepartment.groups) {
            const row = book.fairness.find((r) => r[0] === 'Department' && r[1] === g.group);
            assert.ok(row, g.group);
            assert.deepEqual([Number(row[2]), Number(row[3]), Number(row[4]), Number(row[7])], [g.mentees, g.matched, g.match_rate_pct, g.scored_pairs]);
            assert.equal(row[8] === null || row[8] === '' ? null : Number(row[8]), g.match_score);
          }
        }
      },
      { viewport: { width, height } },
    );
  });
}

// The admin's view of every program: the table is the API's figures and the Excel download's,
// reached from the Programs page; accessible at desktop and phone width.
test('the admin sees every program’s figures side by side and downloads them', { skip }, async (t) => {
  const admin = await apiSession(logins.admin);
  const api = (await admin.get('/reports/programs')).body.items;
  assert.ok(api.length >= 2, 'the demo has several programs');
  await withPage(t, async (page) => {
    await signIn(page, logins.admin);
    await page.goto(url('/programs'));
    await page.getByRole('link', { name: 'Figures of all programs' }).click();
    const table = page.getByRole('table', { name: 'Programs: headline figures' });
    await expectText(table, new RegExp(api[0].name));
    const rows = await tableRows(table);
    assert.deepEqual(
      rows.map((r) => [r[0], r[3], r[5], r[8]]),
      api.map((p) => [p.name, ...['applied', 'matched', 'completed'].map((s) => p.funnel.find((f) => f.step === s).people.toLocaleString('en-US'))]),
    );
    await expectAccessible(page);
    await shot(page, 'reports-programs');
    const book = await downloadWorkbook(page, page.getByRole('link', { name: 'Download as Excel' }));
    const sheet = book.programs.slice(2);
    assert.deepEqual(
      sheet.map((r) => [r[0], Number(r[3]), Number(r[5]), Number(r[8])]),
      api.map((p) => [p.name, ...['applied', 'matched', 'completed'].map((s) => p.funnel.find((f) => f.step === s).people)]),
    );
  });
  await withPage(
    t,
    async (page) => {
      await signIn(page, logins.admin);
      await page.goto(url('/reports/programs'));
      await expectText(page.getByRole('table', { name: 'Programs: headline figures' }), new RegExp(api[0].name));
      await expectAccessible(page);
      await shot(page, 'reports-programs-phone');
    },
    { viewport: { width: 390, height: 844 } },
  );
});

test('a participant is refused the programs overview', { skip }, async () => {
  const participant = await apiSession(logins.participant);
  assert.equal((await participant.get('/reports/programs')).status, 403);
});
