// HealthRepository over SOCI (migrations 0022, 0030, 0032), the same statements for SQLite and
// PostgreSQL. Exactly-once is the database's: a tick is one row per period, claimed under a
// lease; a nudge is one row per (relationship, step, period, recipient), inserted with ON
// CONFLICT DO NOTHING in the transaction that queues its mail and claims one of the recipient's
// weekly slots; a meeting reminder is one row per meeting.
#include "storage/health_repository.h"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "storage/bulk_copy.h"
#include "storage/fetch_all.h"
#include "storage/held_meetings_sql.h"
#include "storage/leased_queue.h"
#include "storage/mail_outbox_rows.h"
#include "storage/webhook_rows.h"

namespace pairwise::storage {
namespace {

using domain::Health;
using domain::HealthFacts;
using domain::NudgeRecord;
using NudgeToRecord = domain::HealthRepository::NudgeToRecord;
using domain::TickRecord;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

// "100,50,-,..." in kHealthComponents order ("-": does not count).
std::string ComponentsText(const Health& h) {
  std::string out;
  for (std::size_t i = 0; i < h.components.size(); ++i) {
    if (i) out += ',';
    out += h.components[i] ? std::to_string(*h.components[i]) : "-";
  }
  return out;
}

void ReadComponents(const std::string& text, Health& h) {
  std::size_t i = 0, at = 0;
  while (i < h.components.size() && at <= text.size()) {
    const auto comma = text.find(',', at);
    const std::string part =
        text.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    h.components[i++] = part == "-" || part.empty() ? std::nullopt : std::optional(std::stoi(part));
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
}

std::string ReasonsText(const Health& h) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : h.reasons) {
    out.push_back({{"component", domain::HealthComponentName(r.component)},
                   {"side", domain::HealthSideName(r.side)},
                   {"words", r.words}});
  }
  return out.dump();
}

void ReadReasons(const std::string& text, Health& h) {
  const auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_array()) throw soci::soci_error("bad stored health reasons");
  for (const auto& r : json) {
    const auto c = domain::ParseHealthComponent(r.value("component", ""));
    const auto s = domain::ParseHealthSide(r.value("side", ""));
    if (!c || !s) throw soci::soci_error("bad stored health reason");
    h.reasons.push_back({*c, *s, r.value("words", "")});
  }
}

// ",recency,cadence," and ",both,mentor,": what the board's filters match with LIKE.
std::pair<std::string, std::string> FlagsText(const Health& h) {
  std::string components = ",", sides = ",";
  for (const auto& r : h.reasons) {
    const std::string c = std::string(domain::HealthComponentName(r.component)) + ",";
    const std::string s = std::string(domain::HealthSideName(r.side)) + ",";
    if (components.find("," + c) == std::string::npos) components += c;
    if (sides.find("," + s) == std::string::npos) sides += s;
  }
  return {components, sides};
}

// The ids in chunks of at most this many, one "IN (...)" statement each: a statement per id
// would be a round trip each on PostgreSQL.
constexpr std::size_t kInChunk = 500;

// Nudges recorded per transaction by RecordNudges.
constexpr std::size_t kNudgeBatch = 500;

// "(:i0, :i1, ...)" for `n` ids.
std::string InList(std::size_t n) {
  std::string out = "(";
  for (std::size_t i = 0; i < n; ++i) out += (i ? ", :i" : ":i") + std::to_string(i);
  return out + ")";
}

// Runs `sql` ("{in}" standing for the list) once per chunk of `ids`; `bind_into` binds the
// statement's outputs before its inputs (the chunk's ids, in order) and `row` takes each row.
void ForEachInChunk(soci::session& s, const std::vector<std::string>& ids, const std::string& sql,
                    const std::function<void(soci::statement&)>& bind_into,
                    const std::function<void()>& row,
                    const std::function<void(soci::statement&)>& bind_after = {}) {
  for (std::size_t from = 0; from < ids.size(); from += kInChunk) {
    const std::size_t n = std::min(kInChunk, ids.size() - from);
    std::string text = sql;
    text.replace(text.find("{in}"), 4, InList(n));
    soci::statement st(s);
    bind_into(st);
    for (std::size_t i = 0; i < n; ++i) st.exchange(soci::use(ids[from + i]));
    if (bind_after) bind_after(st);
    PrepareOnce(st, text);
    for (bool more = st.execute(true); more; more = st.fetch()) row();
  }
}

// "(1, 2, 3)": ids are numbers, written into the statement.
std::string IdList(const std::vector<long long>& ids) {
  std::string out = "(";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + std::to_string(ids[i]);
  return out + ")";
}

// Of the relationships `ids` (at most kInChunk), those where `condition` holds, in id order, on
// PostgreSQL locked FOR NO KEY UPDATE in that order (the lock their UPDATE takes anyway, so the
// rows that reference them — health, nudges — are not held up; READ COMMITTED: a second writer
// waits here, then sees them changed and leaves them out). Every relationship write of the
// tick takes its rows this way, so two ticks at once never deadlock. SQLite's writers queue at
// BEGIN IMMEDIATE.
std::vector<long long> LockInOrder(soci::session& s, const std::vector<long long>& ids,
                                   const std::string& condition) {
  std::vector<long long> out;
  if (ids.empty()) return out;
  long long id = 0;
  soci::statement st =
      (s.prepare << "SELECT id FROM relationships WHERE id IN " + IdList(ids) + " AND " +
                        condition + " ORDER BY id" + (IsPostgresql(s) ? " FOR NO KEY UPDATE" : ""),
       soci::into(id));
  for (bool more = st.execute(true); more; more = st.fetch()) out.push_back(id);
  return out;
}

constexpr std::string_view kTickColumns =
    "SELECT period, status, claimed_by, attempts, started_at_us, finished_at_us, lease_until_us, "
    "summary FROM scheduler_ticks ";

struct TickRow {
  std::string period, status, claimed_by, summary;
  long long attempts = 0, started = 0, finished = 0, lease = 0;
  soci::indicator finished_ind = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(period));
    st.exchange(soci::into(status));
    st.exchange(soci::into(claimed_by));
    st.exchange(soci::into(attempts));
    st.exchange(soci::into(started));
    st.exchange(soci::into(finished, finished_ind));
    st.exchange(soci::into(lease));
    st.exchange(soci::into(summary));
  }
  TickRecord Record() const {
    TickRecord t;
    t.period = period;
    t.status = status;
    t.claimed_by = claimed_by;
    t.attempts = static_cast<int>(attempts);
    t.started_at = FromUs(started);
    if (finished_ind == soci::i_ok) t.finished_at = FromUs(finished);
    t.lease_until = FromUs(lease);
    t.summary = summary;
    return t;
  }
};

constexpr std::string_view kHealthColumns =
    "SELECT h.relationship_id, h.program_id, h.score, h.label, h.grace, h.components, h.reasons, "
    "h.flagged_since_us, h.computed_at_us FROM relationship_health h ";

struct HealthRow {
  long long relationship = 0, program = 0, score = 0, grace = 0, flagged = 0, computed = 0;
  std::string label, components, reasons;
  soci::indicator flagged_ind = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(relationship));
    st.exchange(soci::into(program));
    st.exchange(soci::into(score));
    st.exchange(soci::into(label));
    st.exchange(soci::into(grace));
    st.exchange(soci::into(components));
    st.exchange(soci::into(reasons));
    st.exchange(soci::into(flagged, flagged_ind));
    st.exchange(soci::into(computed));
  }
  Health Value() const {
    Health h;
    h.relationship = domain::RelationshipId(relationship);
    h.program = domain::ProgramId(program);
    h.score = static_cast<int>(score);
    const auto l = domain::ParseHealthLabel(label);
    if (!l) throw soci::soci_error("bad stored health label");
    h.label = *l;
    h.grace = grace != 0;
    ReadComponents(components, h);
    ReadReasons(reasons, h);
    if (flagged_ind == soci::i_ok) h.flagged_since = FromUs(flagged);
    h.computed_at = FromUs(computed);
    return h;
  }
};

// The columns SaveHealth writes, and what an existing row takes of a new one.
constexpr std::string_view kHealthWriteColumns =
    "relationship_id, program_id, score, label, grace, components, flagged_components, "
    "flagged_sides, reasons, flagged_since_us, computed_at_us";
const std::string kHealthUpdate =
    "program_id = excluded.program_id, score = excluded.score, label = excluded.label, grace = "
    "excluded.grace, components = excluded.components, flagged_components = "
    "excluded.flagged_components, flagged_sides = excluded.flagged_sides, reasons = "
    "excluded.reasons, flagged_since_us = excluded.flagged_since_us, computed_at_us = "
    "excluded.computed_at_us";

class SqlHealthRepository final : public domain::HealthRepository {
 public:
  explicit SqlHealthRepository(Database& db) : db_(db) {}

  Result<std::optional<TickRecord>> ClaimTick(const std::string& period, const std::string& worker,
                                              TimePoint now, TimePoint lease_until,
                                              bool again) override {
    std::optional<TickRecord> out;
    const long long now_us = Us(now), lease_us = Us(lease_until);
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      out.reset();
      soci::statement insert =
          (s.prepare << "INSERT INTO scheduler_ticks (period, status, claimed_by, lease_until_us, "
                        "attempts, started_at_us, summary) VALUES (:p, 'running', :w, :l, 1, :n, "
                        "'') ON CONFLICT (period) DO NOTHING",
           soci::use(period), soci::use(worker), soci::use(lease_us), soci::use(now_us));
      insert.execute(true);
      if (insert.get_affected_rows() == 0) {
        // Another server deciding about the same period: skip it rather than wait.
        const std::string sql = std::string(kTickColumns) + "WHERE period = :p" +
                                std::string(SkipLockedRows(db_.kind()));
        TickRow row;
        soci::statement st(s);
        row.Bind(st);
        st.exchange(soci::use(period));
        PrepareOnce(st, sql);
        if (!st.execute(true)) return Status::Ok();  // locked by another: theirs
        const bool held = row.status == "running" && row.lease > now_us;
        if (held || (row.status == "done" && !again)) return Status::Ok();
        s << "UPDATE scheduler_ticks SET status = 'running', claimed_by = :w, lease_until_us = :l, "
             "attempts = attempts + 1, started_at_us = :n, finished_at_us = NULL, summary = '' "
             "WHERE period = :p",
            soci::use(worker), soci::use(lease_us), soci::use(now_us), soci::use(period);
      }
      TickRow row;
      soci::statement st(s);
      row.Bind(st);
      st.exchange(soci::use(period));
      PrepareOnce(st, std::string(kTickColumns) + "WHERE period = :p");
      if (st.execute(true)) out = row.Record();
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status FinishTick(const std::string& period, const std::string& worker, const std::string& result,
                    const std::string& summary, TimePoint now) override {
    const long long now_us = Us(now);
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      soci::statement st =
          (s.prepare << "UPDATE scheduler_ticks SET status = :st, summary = :su, "
                        "finished_at_us = :n WHERE period = :p AND claimed_by = :w AND status = "
                        "'running'",
           soci::use(result), soci::use(summary), soci::use(now_us), soci::use(period),
           soci::use(worker));
      st.execute(true);
      if (st.get_affected_rows() == 0) {
        return Status::Conflict("another server took this tick over",
                                "tick " + period + " is no longer claimed by " + worker);
      }
      return Status::Ok();
    });
  }

  Result<std::vector<TickRecord>> ListTicks(int limit) override {
    std::vector<TickRecord> out;
    const long long max = limit;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      TickRow row;
      soci::statement st(s);
      row.Bind(st);
      st.exchange(soci::use(max));
      PrepareOnce(st,
                  std::string(kTickColumns) + "ORDER BY started_at_us DESC, period DESC LIMIT :l");
      for (bool more = st.execute(true); more; more = st.fetch()) out.push_back(row.Record());
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<HealthFacts>> LoadFacts(std::optional<domain::ProgramId> program,
                                             TimePoint now) override {
    return Facts(program ? program->value : 0, 0, now);
  }

  Result<std::optional<HealthFacts>> LoadRelationshipFacts(domain::RelationshipId relationship,
                                                           TimePoint now) override {
    auto facts = Facts(0, relationship.value, now);
    if (!facts.ok()) return facts.status();
    if (facts->empty()) return std::optional<HealthFacts>();
    return std::optional<HealthFacts>(std::move(facts->front()));
  }

  // The facts of the active relationships of `program_id` (0: all), or of the one relationship
  // `relationship_id` (0: all).
  Result<std::vector<HealthFacts>> Facts(long long program_id, long long relationship_id,
                                         TimePoint) {
    std::vector<HealthFacts> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      std::unordered_map<long long, std::size_t> index;
      {
        long long id = 0, prog = 0, started = 0, cadence = 0, length = 0, held = 0, last = 0,
                  goals = 0, progress = 0;
        double mentor_rating = 0, mentee_rating = 0;
        soci::indicator last_ind, mentor_ind, mentee_ind;
        std::string mentor, mentee;
        // One relationship (an event's rescore) counts its own rows; many count every table
        // once, grouped, rather than seven subqueries per relationship.
        const std::string sources =
            relationship_id != 0
                // A pair's meetings held, and the group meetings of a group program the mentee
                // attended (group_meetings: the mentor's group in the program).
                ? std::string(kHeldMeetingsOfR) + ", " + kLastHeldMeetingOfR + ", " +
                      "(SELECT COUNT(*) FROM goals g WHERE g.relationship_id = r.id), "
                      "(SELECT COALESCE(SUM(g.progress), 0) FROM goals g WHERE g.relationship_id = "
                      "r.id), "
                      "(SELECT AVG(CAST(f.rating AS DOUBLE PRECISION)) FROM feedback f WHERE "
                      "f.relationship_id = r.id AND f.from_side = 'mentor'), "
                      "(SELECT AVG(CAST(f.rating AS DOUBLE PRECISION)) FROM feedback f WHERE "
                      "f.relationship_id = r.id AND f.from_side = 'mentee') "
                      "FROM relationships r JOIN programs p ON p.id = r.program_id "
                : "COALESCE(mh.held, 0) + COALESCE(gh.held, 0), CASE WHEN mh.last IS NULL THEN "
                  "gh.last WHEN gh.last IS NULL OR mh.last > gh.last THEN mh.last ELSE gh.last "
                  "END, COALESCE(g.n, 0), COALESCE(g.progress, 0), "
                  "f.mentor_rating, f.mentee_rating "
                  "FROM relationships r JOIN programs p ON p.id = r.program_id "
                  "LEFT JOIN (SELECT relationship_id, COUNT(*) AS held, MAX(starts_at_us) AS "
                  "last FROM meetings WHERE status = 'held' GROUP BY relationship_id) mh ON "
                  "mh.relationship_id = r.id "
                  "LEFT JOIN (SELECT gm.program_id, gm.mentor, ga.employee_id AS mentee, COUNT(*) "
                  "AS held, MAX(gm.starts_at_us) AS last FROM group_meetings gm JOIN "
                  "group_meeting_attendees ga ON ga.meeting_id = gm.id WHERE gm.status = 'held' "
                  "AND ga.attended = 1 GROUP BY gm.program_id, gm.mentor, ga.employee_id) gh ON "
                  "gh.program_id = r.program_id AND gh.mentor = r.mentor AND gh.mentee = r.mentee "
                  "LEFT JOIN (SELECT relationship_id, COUNT(*) AS n, SUM(progress) AS progress "
                  "FROM goals GROUP BY relationship_id) g ON g.relationship_id = r.id "
                  "LEFT JOIN (SELECT relationship_id, AVG(CASE WHEN from_side = 'mentor' THEN "
                  "CAST(rating AS DOUBLE PRECISION) END) AS mentor_rating, AVG(CASE WHEN "
                  "from_side = 'mentee' THEN CAST(rating AS DOUBLE PRECISION) END) AS "
                  "mentee_rating FROM feedback GROUP BY relationship_id) f ON "
                  "f.relationship_id = r.id ";
        soci::statement st =
            (s.prepare << "SELECT r.id, r.program_id, r.mentor, r.mentee, "
                          "COALESCE(r.activated_at_us, r.started_at_us), "
                          "COALESCE(a.cadence_days, t.cadence_days, 14), "
                          "COALESCE(a.length_months, t.length_months, p.relationship_months), " +
                              sources +
                              "LEFT JOIN relationship_agreements a ON a.relationship_id = r.id "
                              "LEFT JOIN agreement_templates t ON t.program_id = r.program_id "
                              "WHERE r.status = 'active' AND (:p1 = 0 OR r.program_id = :p2) "
                              "AND (:r1 = 0 OR r.id = :r2) ORDER BY r.id",
             soci::use(program_id, "p1"), soci::use(program_id, "p2"),
             soci::use(relationship_id, "r1"), soci::use(relationship_id, "r2"), soci::into(id),
             soci::into(prog), soci::into(mentor), soci::into(mentee), soci::into(started),
             soci::into(cadence), soci::into(length), soci::into(held), soci::into(last, last_ind),
             soci::into(goals), soci::into(progress), soci::into(mentor_rating, mentor_ind),
             soci::into(mentee_rating, mentee_ind));
        for (bool more = st.execute(true); more; more = st.fetch()) {
          HealthFacts f;
          f.relationship = domain::RelationshipId(id);
          f.program = domain::ProgramId(prog);
          f.mentor = mentor;
          f.mentee = mentee;
          f.started_at = FromUs(started);
          f.cadence_days = static_cast<int>(cadence);
          f.length_months = static_cast<int>(length);
          f.meetings_held = static_cast<int>(held);
          if (last_ind == soci::i_ok) f.last_meeting_at = FromUs(last);
          f.goals = static_cast<int>(goals);
          f.goal_progress = goals > 0 ? static_cast<int>(progress / goals) : 0;
          if (mentor_ind == soci::i_ok) f.mentor_rating = mentor_rating;
          if (mentee_ind == soci::i_ok) f.mentee_rating = mentee_rating;
          index[id] = out.size();
          out.push_back(std::move(f));
        }
      }
      long long rel = 0, since = 0;
      std::string side;
      soci::statement st =
          (s.prepare << "SELECT m.relationship_id, CASE WHEN m.proposed_by = m.mentor THEN "
                        "'mentee' ELSE 'mentor' END, m.updated_at_us FROM meetings m JOIN "
                        "relationships r ON r.id = m.relationship_id WHERE m.status = 'proposed' "
                        "AND r.status = 'active' AND (:p1 = 0 OR r.program_id = :p2) "
                        "AND (:r1 = 0 OR r.id = :r2)",
           soci::use(program_id, "p1"), soci::use(program_id, "p2"),
           soci::use(relationship_id, "r1"), soci::use(relationship_id, "r2"), soci::into(rel),
           soci::into(side), soci::into(since));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        auto it = index.find(rel);
        if (it == index.end()) continue;
        out[it->second].waiting.push_back(
            {side == "mentor" ? domain::HealthSide::kMentor : domain::HealthSide::kMentee,
             FromUs(since)});
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<Health>> LoadHealth(std::optional<domain::ProgramId> program) override {
    std::vector<Health> out;
    const long long program_id = program ? program->value : 0;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      HealthRow row;
      soci::statement st(s);
      row.Bind(st);
      st.exchange(soci::use(program_id, "p1"));
      st.exchange(soci::use(program_id, "p2"));
      PrepareOnce(st, std::string(kHealthColumns) +
                          "WHERE (:p1 = 0 OR h.program_id = :p2) ORDER BY h.relationship_id");
      for (bool more = st.execute(true); more; more = st.fetch()) out.push_back(row.Value());
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::optional<Health>> FindHealth(domain::RelationshipId relationship) override {
    std::optional<Health> out;
    const long long id = relationship.value;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.reset();
      HealthRow row;
      soci::statement st(s);
      row.Bind(st);
      st.exchange(soci::use(id));
      PrepareOnce(st, std::string(kHealthColumns) + "WHERE h.relationship_id = :r");
      if (st.execute(true)) out = row.Value();
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status SaveHealth(const std::vector<Health>& health) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      if (db_.kind() == DatabaseKind::kPostgresql && health.size() > 1) {
        // A tick's thousands of rows in one COPY, not a round trip each.
        CopyRows rows(11);
        for (const Health& h : health) {
          const auto [flag_components, flag_sides] = FlagsText(h);
          rows.Int(h.relationship.value)
              .Int(h.program.value)
              .Int(h.score)
              .Text(domain::HealthLabelName(h.label))
              .Int(h.grace ? 1 : 0)
              .Text(ComponentsText(h))
              .Text(flag_components)
              .Text(flag_sides)
              .Text(ReasonsText(h))
              .IntOrNull(h.flagged_since ? std::optional<std::int64_t>(Us(*h.flagged_since))
                                         : std::nullopt)
              .Int(Us(h.computed_at));
        }
        CopyThenInsert(s, "relationship_health", kHealthWriteColumns, rows,
                       "ON CONFLICT (relationship_id) DO UPDATE SET " + kHealthUpdate);
        s << "DELETE FROM relationship_health WHERE relationship_id IN (SELECT id FROM "
             "relationships WHERE status <> 'active')";
        return Status::Ok();
      }
      long long id = 0, program = 0, score = 0, grace = 0, flagged = 0, computed = 0;
      soci::indicator flagged_ind = soci::i_null;
      std::string label, components, reasons, flag_components, flag_sides;
      soci::statement st =
          (s.prepare << "INSERT INTO relationship_health (" + std::string(kHealthWriteColumns) +
                            ") VALUES (:r, :p, :s, :l, :g, :c, :fc, :fs, :re, :f, :at) ON "
                            "CONFLICT (relationship_id) DO UPDATE SET " +
                            kHealthUpdate,
           soci::use(id), soci::use(program), soci::use(score), soci::use(label), soci::use(grace),
           soci::use(components), soci::use(flag_components), soci::use(flag_sides),
           soci::use(reasons), soci::use(flagged, flagged_ind), soci::use(computed));
      for (const Health& h : health) {
        id = h.relationship.value;
        program = h.program.value;
        score = h.score;
        label = std::string(domain::HealthLabelName(h.label));
        grace = h.grace ? 1 : 0;
        components = ComponentsText(h);
        std::tie(flag_components, flag_sides) = FlagsText(h);
        reasons = ReasonsText(h);
        flagged_ind = h.flagged_since ? soci::i_ok : soci::i_null;
        flagged = h.flagged_since ? Us(*h.flagged_since) : 0;
        computed = Us(h.computed_at);
        st.execute(true);
      }
      s << "DELETE FROM relationship_health WHERE relationship_id IN (SELECT id FROM "
           "relationships WHERE status <> 'active')";
      return Status::Ok();
    });
  }

  Result<std::optional<domain::HealthSettings>> FindSettings(domain::ProgramId program) override {
    std::optional<domain::HealthSettings> out;
    const long long id = program.value;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.reset();
      domain::HealthSettings v;
      auto& w = v.weights;
      soci::statement st =
          (s.prepare << "SELECT weight_cadence, weight_recency, weight_goals, weight_feedback, "
                        "weight_responsiveness, weight_first_meeting, on_track_min, "
                        "at_risk_below, grace_days, first_meeting_days, answer_days, "
                        "max_nudges_per_week FROM health_settings WHERE program_id = :p",
           soci::use(id), soci::into(w[0]), soci::into(w[1]), soci::into(w[2]), soci::into(w[3]),
           soci::into(w[4]), soci::into(w[5]), soci::into(v.on_track_min),
           soci::into(v.at_risk_below), soci::into(v.grace_days), soci::into(v.first_meeting_days),
           soci::into(v.answer_days), soci::into(v.max_nudges_per_week));
      if (st.execute(true)) out = v;
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::optional<std::vector<domain::NudgeStep>>> FindLadder(
      domain::ProgramId program) override {
    std::optional<std::vector<domain::NudgeStep>> out;
    const long long id = program.value;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.reset();
      int saved = 0;
      s << "SELECT COUNT(*) FROM health_settings WHERE program_id = :p", soci::use(id),
          soci::into(saved);
      if (saved == 0) return Status::Ok();
      out.emplace();
      std::string trigger, recipients, subject, body;
      int delay = 0, enabled = 0;
      soci::statement st =
          (s.prepare << "SELECT trigger_label, recipients, delay_days, subject, body, enabled "
                        "FROM nudge_steps WHERE program_id = :p ORDER BY position",
           soci::use(id), soci::into(trigger), soci::into(recipients), soci::into(delay),
           soci::into(subject), soci::into(body), soci::into(enabled));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        const auto t = domain::ParseHealthLabel(trigger);
        const auto r = domain::ParseNudgeRecipients(recipients);
        if (!t || !r) throw soci::soci_error("bad stored nudge step");
        out->push_back({*t, *r, delay, subject, body, enabled != 0});
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status SaveSettings(domain::ProgramId program, const domain::HealthSettings& v,
                      const std::vector<domain::NudgeStep>& ladder, const std::string& by,
                      TimePoint now) override {
    const long long id = program.value, at = Us(now);
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const auto& w = v.weights;
      s << "DELETE FROM health_settings WHERE program_id = :p", soci::use(id);
      s << "INSERT INTO health_settings (program_id, weight_cadence, weight_recency, "
           "weight_goals, weight_feedback, weight_responsiveness, weight_first_meeting, "
           "on_track_min, at_risk_below, grace_days, first_meeting_days, answer_days, "
           "max_nudges_per_week, updated_by, updated_at_us) VALUES (:p, :w0, :w1, :w2, :w3, "
           ":w4, :w5, :ot, :ar, :g, :fm, :an, :mx, :by, :at)",
          soci::use(id), soci::use(w[0]), soci::use(w[1]), soci::use(w[2]), soci::use(w[3]),
          soci::use(w[4]), soci::use(w[5]), soci::use(v.on_track_min), soci::use(v.at_risk_below),
          soci::use(v.grace_days), soci::use(v.first_meeting_days), soci::use(v.answer_days),
          soci::use(v.max_nudges_per_week), soci::use(by), soci::use(at);
      s << "DELETE FROM nudge_steps WHERE program_id = :p", soci::use(id);
      int position = 0, delay = 0, enabled = 0;
      std::string trigger, recipients, subject, body;
      soci::statement st =
          (s.prepare << "INSERT INTO nudge_steps (program_id, position, trigger_label, "
                        "recipients, delay_days, subject, body, enabled) VALUES (:p, :i, :t, :r, "
                        ":d, :s, :b, :e)",
           soci::use(id), soci::use(position), soci::use(trigger), soci::use(recipients),
           soci::use(delay), soci::use(subject), soci::use(body), soci::use(enabled));
      for (const auto& step : ladder) {
        ++position;
        trigger = std::string(domain::HealthLabelName(step.trigger));
        recipients = std::string(domain::NudgeRecipientsName(step.recipients));
        delay = step.delay_days;
        subject = step.subject;
        body = step.body;
        enabled = step.enabled ? 1 : 0;
        st.execute(true);
      }
      return Status::Ok();
    });
  }

  Result<std::vector<domain::NudgeContact>> FindContacts(
      const std::vector<std::string>& ids) override {
    std::vector<domain::NudgeContact> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      std::unordered_map<std::string, domain::NudgeContact> found;
      std::string id, first, last, email, zone;
      ForEachInChunk(
          s, ids,
          "SELECT employee_id, first_name, last_name, email, time_zone FROM people WHERE "
          "employee_id IN {in}",
          [&](soci::statement& st) {
            st.exchange(soci::into(id));
            st.exchange(soci::into(first));
            st.exchange(soci::into(last));
            st.exchange(soci::into(email));
            st.exchange(soci::into(zone));
          },
          [&] {
            found[id] = {id, first + " " + last, email, zone, first};
          });
      // In the order asked, once each.
      for (const std::string& wanted : ids) {
        auto it = found.find(wanted);
        if (it == found.end()) continue;
        out.push_back(std::move(it->second));
        found.erase(it);
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<std::string>> OptedOutAmong(const std::vector<std::string>& ids) override {
    std::vector<std::string> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      std::string id;
      ForEachInChunk(
          s, ids, "SELECT employee_id FROM reminder_opt_outs WHERE employee_id IN {in}",
          [&](soci::statement& st) { st.exchange(soci::into(id)); }, [&] { out.push_back(id); });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<std::pair<std::string, int>>> CountNudgesSinceAmong(
      const std::vector<std::string>& ids, TimePoint since) override {
    std::vector<std::pair<std::string, int>> out;
    const long long from = Us(since);
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      std::string id;
      int count = 0;
      ForEachInChunk(
          s, ids,
          "SELECT recipient, COUNT(*) FROM nudges WHERE recipient IN {in} AND created_at_us >= "
          ":f GROUP BY recipient",
          [&](soci::statement& st) {
            st.exchange(soci::into(id));
            st.exchange(soci::into(count));
          },
          [&] { out.emplace_back(id, count); },
          [&](soci::statement& st) { st.exchange(soci::use(from)); });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<NudgeRecord>> ListNudgeKeysSince(TimePoint since) override {
    std::vector<NudgeRecord> out;
    const long long from = Us(since);
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      NudgeRecord n;
      long long rel = 0, at = 0;
      soci::statement st =
          (s.prepare << "SELECT relationship_id, step, period, recipient, created_at_us FROM "
                        "nudges WHERE created_at_us >= :f",
           soci::use(from), soci::into(rel), soci::into(n.step), soci::into(n.period),
           soci::into(n.recipient), soci::into(at));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        n.relationship = domain::RelationshipId(rel);
        n.created_at = FromUs(at);
        out.push_back(n);
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status SaveNudgeHistory(const std::vector<NudgeRecord>& nudges) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      long long rel = 0, step = 0, at = 0;
      std::string period, recipient, role, subject, body, by;
      soci::statement st =
          (s.prepare << "INSERT INTO nudges (relationship_id, step, period, recipient, "
                        "recipient_role, subject, body, sent_by, created_at_us) VALUES (:r, :s, "
                        ":p, :to, :role, :su, :b, :by, :at) ON CONFLICT (relationship_id, step, "
                        "period, recipient) DO NOTHING",
           soci::use(rel), soci::use(step), soci::use(period), soci::use(recipient),
           soci::use(role), soci::use(subject), soci::use(body), soci::use(by), soci::use(at));
      for (const NudgeRecord& n : nudges) {
        rel = n.relationship.value;
        step = n.step;
        period = n.period;
        recipient = n.recipient;
        role = n.recipient_role;
        subject = n.subject;
        body = n.body;
        by = n.sent_by;
        at = Us(n.created_at);
        st.execute(true);
      }
      // The weekly slots of those who had none yet, from their newest nudges (as migration 32).
      s << "INSERT INTO nudge_slots (recipient, slot, used_at_us) SELECT recipient, n, "
           "created_at_us FROM (SELECT recipient, created_at_us, ROW_NUMBER() OVER (PARTITION BY "
           "recipient ORDER BY created_at_us DESC, id DESC) AS n FROM nudges) newest WHERE n <= "
           "20 AND NOT EXISTS (SELECT 1 FROM nudge_slots x WHERE x.recipient = newest.recipient)";
      return Status::Ok();
    });
  }

  Result<domain::NudgeRecorded> RecordNudge(const NudgeRecord& n, const domain::MailMessage& mail,
                                            int weekly_limit, bool may_exceed) override {
    auto recorded = RecordNudges({{n, mail, weekly_limit, may_exceed}});
    if (!recorded.ok()) return recorded.status();
    return recorded->front();
  }

  Result<std::vector<domain::NudgeRecorded>> RecordNudges(
      const std::vector<NudgeToRecord>& nudges) override {
    std::vector<domain::NudgeRecorded> out(nudges.size(), domain::NudgeRecorded::kSent);
    // Every writer takes its rows in one order (recipient, then the nudge's key), so two ticks at
    // once on PostgreSQL wait for each other's slots and keys but never deadlock.
    std::vector<std::size_t> order(nudges.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const NudgeRecord &x = nudges[a].nudge, &y = nudges[b].nudge;
      return std::tie(x.recipient, x.relationship.value, x.step, x.period) <
             std::tie(y.recipient, y.relationship.value, y.step, y.period);
    });
    for (std::size_t from = 0; from < order.size(); from += kNudgeBatch) {
      const std::vector<std::size_t> batch(
          order.begin() + static_cast<std::ptrdiff_t>(from),
          order.begin() + static_cast<std::ptrdiff_t>(std::min(order.size(), from + kNudgeBatch)));
      Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
        return RecordNudgeBatch(s, nudges, batch, /*claim_each=*/false, out);
      });
      // A slot read as free was taken by another writer meanwhile (rolled back): the batch
      // again, its slots claimed one by one.
      if (!status.ok() && status.reason() == kSlotTaken) {
        status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) {
          return RecordNudgeBatch(s, nudges, batch, /*claim_each=*/true, out);
        });
      }
      if (!status.ok()) return status;
    }
    return out;
  }

  Result<int> CountNudgesSince(const std::string& recipient, TimePoint since) override {
    int count = 0;
    const long long from = Us(since);
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      s << "SELECT COUNT(*) FROM nudges WHERE recipient = :r AND created_at_us >= :f",
          soci::use(recipient), soci::use(from), soci::into(count);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return count;
  }

  Result<std::vector<NudgeRecord>> ListNudges(domain::RelationshipId relationship) override {
    std::vector<NudgeRecord> out;
    const long long id = relationship.value;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      NudgeRecord n;
      n.relationship = relationship;
      long long at = 0;
      soci::statement st =
          (s.prepare << "SELECT step, period, recipient, recipient_role, subject, body, sent_by, "
                        "created_at_us FROM nudges WHERE relationship_id = :r ORDER BY "
                        "created_at_us DESC, id DESC",
           soci::use(id), soci::into(n.step), soci::into(n.period), soci::into(n.recipient),
           soci::into(n.recipient_role), soci::into(n.subject), soci::into(n.body),
           soci::into(n.sent_by), soci::into(at));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        n.created_at = FromUs(at);
        out.push_back(n);
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<NudgeRecord>> ListNudgeKeysOf(
      const std::vector<domain::RelationshipId>& relationships) override {
    std::vector<NudgeRecord> out;
    std::vector<std::string> ids;
    for (const auto& r : relationships) ids.push_back(std::to_string(r.value));
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      NudgeRecord n;
      long long rel = 0, at = 0;
      ForEachInChunk(
          s, ids,
          "SELECT relationship_id, step, period, recipient, created_at_us FROM nudges WHERE "
          "relationship_id IN {in}",
          [&](soci::statement& st) {
            st.exchange(soci::into(rel));
            st.exchange(soci::into(n.step));
            st.exchange(soci::into(n.period));
            st.exchange(soci::into(n.recipient));
            st.exchange(soci::into(at));
          },
          [&] {
            n.relationship = domain::RelationshipId(rel);
            n.created_at = FromUs(at);
            out.push_back(n);
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<bool> OptedOut(const std::string& employee_id) override {
    int count = 0;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      s << "SELECT COUNT(*) FROM reminder_opt_outs WHERE employee_id = :e", soci::use(employee_id),
          soci::into(count);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return count > 0;
  }

  Status SetOptedOut(const std::string& employee_id, bool opted_out, TimePoint now) override {
    const long long at = Us(now);
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      s << "DELETE FROM reminder_opt_outs WHERE employee_id = :e", soci::use(employee_id);
      if (opted_out) {
        s << "INSERT INTO reminder_opt_outs (employee_id, at_us) VALUES (:e, :at)",
            soci::use(employee_id), soci::use(at);
      }
      return Status::Ok();
    });
  }

  Status AddUnsubscribeToken(const std::string& token_hash, const std::string& employee_id,
                             const std::string& kind, TimePoint now) override {
    const long long at = Us(now);
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      s << "INSERT INTO unsubscribe_tokens (token_hash, employee_id, kind, created_at_us) VALUES "
           "(:h, :e, :k, :at)",
          soci::use(token_hash), soci::use(employee_id), soci::use(kind), soci::use(at);
      return Status::Ok();
    });
  }

  Result<std::optional<domain::UnsubscribeToken>> FindUnsubscribeToken(
      const std::string& token_hash) override {
    std::optional<domain::UnsubscribeToken> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.reset();
      std::string employee_id, kind;
      long long created = 0, used = 0;
      soci::indicator used_ind = soci::i_null;
      s << "SELECT employee_id, kind, created_at_us, used_at_us FROM unsubscribe_tokens WHERE "
           "token_hash = :h",
          soci::use(token_hash), soci::into(employee_id), soci::into(kind), soci::into(created),
          soci::into(used, used_ind);
      if (!s.got_data()) return Status::Ok();
      domain::UnsubscribeToken t;
      t.employee_id = employee_id;
      t.kind = kind;
      t.created_at = FromUs(created);
      if (used_ind == soci::i_ok) t.used_at = FromUs(used);
      out = std::move(t);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<bool> OptOutWithToken(const std::string& employee_id, const std::string& token_hash,
                               TimePoint now) override {
    bool turned_off = false;
    const long long at = Us(now);
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      soci::statement st = (s.prepare << "INSERT INTO reminder_opt_outs (employee_id, at_us) "
                                         "VALUES (:e, :at) ON CONFLICT (employee_id) DO NOTHING",
                            soci::use(employee_id), soci::use(at));
      st.execute(true);
      turned_off = st.get_affected_rows() == 1;
      s << "UPDATE unsubscribe_tokens SET used_at_us = :at WHERE token_hash = :h AND used_at_us "
           "IS NULL",
          soci::use(at), soci::use(token_hash);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return turned_off;
  }

  Result<std::vector<domain::RelationshipReminderDue>> DueRelationshipReminders(
      TimePoint pending_since) override {
    std::vector<domain::RelationshipReminderDue> out;
    const long long cutoff = Us(pending_since);
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      auto add = [&](long long rel, long long program, const char* kind, long long about,
                     const std::string& to, const std::string& other) {
        domain::RelationshipReminderDue d;
        d.relationship = domain::RelationshipId(rel);
        d.program = domain::ProgramId(program);
        d.kind = kind;
        d.about = about;
        d.recipient = to;
        d.other = other;
        out.push_back(std::move(d));
      };
      long long rel = 0, program = 0, mentor_ok = 0, mentee_ok = 0, meeting = 0;
      std::string mentor, mentee;
      {
        soci::statement st =
            (s.prepare << "SELECT r.id, r.program_id, r.mentor, r.mentee, "
                          "CASE WHEN a.mentor_accepted_at_us IS NULL THEN 0 ELSE 1 END, "
                          "CASE WHEN a.mentee_accepted_at_us IS NULL THEN 0 ELSE 1 END "
                          "FROM relationships r LEFT JOIN relationship_agreements a ON "
                          "a.relationship_id = r.id WHERE r.status = 'pending_agreement' AND "
                          "r.started_at_us <= :c ORDER BY r.id",
             soci::use(cutoff), soci::into(rel), soci::into(program), soci::into(mentor),
             soci::into(mentee), soci::into(mentor_ok), soci::into(mentee_ok));
        for (bool more = st.execute(true); more; more = st.fetch()) {
          if (!mentor_ok) add(rel, program, "agreement", 0, mentor, mentee);
          if (!mentee_ok) add(rel, program, "agreement", 0, mentee, mentor);
        }
      }
      {
        // The last held meeting of each active relationship (found once per relationship, not
        // once per meeting), and whether each side gave feedback since it was logged.
        soci::statement st =
            (s.prepare << "SELECT r.id, r.program_id, r.mentor, r.mentee, m.id, "
                          "(SELECT COUNT(*) FROM feedback f WHERE f.relationship_id = r.id AND "
                          "f.from_side = 'mentor' AND f.created_at_us >= m.logged_at_us), "
                          "(SELECT COUNT(*) FROM feedback f WHERE f.relationship_id = r.id AND "
                          "f.from_side = 'mentee' AND f.created_at_us >= m.logged_at_us) "
                          "FROM (SELECT relationship_id, MAX(logged_at_us) AS last FROM meetings "
                          "WHERE status = 'held' AND logged_at_us IS NOT NULL GROUP BY "
                          "relationship_id) l JOIN relationships r ON r.id = l.relationship_id "
                          "JOIN meetings m ON m.relationship_id = l.relationship_id AND m.status "
                          "= 'held' AND m.logged_at_us = l.last WHERE r.status = 'active' AND "
                          "EXISTS (SELECT 1 FROM feedback f WHERE f.relationship_id = r.id AND "
                          "f.created_at_us >= l.last) ORDER BY r.id",
             soci::into(rel), soci::into(program), soci::into(mentor), soci::into(mentee),
             soci::into(meeting), soci::into(mentor_ok), soci::into(mentee_ok));
        for (bool more = st.execute(true); more; more = st.fetch()) {
          if (mentor_ok && !mentee_ok) add(rel, program, "feedback", meeting, mentee, mentor);
          if (mentee_ok && !mentor_ok) add(rel, program, "feedback", meeting, mentor, mentee);
        }
      }
      // Leave out what was sent already: the reminders of these relationships, read at once.
      std::set<std::tuple<long long, std::string, long long, std::string>> sent;
      {
        std::vector<std::string> ids;
        for (const auto& d : out) ids.push_back(std::to_string(d.relationship.value));
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        long long r = 0, about = 0;
        std::string kind, to;
        ForEachInChunk(
            s, ids,
            "SELECT relationship_id, kind, about, recipient FROM relationship_reminders WHERE "
            "relationship_id IN {in}",
            [&](soci::statement& st) {
              st.exchange(soci::into(r));
              st.exchange(soci::into(kind));
              st.exchange(soci::into(about));
              st.exchange(soci::into(to));
            },
            [&] { sent.emplace(r, kind, about, to); });
      }
      std::vector<domain::RelationshipReminderDue> unsent;
      for (auto& d : out) {
        if (!sent.count({d.relationship.value, d.kind, d.about, d.recipient})) {
          unsent.push_back(std::move(d));
        }
      }
      out = std::move(unsent);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<bool> RecordRelationshipReminder(const domain::RelationshipReminderDue& d,
                                          const domain::MailMessage& mail, TimePoint now) override {
    bool inserted = false;
    const long long rel = d.relationship.value, about = d.about, at = Us(now);
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      soci::statement st =
          (s.prepare << "INSERT INTO relationship_reminders (relationship_id, kind, about, "
                        "recipient, sent_at_us) VALUES (:r, :k, :a, :to, :at) ON CONFLICT "
                        "(relationship_id, kind, about, recipient) DO NOTHING",
           soci::use(rel), soci::use(d.kind), soci::use(about), soci::use(d.recipient),
           soci::use(at));
      st.execute(true);
      inserted = st.get_affected_rows() == 1;
      if (inserted) QueuedMailInsert(s, now).Insert(mail);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return inserted;
  }

  Result<std::vector<domain::MeetingReminderDue>> DueMeetingReminders(TimePoint from,
                                                                      TimePoint to) override {
    std::vector<domain::MeetingReminderDue> out;
    const long long from_us = Us(from), to_us = Us(to);
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      long long id = 0, rel = 0, starts = 0;
      std::string mentor, mentee;
      soci::statement st =
          (s.prepare << "SELECT m.id, m.relationship_id, m.starts_at_us, m.mentor, m.mentee FROM "
                        "meetings m JOIN relationships r ON r.id = m.relationship_id WHERE "
                        "m.status = 'scheduled' AND r.status = 'active' AND m.starts_at_us >= :f "
                        "AND m.starts_at_us < :t AND NOT EXISTS (SELECT 1 FROM meeting_reminders "
                        "x WHERE x.meeting_id = m.id) ORDER BY m.starts_at_us, m.id",
           soci::use(from_us), soci::use(to_us), soci::into(id), soci::into(rel),
           soci::into(starts), soci::into(mentor), soci::into(mentee));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        domain::MeetingReminderDue d;
        d.meeting_id = id;
        d.relationship = domain::RelationshipId(rel);
        d.starts_at = FromUs(starts);
        d.mentor.employee_id = mentor;
        d.mentee.employee_id = mentee;
        out.push_back(std::move(d));
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<bool> RecordMeetingReminder(int64_t meeting_id,
                                     const std::vector<domain::MailMessage>& mails,
                                     TimePoint now) override {
    bool inserted = false;
    const long long id = meeting_id, at = Us(now);
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      soci::statement st = (s.prepare << "INSERT INTO meeting_reminders (meeting_id, sent_at_us) "
                                         "VALUES (:m, :at) ON CONFLICT (meeting_id) DO NOTHING",
                            soci::use(id), soci::use(at));
      st.execute(true);
      inserted = st.get_affected_rows() == 1;
      if (inserted) {
        QueuedMailInsert insert(s, now);
        for (const auto& mail : mails) insert.Insert(mail);
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return inserted;
  }

  Result<int> CompleteRelationships(const std::vector<Completion>& completions) override {
    int done = 0;
    std::map<long long, const Completion*> by_id;  // id order: the order rows are taken in
    for (const Completion& c : completions) by_id.emplace(c.relationship.value, &c);
    std::vector<long long> wanted;
    for (const auto& [id, c] : by_id) wanted.push_back(id);
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      done = 0;
      std::optional<QueuedWebhookInsert> webhooks;
      for (std::size_t from = 0; from < wanted.size(); from += kInChunk) {
        const std::vector<long long> active =
            LockInOrder(s,
                        {wanted.begin() + static_cast<std::ptrdiff_t>(from),
                         wanted.begin() +
                             static_cast<std::ptrdiff_t>(std::min(from + kInChunk, wanted.size()))},
                        "status = 'active'");
        if (active.empty()) continue;
        // One UPDATE, each row's agreed end in a CASE.
        std::string sql =
            "UPDATE relationships SET status = 'completed', end_reason = 'completed', "
            "ended_at_us = CASE id";
        std::vector<long long> ends;
        for (std::size_t i = 0; i < active.size(); ++i) {
          sql += " WHEN " + std::to_string(active[i]) + " THEN CAST(:t" + std::to_string(i) +
                 " AS BIGINT)";
          ends.push_back(Us(by_id.at(active[i])->at));
        }
        sql += " END WHERE id IN " + IdList(active);
        {
          soci::statement st(s);
          for (const long long& end : ends) st.exchange(soci::use(end));
          st.alloc();
          st.prepare(sql);
          st.define_and_bind();
          st.execute(true);
        }
        s << "DELETE FROM relationship_health WHERE relationship_id IN " + IdList(active);
        // Each completion's event in its transaction: once, whichever tick completes it.
        for (long long id : active) {
          const Completion& c = *by_id.at(id);
          if (!c.event) continue;
          if (!webhooks) webhooks.emplace(s, c.event->at);
          webhooks->Insert(*c.event);
        }
        done += static_cast<int>(active.size());
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return done;
  }

  Result<std::vector<LeaverRelationship>> LeaversRelationshipsInForce() override {
    std::vector<LeaverRelationship> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      long long id = 0, program = 0;
      int mentor_left = 0, mentee_left = 0;
      std::string mentor, mentee;
      soci::statement st =
          (s.prepare << "SELECT r.id, r.program_id, r.mentor, r.mentee, CASE WHEN pm.status = "
                        "'left' THEN 1 ELSE 0 END, CASE WHEN pe.status = 'left' THEN 1 ELSE 0 END "
                        "FROM relationships r JOIN people pm ON pm.employee_id = r.mentor JOIN "
                        "people pe ON pe.employee_id = r.mentee WHERE r.status IN "
                        "('pending_agreement', 'active') AND (pm.status = 'left' OR pe.status = "
                        "'left') ORDER BY r.id",
           soci::into(id), soci::into(program), soci::into(mentor), soci::into(mentee),
           soci::into(mentor_left), soci::into(mentee_left));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        out.push_back({domain::RelationshipId(id), domain::ProgramId(program), mentor, mentee,
                       mentor_left != 0, mentee_left != 0});
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<int> EndForLeavers(const std::vector<LeaverEnding>& endings, TimePoint at) override {
    int done = 0;
    std::map<long long, const LeaverEnding*> by_id;  // id order: the order rows are taken in
    for (const LeaverEnding& e : endings) by_id.emplace(e.relationship.value, &e);
    std::vector<long long> wanted;
    for (const auto& [id, e] : by_id) wanted.push_back(id);
    const long long when = Us(at);
    const std::string reason(domain::EndReasonName(domain::EndReason::kLeftOrganization));
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      done = 0;
      std::optional<QueuedWebhookInsert> webhooks;
      for (std::size_t from = 0; from < wanted.size(); from += kInChunk) {
        const std::vector<long long> in_force =
            LockInOrder(s,
                        {wanted.begin() + static_cast<std::ptrdiff_t>(from),
                         wanted.begin() +
                             static_cast<std::ptrdiff_t>(std::min(from + kInChunk, wanted.size()))},
                        "status IN ('pending_agreement', 'active')");
        if (in_force.empty()) continue;
        // One UPDATE, each row's ender in a CASE; the rest as End writes it.
        std::string sql =
            "UPDATE relationships SET status = 'ended_early', ended_at_us = :t, end_reason = :r, "
            "end_comment = '', activated_at_us = COALESCE(activated_at_us, started_at_us), "
            "ended_by = CASE id";
        for (std::size_t i = 0; i < in_force.size(); ++i) {
          sql += " WHEN " + std::to_string(in_force[i]) + " THEN :b" + std::to_string(i);
        }
        sql += " END WHERE id IN " + IdList(in_force);
        {
          soci::statement st(s);
          st.exchange(soci::use(when));
          st.exchange(soci::use(reason));
          for (long long id : in_force) st.exchange(soci::use(by_id.at(id)->ended_by));
          st.alloc();
          st.prepare(sql);
          st.define_and_bind();
          st.execute(true);
        }
        // What is said of each ending, in its transaction: once, whoever else ends it.
        std::vector<domain::MailMessage> mails;
        for (long long id : in_force) {
          const LeaverEnding& e = *by_id.at(id);
          mails.insert(mails.end(), e.mails.begin(), e.mails.end());
          if (e.event) {
            if (!webhooks) webhooks.emplace(s, at);
            webhooks->Insert(*e.event);
          }
        }
        QueueMails(s, at, mails);
        done += static_cast<int>(in_force.size());
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return done;
  }

  Result<std::vector<domain::MentorLoad>> MentorLoads(domain::ProgramId program,
                                                      TimePoint now) override {
    std::vector<domain::MentorLoad> out;
    const long long id = program.value;
    const long long since = Us(now - std::chrono::days(30)), until = Us(now);
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      std::string mentor, first, last;
      long long minutes = 0, capacity = 0;
      soci::statement st =
          // Every mentor of a relationship in force, with or without a meeting in the window,
          // and those whose ended relationships had one.
          (s.prepare << "SELECT r.mentor, COALESCE(pp.first_name, ''), COALESCE(pp.last_name, "
                        "''), COALESCE(SUM(m.log_minutes), 0), MAX(p.capacity_hours) FROM "
                        "relationships r JOIN programs p ON p.id = r.program_id LEFT JOIN "
                        "meetings m ON m.relationship_id = r.id AND m.status = 'held' AND "
                        "m.starts_at_us >= :f AND m.starts_at_us < :u LEFT JOIN people pp ON "
                        "pp.employee_id = r.mentor WHERE r.program_id = :p AND (r.status IN "
                        "('pending_agreement', 'active') OR m.id IS NOT NULL) GROUP BY r.mentor, "
                        "pp.first_name, pp.last_name ORDER BY r.mentor",
           soci::use(since), soci::use(until), soci::use(id), soci::into(mentor), soci::into(first),
           soci::into(last), soci::into(minutes), soci::into(capacity));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        out.push_back({mentor, first + " " + last, minutes / 60.0, static_cast<int>(capacity)});
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<domain::HealthBoardPage> Board(domain::ProgramId program,
                                        const domain::HealthBoardQuery& q) override {
    domain::HealthBoardPage page;
    const long long id = program.value, offset = q.offset, limit = q.limit;
    const std::string label = q.label ? std::string(domain::HealthLabelName(*q.label)) : "";
    const std::string component =
        q.component ? "%," + std::string(domain::HealthComponentName(*q.component)) + ",%" : "%";
    const std::string side =
        q.side ? "%," + std::string(domain::HealthSideName(*q.side)) + ",%" : "%";
    const std::string where =
        "WHERE h.program_id = :p AND (:l1 = '' OR h.label = :l2) AND h.flagged_components LIKE :c "
        "AND h.flagged_sides LIKE :s ";
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      page = {};
      {
        std::string l;
        int count = 0;
        soci::statement st = (s.prepare << "SELECT label, COUNT(*) FROM relationship_health h "
                                           "WHERE h.program_id = :p GROUP BY label",
                              soci::use(id), soci::into(l), soci::into(count));
        for (bool more = st.execute(true); more; more = st.fetch()) {
          (l == "on_track"  ? page.on_track
           : l == "at_risk" ? page.at_risk
                            : page.needs_attention) = count;
        }
      }
      if (q.component || q.side) {
        s << "SELECT COUNT(*) FROM relationship_health h " + where, soci::use(id, "p"),
            soci::use(label, "l1"), soci::use(label, "l2"), soci::use(component, "c"),
            soci::use(side, "s"), soci::into(page.total);
      } else {
        // Without a component or side, the total is among the counts just read.
        page.total = !q.label ? page.on_track + page.needs_attention + page.at_risk
                     : *q.label == domain::HealthLabel::kOnTrack ? page.on_track
                     : *q.label == domain::HealthLabel::kAtRisk  ? page.at_risk
                                                                 : page.needs_attention;
      }
      HealthRow row;
      std::string mentor, mentee, mentor_name, mentee_name;
      soci::statement st(s);
      row.Bind(st);
      st.exchange(soci::into(mentor));
      st.exchange(soci::into(mentee));
      st.exchange(soci::into(mentor_name));
      st.exchange(soci::into(mentee_name));
      st.exchange(soci::use(id, "p"));
      st.exchange(soci::use(label, "l1"));
      st.exchange(soci::use(label, "l2"));
      st.exchange(soci::use(component, "c"));
      st.exchange(soci::use(side, "s"));
      st.exchange(soci::use(limit, "lim"));
      st.exchange(soci::use(offset, "off"));
      PrepareOnce(
          st,
          "SELECT h.relationship_id, h.program_id, h.score, h.label, h.grace, h.components, "
          "h.reasons, h.flagged_since_us, h.computed_at_us, r.mentor, r.mentee, "
          "COALESCE(pm.first_name || ' ' || pm.last_name, r.mentor), "
          "COALESCE(pe.first_name || ' ' || pe.last_name, r.mentee) FROM relationship_health h "
          "JOIN relationships r ON r.id = h.relationship_id LEFT JOIN people pm ON "
          "pm.employee_id = r.mentor LEFT JOIN people pe ON pe.employee_id = r.mentee " +
              where + "ORDER BY h.score, h.relationship_id LIMIT :lim OFFSET :off");
      for (bool more = st.execute(true); more; more = st.fetch()) {
        page.items.push_back({row.Value(), mentor, mentee, mentor_name, mentee_name});
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return page;
  }

  Status SaveLabelDays(const std::vector<domain::HealthLabelDay>& days) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      long long program = 0;
      std::string day;
      int on_track = 0, needs_attention = 0, at_risk = 0;
      soci::statement st =
          (s.prepare << "INSERT INTO health_label_days (program_id, day, on_track, "
                        "needs_attention, at_risk) VALUES (:p, :d, :o, :n, :a) ON CONFLICT "
                        "(program_id, day) DO UPDATE SET on_track = excluded.on_track, "
                        "needs_attention = excluded.needs_attention, at_risk = excluded.at_risk",
           soci::use(program), soci::use(day), soci::use(on_track), soci::use(needs_attention),
           soci::use(at_risk));
      for (const auto& d : days) {
        program = d.program.value;
        day = d.day;
        on_track = d.on_track;
        needs_attention = d.needs_attention;
        at_risk = d.at_risk;
        st.execute(true);
      }
      return Status::Ok();
    });
  }

  Result<std::vector<domain::HealthLabelDay>> LabelHistory(domain::ProgramId program,
                                                           const std::string& from_day) override {
    std::vector<domain::HealthLabelDay> out;
    const long long id = program.value;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      domain::HealthLabelDay d;
      d.program = program;
      soci::statement st =
          (s.prepare << "SELECT day, on_track, needs_attention, at_risk FROM health_label_days "
                        "WHERE program_id = :p AND day >= :d ORDER BY day",
           soci::use(id), soci::use(from_day), soci::into(d.day), soci::into(d.on_track),
           soci::into(d.needs_attention), soci::into(d.at_risk));
      for (bool more = st.execute(true); more; more = st.fetch()) out.push_back(d);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

 private:
  // Why RecordNudgeBatch gave up a batch it may run again slot by slot.
  static constexpr std::string_view kSlotTaken = "nudge_slot_taken";

  // One transaction of RecordNudges: the nudges at `batch` (positions in `nudges`, in the
  // writers' order), each outcome into `out`, in a few statements rather than a few per nudge
  // (on PostgreSQL each is a round trip). Rows are taken in one order by every writer: first
  // the nudges' keys in the batch's order, then the recipients' slots by (recipient, slot), so
  // two writers at once on PostgreSQL wait for each other but never deadlock. The slots the
  // rows read say are free are claimed in one statement; when one of them was taken meanwhile
  // the batch fails with reason kSlotTaken (the caller rolls back and runs it again), unless
  // `claim_each`: then one by one, a slot found taken passing to the next.
  static Status RecordNudgeBatch(soci::session& s, const std::vector<NudgeToRecord>& nudges,
                                 const std::vector<std::size_t>& batch, bool claim_each,
                                 std::vector<domain::NudgeRecorded>& out) {
    // The keys, in one INSERT: a nudge already sent (a re-run, another tick at once) conflicts
    // and is left out of what it returns.
    using Key = std::tuple<long long, long long, std::string, std::string>;
    std::map<Key, long long> inserted;
    {
      std::vector<long long> ints;  // relationship, step, time per nudge; kept for use()
      ints.reserve(batch.size() * 3);
      long long id = 0, rel = 0, step = 0;
      std::string period, recipient;
      soci::statement st(s);
      st.exchange(soci::into(id));
      st.exchange(soci::into(rel));
      st.exchange(soci::into(step));
      st.exchange(soci::into(period));
      st.exchange(soci::into(recipient));
      std::string sql =
          "INSERT INTO nudges (relationship_id, step, period, recipient, recipient_role, subject, "
          "body, sent_by, created_at_us) VALUES ";
      for (std::size_t k = 0; k < batch.size(); ++k) {
        const NudgeRecord& n = nudges[batch[k]].nudge;
        ints.push_back(n.relationship.value);
        ints.push_back(n.step);
        ints.push_back(Us(n.created_at));
        const long long* v = &ints[ints.size() - 3];
        st.exchange(soci::use(v[0]));
        st.exchange(soci::use(v[1]));
        st.exchange(soci::use(n.period));
        st.exchange(soci::use(n.recipient));
        st.exchange(soci::use(n.recipient_role));
        st.exchange(soci::use(n.subject));
        st.exchange(soci::use(n.body));
        st.exchange(soci::use(n.sent_by));
        st.exchange(soci::use(v[2]));
        const std::string p = ":v" + std::to_string(k) + "_";
        sql += (k ? ", (" : "(") + p + "r, " + p + "s, " + p + "p, " + p + "to, " + p + "role, " +
               p + "su, " + p + "b, " + p + "by, " + p + "at)";
      }
      sql +=
          " ON CONFLICT (relationship_id, step, period, recipient) DO NOTHING RETURNING id, "
          "relationship_id, step, period, recipient";
      PrepareOnce(st, sql);
      for (bool more = st.execute(true); more; more = st.fetch()) {
        inserted.emplace(Key{rel, step, period, recipient}, id);
      }
    }
    std::vector<std::size_t> fresh;  // positions whose nudge this batch inserted, in order
    std::vector<long long> fresh_ids;
    for (std::size_t i : batch) {
      const NudgeRecord& n = nudges[i].nudge;
      auto it = inserted.find(Key{n.relationship.value, n.step, n.period, n.recipient});
      if (it == inserted.end()) {
        out[i] = domain::NudgeRecorded::kAlreadySent;
        continue;
      }
      out[i] = domain::NudgeRecorded::kSent;
      fresh.push_back(i);
      fresh_ids.push_back(it->second);
      inserted.erase(it);  // the same key twice in a batch: the second was sent by the first
    }
    // The recipients' slots as they stand, read once (after the keys, so a writer waited for
    // there is seen); a slot seen free may still be taken by another transaction meanwhile,
    // which the conditional claim finds.
    std::vector<std::string> recipients;
    for (std::size_t i : fresh) {
      const std::string& r = nudges[i].nudge.recipient;
      if (recipients.empty() || recipients.back() != r) recipients.push_back(r);
    }
    std::unordered_map<std::string, std::unordered_map<long long, long long>> used;
    {
      std::string recipient;
      long long slot = 0, used_at = 0;
      ForEachInChunk(
          s, recipients,
          "SELECT recipient, slot, used_at_us FROM nudge_slots WHERE recipient IN {in}",
          [&](soci::statement& st) {
            st.exchange(soci::into(recipient));
            st.exchange(soci::into(slot));
            st.exchange(soci::into(used_at));
          },
          [&] { used[recipient][slot] = used_at; });
    }
    // A slot is free when it has no row or its last use was more than 7 days before the nudge.
    // On PostgreSQL a slot another transaction is claiming is waited for and then re-checked,
    // so of two writers at once only one takes it; SQLite has one writer at a time.
    constexpr long long kWeekUs = 7LL * 24 * 3600 * 1'000'000;
    std::string recipient;
    long long slot = 0, at = 0, free_before = 0;
    std::optional<soci::statement> claim;
    if (claim_each) {
      claim.emplace(
          (s.prepare << "INSERT INTO nudge_slots (recipient, slot, used_at_us) VALUES (:to, :k, "
                        ":at) ON CONFLICT (recipient, slot) DO UPDATE SET used_at_us = "
                        "excluded.used_at_us WHERE nudge_slots.used_at_us < :free",
           soci::use(recipient), soci::use(slot), soci::use(at), soci::use(free_before)));
    }
    struct Claim {
      const std::string* recipient;
      long long slot, at;
    };
    std::vector<Claim> claims;  // by (recipient, slot): the order of `fresh`, slots rising
    std::vector<long long> unsend;
    for (std::size_t k = 0; k < fresh.size(); ++k) {
      const NudgeToRecord& t = nudges[fresh[k]];
      at = Us(t.nudge.created_at);
      free_before = at - kWeekUs;
      auto& mine = used[t.nudge.recipient];
      bool claimed = false;
      for (long long candidate = 1; candidate <= t.weekly_limit && !claimed; ++candidate) {
        auto seen = mine.find(candidate);
        if (seen != mine.end() && seen->second >= free_before) continue;
        if (claim) {
          recipient = t.nudge.recipient;
          slot = candidate;
          claim->execute(true);
          claimed = claim->get_affected_rows() == 1;
        } else {
          claims.push_back({&t.nudge.recipient, candidate, at});
          claimed = true;
        }
        // Taken now, by this nudge or (seen free, found used) by another transaction.
        mine[candidate] = claimed ? at : free_before;
      }
      if (!claimed && !t.may_exceed) {
        out[fresh[k]] = domain::NudgeRecorded::kWeeklyLimit;
        unsend.push_back(fresh_ids[k]);
      }
    }
    if (!claims.empty()) {
      soci::statement st(s);
      std::string got;
      st.exchange(soci::into(got));
      std::string sql = "INSERT INTO nudge_slots (recipient, slot, used_at_us) VALUES ";
      for (std::size_t k = 0; k < claims.size(); ++k) {
        st.exchange(soci::use(*claims[k].recipient));
        st.exchange(soci::use(claims[k].slot));
        st.exchange(soci::use(claims[k].at));
        const std::string p = ":c" + std::to_string(k) + "_";
        sql += (k ? ", (" : "(") + p + "to, " + p + "k, " + p + "at)";
      }
      sql +=
          " ON CONFLICT (recipient, slot) DO UPDATE SET used_at_us = excluded.used_at_us WHERE "
          "nudge_slots.used_at_us < excluded.used_at_us - " +
          std::to_string(kWeekUs) + " RETURNING recipient";
      PrepareOnce(st, sql);
      std::size_t taken = 0;
      for (bool more = st.execute(true); more; more = st.fetch()) ++taken;
      if (taken != claims.size()) {
        return Status::Conflict("a nudge slot was taken meanwhile")
            .WithReason(std::string(kSlotTaken));
      }
    }
    if (!unsend.empty()) s << "DELETE FROM nudges WHERE id IN " + IdList(unsend);
    // The mails of the nudges sent, in order, each run of one time in one write.
    std::vector<domain::MailMessage> mails;
    TimePoint mail_at{};
    for (std::size_t i : fresh) {
      if (out[i] != domain::NudgeRecorded::kSent) continue;
      const TimePoint when = nudges[i].nudge.created_at;
      if (!mails.empty() && when != mail_at) {
        QueueMails(s, mail_at, mails);
        mails.clear();
      }
      mail_at = when;
      mails.push_back(nudges[i].mail);
    }
    QueueMails(s, mail_at, mails);
    return Status::Ok();
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<domain::HealthRepository> MakeHealthRepository(Database& db) {
  return std::make_unique<SqlHealthRepository>(db);
}

}  // namespace pairwise::storage
