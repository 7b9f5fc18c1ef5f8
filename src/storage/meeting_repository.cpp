// MeetingRepository over SOCI. Saving a meeting checks overlaps and writes in one transaction;
// on PostgreSQL meeting writes also take an advisory lock (SQLite's BEGIN IMMEDIATE already
// serializes writers), so two proposals for one person's free hour can never both be stored.
#include "storage/meeting_repository.h"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "storage/fetch_all.h"
#include "storage/held_meetings_sql.h"
#include "storage/mail_outbox_rows.h"
#include "storage/meeting_rows.h"

namespace pairwise::storage {
namespace {

using domain::AvailabilityWindow;
using domain::Meeting;
using domain::MeetingId;

TimePoint FromMicros(long long us) { return TimePoint(std::chrono::microseconds(us)); }
long long Micros(TimePoint t) { return MeetingMicros(t); }

// The pair's own columns, then the ones every meeting has (meeting_rows.h).
const std::string kColumns =
    "SELECT id, relationship_id, mentor, mentee, proposed_by, organizer, " +
    std::string(kMeetingCoreColumns) + " FROM meetings ";

struct MeetingColumns {
  std::vector<long long> id, relationship;
  std::vector<std::string> mentor, mentee, proposed_by, organizer;
  MeetingCoreColumns core;
  void Resize(std::size_t n) {
    id.resize(n);
    relationship.resize(n);
    for (auto* v : {&mentor, &mentee, &proposed_by, &organizer}) v->resize(n);
    core.Resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(relationship));
    st.exchange(soci::into(mentor));
    st.exchange(soci::into(mentee));
    st.exchange(soci::into(proposed_by));
    st.exchange(soci::into(organizer));
    core.Bind(st);
  }
  Meeting At(std::size_t i) const {
    MeetingCore c = core.At(i);
    Meeting m;
    m.id = MeetingId(id[i]);
    m.relationship = domain::RelationshipId(relationship[i]);
    m.mentor = mentor[i];
    m.mentee = mentee[i];
    m.proposed_by = proposed_by[i];
    m.organizer = organizer[i];
    m.status = c.status;
    domain::SetDetails(m, c.details);
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

std::vector<Meeting> SelectMeetings(soci::session& s, const std::string& where,
                                    const std::function<void(soci::statement&)>& bind) {
  std::vector<Meeting> out;
  MeetingColumns columns;
  FetchAll(s, kColumns + where, bind, columns, [&](const MeetingColumns& c) {
    for (std::size_t i = 0; i < c.id.size(); ++i) out.push_back(c.At(i));
  });
  return out;
}

class SqlMeetingRepository final : public domain::MeetingRepository {
 public:
  explicit SqlMeetingRepository(Database& db) : db_(db) {}

  Result<std::pair<std::vector<AvailabilityWindow>, std::optional<TimePoint>>> GetAvailability(
      std::string_view employee_id) override {
    std::pair<std::vector<AvailabilityWindow>, std::optional<TimePoint>> out;
    const std::string key(employee_id);
    // Without a transaction (the windows, then when they were saved): free slots read two
    // people's, and BEGIN and COMMIT are two more round trips each on PostgreSQL.
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) -> Status {
      out = {};
      struct Columns {
        std::vector<int> weekday, start, end;
        void Resize(std::size_t n) { weekday.resize(n), start.resize(n), end.resize(n); }
        void Bind(soci::statement& st) {
          st.exchange(soci::into(weekday));
          st.exchange(soci::into(start));
          st.exchange(soci::into(end));
        }
      } columns;
      FetchAll(
          s,
          "SELECT weekday, start_minute, end_minute FROM availability_windows WHERE "
          "employee_id = :e ORDER BY weekday, start_minute",
          [&](soci::statement& st) { st.exchange(soci::use(key)); }, columns,
          [&](const Columns& c) {
            for (std::size_t i = 0; i < c.weekday.size(); ++i) {
              out.first.push_back({c.weekday[i], c.start[i], c.end[i]});
            }
          });
      long long at = 0;
      soci::indicator ind = soci::i_null;
      s << "SELECT updated_at_us FROM availability_saves WHERE employee_id = :e", soci::use(key),
          soci::into(at, ind);
      if (s.got_data() && ind == soci::i_ok) out.second = FromMicros(at);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status SetAvailability(std::string_view employee_id,
                         const std::vector<AvailabilityWindow>& windows, TimePoint now) override {
    const std::string key(employee_id);
    long long at = Micros(now);
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      // The person's save row first: the upsert locks it until commit, so two saves of one
      // person (two sessions, two servers) take turns. Without it both deleted the old windows
      // and the second one's inserts collided with the first one's on PostgreSQL (409).
      s << "INSERT INTO availability_saves (employee_id, updated_at_us) VALUES (:e, :t) "
           "ON CONFLICT (employee_id) DO UPDATE SET updated_at_us = excluded.updated_at_us",
          soci::use(key), soci::use(at);
      s << "DELETE FROM availability_windows WHERE employee_id = :e", soci::use(key);
      int weekday = 0, start = 0, end = 0;
      soci::statement insert =
          (s.prepare << "INSERT INTO availability_windows (employee_id, weekday, start_minute, "
                        "end_minute) VALUES (:e, :w, :s, :n)",
           soci::use(key), soci::use(weekday), soci::use(start), soci::use(end));
      for (const AvailabilityWindow& w : windows) {
        weekday = w.weekday;
        start = w.start_minute;
        end = w.end_minute;
        insert.execute(true);
      }
      return Status::Ok();
    });
  }

  Result<Meeting> FindMeeting(MeetingId id) override {
    const long long key = id.value;
    auto found =
        Select("WHERE id = :id", [&](soci::statement& st) { st.exchange(soci::use(key)); });
    if (!found.ok()) return found.status();
    if (found->empty()) return Status::NotFound("no meeting " + std::to_string(id.value));
    return std::move(found->front());
  }

  Result<std::vector<Meeting>> ListForRelationship(domain::RelationshipId relationship) override {
    const long long key = relationship.value;
    return Select("WHERE relationship_id = :r ORDER BY starts_at_us, id",
                  [&](soci::statement& st) { st.exchange(soci::use(key)); });
  }

  Result<std::vector<Meeting>> ListBusy(std::string_view employee_id, TimePoint from,
                                        TimePoint to) override {
    const std::string key(employee_id);
    const long long f = Micros(from), t = Micros(to);
    // Two index range scans (mentor, mentee) rather than one OR: both stay on the indexes.
    return Select(
        "WHERE id IN (SELECT id FROM meetings WHERE mentor = :m AND starts_at_us < :t1 AND "
        "ends_at_us > :f1 UNION SELECT id FROM meetings WHERE mentee = :e AND starts_at_us < :t2 "
        "AND ends_at_us > :f2) AND status IN ('proposed', 'scheduled') ORDER BY starts_at_us, id",
        [&](soci::statement& st) {
          st.exchange(soci::use(key));
          st.exchange(soci::use(t));
          st.exchange(soci::use(f));
          st.exchange(soci::use(key));
          st.exchange(soci::use(t));
          st.exchange(soci::use(f));
        });
  }

  Result<std::vector<Meeting>> ListForPerson(std::string_view employee_id,
                                             TimePoint from) override {
    const std::string key(employee_id);
    const long long f = Micros(from);
    return Select(
        "WHERE id IN (SELECT id FROM meetings WHERE mentor = :m AND starts_at_us >= :f1 UNION "
        "SELECT id FROM meetings WHERE mentee = :e AND starts_at_us >= :f2) "
        "ORDER BY starts_at_us, id",
        [&](soci::statement& st) {
          st.exchange(soci::use(key));
          st.exchange(soci::use(f));
          st.exchange(soci::use(key));
          st.exchange(soci::use(f));
        });
  }

  Status SaveMeeting(Meeting& meeting, std::optional<TimePoint> expected_updated_at,
                     const std::vector<domain::MailMessage>& mails, TimePoint now) override {
    long long assigned = meeting.id.value;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      TakeMeetingLock(db_, s);
      long long id = meeting.id.value;
      if (meeting.id.valid()) {
        PAIRWISE_RETURN_IF_ERROR(CheckNotStale(s, "meetings", "meeting", id, expected_updated_at));
      }
      const bool live = meeting.status == domain::MeetingStatus::kProposed ||
                        meeting.status == domain::MeetingStatus::kScheduled;
      long long starts = Micros(meeting.starts_at), ends = Micros(meeting.ends_at);
      if (live) {
        for (const std::string* person : {&meeting.mentor, &meeting.mentee}) {
          // Their group meetings count too (every id of the other table is "other").
          if (PairMeetingClashes(s, *person, id, starts, ends) > 0 ||
              GroupMeetingClashes(s, *person, 0, starts, ends) > 0) {
            return Status::Conflict("the time overlaps another meeting", "starts_at")
                .WithReason("overlap");
          }
        }
      }
      std::string status_name(domain::MeetingStatusName(meeting.status));
      std::string mode_name(domain::MeetingModeName(meeting.mode));
      long long relationship = meeting.relationship.value;
      long long created = Micros(meeting.created_at), updated = Micros(now);
      if (!meeting.id.valid()) {
        s << "INSERT INTO meetings (relationship_id, mentor, mentee, status, mode, starts_at_us, "
             "ends_at_us, location, video_url, agenda, proposed_by, organizer, uid, sequence, "
             "created_at_us, updated_at_us) VALUES (:r, :mr, :me, :st, :mo, :s, :e, :l, :v, :a, "
             ":p, :o, :u, :q, :c, :up) RETURNING id",
            soci::use(relationship), soci::use(meeting.mentor), soci::use(meeting.mentee),
            soci::use(status_name), soci::use(mode_name), soci::use(starts), soci::use(ends),
            soci::use(meeting.location), soci::use(meeting.video_url), soci::use(meeting.agenda),
            soci::use(meeting.proposed_by), soci::use(meeting.organizer), soci::use(meeting.uid),
            soci::use(meeting.sequence), soci::use(created), soci::use(updated),
            soci::into(assigned);
      } else {
        s << "UPDATE meetings SET status = :st, mode = :mo, starts_at_us = :s, ends_at_us = :e, "
             "location = :l, video_url = :v, agenda = :a, proposed_by = :p, sequence = :q, "
             "updated_at_us = :up WHERE id = :id",
            soci::use(status_name), soci::use(mode_name), soci::use(starts), soci::use(ends),
            soci::use(meeting.location), soci::use(meeting.video_url), soci::use(meeting.agenda),
            soci::use(meeting.proposed_by), soci::use(meeting.sequence), soci::use(updated),
            soci::use(id);
      }
      RecountHeldMeetingsOf(db_, s, relationship);
      if (!mails.empty()) {
        QueuedMailInsert insert(s, now);
        for (const domain::MailMessage& mail : mails) insert.Insert(mail);
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    meeting.id = MeetingId(assigned);
    meeting.updated_at = now;
    return Status::Ok();
  }

  Status SetFeedToken(std::string_view employee_id, const std::string& token_hash,
                      TimePoint now) override {
    const std::string key(employee_id);
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      long long at = Micros(now);
      s << "DELETE FROM calendar_feeds WHERE employee_id = :e", soci::use(key);
      s << "INSERT INTO calendar_feeds (employee_id, token_hash, created_at_us) VALUES (:e, :h, "
           ":t)",
          soci::use(key), soci::use(token_hash), soci::use(at);
      return Status::Ok();
    });
  }

  Status DeleteFeedToken(std::string_view employee_id) override {
    const std::string key(employee_id);
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      s << "DELETE FROM calendar_feeds WHERE employee_id = :e", soci::use(key);
      return Status::Ok();
    });
  }

  Result<std::optional<TimePoint>> FeedCreatedAt(std::string_view employee_id) override {
    const std::string key(employee_id);
    std::optional<TimePoint> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      long long at = 0;
      s << "SELECT created_at_us FROM calendar_feeds WHERE employee_id = :e", soci::use(key),
          soci::into(at);
      out = s.got_data() ? std::optional<TimePoint>(FromMicros(at)) : std::nullopt;
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::optional<std::string>> FeedOwner(const std::string& token_hash) override {
    std::optional<std::string> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      std::string owner;
      s << "SELECT employee_id FROM calendar_feeds WHERE token_hash = :h", soci::use(token_hash),
          soci::into(owner);
      out = s.got_data() ? std::optional<std::string>(owner) : std::nullopt;
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status SaveLog(Meeting& meeting, TimePoint expected_updated_at,
                 std::vector<domain::ActionItem>& items, TimePoint now) override {
    std::vector<long long> ids;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      ids.clear();
      long long id = meeting.id.value;
      PAIRWISE_RETURN_IF_ERROR(CheckNotStale(s, "meetings", "meeting", id, expected_updated_at));
      std::string status_name(domain::MeetingStatusName(meeting.status));
      std::string mode_name(domain::MeetingModeName(meeting.mode));
      int minutes = meeting.log_minutes.value_or(0);
      soci::indicator minutes_ind = meeting.log_minutes ? soci::i_ok : soci::i_null;
      long long logged_at = meeting.logged_at ? Micros(*meeting.logged_at) : 0;
      soci::indicator logged_ind = meeting.logged_at ? soci::i_ok : soci::i_null;
      long long updated = Micros(now);
      s << "UPDATE meetings SET status = :st, mode = :mo, log_minutes = :lm, log_topics = :lt, "
           "logged_by = :lb, logged_at_us = :la, updated_at_us = :up WHERE id = :id",
          soci::use(status_name), soci::use(mode_name), soci::use(minutes, minutes_ind),
          soci::use(meeting.log_topics), soci::use(meeting.logged_by),
          soci::use(logged_at, logged_ind), soci::use(updated), soci::use(id);
      RecountHeldMeetingsOf(db_, s, meeting.relationship.value);
      for (const domain::ActionItem& item : items) {
        long long relationship = item.relationship.value, meeting_id = item.meeting.value;
        std::string due = domain::FormatDate(item.due);
        int done = item.done ? 1 : 0;
        long long created = Micros(item.created_at);
        long long new_id = 0;
        s << "INSERT INTO action_items (relationship_id, meeting_id, text, owner, due, done, "
             "created_by, created_at_us) VALUES (:r, :m, :t, :o, :d, :n, :b, :c) RETURNING id",
            soci::use(relationship), soci::use(meeting_id), soci::use(item.text),
            soci::use(item.owner), soci::use(due), soci::use(done), soci::use(item.created_by),
            soci::use(created), soci::into(new_id);
        ids.push_back(new_id);
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    meeting.updated_at = now;
    for (std::size_t i = 0; i < items.size(); ++i) items[i].id = domain::ActionItemId(ids[i]);
    return Status::Ok();
  }

  Result<std::vector<domain::ActionItem>> ListActionItems(
      domain::RelationshipId relationship) override {
    const long long key = relationship.value;
    return SelectItems("WHERE relationship_id = :r ORDER BY done, due, id",
                       [&](soci::statement& st) { st.exchange(soci::use(key)); });
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
      return UpdateActionItemDone(s, "action_items", id.value, done, Micros(now));
    });
  }

  Status ImportHistory(domain::MeetingHistory& history, TimePoint now) override {
    std::vector<long long> meeting_ids, item_ids;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      meeting_ids.clear();
      item_ids.clear();
      // Prepared once each: thousands of rows in one transaction.
      std::string person;
      int weekday = 0, start = 0, end = 0;
      long long saved_at = Micros(now);
      soci::statement clear_windows =
          (s.prepare << "DELETE FROM availability_windows WHERE employee_id = :e",
           soci::use(person));
      soci::statement clear_save =
          (s.prepare << "DELETE FROM availability_saves WHERE employee_id = :e", soci::use(person));
      soci::statement add_window =
          (s.prepare << "INSERT INTO availability_windows (employee_id, weekday, start_minute, "
                        "end_minute) VALUES (:e, :w, :s, :n)",
           soci::use(person), soci::use(weekday), soci::use(start), soci::use(end));
      soci::statement add_save =
          (s.prepare << "INSERT INTO availability_saves (employee_id, updated_at_us) VALUES (:e, "
                        ":t)",
           soci::use(person), soci::use(saved_at));
      for (const auto& [who, windows] : history.availability) {
        person = who;
        clear_windows.execute(true);
        clear_save.execute(true);
        for (const AvailabilityWindow& w : windows) {
          weekday = w.weekday;
          start = w.start_minute;
          end = w.end_minute;
          add_window.execute(true);
        }
        add_save.execute(true);
      }

      Meeting m;
      long long relationship = 0, starts = 0, ends = 0, created = 0, updated = 0, logged_at = 0;
      long long new_id = 0;
      std::string status_name, mode_name;
      int minutes = 0;
      soci::indicator minutes_ind = soci::i_null, logged_ind = soci::i_null;
      soci::statement add_meeting =
          (s.prepare << "INSERT INTO meetings (relationship_id, mentor, mentee, status, mode, "
                        "starts_at_us, ends_at_us, location, video_url, agenda, proposed_by, "
                        "organizer, uid, sequence, created_at_us, updated_at_us, log_minutes, "
                        "log_topics, logged_by, logged_at_us) VALUES (:r, :mr, :me, :st, :mo, "
                        ":s, :e, :l, :v, :a, :p, :o, :u, :q, :c, :up, :lm, :lt, :lb, :la) "
                        "RETURNING id",
           soci::use(relationship), soci::use(m.mentor), soci::use(m.mentee),
           soci::use(status_name), soci::use(mode_name), soci::use(starts), soci::use(ends),
           soci::use(m.location), soci::use(m.video_url), soci::use(m.agenda),
           soci::use(m.proposed_by), soci::use(m.organizer), soci::use(m.uid),
           soci::use(m.sequence), soci::use(created), soci::use(updated),
           soci::use(minutes, minutes_ind), soci::use(m.log_topics), soci::use(m.logged_by),
           soci::use(logged_at, logged_ind), soci::into(new_id));
      domain::ActionItem item;
      long long meeting_id = 0, item_created = 0, done_at = 0;
      std::string due;
      int done = 0;
      soci::indicator done_ind = soci::i_null;
      soci::statement add_item =
          (s.prepare << "INSERT INTO action_items (relationship_id, meeting_id, text, owner, due, "
                        "done, done_at_us, created_by, created_at_us) VALUES (:r, :m, :t, :o, :d, "
                        ":n, :da, :b, :c) RETURNING id",
           soci::use(relationship), soci::use(meeting_id), soci::use(item.text),
           soci::use(item.owner), soci::use(due), soci::use(done), soci::use(done_at, done_ind),
           soci::use(item.created_by), soci::use(item_created), soci::into(new_id));
      for (const domain::MeetingHistory::Entry& entry : history.meetings) {
        m = entry.meeting;
        relationship = m.relationship.value;
        starts = Micros(m.starts_at);
        ends = Micros(m.ends_at);
        created = Micros(m.created_at);
        updated = Micros(m.updated_at);
        status_name = std::string(domain::MeetingStatusName(m.status));
        mode_name = std::string(domain::MeetingModeName(m.mode));
        minutes = m.log_minutes.value_or(0);
        minutes_ind = m.log_minutes ? soci::i_ok : soci::i_null;
        logged_at = m.logged_at ? Micros(*m.logged_at) : 0;
        logged_ind = m.logged_at ? soci::i_ok : soci::i_null;
        add_meeting.execute(true);
        meeting_ids.push_back(new_id);
        meeting_id = new_id;
        for (const domain::ActionItem& i : entry.items) {
          item = i;
          due = domain::FormatDate(i.due);
          done = i.done ? 1 : 0;
          done_at = i.done_at ? Micros(*i.done_at) : 0;
          done_ind = i.done_at ? soci::i_ok : soci::i_null;
          item_created = Micros(i.created_at);
          add_item.execute(true);
          item_ids.push_back(new_id);
        }
      }
      // The imported meetings' relationships, recounted at once (ids only grow: every meeting
      // written here has an id of at least the first one's; a few more recounted do no harm).
      if (!meeting_ids.empty()) {
        RecountHeldMeetings(
            db_, s,
            "id >= " + std::to_string(*std::min_element(meeting_ids.begin(), meeting_ids.end())));
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    std::size_t next_item = 0;
    for (std::size_t i = 0; i < history.meetings.size(); ++i) {
      auto& entry = history.meetings[i];
      entry.meeting.id = MeetingId(meeting_ids[i]);
      for (domain::ActionItem& item : entry.items) {
        item.relationship = entry.meeting.relationship;
        item.meeting = entry.meeting.id;
        item.id = domain::ActionItemId(item_ids[next_item++]);
      }
    }
    return Status::Ok();
  }

 private:
  Result<std::vector<domain::ActionItem>> SelectItems(
      const std::string& where, const std::function<void(soci::statement&)>& bind) {
    std::vector<domain::ActionItem> out;
    // One statement, consistent by itself: no BEGIN and COMMIT round trips around it.
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) -> Status {
      out.clear();
      struct Columns {
        ActionItemCoreColumns core;
        std::vector<long long> relationship, meeting;
        void Resize(std::size_t n) {
          core.Resize(n);
          relationship.resize(n);
          meeting.resize(n);
        }
        void Bind(soci::statement& st) {
          core.Bind(st);
          st.exchange(soci::into(relationship));
          st.exchange(soci::into(meeting));
        }
      } columns;
      FetchAll(s,
               "SELECT " + std::string(kActionItemCoreColumns) +
                   ", relationship_id, meeting_id FROM action_items " + where,
               bind, columns, [&](const Columns& c) {
                 for (std::size_t i = 0; i < c.relationship.size(); ++i) {
                   domain::ActionItem item = c.core.At(i);
                   item.relationship = domain::RelationshipId(c.relationship[i]);
                   item.meeting = MeetingId(c.meeting[i]);
                   out.push_back(std::move(item));
                 }
               });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<Meeting>> Select(const std::string& where,
                                      const std::function<void(soci::statement&)>& bind) {
    std::vector<Meeting> out;
    // One statement, consistent by itself: no BEGIN and COMMIT round trips around it.
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) -> Status {
      out = SelectMeetings(s, where, bind);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<domain::MeetingRepository> MakeMeetingRepository(Database& db) {
  return std::make_unique<SqlMeetingRepository>(db);
}

}  // namespace pairwise::storage
