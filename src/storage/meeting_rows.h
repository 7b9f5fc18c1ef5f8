// What the two meeting repositories (meeting_repository.cpp for a pair's meetings,
// group_meeting_repository.cpp for a group's) share: the columns both tables hold and how a
// row's are read, the stale-write check, and the overlap counts by which each one refuses a
// time that clashes with the person's meetings in either table. Both repositories write under
// the one meeting lock (TakeMeetingLock), so the counts see every committed meeting.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/meetings/meeting.h"
#include "storage/database.h"

namespace pairwise::storage {

inline long long MeetingMicros(TimePoint t) { return t.time_since_epoch().count(); }

// The columns both meeting tables share, in the order MeetingCoreColumns binds them; a SELECT
// lists them after the table's own columns.
inline constexpr std::string_view kMeetingCoreColumns =
    "status, mode, starts_at_us, ends_at_us, location, video_url, agenda, uid, sequence, "
    "created_at_us, updated_at_us, log_minutes, log_topics, logged_by, logged_at_us";

// One row's shared part.
struct MeetingCore {
  domain::MeetingStatus status = domain::MeetingStatus::kScheduled;
  domain::MeetingDetails details;
  std::string uid;
  int sequence = 0;
  TimePoint created_at{};
  TimePoint updated_at{};
  std::optional<int> log_minutes;
  std::string log_topics;
  std::string logged_by;
  std::optional<TimePoint> logged_at;
};

// Column vectors for FetchAll (fetch_all.h). Bind() adds the into() elements of
// kMeetingCoreColumns; the table's own columns are bound before it.
struct MeetingCoreColumns {
  std::vector<long long> starts, ends, created, updated, logged_at;
  std::vector<int> sequence, log_minutes;
  std::vector<soci::indicator> log_minutes_ind, logged_at_ind;
  std::vector<std::string> status, mode, location, video_url, agenda, uid, log_topics, logged_by;
  void Resize(std::size_t n);
  void Bind(soci::statement& st);
  // Throws soci::soci_error for a status or mode this build does not know.
  MeetingCore At(std::size_t i) const;
};

// The columns both action item tables (action_items, group_action_items) share, in the order
// ActionItemCoreColumns binds them; a SELECT lists the table's own columns after them.
inline constexpr std::string_view kActionItemCoreColumns =
    "id, text, owner, due, done, done_at_us, created_by, created_at_us";

// Column vectors for FetchAll (fetch_all.h). Bind() adds the into() elements of
// kActionItemCoreColumns; the table's own columns are bound after it.
struct ActionItemCoreColumns {
  std::vector<long long> id, done_at, created;
  std::vector<int> done;
  std::vector<soci::indicator> done_at_ind;
  std::vector<std::string> text, owner, due, created_by;
  void Resize(std::size_t n);
  void Bind(soci::statement& st);
  // The shared fields of row `i`; throws soci::soci_error for a malformed stored due date.
  domain::ActionItem At(std::size_t i) const;
};

// Marks the item `id` of `table` (one of the two action item tables) done at `at` (micros) or
// open again, in one statement; NotFound when there is no such row.
Status UpdateActionItemDone(soci::session& s, std::string_view table, long long id, bool done,
                            long long at);

// Takes the meeting writers' lock on PostgreSQL (SQLite's BEGIN IMMEDIATE already serializes
// writers): a pair's and a group's meeting writes take turns, so that their overlap checks
// cannot both pass for one person's free hour.
void TakeMeetingLock(Database& db, soci::session& s);

// The stale-write check of an update: NotFound ("no <what> <id>") when `table` has no row
// `id`; Conflict reason "stale" when `expected` is set and differs from its updated_at_us.
Status CheckNotStale(soci::session& s, std::string_view table, std::string_view what, long long id,
                     std::optional<TimePoint> expected);

// How many of the person's proposed or scheduled pair meetings (as mentor or mentee), other
// than `except_id`, overlap [starts, ends) (microseconds).
int PairMeetingClashes(soci::session& s, const std::string& person, long long except_id,
                       long long starts, long long ends);
// How many scheduled group meetings the person leads or has accepted, other than `except_id`,
// overlap [starts, ends) (GroupMeetingRepository::ListBusy).
int GroupMeetingClashes(soci::session& s, const std::string& person, long long except_id,
                        long long starts, long long ends);

// The condition (after WHERE, on group_meetings) of the group meetings a person leads or has
// answered with `responses` (an SQL list such as "'accepted'"); binds the person twice.
std::string GroupMeetingsOfPerson(std::string_view responses);

}  // namespace pairwise::storage
