// ProposalRepository over SOCI: match settings, pair constraints, proposals (the matching jobs,
// claimed with a lease), their pairs and unmatched mentees, and publishing (migration 0010), the
// same statements for SQLite and PostgreSQL except the claim's row locking. Settings, summaries
// and lists are JSON text, written and read here only.
#include <soci/soci.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/bulk_copy.h"
#include "storage/database.h"
#include "storage/fetch_all.h"
#include "storage/leased_queue.h"
#include "storage/mail_outbox_rows.h"
#include "storage/relationship_rows.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::ConstraintKind;
using domain::MatchSettings;
using domain::PairConstraint;
using domain::PersonSnapshot;
using domain::ProgramId;
using domain::Proposal;
using domain::ProposalId;
using domain::ProposalKind;
using domain::ProposalPair;
using domain::ProposalStatus;
using domain::ProposalSummary;
using domain::ProposalUnmatched;
using domain::Relationship;
using nlohmann::json;

constexpr int kLockSpace = 0x70777365;  // "pwse", as in database.cpp
constexpr int kPublishLock = 7;         // publishers take turns on PostgreSQL

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

Status Conflict(std::string message, std::string reason) {
  return Status::Error(ErrorCode::kConflict, std::move(message)).WithReason(std::move(reason));
}

Status NoProposal(ProposalId id) {
  return Status::NotFound("no proposal " + std::to_string(id.value));
}

// Stored text that does not parse is a broken database: thrown, and Internal for the caller.
[[noreturn]] void Corrupt(const std::string& what) {
  throw soci::soci_error("unreadable stored " + what);
}

// --- JSON of the settings, the summary and lists -------------------------------------------

// Settings are stored as the JSON object the API shows, field by field from
// domain::MatchSettingFields(); every field is written, and a stored row missing one is corrupt.
std::string SettingsJson(const MatchSettings& s) {
  json out = json::object();
  for (const domain::SettingField& f : domain::MatchSettingFields()) {
    json& v = out[std::string(f.name)];
    switch (f.kind) {
      case domain::SettingKind::kSwitch:
        v = s.*f.flag;
        break;
      case domain::SettingKind::kOptionalInt:
        v = (s.*f.optional_number) ? json(*(s.*f.optional_number)) : json(nullptr);
        break;
      case domain::SettingKind::kInt:
        v = s.*f.number;
        break;
      case domain::SettingKind::kWord:
        v = f.word(s);
        break;
      case domain::SettingKind::kQuestion:
        v = s.*f.question;
        break;
      case domain::SettingKind::kWeights:
        v = json::object();
        for (matching::Criterion c : matching::kAllCriteria) {
          v[std::string(matching::CriterionName(c))] = s.weights[static_cast<int>(c)];
        }
        break;
    }
  }
  return out.dump();
}

MatchSettings ParseSettings(const std::string& text) {
  try {
    const json in = json::parse(text);
    MatchSettings s;
    for (const domain::SettingField& f : domain::MatchSettingFields()) {
      const json& v = in.at(std::string(f.name));
      switch (f.kind) {
        case domain::SettingKind::kSwitch:
          s.*f.flag = v.get<bool>();
          break;
        case domain::SettingKind::kOptionalInt:
          s.*f.optional_number = v.is_null() ? std::nullopt : std::optional<int>(v.get<int>());
          break;
        case domain::SettingKind::kInt:
          s.*f.number = v.get<int>();
          break;
        case domain::SettingKind::kWord:
          if (!f.set_word(s, v.get<std::string>())) Corrupt("match settings: " + text);
          break;
        case domain::SettingKind::kQuestion:
          s.*f.question = v.get<std::string>();
          break;
        case domain::SettingKind::kWeights:
          for (const auto& [name, weight] : v.items()) {
            auto c = matching::ParseCriterion(name);
            if (!c) Corrupt("match settings: criterion \"" + name + "\"");
            s.weights[static_cast<int>(*c)] = weight.get<int>();
          }
          break;
      }
    }
    return s;
  } catch (const json::exception& e) {
    Corrupt("match settings: " + std::string(e.what()));
  }
}

std::string SummaryJson(const ProposalSummary& s) {
  json out = {
      {"mentees", s.mentees},
      {"mentors", s.mentors},
      {"matched", s.matched},
      {"total_score", s.total_score},
      {"mean_score", s.mean_score},
      {"lowest_score", s.lowest_score},
      {"optimal", s.optimal},
      {"greedy_total", s.greedy_total ? json(*s.greedy_total) : json(nullptr)},
      {"greedy_matched", s.greedy_matched},
      {"ranked_honoured", s.ranked_honoured},
      {"first_choice", s.first_choice},
      {"mentees_with_ranking", s.mentees_with_ranking},
      {"mentor_load", s.mentor_load},
      {"score_histogram", s.score_histogram},
      {"score_bucket", s.score_bucket},
      {"engine_ms", s.engine_ms},
      {"total_ms", s.total_ms},
  };
  return out.dump();
}

ProposalSummary ParseSummary(const std::string& text) {
  try {
    const json in = json::parse(text);
    ProposalSummary s;
    s.mentees = in.at("mentees").get<int>();
    s.mentors = in.at("mentors").get<int>();
    s.matched = in.at("matched").get<int>();
    s.total_score = in.at("total_score").get<int64_t>();
    s.mean_score = in.at("mean_score").get<double>();
    s.lowest_score = in.at("lowest_score").get<int64_t>();
    s.optimal = in.at("optimal").get<bool>();
    if (!in.at("greedy_total").is_null()) s.greedy_total = in.at("greedy_total").get<int64_t>();
    s.greedy_matched = in.at("greedy_matched").get<int>();
    s.ranked_honoured = in.at("ranked_honoured").get<int>();
    s.first_choice = in.at("first_choice").get<int>();
    s.mentees_with_ranking = in.at("mentees_with_ranking").get<int>();
    s.mentor_load = in.at("mentor_load").get<std::vector<int>>();
    s.score_histogram = in.at("score_histogram").get<std::vector<int>>();
    s.score_bucket = in.at("score_bucket").get<int64_t>();
    s.engine_ms = in.at("engine_ms").get<double>();
    s.total_ms = in.at("total_ms").get<double>();
    return s;
  } catch (const json::exception& e) {
    Corrupt("proposal summary: " + std::string(e.what()));
  }
}

std::string StringsJson(const std::vector<std::string>& list) {
  if (list.empty()) return "[]";
  return json(list).dump();
}

std::vector<std::string> ParseStrings(const std::string& text) {
  if (text == "[]") return {};
  try {
    return json::parse(text).get<std::vector<std::string>>();
  } catch (const json::exception& e) {
    Corrupt("list: " + std::string(e.what()));
  }
}

std::string PointsJson(const std::array<int, matching::kCriterionCount>& points) {
  std::string out = "[";
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(points[i]);
  }
  out += ']';
  return out;
}

std::array<int, matching::kCriterionCount> ParsePoints(const std::string& text) {
  try {
    const json in = json::parse(text);
    if (!in.is_array() || in.size() != matching::kCriterionCount) Corrupt("points: " + text);
    std::array<int, matching::kCriterionCount> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = in[i].get<int>();
    return out;
  } catch (const json::exception& e) {
    Corrupt("points: " + std::string(e.what()));
  }
}

// --- proposals ---------------------------------------------------------------------------

constexpr const char* kProposalColumns =
    "SELECT id, program_id, kind, status, settings, freed, created_by, created_at_us, "
    "finished_at_us, progress, phase, cancel_requested, error, summary, published_by, "
    "published_at_us, edits, what_if FROM proposals ";

struct ProposalColumns {
  std::vector<long long> id, program, created, finished, published_at;
  std::vector<soci::indicator> finished_ind, published_ind;
  std::vector<std::string> kind, status, settings, freed, created_by, phase, error, summary,
      published_by;
  std::vector<int> progress, cancel, edits, what_if;
  void Resize(std::size_t n) {
    for (auto* v : {&id, &program, &created, &finished, &published_at}) v->resize(n);
    finished_ind.resize(n), published_ind.resize(n);
    for (auto* v : {&kind, &status, &settings, &freed, &created_by, &phase, &error, &summary,
                    &published_by}) {
      v->resize(n);
    }
    progress.resize(n), cancel.resize(n), edits.resize(n), what_if.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(program));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(status));
    st.exchange(soci::into(settings));
    st.exchange(soci::into(freed));
    st.exchange(soci::into(created_by));
    st.exchange(soci::into(created));
    st.exchange(soci::into(finished, finished_ind));
    st.exchange(soci::into(progress));
    st.exchange(soci::into(phase));
    st.exchange(soci::into(cancel));
    st.exchange(soci::into(error));
    st.exchange(soci::into(summary));
    st.exchange(soci::into(published_by));
    st.exchange(soci::into(published_at, published_ind));
    st.exchange(soci::into(edits));
    st.exchange(soci::into(what_if));
  }
  Proposal At(std::size_t i) const {
    Proposal p;
    p.id = ProposalId(id[i]);
    p.program = ProgramId(program[i]);
    auto k = domain::ParseProposalKind(kind[i]);
    auto s = domain::ParseProposalStatus(status[i]);
    if (!k || !s) Corrupt("proposal kind or status \"" + kind[i] + "\", \"" + status[i] + "\"");
    p.kind = *k;
    p.status = *s;
    p.settings = ParseSettings(settings[i]);
    p.freed = ParseStrings(freed[i]);
    p.created_by = created_by[i];
    p.created_at = FromUs(created[i]);
    if (finished_ind[i] == soci::i_ok) p.finished_at = FromUs(finished[i]);
    p.progress = progress[i];
    p.phase = phase[i];
    p.cancel_requested = cancel[i] != 0;
    p.error = error[i];
    p.summary = ParseSummary(summary[i]);
    p.published_by = published_by[i];
    if (published_ind[i] == soci::i_ok) p.published_at = FromUs(published_at[i]);
    p.edits = edits[i];
    p.what_if = what_if[i] != 0;
    return p;
  }
};

std::vector<Proposal> SelectProposals(soci::session& s, const std::string& where,
                                      const std::function<void(soci::statement&)>& bind) {
  std::vector<Proposal> out;
  ProposalColumns columns;
  FetchAll(s, std::string(kProposalColumns) + where, bind, columns, [&](const ProposalColumns& c) {
    for (std::size_t i = 0; i < c.id.size(); ++i) out.push_back(c.At(i));
  });
  return out;
}

std::optional<Proposal> ProposalById(soci::session& s, long long id) {
  auto found = SelectProposals(s, "WHERE id = :id",
                               [&](soci::statement& st) { st.exchange(soci::use(id)); });
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

bool ProposalExists(soci::session& s, long long id) {
  long long count = 0;
  s << "SELECT COUNT(*) FROM proposals WHERE id = :id", soci::use(id), soci::into(count);
  return count != 0;
}

// --- pairs and unmatched -----------------------------------------------------------------

// The snapshot columns of one side, as vectors (for bulk writes and batched reads).
struct SnapshotColumns {
  std::vector<std::string> name, department, site;
  std::vector<int> level;
  void Resize(std::size_t n) {
    name.resize(n), department.resize(n), site.resize(n), level.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(name));
    st.exchange(soci::into(department));
    st.exchange(soci::into(site));
    st.exchange(soci::into(level));
  }
  void Push(const PersonSnapshot& p) {
    name.push_back(p.name);
    department.push_back(p.department);
    site.push_back(p.site);
    level.push_back(p.level);
  }
  PersonSnapshot At(std::size_t i) const { return {name[i], department[i], site[i], level[i]}; }
};

struct PairColumns {
  std::vector<std::string> mentee, mentor, points, explanation, broken;
  std::vector<long long> score;
  std::vector<int> pinned, manual;
  SnapshotColumns mentee_info, mentor_info;
  void Resize(std::size_t n) {
    for (auto* v : {&mentee, &mentor, &points, &explanation, &broken}) v->resize(n);
    score.resize(n), pinned.resize(n), manual.resize(n);
    mentee_info.Resize(n), mentor_info.Resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(mentee));
    st.exchange(soci::into(mentor));
    st.exchange(soci::into(score));
    st.exchange(soci::into(points));
    st.exchange(soci::into(explanation));
    st.exchange(soci::into(pinned));
    st.exchange(soci::into(manual));
    st.exchange(soci::into(broken));
    mentee_info.Bind(st);
    mentor_info.Bind(st);
  }
};

constexpr const char* kPairColumns =
    "mentee, mentor, score, points, explanation, pinned, manual, broken_rules, mentee_name, "
    "mentee_department, mentee_site, mentee_level, mentor_name, mentor_department, mentor_site, "
    "mentor_level";

void InsertPairs(soci::session& s, long long proposal, const std::vector<ProposalPair>& pairs) {
  if (pairs.empty()) return;
  if (IsPostgresql(s)) {  // one COPY, not a statement per pair
    CopyRows rows(17);
    for (const ProposalPair& p : pairs) {
      rows.Int(proposal).Text(p.mentee).Text(p.mentor).Int(p.score).Text(PointsJson(p.points));
      rows.Text(p.explanation).Int(p.pinned ? 1 : 0).Int(p.manual ? 1 : 0);
      rows.Text(StringsJson(p.broken_rules));
      for (const PersonSnapshot* info : {&p.mentee_info, &p.mentor_info}) {
        rows.Text(info->name).Text(info->department).Text(info->site).Int(info->level);
      }
    }
    CopyInto(s, "proposal_pairs", "proposal_id, " + std::string(kPairColumns), rows);
    return;
  }
  PairColumns c;
  const std::size_t n = pairs.size();
  for (auto* v : {&c.mentee, &c.mentor, &c.points, &c.explanation, &c.broken}) v->reserve(n);
  for (const ProposalPair& p : pairs) {
    c.mentee.push_back(p.mentee);
    c.mentor.push_back(p.mentor);
    c.score.push_back(p.score);
    c.points.push_back(PointsJson(p.points));
    c.explanation.push_back(p.explanation);
    c.pinned.push_back(p.pinned ? 1 : 0);
    c.manual.push_back(p.manual ? 1 : 0);
    c.broken.push_back(StringsJson(p.broken_rules));
    c.mentee_info.Push(p.mentee_info);
    c.mentor_info.Push(p.mentor_info);
  }
  std::vector<long long> id(n, proposal);
  s << "INSERT INTO proposal_pairs (proposal_id, " + std::string(kPairColumns) +
           ") VALUES (:p, :e, :m, :s, :pt, :x, :pn, :mn, :b, :en, :ed, :es, :el, :mn2, :md, :ms, "
           ":ml)",
      soci::use(id), soci::use(c.mentee), soci::use(c.mentor), soci::use(c.score),
      soci::use(c.points), soci::use(c.explanation), soci::use(c.pinned), soci::use(c.manual),
      soci::use(c.broken), soci::use(c.mentee_info.name), soci::use(c.mentee_info.department),
      soci::use(c.mentee_info.site), soci::use(c.mentee_info.level), soci::use(c.mentor_info.name),
      soci::use(c.mentor_info.department), soci::use(c.mentor_info.site),
      soci::use(c.mentor_info.level);
}

void InsertUnmatched(soci::session& s, long long proposal,
                     const std::vector<ProposalUnmatched>& unmatched) {
  if (unmatched.empty()) return;
  if (IsPostgresql(s)) {
    CopyRows rows(8);
    for (const ProposalUnmatched& u : unmatched) {
      rows.Int(proposal).Text(u.mentee).Text(u.mentee_info.name).Text(u.mentee_info.department);
      rows.Text(u.mentee_info.site).Int(u.mentee_info.level).Text(u.reason).Text(u.explanation);
    }
    CopyInto(s, "proposal_unmatched",
             "proposal_id, mentee, mentee_name, mentee_department, mentee_site, mentee_level, "
             "reason, explanation",
             rows);
    return;
  }
  std::vector<std::string> mentee, reason, explanation;
  SnapshotColumns info;
  for (const ProposalUnmatched& u : unmatched) {
    mentee.push_back(u.mentee);
    reason.push_back(u.reason);
    explanation.push_back(u.explanation);
    info.Push(u.mentee_info);
  }
  std::vector<long long> id(unmatched.size(), proposal);
  s << "INSERT INTO proposal_unmatched (proposal_id, mentee, mentee_name, mentee_department, "
       "mentee_site, mentee_level, reason, explanation) VALUES (:p, :e, :n, :d, :s, :l, :r, :x)",
      soci::use(id), soci::use(mentee), soci::use(info.name), soci::use(info.department),
      soci::use(info.site), soci::use(info.level), soci::use(reason), soci::use(explanation);
}

// Deletes the rows of `table` of the proposal whose mentee is in `mentees`.
void DeleteMentees(soci::session& s, const std::string& table, long long proposal,
                   const std::vector<std::string>& mentees) {
  if (mentees.empty()) return;
  std::vector<long long> id(mentees.size(), proposal);
  s << "DELETE FROM " + table + " WHERE proposal_id = :p AND mentee = :e", soci::use(id),
      soci::use(mentees);
}

// --- constraints -------------------------------------------------------------------------

struct ConstraintColumns {
  std::vector<long long> program, created;
  std::vector<std::string> mentee, mentor, kind, created_by;
  void Resize(std::size_t n) {
    program.resize(n), created.resize(n), mentee.resize(n), mentor.resize(n), kind.resize(n);
    created_by.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(program));
    st.exchange(soci::into(mentee));
    st.exchange(soci::into(mentor));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(created_by));
    st.exchange(soci::into(created));
  }
};

class SqlProposalRepository final : public domain::ProposalRepository {
 public:
  explicit SqlProposalRepository(Database& db) : db_(db) {}

  Result<std::optional<MatchSettings>> FindSettings(ProgramId program) override {
    std::optional<MatchSettings> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      const long long key = program.value;
      std::string text;
      s << "SELECT settings FROM match_settings WHERE program_id = :p", soci::use(key),
          soci::into(text);
      out.reset();
      if (s.got_data()) out = ParseSettings(text);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<MatchSettings> UpdateSettings(ProgramId program, const MatchSettings& defaults,
                                       const std::function<Status(MatchSettings&)>& change,
                                       std::string_view saved_by, TimePoint now) override {
    MatchSettings settings;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long key = program.value, at = Us(now);
      std::string stored;
      s << "SELECT settings FROM match_settings WHERE program_id = :p", soci::use(key),
          soci::into(stored);
      settings = s.got_data() ? ParseSettings(stored) : defaults;
      PAIRWISE_RETURN_IF_ERROR(change(settings));
      const std::string text = SettingsJson(settings), by(saved_by);
      s << "DELETE FROM match_settings WHERE program_id = :p", soci::use(key);
      s << "INSERT INTO match_settings (program_id, settings, saved_by, saved_at_us) VALUES (:p, "
           ":s, :b, :t)",
          soci::use(key), soci::use(text), soci::use(by), soci::use(at);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return settings;
  }

  Result<std::vector<PairConstraint>> ListConstraints(ProgramId program) override {
    std::vector<PairConstraint> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      const long long key = program.value;
      ConstraintColumns columns;
      FetchAll(
          s,
          "SELECT program_id, mentee, mentor, kind, created_by, created_at_us FROM "
          "match_constraints WHERE program_id = :p ORDER BY mentee, mentor",
          [&](soci::statement& st) { st.exchange(soci::use(key)); }, columns,
          [&](const ConstraintColumns& c) {
            for (std::size_t i = 0; i < c.program.size(); ++i) {
              auto kind = domain::ParseConstraintKind(c.kind[i]);
              if (!kind) Corrupt("constraint kind \"" + c.kind[i] + "\"");
              out.push_back({ProgramId(c.program[i]), c.mentee[i], c.mentor[i], *kind,
                             c.created_by[i], FromUs(c.created[i])});
            }
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<PairConstraint> PutConstraint(const PairConstraint& constraint) override {
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long key = constraint.program.value, at = Us(constraint.created_at);
      const std::string kind(domain::ConstraintKindName(constraint.kind));
      if (constraint.kind == ConstraintKind::kPin) {
        s << "DELETE FROM match_constraints WHERE program_id = :p AND mentee = :e AND kind = "
             "'pin'",
            soci::use(key), soci::use(constraint.mentee);
      }
      s << "DELETE FROM match_constraints WHERE program_id = :p AND mentee = :e AND mentor = :m",
          soci::use(key), soci::use(constraint.mentee), soci::use(constraint.mentor);
      s << "INSERT INTO match_constraints (program_id, mentee, mentor, kind, created_by, "
           "created_at_us) VALUES (:p, :e, :m, :k, :b, :t)",
          soci::use(key), soci::use(constraint.mentee), soci::use(constraint.mentor),
          soci::use(kind), soci::use(constraint.created_by), soci::use(at);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return constraint;
  }

  Status DeleteConstraint(ProgramId program, std::string_view mentee,
                          std::string_view mentor) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long key = program.value;
      const std::string e(mentee), m(mentor);
      soci::statement st = OnceStatement(s,
                                         "DELETE FROM match_constraints WHERE program_id = :p "
                                         "AND mentee = :e AND mentor = :m",
                                         soci::use(key), soci::use(e), soci::use(m));
      st.execute(true);
      if (st.get_affected_rows() == 0) {
        return Status::NotFound("no pin or forbid for " + e + " and " + m);
      }
      return Status::Ok();
    });
  }

  Result<Proposal> CreateProposal(const Proposal& proposal) override {
    std::optional<Proposal> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long program = proposal.program.value, created = Us(proposal.created_at);
      const std::string kind(domain::ProposalKindName(proposal.kind));
      const std::string queued(domain::ProposalStatusName(ProposalStatus::kQueued));
      const std::string settings = SettingsJson(proposal.settings);
      const std::string freed = StringsJson(proposal.freed);
      const std::string summary = SummaryJson(ProposalSummary{});
      const int what_if = proposal.what_if ? 1 : 0;
      long long id = 0;
      try {
        s << "INSERT INTO proposals (program_id, kind, status, settings, freed, created_by, "
             "created_at_us, progress, phase, cancel_requested, error, summary, published_by, "
             "edits, what_if) VALUES (:p, :k, :s, :st, :f, :b, :t, 0, '', 0, '', :sm, '', 0, :w) "
             "RETURNING id",
            soci::use(program), soci::use(kind), soci::use(queued), soci::use(settings),
            soci::use(freed), soci::use(proposal.created_by), soci::use(created),
            soci::use(summary), soci::use(what_if), soci::into(id);
      } catch (const soci::soci_error& error) {
        // proposals_one_live_run_idx (migration 16): another run of the program is queued or
        // running, perhaps queued by another server a moment ago. The transaction rolls back.
        if (!IsUniqueViolation(error)) throw;
        return Status::Conflict("the program already has a run queued or running")
            .WithReason("run_in_progress");
      }
      out = ProposalById(s, id);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

  Result<Proposal> FindProposal(ProposalId id) override {
    std::optional<Proposal> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = ProposalById(s, id.value);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    if (!out) return NoProposal(id);
    return std::move(*out);
  }

  Result<std::vector<Proposal>> ListProposals(ProgramId program) override {
    std::vector<Proposal> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      const long long key = program.value;
      out = SelectProposals(s, "WHERE program_id = :p ORDER BY created_at_us DESC, id DESC",
                            [&](soci::statement& st) { st.exchange(soci::use(key)); });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<ProposalPair>> ListPairs(ProposalId id) override {
    std::vector<ProposalPair> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      long long key = id.value;
      if (!ProposalExists(s, key)) return NoProposal(id);
      PairColumns columns;
      FetchAll(
          s,
          "SELECT " + std::string(kPairColumns) +
              " FROM proposal_pairs WHERE proposal_id = :p ORDER BY mentee",
          [&](soci::statement& st) { st.exchange(soci::use(key)); }, columns,
          [&](const PairColumns& c) {
            for (std::size_t i = 0; i < c.mentee.size(); ++i) {
              ProposalPair p;
              p.mentee = c.mentee[i];
              p.mentor = c.mentor[i];
              p.mentee_info = c.mentee_info.At(i);
              p.mentor_info = c.mentor_info.At(i);
              p.score = c.score[i];
              p.points = ParsePoints(c.points[i]);
              p.explanation = c.explanation[i];
              p.pinned = c.pinned[i] != 0;
              p.manual = c.manual[i] != 0;
              p.broken_rules = ParseStrings(c.broken[i]);
              out.push_back(std::move(p));
            }
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<ProposalUnmatched>> ListUnmatched(ProposalId id) override {
    std::vector<ProposalUnmatched> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      long long key = id.value;
      if (!ProposalExists(s, key)) return NoProposal(id);
      struct Columns {
        std::vector<std::string> mentee, reason, explanation;
        SnapshotColumns info;
        void Resize(std::size_t n) {
          mentee.resize(n), reason.resize(n), explanation.resize(n), info.Resize(n);
        }
        void Bind(soci::statement& st) {
          st.exchange(soci::into(mentee));
          info.Bind(st);
          st.exchange(soci::into(reason));
          st.exchange(soci::into(explanation));
        }
      } columns;
      FetchAll(
          s,
          "SELECT mentee, mentee_name, mentee_department, mentee_site, mentee_level, reason, "
          "explanation FROM proposal_unmatched WHERE proposal_id = :p ORDER BY mentee",
          [&](soci::statement& st) { st.exchange(soci::use(key)); }, columns,
          [&](const Columns& c) {
            for (std::size_t i = 0; i < c.mentee.size(); ++i) {
              out.push_back({c.mentee[i], c.info.At(i), c.reason[i], c.explanation[i]});
            }
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::optional<Proposal>> ClaimNext(const std::string& worker, TimePoint now,
                                            TimePoint lease_until) override {
    std::optional<Proposal> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      out.reset();
      const long long at = Us(now), until = Us(lease_until);
      const std::string sql =
          "SELECT id FROM proposals WHERE status = 'queued' OR (status = 'running' AND "
          "lease_until_us <= :now) ORDER BY created_at_us, id LIMIT 1" +
          std::string(SkipLockedRows(db_.kind()));
      long long id = 0;
      s << sql, soci::use(at), soci::into(id);
      if (!s.got_data()) return Status::Ok();
      s << "UPDATE proposals SET status = 'running', claimed_by = :w, lease_until_us = :u "
           "WHERE id = :id",
          soci::use(worker), soci::use(until), soci::use(id);
      out = ProposalById(s, id);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<bool> ReportProgress(ProposalId id, const std::string& worker, int progress,
                              std::string_view phase, TimePoint lease_until) override {
    bool cancel = false;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long key = id.value, until = Us(lease_until);
      const std::string text(phase);
      const int percent = std::clamp(progress, 0, 100);
      soci::statement st = OnceStatement(
          s,
          "UPDATE proposals SET progress = :p, phase = :ph, lease_until_us = :u "
          "WHERE id = :id AND status = 'running' AND claimed_by = :w",
          soci::use(percent), soci::use(text), soci::use(until), soci::use(key), soci::use(worker));
      st.execute(true);
      if (st.get_affected_rows() != 1) return NotHeld(s, id, worker);
      int requested = 0;
      s << "SELECT cancel_requested FROM proposals WHERE id = :id", soci::use(key),
          soci::into(requested);
      cancel = requested != 0;
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return cancel;
  }

  Status Complete(ProposalId id, const std::string& worker, const domain::ProposalOutcome& outcome,
                  TimePoint now) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long key = id.value, at = Us(now);
      const std::string summary = SummaryJson(outcome.summary);
      soci::statement st =
          OnceStatement(s,
                        "UPDATE proposals SET status = 'done', progress = 100, finished_at_us = "
                        ":t, summary = :s, claimed_by = NULL, lease_until_us = NULL WHERE id = "
                        ":id AND status = 'running' AND claimed_by = :w",
                        soci::use(at), soci::use(summary), soci::use(key), soci::use(worker));
      st.execute(true);
      if (st.get_affected_rows() != 1) return NotHeld(s, id, worker);
      s << "DELETE FROM proposal_pairs WHERE proposal_id = :id", soci::use(key);
      s << "DELETE FROM proposal_unmatched WHERE proposal_id = :id", soci::use(key);
      InsertPairs(s, key, outcome.pairs);
      InsertUnmatched(s, key, outcome.unmatched);
      return Status::Ok();
    });
  }

  Status Finish(ProposalId id, const std::string& worker, ProposalStatus status,
                std::string_view error, TimePoint now) override {
    if (status != ProposalStatus::kFailed && status != ProposalStatus::kCancelled) {
      return Status::InvalidArgument("a run ends as failed or cancelled", "status");
    }
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long key = id.value, at = Us(now);
      const std::string name(domain::ProposalStatusName(status)), text(error);
      soci::statement st = OnceStatement(
          s,
          "UPDATE proposals SET status = :s, error = :e, finished_at_us = :t, "
          "claimed_by = NULL, lease_until_us = NULL WHERE id = :id AND status = "
          "'running' AND claimed_by = :w",
          soci::use(name), soci::use(text), soci::use(at), soci::use(key), soci::use(worker));
      st.execute(true);
      if (st.get_affected_rows() != 1) return NotHeld(s, id, worker);
      return Status::Ok();
    });
  }

  Result<Proposal> RequestCancel(ProposalId id, TimePoint now) override {
    std::optional<Proposal> out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long key = id.value, at = Us(now);
      // Conditional updates, so that a claim racing this request is seen either way.
      soci::statement queued =
          (s.prepare << "UPDATE proposals SET status = 'cancelled', cancel_requested = 1, "
                        "finished_at_us = :t WHERE id = :id AND status = 'queued'",
           soci::use(at), soci::use(key));
      queued.execute(true);
      if (queued.get_affected_rows() != 1) {
        soci::statement running =
            (s.prepare << "UPDATE proposals SET cancel_requested = 1 WHERE id = :id AND status = "
                          "'running'",
             soci::use(key));
        running.execute(true);
        if (running.get_affected_rows() != 1) {
          if (!ProposalExists(s, key)) return NoProposal(id);
          return Conflict("only a queued or running proposal can be cancelled", "not_running");
        }
      }
      out = ProposalById(s, key);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

  Status EditPairs(ProposalId id, const std::vector<std::string>& remove_mentees,
                   const std::vector<ProposalPair>& add,
                   const std::vector<ProposalUnmatched>& unmatched,
                   const ProposalSummary& summary) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long key = id.value;
      PAIRWISE_RETURN_IF_ERROR(LockStatus(s, id, ProposalStatus::kDone, "not_editable",
                                          "only a done proposal can be edited"));
      DeleteMentees(s, "proposal_pairs", key, remove_mentees);
      std::vector<std::string> mentees;
      for (const ProposalPair& p : add) mentees.push_back(p.mentee);
      for (const ProposalUnmatched& u : unmatched) mentees.push_back(u.mentee);
      DeleteMentees(s, "proposal_unmatched", key, mentees);
      InsertPairs(s, key, add);
      InsertUnmatched(s, key, unmatched);
      const std::string text = SummaryJson(summary);
      s << "UPDATE proposals SET summary = :s, edits = edits + 1 WHERE id = :id", soci::use(text),
          soci::use(key);
      return Status::Ok();
    });
  }

  Result<std::vector<Relationship>> Publish(const domain::PublishPlan& plan) override {
    std::vector<Relationship> created;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      created.clear();
      if (db_.kind() == DatabaseKind::kPostgresql) {
        s << "SELECT pg_advisory_xact_lock(" + std::to_string(kLockSpace) + ", " +
                 std::to_string(kPublishLock) + ")";
      }
      const long long key = plan.proposal.value, program = plan.program.value;
      const long long at = Us(plan.now);
      std::optional<Proposal> proposal = ProposalById(s, key);
      if (!proposal) return NoProposal(plan.proposal);
      if (proposal->program != plan.program) {
        return Status::InvalidArgument("the proposal is of another program", "program");
      }
      if (proposal->status == ProposalStatus::kPublished) {
        return Conflict("the proposal was published already", "already_published");
      }
      if (proposal->status != ProposalStatus::kDone) {
        return Conflict("only a done proposal can be published", "not_publishable");
      }
      if (proposal->kind == ProposalKind::kFull) {
        long long published = 0;
        s << "SELECT COUNT(*) FROM proposals WHERE program_id = :p AND kind = 'full' AND status "
             "= 'published'",
            soci::use(program), soci::into(published);
        if (published != 0) {
          return Conflict("a full proposal of the program was published already",
                          "already_published");
        }
      }
      // Ends first, so that a rematched mentee's new relationship finds the old one ended.
      std::vector<long long> end;
      for (const domain::RelationshipId& r : plan.end) end.push_back(r.value);
      std::sort(end.begin(), end.end());
      end.erase(std::unique(end.begin(), end.end()), end.end());
      if (!end.empty()) {
        std::vector<long long> at_v(end.size(), at), program_v(end.size(), program);
        std::vector<std::string> reason_v(end.size(), plan.end_reason);
        soci::statement st =
            (s.prepare << "UPDATE relationships SET status = 'ended_early', ended_at_us = :t, "
                          "end_reason = :r, activated_at_us = COALESCE(activated_at_us, "
                          "started_at_us) WHERE id = :id AND program_id = :p AND status IN "
                          "('pending_agreement', 'active')",
             soci::use(at_v), soci::use(reason_v), soci::use(end), soci::use(program_v));
        st.execute(true);
        if (st.get_affected_rows() != static_cast<long long>(end.size())) {
          return Conflict("a relationship to end is not active in the program", "not_active");
        }
      }
      std::vector<Relationship> create = plan.create;
      for (Relationship& r : create) {
        r.program = plan.program;
        r.source = domain::RelationshipSource::kMatching;
        r.proposal = plan.proposal;
        r.request = domain::MatchRequestId();
      }
      PAIRWISE_RETURN_IF_ERROR(InsertRelationships(s, create, plan.now));
      if (!plan.mails.empty()) {
        QueuedMailInsert insert(s, plan.now);
        for (const domain::MailMessage& m : plan.mails) insert.Insert(m);
      }
      s << "UPDATE proposals SET status = 'published', published_by = :b, published_at_us = :t "
           "WHERE id = :id",
          soci::use(plan.published_by), soci::use(at), soci::use(key);
      created = SelectRelationships(s, "WHERE proposal_id = :p ORDER BY id",
                                    [&](soci::statement& st) { st.exchange(soci::use(key)); });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return created;
  }

 private:
  // Why `worker` could not update proposal `id`: NotFound, or Conflict (it no longer holds it).
  static Status NotHeld(soci::session& s, ProposalId id, const std::string& worker) {
    if (!ProposalExists(s, id.value)) return NoProposal(id);
    return Conflict("the proposal is not (any more) claimed by " + worker, "lease_lost");
  }

  // Locks the proposal's row for this transaction (PostgreSQL; SQLite's write transaction
  // already excludes writers) and checks its status is `wanted`: NotFound, or Conflict `reason`.
  Status LockStatus(soci::session& s, ProposalId id, ProposalStatus wanted,
                    const std::string& reason, const std::string& message) {
    const long long key = id.value;
    std::string sql = "SELECT status FROM proposals WHERE id = :id";
    if (db_.kind() == DatabaseKind::kPostgresql) sql += " FOR UPDATE";
    std::string status;
    s << sql, soci::use(key), soci::into(status);
    if (!s.got_data()) return NoProposal(id);
    if (status != domain::ProposalStatusName(wanted)) return Conflict(message, reason);
    return Status::Ok();
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<domain::ProposalRepository> MakeProposalRepository(Database& db) {
  return std::make_unique<SqlProposalRepository>(db);
}

}  // namespace pairwise::storage
