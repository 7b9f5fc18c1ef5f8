// Mentor resources (issue 21) in the UI: the library (the demo's starter set, search, topic
// filter), reading a resource, a coordinator writing and editing one (with the preview and a
// stale edit refused), HTML and script in a body shown as text and never run, and the links from
// the relationship pages (agreement, goals, the ending dialog; on a pair the test makes itself)
// and from My mentoring. Axe and screenshots at 1280 px and 390 px.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSession, demoLogins, expectAccessible, expectText, shot, signIn, url, withPage } from './harness.mjs';

const logins = await demoLogins();
const PHONE = { viewport: { width: 390, height: 844 } };
const DESKTOP = { viewport: { width: 1280, height: 900 } };

function ok(response, status, step) {
  assert.equal(response.status, status, `${step}: ${JSON.stringify(response.body)}`);
  return response.body;
}

test('resources: the library, search, topics and reading', { timeout: 3 * 60_000 }, async (t) => {
  for (const [label, options] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await withPage(t, async (page) => {
      await signIn(page, logins.participant);
      await page.goto(url('/resources'));
      await page.getByRole('heading', { level: 1, name: 'Mentor resources' }).waitFor();
      await page.getByTestId('resource-card').first().waitFor();
      // The demo's starter set is there for everyone signed in; a participant cannot write.
      assert.ok((await page.getByTestId('resource-card').count()) >= 8, 'the starter set');
      assert.equal(await page.getByRole('link', { name: 'New resource' }).count(), 0);
      await expectAccessible(page);
      await shot(page, `resources-library-${label}`);

      // Search: every word must match; the list follows as one types.
      const listed = page.waitForResponse((r) => r.url().includes('/api/v1/resources?') && r.url().includes('q=smart'));
      await page.getByLabel('Search').fill('smart milestones');
      await listed;
      await expectText(page.getByTestId('resource-count'), /match/);
      const titles = await page.getByTestId('resource-card').getByRole('heading').allTextContents();
      assert.ok(titles.includes('Setting SMART goals together'), titles.join(' | '));
      await page.getByLabel('Search').fill('');

      // A topic narrows the list.
      await page.getByText('Confidentiality', { exact: true }).first().click();
      await page.waitForURL(/topic=confidentiality/);
      await expectText(page.getByTestId('resource-card').first(), /Confidentiality/);
      await shot(page, `resources-topic-${label}`);

      // Reading: the Markdown is rendered (headings, lists) and names its author.
      await page.getByRole('link', { name: 'Confidentiality in a mentoring relationship' }).click();
      await page.getByRole('heading', { level: 1, name: 'Confidentiality in a mentoring relationship' }).waitFor();
      const article = page.getByRole('article');
      await article.getByRole('heading', { name: 'What Pairwise keeps private' }).waitFor();
      assert.ok((await article.getByRole('listitem').count()) >= 3);
      await expectText(page.getByText(/^By /), /By .+ · updated/);
      await expectAccessible(page);
      await shot(page, `resources-read-${label}`);
    }, options);
  }
});

test('resources: a coordinator writes, previews and edits; HTML never runs; stale edits refused', { timeout: 3 * 60_000 }, async (t) => {
  const coordinatorLogin = logins.coordinator ?? logins.admin;
  const title = `Check-ins that work ${Date.now()}`;
  let path = '';
  await withPage(t, async (page) => {
    await signIn(page, coordinatorLogin);
    await page.goto(url('/resources'));
    await page.getByRole('link', { name: 'New resource' }).click();
    await page.getByRole('heading', { level: 1, name: 'New resource' }).waitFor();
    // Nothing filled: the server's words land on the field at fault.
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Text').fill('x');
    await page.getByRole('button', { name: 'Save the resource' }).click();
    await expectText(page.locator('form'), /Choose at least one topic/);

    await page.getByRole('combobox', { name: 'Topics' }).click();
    await page.getByRole('option', { name: 'First meeting' }).click();
    await page.keyboard.press('Escape');
    const body = [
      '## Why check in',
      '',
      'A **short** check-in keeps *momentum*. See [the guide](https://example.com/guide).',
      '',
      '<script>window.__pwned = 1</script>',
      '',
      '<img src=x onerror="window.__pwned = 2">',
      '',
      '[do not click](javascript:window.__pwned=3)',
      '',
      '- one',
      '- two',
    ].join('\n');
    await page.getByLabel('Text').fill(body);
    await page.getByRole('tab', { name: 'Preview' }).click();
    const preview = page.getByTestId('preview');
    await preview.getByRole('heading', { name: 'Why check in' }).waitFor();
    await expectAccessible(page);
    await shot(page, 'resources-editor-preview');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/resources') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Save the resource' }).click();
    assert.equal((await saved).status(), 201);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    path = new URL(page.url()).pathname;

    // The HTML is shown as text: no script ran, no <img> or <script> element came from it, the
    // javascript: link is plain text, the https one a real link.
    const article = page.getByRole('article');
    await expectText(article, /<script>window.__pwned = 1<\/script>/);
    await expectText(article, /<img src=x onerror=/);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await article.locator('img, script, iframe').count(), 0);
    assert.equal(await page.locator('img[onerror], [onerror]').count(), 0);
    assert.equal(await article.locator('a[href^="javascript"]').count(), 0);
    await expectText(article, /do not click/);
    assert.equal(await article.getByRole('link', { name: 'the guide' }).getAttribute('href'), 'https://example.com/guide');
    await expectAccessible(page);
    await shot(page, 'resources-written');

    // Editing: someone else saves first (the API, as the author's other tab), so this save is stale.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit resource' }).waitFor();
    const id = Number(path.split('/').pop());
    const api = await apiSession(coordinatorLogin);
    const current = ok(await api.get(`/resources/${id}`), 200, 'read');
    ok(await api.call('PUT', `/resources/${id}`, {
      version: current.version, title: current.title, body: current.body, topics: current.topics, published: true,
    }), 200, 'save in another tab');
    await page.getByLabel('Title').fill(`${title} (edited)`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectText(page.getByRole('alert'), /Someone saved this resource meanwhile/);
    // Opened again, the edit goes through.
    await page.goto(url(`${path}/edit`));
    await page.getByLabel('Title').fill(`${title} (edited)`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: `${title} (edited)` }).waitFor();
  }, DESKTOP);

  // A participant reads it, with the same protections, and may not edit it.
  await withPage(t, async (page) => {
    await signIn(page, logins.participant);
    await page.goto(url(path));
    await page.getByRole('heading', { level: 1, name: `${title} (edited)` }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Edit' }).count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.getByRole('article').locator('img, script').count(), 0);
    await shot(page, 'resources-written-phone');
  }, PHONE);

  // The editor at phone width, with the resource loaded.
  await withPage(t, async (page) => {
    await signIn(page, coordinatorLogin);
    await page.goto(url(`${path}/edit`));
    await page.getByRole('heading', { level: 1, name: 'Edit resource' }).waitFor();
    await page.getByText('First meeting', { exact: true }).first().waitFor();
    assert.equal(await page.getByLabel('Title').inputValue(), `${title} (edited)`);
    await expectAccessible(page);
    await shot(page, 'resources-editor-phone');
  }, PHONE);
});

test('resources: the relationship pages link to the topics where they help', { timeout: 3 * 60_000 }, async (t) => {
  // A new pair of its own (the demo's pairs may have ended in other tests): the demo admin
  // mentoring the demo participant in a program the demo coordinator runs, matched and published.
  const coordinator = await apiSession(logins.coordinator ?? logins.admin);
  const mentorId = (await apiSession(logins.admin)).account.employee_id;
  const menteeId = (await apiSession(logins.participant)).account.employee_id;
  const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const program = ok(await coordinator.call('POST', '/programs', {
    name: `Resources pair ${Date.now()}`,
    type: 'one_on_one',
    need: 'leadership',
    start_date: day(40),
    end_date: day(400),
    enrollment_opens: day(-1),
    enrollment_closes: day(30),
  }), 201, 'create the program');
  const base = `/programs/${program.id}`;
  ok(await coordinator.call('POST', `${base}/open`), 200, 'open');
  ok(await coordinator.call('PUT', `${base}/matching/settings`, {
    min_level_gap: -9, other_department: false, shared_language: false, not_previously_paired: false,
  }), 200, 'relax the match settings');
  ok(await coordinator.call('POST', `${base}/nominations`, { side: 'mentor', employee_ids: [mentorId] }), 200, 'mentor');
  ok(await coordinator.call('POST', `${base}/nominations`, { side: 'mentee', employee_ids: [menteeId] }), 200, 'mentee');
  const pinned = await coordinator.call('PUT', `${base}/matching/constraints`, { mentee: menteeId, mentor: mentorId, kind: 'pin' });
  assert.ok([200, 201].includes(pinned.status), JSON.stringify(pinned.body));
  const queued = ok(await coordinator.call('POST', `${base}/proposals`, {}), 202, 'run matching');
  let proposal = queued;
  for (let i = 0; i < 120 && !['done', 'failed'].includes(proposal.status); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    proposal = ok(await coordinator.get(`${base}/proposals/${queued.id}`), 200, 'proposal');
  }
  assert.equal(proposal.status, 'done', JSON.stringify(proposal));
  ok(await coordinator.call('POST', `${base}/proposals/${queued.id}/publish`), 200, 'publish');
  const pairs = ok(await coordinator.get(`${base}/relationships`), 200, 'relationships').items;
  assert.equal(pairs.length, 1, JSON.stringify(pairs));
  const found = { login: logins.participant, id: pairs[0].id };
  for (const [label, options] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await withPage(t, async (page) => {
      await signIn(page, found.login);
      await page.goto(url(`/relationships/${found.id}`));
      const agreement = page.getByTestId('agreement');
      await agreement.waitFor();
      await agreement.getByRole('link', { name: 'Confidentiality' }).waitFor();
      await shot(page, `resources-agreement-links-${label}`);
      await agreement.getByRole('link', { name: 'Your first meeting' }).click();
      await page.waitForURL(/\/resources\?topic=first-meeting/);
      await expectText(page.getByTestId('resource-card').first(), /First meeting/);

      await page.goto(url(`/relationships/${found.id}/goals`));
      await page.getByRole('link', { name: 'Setting SMART goals together' }).click();
      await page.waitForURL(/\/resources\?topic=smart-goals/);
      await page.getByTestId('resource-card').first().waitFor();

      await page.goto(url(`/relationships/${found.id}`));
      await page.getByRole('button', { name: 'End the relationship' }).click();
      const dialog = page.getByRole('dialog', { name: 'End the relationship' });
      await dialog.waitFor();
      await shot(page, `resources-ending-link-${label}`);
      await dialog.getByRole('link', { name: /When it isn’t working/ }).click();
      await page.waitForURL(/\/resources\?topic=not-working/);
      await expectText(page.getByTestId('resource-card').first(), /isn't working|not working|When it/i);

      // My mentoring points newcomers to the basics.
      await page.goto(url('/mentoring'));
      await page.getByRole('heading', { level: 1, name: 'My mentoring' }).waitFor();
      await page.getByTestId('resource-links').getByRole('link', { name: 'Listening well' }).click();
      await page.waitForURL(/\/resources\?topic=listening/);
      await expectText(page.getByTestId('resource-card').first(), /Listening/);
    }, options);
  }
});
