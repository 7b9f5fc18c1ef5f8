// A group program made through the API for the browser tests of groups (groups.test.mjs,
// group_meetings.test.mjs): one mentor with the given mentees and one more from the directory.

import assert from 'node:assert/strict';

export function day(offset) {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

export function ok(response, status, step) {
  assert.equal(response.status, status, `${step}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** The group program, matched with every mentee pinned to the mentor, and published. */
export async function makeGroup(coordinator, mentorId, menteeIds, candidates) {
  const name = `Peer circle ${Date.now()}`;
  const program = ok(
    await coordinator.call('POST', '/programs', {
      name,
      type: 'group',
      need: 'leadership',
      start_date: day(40),
      end_date: day(400),
      enrollment_opens: day(-1),
      enrollment_closes: day(30),
      group: { min_size: 2, max_size: 4 },
      mentor_capacity: { mentees: 4, hours_per_month: 8 },
      shadow_mentors: [coordinator.account.employee_id],
    }),
    201,
    'create the group program',
  );
  const base = `/programs/${program.id}`;
  ok(await coordinator.call('POST', `${base}/open`), 200, 'open');
  ok(await coordinator.call('PUT', `${base}/matching/settings`, {
    min_level_gap: -9, // any levels: the demo logins are who they are
    other_department: false,
    shared_language: false,
    not_previously_paired: false,
  }), 200, 'relax the match settings');
  ok(await coordinator.call('POST', `${base}/nominations`, { side: 'mentor', employee_ids: [mentorId] }), 200, 'mentor');
  // The demo's mentees, then a third from the directory: the first one the rules let be pinned.
  const mentees = [];
  for (const id of [...menteeIds, ...candidates]) {
    if (mentees.length === menteeIds.length + 1) break;
    if (id === mentorId || mentees.includes(id)) continue;
    const nominated = await coordinator.call('POST', `${base}/nominations`, { side: 'mentee', employee_ids: [id] });
    if (nominated.status !== 200) continue;
    const pinned = await coordinator.call('PUT', `${base}/matching/constraints`, { mentee: id, mentor: mentorId, kind: 'pin' });
    if ([200, 201].includes(pinned.status)) mentees.push(id);
    else assert.ok(!menteeIds.includes(id), `pin ${id}: ${JSON.stringify(pinned.body)}`);
  }
  assert.equal(mentees.length, menteeIds.length + 1, 'three mentees pinned');
  const queued = ok(await coordinator.call('POST', `${base}/proposals`, {}), 202, 'run matching');
  let proposal = queued;
  for (let i = 0; i < 120 && !['done', 'failed'].includes(proposal.status); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    proposal = ok(await coordinator.get(`${base}/proposals/${queued.id}`), 200, 'proposal');
  }
  assert.equal(proposal.status, 'done', JSON.stringify(proposal));
  ok(await coordinator.call('POST', `${base}/proposals/${queued.id}/publish`), 200, 'publish');
  const relationships = ok(await coordinator.get(`${base}/relationships`), 200, 'relationships').items;
  assert.equal(relationships.length, 3, JSON.stringify(relationships));
  for (const r of relationships) assert.equal(r.mentor.employee_id, mentorId);
  return { id: program.id, name, relationships };
}

