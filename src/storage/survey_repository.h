// The survey repository over SOCI (migrations 37 and 38: surveys, survey_versions,
// survey_invitations, survey_answers; 50: survey_answered), the same statements for SQLite and
// PostgreSQL.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "domain/surveys/survey_repository.h"
#include "storage/database.h"

namespace pairwise::storage {

// Over `db`, which must outlive it. Thread-safe. Invitations and reminders queue their mail in
// the mail_outbox table in the same transaction as their own row.
std::unique_ptr<domain::SurveyRepository> MakeSurveyRepository(Database& db);

// The one way an answer sheet is stored: its row in survey_answers and one survey_answered row
// per question it answers (domain::IsAnswered) with the sheet's groups and the answer's first
// value when it is a whole number (migration 55), which results and the dashboard's scores count
// per group in SQL without reading any answer. Prepared once, executed per sheet (the caller runs
// it in the transaction that covers the sheet). Not thread-safe; lives no longer than the session
// it was made on. Throws what SOCI throws (callers run it inside Database::Run).
class SurveySheetInsert {
 public:
  explicit SurveySheetInsert(soci::session& session);
  SurveySheetInsert(const SurveySheetInsert&) = delete;
  SurveySheetInsert& operator=(const SurveySheetInsert&) = delete;

  // Stores `sheet` under `key` (unique; random for anonymous sheets), linked to `invitation`
  // when set (confidential surveys only).
  void Insert(const std::string& key, const domain::SurveyResponse& sheet,
              std::optional<int64_t> invitation);
  // The same rows for many sheets at once, each (key, sheet, invitation) as Insert takes them: on
  // PostgreSQL one COPY per table, on SQLite through the prepared statements (which cost no round
  // trip).
  static void InsertAll(soci::session& session,
                        const std::vector<std::tuple<std::string, const domain::SurveyResponse*,
                                                     std::optional<int64_t>>>& sheets);

 private:
  std::string key_, side_, department_, site_, level_band_, answers_, question_;
  long long survey_ = 0, invitation_ = 0;
  int version_ = 1, number_ = 0;
  soci::indicator invitation_ind_ = soci::i_null, number_ind_ = soci::i_null;
  soci::statement sheet_, answered_;
};

}  // namespace pairwise::storage
