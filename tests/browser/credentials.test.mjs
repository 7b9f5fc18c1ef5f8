// Issue 21's walk through the mentor credential, in the UI: the demo manager applies, the demo
// participant (appointed credential reviewer) selects them into a cohort, the manager completes
// the training modules, the admin and the coordinator (two different credentialed mentors, not
// the candidate's manager) sign off steps 4-6 with the rubric, the reviewer issues the
// credential; it then shows on the manager's profile and lets them apply as a mentor to a
// program that requires it (refused before). axe on every page.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FEATURES, apiSession, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';

const logins = await demoLogins();
const skip = !FEATURES.programs
  ? 'the programs API is not in the server yet'
  : !logins.coordinator || !logins.manager
    ? 'the demo has no coordinator or manager login'
    : false;

function isoDate(offsetDays) {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test('credential: seven steps, two signers and a reviewer; then a credentialed-only program', { skip }, async (t) => {
  // Set up what the walk needs, whatever state the demo is in.
  const admin = await apiSession(logins.admin);
  const coordinator = await apiSession(logins.coordinator);
  const manager = await apiSession(logins.manager);
  const participant = await apiSession(logins.participant);
  const candidate = manager.account;
  const reviewerId = participant.account.employee_id;
  const appointed = await admin.call('PUT', `/credentials/reviewers/${reviewerId}`);
  assert.ok([204, 409].includes(appointed.status), JSON.stringify(appointed.body));
  for (const signer of [admin.account, coordinator.account]) {
    const held = await admin.get(`/people/${signer.employee_id}/credential`);
    if (held.body.credential?.status !== 'current') {
      const granted = await admin.call('POST', '/credentials/founding', { employee_id: signer.employee_id, reason: 'Browser test signer' });
      assert.equal(granted.status, 201, JSON.stringify(granted.body));
    }
  }
  const own = await admin.get(`/people/${candidate.employee_id}/credential`);
  if (own.body.credential?.status === 'current') {
    await admin.call('POST', `/credentials/${own.body.credential.id}/revoke`, { reason: 'Browser test: walk the path again' });
  }
  let mine = await manager.get('/me/credential');
  if (mine.body.candidacy?.status === 'applied') {
    // Another test (evidence files) left an application: decline it and start again.
    const declined = await participant.call('POST', `/credentials/candidates/${mine.body.candidacy.id}/decision`, {
      decision: 'decline',
      reason: 'Browser test: start again',
    });
    assert.equal(declined.status, 200, JSON.stringify(declined.body));
    mine = await manager.get('/me/credential');
  }
  assert.ok(
    !mine.body.candidacy || ['declined', 'credentialed'].includes(mine.body.candidacy.status),
    `the demo manager is on the path already: ${JSON.stringify(mine.body.candidacy?.status)}`,
  );
  const program = await coordinator.call('POST', '/programs', {
    name: `Credentialed mentors ${Date.now()}`,
    type: 'one_on_one',
    need: 'career_development',
    start_date: isoDate(30),
    end_date: isoDate(200),
    enrollment_opens: isoDate(-1),
    enrollment_closes: isoDate(20),
    requires_mentor_credential: true,
  });
  assert.equal(program.status, 201, JSON.stringify(program.body));
  const programPath = `/programs/${program.body.id}`;
  assert.equal((await coordinator.call('POST', `${programPath}/open`)).status, 200);
  const early = await manager.call('POST', `${programPath}/applications`, { side: 'mentor', answers: {} });
  assert.equal(early.status, 403, JSON.stringify(early.body));
  assert.equal(early.body.error.code, 'credential_required');

  // 1. The candidate applies.
  await withPage(t, async (page) => {
    await signIn(page, logins.manager);
    await page.goto(url('/me/credential'));
    await page.getByRole('heading', { level: 1, name: 'My credential' }).waitFor();
    await page.getByLabel('Why do you want to mentor?').fill('I want to help new leads find their feet.');
    await page.getByLabel('Your experience').fill('Six years leading a team.');
    const applied = page.waitForResponse((r) => r.url().endsWith('/api/v1/credentials/candidates') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Send my application' }).click();
    assert.equal((await applied).status(), 201);
    await expectText(page.getByTestId('step-1'), /Done/);
    await expectText(page.getByTestId('step-2'), /Next/);
    await expectAccessible(page);
    await shot(page, 'credential-applied');
  });

  // 2. The reviewer selects them into a cohort.
  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.goto(url('/credentials/review'));
    const card = page.getByTestId('board-candidate').filter({ hasText: candidate.name }).first();
    await card.getByLabel(`Cohort for ${candidate.name}`).fill('Browser cohort');
    const decided = page.waitForResponse((r) => r.url().includes('/decision'));
    await card.getByRole('button', { name: `Accept ${candidate.name}` }).click();
    assert.equal((await decided).status(), 200);
    await expectAccessible(page);
    await shot(page, 'credential-board');
  });

  // 3. The candidate completes every training module: a quiz where the module has one (the
  // default's four do), a reflection otherwise. The first quiz is failed once, then passed; the
  // answers come from the admin's view of the framework (candidates never receive them).
  mine = await manager.get('/me/credential');
  const version = mine.body.candidacy.framework.version;
  const withAnswers = await admin.get(`/credentials/framework/versions/${version}`);
  assert.equal(withAnswers.status, 200, JSON.stringify(withAnswers.body));
  assert.ok(!JSON.stringify(mine.body).includes('"correct"'), 'the candidate received quiz answers');
  const quizzes = new Map(withAnswers.body.topics.filter((m) => m.quiz).map((m) => [m.name, m.quiz]));
  const answerQuiz = async (module, quiz, right) => {
    for (const q of quiz.questions) {
      const picks = right ? q.correct : [q.options.find((o) => !q.correct.includes(o.id)).id];
      for (const o of q.options) {
        const box = module.getByRole(q.multiple ? 'checkbox' : 'radio', { name: o.text, exact: true });
        if (picks.includes(o.id)) await box.check();
        else if (q.multiple && (await box.isChecked())) await box.uncheck();
      }
    }
  };
  const trainingStep = async (page, phone) => {
    await signIn(page, logins.manager);
    await page.goto(url('/me/credential'));
    await expectText(page.getByTestId('step-3'), /Next/);
    let failedOnce = false;
    for (;;) {
      const module = page.getByTestId('training-module').first();
      if ((await page.getByTestId('training-module').count()) === 0) break;
      const name = (await module.getByRole('heading').innerText()).trim();
      const quiz = quizzes.get(name);
      if (quiz) {
        if (!failedOnce) {
          await answerQuiz(module, quiz, false);
          await expectAccessible(page);
          await shot(page, phone ? 'credential-quiz-phone' : 'credential-quiz');
          const failed = page.waitForResponse((r) => r.url().endsWith('/quiz'));
          await module.getByRole('button', { name: 'Send my answers' }).click();
          const answer = await failed;
          assert.equal(answer.status(), 200);
          const body = await answer.json();
          assert.equal(body.attempt.passed, false);
          assert.ok(!JSON.stringify(body).includes('"correct"'), 'a quiz answer carried the right answers');
          await expectText(module.getByTestId('quiz-result'), /right;/);
          await expectAccessible(page);
          await shot(page, phone ? 'credential-quiz-failed-phone' : 'credential-quiz-failed');
          failedOnce = true;
        }
        await answerQuiz(module, quiz, true);
        const passed = page.waitForResponse((r) => r.url().endsWith('/quiz'));
        await module.getByRole('button', { name: 'Send my answers' }).click();
        const answer = await passed;
        assert.equal(answer.status(), 200);
        assert.equal((await answer.json()).attempt.passed, true);
      } else {
        await module.getByLabel(`Reflection on ${name}`).fill(`What ${name} means for my mentoring.`);
        const done = page.waitForResponse((r) => r.url().includes('/training'));
        await module.getByRole('button', { name: `Complete ${name}` }).click();
        assert.equal((await done).status(), 200);
      }
      await page.getByRole('heading', { name, exact: true }).waitFor({ state: 'detached' });
      if (phone) break;  // the phone pass takes one module; the desktop pass the rest
    }
  };
  if (quizzes.size > 0) {
    await withPage(t, (page) => trainingStep(page, true), { viewport: { width: 390, height: 844 } });
  }
  await withPage(t, async (page) => {
    await trainingStep(page, false);
    await expectText(page.getByTestId('step-3'), /Done/);
    await expectText(page.getByTestId('step-4'), /Next/);
    if (quizzes.size > 0) await expectText(page.getByTestId('quiz-attempts'), /not passed/);
    await expectAccessible(page);
    await shot(page, 'credential-training-done');
  });

  // The reviewer sees the attempts and their scores on the candidate's path.
  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.goto(url('/credentials/review'));
    const card = page.getByTestId('board-candidate').filter({ hasText: candidate.name }).first();
    await card.getByRole('button', { name: `Show ${candidate.name}'s evidence` }).click();
    if (quizzes.size > 0) await expectText(card.getByTestId('quiz-attempts'), /passed/);
    await expectAccessible(page);
    await shot(page, 'credential-review-quiz-attempts');
  });

  // The admin's framework editor shows the quizzes with their right answers.
  if (quizzes.size > 0) {
    for (const viewport of [undefined, { width: 390, height: 844 }]) {
      await withPage(
        t,
        async (page) => {
          await signIn(page, logins.admin);
          await page.goto(url('/admin/credentials'));
          const editor = page.getByTestId('module-editor').first();
          await editor.getByLabel('Right answers needed to pass').waitFor();
          assert.ok((await editor.getByTestId('quiz-question').count()) > 0);
          await expectAccessible(page);
          await shot(page, viewport ? 'credential-quiz-editor-phone' : 'credential-quiz-editor');
        },
        viewport ? { viewport } : {},
      );
    }
  }

  // 4-6. Two different credentialed mentors sign off, the last with the rubric.
  const signOff = async (login, step, withRubric) => {
    await withPage(t, async (page) => {
      await signIn(page, login);
      await page.goto(url('/credentials/sign-off'));
      const card = page.getByTestId('sign-off-card').filter({ hasText: candidate.name }).first();
      await expectText(card, new RegExp(`Step ${step}:`));
      await card.getByLabel(`What you saw of ${candidate.name}`).fill(`Step ${step}: clear agenda, good questions.`);
      if (withRubric) {
        const me = await (await page.request.get(url('/api/v1/me/credential'))).json();
        for (const c of me.framework.competencies) {
          await card.getByLabel(c.name, { exact: true }).first().click();
          await page.getByRole('option', { name: 'Competent' }).click();
        }
        await expectAccessible(page);
        await shot(page, 'credential-rubric');
      }
      const signed = page.waitForResponse((r) => r.url().includes('/sign-offs'));
      await card.getByRole('button', { name: `Sign off step ${step}` }).click();
      assert.equal((await signed).status(), 201);
    });
  };
  await signOff(logins.admin, 4, false);
  await signOff(logins.coordinator, 5, false);
  await signOff(logins.admin, 6, true);

  // 7. The reviewer issues the credential.
  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.goto(url('/credentials/review'));
    const card = page.getByTestId('board-candidate').filter({ hasText: candidate.name }).first();
    const issued = page.waitForResponse((r) => r.url().endsWith('/credential') && r.request().method() === 'POST');
    await card.getByRole('button', { name: `Issue the credential to ${candidate.name}` }).click();
    assert.equal((await issued).status(), 201);
  });

  // The credential on the profile; the program now takes them as a mentor.
  await withPage(t, async (page) => {
    await signIn(page, logins.manager);
    await page.goto(url('/me/credential'));
    await expectText(page.getByTestId('my-credential'), /Mentor credential: Current/);
    await expectText(page.getByTestId('step-7'), /Done/);
    const evidence = page.getByTestId('step-6').getByTestId('sign-off');
    await expectText(evidence, /Builds trust: Competent/);
    await expectAccessible(page);
    await shot(page, 'credential-mine');
    await page.goto(url(`/people/${candidate.employee_id}`));
    await expectText(page.getByTestId('person-credential'), /Mentor credential: Current/);
    await page.goto(url(programPath));
    await page.getByRole('link', { name: 'Apply as a mentor' }).click();
    await page.getByRole('button', { name: 'Send application' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your application as a mentor' }).waitFor();
  });
  // Two different signers and the reviewer are on record.
  const finished = (await manager.get('/me/credential')).body.candidacy;
  const by = Object.fromEntries(finished.sign_offs.map((s) => [s.step, s.signed_by.employee_id]));
  assert.equal(by[4], admin.account.employee_id);
  assert.equal(by[5], coordinator.account.employee_id);
  assert.equal(by[7], reviewerId);
});
