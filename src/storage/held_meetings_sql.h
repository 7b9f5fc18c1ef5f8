// What "a meeting held" counts for one relationship `r` (a `relationships` row in scope): the
// pair's meetings logged as held, and the group meetings of a group program (the mentor's group
// in the program) that the mentee attended. One definition for every query that counts them.
//
// The pair meetings' share is also kept per relationship in `relationship_held_meetings`
// (migration 54): how many are held and the first and last held start. Every write of a pair
// meeting recounts its relationship in the same transaction (RecountHeldMeetings), so a report
// reads 20,000 relationships' counts without counting 400,000 meetings. A relationship without
// a row has no meeting written since the table began, hence none held.
#pragma once

#include <soci/soci.h>

#include <string>

#include "storage/database.h"

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

// Subquery: the start (microseconds) of relationship r's first meeting held; NULL when none.
inline constexpr const char* kFirstHeldMeetingOfR =
    "(SELECT MIN(u.held_at) FROM (SELECT m.starts_at_us AS held_at FROM meetings m WHERE "
    "m.relationship_id = r.id AND m.status = 'held' UNION ALL SELECT gm.starts_at_us FROM "
    "group_meetings gm JOIN group_meeting_attendees ga ON ga.meeting_id = gm.id WHERE "
    "gm.program_id = r.program_id AND gm.mentor = r.mentor AND ga.employee_id = r.mentee AND "
    "gm.status = 'held' AND ga.attended = 1) u)";

// Recounts, in `s`'s write transaction, the held pair meetings of every relationship that has a
// meeting satisfying `meetings_where` (SQL over the `meetings` table's columns, no parameters:
// "relationship_id = 7", "id >= 1200") into relationship_held_meetings. Call it after the
// meetings are written, before the commit.
//
// Exact under concurrent writers: on PostgreSQL the relationships' rows of the table are made to
// exist and then locked (in id order, so two recounts never wait on each other in a cycle)
// before the counting statement, which READ COMMITTED runs on a snapshot taken after the lock:
// of two transactions changing one relationship's meetings, the one locking second counts after
// the first committed, and sees both changes. SQLite's writers take turns (BEGIN IMMEDIATE).
inline void RecountHeldMeetings(Database& db, soci::session& s, const std::string& meetings_where) {
  const std::string of = "(SELECT relationship_id FROM meetings WHERE " + meetings_where + ")";
  // (SQLite's upsert after a SELECT needs the WHERE to parse.)
  s << "INSERT INTO relationship_held_meetings (relationship_id, held) SELECT DISTINCT "
       "relationship_id, 0 FROM meetings WHERE " +
           meetings_where + " ON CONFLICT (relationship_id) DO NOTHING";
  if (db.kind() == DatabaseKind::kPostgresql) {
    long long locked = 0;
    s << "SELECT COUNT(*) FROM (SELECT relationship_id FROM relationship_held_meetings WHERE "
         "relationship_id IN " +
             of + " ORDER BY relationship_id FOR UPDATE) locked",
        soci::into(locked);
  }
  s << "UPDATE relationship_held_meetings SET held = (SELECT COUNT(*) FROM meetings m WHERE "
       "m.relationship_id = relationship_held_meetings.relationship_id AND m.status = 'held'), "
       "first_held_us = (SELECT MIN(m.starts_at_us) FROM meetings m WHERE m.relationship_id = "
       "relationship_held_meetings.relationship_id AND m.status = 'held'), last_held_us = "
       "(SELECT MAX(m.starts_at_us) FROM meetings m WHERE m.relationship_id = "
       "relationship_held_meetings.relationship_id AND m.status = 'held') WHERE relationship_id "
       "IN " +
           of;
}

// RecountHeldMeetings of one relationship.
inline void RecountHeldMeetingsOf(Database& db, soci::session& s, long long relationship_id) {
  RecountHeldMeetings(db, s, "relationship_id = " + std::to_string(relationship_id));
}

}  // namespace pairwise::storage
