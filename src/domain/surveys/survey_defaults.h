// The surveys a program starts from (issue 23), written for this product: one for each moment
// of a relationship (start, halfway, before the end) and a short one after each logged meeting.
// The one list: the demo adds them to its program, and the coordinator's builder offers them
// (GET /api/v1/programs/{id}/survey-defaults).
#pragma once

#include <vector>

#include "domain/surveys/survey.h"

namespace pairwise::domain {

// Each passes CheckSurveyFields.
std::vector<SurveyFields> DefaultSurveys();

}  // namespace pairwise::domain
