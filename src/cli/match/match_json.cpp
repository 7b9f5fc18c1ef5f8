#include "cli/match/match_json.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace pairwise::cli {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using namespace pairwise::matching;

std::string Quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  out += s;
  out += '"';
  return out;
}

std::string Index(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

std::string Join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

// Reads one JSON object field by field; every error names the record and the field's path.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string path, std::string record)
      : object_(object), path_(std::move(path)), record_(std::move(record)) {}

  const std::string& path() const { return path_; }
  const std::string& record() const { return record_; }

  Status Error(std::string_view key, std::string_view what) const {
    return Status::InvalidArgument(record_ + ": " + std::string(key) + " " + std::string(what),
                                   Join(path_, key));
  }

  // Fields other than `allowed` are an error: a misspelt field would otherwise be ignored.
  Status OnlyKeys(std::initializer_list<std::string_view> allowed) const {
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
        return Status::InvalidArgument(record_ + ": unknown field " + Quoted(it.key()),
                                       Join(path_, it.key()));
      }
    }
    return Status::Ok();
  }

  const json* Find(std::string_view key) const {
    auto it = object_.find(std::string(key));
    return it == object_.end() ? nullptr : &*it;
  }

  // Absent: `out` unchanged. Present: an integer within int range.
  Status Int(std::string_view key, int& out) const {
    const json* v = Find(key);
    if (!v) return Status::Ok();
    return ToInt(key, *v, out);
  }
  Status Int64(std::string_view key, int64_t& out) const {
    const json* v = Find(key);
    if (!v) return Status::Ok();
    if (!v->is_number_integer()) return Error(key, "must be an integer");
    if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
      return Error(key, "is out of range");
    }
    out = v->get<int64_t>();
    return Status::Ok();
  }
  // Absent or null: empty.
  Status OptionalInt(std::string_view key, std::optional<int>& out) const {
    const json* v = Find(key);
    if (!v || v->is_null()) {
      out.reset();
      return Status::Ok();
    }
    int value = 0;
    PAIRWISE_RETURN_IF_ERROR(ToInt(key, *v, value));
    out = value;
    return Status::Ok();
  }
  Status Bool(std::string_view key, bool& out) const {
    const json* v = Find(key);
    if (!v) return Status::Ok();
    if (!v->is_boolean()) return Error(key, "must be true or false");
    out = v->get<bool>();
    return Status::Ok();
  }
  // Absent or null: empty string.
  Status String(std::string_view key, std::string& out) const {
    const json* v = Find(key);
    if (!v || v->is_null()) return Status::Ok();
    if (!v->is_string()) return Error(key, "must be a string");
    out = v->get<std::string>();
    return Status::Ok();
  }
  Status StringList(std::string_view key, std::vector<std::string>& out) const {
    const json* v = Find(key);
    if (!v || v->is_null()) return Status::Ok();
    if (!v->is_array()) return Error(key, "must be an array of strings");
    out.clear();
    for (size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_string()) {
        return Status::InvalidArgument(
            record_ + ": " + std::string(key) + "[" + std::to_string(i) + "] must be a string",
            Index(Join(path_, key), i));
      }
      out.push_back((*v)[i].get<std::string>());
    }
    return Status::Ok();
  }

 private:
  Status ToInt(std::string_view key, const json& v, int& out) const {
    if (!v.is_number_integer()) return Error(key, "must be an integer");
    if (v.is_number_unsigned()) {
      if (v.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int>::max())) {
        return Error(key, "is out of range");
      }
      out = static_cast<int>(v.get<uint64_t>());
      return Status::Ok();
    }
    const int64_t value = v.get<int64_t>();
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
      return Error(key, "is out of range");
    }
    out = static_cast<int>(value);
    return Status::Ok();
  }

  const json& object_;
  std::string path_;
  std::string record_;
};

Status ExpectObject(const json& v, const std::string& path, const std::string& what) {
  if (!v.is_object()) return Status::InvalidArgument(what + " must be an object", path);
  return Status::Ok();
}

// The array at `key` of `parent` (absent or null: no elements).
Status ArrayAt(const ObjectReader& parent, std::string_view key, const json** out) {
  *out = parent.Find(key);
  if (*out && (*out)->is_null()) *out = nullptr;
  if (*out && !(*out)->is_array()) return parent.Error(key, "must be an array");
  return Status::Ok();
}

// A record's name for messages: role and id when the id reads, else its path.
std::string RecordName(std::string_view role, const json& v, const std::string& path) {
  if (v.is_object()) {
    auto it = v.find("id");
    if (it != v.end() && it->is_string() && !it->get<std::string>().empty()) {
      return std::string(role) + " " + Quoted(it->get<std::string>());
    }
  }
  return path;
}

Status ReadSkills(const ObjectReader& person, std::vector<SkillLevel>& out) {
  const json* list = nullptr;
  PAIRWISE_RETURN_IF_ERROR(ArrayAt(person, "skills", &list));
  if (!list) return Status::Ok();
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string path = Index(Join(person.path(), "skills"), i);
    PAIRWISE_RETURN_IF_ERROR(ExpectObject((*list)[i], path, person.record() + ": " + path));
    ObjectReader skill((*list)[i], path, person.record());
    PAIRWISE_RETURN_IF_ERROR(skill.OnlyKeys({"skill", "level"}));
    SkillLevel s;
    if (!skill.Find("skill")) return skill.Error("skill", "is missing");
    PAIRWISE_RETURN_IF_ERROR(skill.String("skill", s.skill));
    PAIRWISE_RETURN_IF_ERROR(skill.Int("level", s.level));
    out.push_back(std::move(s));
  }
  return Status::Ok();
}

Status ReadPerson(const ObjectReader& r, PersonAttributes& p) {
  if (!r.Find("id")) return r.Error("id", "is missing");
  PAIRWISE_RETURN_IF_ERROR(r.String("id", p.id));
  PAIRWISE_RETURN_IF_ERROR(r.String("manager", p.manager));
  PAIRWISE_RETURN_IF_ERROR(r.Int("level", p.level));
  PAIRWISE_RETURN_IF_ERROR(r.String("department", p.department));
  PAIRWISE_RETURN_IF_ERROR(r.String("site", p.site));
  PAIRWISE_RETURN_IF_ERROR(r.Int("utc_offset_minutes", p.utc_offset_minutes));
  PAIRWISE_RETURN_IF_ERROR(r.StringList("languages", p.languages));
  return r.Int("availability_hours", p.availability_hours);
}

Status ReadMentors(const ObjectReader& top, Instance& in) {
  const json* list = nullptr;
  PAIRWISE_RETURN_IF_ERROR(ArrayAt(top, "mentors", &list));
  if (!list) return top.Error("mentors", "is missing");
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string path = Index("mentors", i);
    const std::string record = RecordName("mentor", (*list)[i], path);
    PAIRWISE_RETURN_IF_ERROR(ExpectObject((*list)[i], path, record));
    ObjectReader r((*list)[i], path, record);
    PAIRWISE_RETURN_IF_ERROR(r.OnlyKeys(
        {"id", "manager", "level", "department", "site", "utc_offset_minutes", "languages",
         "availability_hours", "capacity", "credentialed", "skills", "preferred_mentees"}));
    Mentor m;
    PAIRWISE_RETURN_IF_ERROR(ReadPerson(r, m.person));
    PAIRWISE_RETURN_IF_ERROR(r.Int("capacity", m.capacity));
    PAIRWISE_RETURN_IF_ERROR(r.Bool("credentialed", m.credentialed));
    PAIRWISE_RETURN_IF_ERROR(ReadSkills(r, m.skills));
    PAIRWISE_RETURN_IF_ERROR(r.StringList("preferred_mentees", m.preferred_mentees));
    in.mentors.push_back(std::move(m));
  }
  return Status::Ok();
}

Status ReadMentees(const ObjectReader& top, Instance& in) {
  const json* list = nullptr;
  PAIRWISE_RETURN_IF_ERROR(ArrayAt(top, "mentees", &list));
  if (!list) return top.Error("mentees", "is missing");
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string path = Index("mentees", i);
    const std::string record = RecordName("mentee", (*list)[i], path);
    PAIRWISE_RETURN_IF_ERROR(ExpectObject((*list)[i], path, record));
    ObjectReader r((*list)[i], path, record);
    PAIRWISE_RETURN_IF_ERROR(
        r.OnlyKeys({"id", "manager", "level", "department", "site", "utc_offset_minutes",
                    "languages", "availability_hours", "skills", "ranked_mentors"}));
    Mentee e;
    PAIRWISE_RETURN_IF_ERROR(ReadPerson(r, e.person));
    PAIRWISE_RETURN_IF_ERROR(ReadSkills(r, e.skills));
    PAIRWISE_RETURN_IF_ERROR(r.StringList("ranked_mentors", e.ranked_mentors));
    in.mentees.push_back(std::move(e));
  }
  return Status::Ok();
}

Status ReadPeople(const ObjectReader& top, Instance& in) {
  const json* list = nullptr;
  PAIRWISE_RETURN_IF_ERROR(ArrayAt(top, "people", &list));
  if (!list) return Status::Ok();
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string path = Index("people", i);
    const std::string record = RecordName("person", (*list)[i], path);
    PAIRWISE_RETURN_IF_ERROR(ExpectObject((*list)[i], path, record));
    ObjectReader r((*list)[i], path, record);
    PAIRWISE_RETURN_IF_ERROR(r.OnlyKeys({"id", "manager"}));
    DirectoryPerson p;
    if (!r.Find("id")) return r.Error("id", "is missing");
    PAIRWISE_RETURN_IF_ERROR(r.String("id", p.id));
    PAIRWISE_RETURN_IF_ERROR(r.String("manager", p.manager));
    in.people.push_back(std::move(p));
  }
  return Status::Ok();
}

// Pins, forbids, previous pairs, and (with a score) explicit pairs.
template <typename Pair>
Status ReadPairs(const ObjectReader& top, std::string_view key, bool scored,
                 std::vector<Pair>& out) {
  const json* list = nullptr;
  PAIRWISE_RETURN_IF_ERROR(ArrayAt(top, key, &list));
  if (!list) return Status::Ok();
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string path = Index(std::string(key), i);
    PAIRWISE_RETURN_IF_ERROR(ExpectObject((*list)[i], path, path));
    ObjectReader r((*list)[i], path, path);
    if (scored) {
      PAIRWISE_RETURN_IF_ERROR(r.OnlyKeys({"mentee", "mentor", "score"}));
    } else {
      PAIRWISE_RETURN_IF_ERROR(r.OnlyKeys({"mentee", "mentor"}));
    }
    Pair p;
    if (!r.Find("mentee")) return r.Error("mentee", "is missing");
    if (!r.Find("mentor")) return r.Error("mentor", "is missing");
    PAIRWISE_RETURN_IF_ERROR(r.String("mentee", p.mentee));
    PAIRWISE_RETURN_IF_ERROR(r.String("mentor", p.mentor));
    if constexpr (std::is_same_v<Pair, ScoredPair>) {
      if (!r.Find("score")) return r.Error("score", "is missing");
      PAIRWISE_RETURN_IF_ERROR(r.Int64("score", p.score));
    }
    out.push_back(std::move(p));
  }
  return Status::Ok();
}

Status ReadRules(const ObjectReader& top, Rules& rules) {
  const json* v = top.Find("rules");
  if (!v || v->is_null()) return Status::Ok();
  PAIRWISE_RETURN_IF_ERROR(ExpectObject(*v, "rules", "rules"));
  ObjectReader r(*v, "rules", "rules");
  PAIRWISE_RETURN_IF_ERROR(
      r.OnlyKeys({"min_level_gap", "reverse_mentoring", "other_department", "shared_language",
                  "min_timezone_overlap_hours", "workday_start_hour", "workday_end_hour",
                  "credentialed_only", "not_previously_paired", "groups"}));
  PAIRWISE_RETURN_IF_ERROR(r.OptionalInt("min_level_gap", rules.min_level_gap));
  PAIRWISE_RETURN_IF_ERROR(r.Bool("reverse_mentoring", rules.reverse_mentoring));
  PAIRWISE_RETURN_IF_ERROR(r.Bool("other_department", rules.other_department));
  PAIRWISE_RETURN_IF_ERROR(r.Bool("shared_language", rules.shared_language));
  PAIRWISE_RETURN_IF_ERROR(
      r.OptionalInt("min_timezone_overlap_hours", rules.min_timezone_overlap_hours));
  PAIRWISE_RETURN_IF_ERROR(r.Int("workday_start_hour", rules.workday_start_hour));
  PAIRWISE_RETURN_IF_ERROR(r.Int("workday_end_hour", rules.workday_end_hour));
  PAIRWISE_RETURN_IF_ERROR(r.Bool("credentialed_only", rules.credentialed_only));
  PAIRWISE_RETURN_IF_ERROR(r.Bool("not_previously_paired", rules.not_previously_paired));
  const json* groups = r.Find("groups");
  if (groups && !groups->is_null()) {
    PAIRWISE_RETURN_IF_ERROR(ExpectObject(*groups, "rules.groups", "rules: groups"));
    ObjectReader g(*groups, "rules.groups", "rules");
    PAIRWISE_RETURN_IF_ERROR(g.OnlyKeys({"min_size", "max_size"}));
    GroupRule rule;
    PAIRWISE_RETURN_IF_ERROR(g.Int("min_size", rule.min_size));
    PAIRWISE_RETURN_IF_ERROR(g.Int("max_size", rule.max_size));
    rules.groups = rule;
  }
  return Status::Ok();
}

Status ReadAffinity(const ObjectReader& r, std::string_view key, Affinity& out) {
  const json* v = r.Find(key);
  if (!v) return Status::Ok();
  auto affinity = v->is_string() ? ParseAffinity(v->get<std::string>()) : std::nullopt;
  if (!affinity) return r.Error(key, "must be \"same\" or \"different\"");
  out = *affinity;
  return Status::Ok();
}

Status ReadScoring(const ObjectReader& top, Scoring& scoring) {
  if (const json* w = top.Find("weights"); w && !w->is_null()) {
    PAIRWISE_RETURN_IF_ERROR(ExpectObject(*w, "weights", "weights"));
    ObjectReader r(*w, "weights", "weights");
    for (auto it = w->begin(); it != w->end(); ++it) {
      auto c = ParseCriterion(it.key());
      if (!c) {
        return Status::InvalidArgument("weights: unknown criterion " + Quoted(it.key()),
                                       "weights." + it.key());
      }
      PAIRWISE_RETURN_IF_ERROR(r.Int(it.key(), scoring.weight[static_cast<int>(*c)]));
    }
  }
  if (const json* s = top.Find("scoring"); s && !s->is_null()) {
    PAIRWISE_RETURN_IF_ERROR(ExpectObject(*s, "scoring", "scoring"));
    ObjectReader r(*s, "scoring", "scoring");
    PAIRWISE_RETURN_IF_ERROR(
        r.OnlyKeys({"target_level_gap", "level_gap_step", "department", "site"}));
    PAIRWISE_RETURN_IF_ERROR(r.Int("target_level_gap", scoring.target_level_gap));
    PAIRWISE_RETURN_IF_ERROR(r.Int("level_gap_step", scoring.level_gap_step));
    PAIRWISE_RETURN_IF_ERROR(ReadAffinity(r, "department", scoring.department));
    PAIRWISE_RETURN_IF_ERROR(ReadAffinity(r, "site", scoring.site));
  }
  return Status::Ok();
}

Status ReadObjective(const ObjectReader& top, Objective& out) {
  const json* v = top.Find("objective");
  if (!v || v->is_null()) return Status::Ok();
  auto objective = v->is_string() ? ParseObjective(v->get<std::string>()) : std::nullopt;
  if (!objective) return top.Error("objective", "must be \"total\", \"coverage\" or \"fairness\"");
  out = *objective;
  return Status::Ok();
}

ordered_json BreakdownJson(const Breakdown& b) {
  ordered_json out = ordered_json::object();
  if (b.explicit_score) return out;
  for (Criterion c : kAllCriteria) {
    out[std::string(CriterionName(c))] = {{"points", b.Points(c)}, {"weighted", b.Weighted(c)}};
  }
  return out;
}

ordered_json Optional(const std::optional<int64_t>& v) {
  return v ? ordered_json(*v) : ordered_json(nullptr);
}

}  // namespace

Result<Instance> ParseInstanceJson(std::string_view text) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // nlohmann reports malformed input only by exception; it stops here.
    return Status::InvalidArgument(std::string("malformed JSON: ") + e.what())
        .WithReason("malformed_json");
  }
  PAIRWISE_RETURN_IF_ERROR(ExpectObject(doc, "", "the instance"));
  ObjectReader top(doc, "", "instance");
  PAIRWISE_RETURN_IF_ERROR(
      top.OnlyKeys({"objective", "rules", "weights", "scoring", "people", "mentors", "mentees",
                    "pinned", "forbidden", "previous_pairs", "pairs"}));
  Instance in;
  PAIRWISE_RETURN_IF_ERROR(ReadObjective(top, in.objective));
  PAIRWISE_RETURN_IF_ERROR(ReadRules(top, in.rules));
  PAIRWISE_RETURN_IF_ERROR(ReadScoring(top, in.scoring));
  PAIRWISE_RETURN_IF_ERROR(ReadPeople(top, in));
  PAIRWISE_RETURN_IF_ERROR(ReadMentors(top, in));
  PAIRWISE_RETURN_IF_ERROR(ReadMentees(top, in));
  PAIRWISE_RETURN_IF_ERROR(ReadPairs(top, "pinned", false, in.pinned));
  PAIRWISE_RETURN_IF_ERROR(ReadPairs(top, "forbidden", false, in.forbidden));
  PAIRWISE_RETURN_IF_ERROR(ReadPairs(top, "previous_pairs", false, in.previous_pairs));
  if (const json* pairs = top.Find("pairs"); pairs && !pairs->is_null()) {
    std::vector<ScoredPair> list;
    PAIRWISE_RETURN_IF_ERROR(ReadPairs(top, "pairs", true, list));
    in.pairs = std::move(list);
  }
  return in;
}

std::string WriteResultJson(const Engine& engine, const MatchResult& r,
                            const ResultTimings& timings) {
  const Instance& in = engine.instance();
  ordered_json out;
  out["objective"] = std::string(ObjectiveName(r.objective));
  out["optimal"] = r.optimal;
  out["total_score"] = r.total_score;
  out["matched"] = r.matched;
  out["unmatched_count"] = r.unmatched.size();
  out["min_pair_score"] = Optional(r.min_pair_score);
  out["upper_bound"] = Optional(r.upper_bound);
  out["greedy_total_score"] = Optional(r.greedy_total_score);
  if (r.greedy_total_score) {
    out["greedy_matched"] = r.greedy_matched;
    const int64_t gap = r.total_score - *r.greedy_total_score;
    const double percent =
        r.total_score == 0 ? 0.0 : 100.0 * static_cast<double>(gap) / r.total_score;
    out["gap_to_greedy"] = {{"score", gap},
                            {"score_percent", std::round(percent * 1000) / 1000},
                            {"matched", r.matched - r.greedy_matched}};
  } else {
    out["greedy_matched"] = nullptr;
    out["gap_to_greedy"] = nullptr;
  }
  ordered_json pairs = ordered_json::array();
  for (const MatchedPair& p : r.pairs) {
    pairs.push_back({{"mentee", in.mentees[p.mentee].person.id},
                     {"mentor", in.mentors[p.mentor].person.id},
                     {"score", p.score},
                     {"pinned", p.pinned},
                     {"breakdown", BreakdownJson(p.breakdown)},
                     {"explanation", engine.ExplainPair(p)}});
  }
  out["pairs"] = std::move(pairs);
  ordered_json unmatched = ordered_json::array();
  for (const UnmatchedMentee& u : r.unmatched) {
    unmatched.push_back({{"id", in.mentees[u.mentee].person.id},
                         {"reason", std::string(UnmatchedReasonName(u.reason))},
                         {"rule", u.rule ? ordered_json(std::string(HardRuleName(*u.rule)))
                                         : ordered_json(nullptr)},
                         {"excluded_by_rule", u.excluded_by_rule},
                         {"eligible_mentors", u.eligible_mentors},
                         {"explanation", engine.ExplainUnmatched(u)}});
  }
  out["unmatched"] = std::move(unmatched);
  const SolveStats& s = r.stats;
  ordered_json rounds = ordered_json::array();
  for (const RoundStats& round : s.rounds) {
    rounds.push_back({{"rows_in_flow", round.rows_in_flow},
                      {"arcs", round.arcs},
                      {"solve_ms", round.solve_ms},
                      {"proof_ms", round.proof_ms},
                      {"rows_rescored", round.rows_rescored},
                      {"pairs_checked", round.pairs_checked},
                      {"pairs_added", round.pairs_added},
                      {"certificate_violations", round.certificate_violations}});
  }
  out["stats"] = {{"threads", s.threads},
                  {"candidates_per_mentee", s.candidates_per_mentee},
                  {"eligible_pairs", s.eligible_pairs},
                  {"candidate_pairs", s.candidate_pairs},
                  {"pricing_rounds", s.pricing_rounds},
                  {"pairs_added_by_pricing", s.pairs_added_by_pricing},
                  {"rows_priced", s.rows_priced},
                  {"flow_solves", s.flow_solves},
                  {"groups_below_min", s.groups_below_min},
                  {"price_sample_ms", s.price_sample_ms},
                  {"rounds", std::move(rounds)}};
  const PhaseTimings& t = r.timings;
  out["timings_ms"] = {{"read", timings.read_ms},       {"prepare", t.prepare_ms},
                       {"candidates", t.candidates_ms}, {"solve", t.solve_ms},
                       {"proof", t.proof_ms},           {"greedy", t.greedy_ms},
                       {"explain", t.explain_ms},       {"total", t.total_ms}};
  return out.dump(2) + "\n";
}

}  // namespace pairwise::cli
