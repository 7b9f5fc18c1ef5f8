// GroupMeetingRepository over SOCI. A meeting and its attendees are written in one transaction
// with their mail; writes take the one meeting lock (meeting_rows.h), so two overlapping
// meetings of one mentor, in either table, are never both stored.
#include "storage/group_meeting_repository.h"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "storage/fetch_all.h"
#include "storage/mail_outbox_rows.h"
#include "storage/meeting_rows.h"

namespace pairwise::storage {
namespace {

using domain::GroupAttendee;
using domain::GroupMeeting;
using domain::GroupMeetingId;

long long Micros(TimePoint t) { return MeetingMicros(t); }
TimePoint FromMicros(long long us) { return TimePoint(std::chrono::microseconds(us)); }

// The group's own columns, then the ones every meeting has (meeting_rows.h).
const std::string kColumns =
    "SELECT id, program_id, mentor, " + std::string(kMeetingCoreColumns) + " FROM group_meetings ";

struct MeetingColumns {
  std::vector<long long> id, program;
  std::vector<std::string> mentor;
  MeetingCoreColumns core;
  void Resize(std::size_t n) {
    id.resize(n);
    program.resize(n);
    mentor.resize(n);
    core.Resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(program));
    st.exchange(soci::into(mentor));
    core.Bind(st);
  }
  GroupMeeting At(std::size_t i) const {
    MeetingCore c = core.At(i);
    GroupMeeting m;
    m.id = GroupMeetingId(id[i]);
    m.program = domain::ProgramId(program[i]);
    m.mentor = mentor[i];
    m.status = c.status;
    m.details = std::move(c.details);
    m.uid = std::move(c.uid);
    m.sequence = c.sequence;
    m.created_at = c.created_at;
    m.updated_at = c.updated_at;
    m.log_minutes = c.log_minutes;
    m.log_topics = std::move(c.log_topics);
    m.logged_by = std::move(c.logged_by);
    m.logged_at = c.logged_at;
    return m;
  }
};

struct AttendeeColumns {
  std::vector<long long> meeting, responded_at;
  std::vector<int> attended;
  std::vector<soci::indicator> responded_ind, attended_ind;
  std::vector<std::string> employee, response;
  void Resize(std::size_t n) {
    meeting.resize(n);
    responded_at.resize(n);
    attended.resize(n);
    responded_ind.resize(n);
    attended_ind.resize(n);
    employee.resize(n);
    response.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(meeting));
    st.exchange(soci::into(employee));
    st.exchange(soci::into(response));
    st.exchange(soci::into(responded_at, responded_ind));
    st.exchange(soci::into(attended, attended_ind));
  }
};

// The meetings `where` selects, each with its attendees (by employee id).
std::vector<GroupMeeting> SelectMeetings(soci::session& s, const std::string& where,
                                         const std::function<void(soci::statement&)>& bind) {
  std::vector<GroupMeeting> out;
  MeetingColumns columns;
  FetchAll(s, kColumns + where, bind, columns, [&](const MeetingColumns& c) {
    for (std::size_t i = 0; i < c.id.size(); ++i) out.push_back(c.At(i));
  });
  if (out.empty()) return out;
  std::map<long long, std::size_t> index;
  for (std::size_t i = 0; i < out.size(); ++i) index[out[i].id.value] = i;
  // The attendees of the meetings read, by the same selection (one statement, not one a
  // meeting).
  AttendeeColumns attendees;
  FetchAll(s,
           "SELECT meeting_id, employee_id, response, responded_at_us, attended FROM "
           "group_meeting_attendees WHERE meeting_id IN (SELECT id FROM group_meetings " +
               where + ") ORDER BY meeting_id, employee_id",
           bind, attendees, [&](const AttendeeColumns& c) {
             for (std::size_t i = 0; i < c.meeting.size(); ++i) {
               auto it = index.find(c.meeting[i]);
               if (it == index.end()) continue;
               auto response = domain::ParseGroupResponse(c.response[i]);
               if (!response) throw soci::soci_error("unknown stored group meeting response");
               GroupAttendee a;
               a.employee_id = c.employee[i];
               a.response = *response;
               if (c.responded_ind[i] == soci::i_ok) a.responded_at = FromMicros(c.responded_at[i]);
               if (c.attended_ind[i] == soci::i_ok) a.attended = c.attended[i] != 0;
               out[it->second].attendees.push_back(std::move(a));
             }
           });
  return out;
}

// Group meetings are few per person; the selections are reused as the attendees' subquery,
// so they carry no ORDER BY and are sorted here.
void ByStart(std::vector<GroupMeeting>& list) {
  std::sort(list.begin(), list.end(), [](const GroupMeeting& a, const GroupMeeting& b) {
    return std::pair(a.details.starts_at, a.id.value) < std::pair(b.details.starts_at, b.id.value);
  });
}

class SqlGroupMeetingRepository final : public domain::GroupMeetingRepository {
 public:
  explicit SqlGroupMeetingRepository(Database& db) : db_(db) {}

  Result<GroupMeeting> Find(GroupMeetingId id) override {
    const long long key = id.value;
    auto found =
        Select("WHERE id = :id", [&](soci::statement& st) { st.exchange(soci::use(key)); });
    if (!found.ok()) return found.status();
    if (found->empty()) return Status::NotFound("no group meeting " + std::to_string(id.value));
    return std::move(found->front());
  }

  Result<std::vector<GroupMeeting>> ListForGroup(domain::ProgramId program,
                                                 std::string_view mentor) override {
    const long long p = program.value;
    const std::string m(mentor);
    auto list = Select("WHERE program_id = :p AND mentor = :m", [&](soci::statement& st) {
      st.exchange(soci::use(p));
      st.exchange(soci::use(m));
    });
    if (list.ok()) ByStart(*list);
    return list;
  }

  Result<std::vector<GroupMeeting>> ListBusy(std::string_view employee_id, TimePoint from,
                                             TimePoint to) override {
    const std::string e(employee_id);
    const long long f = Micros(from), t = Micros(to);
    auto list = Select("WHERE " + GroupMeetingsOfPerson("'accepted'") +
                           " AND status = 'scheduled' AND starts_at_us < :t AND ends_at_us > :f",
                       [&](soci::statement& st) {
                         st.exchange(soci::use(e));
                         st.exchange(soci::use(e));
                         st.exchange(soci::use(t));
                         st.exchange(soci::use(f));
                       });
    if (list.ok()) ByStart(*list);
    return list;
  }

  Result<std::vector<GroupMeeting>> ListForPerson(std::string_view employee_id,
                                                  TimePoint from) override {
    const std::string e(employee_id);
    const long long f = Micros(from);
    auto list = Select(
        "WHERE " + GroupMeetingsOfPerson("'pending', 'accepted'") + " AND starts_at_us >= :f",
        [&](soci::statement& st) {
          st.exchange(soci::use(e));
          st.exchange(soci::use(e));
          st.exchange(soci::use(f));
        });
    if (list.ok()) ByStart(*list);
    return list;
  }

  Status Save(GroupMeeting& meeting, std::optional<TimePoint> expected_updated_at,
              const std::vector<domain::MailMessage>& mails, TimePoint now) override {
    long long assigned = meeting.id.value;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      return Write(s, meeting, expected_updated_at, mails, now, assigned);
    });
    if (!status.ok()) return status;
    meeting.id = GroupMeetingId(assigned);
    meeting.updated_at = now;
    return Status::Ok();
  }

  Status SaveLog(GroupMeeting& meeting, TimePoint expected_updated_at,
                 std::vector<domain::ActionItem>& items, TimePoint now) override {
    if (!meeting.id.valid()) return Status::NotFound("no group meeting 0");
    long long assigned = meeting.id.value;
    std::vector<long long> ids;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      ids.clear();
      PAIRWISE_RETURN_IF_ERROR(Write(s, meeting, expected_updated_at, {}, now, assigned));
      long long program = meeting.program.value;
      std::string text, owner, owner_id, due, created_by;
      long long created = 0, new_id = 0;
      soci::statement insert =
          (s.prepare << "INSERT INTO group_action_items (meeting_id, program_id, mentor, "
                        "owner_id, text, owner, due, done, created_by, created_at_us) VALUES "
                        "(:m, :p, :me, :oi, :t, :o, :d, 0, :b, :c) RETURNING id",
           soci::use(assigned), soci::use(program), soci::use(meeting.mentor), soci::use(owner_id),
           soci::use(text), soci::use(owner), soci::use(due), soci::use(created_by),
           soci::use(created), soci::into(new_id));
      for (const domain::ActionItem& item : items) {
        owner_id = item.owner_id;
        text = item.text;
        owner = item.owner;
        due = domain::FormatDate(item.due);
        created_by = item.created_by;
        created = Micros(item.created_at);
        insert.execute(true);
        ids.push_back(new_id);
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    meeting.updated_at = now;
    for (std::size_t i = 0; i < items.size(); ++i) {
      items[i].id = domain::ActionItemId(ids[i]);
      items[i].group_meeting = meeting.id;
      items[i].done = false;
      items[i].done_at.reset();
    }
    return Status::Ok();
  }

  Result<std::vector<domain::ActionItem>> ListActionItems(domain::ProgramId program,
                                                          std::string_view mentor) override {
    const long long p = program.value;
    const std::string m(mentor);
    return SelectItems("WHERE program_id = :p AND mentor = :m ORDER BY done, due, id",
                       [&](soci::statement& st) {
                         st.exchange(soci::use(p));
                         st.exchange(soci::use(m));
                       });
  }

  Result<domain::ActionItem> FindActionItem(domain::ActionItemId id) override {
    const long long key = id.value;
    auto found =
        SelectItems("WHERE id = :id", [&](soci::statement& st) { st.exchange(soci::use(key)); });
    if (!found.ok()) return found.status();
    if (found->empty()) return Status::NotFound("no action item " + std::to_string(id.value));
    return std::move(found->front());
  }

  Status SetActionItemDone(domain::ActionItemId id, bool done, TimePoint now) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      return UpdateActionItemDone(s, "group_action_items", id.value, done, Micros(now));
    });
  }

 private:
  // Inserts or updates `meeting` with its attendees and queues `mails` (Save's contract) in the
  // caller's transaction; the id is written into `assigned`.
  Status Write(soci::session& s, GroupMeeting& meeting,
               std::optional<TimePoint> expected_updated_at,
               const std::vector<domain::MailMessage>& mails, TimePoint now, long long& assigned) {
    TakeMeetingLock(db_, s);
    long long id = meeting.id.value;
    if (meeting.id.valid()) {
      PAIRWISE_RETURN_IF_ERROR(
          CheckNotStale(s, "group_meetings", "group meeting", id, expected_updated_at));
    }
    long long starts = Micros(meeting.details.starts_at), ends = Micros(meeting.details.ends_at);
    // The mentor's other group meetings and their pair meetings (as mentor or as mentee).
    if (meeting.status == domain::MeetingStatus::kScheduled) {
      if (GroupMeetingClashes(s, meeting.mentor, id, starts, ends) > 0 ||
          PairMeetingClashes(s, meeting.mentor, 0, starts, ends) > 0) {
        return Status::Conflict("the time overlaps another meeting of your groups", "starts_at")
            .WithReason("overlap");
      }
    }
    std::string status_name(domain::MeetingStatusName(meeting.status));
    std::string mode_name(domain::MeetingModeName(meeting.details.mode));
    long long program = meeting.program.value;
    long long created = Micros(meeting.created_at), updated = Micros(now);
    int log_minutes = meeting.log_minutes.value_or(0);
    soci::indicator log_minutes_ind = meeting.log_minutes ? soci::i_ok : soci::i_null;
    long long logged_at = meeting.logged_at ? Micros(*meeting.logged_at) : 0;
    soci::indicator logged_at_ind = meeting.logged_at ? soci::i_ok : soci::i_null;
    if (!meeting.id.valid()) {
      s << "INSERT INTO group_meetings (program_id, mentor, status, mode, starts_at_us, "
           "ends_at_us, location, video_url, agenda, uid, sequence, created_at_us, "
           "updated_at_us, log_minutes, log_topics, logged_by, logged_at_us) VALUES (:p, :m, "
           ":st, :mo, :s, :e, :l, :v, :a, :u, :q, :c, :up, :lm, :lt, :lb, :la) RETURNING id",
          soci::use(program), soci::use(meeting.mentor), soci::use(status_name),
          soci::use(mode_name), soci::use(starts), soci::use(ends),
          soci::use(meeting.details.location), soci::use(meeting.details.video_url),
          soci::use(meeting.details.agenda), soci::use(meeting.uid), soci::use(meeting.sequence),
          soci::use(created), soci::use(updated), soci::use(log_minutes, log_minutes_ind),
          soci::use(meeting.log_topics), soci::use(meeting.logged_by),
          soci::use(logged_at, logged_at_ind), soci::into(assigned);
    } else {
      s << "UPDATE group_meetings SET status = :st, mode = :mo, starts_at_us = :s, ends_at_us "
           "= :e, location = :l, video_url = :v, agenda = :a, sequence = :q, updated_at_us = "
           ":up, log_minutes = :lm, log_topics = :lt, logged_by = :lb, logged_at_us = :la "
           "WHERE id = :id",
          soci::use(status_name), soci::use(mode_name), soci::use(starts), soci::use(ends),
          soci::use(meeting.details.location), soci::use(meeting.details.video_url),
          soci::use(meeting.details.agenda), soci::use(meeting.sequence), soci::use(updated),
          soci::use(log_minutes, log_minutes_ind), soci::use(meeting.log_topics),
          soci::use(meeting.logged_by), soci::use(logged_at, logged_at_ind), soci::use(id);
      s << "DELETE FROM group_meeting_attendees WHERE meeting_id = :id", soci::use(id);
    }
    std::string employee, response;
    long long responded = 0;
    int attended = 0;
    soci::indicator responded_ind = soci::i_null, attended_ind = soci::i_null;
    soci::statement insert =
        (s.prepare << "INSERT INTO group_meeting_attendees (meeting_id, employee_id, response, "
                      "responded_at_us, attended) VALUES (:m, :e, :r, :t, :a)",
         soci::use(assigned), soci::use(employee), soci::use(response),
         soci::use(responded, responded_ind), soci::use(attended, attended_ind));
    for (const GroupAttendee& a : meeting.attendees) {
      employee = a.employee_id;
      response = std::string(domain::GroupResponseName(a.response));
      responded = a.responded_at ? Micros(*a.responded_at) : 0;
      responded_ind = a.responded_at ? soci::i_ok : soci::i_null;
      attended = a.attended.value_or(false) ? 1 : 0;
      attended_ind = a.attended ? soci::i_ok : soci::i_null;
      insert.execute(true);
    }
    if (!mails.empty()) {
      QueuedMailInsert queue(s, now);
      for (const domain::MailMessage& mail : mails) queue.Insert(mail);
    }
    return Status::Ok();
  }

  Result<std::vector<domain::ActionItem>> SelectItems(
      const std::string& where, const std::function<void(soci::statement&)>& bind) {
    std::vector<domain::ActionItem> out;
    // One statement, consistent by itself: no BEGIN and COMMIT round trips around it.
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) -> Status {
      out.clear();
      struct Columns {
        ActionItemCoreColumns core;
        std::vector<long long> meeting;
        std::vector<std::string> owner_id;
        void Resize(std::size_t n) {
          core.Resize(n);
          meeting.resize(n);
          owner_id.resize(n);
        }
        void Bind(soci::statement& st) {
          core.Bind(st);
          st.exchange(soci::into(meeting));
          st.exchange(soci::into(owner_id));
        }
      } columns;
      FetchAll(s,
               "SELECT " + std::string(kActionItemCoreColumns) +
                   ", meeting_id, owner_id FROM group_action_items " + where,
               bind, columns, [&](const Columns& c) {
                 for (std::size_t i = 0; i < c.meeting.size(); ++i) {
                   domain::ActionItem item = c.core.At(i);
                   item.group_meeting = GroupMeetingId(c.meeting[i]);
                   item.owner_id = c.owner_id[i];
                   out.push_back(std::move(item));
                 }
               });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status SetResponse(GroupMeetingId id, std::string_view employee_id,
                     domain::GroupResponse response, const std::vector<domain::MailMessage>& mails,
                     TimePoint now) override {
    long long key = id.value, at = Micros(now);
    const std::string employee(employee_id);
    const std::string name(domain::GroupResponseName(response));
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      if (response == domain::GroupResponse::kAccepted) {
        // Accepting gives the meeting the person's time: checked against their other meetings
        // under the one meeting lock, as a mentor's scheduling is.
        TakeMeetingLock(db_, s);
        long long starts = 0, ends = 0;
        std::string status;
        soci::indicator found = soci::i_null;
        s << "SELECT starts_at_us, ends_at_us, status FROM group_meetings WHERE id = :id",
            soci::use(key), soci::into(starts, found), soci::into(ends), soci::into(status);
        if (found == soci::i_ok && status == "scheduled" &&
            (PairMeetingClashes(s, employee, 0, starts, ends) > 0 ||
             GroupMeetingClashes(s, employee, key, starts, ends) > 0)) {
          return Status::Conflict("the time overlaps another meeting of yours", "response")
              .WithReason("overlap");
        }
      }
      soci::statement update =
          (s.prepare << "UPDATE group_meeting_attendees SET response = :r, responded_at_us = :t "
                        "WHERE meeting_id = :m AND employee_id = :e",
           soci::use(name), soci::use(at), soci::use(key), soci::use(employee));
      update.execute(true);
      if (update.get_affected_rows() == 0) {
        return Status::NotFound("no invitation of " + employee + " to group meeting " +
                                std::to_string(key));
      }
      if (!mails.empty()) {
        QueuedMailInsert queue(s, now);
        for (const domain::MailMessage& mail : mails) queue.Insert(mail);
      }
      return Status::Ok();
    });
  }

  Result<std::vector<GroupMeeting>> Select(const std::string& where,
                                           const std::function<void(soci::statement&)>& bind) {
    std::vector<GroupMeeting> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = SelectMeetings(s, where, bind);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<domain::GroupMeetingRepository> MakeGroupMeetingRepository(Database& db) {
  return std::make_unique<SqlGroupMeetingRepository>(db);
}

}  // namespace pairwise::storage
