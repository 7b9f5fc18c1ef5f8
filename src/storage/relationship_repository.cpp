// RelationshipRepository over SOCI: the relationships table (migrations 0010, 0012 and 0015)
// with the agreement templates and agreements, the same statements for SQLite and PostgreSQL,
// and InsertRelationships, through which publishing a proposal (proposal_repository.cpp) and
// accepting a self-match request (match_request_repository.cpp) create relationships; and the
// RelationshipCourseWriter, which loads past relationships' courses in bulk.
#include <soci/soci.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/bulk_copy.h"
#include "storage/database.h"
#include "storage/fetch_all.h"
#include "storage/relationship_courses.h"
#include "storage/relationship_rows.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::Agreement;
using domain::AgreementTemplate;
using domain::Relationship;
using domain::RelationshipId;
using domain::RelationshipStatus;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

Status Conflict(std::string message, std::string reason) {
  return Status::Error(ErrorCode::kConflict, std::move(message)).WithReason(std::move(reason));
}

std::optional<TimePoint> Optional(long long us, soci::indicator ind) {
  if (ind != soci::i_ok) return std::nullopt;
  return FromUs(us);
}

// A nullable time bound as a use() element.
struct NullableUs {
  long long value = 0;
  soci::indicator ind = soci::i_null;
  explicit NullableUs(const std::optional<TimePoint>& t) {
    if (t) value = Us(*t), ind = soci::i_ok;
  }
};

struct RelationshipColumns {
  std::vector<long long> id, program, proposal, request, score, started, activated, ended,
      mentor_done, mentee_done;
  std::vector<std::string> mentor, mentee, status, source, explanation, end_reason, ended_by,
      comment;
  std::vector<soci::indicator> proposal_ind, request_ind, activated_ind, ended_ind, mentor_done_ind,
      mentee_done_ind;
  void Resize(std::size_t n) {
    for (auto* v : {&id, &program, &proposal, &request, &score, &started, &activated, &ended,
                    &mentor_done, &mentee_done}) {
      v->resize(n);
    }
    for (auto* v :
         {&mentor, &mentee, &status, &source, &explanation, &end_reason, &ended_by, &comment}) {
      v->resize(n);
    }
    for (auto* v : {&proposal_ind, &request_ind, &activated_ind, &ended_ind, &mentor_done_ind,
                    &mentee_done_ind}) {
      v->resize(n);
    }
  }
  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(program));
    st.exchange(soci::into(mentor));
    st.exchange(soci::into(mentee));
    st.exchange(soci::into(status));
    st.exchange(soci::into(source));
    st.exchange(soci::into(proposal, proposal_ind));
    st.exchange(soci::into(request, request_ind));
    st.exchange(soci::into(score));
    st.exchange(soci::into(explanation));
    st.exchange(soci::into(started));
    st.exchange(soci::into(activated, activated_ind));
    st.exchange(soci::into(ended, ended_ind));
    st.exchange(soci::into(end_reason));
    st.exchange(soci::into(ended_by));
    st.exchange(soci::into(comment));
    st.exchange(soci::into(mentor_done, mentor_done_ind));
    st.exchange(soci::into(mentee_done, mentee_done_ind));
  }
  Relationship At(std::size_t i) const {
    Relationship r;
    r.id = RelationshipId(id[i]);
    r.program = domain::ProgramId(program[i]);
    r.mentor = mentor[i];
    r.mentee = mentee[i];
    auto parsed = domain::ParseRelationshipStatus(status[i]);
    if (!parsed) throw soci::soci_error("unknown stored relationship status \"" + status[i] + "\"");
    r.status = *parsed;
    auto parsed_source = domain::ParseRelationshipSource(source[i]);
    if (!parsed_source) {
      throw soci::soci_error("unknown stored relationship source \"" + source[i] + "\"");
    }
    r.source = *parsed_source;
    if (proposal_ind[i] == soci::i_ok) r.proposal = domain::ProposalId(proposal[i]);
    if (request_ind[i] == soci::i_ok) r.request = domain::MatchRequestId(request[i]);
    r.score = static_cast<int>(score[i]);
    r.explanation = explanation[i];
    r.started_at = FromUs(started[i]);
    r.activated_at = Optional(activated[i], activated_ind[i]);
    r.ended_at = Optional(ended[i], ended_ind[i]);
    r.end_reason = end_reason[i];
    r.ended_by = ended_by[i];
    r.end_comment = comment[i];
    r.mentor_completed_at = Optional(mentor_done[i], mentor_done_ind[i]);
    r.mentee_completed_at = Optional(mentee_done[i], mentee_done_ind[i]);
    return r;
  }
};

// The terms' columns, read with fixed C++ types (SQLite reports an INTEGER as int or long long
// by value, which soci::row would not convert).
struct TermsRow {
  std::string confidentiality, mode, how_to_end;
  long long cadence_days = 0, length_months = 0;
  static constexpr const char* kColumns =
      "confidentiality, cadence_days, length_months, mode, how_to_end";
  void Bind(soci::details::once_temp_type& q) {
    q, soci::into(confidentiality), soci::into(cadence_days), soci::into(length_months),
        soci::into(mode), soci::into(how_to_end);
  }
  domain::AgreementTerms Terms() const {
    domain::AgreementTerms t;
    t.confidentiality = confidentiality;
    t.cadence_days = static_cast<int>(cadence_days);
    t.length_months = static_cast<int>(length_months);
    const auto parsed = domain::ParseAgreementMode(mode);
    if (!parsed) throw soci::soci_error("unknown stored meeting mode \"" + mode + "\"");
    t.mode = *parsed;
    t.how_to_end = how_to_end;
    return t;
  }
};

std::optional<Relationship> RelationshipById(soci::session& s, long long id) {
  auto found = SelectRelationships(s, "WHERE id = :id",
                                   [&](soci::statement& st) { st.exchange(soci::use(id)); });
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

Status NoRelationship(RelationshipId id) {
  return Status::NotFound("no relationship " + std::to_string(id.value));
}

class SqlRelationshipRepository final : public domain::RelationshipRepository {
 public:
  explicit SqlRelationshipRepository(Database& db) : db_(db) {}

  Result<std::vector<Relationship>> ListForPerson(std::string_view employee_id) override {
    const std::string key(employee_id);
    return Select("WHERE mentor = :m OR mentee = :e ORDER BY started_at_us DESC, id DESC",
                  [&](soci::statement& st) {
                    st.exchange(soci::use(key));
                    st.exchange(soci::use(key));
                  });
  }

  Result<std::vector<Relationship>> ListForProgram(domain::ProgramId program,
                                                   bool in_force_only) override {
    const long long key = program.value;
    return Select(in_force_only ? "WHERE program_id = :p AND status IN ('pending_agreement', "
                                  "'active') ORDER BY id"
                                : "WHERE program_id = :p ORDER BY id",
                  [&](soci::statement& st) { st.exchange(soci::use(key)); });
  }

  Result<Relationship> FindRelationship(RelationshipId id) override {
    const long long key = id.value;
    auto found =
        Select("WHERE id = :id", [&](soci::statement& st) { st.exchange(soci::use(key)); });
    if (!found.ok()) return found.status();
    if (found->empty()) return NoRelationship(id);
    return std::move(found->front());
  }

  Result<std::vector<std::pair<std::string, std::string>>> ListAllPairs() override {
    std::vector<std::pair<std::string, std::string>> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      struct Columns {
        std::vector<std::string> mentee, mentor;
        void Resize(std::size_t n) { mentee.resize(n), mentor.resize(n); }
        void Bind(soci::statement& st) {
          st.exchange(soci::into(mentee));
          st.exchange(soci::into(mentor));
        }
      } columns;
      FetchAll(
          s, "SELECT DISTINCT mentee, mentor FROM relationships ORDER BY mentee, mentor",
          [](soci::statement&) {}, columns,
          [&](const Columns& c) {
            for (std::size_t i = 0; i < c.mentee.size(); ++i) {
              out.emplace_back(c.mentee[i], c.mentor[i]);
            }
          });
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<domain::RelationshipPage> ListProgramPage(
      domain::ProgramId program, const domain::RelationshipPageQuery& query) override {
    if (query.offset < 0) return Status::InvalidArgument("offset must be 0 or more", "offset");
    if (query.limit < 1 || query.limit > domain::kMaxRelationshipPageSize) {
      return Status::InvalidArgument(
          "limit must be 1.." + std::to_string(domain::kMaxRelationshipPageSize), "limit");
    }
    domain::RelationshipPage page;
    const long long key = program.value, offset = query.offset, limit = query.limit;
    const std::string status =
        query.status ? std::string(domain::RelationshipStatusName(*query.status)) : "";
    const std::string filter = std::string("WHERE program_id = :p") +
                               (query.status ? " AND status = :s" : "") +
                               (query.person.empty() ? "" : " AND (mentor = :m OR mentee = :e)");
    Status result = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      long long total = 0;
      auto bind_filter = [&](soci::statement& st) {
        st.exchange(soci::use(key));
        if (query.status) st.exchange(soci::use(status));
        if (!query.person.empty()) {
          st.exchange(soci::use(query.person));
          st.exchange(soci::use(query.person));
        }
      };
      {
        soci::statement st(s);
        st.exchange(soci::into(total));
        bind_filter(st);
        PrepareOnce(st, "SELECT COUNT(*) FROM relationships " + filter);
        st.execute(true);
      }
      page.total = total;
      page.items = SelectRelationships(s, filter + " ORDER BY id LIMIT :l OFFSET :o",
                                       [&](soci::statement& st) {
                                         bind_filter(st);
                                         st.exchange(soci::use(limit));
                                         st.exchange(soci::use(offset));
                                       });
      return Status::Ok();
    });
    if (!result.ok()) return result;
    return page;
  }

  Result<std::optional<AgreementTemplate>> FindTemplate(domain::ProgramId program) override {
    std::optional<AgreementTemplate> out;
    const long long key = program.value;
    // One statement, consistent by itself: no BEGIN and COMMIT round trips around it.
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) -> Status {
      out.reset();
      TermsRow row;
      std::string by;
      long long at = 0;
      {
        soci::details::once_temp_type q =
            (s << std::string("SELECT ") + TermsRow::kColumns +
                      ", updated_by, updated_at_us FROM agreement_templates WHERE program_id = :p",
             soci::use(key));
        row.Bind(q);
        q, soci::into(by), soci::into(at);
      }
      if (s.got_data()) {
        AgreementTemplate t;
        t.terms = row.Terms();
        t.updated_by = by;
        t.updated_at = FromUs(at);
        out = std::move(t);
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status SaveTemplate(domain::ProgramId program, const AgreementTemplate& saved) override {
    const long long key = program.value;
    const domain::AgreementTerms& t = saved.terms;
    const std::string mode(domain::AgreementModeName(t.mode));
    const long long at = Us(saved.updated_at.value_or(TimePoint{}));
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      s << "DELETE FROM agreement_templates WHERE program_id = :p", soci::use(key);
      s << "INSERT INTO agreement_templates (program_id, confidentiality, cadence_days, "
           "length_months, mode, how_to_end, updated_by, updated_at_us) VALUES (:p, :c, :d, :l, "
           ":m, :h, :b, :t)",
          soci::use(key), soci::use(t.confidentiality), soci::use(t.cadence_days),
          soci::use(t.length_months), soci::use(mode), soci::use(t.how_to_end),
          soci::use(saved.updated_by), soci::use(at);
      return Status::Ok();
    });
  }

  Result<std::optional<Agreement>> FindAgreement(RelationshipId id) override {
    std::optional<Agreement> out;
    // One statement, consistent by itself: no BEGIN and COMMIT round trips around it.
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) -> Status {
      out = AgreementOf(s, id.value);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<Relationship> SaveAgreement(const Agreement& agreement, int expected_version,
                                     TimePoint now) override {
    Relationship after;
    const long long key = agreement.relationship_id;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      std::optional<Relationship> relationship = RelationshipById(s, key);
      if (!relationship) return NoRelationship(RelationshipId(key));
      if (relationship->status != RelationshipStatus::kPendingAgreement) {
        return Conflict("the agreement can change only while the relationship is pending",
                        "not_pending");
      }
      const domain::AgreementTerms& t = agreement.terms;
      const std::string mode(domain::AgreementModeName(t.mode));
      const int version = expected_version + 1;
      NullableUs mentor(agreement.mentor_accepted_at), mentee(agreement.mentee_accepted_at);
      if (expected_version == 0) {
        if (AgreementOf(s, key)) return Stale();
        s << "INSERT INTO relationship_agreements (relationship_id, confidentiality, "
             "cadence_days, length_months, mode, how_to_end, version, adjusted_by, "
             "mentor_accepted_at_us, mentee_accepted_at_us) VALUES (:r, :c, :d, :l, :m, :h, :v, "
             ":b, :ma, :ea)",
            soci::use(key), soci::use(t.confidentiality), soci::use(t.cadence_days),
            soci::use(t.length_months), soci::use(mode), soci::use(t.how_to_end),
            soci::use(version), soci::use(agreement.adjusted_by),
            soci::use(mentor.value, mentor.ind), soci::use(mentee.value, mentee.ind);
      } else {
        soci::statement st = OnceStatement(
            s,
            "UPDATE relationship_agreements SET confidentiality = :c, "
            "cadence_days = :d, length_months = :l, mode = :m, how_to_end = :h, "
            "version = :v, adjusted_by = :b, mentor_accepted_at_us = :ma, "
            "mentee_accepted_at_us = :ea WHERE relationship_id = :r AND version = "
            ":old",
            soci::use(t.confidentiality), soci::use(t.cadence_days), soci::use(t.length_months),
            soci::use(mode), soci::use(t.how_to_end), soci::use(version),
            soci::use(agreement.adjusted_by), soci::use(mentor.value, mentor.ind),
            soci::use(mentee.value, mentee.ind), soci::use(key), soci::use(expected_version));
        st.execute(true);
        if (st.get_affected_rows() != 1) return Stale();
      }
      if (agreement.BothAccepted()) {
        const long long at = Us(now);
        s << "UPDATE relationships SET status = 'active', activated_at_us = :t WHERE id = :id "
             "AND status = 'pending_agreement'",
            soci::use(at), soci::use(key);
      }
      after = *RelationshipById(s, key);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return after;
  }

  Result<Relationship> End(RelationshipId id, const domain::RelationshipEnding& ending) override {
    Relationship after;
    const long long key = id.value, at = Us(ending.at);
    const std::string reason(domain::EndReasonName(ending.reason));
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      soci::statement st =
          OnceStatement(s,
                        "UPDATE relationships SET status = 'ended_early', ended_at_us = :t, "
                        "end_reason = :r, ended_by = :b, end_comment = :c, activated_at_us = "
                        "COALESCE(activated_at_us, started_at_us) WHERE id = :id AND status IN "
                        "('pending_agreement', 'active')",
                        soci::use(at), soci::use(reason), soci::use(ending.ended_by),
                        soci::use(ending.comment), soci::use(key));
      st.execute(true);
      std::optional<Relationship> found = RelationshipById(s, key);
      if (!found) return NoRelationship(id);
      if (st.get_affected_rows() != 1) {
        return Conflict("the relationship has ended already", "not_in_force");
      }
      after = std::move(*found);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return after;
  }

  Result<Relationship> MarkComplete(RelationshipId id, domain::Side side, TimePoint at) override {
    Relationship after;
    const long long key = id.value, when = Us(at);
    const std::string column =
        side == domain::Side::kMentor ? "mentor_completed_at_us" : "mentee_completed_at_us";
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      std::optional<Relationship> found = RelationshipById(s, key);
      if (!found) return NoRelationship(id);
      if (found->status != RelationshipStatus::kActive) {
        return Conflict("only an active relationship can be marked complete", "not_active");
      }
      s << "UPDATE relationships SET " + column + " = COALESCE(" + column + ", :t) WHERE id = :id",
          soci::use(when), soci::use(key);
      s << "UPDATE relationships SET status = 'completed', ended_at_us = :t, end_reason = "
           "'completed' WHERE id = :id AND mentor_completed_at_us IS NOT NULL AND "
           "mentee_completed_at_us IS NOT NULL",
          soci::use(when), soci::use(key);
      after = *RelationshipById(s, key);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return after;
  }

 private:
  static Status Stale() {
    return Conflict("The agreement changed meanwhile; read it again.", "stale_agreement");
  }

  static std::optional<Agreement> AgreementOf(soci::session& s, long long id) {
    std::optional<Agreement> out;
    TermsRow row;
    long long version = 0, mentor = 0, mentee = 0;
    std::string adjusted_by;
    soci::indicator mentor_ind = soci::i_null, mentee_ind = soci::i_null;
    {
      soci::details::once_temp_type q =
          (s << std::string("SELECT ") + TermsRow::kColumns +
                    ", version, adjusted_by, mentor_accepted_at_us, mentee_accepted_at_us FROM "
                    "relationship_agreements WHERE relationship_id = :r",
           soci::use(id));
      row.Bind(q);
      q, soci::into(version), soci::into(adjusted_by), soci::into(mentor, mentor_ind),
          soci::into(mentee, mentee_ind);
    }
    if (s.got_data()) {
      Agreement a;
      a.relationship_id = id;
      a.terms = row.Terms();
      a.version = static_cast<int>(version);
      a.adjusted_by = adjusted_by;
      a.mentor_accepted_at = Optional(mentor, mentor_ind);
      a.mentee_accepted_at = Optional(mentee, mentee_ind);
      out = std::move(a);
    }
    return out;
  }

  Result<std::vector<Relationship>> Select(const std::string& where,
                                           const std::function<void(soci::statement&)>& bind) {
    std::vector<Relationship> out;
    // One statement, consistent by itself: no BEGIN and COMMIT round trips around it.
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) -> Status {
      out = SelectRelationships(s, where, bind);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Database& db_;
};

class SqlRelationshipCourseWriter final : public domain::RelationshipCourseWriter {
 public:
  explicit SqlRelationshipCourseWriter(Database& db) : db_(db) {}

  Status ImportCourses(const std::vector<domain::RelationshipCourse>& courses) override {
    for (const domain::RelationshipCourse& c : courses) {
      if (!c.agreement.BothAccepted()) {
        return Status::InvalidArgument("both sides accept a past relationship's agreement",
                                       "agreement");
      }
    }
    // What the relationship row becomes: completed or ended early (the calls one by one leave
    // ended_by and end_comment empty on completion, as a pending row has them).
    struct Row {
      long long id, activated, ended, mentor_done, mentee_done;
      std::string status, reason, ended_by, comment;
      bool completed;
    };
    std::vector<Row> rows;
    rows.reserve(courses.size());
    for (const domain::RelationshipCourse& c : courses) {
      Row r{c.agreement.relationship_id, Us(c.activated_at), 0, 0, 0, "", "", "", "", !c.ending};
      if (c.ending) {
        r.status = "ended_early";
        r.ended = Us(c.ending->at);
        r.reason = std::string(domain::EndReasonName(c.ending->reason));
        r.ended_by = c.ending->ended_by;
        r.comment = c.ending->comment;
      } else {
        r.status = "completed";
        r.ended = r.mentor_done = r.mentee_done = Us(c.completed_at);
        r.reason = "completed";
      }
      rows.push_back(std::move(r));
    }
    const std::string agreement_columns =
        "relationship_id, confidentiality, cadence_days, length_months, mode, how_to_end, "
        "version, adjusted_by, mentor_accepted_at_us, mentee_accepted_at_us";
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      if (courses.empty()) return Status::Ok();
      // A second agreement, or an unknown relationship, fails on the agreements' keys (a
      // Conflict); a relationship no longer pending is not updated, and counted below.
      long long updated = 0;
      if (IsPostgresql(s)) {
        CopyRows agreements(10), changes(9);
        for (std::size_t i = 0; i < courses.size(); ++i) {
          const Agreement& a = courses[i].agreement;
          const domain::AgreementTerms& t = a.terms;
          agreements.Int(a.relationship_id).Text(t.confidentiality).Int(t.cadence_days);
          agreements.Int(t.length_months)
              .Text(domain::AgreementModeName(t.mode))
              .Text(t.how_to_end);
          agreements.Int(1).Text(a.adjusted_by).Int(Us(*a.mentor_accepted_at));
          agreements.Int(Us(*a.mentee_accepted_at));
          const Row& r = rows[i];
          changes.Int(r.id).Text(r.status).Int(r.activated).Int(r.ended).Text(r.reason);
          changes.Text(r.ended_by).Text(r.comment);
          changes.IntOrNull(r.completed ? std::optional<std::int64_t>(r.mentor_done)
                                        : std::nullopt);
          changes.IntOrNull(r.completed ? std::optional<std::int64_t>(r.mentee_done)
                                        : std::nullopt);
        }
        CopyInto(s, "relationship_agreements", agreement_columns, agreements);
        const std::string load = CopyIntoTemp(
            s, "relationships",
            "id, status, activated_at_us, ended_at_us, end_reason, ended_by, end_comment, "
            "mentor_completed_at_us, mentee_completed_at_us",
            changes);
        soci::statement st = OnceStatement(
            s,
            "UPDATE relationships SET status = l.status, activated_at_us = l.activated_at_us, "
            "ended_at_us = l.ended_at_us, end_reason = l.end_reason, ended_by = l.ended_by, "
            "end_comment = l.end_comment, mentor_completed_at_us = l.mentor_completed_at_us, "
            "mentee_completed_at_us = l.mentee_completed_at_us FROM " +
                load +
                " l WHERE relationships.id = l.id AND relationships.status = "
                "'pending_agreement'");
        st.execute(true);
        updated = st.get_affected_rows();
        s << "DROP TABLE " + load;
      } else {
        // SQLite: a prepared statement per table, stepped per row in-process.
        Agreement a;
        std::string mode;
        long long key = 0, mentor_at = 0, mentee_at = 0;
        soci::statement add_agreement =
            (s.prepare << "INSERT INTO relationship_agreements (" + agreement_columns +
                              ") VALUES (:r, :c, :d, :l, :m, :h, 1, :b, :ma, :ea)",
             soci::use(key), soci::use(a.terms.confidentiality), soci::use(a.terms.cadence_days),
             soci::use(a.terms.length_months), soci::use(mode), soci::use(a.terms.how_to_end),
             soci::use(a.adjusted_by), soci::use(mentor_at), soci::use(mentee_at));
        Row r{};
        soci::indicator done_ind = soci::i_null;
        soci::statement change =
            (s.prepare << "UPDATE relationships SET status = :s, activated_at_us = :a, "
                          "ended_at_us = :e, end_reason = :r, ended_by = :b, end_comment = :c, "
                          "mentor_completed_at_us = :md, mentee_completed_at_us = :ed WHERE id = "
                          ":id AND status = 'pending_agreement'",
             soci::use(r.status), soci::use(r.activated), soci::use(r.ended), soci::use(r.reason),
             soci::use(r.ended_by), soci::use(r.comment), soci::use(r.mentor_done, done_ind),
             soci::use(r.mentee_done, done_ind), soci::use(r.id));
        for (std::size_t i = 0; i < courses.size(); ++i) {
          a = courses[i].agreement;
          key = a.relationship_id;
          mode = std::string(domain::AgreementModeName(a.terms.mode));
          mentor_at = Us(*a.mentor_accepted_at);
          mentee_at = Us(*a.mentee_accepted_at);
          add_agreement.execute(true);
          r = rows[i];
          done_ind = r.completed ? soci::i_ok : soci::i_null;
          change.execute(true);
          updated += change.get_affected_rows();
        }
      }
      if (updated != static_cast<long long>(courses.size())) {
        return Conflict("a past relationship is not pending agreement", "not_pending");
      }
      return Status::Ok();
    });
    if (status.code() == ErrorCode::kConflict && status.reason().empty()) {
      return Conflict("a past relationship is not pending agreement", "not_pending");
    }
    return status;
  }

 private:
  Database& db_;
};

}  // namespace

std::vector<Relationship> SelectRelationships(soci::session& session,
                                              const std::string& where_and_order,
                                              const std::function<void(soci::statement&)>& bind) {
  std::vector<Relationship> out;
  RelationshipColumns columns;
  FetchAll(session,
           "SELECT id, program_id, mentor, mentee, status, source, proposal_id, match_request_id, "
           "score, explanation, started_at_us, activated_at_us, ended_at_us, end_reason, "
           "ended_by, end_comment, mentor_completed_at_us, mentee_completed_at_us "
           "FROM relationships " +
               where_and_order,
           bind, columns, [&](const RelationshipColumns& c) {
             for (std::size_t i = 0; i < c.id.size(); ++i) out.push_back(c.At(i));
           });
  return out;
}

Status InsertRelationships(soci::session& session,
                           const std::vector<domain::Relationship>& relationships, TimePoint now) {
  if (relationships.empty()) return Status::Ok();
  const std::size_t n = relationships.size();
  std::vector<long long> program, proposal, request, score, started;
  std::vector<soci::indicator> proposal_ind, request_ind;
  std::vector<std::string> mentor, mentee, source, explanation, status(n, "pending_agreement"),
      reason(n), ended_by(n), comment(n);
  for (const Relationship& r : relationships) {
    program.push_back(r.program.value);
    mentor.push_back(r.mentor);
    mentee.push_back(r.mentee);
    source.emplace_back(domain::RelationshipSourceName(r.source));
    proposal.push_back(r.proposal.value);
    proposal_ind.push_back(r.proposal.valid() ? soci::i_ok : soci::i_null);
    request.push_back(r.request.value);
    request_ind.push_back(r.request.valid() ? soci::i_ok : soci::i_null);
    score.push_back(r.score);
    explanation.push_back(r.explanation);
    started.push_back(Us(r.started_at == TimePoint{} ? now : r.started_at));
  }
  try {
    if (IsPostgresql(session)) {  // one COPY, not a statement per relationship
      CopyRows rows(13);
      for (std::size_t i = 0; i < n; ++i) {
        rows.Int(program[i]).Text(mentor[i]).Text(mentee[i]).Text(status[i]).Text(source[i]);
        rows.IntOrNull(proposal_ind[i] == soci::i_ok ? std::optional<std::int64_t>(proposal[i])
                                                     : std::nullopt);
        rows.IntOrNull(request_ind[i] == soci::i_ok ? std::optional<std::int64_t>(request[i])
                                                    : std::nullopt);
        rows.Int(score[i]).Text(explanation[i]).Int(started[i]);
        rows.Text(reason[i]).Text(ended_by[i]).Text(comment[i]);
      }
      CopyInto(session, "relationships",
               "program_id, mentor, mentee, status, source, proposal_id, match_request_id, score, "
               "explanation, started_at_us, end_reason, ended_by, end_comment",
               rows);
      return Status::Ok();
    }
    // New relationships wait for both sides to accept the agreement (migration 0012).
    session << "INSERT INTO relationships (program_id, mentor, mentee, status, source, "
               "proposal_id, match_request_id, score, explanation, started_at_us, end_reason, "
               "ended_by, end_comment) "
               "VALUES (:p, :m, :e, :s, :src, :pr, :rq, :sc, :x, :t, :r, :b, :c)",
        soci::use(program), soci::use(mentor), soci::use(mentee), soci::use(status),
        soci::use(source), soci::use(proposal, proposal_ind), soci::use(request, request_ind),
        soci::use(score), soci::use(explanation), soci::use(started), soci::use(reason),
        soci::use(ended_by), soci::use(comment);
  } catch (const soci::soci_error& e) {
    if (!IsUniqueViolation(e)) throw;
    return Status::Error(ErrorCode::kConflict,
                         "a mentee already has an active relationship in the program")
        .WithReason("already_matched");
  }
  return Status::Ok();
}

std::unique_ptr<domain::RelationshipRepository> MakeRelationshipRepository(Database& db) {
  return std::make_unique<SqlRelationshipRepository>(db);
}

std::unique_ptr<domain::RelationshipCourseWriter> MakeRelationshipCourseWriter(Database& db) {
  return std::make_unique<SqlRelationshipCourseWriter>(db);
}

}  // namespace pairwise::storage
