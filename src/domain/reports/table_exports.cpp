#include "domain/reports/table_exports.h"

#include <string>

#include "domain/profiles/profile_repository.h"

namespace pairwise::domain {
namespace {

void RecordTableExport(AuditLog& audit, const Actor& actor, std::string target,
                       std::string_view table, std::string_view format, int64_t rows) {
  RecordAudit(
      audit, actor, "table_exported", std::move(target),
      std::string(table) + " as " + std::string(format) + ", " + std::to_string(rows) + " rows");
}

}  // namespace

Status TableExports::People(const Actor& actor, PeopleSearchRequest search, std::string_view format,
                            const PeopleSink& sink) {
  if (!actor.IsPerson() || !actor.IsAdmin()) {
    return Status::Forbidden("only admins export the directory");
  }
  // The search's largest page: each page is one indexed range read after the last id.
  search.limit = kMaxSearchLimit;
  search.cursor.clear();
  int64_t rows = 0;
  while (true) {
    auto page = directory_.Search(actor, search);
    if (!page.ok()) return page.status();
    if (!page->items.empty()) {
      sink(page->items);
      rows += static_cast<int64_t>(page->items.size());
    }
    if (page->next_cursor.empty()) break;
    search.cursor = std::move(page->next_cursor);
  }
  RecordTableExport(audit_, actor, "people", "people", format, rows);
  return Status::Ok();
}

Status TableExports::Relationships(const Actor& actor, ProgramId program,
                                   RelationshipPageQuery query, std::string_view format,
                                   const RelationshipSink& sink) {
  query.limit = kMaxRelationshipPageSize;
  query.offset = 0;
  int64_t rows = 0;
  while (true) {
    auto page = relationships_.ListForProgram(actor, program, query);
    if (!page.ok()) return page.status();
    if (page->items.empty()) break;
    sink(page->items);
    rows += static_cast<int64_t>(page->items.size());
    query.offset += static_cast<int64_t>(page->items.size());
    if (query.offset >= page->total) break;
  }
  RecordTableExport(audit_, actor, "program " + std::to_string(program.value), "relationships",
                    format, rows);
  return Status::Ok();
}

Status TableExports::Applications(const Actor& actor, ProgramId program, ReviewQuery query,
                                  std::string_view format, const ApplicationSink& sink) {
  query.limit = kMaxReviewPageSize;
  query.offset = 0;
  int64_t rows = 0;
  while (true) {
    auto page = applications_.Review(actor, program, query);
    if (!page.ok()) return page.status();
    if (page->items.empty()) break;
    sink(page->items);
    rows += static_cast<int64_t>(page->items.size());
    query.offset += static_cast<int>(page->items.size());
    if (query.offset >= page->total) break;
  }
  RecordTableExport(audit_, actor, "program " + std::to_string(program.value), "applications",
                    format, rows);
  return Status::Ok();
}

Status TableExports::SurveyAggregates(const Actor& actor, SurveyId survey,
                                      const SurveyResultsQuery& query, std::string_view format,
                                      const SurveyResultsSink& sink) {
  auto results = surveys_.Results(actor, survey, query);
  if (!results.ok()) return results.status();
  // A free-text answer is a person's own words: even above k it can tell who wrote it, so a
  // file that leaves the platform carries none (the page shows them to the coordinator only).
  for (QuestionResult& q : results->questions) q.texts.clear();
  const int64_t rows = sink(*results);
  RecordTableExport(audit_, actor, "survey " + std::to_string(survey.value), "survey results",
                    format, rows);
  return Status::Ok();
}

}  // namespace pairwise::domain
