#include "domain/reports/report_service.h"

#include <string>

#include "domain/access/access_policy.h"

namespace pairwise::domain {
namespace {

Status CheckFilter(const DashboardFilter& filter) {
  if (filter.level < 0 || filter.level > kMaxLevel) {
    return Status::InvalidArgument(
        "level must be between 1 and " + std::to_string(kMaxLevel) + ", or 0 for all", "level");
  }
  return Status::Ok();
}

}  // namespace

Result<Program> ReportService::Coordinated(const Actor& actor, ProgramId id) {
  if (Status s = RequirePerson(actor); !s.ok()) return s;
  auto program = programs_.FindProgram(id);
  if (!program.ok()) return program.status();
  if (!MaySeeProgram(*program, actor)) {
    return Status::NotFound("no program " + std::to_string(id.value));
  }
  if (!IsProgramCoordinator(*program, actor)) {
    return Status::Forbidden("only the program's coordinators see its reports");
  }
  return program;
}

Result<ProgramDashboard> ReportService::Dashboard(const Actor& actor, ProgramId id,
                                                  const DashboardFilter& filter) {
  PAIRWISE_RETURN_IF_ERROR(CheckFilter(filter));
  auto program = Coordinated(actor, id);
  if (!program.ok()) return program.status();
  auto facts = reports_.LoadProgramFacts(id);
  if (!facts.ok()) return facts.status();
  auto people = reports_.ListPeople();
  if (!people.ok()) return people.status();
  return BuildDashboard(*program, *facts, *people, filter, clock_.Now());
}

Result<ProgramOutcomes> ReportService::Outcomes(const Actor& actor, ProgramId id,
                                                const DashboardFilter& filter) {
  PAIRWISE_RETURN_IF_ERROR(CheckFilter(filter));
  auto program = Coordinated(actor, id);
  if (!program.ok()) return program.status();
  auto people = reports_.ListOutcomePeople();
  if (!people.ok()) return people.status();
  auto participations = reports_.ListParticipations();
  if (!participations.ok()) return participations.status();
  OutcomeOptions options;
  options.as_of = Date(std::chrono::floor<std::chrono::days>(clock_.Now()));
  options.department = filter.department;
  options.site = filter.site;
  options.level = filter.level;
  return AnalyzeOutcomes(id, *people, *participations, options);
}

Status ReportService::RecordExport(const Actor& actor, ProgramId id, std::string_view report,
                                   std::string_view format, int64_t rows) {
  auto program = Coordinated(actor, id);
  if (!program.ok()) return program.status();
  RecordAudit(
      audit_, actor, "report_exported", "program " + std::to_string(id.value),
      std::string(report) + " as " + std::string(format) + ", " + std::to_string(rows) + " rows");
  return Status::Ok();
}

}  // namespace pairwise::domain
