// AssessmentRepository over SOCI. A sheet's ratings are read with one join per query (a
// program's sheets in one statement, not one per sheet); a save is one transaction whose
// version check is the UPDATE's own WHERE (or the UNIQUE key for a first save), so two tabs
// saving at once cannot both win. SaveNew writes many new sheets in bulk (COPY on PostgreSQL).
#include "storage/assessment_repository.h"

#include <soci/soci.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "storage/bulk_copy.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {
namespace {

using domain::Assessment;
using domain::AssessmentCompetency;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

Status Stale() {
  return Status::Conflict("These ratings changed meanwhile; read them again.")
      .WithReason("stale_assessment");
}

// The sheets `where` selects (over `assessments a`), with their ratings, ordered by id.
std::vector<Assessment> Select(soci::session& s, const std::string& where, long long key) {
  long long id = 0, relationship = 0, program = 0, version = 0, updated = 0, rating = 0;
  std::string rater, phase, competency;
  soci::indicator competency_ind = soci::i_ok, rating_ind = soci::i_ok;
  soci::statement st =
      (s.prepare << "SELECT a.id, a.relationship_id, a.program_id, a.rater, a.phase, a.version, "
                    "a.updated_at_us, r.competency, r.rating FROM assessments a LEFT JOIN "
                    "assessment_ratings r ON r.assessment_id = a.id " +
                        where + " ORDER BY a.id, r.competency",
       soci::use(key), soci::into(id), soci::into(relationship), soci::into(program),
       soci::into(rater), soci::into(phase), soci::into(version), soci::into(updated),
       soci::into(competency, competency_ind), soci::into(rating, rating_ind));
  std::vector<Assessment> out;
  long long last = -1;
  for (bool more = st.execute(true); more; more = st.fetch()) {
    if (id != last) {
      Assessment a;
      a.relationship = domain::RelationshipId(relationship);
      a.program = domain::ProgramId(program);
      a.rater = rater == "mentor" ? domain::Side::kMentor : domain::Side::kMentee;
      a.phase = domain::ParseAssessmentPhase(phase).value_or(domain::AssessmentPhase::kStart);
      a.version = static_cast<int>(version);
      a.updated_at = FromUs(updated);
      out.push_back(std::move(a));
      last = id;
    }
    if (competency_ind == soci::i_ok && rating_ind == soci::i_ok) {
      out.back().ratings[competency] = static_cast<int>(rating);
    }
  }
  return out;
}

class SqlAssessmentRepository final : public domain::AssessmentRepository {
 public:
  explicit SqlAssessmentRepository(Database& db) : db_(db) {}

  Result<std::vector<AssessmentCompetency>> Competencies(domain::ProgramId program) override {
    std::vector<AssessmentCompetency> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      const long long id = program.value;
      std::string code, name;
      soci::statement st = (s.prepare << "SELECT code, name FROM assessment_competencies WHERE "
                                         "program_id = :p ORDER BY position",
                            soci::use(id), soci::into(code), soci::into(name));
      for (bool more = st.execute(true); more; more = st.fetch()) out.push_back({code, name});
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status SetCompetencies(domain::ProgramId program,
                         const std::vector<AssessmentCompetency>& competencies) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long id = program.value;
      s << "DELETE FROM assessment_competencies WHERE program_id = :p", soci::use(id);
      for (std::size_t i = 0; i < competencies.size(); ++i) {
        const int position = static_cast<int>(i);
        s << "INSERT INTO assessment_competencies (program_id, position, code, name) VALUES "
             "(:p, :i, :c, :n)",
            soci::use(id), soci::use(position), soci::use(competencies[i].code),
            soci::use(competencies[i].name);
      }
      return Status::Ok();
    });
  }

  Result<std::vector<Assessment>> OfRelationship(domain::RelationshipId relationship) override {
    return Read("WHERE a.relationship_id = :k", relationship.value);
  }

  Result<std::vector<Assessment>> OfProgram(domain::ProgramId program) override {
    return Read("WHERE a.program_id = :k", program.value);
  }

  Result<Assessment> Save(const Assessment& sheet, int expected_version) override {
    Assessment out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long relationship = sheet.relationship.value, program = sheet.program.value,
                      updated = Us(sheet.updated_at);
      const std::string rater(domain::SideName(sheet.rater));
      const std::string phase(domain::AssessmentPhaseName(sheet.phase));
      long long id = 0;
      if (expected_version == 0) {
        soci::indicator found = soci::i_null;
        s << "SELECT id FROM assessments WHERE relationship_id = :r AND rater = :s AND phase = :p",
            soci::use(relationship), soci::use(rater), soci::use(phase), soci::into(id, found);
        if (s.got_data() && found == soci::i_ok) return Stale();
        // A racing first save of the same sheet fails on the UNIQUE key (a Conflict as well).
        s << "INSERT INTO assessments (relationship_id, program_id, rater, phase, version, "
             "updated_at_us) VALUES (:r, :g, :s, :p, 1, :u) RETURNING id",
            soci::use(relationship), soci::use(program), soci::use(rater), soci::use(phase),
            soci::use(updated), soci::into(id);
      } else {
        soci::statement st =
            (s.prepare << "UPDATE assessments SET version = version + 1, updated_at_us = :u "
                          "WHERE relationship_id = :r AND rater = :s AND phase = :p AND "
                          "version = :v",
             soci::use(updated), soci::use(relationship), soci::use(rater), soci::use(phase),
             soci::use(expected_version));
        st.execute(true);
        if (st.get_affected_rows() != 1) return Stale();
        s << "SELECT id FROM assessments WHERE relationship_id = :r AND rater = :s AND phase = :p",
            soci::use(relationship), soci::use(rater), soci::use(phase), soci::into(id);
        s << "DELETE FROM assessment_ratings WHERE assessment_id = :a", soci::use(id);
      }
      for (const auto& [code, rating] : sheet.ratings) {
        s << "INSERT INTO assessment_ratings (assessment_id, competency, rating) VALUES (:a, :c, "
             ":r)",
            soci::use(id), soci::use(code), soci::use(rating);
      }
      out = Select(s, "WHERE a.id = :k", id).front();
      return Status::Ok();
    });
    if (!status.ok()) {
      if (status.code() == ErrorCode::kConflict && status.reason().empty()) return Stale();
      return status;
    }
    return out;
  }

  Status SaveNew(const std::vector<Assessment>& sheets) override {
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      if (sheets.empty()) return Status::Ok();
      if (IsPostgresql(s)) {
        // Ids first (one round trip), so that the sheets and their ratings go in one COPY each;
        // the UNIQUE key refuses a sheet that exists or comes twice, as in Save.
        const std::vector<std::int64_t> ids = ReserveIds(s, "assessments", sheets.size());
        CopyRows rows(7), ratings(3);
        for (std::size_t i = 0; i < sheets.size(); ++i) {
          const Assessment& sheet = sheets[i];
          rows.Int(ids[i]).Int(sheet.relationship.value).Int(sheet.program.value);
          rows.Text(domain::SideName(sheet.rater)).Text(domain::AssessmentPhaseName(sheet.phase));
          rows.Int(1).Int(Us(sheet.updated_at));
          for (const auto& [code, rating] : sheet.ratings) {
            ratings.Int(ids[i]).Text(code).Int(rating);
          }
        }
        CopyInto(s, "assessments",
                 "id, relationship_id, program_id, rater, phase, version, updated_at_us", rows);
        CopyInto(s, "assessment_ratings", "assessment_id, competency, rating", ratings);
        return Status::Ok();
      }
      // SQLite: a prepared statement per table, stepped per row in-process.
      long long relationship = 0, program = 0, updated = 0, id = 0;
      std::string rater, phase, code;
      int rating = 0;
      soci::statement add_sheet =
          (s.prepare << "INSERT INTO assessments (relationship_id, program_id, rater, phase, "
                        "version, updated_at_us) VALUES (:r, :g, :s, :p, 1, :u) RETURNING id",
           soci::use(relationship), soci::use(program), soci::use(rater), soci::use(phase),
           soci::use(updated), soci::into(id));
      soci::statement add_rating =
          (s.prepare << "INSERT INTO assessment_ratings (assessment_id, competency, rating) "
                        "VALUES (:a, :c, :r)",
           soci::use(id), soci::use(code), soci::use(rating));
      for (const Assessment& sheet : sheets) {
        relationship = sheet.relationship.value;
        program = sheet.program.value;
        rater = std::string(domain::SideName(sheet.rater));
        phase = std::string(domain::AssessmentPhaseName(sheet.phase));
        updated = Us(sheet.updated_at);
        add_sheet.execute(true);
        for (const auto& [c, r] : sheet.ratings) {
          code = c;
          rating = r;
          add_rating.execute(true);
        }
      }
      return Status::Ok();
    });
    if (status.code() == ErrorCode::kConflict && status.reason().empty()) return Stale();
    return status;
  }

 private:
  Result<std::vector<Assessment>> Read(const std::string& where, long long key) {
    std::vector<Assessment> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = Select(s, where, key);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<domain::AssessmentRepository> MakeAssessmentRepository(Database& db) {
  return std::make_unique<SqlAssessmentRepository>(db);
}

}  // namespace pairwise::storage
