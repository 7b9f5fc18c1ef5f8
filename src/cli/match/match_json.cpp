#include "cli/match/match_json.h"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <type_traits>
#include <vector>

namespace pairwise::cli {
namespace {

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

// --- Reading the instance: simdjson On-Demand, one pass over the text, straight into the
// Instance (no document tree; a pair of the explicit list costs its ScoredPair and nothing else).
//
// Errors are reported exactly as the reader has always reported them, whatever the order of the
// members in the file: in each object, unknown fields first (the first by key), then the fields
// in the order below (their "rank"); a record is named by its id wherever the id stands in it.
// So each object keeps its first fault by rank and reading goes on past it (skipping whatever
// can no longer change the answer); malformed JSON stops everything at once.

namespace sj = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

// Stops at malformed JSON: returns its error code.
#define PAIRWISE_SJ_TRY(expr)                          \
  do {                                                 \
    if (const error_code pairwise_sj_error = (expr)) { \
      return pairwise_sj_error;                        \
    }                                                  \
  } while (0)

constexpr const char* kNotInteger = "must be an integer";
constexpr const char* kOutOfRange = "is out of range";
constexpr const char* kNotBool = "must be true or false";
constexpr const char* kNotString = "must be a string";
constexpr int kUnknownRank = -1;

// What reading one value found: `what` set when it has the wrong type or range ("must be an
// integer"); `error` set when the JSON itself is malformed.
struct Got {
  error_code error = SUCCESS;
  const char* what = nullptr;
};

Got Fatal(error_code e) { return Got{e, nullptr}; }
Got Fault(const char* what) { return Got{SUCCESS, what}; }

bool IsNull(sj::value& v, error_code& error) {
  sj::json_type type{};
  error = v.type().get(type);
  return !error && type == sj::json_type::null;
}

Got GetInt64(sj::value& v, int64_t& out) {
  sj::json_type type{};
  if (error_code e = v.type().get(type)) return Fatal(e);
  if (type != sj::json_type::number) return Fault(kNotInteger);
  sj::number_type kind{};
  if (error_code e = v.get_number_type().get(kind)) return Fatal(e);
  if (kind == sj::number_type::floating_point_number) {
    double ignored = 0;
    if (error_code e = v.get_double().get(ignored)) return Fatal(e);
    return Fault(kNotInteger);
  }
  if (kind == sj::number_type::unsigned_integer) {
    // Beyond 64 bits a JSON reader holds the number as a float: not an integer, as before.
    uint64_t ignored = 0;
    const error_code e = v.get_uint64().get(ignored);
    if (e == simdjson::INCORRECT_TYPE || e == simdjson::NUMBER_OUT_OF_RANGE) {
      return Fault(kNotInteger);
    }
    if (e) return Fatal(e);
    return Fault(kOutOfRange);
  }
  const error_code e = v.get_int64().get(out);
  if (e == simdjson::INCORRECT_TYPE || e == simdjson::NUMBER_OUT_OF_RANGE) {
    return Fault(kNotInteger);  // below -2^63: a float to JSON readers, as above
  }
  if (e) return Fatal(e);
  return {};
}

Got GetInt(sj::value& v, int& out) {
  int64_t value = 0;
  Got got = GetInt64(v, value);
  if (got.error || got.what) return got;
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
    return Fault(kOutOfRange);
  }
  out = static_cast<int>(value);
  return {};
}

Got GetBool(sj::value& v, bool& out) {
  sj::json_type type{};
  if (error_code e = v.type().get(type)) return Fatal(e);
  if (type != sj::json_type::boolean) return Fault(kNotBool);
  if (error_code e = v.get_bool().get(out)) return Fatal(e);
  return {};
}

// A string value; `wrong` is the fault when it is of another type. A string without escapes is
// taken from the text itself (the common case: ids), others are unescaped by simdjson.
Got GetString(sj::value& v, std::string_view& out, const char* wrong = kNotString) {
  sj::json_type type{};
  if (error_code e = v.type().get(type)) return Fatal(e);
  if (type != sj::json_type::string) return Fault(wrong);
  const std::string_view raw = v.raw_json_token();  // "..." and the spaces after it
  const size_t close = raw.find_last_of('"');
  bool plain = close != std::string_view::npos && close > 0;
  for (size_t i = 1; plain && i < close; ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    if (c == '\\') plain = false;
    if (c < 0x20) return Fatal(simdjson::UNESCAPED_CHARS);  // JSON forbids raw control chars
  }
  if (plain) {
    out = raw.substr(1, close - 1);
    return {};
  }
  if (error_code e = v.get_string().get(out)) return Fatal(e);
  return {};
}

// An object member's name, from the text when it has no escapes.
error_code Key(sj::field& field, std::string_view& out) {
  const char* begin = field.key().raw();
  const char* end = begin;
  while (*end != '"' && *end != '\\') ++end;  // the closing quote is there: stage 1 checked it
  if (*end == '"') {
    out = std::string_view(begin, static_cast<size_t>(end - begin));
    return SUCCESS;
  }
  return field.unescaped_key().get(out);
}

// The first fault of one JSON object. `message` is either the words after "<record>: " (a
// tail: the record's name is known only once the whole object is read) or the whole message.
class Faults {
 public:
  void Add(int rank, std::string_view key, std::string message, std::string field,
           bool tail = true) {
    if (has_ && !(rank < rank_ || (rank == rank_ && key < key_))) return;
    has_ = true;
    rank_ = rank;
    key_ = std::string(key);
    message_ = std::move(message);
    field_ = std::move(field);
    tail_ = tail;
  }
  // `inner`'s fault as this object's, at `rank`.
  void AddFrom(int rank, const Faults& inner) {
    Add(rank, {}, inner.message_, inner.field_, inner.tail_);
  }
  void AddStatus(int rank, const Status& status) {
    Add(rank, {}, status.client_message(), status.field(), false);
  }
  // A fault that comes before `rank` is known: reading that field cannot change the answer.
  bool Settled(int rank) const { return has_ && rank_ < rank; }
  bool has() const { return has_; }
  Status ToStatus(std::string_view record) const {
    return Status::InvalidArgument(tail_ ? std::string(record) + ": " + message_ : message_,
                                   field_);
  }

 private:
  bool has_ = false;
  int rank_ = 0;
  std::string key_;
  std::string message_;
  std::string field_;
  bool tail_ = true;
};

// One JSON object being read: its path ("mentors[3]", built only for a fault) and its faults.
class Record {
 public:
  explicit Record(std::string path) : path_(std::move(path)) {}
  Record(std::string_view list, size_t index) : list_(list), index_(index) {}

  std::string path() const { return list_.empty() ? path_ : Index(std::string(list_), index_); }
  std::string Field(std::string_view key) const { return Join(path(), key); }
  Faults& faults() { return faults_; }
  bool Settled(int rank) const { return faults_.Settled(rank); }

  void Unknown(std::string_view key) {
    faults_.Add(kUnknownRank, key, "unknown field " + Quoted(key), Field(key));
  }
  void Wrong(int rank, std::string_view key, std::string_view what) {
    faults_.Add(rank, {}, std::string(key) + " " + std::string(what), Field(key));
  }
  void Missing(int rank, std::string_view key) { Wrong(rank, key, "is missing"); }
  error_code Note(int rank, std::string_view key, Got got) {
    if (got.what) Wrong(rank, key, got.what);
    return got.error;
  }

  error_code Int(int rank, std::string_view key, sj::value& v, int& out) {
    if (Settled(rank)) return SUCCESS;
    return Note(rank, key, GetInt(v, out));
  }
  error_code Int64(int rank, std::string_view key, sj::value& v, int64_t& out) {
    if (Settled(rank)) return SUCCESS;
    return Note(rank, key, GetInt64(v, out));
  }
  // Null: empty.
  error_code OptionalInt(int rank, std::string_view key, sj::value& v, std::optional<int>& out) {
    if (Settled(rank)) return SUCCESS;
    error_code e = SUCCESS;
    if (IsNull(v, e) || e) {
      out.reset();
      return e;
    }
    int value = 0;
    const Got got = GetInt(v, value);
    if (!got.error && !got.what) out = value;
    return Note(rank, key, got);
  }
  error_code Bool(int rank, std::string_view key, sj::value& v, bool& out) {
    if (Settled(rank)) return SUCCESS;
    return Note(rank, key, GetBool(v, out));
  }
  // Null: unchanged (empty).
  error_code String(int rank, std::string_view key, sj::value& v, std::string& out) {
    if (Settled(rank)) return SUCCESS;
    error_code e = SUCCESS;
    if (IsNull(v, e) || e) return e;
    std::string_view text;
    const Got got = GetString(v, text);
    if (!got.error && !got.what) out.assign(text);
    return Note(rank, key, got);
  }
  // Null: unchanged (empty).
  error_code StringList(int rank, std::string_view key, sj::value& v,
                        std::vector<std::string>& out) {
    if (Settled(rank)) return SUCCESS;
    error_code e = SUCCESS;
    if (IsNull(v, e) || e) return e;
    sj::array list;
    if (v.get_array().get(list)) {
      Wrong(rank, key, "must be an array of strings");
      return SUCCESS;
    }
    out.clear();
    size_t i = 0;
    for (auto item : list) {
      sj::value element;
      PAIRWISE_SJ_TRY(std::move(item).get(element));
      if (!Settled(rank + 1)) {
        std::string_view text;
        const Got got = GetString(element, text);
        PAIRWISE_SJ_TRY(got.error);
        if (got.what) {
          const std::string at = std::string(key) + "[" + std::to_string(i) + "]";
          faults_.Add(rank, {}, at + " must be a string", Field(at));
        } else {
          out.emplace_back(text);
        }
      }
      ++i;
    }
    return SUCCESS;
  }

 private:
  std::string path_;
  std::string_view list_;
  size_t index_ = 0;
  Faults faults_;
};

// Calls read(element, index) for each element of the array `v` (the field `key` of `parent`)
// in order, while no fault before `rank` is known. Null: no elements; `*present` false.
// `before(count)`, when given, is called with the number of elements before the first is read.
template <typename ReadElement>
error_code EachElement(Record& parent, int rank, std::string_view key, sj::value& v,
                       ReadElement read, bool* present = nullptr,
                       const std::function<void(size_t)>& before = {}) {
  if (present) *present = false;
  error_code e = SUCCESS;
  if (IsNull(v, e) || e) return e;
  sj::array list;
  if (v.get_array().get(list)) {
    parent.Wrong(rank, key, "must be an array");
    return SUCCESS;
  }
  if (present) *present = true;
  if (before) {
    size_t count = 0;
    PAIRWISE_SJ_TRY(list.count_elements().get(count));  // a walk over the array; then rewound
    before(count);
  }
  size_t i = 0;
  for (auto item : list) {
    sj::value element;
    PAIRWISE_SJ_TRY(std::move(item).get(element));
    if (!parent.Settled(rank + 1)) PAIRWISE_SJ_TRY(read(element, i));
    ++i;
  }
  return SUCCESS;
}

// Calls read(key, value) for each member of `object`, in the file's order.
template <typename ReadMember>
error_code EachMember(sj::object& object, ReadMember read) {
  for (auto member : object) {
    sj::field field;
    PAIRWISE_SJ_TRY(std::move(member).get(field));
    std::string_view key;
    PAIRWISE_SJ_TRY(Key(field, key));
    PAIRWISE_SJ_TRY(read(key, field.value()));
  }
  return SUCCESS;
}

// `v` as an object; `*is_object` false (and `out` untouched) when it is of another type.
error_code AsObject(sj::value& v, sj::object& out, bool* is_object) {
  sj::json_type type{};
  PAIRWISE_SJ_TRY(v.type().get(type));
  *is_object = type == sj::json_type::object;
  if (!*is_object) return SUCCESS;
  return v.get_object().get(out);
}

// skills: [{skill, level}]; faults are the person's (at `rank`, its skills field).
error_code ReadSkills(Record& person, int rank, sj::value& v, std::vector<SkillLevel>& out) {
  return EachElement(person, rank, "skills", v, [&](sj::value& element, size_t i) {
    const std::string path = Index(person.Field("skills"), i);
    sj::object object;
    bool is_object = false;
    PAIRWISE_SJ_TRY(AsObject(element, object, &is_object));
    if (!is_object) {
      // "mentor \"ana\": mentors[0].skills[1] must be an object"
      person.faults().Add(rank, {}, path + " must be an object", path);
      return SUCCESS;
    }
    Record skill(path);
    SkillLevel s;
    bool has_skill = false;
    PAIRWISE_SJ_TRY(EachMember(object, [&](std::string_view key, sj::value& value) {
      if (key == "skill") {
        has_skill = true;
        return skill.String(1, key, value, s.skill);
      }
      if (key == "level") return skill.Int(2, key, value, s.level);
      skill.Unknown(key);
      return SUCCESS;
    }));
    if (!has_skill) skill.Missing(0, "skill");
    if (skill.faults().has()) {
      person.faults().AddFrom(rank, skill.faults());
      return SUCCESS;
    }
    out.push_back(std::move(s));
    return SUCCESS;
  });
}

// The members every person has, ranked 0..7. False: `key` is not one of them.
bool PersonMember(Record& r, std::string_view key, sj::value& v, PersonAttributes& p, bool& has_id,
                  error_code& e) {
  if (key == "id") {
    // Read even past a fault: the id names the record in every message.
    has_id = true;
    e = SUCCESS;
    if (IsNull(v, e) || e) return true;
    std::string_view id;
    const Got got = GetString(v, id);
    if (!got.error && !got.what) p.id.assign(id);
    e = r.Note(0, key, got);
    return true;
  }
  if (key == "manager") {
    e = r.String(1, key, v, p.manager);
  } else if (key == "level") {
    e = r.Int(2, key, v, p.level);
  } else if (key == "department") {
    e = r.String(3, key, v, p.department);
  } else if (key == "site") {
    e = r.String(4, key, v, p.site);
  } else if (key == "utc_offset_minutes") {
    e = r.Int(5, key, v, p.utc_offset_minutes);
  } else if (key == "languages") {
    e = r.StringList(6, key, v, p.languages);
  } else if (key == "availability_hours") {
    e = r.Int(7, key, v, p.availability_hours);
  } else {
    return false;
  }
  return true;
}

// One element of mentors, mentees or people: `extra(record, key, value)` reads the members
// beyond the person's (false: unknown). The element's first fault goes to `top` at `rank`,
// named "<role> \"<id>\"" (or by its path without an id); false when there was one.
template <typename Extra>
error_code ReadPersonRecord(Faults& top, int rank, std::string_view list, size_t i,
                            std::string_view role, sj::value& element, PersonAttributes& person,
                            bool directory_only, Extra extra, bool* ok) {
  *ok = false;
  Record r(list, i);
  sj::object object;
  bool is_object = false;
  PAIRWISE_SJ_TRY(AsObject(element, object, &is_object));
  if (!is_object) {
    top.Add(rank, {}, r.path() + " must be an object", r.path(), false);
    return SUCCESS;
  }
  bool has_id = false;
  PAIRWISE_SJ_TRY(EachMember(object, [&](std::string_view key, sj::value& v) {
    error_code e = SUCCESS;
    const bool person_member = !directory_only || key == "id" || key == "manager";
    if (person_member && PersonMember(r, key, v, person, has_id, e)) return e;
    bool known = false;
    e = extra(r, key, v, known);
    if (!known) r.Unknown(key);
    return e;
  }));
  if (!has_id) r.Missing(0, "id");
  if (r.faults().has()) {
    const std::string name =
        person.id.empty() ? r.path() : std::string(role) + " " + Quoted(person.id);
    top.AddStatus(rank, r.faults().ToStatus(name));
    return SUCCESS;
  }
  *ok = true;
  return SUCCESS;
}

constexpr std::string_view kMentors = "mentors";
constexpr std::string_view kMentees = "mentees";

// mentors or mentees: each element a person record of `role` whose further members
// `extra(record, key, value, known, item)` reads into the side's item (`known` false: unknown);
// the records without a fault are appended to `out`.
template <typename Item, typename Extra>
error_code ReadSide(Record& top, int rank, std::string_view list, std::string_view role,
                    sj::value& v, std::vector<Item>& out, bool* present, Extra extra) {
  return EachElement(
      top, rank, list, v,
      [&](sj::value& element, size_t i) {
        Item item;
        bool ok = false;
        PAIRWISE_SJ_TRY(ReadPersonRecord(
            top.faults(), rank, list, i, role, element, item.person, false,
            [&](Record& r, std::string_view key, sj::value& value, bool& known) {
              return extra(r, key, value, known, item);
            },
            &ok));
        if (ok) out.push_back(std::move(item));
        return SUCCESS;
      },
      present);
}

error_code ReadMentors(Record& top, int rank, sj::value& v, Instance& in, bool* present) {
  return ReadSide(top, rank, kMentors, "mentor", v, in.mentors, present,
                  [](Record& r, std::string_view key, sj::value& value, bool& known, Mentor& m) {
                    known = true;
                    if (key == "capacity") return r.Int(8, key, value, m.capacity);
                    if (key == "credentialed") return r.Bool(9, key, value, m.credentialed);
                    if (key == "skills")
                      return r.Settled(10) ? SUCCESS : ReadSkills(r, 10, value, m.skills);
                    if (key == "preferred_mentees") {
                      return r.StringList(11, key, value, m.preferred_mentees);
                    }
                    known = false;
                    return SUCCESS;
                  });
}

error_code ReadMentees(Record& top, int rank, sj::value& v, Instance& in, bool* present) {
  return ReadSide(top, rank, kMentees, "mentee", v, in.mentees, present,
                  [](Record& r, std::string_view key, sj::value& value, bool& known, Mentee& m) {
                    known = true;
                    if (key == "skills")
                      return r.Settled(8) ? SUCCESS : ReadSkills(r, 8, value, m.skills);
                    if (key == "ranked_mentors") {
                      return r.StringList(9, key, value, m.ranked_mentors);
                    }
                    known = false;
                    return SUCCESS;
                  });
}

error_code ReadPeople(Record& top, int rank, sj::value& v, Instance& in) {
  return EachElement(top, rank, "people", v, [&](sj::value& element, size_t i) {
    PersonAttributes attributes;
    bool ok = false;
    PAIRWISE_SJ_TRY(ReadPersonRecord(
        top.faults(), rank, "people", i, "person", element, attributes, true,
        [](Record&, std::string_view, sj::value&, bool& known) {
          known = false;
          return SUCCESS;
        },
        &ok));
    if (ok)
      in.people.push_back(DirectoryPerson{std::move(attributes.id), std::move(attributes.manager)});
    return SUCCESS;
  });
}

// pinned, forbidden, previous_pairs ({mentee, mentor}) and pairs ({mentee, mentor, score}),
// each element named by its path. Pairs are appended to `out` as they are read.
// `reserve`: size `out` once for the whole list before reading it.
template <typename Pair>
error_code ReadPairs(Record& top, int rank, std::string_view key, sj::value& v,
                     std::vector<Pair>& out, bool reserve = false) {
  constexpr bool kScored = std::is_same_v<Pair, ScoredPair>;
  return EachElement(
      top, rank, key, v,
      [&](sj::value& element, size_t i) {
        Record r(key, i);
        sj::object object;
        bool is_object = false;
        PAIRWISE_SJ_TRY(AsObject(element, object, &is_object));
        if (!is_object) {
          top.faults().Add(rank, {}, r.path() + " must be an object", r.path(), false);
          return SUCCESS;
        }
        Pair& p = out.emplace_back();
        bool has_mentee = false;
        bool has_mentor = false;
        bool has_score = false;
        PAIRWISE_SJ_TRY(EachMember(object, [&](std::string_view member, sj::value& value) {
          if (member == "mentee") {
            has_mentee = true;
            return r.String(2, member, value, p.mentee);
          }
          if (member == "mentor") {
            has_mentor = true;
            return r.String(3, member, value, p.mentor);
          }
          if constexpr (kScored) {
            if (member == "score") {
              has_score = true;
              return r.Int64(5, member, value, p.score);
            }
          }
          r.Unknown(member);
          return SUCCESS;
        }));
        if (!has_mentee) r.Missing(0, "mentee");
        if (!has_mentor) r.Missing(1, "mentor");
        if (kScored && !has_score) r.Missing(4, "score");
        if (r.faults().has()) {
          out.pop_back();
          top.faults().AddStatus(rank, r.faults().ToStatus(r.path()));
        }
        return SUCCESS;
      },
      nullptr,
      reserve ? [&](size_t count) { out.reserve(out.size() + count); }
              : std::function<void(size_t)>());
}

error_code ReadGroups(Record& rules, int rank, sj::value& v, Rules& out) {
  error_code e = SUCCESS;
  if (IsNull(v, e) || e) return e;
  sj::object object;
  bool is_object = false;
  PAIRWISE_SJ_TRY(AsObject(v, object, &is_object));
  if (!is_object) {
    rules.faults().Add(rank, {}, "rules: groups must be an object", "rules.groups", false);
    return SUCCESS;
  }
  Record g("rules.groups");
  GroupRule rule;
  PAIRWISE_SJ_TRY(EachMember(object, [&](std::string_view key, sj::value& value) {
    if (key == "min_size") return g.Int(0, key, value, rule.min_size);
    if (key == "max_size") return g.Int(1, key, value, rule.max_size);
    g.Unknown(key);
    return SUCCESS;
  }));
  if (g.faults().has()) {
    rules.faults().AddStatus(rank, g.faults().ToStatus("rules"));
    return SUCCESS;
  }
  out.groups = rule;
  return SUCCESS;
}

error_code ReadRules(Faults& top, int rank, sj::value& v, Rules& rules) {
  error_code e = SUCCESS;
  if (IsNull(v, e) || e) return e;
  sj::object object;
  bool is_object = false;
  PAIRWISE_SJ_TRY(AsObject(v, object, &is_object));
  if (!is_object) {
    top.Add(rank, {}, "rules must be an object", "rules", false);
    return SUCCESS;
  }
  Record r("rules");
  PAIRWISE_SJ_TRY(EachMember(object, [&](std::string_view key, sj::value& value) {
    if (key == "min_level_gap") return r.OptionalInt(0, key, value, rules.min_level_gap);
    if (key == "reverse_mentoring") return r.Bool(1, key, value, rules.reverse_mentoring);
    if (key == "other_department") return r.Bool(2, key, value, rules.other_department);
    if (key == "shared_language") return r.Bool(3, key, value, rules.shared_language);
    if (key == "min_timezone_overlap_hours") {
      return r.OptionalInt(4, key, value, rules.min_timezone_overlap_hours);
    }
    if (key == "workday_start_hour") return r.Int(5, key, value, rules.workday_start_hour);
    if (key == "workday_end_hour") return r.Int(6, key, value, rules.workday_end_hour);
    if (key == "credentialed_only") return r.Bool(7, key, value, rules.credentialed_only);
    if (key == "not_previously_paired") return r.Bool(8, key, value, rules.not_previously_paired);
    if (key == "groups") return r.Settled(9) ? SUCCESS : ReadGroups(r, 9, value, rules);
    r.Unknown(key);
    return SUCCESS;
  }));
  if (r.faults().has()) top.AddStatus(rank, r.faults().ToStatus("rules"));
  return SUCCESS;
}

Got GetAffinity(sj::value& v, Affinity& out) {
  std::string_view name;
  const Got got = GetString(v, name);
  if (got.error) return got;
  const std::optional<Affinity> affinity = got.what ? std::nullopt : ParseAffinity(name);
  if (!affinity) return Fault("must be \"same\" or \"different\"");
  out = *affinity;
  return {};
}

error_code ReadWeights(Faults& top, int rank, sj::value& v, Scoring& scoring) {
  error_code e = SUCCESS;
  if (IsNull(v, e) || e) return e;
  sj::object object;
  bool is_object = false;
  PAIRWISE_SJ_TRY(AsObject(v, object, &is_object));
  if (!is_object) {
    top.Add(rank, {}, "weights must be an object", "weights", false);
    return SUCCESS;
  }
  // Every member is a criterion; the first fault in key order is reported.
  Record r("weights");
  PAIRWISE_SJ_TRY(EachMember(object, [&](std::string_view key, sj::value& value) {
    const std::optional<Criterion> c = ParseCriterion(key);
    if (!c) {
      r.faults().Add(0, key, "unknown criterion " + Quoted(key), r.Field(key));
      return SUCCESS;
    }
    const Got got = GetInt(value, scoring.weight[static_cast<int>(*c)]);
    if (got.what) r.faults().Add(0, key, std::string(key) + " " + got.what, r.Field(key));
    return got.error;
  }));
  if (r.faults().has()) top.AddStatus(rank, r.faults().ToStatus("weights"));
  return SUCCESS;
}

error_code ReadScoring(Faults& top, int rank, sj::value& v, Scoring& scoring) {
  error_code e = SUCCESS;
  if (IsNull(v, e) || e) return e;
  sj::object object;
  bool is_object = false;
  PAIRWISE_SJ_TRY(AsObject(v, object, &is_object));
  if (!is_object) {
    top.Add(rank, {}, "scoring must be an object", "scoring", false);
    return SUCCESS;
  }
  Record r("scoring");
  PAIRWISE_SJ_TRY(EachMember(object, [&](std::string_view key, sj::value& value) {
    if (key == "target_level_gap") return r.Int(0, key, value, scoring.target_level_gap);
    if (key == "level_gap_step") return r.Int(1, key, value, scoring.level_gap_step);
    if (key == "department") return r.Note(2, key, GetAffinity(value, scoring.department));
    if (key == "site") return r.Note(3, key, GetAffinity(value, scoring.site));
    r.Unknown(key);
    return SUCCESS;
  }));
  if (r.faults().has()) top.AddStatus(rank, r.faults().ToStatus("scoring"));
  return SUCCESS;
}

error_code ReadObjective(Record& top, int rank, sj::value& v, Objective& out) {
  error_code e = SUCCESS;
  if (IsNull(v, e) || e) return e;
  std::string_view name;
  const Got got = GetString(v, name);
  PAIRWISE_SJ_TRY(got.error);
  const std::optional<Objective> objective = got.what ? std::nullopt : ParseObjective(name);
  if (!objective) {
    top.Wrong(rank, "objective", "must be \"total\", \"coverage\" or \"fairness\"");
    return SUCCESS;
  }
  out = *objective;
  return SUCCESS;
}

// The byte offset of a malformed document's fault, for the message.
std::string MalformedMessage(sj::document* doc, const simdjson::padded_string_view& text,
                             error_code error) {
  const char* at = nullptr;
  size_t offset = text.size();
  if (doc && !doc->current_location().get(at) && at) {
    offset = static_cast<size_t>(at - text.data());
  }
  return std::string("malformed JSON: ") + simdjson::error_message(error) + " (at byte " +
         std::to_string(offset) + ")";
}

// The instance's members in the order they are checked.
enum TopRank {
  kObjectiveRank,
  kRulesRank,
  kWeightsRank,
  kScoringRank,
  kPeopleRank,
  kMentorsRank,
  kMenteesRank,
  kPinnedRank,
  kForbiddenRank,
  kPreviousRank,
  kPairsRank,
};

Result<Instance> Parse(const simdjson::padded_string_view& text) {
  // One parser per call: its buffers grow with the document and are freed with it.
  sj::parser parser;
  sj::document doc;
  Instance in;
  Record top("");
  bool has_mentors = false;
  bool has_mentees = false;
  bool is_object = false;
  error_code error = parser.iterate(text).get(doc);
  const bool iterated = !error;
  if (!error) {
    error = [&]() -> error_code {
      sj::json_type type{};
      PAIRWISE_SJ_TRY(doc.type().get(type));
      if (type != sj::json_type::object) {
        top.faults().Add(kUnknownRank - 1, {}, "the instance must be an object", "", false);
        return SUCCESS;
      }
      is_object = true;
      sj::object object;
      PAIRWISE_SJ_TRY(doc.get_object().get(object));
      PAIRWISE_SJ_TRY(EachMember(object, [&](std::string_view key, sj::value& v) {
        Faults& faults = top.faults();
        if (key == "objective") return ReadObjective(top, kObjectiveRank, v, in.objective);
        if (key == "rules") return ReadRules(faults, kRulesRank, v, in.rules);
        if (key == "weights") return ReadWeights(faults, kWeightsRank, v, in.scoring);
        if (key == "scoring") return ReadScoring(faults, kScoringRank, v, in.scoring);
        if (key == "people") return ReadPeople(top, kPeopleRank, v, in);
        if (key == "mentors") return ReadMentors(top, kMentorsRank, v, in, &has_mentors);
        if (key == "mentees") return ReadMentees(top, kMenteesRank, v, in, &has_mentees);
        if (key == "pinned") return ReadPairs(top, kPinnedRank, key, v, in.pinned);
        if (key == "forbidden") return ReadPairs(top, kForbiddenRank, key, v, in.forbidden);
        if (key == "previous_pairs") {
          return ReadPairs(top, kPreviousRank, key, v, in.previous_pairs);
        }
        if (key == "pairs") {
          if (top.Settled(kPairsRank)) return SUCCESS;
          error_code null_check = SUCCESS;
          if (IsNull(v, null_check) || null_check) return null_check;
          // The list is by far the largest part of a big instance: sized once, filled in place.
          return ReadPairs(top, kPairsRank, key, v, in.pairs.emplace(), true);
        }
        top.Unknown(key);
        return SUCCESS;
      }));
      return SUCCESS;
    }();
  }
  if (!error && is_object) {
    // Anything after the instance's closing brace is malformed too.
    const char* rest = nullptr;
    if (!doc.current_location().get(rest)) error = simdjson::TRAILING_CONTENT;
  }
  if (error) {
    return Status::InvalidArgument(MalformedMessage(iterated ? &doc : nullptr, text, error))
        .WithReason("malformed_json");
  }
  if (!is_object) return top.faults().ToStatus("instance");
  if (!has_mentors) top.Missing(kMentorsRank, kMentors);
  if (!has_mentees) top.Missing(kMenteesRank, kMentees);
  if (top.faults().has()) return top.faults().ToStatus("instance");
  return in;
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
  const simdjson::padded_string padded(text.data(), text.size());
  return Parse(padded);
}

namespace {

// A regular file mapped read-only, followed by at least simdjson::SIMDJSON_PADDING readable zero
// bytes (simdjson reads up to that far past the end): the file's pages come straight from the page
// cache, where reading it into a buffer would copy the whole text into as much fresh memory
// (a 100,000-mentee instance is 173 MB, and on a loaded machine fresh pages are what reading
// costs most). Not mapped (Map false): not a regular file, empty, or mmap refused; the caller
// reads it the ordinary way then.
class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
    if (base_ != MAP_FAILED) munmap(base_, length_);
  }

  bool Map(const std::string& path) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
      close(fd);
      return false;
    }
    size_ = static_cast<size_t>(st.st_size);
    const auto page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    const size_t file_length = (size_ + page - 1) / page * page;
    // Zero pages for the padding, then the file over their start: the bytes of the file's
    // last page past its end read as zero too.
    length_ = (size_ + simdjson::SIMDJSON_PADDING + page - 1) / page * page;
    base_ = mmap(nullptr, length_, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base_ != MAP_FAILED && mmap(base_, file_length, PROT_READ,
                                    MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, fd, 0) == MAP_FAILED) {
      munmap(base_, length_);
      base_ = MAP_FAILED;
    }
    close(fd);
    return base_ != MAP_FAILED;
  }

  simdjson::padded_string_view text() const {
    return simdjson::padded_string_view(static_cast<const char*>(base_), size_, length_);
  }

 private:
  void* base_ = MAP_FAILED;
  size_t length_ = 0;
  size_t size_ = 0;
};

}  // namespace

Result<Instance> ReadInstanceFile(const std::string& path) {
  // The text lives only while it is read: the engine's arrays are all that stays.
  {
    MappedFile mapped;
    if (mapped.Map(path)) return Parse(mapped.text());
  }
  simdjson::padded_string text;
  if (simdjson::padded_string::load(path).get(text)) {
    return Status::Unavailable("cannot read " + path);
  }
  return Parse(text);
}

namespace {

// The result is written as nlohmann's dump(2) writes it, but the pairs and the unmatched
// mentees (tens of thousands of each) straight into the text: a document tree of them cost
// more than the engine's whole explanation phase. Scalars go through nlohmann (escaping, UTF-8
// checks, number formats), so the text is the same byte for byte.

// `value` pretty-printed as dump(2) prints it `indent` spaces deep.
void AppendIndented(std::string& out, const ordered_json& value, int indent) {
  for (const char c : value.dump(2)) {
    out += c;
    if (c == '\n') out.append(static_cast<size_t>(indent), ' ');
  }
}

void AppendString(std::string& out, std::string_view text) { out += ordered_json(text).dump(); }

// `"key": ` at `indent`, after the comma and line break of the member before (unless first).
void AppendKey(std::string& out, std::string_view key, int indent, bool first) {
  out += first ? "\n" : ",\n";
  out.append(static_cast<size_t>(indent), ' ');
  out += '"';
  out += key;  // the keys here are plain words
  out += "\": ";
}

// An array of objects at indent 2 (its elements at 4, their members at 6); `element(i)` appends
// element i's members with AppendKey. Empty: [].
template <typename AppendElement>
void AppendObjectArray(std::string& out, size_t count, AppendElement element) {
  if (count == 0) {
    out += "[]";
    return;
  }
  out += '[';
  for (size_t i = 0; i < count; ++i) {
    out += i == 0 ? "\n    {" : ",\n    {";
    element(i);
    out += "\n    }";
  }
  out += "\n  ]";
}

}  // namespace

std::string WriteResultJson(const Engine& engine, const MatchResult& r,
                            const ResultTimings& timings) {
  const Instance& in = engine.instance();
  ordered_json head;
  head["objective"] = std::string(ObjectiveName(r.objective));
  head["optimal"] = r.optimal;
  head["total_score"] = r.total_score;
  head["matched"] = r.matched;
  head["unmatched_count"] = r.unmatched.size();
  head["min_pair_score"] = Optional(r.min_pair_score);
  head["upper_bound"] = Optional(r.upper_bound);
  head["greedy_total_score"] = Optional(r.greedy_total_score);
  if (r.greedy_total_score) {
    head["greedy_matched"] = r.greedy_matched;
    const int64_t gap = r.total_score - *r.greedy_total_score;
    const double percent =
        r.total_score == 0 ? 0.0 : 100.0 * static_cast<double>(gap) / r.total_score;
    head["gap_to_greedy"] = {{"score", gap},
                             {"score_percent", std::round(percent * 1000) / 1000},
                             {"matched", r.matched - r.greedy_matched}};
  } else {
    head["greedy_matched"] = nullptr;
    head["gap_to_greedy"] = nullptr;
  }
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
  ordered_json tail;
  tail["stats"] = {{"threads", s.threads},
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
  tail["timings_ms"] = {{"read", timings.read_ms},       {"prepare", t.prepare_ms},
                        {"candidates", t.candidates_ms}, {"solve", t.solve_ms},
                        {"proof", t.proof_ms},           {"greedy", t.greedy_ms},
                        {"explain", t.explain_ms},       {"total", t.total_ms}};

  std::string out;
  out.reserve(512 + 320 * r.pairs.size() + 320 * r.unmatched.size());
  out += '{';
  bool first = true;
  for (const auto& [key, value] : head.items()) {
    AppendKey(out, key, 2, first);
    AppendIndented(out, value, 2);
    first = false;
  }
  AppendKey(out, "pairs", 2, false);
  AppendObjectArray(out, r.pairs.size(), [&](size_t i) {
    const MatchedPair& p = r.pairs[i];
    AppendKey(out, "mentee", 6, true);
    AppendString(out, in.mentees[p.mentee].person.id);
    AppendKey(out, "mentor", 6, false);
    AppendString(out, in.mentors[p.mentor].person.id);
    AppendKey(out, "score", 6, false);
    out += std::to_string(p.score);
    AppendKey(out, "pinned", 6, false);
    out += p.pinned ? "true" : "false";
    AppendKey(out, "breakdown", 6, false);
    if (p.breakdown.explicit_score) {
      out += "{}";
    } else {
      AppendIndented(out, BreakdownJson(p.breakdown), 6);
    }
    AppendKey(out, "explanation", 6, false);
    AppendString(out, engine.ExplainPair(p));
  });
  AppendKey(out, "unmatched", 2, false);
  AppendObjectArray(out, r.unmatched.size(), [&](size_t i) {
    const UnmatchedMentee& u = r.unmatched[i];
    AppendKey(out, "id", 6, true);
    AppendString(out, in.mentees[u.mentee].person.id);
    AppendKey(out, "reason", 6, false);
    AppendString(out, UnmatchedReasonName(u.reason));
    AppendKey(out, "rule", 6, false);
    if (u.rule) {
      AppendString(out, HardRuleName(*u.rule));
    } else {
      out += "null";
    }
    AppendKey(out, "excluded_by_rule", 6, false);
    out += std::to_string(u.excluded_by_rule);
    AppendKey(out, "eligible_mentors", 6, false);
    out += std::to_string(u.eligible_mentors);
    AppendKey(out, "explanation", 6, false);
    AppendString(out, engine.ExplainUnmatched(u));
  });
  for (const auto& [key, value] : tail.items()) {
    AppendKey(out, key, 2, false);
    AppendIndented(out, value, 2);
  }
  out += "\n}\n";
  return out;
}

}  // namespace pairwise::cli
