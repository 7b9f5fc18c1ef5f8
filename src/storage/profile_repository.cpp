// ProfileRepository over SOCI: the same statements for SQLite and PostgreSQL.
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "storage/bulk_copy.h"
#include "storage/database.h"
#include "storage/fetch_all.h"
#include "storage/like_pattern.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::PersonSummary;
using domain::Profile;
using domain::SkillLevel;

// pg_advisory_xact_lock(kLockSpace, kProfileLock): profile writers take turns on PostgreSQL, as
// SQLite's BEGIN IMMEDIATE makes them, so that replacing a profile (delete, then insert) never
// races another replacement of it.
constexpr int kLockSpace = 0x70777365;  // "pwse", as in database.cpp
constexpr int kProfileLock = 4;
// Beyond this many people, saving reads the whole (id, employee_id) index once instead of
// looking people up one by one.
constexpr std::size_t kScanThreshold = 2000;
// Employee ids per IN list when listing profiles (well under SQLite's 32,766 parameters).
constexpr std::size_t kInBatch = 500;

struct IdKeyColumns {
  std::vector<long long> id;
  std::vector<std::string> key;
  void Resize(std::size_t n) {
    id.resize(n);
    key.resize(n);
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(key));
  }
};

std::string_view KindName(bool offer) { return offer ? "offer" : "want"; }

class SqlProfileRepository final : public domain::ProfileRepository {
 public:
  explicit SqlProfileRepository(Database& db) : db_(db) {}

  Result<std::optional<Profile>> FindProfile(std::string_view employee_id) override {
    std::optional<Profile> found;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      found = Find(s, std::string(employee_id));
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return found;
  }

  Result<std::vector<Profile>> ListProfiles(const std::vector<std::string>& employee_ids) override {
    std::vector<std::string> keys = employee_ids;
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::vector<Profile> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      for (std::size_t begin = 0; begin < keys.size(); begin += kInBatch) {
        const std::size_t end = std::min(keys.size(), begin + kInBatch);
        ListBatch(s, std::span<const std::string>(keys).subspan(begin, end - begin), out);
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status SaveProfiles(std::span<const Profile> profiles) override {
    if (profiles.empty()) return Status::Ok();
    for (const Profile& p : profiles) {
      if (!p.updated_at) return Status::Internal("SaveProfiles needs updated_at");
    }
    return db_.Run(TransactionMode::kWrite,
                   [&](soci::session& s) -> Status { return Save(s, profiles); });
  }

  Result<std::vector<PersonSummary>> SearchPeople(const domain::PeopleSearch& search) override {
    if (search.limit < 1 || search.limit > domain::kMaxPeoplePageSize) {
      return Status::InvalidArgument(
          "limit must be between 1 and " + std::to_string(domain::kMaxPeoplePageSize), "limit");
    }
    std::vector<PersonSummary> found;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      found = Search(s, search);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return found;
  }

 private:
  // Appends the saved profiles of `keys` (sorted, distinct) to `out`, in key order: three
  // queries (profiles, skills, languages), each with one IN list.
  static void ListBatch(soci::session& s, std::span<const std::string> keys,
                        std::vector<Profile>& out) {
    std::string in = "(";
    for (std::size_t i = 0; i < keys.size(); ++i) {
      in += (i ? ", :k" : ":k") + std::to_string(i);
    }
    in += ")";
    const auto bind_keys = [&](soci::statement& st) {
      for (const std::string& key : keys) st.exchange(soci::use(key));
    };
    const std::size_t first = out.size();
    std::unordered_map<long long, std::size_t> index;  // person id -> position in `out`
    struct ProfileColumns {
      std::vector<std::string> key, bio, preference;
      std::vector<soci::indicator> bio_ind;
      std::vector<long long> person, updated;
      std::vector<int> hours;
      void Resize(std::size_t n) {
        key.resize(n), bio.resize(n), preference.resize(n), bio_ind.resize(n);
        person.resize(n), updated.resize(n), hours.resize(n);
      }
      void Bind(soci::statement& st) {
        st.exchange(soci::into(key));
        st.exchange(soci::into(person));
        st.exchange(soci::into(bio, bio_ind));
        st.exchange(soci::into(hours));
        st.exchange(soci::into(preference));
        st.exchange(soci::into(updated));
      }
    } profiles;
    FetchAll(s,
             "SELECT p.employee_id, pr.person_id, pr.bio, pr.availability_hours, "
             "pr.meeting_preference, pr.updated_at_us FROM profiles pr JOIN people p ON p.id = "
             "pr.person_id WHERE p.employee_id IN " +
                 in + " ORDER BY p.employee_id",
             bind_keys, profiles, [&](const ProfileColumns& c) {
               for (std::size_t i = 0; i < c.key.size(); ++i) {
                 Profile p;
                 p.employee_id = c.key[i];
                 if (c.bio_ind[i] == soci::i_ok) p.bio = c.bio[i];
                 p.availability_hours_per_month = c.hours[i];
                 std::optional<domain::MeetingPreference> parsed =
                     domain::ParseMeetingPreference(c.preference[i]);
                 if (!parsed) {
                   throw soci::soci_error("unknown stored meeting preference \"" + c.preference[i] +
                                          "\"");
                 }
                 p.meeting_preference = *parsed;
                 p.updated_at = TimePoint(std::chrono::microseconds(c.updated[i]));
                 index.emplace(c.person[i], out.size());
                 out.push_back(std::move(p));
               }
             });
    if (out.size() == first) return;
    struct SkillColumns {
      std::vector<long long> person;
      std::vector<std::string> kind, code;
      std::vector<int> level;
      void Resize(std::size_t n) {
        person.resize(n), kind.resize(n), code.resize(n), level.resize(n);
      }
      void Bind(soci::statement& st) {
        st.exchange(soci::into(person));
        st.exchange(soci::into(kind));
        st.exchange(soci::into(code));
        st.exchange(soci::into(level));
      }
    } skills;
    FetchAll(
        s,
        "SELECT ps.person_id, ps.kind, k.code, ps.level FROM profile_skills ps JOIN skills k ON "
        "k.id = ps.skill_id JOIN people p ON p.id = ps.person_id WHERE p.employee_id IN " +
            in + " ORDER BY ps.person_id, ps.kind, ps.ordinal",
        bind_keys, skills, [&](const SkillColumns& c) {
          for (std::size_t i = 0; i < c.person.size(); ++i) {
            auto at = index.find(c.person[i]);
            if (at == index.end()) continue;
            Profile& p = out[at->second];
            (c.kind[i] == "offer" ? p.expertise : p.wants).push_back({c.code[i], c.level[i]});
          }
        });
    struct LanguageColumns {
      std::vector<long long> person;
      std::vector<std::string> language;
      void Resize(std::size_t n) { person.resize(n), language.resize(n); }
      void Bind(soci::statement& st) {
        st.exchange(soci::into(person));
        st.exchange(soci::into(language));
      }
    } languages;
    FetchAll(s,
             "SELECT pl.person_id, pl.language FROM profile_languages pl JOIN people p ON p.id = "
             "pl.person_id WHERE p.employee_id IN " +
                 in + " ORDER BY pl.person_id, pl.ordinal",
             bind_keys, languages, [&](const LanguageColumns& c) {
               for (std::size_t i = 0; i < c.person.size(); ++i) {
                 auto at = index.find(c.person[i]);
                 if (at != index.end()) out[at->second].languages.push_back(c.language[i]);
               }
             });
  }

  std::optional<Profile> Find(soci::session& s, const std::string& employee_id) {
    long long person_id = 0, updated_at_us = 0;
    std::string bio, preference;
    int hours = 0;
    soci::indicator bio_ind = soci::i_ok;
    soci::statement st =
        OnceStatement(s,
                      "SELECT pr.person_id, pr.bio, pr.availability_hours, "
                      "pr.meeting_preference, pr.updated_at_us FROM profiles pr "
                      "JOIN people p ON p.id = pr.person_id WHERE p.employee_id = :employee_id",
                      soci::into(person_id), soci::into(bio, bio_ind), soci::into(hours),
                      soci::into(preference), soci::into(updated_at_us), soci::use(employee_id));
    st.execute(true);
    if (!st.got_data()) return std::nullopt;

    Profile profile;
    profile.employee_id = employee_id;
    if (bio_ind == soci::i_ok) profile.bio = bio;
    profile.availability_hours_per_month = hours;
    std::optional<domain::MeetingPreference> parsed = domain::ParseMeetingPreference(preference);
    if (!parsed) throw soci::soci_error("unknown stored meeting preference \"" + preference + "\"");
    profile.meeting_preference = *parsed;
    profile.updated_at = TimePoint(std::chrono::microseconds(updated_at_us));

    struct SkillColumns {
      std::vector<std::string> kind, code;
      std::vector<int> level;
      void Resize(std::size_t n) {
        kind.resize(n);
        code.resize(n);
        level.resize(n);
      }
      void Bind(soci::statement& st) {
        st.exchange(soci::into(kind));
        st.exchange(soci::into(code));
        st.exchange(soci::into(level));
      }
    } skills;
    FetchAll(
        s,
        "SELECT ps.kind, k.code, ps.level FROM profile_skills ps JOIN skills k ON k.id = "
        "ps.skill_id WHERE ps.person_id = :person_id ORDER BY ps.kind, ps.ordinal",
        [&](soci::statement& st) { st.exchange(soci::use(person_id)); }, skills,
        [&](const SkillColumns& c) {
          for (std::size_t i = 0; i < c.kind.size(); ++i) {
            (c.kind[i] == "offer" ? profile.expertise : profile.wants)
                .push_back({c.code[i], c.level[i]});
          }
        });
    struct LanguageColumns {
      std::vector<std::string> language;
      void Resize(std::size_t n) { language.resize(n); }
      void Bind(soci::statement& st) { st.exchange(soci::into(language)); }
    } languages;
    FetchAll(
        s, "SELECT language FROM profile_languages WHERE person_id = :person_id ORDER BY ordinal",
        [&](soci::statement& st) { st.exchange(soci::use(person_id)); }, languages,
        [&](const LanguageColumns& c) {
          profile.languages.insert(profile.languages.end(), c.language.begin(), c.language.end());
        });
    return profile;
  }

  Status Save(soci::session& s, std::span<const Profile> profiles) {
    if (db_.kind() == DatabaseKind::kPostgresql) {
      s << "SELECT pg_advisory_xact_lock(" + std::to_string(kLockSpace) + ", " +
               std::to_string(kProfileLock) + ")";
    }
    // Everything is resolved and checked before the first write.
    std::unordered_map<std::string, long long> skill_ids;
    {
      IdKeyColumns columns;
      FetchAll(
          s, "SELECT id, code FROM skills", [](soci::statement&) {}, columns,
          [&](const IdKeyColumns& c) {
            for (std::size_t i = 0; i < c.id.size(); ++i) skill_ids.emplace(c.key[i], c.id[i]);
          });
    }
    const std::unordered_map<std::string, long long> person_ids = ResolvePeople(s, profiles);
    std::vector<long long> person_id;
    std::vector<std::string> bio, preference;
    std::vector<int> hours;
    std::vector<long long> updated_at_us;
    std::vector<long long> skill_person, skill_id;
    std::vector<std::string> skill_kind;
    std::vector<int> skill_ordinal, skill_level;
    std::vector<long long> language_person;
    std::vector<int> language_ordinal;
    std::vector<std::string> language;
    std::unordered_set<long long> seen;
    for (std::size_t i = 0; i < profiles.size(); ++i) {
      const Profile& p = profiles[i];
      auto id = person_ids.find(p.employee_id);
      if (id == person_ids.end()) {
        return Status::NotFound("no person has employee id \"" + p.employee_id + "\"");
      }
      for (bool offer : {true, false}) {
        const std::vector<SkillLevel>& list = offer ? p.expertise : p.wants;
        for (std::size_t k = 0; k < list.size(); ++k) {
          auto skill = skill_ids.find(list[k].skill);
          if (skill == skill_ids.end()) {
            return Status::InvalidArgument("unknown skill \"" + list[k].skill + "\"",
                                           "profiles[" + std::to_string(i) + "]." +
                                               (offer ? "expertise" : "wants") + "[" +
                                               std::to_string(k) + "].skill");
          }
          skill_person.push_back(id->second);
          skill_kind.emplace_back(KindName(offer));
          skill_ordinal.push_back(static_cast<int>(k));
          skill_id.push_back(skill->second);
          skill_level.push_back(list[k].level);
        }
      }
      if (!seen.insert(id->second).second) {
        return Status::InvalidArgument("a person's profile is repeated in the batch",
                                       "profiles[" + std::to_string(i) + "].employee_id");
      }
      person_id.push_back(id->second);
      bio.push_back(p.bio);
      hours.push_back(p.availability_hours_per_month);
      preference.emplace_back(domain::MeetingPreferenceName(p.meeting_preference));
      updated_at_us.push_back(p.updated_at->time_since_epoch().count());
      for (std::size_t k = 0; k < p.languages.size(); ++k) {
        language_person.push_back(id->second);
        language_ordinal.push_back(static_cast<int>(k));
        language.push_back(p.languages[k]);
      }
    }

    // Replacing deletes the old rows (their skills and languages cascade) and inserts anew.
    std::vector<long long> existing = StoredProfiles(s, person_id);
    if (!existing.empty()) {
      s << "DELETE FROM profiles WHERE person_id = :person_id", soci::use(existing);
    }
    if (IsPostgresql(s)) {  // three COPYs, not a statement per row
      CopyRows profiles(5), skills(5), languages(3);
      for (std::size_t i = 0; i < person_id.size(); ++i) {
        profiles.Int(person_id[i]).Text(bio[i]).Int(hours[i]).Text(preference[i]);
        profiles.Int(updated_at_us[i]);
      }
      for (std::size_t i = 0; i < skill_person.size(); ++i) {
        skills.Int(skill_person[i]).Text(skill_kind[i]).Int(skill_ordinal[i]).Int(skill_id[i]);
        skills.Int(skill_level[i]);
      }
      for (std::size_t i = 0; i < language_person.size(); ++i) {
        languages.Int(language_person[i]).Int(language_ordinal[i]).Text(language[i]);
      }
      CopyInto(s, "profiles",
               "person_id, bio, availability_hours, meeting_preference, updated_at_us", profiles);
      CopyInto(s, "profile_skills", "person_id, kind, ordinal, skill_id, level", skills);
      CopyInto(s, "profile_languages", "person_id, ordinal, language", languages);
      return Status::Ok();
    }
    s << "INSERT INTO profiles (person_id, bio, availability_hours, meeting_preference, "
         "updated_at_us) VALUES (:person_id, :bio, :hours, :preference, :updated_at_us)",
        soci::use(person_id), soci::use(bio), soci::use(hours), soci::use(preference),
        soci::use(updated_at_us);
    if (!skill_person.empty()) {
      s << "INSERT INTO profile_skills (person_id, kind, ordinal, skill_id, level) VALUES "
           "(:person_id, :kind, :ordinal, :skill_id, :level)",
          soci::use(skill_person), soci::use(skill_kind), soci::use(skill_ordinal),
          soci::use(skill_id), soci::use(skill_level);
    }
    if (!language_person.empty()) {
      s << "INSERT INTO profile_languages (person_id, ordinal, language) VALUES (:person_id, "
           ":ordinal, :language)",
          soci::use(language_person), soci::use(language_ordinal), soci::use(language);
    }
    return Status::Ok();
  }

  // Of `person_ids`, those that have a stored profile.
  std::vector<long long> StoredProfiles(soci::session& s,
                                        const std::vector<long long>& person_ids) {
    std::vector<long long> out;
    if (person_ids.size() > kScanThreshold) {
      const std::unordered_set<long long> wanted(person_ids.begin(), person_ids.end());
      struct Ids {
        std::vector<long long> id;
        void Resize(std::size_t n) { id.resize(n); }
        void Bind(soci::statement& st) { st.exchange(soci::into(id)); }
      } columns;
      FetchAll(
          s, "SELECT person_id FROM profiles", [](soci::statement&) {}, columns,
          [&](const Ids& c) {
            for (long long id : c.id) {
              if (wanted.contains(id)) out.push_back(id);
            }
          });
      return out;
    }
    long long id = 0, found = 0;
    soci::statement st = (s.prepare << "SELECT person_id FROM profiles WHERE person_id = :id",
                          soci::use(id), soci::into(found));
    for (long long person : person_ids) {
      id = person;
      st.execute(true);
      if (st.got_data()) out.push_back(person);
    }
    return out;
  }

  std::unordered_map<std::string, long long> ResolvePeople(soci::session& s,
                                                           std::span<const Profile> profiles) {
    std::unordered_map<std::string, long long> ids;
    if (profiles.size() > kScanThreshold) {
      std::unordered_set<std::string_view> wanted;
      for (const Profile& p : profiles) wanted.insert(p.employee_id);
      IdKeyColumns columns;
      FetchAll(
          s, "SELECT id, employee_id FROM people", [](soci::statement&) {}, columns,
          [&](const IdKeyColumns& c) {
            for (std::size_t i = 0; i < c.id.size(); ++i) {
              if (wanted.contains(c.key[i])) ids.emplace(c.key[i], c.id[i]);
            }
          });
      return ids;
    }
    std::string key;
    long long id = 0;
    soci::statement find = (s.prepare << "SELECT id FROM people WHERE employee_id = :e",
                            soci::use(key), soci::into(id));
    for (const Profile& p : profiles) {
      key = p.employee_id;
      find.execute(true);
      if (find.got_data()) ids.emplace(key, id);
    }
    return ids;
  }

  // The id of `code` in `table`, nullopt when there is none.
  static std::optional<long long> IdOfCode(soci::session& s, std::string_view table,
                                           const std::string& code) {
    long long id = 0;
    soci::statement st =
        (s.prepare << "SELECT id FROM " + std::string(table) + " WHERE code = :code",
         soci::use(code), soci::into(id));
    st.execute(true);
    if (!st.got_data()) return std::nullopt;
    return id;
  }

  // Ids of the rows of `table` (departments or skills) whose name or code matches `pattern`
  // (LikePattern), ignoring case.
  static std::vector<long long> IdsLike(soci::session& s, const std::string& table,
                                        const std::string& pattern) {
    std::vector<long long> out;
    struct Columns {
      std::vector<long long> id;
      void Resize(std::size_t n) { id.resize(n); }
      void Bind(soci::statement& st) { st.exchange(soci::into(id)); }
    } columns;
    FetchAll(
        s,
        "SELECT id FROM " + table +
            " WHERE lower(name) LIKE :name ESCAPE '\\' OR lower(code) LIKE :code ESCAPE '\\' "
            "ORDER BY id",
        [&](soci::statement& st) {
          st.exchange(soci::use(pattern));
          st.exchange(soci::use(pattern));
        },
        columns, [&](const Columns& c) { out.insert(out.end(), c.id.begin(), c.id.end()); });
    return out;
  }

  // ":name0, :name1, ..." for each of `ids`.
  static std::string Placeholders(const std::string& name, const std::vector<long long>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      out += (i ? ", :" : ":") + name + std::to_string(i);
    }
    return out;
  }

  std::vector<PersonSummary> Search(soci::session& s, const domain::PeopleSearch& search) {
    // Codes are resolved first so that each filter is on an indexed column of people.
    long long department_id = 0, site_id = 0, skill_id = 0;
    if (!search.department.empty()) {
      auto id = IdOfCode(s, "departments", search.department);
      if (!id) return {};
      department_id = *id;
    }
    if (!search.site.empty()) {
      auto id = IdOfCode(s, "sites", search.site);
      if (!id) return {};
      site_id = *id;
    }
    if (!search.skill.empty()) {
      auto id = IdOfCode(s, "skills", search.skill);
      if (!id) return {};
      skill_id = *id;
    }
    const std::string after = search.after_employee_id;
    const std::string pattern = LikePattern(search.text);
    // The text also finds people by the name or code of their department or of a skill on
    // their profile: those few ids are looked up first, so that people are still scanned once,
    // in employee id order, with indexed IN lists beside the name and email match.
    std::vector<long long> text_departments, text_skills;
    if (!search.text.empty()) {
      text_departments = IdsLike(s, "departments", pattern);
      text_skills = IdsLike(s, "skills", pattern);
    }
    const int limit = search.limit;
    std::vector<std::string> statuses;
    for (domain::EmploymentStatus status : search.statuses) {
      statuses.emplace_back(domain::EmploymentStatusName(status));
    }
    const std::string kind(KindName(search.skill_interest == domain::SkillInterest::kOffer));

    // The statement has a placeholder for each filter that is set, bound in the same order.
    std::string sql =
        "SELECT p.employee_id, p.first_name, p.last_name, p.email, p.job_title, p.level, "
        "d.code, d.name, st.code, st.name, p.status FROM people p "
        "LEFT JOIN departments d ON d.id = p.department_id "
        "LEFT JOIN sites st ON st.id = p.site_id WHERE p.employee_id > :after";
    if (!statuses.empty()) {
      sql += " AND p.status IN (";
      for (std::size_t i = 0; i < statuses.size(); ++i) {
        sql += (i ? ", :status" : ":status") + std::to_string(i);
      }
      sql += ")";
    }
    if (department_id) sql += " AND p.department_id = :department_id";
    if (site_id) sql += " AND p.site_id = :site_id";
    if (!search.text.empty()) {
      sql +=
          " AND (lower(p.first_name || ' ' || p.last_name) LIKE :name_pattern ESCAPE '\\' "
          "OR lower(p.email) LIKE :email_pattern ESCAPE '\\'";
      if (!text_departments.empty()) {
        sql += " OR p.department_id IN (" + Placeholders("text_department", text_departments) + ")";
      }
      if (!text_skills.empty()) {
        sql += " OR p.id IN (SELECT ts.person_id FROM profile_skills ts WHERE ts.skill_id IN (" +
               Placeholders("text_skill", text_skills) + "))";
      }
      sql += ")";
    }
    if (skill_id) {
      // An uncorrelated IN list is built once from the skill index; a correlated EXISTS would
      // probe it once for every person scanned (100 ms for a rare skill over 100,000 people).
      sql +=
          " AND p.id IN (SELECT ps.person_id FROM profile_skills ps WHERE ps.skill_id = :skill_id";
      if (search.skill_interest != domain::SkillInterest::kEither) sql += " AND ps.kind = :kind";
      sql += ")";
    }
    sql += " ORDER BY p.employee_id LIMIT :limit";

    struct SummaryColumns {
      std::vector<std::string> employee_id, first_name, last_name, email, job_title, department,
          department_name, site, site_name, status;
      std::vector<int> level;
      std::vector<soci::indicator> department_ind, department_name_ind, site_ind, site_name_ind;
      void Resize(std::size_t n) {
        for (auto* v : {&employee_id, &first_name, &last_name, &email, &job_title, &department,
                        &department_name, &site, &site_name, &status}) {
          v->resize(n);
        }
        level.resize(n);
        for (auto* v : {&department_ind, &department_name_ind, &site_ind, &site_name_ind}) {
          v->resize(n);
        }
      }
      void Bind(soci::statement& st) {
        st.exchange(soci::into(employee_id));
        st.exchange(soci::into(first_name));
        st.exchange(soci::into(last_name));
        st.exchange(soci::into(email));
        st.exchange(soci::into(job_title));
        st.exchange(soci::into(level));
        st.exchange(soci::into(department, department_ind));
        st.exchange(soci::into(department_name, department_name_ind));
        st.exchange(soci::into(site, site_ind));
        st.exchange(soci::into(site_name, site_name_ind));
        st.exchange(soci::into(status));
      }
    } columns;
    std::vector<PersonSummary> out;
    FetchAll(
        s, sql,
        [&](soci::statement& st) {
          st.exchange(soci::use(after));
          for (const std::string& status : statuses) st.exchange(soci::use(status));
          if (department_id) st.exchange(soci::use(department_id));
          if (site_id) st.exchange(soci::use(site_id));
          if (!search.text.empty()) {
            st.exchange(soci::use(pattern));
            st.exchange(soci::use(pattern));
            for (const long long& id : text_departments) st.exchange(soci::use(id));
            for (const long long& id : text_skills) st.exchange(soci::use(id));
          }
          if (skill_id) {
            st.exchange(soci::use(skill_id));
            if (search.skill_interest != domain::SkillInterest::kEither) {
              st.exchange(soci::use(kind));
            }
          }
          st.exchange(soci::use(limit));
        },
        columns,
        [&](const SummaryColumns& c) {
          for (std::size_t i = 0; i < c.employee_id.size(); ++i) {
            PersonSummary p;
            p.employee_id = c.employee_id[i];
            p.first_name = c.first_name[i];
            p.last_name = c.last_name[i];
            p.email = c.email[i];
            p.job_title = c.job_title[i];
            p.level = c.level[i];
            if (c.department_ind[i] == soci::i_ok) p.department_code = c.department[i];
            if (c.department_name_ind[i] == soci::i_ok) p.department_name = c.department_name[i];
            if (c.site_ind[i] == soci::i_ok) p.site_code = c.site[i];
            if (c.site_name_ind[i] == soci::i_ok) p.site_name = c.site_name[i];
            std::optional<domain::EmploymentStatus> status =
                domain::ParseEmploymentStatus(c.status[i]);
            if (!status) throw soci::soci_error("unknown stored status \"" + c.status[i] + "\"");
            p.status = *status;
            out.push_back(std::move(p));
          }
        });
    return out;
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<domain::ProfileRepository> MakeProfileRepository(Database& db) {
  return std::make_unique<SqlProfileRepository>(db);
}

}  // namespace pairwise::storage
