// FeedbackRepository, IntroductionRepository and PairMessageRepository (0027) over SOCI: the
// feedback and introductions tables (migration 0014), the same statements for SQLite and
// PostgreSQL.
#include "storage/relationship_records.h"

#include <soci/soci.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "storage/fetch_all.h"
#include "storage/soci_errors.h"

namespace pairwise::storage {

namespace {

using domain::Feedback;
using domain::Introduction;
using domain::PairMessage;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

class SqlFeedbackRepository final : public domain::FeedbackRepository {
 public:
  explicit SqlFeedbackRepository(Database& db) : db_(db) {}

  Result<std::vector<Feedback>> ListFeedback(int64_t relationship_id) override {
    std::vector<Feedback> out;
    const long long key = relationship_id;
    // One statement, consistent by itself: no BEGIN and COMMIT round trips around it.
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) -> Status {
      out.clear();
      long long id = 0, round = 0, rating = 0, created = 0;
      std::string author, from, occasion, comment;
      soci::statement st =
          OnceStatement(s,
                        "SELECT id, author, from_side, occasion, round, rating, comment, "
                        "created_at_us FROM feedback WHERE relationship_id = :r ORDER BY id",
                        soci::use(key), soci::into(id), soci::into(author), soci::into(from),
                        soci::into(occasion), soci::into(round), soci::into(rating),
                        soci::into(comment), soci::into(created));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        Feedback f;
        f.id = id;
        f.relationship_id = key;
        f.author = author;
        const auto side = domain::ParseSide(from);
        const auto parsed = domain::ParseFeedbackOccasion(occasion);
        if (!side || !parsed) throw soci::soci_error("bad stored feedback row");
        f.from = *side;
        f.occasion = *parsed;
        f.round = static_cast<int>(round);
        f.rating = static_cast<int>(rating);
        f.comment = comment;
        f.created_at = FromUs(created);
        out.push_back(std::move(f));
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<Feedback> AddFeedback(const Feedback& feedback) override {
    Feedback out = feedback;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long relationship = feedback.relationship_id, created = Us(feedback.created_at);
      const std::string from(domain::SideName(feedback.from));
      const std::string occasion(domain::FeedbackOccasionName(feedback.occasion));
      long long id = 0;
      try {
        s << "INSERT INTO feedback (relationship_id, author, from_side, occasion, round, rating, "
             "comment, created_at_us) VALUES (:r, :a, :f, :o, :n, :g, :c, :t) RETURNING id",
            soci::use(relationship), soci::use(feedback.author), soci::use(from),
            soci::use(occasion), soci::use(feedback.round), soci::use(feedback.rating),
            soci::use(feedback.comment), soci::use(created), soci::into(id);
      } catch (const soci::soci_error& e) {
        if (!IsUniqueViolation(e)) throw;
        return Status::Conflict("You gave this feedback already.").WithReason("already_given");
      }
      out.id = id;
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<domain::RatingAverage> ProgramAverage(domain::ProgramId program,
                                               domain::Side from) override {
    domain::RatingAverage out;
    const long long key = program.value;
    const std::string side(domain::SideName(from));
    // One statement, consistent by itself: no BEGIN and COMMIT round trips around it.
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) -> Status {
      long long answers = 0, total = 0;
      soci::indicator total_ind = soci::i_null;
      s << "SELECT COUNT(*), SUM(f.rating) FROM feedback f JOIN relationships r ON r.id = "
           "f.relationship_id WHERE r.program_id = :p AND f.from_side = :s",
          soci::use(key), soci::use(side), soci::into(answers), soci::into(total, total_ind);
      out.answers = static_cast<int>(answers);
      out.average =
          answers > 0 && total_ind == soci::i_ok ? static_cast<double>(total) / answers : 0;
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

 private:
  Database& db_;
};

class SqlIntroductionRepository final : public domain::IntroductionRepository {
 public:
  explicit SqlIntroductionRepository(Database& db) : db_(db) {}

  Result<std::vector<Introduction>> ListIntroductions(int64_t relationship_id) override {
    std::vector<Introduction> out;
    const long long key = relationship_id;
    // One statement, consistent by itself: no BEGIN and COMMIT round trips around it.
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) -> Status {
      out.clear();
      long long id = 0, created = 0;
      std::string introduced, why;
      soci::statement st =
          OnceStatement(s,
                        "SELECT id, introduced, why, created_at_us FROM introductions WHERE "
                        "relationship_id = :r ORDER BY id",
                        soci::use(key), soci::into(id), soci::into(introduced), soci::into(why),
                        soci::into(created));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        out.push_back(Introduction{id, key, introduced, why, FromUs(created)});
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<Introduction> AddIntroduction(const Introduction& introduction) override {
    Introduction out = introduction;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long relationship = introduction.relationship_id,
                      created = Us(introduction.created_at);
      long long id = 0;
      s << "INSERT INTO introductions (relationship_id, introduced, why, created_at_us) VALUES "
           "(:r, :i, :w, :t) RETURNING id",
          soci::use(relationship), soci::use(introduction.introduced), soci::use(introduction.why),
          soci::use(created), soci::into(id);
      out.id = id;
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

 private:
  Database& db_;
};

class SqlPairMessageRepository final : public domain::PairMessageRepository {
 public:
  explicit SqlPairMessageRepository(Database& db) : db_(db) {}

  Result<std::vector<PairMessage>> ListPairMessages(int64_t relationship_id) override {
    std::vector<PairMessage> out;
    const long long key = relationship_id;
    // One statement, consistent by itself: no BEGIN and COMMIT round trips around it.
    Status status = db_.Run(TransactionMode::kNone, [&](soci::session& s) -> Status {
      out.clear();
      long long id = 0, created = 0;
      std::string author, text;
      soci::statement st =
          OnceStatement(s,
                        "SELECT id, author, text, created_at_us FROM pair_messages WHERE "
                        "relationship_id = :r ORDER BY id",
                        soci::use(key), soci::into(id), soci::into(author), soci::into(text),
                        soci::into(created));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        out.push_back(PairMessage{id, key, author, text, FromUs(created)});
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<PairMessage> AddPairMessage(const PairMessage& message) override {
    PairMessage out = message;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      const long long relationship = message.relationship_id, created = Us(message.created_at);
      long long id = 0;
      s << "INSERT INTO pair_messages (relationship_id, author, text, created_at_us) VALUES "
           "(:r, :a, :t, :c) RETURNING id",
          soci::use(relationship), soci::use(message.author), soci::use(message.text),
          soci::use(created), soci::into(id);
      out.id = id;
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<domain::PairMessageRepository> MakePairMessageRepository(Database& db) {
  return std::make_unique<SqlPairMessageRepository>(db);
}

std::unique_ptr<domain::FeedbackRepository> MakeFeedbackRepository(Database& db) {
  return std::make_unique<SqlFeedbackRepository>(db);
}

std::unique_ptr<domain::IntroductionRepository> MakeIntroductionRepository(Database& db) {
  return std::make_unique<SqlIntroductionRepository>(db);
}

}  // namespace pairwise::storage
