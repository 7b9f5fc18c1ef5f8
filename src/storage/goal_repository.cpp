// GoalRepository over SOCI: goals, their milestones and their history (migration 0013), the
// same statements for SQLite and PostgreSQL. Dates as "YYYY-MM-DD", times as microseconds. Also
// the GoalHistoryWriter (goal_import.h), which loads many goals at once, by COPY on PostgreSQL.
#include <soci/soci.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/bulk_copy.h"
#include "storage/database.h"
#include "storage/fetch_all.h"
#include "storage/goal_import.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::Goal;
using domain::GoalEvent;
using domain::GoalId;
using domain::Milestone;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

Status Conflict(std::string message, std::string reason) {
  return Status::Error(ErrorCode::kConflict, std::move(message)).WithReason(std::move(reason));
}

// A nullable value as a use() element.
struct NullableText {
  std::string value;
  soci::indicator ind = soci::i_null;
  explicit NullableText(const std::optional<domain::Date>& d) {
    if (d) value = domain::FormatDate(*d), ind = soci::i_ok;
  }
};
struct NullableUs {
  long long value = 0;
  soci::indicator ind = soci::i_null;
  explicit NullableUs(const std::optional<TimePoint>& t) {
    if (t) value = Us(*t), ind = soci::i_ok;
  }
};

std::optional<domain::Date> DateOf(const std::string& text, soci::indicator ind) {
  if (ind != soci::i_ok) return std::nullopt;
  auto d = domain::ParseDate(text);
  if (!d) throw soci::soci_error("bad stored date \"" + text + "\"");
  return d;
}

constexpr const char* kGoalColumns =
    "SELECT id, relationship_id, title, measure, target, relevance, skill, due_date, "
    "progress_mode, progress, achievable_at_us, completed_at_us, version, created_at_us, "
    "updated_at_us FROM goals ";

// Reads goals with fixed C++ types (SQLite reports INTEGER as int or long long by value).
std::vector<Goal> SelectGoals(soci::session& s, const std::string& where, long long key) {
  long long id = 0, relationship = 0, progress = 0, achievable = 0, completed = 0, version = 0,
            created = 0, updated = 0;
  std::string title, measure, target, relevance, skill, due, mode;
  soci::indicator due_ind = soci::i_null, achievable_ind = soci::i_null,
                  completed_ind = soci::i_null;
  soci::statement st(s);
  st.exchange(soci::into(id));
  st.exchange(soci::into(relationship));
  st.exchange(soci::into(title));
  st.exchange(soci::into(measure));
  st.exchange(soci::into(target));
  st.exchange(soci::into(relevance));
  st.exchange(soci::into(skill));
  st.exchange(soci::into(due, due_ind));
  st.exchange(soci::into(mode));
  st.exchange(soci::into(progress));
  st.exchange(soci::into(achievable, achievable_ind));
  st.exchange(soci::into(completed, completed_ind));
  st.exchange(soci::into(version));
  st.exchange(soci::into(created));
  st.exchange(soci::into(updated));
  st.exchange(soci::use(key));
  PrepareOnce(st, std::string(kGoalColumns) + where);
  std::vector<Goal> out;
  for (bool more = st.execute(true); more; more = st.fetch()) {
    Goal g;
    g.id = GoalId(id);
    g.relationship_id = relationship;
    g.fields.title = title;
    g.fields.measure = measure;
    g.fields.target = target;
    g.fields.relevance = relevance;
    g.fields.skill = skill;
    g.fields.due_date = DateOf(due, due_ind);
    auto parsed = domain::ParseProgressMode(mode);
    if (!parsed) throw soci::soci_error("bad stored progress mode \"" + mode + "\"");
    g.fields.progress_mode = *parsed;
    g.fields.progress = static_cast<int>(progress);
    if (achievable_ind == soci::i_ok) g.achievable_confirmed_at = FromUs(achievable);
    if (completed_ind == soci::i_ok) g.completed_at = FromUs(completed);
    g.version = static_cast<int>(version);
    g.created_at = FromUs(created);
    g.updated_at = FromUs(updated);
    out.push_back(std::move(g));
  }
  return out;
}

// The milestones of the goals selected by `goal_filter` (": k" bound to `key`), by goal.
std::map<long long, std::vector<Milestone>> SelectMilestones(soci::session& s,
                                                             const std::string& goal_filter,
                                                             long long key) {
  long long id = 0, goal = 0, done = 0;
  std::string title, due;
  soci::indicator due_ind = soci::i_null, done_ind = soci::i_null;
  soci::statement st(s);
  st.exchange(soci::into(id));
  st.exchange(soci::into(goal));
  st.exchange(soci::into(title));
  st.exchange(soci::into(due, due_ind));
  st.exchange(soci::into(done, done_ind));
  st.exchange(soci::use(key));
  PrepareOnce(st, "SELECT id, goal_id, title, due_date, done_at_us FROM goal_milestones WHERE " +
                      goal_filter + " ORDER BY goal_id, id");
  std::map<long long, std::vector<Milestone>> out;
  for (bool more = st.execute(true); more; more = st.fetch()) {
    Milestone m;
    m.id = domain::MilestoneId(id);
    m.title = title;
    m.due_date = DateOf(due, due_ind);
    if (done_ind == soci::i_ok) m.done_at = FromUs(done);
    out[goal].push_back(std::move(m));
  }
  return out;
}

void InsertMilestone(soci::session& s, long long goal, const Milestone& m) {
  NullableText due(m.due_date);
  NullableUs done(m.done_at);
  s << "INSERT INTO goal_milestones (goal_id, title, due_date, done_at_us) VALUES (:g, :t, :d, "
       ":x)",
      soci::use(goal), soci::use(m.title), soci::use(due.value, due.ind),
      soci::use(done.value, done.ind);
}

void InsertEvents(soci::session& s, long long goal, const std::vector<GoalEvent>& events) {
  for (const GoalEvent& e : events) {
    const long long at = Us(e.at);
    s << "INSERT INTO goal_events (goal_id, at_us, by_employee, field, from_value, to_value) "
         "VALUES (:g, :a, :b, :f, :fr, :to)",
        soci::use(goal), soci::use(at), soci::use(e.by), soci::use(e.field), soci::use(e.from),
        soci::use(e.to);
  }
}

Status NoGoal(GoalId id) { return Status::NotFound("no goal " + std::to_string(id.value)); }

class SqlGoalRepository final : public domain::GoalRepository {
 public:
  explicit SqlGoalRepository(Database& db) : db_(db) {}

  Result<std::vector<Goal>> ListGoals(int64_t relationship_id) override {
    std::vector<Goal> out;
    const long long key = relationship_id;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = SelectGoals(s, "WHERE relationship_id = :r ORDER BY id", key);
      auto milestones =
          SelectMilestones(s, "goal_id IN (SELECT id FROM goals WHERE relationship_id = :r)", key);
      for (Goal& g : out) g.milestones = std::move(milestones[g.id.value]);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<Goal> FindGoal(GoalId id) override {
    Goal out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      auto found = Find(s, id);
      if (!found) return NoGoal(id);
      out = std::move(*found);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<Goal> CreateGoal(const Goal& goal, const std::vector<GoalEvent>& events) override {
    Goal out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const domain::GoalFields& f = goal.fields;
      NullableText due(f.due_date);
      NullableUs achievable(goal.achievable_confirmed_at), completed(goal.completed_at);
      const std::string mode(domain::ProgressModeName(f.progress_mode));
      const long long relationship = goal.relationship_id, created = Us(goal.created_at),
                      updated = Us(goal.updated_at);
      long long id = 0;
      s << "INSERT INTO goals (relationship_id, title, measure, target, relevance, skill, "
           "due_date, progress_mode, progress, achievable_at_us, completed_at_us, version, "
           "created_at_us, updated_at_us) VALUES (:r, :t, :m, :ta, :re, :sk, :d, :pm, :p, :a, "
           ":c, 1, :cr, :u) RETURNING id",
          soci::use(relationship), soci::use(f.title), soci::use(f.measure), soci::use(f.target),
          soci::use(f.relevance), soci::use(f.skill), soci::use(due.value, due.ind),
          soci::use(mode), soci::use(f.progress), soci::use(achievable.value, achievable.ind),
          soci::use(completed.value, completed.ind), soci::use(created), soci::use(updated),
          soci::into(id);
      for (const Milestone& m : goal.milestones) InsertMilestone(s, id, m);
      InsertEvents(s, id, events);
      out = *Find(s, GoalId(id));
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<Goal> UpdateGoal(const Goal& goal, const std::vector<GoalEvent>& events) override {
    Goal out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const domain::GoalFields& f = goal.fields;
      NullableText due(f.due_date);
      NullableUs achievable(goal.achievable_confirmed_at), completed(goal.completed_at);
      const std::string mode(domain::ProgressModeName(f.progress_mode));
      const long long id = goal.id.value, updated = Us(goal.updated_at);
      const int version = goal.version;
      soci::statement st = OnceStatement(
          s,
          "UPDATE goals SET title = :t, measure = :m, target = :ta, relevance = "
          ":re, skill = :sk, due_date = :d, progress_mode = :pm, progress = :p, "
          "achievable_at_us = :a, completed_at_us = :c, version = version + 1, "
          "updated_at_us = :u WHERE id = :id AND version = :v",
          soci::use(f.title), soci::use(f.measure), soci::use(f.target), soci::use(f.relevance),
          soci::use(f.skill), soci::use(due.value, due.ind), soci::use(mode), soci::use(f.progress),
          soci::use(achievable.value, achievable.ind), soci::use(completed.value, completed.ind),
          soci::use(updated), soci::use(id), soci::use(version));
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        if (!Find(s, goal.id)) return NoGoal(goal.id);
        return Conflict("This goal changed meanwhile; read it again.", "stale_goal");
      }
      for (const Milestone& m : goal.milestones) {
        if (!m.id.valid()) {
          InsertMilestone(s, id, m);
          continue;
        }
        NullableText mdue(m.due_date);
        NullableUs done(m.done_at);
        const long long mid = m.id.value;
        s << "UPDATE goal_milestones SET title = :t, due_date = :d, done_at_us = :x WHERE id = "
             ":id AND goal_id = :g",
            soci::use(m.title), soci::use(mdue.value, mdue.ind), soci::use(done.value, done.ind),
            soci::use(mid), soci::use(id);
      }
      InsertEvents(s, id, events);
      out = *Find(s, goal.id);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<GoalEvent>> ListEvents(GoalId id) override {
    std::vector<GoalEvent> out;
    const long long key = id.value;
    // One statement, consistent by itself: no BEGIN and COMMIT round trips around it.
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) -> Status {
      out.clear();
      long long at = 0;
      std::string by, field, from, to;
      soci::statement st =
          OnceStatement(s,
                        "SELECT at_us, by_employee, field, from_value, to_value FROM goal_events "
                        "WHERE goal_id = :g ORDER BY id",
                        soci::use(key), soci::into(at), soci::into(by), soci::into(field),
                        soci::into(from), soci::into(to));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        out.push_back(GoalEvent{key, FromUs(at), by, field, from, to});
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

 private:
  static std::optional<Goal> Find(soci::session& s, GoalId id) {
    const long long key = id.value;
    auto goals = SelectGoals(s, "WHERE id = :id", key);
    if (goals.empty()) return std::nullopt;
    Goal g = std::move(goals.front());
    g.milestones = std::move(SelectMilestones(s, "goal_id = :g", key)[key]);
    return g;
  }

  Database& db_;
};

class SqlGoalHistoryWriter final : public domain::GoalHistoryWriter {
 public:
  explicit SqlGoalHistoryWriter(Database& db) : db_(db) {}

  Result<std::vector<GoalId>> ImportGoals(const std::vector<Goal>& goals,
                                          const std::vector<GoalEvent>& events) override {
    std::map<int64_t, std::size_t> position;  // the caller's goal id -> index in `goals`
    for (std::size_t i = 0; i < goals.size(); ++i) {
      if (!position.emplace(goals[i].id.value, i).second) {
        return Status::InvalidArgument("two goals share an id", "goals");
      }
    }
    for (const GoalEvent& e : events) {
      if (!position.contains(e.goal_id)) {
        return Status::InvalidArgument("an event names none of the goals", "events");
      }
    }
    std::vector<long long> ids;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      ids.clear();
      if (goals.empty()) return Status::Ok();
      if (IsPostgresql(s)) {
        const std::vector<std::int64_t> reserved = ReserveIds(s, "goals", goals.size());
        ids.assign(reserved.begin(), reserved.end());
        CopyRows goal_rows(15), milestone_rows(4), event_rows(6);
        auto date = [](CopyRows& rows, const std::optional<domain::Date>& d) -> CopyRows& {
          return d ? rows.Text(domain::FormatDate(*d)) : rows.Null();
        };
        auto time = [](const std::optional<TimePoint>& t) {
          return t ? std::optional<std::int64_t>(Us(*t)) : std::nullopt;
        };
        for (std::size_t i = 0; i < goals.size(); ++i) {
          const Goal& g = goals[i];
          const domain::GoalFields& f = g.fields;
          goal_rows.Int(ids[i]).Int(g.relationship_id).Text(f.title).Text(f.measure);
          goal_rows.Text(f.target).Text(f.relevance).Text(f.skill);
          date(goal_rows, f.due_date).Text(domain::ProgressModeName(f.progress_mode));
          goal_rows.Int(f.progress).IntOrNull(time(g.achievable_confirmed_at));
          goal_rows.IntOrNull(time(g.completed_at)).Int(g.version).Int(Us(g.created_at));
          goal_rows.Int(Us(g.updated_at));
          for (const Milestone& m : g.milestones) {
            milestone_rows.Int(ids[i]).Text(m.title);
            date(milestone_rows, m.due_date).IntOrNull(time(m.done_at));
          }
        }
        for (const GoalEvent& e : events) {
          event_rows.Int(ids[position.at(e.goal_id)]).Int(Us(e.at)).Text(e.by).Text(e.field);
          event_rows.Text(e.from).Text(e.to);
        }
        CopyInto(s, "goals",
                 "id, relationship_id, title, measure, target, relevance, skill, due_date, "
                 "progress_mode, progress, achievable_at_us, completed_at_us, version, "
                 "created_at_us, updated_at_us",
                 goal_rows);
        CopyInto(s, "goal_milestones", "goal_id, title, due_date, done_at_us", milestone_rows);
        CopyInto(s, "goal_events", "goal_id, at_us, by_employee, field, from_value, to_value",
                 event_rows);
        return Status::Ok();
      }
      // SQLite: the statements CreateGoal runs, in-process, with each goal's own version.
      for (const Goal& g : goals) {
        const domain::GoalFields& f = g.fields;
        NullableText due(f.due_date);
        NullableUs achievable(g.achievable_confirmed_at), completed(g.completed_at);
        const std::string mode(domain::ProgressModeName(f.progress_mode));
        const long long relationship = g.relationship_id, created = Us(g.created_at),
                        updated = Us(g.updated_at);
        const int version = g.version;
        long long id = 0;
        s << "INSERT INTO goals (relationship_id, title, measure, target, relevance, skill, "
             "due_date, progress_mode, progress, achievable_at_us, completed_at_us, version, "
             "created_at_us, updated_at_us) VALUES (:r, :t, :m, :ta, :re, :sk, :d, :pm, :p, :a, "
             ":c, :v, :cr, :u) RETURNING id",
            soci::use(relationship), soci::use(f.title), soci::use(f.measure), soci::use(f.target),
            soci::use(f.relevance), soci::use(f.skill), soci::use(due.value, due.ind),
            soci::use(mode), soci::use(f.progress), soci::use(achievable.value, achievable.ind),
            soci::use(completed.value, completed.ind), soci::use(version), soci::use(created),
            soci::use(updated), soci::into(id);
        ids.push_back(id);
      }
      for (std::size_t i = 0; i < goals.size(); ++i) {
        for (const Milestone& m : goals[i].milestones) InsertMilestone(s, ids[i], m);
      }
      for (const GoalEvent& e : events) {
        InsertEvents(s, ids[position.at(e.goal_id)], {e});
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    std::vector<GoalId> out;
    for (long long id : ids) out.push_back(GoalId(id));
    return out;
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<domain::GoalRepository> MakeGoalRepository(Database& db) {
  return std::make_unique<SqlGoalRepository>(db);
}

std::unique_ptr<domain::GoalHistoryWriter> MakeGoalHistoryWriter(Database& db) {
  return std::make_unique<SqlGoalHistoryWriter>(db);
}

}  // namespace pairwise::storage
