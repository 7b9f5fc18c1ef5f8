#include "storage/meeting_rows.h"

#include "storage/fetch_all.h"

namespace pairwise::storage {
namespace {

constexpr int kLockSpace = 0x70777365;  // "pwse", as in database.cpp
constexpr int kMeetingLock = 18;        // meeting writers take turns on PostgreSQL

TimePoint FromMicros(long long us) { return TimePoint(std::chrono::microseconds(us)); }

}  // namespace

void MeetingCoreColumns::Resize(std::size_t n) {
  for (auto* v : {&starts, &ends, &created, &updated, &logged_at}) v->resize(n);
  sequence.resize(n);
  log_minutes.resize(n);
  log_minutes_ind.resize(n);
  logged_at_ind.resize(n);
  for (auto* v : {&status, &mode, &location, &video_url, &agenda, &uid, &log_topics, &logged_by}) {
    v->resize(n);
  }
}

void MeetingCoreColumns::Bind(soci::statement& st) {
  st.exchange(soci::into(status));
  st.exchange(soci::into(mode));
  st.exchange(soci::into(starts));
  st.exchange(soci::into(ends));
  st.exchange(soci::into(location));
  st.exchange(soci::into(video_url));
  st.exchange(soci::into(agenda));
  st.exchange(soci::into(uid));
  st.exchange(soci::into(sequence));
  st.exchange(soci::into(created));
  st.exchange(soci::into(updated));
  st.exchange(soci::into(log_minutes, log_minutes_ind));
  st.exchange(soci::into(log_topics));
  st.exchange(soci::into(logged_by));
  st.exchange(soci::into(logged_at, logged_at_ind));
}

MeetingCore MeetingCoreColumns::At(std::size_t i) const {
  MeetingCore m;
  auto parsed_status = domain::ParseMeetingStatus(status[i]);
  auto parsed_mode = domain::ParseMeetingMode(mode[i]);
  if (!parsed_status || !parsed_mode) {
    throw soci::soci_error("unknown stored meeting status or mode");
  }
  m.status = *parsed_status;
  m.details.mode = *parsed_mode;
  m.details.starts_at = FromMicros(starts[i]);
  m.details.ends_at = FromMicros(ends[i]);
  m.details.location = location[i];
  m.details.video_url = video_url[i];
  m.details.agenda = agenda[i];
  m.uid = uid[i];
  m.sequence = sequence[i];
  m.created_at = FromMicros(created[i]);
  m.updated_at = FromMicros(updated[i]);
  if (log_minutes_ind[i] == soci::i_ok) m.log_minutes = log_minutes[i];
  m.log_topics = log_topics[i];
  m.logged_by = logged_by[i];
  if (logged_at_ind[i] == soci::i_ok) m.logged_at = FromMicros(logged_at[i]);
  return m;
}

void ActionItemCoreColumns::Resize(std::size_t n) {
  for (auto* v : {&id, &done_at, &created}) v->resize(n);
  done.resize(n);
  done_at_ind.resize(n);
  for (auto* v : {&text, &owner, &due, &created_by}) v->resize(n);
}

void ActionItemCoreColumns::Bind(soci::statement& st) {
  st.exchange(soci::into(id));
  st.exchange(soci::into(text));
  st.exchange(soci::into(owner));
  st.exchange(soci::into(due));
  st.exchange(soci::into(done));
  st.exchange(soci::into(done_at, done_at_ind));
  st.exchange(soci::into(created_by));
  st.exchange(soci::into(created));
}

domain::ActionItem ActionItemCoreColumns::At(std::size_t i) const {
  domain::ActionItem item;
  item.id = domain::ActionItemId(id[i]);
  item.text = text[i];
  item.owner = owner[i];
  auto parsed_due = domain::ParseDate(due[i]);
  if (!parsed_due) throw soci::soci_error("malformed stored due date");
  item.due = *parsed_due;
  item.done = done[i] != 0;
  if (done_at_ind[i] == soci::i_ok) item.done_at = FromMicros(done_at[i]);
  item.created_by = created_by[i];
  item.created_at = FromMicros(created[i]);
  return item;
}

Status UpdateActionItemDone(soci::session& s, std::string_view table, long long id, bool done,
                            long long at) {
  int flag = done ? 1 : 0;
  soci::indicator at_ind = done ? soci::i_ok : soci::i_null;
  soci::statement st = OnceStatement(
      s, "UPDATE " + std::string(table) + " SET done = :d, done_at_us = :a WHERE id = :id",
      soci::use(flag), soci::use(at, at_ind), soci::use(id));
  st.execute(true);
  if (st.get_affected_rows() == 0) {
    return Status::NotFound("no action item " + std::to_string(id));
  }
  return Status::Ok();
}

void TakeMeetingLock(Database& db, soci::session& s) {
  if (db.kind() == DatabaseKind::kPostgresql) {
    s << "SELECT pg_advisory_xact_lock(" + std::to_string(kLockSpace) + ", " +
             std::to_string(kMeetingLock) + ")";
  }
}

Status CheckNotStale(soci::session& s, std::string_view table, std::string_view what, long long id,
                     std::optional<TimePoint> expected) {
  long long stored_at = 0;
  s << "SELECT updated_at_us FROM " + std::string(table) + " WHERE id = :id", soci::use(id),
      soci::into(stored_at);
  if (!s.got_data()) return Status::NotFound("no " + std::string(what) + " " + std::to_string(id));
  if (expected && stored_at != MeetingMicros(*expected)) {
    return Status::Conflict("the meeting changed meanwhile; reload it").WithReason("stale");
  }
  return Status::Ok();
}

int PairMeetingClashes(soci::session& s, const std::string& person, long long except_id,
                       long long starts, long long ends) {
  int clashes = 0;
  s << "SELECT COUNT(*) FROM meetings WHERE (mentor = :p1 OR mentee = :p2) AND id <> :id "
       "AND status IN ('proposed', 'scheduled') AND starts_at_us < :e AND ends_at_us > :s",
      soci::use(person), soci::use(person), soci::use(except_id), soci::use(ends),
      soci::use(starts), soci::into(clashes);
  return clashes;
}

std::string GroupMeetingsOfPerson(std::string_view responses) {
  // Two index range scans (the mentor's meetings, the person's invitations) joined by UNION:
  // an OR of the two would read the whole table on PostgreSQL.
  return "id IN (SELECT id FROM group_meetings WHERE mentor = :p1 UNION SELECT meeting_id FROM "
         "group_meeting_attendees WHERE employee_id = :p2 AND response IN (" +
         std::string(responses) + "))";
}

int GroupMeetingClashes(soci::session& s, const std::string& person, long long except_id,
                        long long starts, long long ends) {
  int clashes = 0;
  s << "SELECT COUNT(*) FROM group_meetings WHERE " + GroupMeetingsOfPerson("'accepted'") +
           " AND id <> :id AND status = 'scheduled' AND starts_at_us < :e AND ends_at_us > :s",
      soci::use(person), soci::use(person), soci::use(except_id), soci::use(ends),
      soci::use(starts), soci::into(clashes);
  return clashes;
}

}  // namespace pairwise::storage
