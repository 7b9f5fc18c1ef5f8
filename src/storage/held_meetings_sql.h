// What "a meeting held" counts for one relationship `r` (a `relationships` row in scope): the
// pair's meetings logged as held, and the group meetings of a group program (the mentor's group
// in the program) that the mentee attended. One definition for every query that counts them.
#pragma once

namespace pairwise::storage {

// Subquery: how many meetings relationship r held.
inline constexpr const char* kHeldMeetingsOfR =
    "((SELECT COUNT(*) FROM meetings m WHERE m.relationship_id = r.id AND m.status = 'held') + "
    "(SELECT COUNT(*) FROM group_meetings gm JOIN group_meeting_attendees ga ON ga.meeting_id = "
    "gm.id WHERE gm.program_id = r.program_id AND gm.mentor = r.mentor AND ga.employee_id = "
    "r.mentee AND gm.status = 'held' AND ga.attended = 1))";

// Subquery: the start (microseconds) of relationship r's last meeting held; NULL when none.
inline constexpr const char* kLastHeldMeetingOfR =
    "(SELECT MAX(u.held_at) FROM (SELECT m.starts_at_us AS held_at FROM meetings m WHERE "
    "m.relationship_id = r.id AND m.status = 'held' UNION ALL SELECT gm.starts_at_us FROM "
    "group_meetings gm JOIN group_meeting_attendees ga ON ga.meeting_id = gm.id WHERE "
    "gm.program_id = r.program_id AND gm.mentor = r.mentor AND ga.employee_id = r.mentee AND "
    "gm.status = 'held' AND ga.attended = 1) u)";

}  // namespace pairwise::storage
