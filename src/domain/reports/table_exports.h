// Exports of the long lists (issue 24): every row the matching list route would show the actor,
// with its filters, read page by page through that route's own service (so the access rule and
// the filters are the list's, never a second copy) and handed to the caller one page at a time
// (so no export holds the whole list). Each finished export is recorded in the audit log: who,
// which list, the format and how many rows.
//  - people: admins only (Forbidden for everyone else; the directory search's own rules for
//    the filters and for people who left);
//  - a program's relationships: its coordinators and admins, as the program's relationship list
//    (status, dates and scores, and the list's activity counts: meetings held, the last meeting,
//    goals set and completed, average progress; never goal text, notes or comments, which that
//    list never carries);
//  - a program's applications: as the review table (ApplicationService::Review): the applicant,
//    side, status and dates, never the answers (the review table carries none);
//  - a survey's results: as the results page (SurveyService::Results: the program's
//    coordinators and admins), its small groups and rarely answered questions hidden by the same
//    rule, and never its free-text answers (removed here, before any writer sees them).
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/applications/application_service.h"
#include "domain/profiles/directory_service.h"
#include "domain/relationships/relationship_service.h"
#include "domain/surveys/survey_service.h"

namespace pairwise::domain {

// Thread-safe as far as its dependencies are; holds no state of its own.
class TableExports {
 public:
  // All must outlive this.
  TableExports(DirectoryService& directory, RelationshipService& relationships,
               ApplicationService& applications, SurveyService& surveys, AuditLog& audit)
      : directory_(directory),
        relationships_(relationships),
        applications_(applications),
        surveys_(surveys),
        audit_(audit) {}

  // Called with each page in order; a page is never empty.
  using PeopleSink = std::function<void(const std::vector<PersonSummary>&)>;
  using RelationshipSink = std::function<void(const std::vector<RelationshipView>&)>;
  using ApplicationSink = std::function<void(const std::vector<ApplicationView>&)>;
  // Writes the results' table and answers how many rows it wrote (for the audit record).
  using SurveyResultsSink = std::function<int64_t(const SurveyResults&)>;

  // Every person the search finds (its cursor and limit are ignored: all pages). Forbidden for
  // anyone but an admin; InvalidArgument as DirectoryService::Search for a bad filter. The
  // export is audited as `format` with the number of rows once every page was handed over.
  Status People(const Actor& actor, PeopleSearchRequest search, std::string_view format,
                const PeopleSink& sink);

  // Every relationship of the program the list's filters (status, person) keep; offset and
  // limit are ignored. NotFound / Forbidden as RelationshipService::ListForProgram.
  Status Relationships(const Actor& actor, ProgramId program, RelationshipPageQuery query,
                       std::string_view format, const RelationshipSink& sink);

  // Every application of the program the review table's filters (side, status, q) keep, in its
  // order (sort, order); offset and limit are ignored. Errors as ApplicationService::Review.
  Status Applications(const Actor& actor, ProgramId program, ReviewQuery query,
                      std::string_view format, const ApplicationSink& sink);

  // The survey's results for `query` (overall, or by a dimension and group) exactly as
  // SurveyService::Results answers them, except that every question's free-text answers are
  // emptied: aggregates only. Errors as SurveyService::Results (NotFound / Forbidden,
  // InvalidArgument "by" / "group"). Audited as `format` with the rows `sink` wrote.
  Status SurveyAggregates(const Actor& actor, SurveyId survey, const SurveyResultsQuery& query,
                          std::string_view format, const SurveyResultsSink& sink);

 private:
  DirectoryService& directory_;
  RelationshipService& relationships_;
  ApplicationService& applications_;
  SurveyService& surveys_;
  AuditLog& audit_;
};

}  // namespace pairwise::domain
