// The demo's surveys (issue 23): a start, a mid-point and an end survey written for this product
// on the demo relationships' program, sent as the tick would have sent them (mail in the outbox,
// dated when due) and answered by about seven in ten, so that results, NPS and groups show.
#pragma once

#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "domain/surveys/survey_defaults.h"
#include "domain/surveys/survey_service.h"

namespace pairwise::domain {

struct DemoSurveySummary {
  int surveys = 0, invitations = 0, answers = 0;
};

// Adds the surveys to `program` (coordinated by `coordinator`) unless it has surveys already
// (then all zero). Writes through SurveyService and the repository the tick uses.
Result<DemoSurveySummary> LoadDemoSurveys(SurveyService& service, SurveyRepository& repository,
                                          const std::string& coordinator, ProgramId program,
                                          TimePoint now);

}  // namespace pairwise::domain
