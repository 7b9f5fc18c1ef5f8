// Bad input is a 400 naming its field, never a 500 or a silently wrong value, on every route
// that reads a JSON body (src/api/json_reader.h). The sweep takes a valid body per route and,
// for every member (nested too), sends each JSON type it is not and, for integers, values
// outside any int; each answer must be a 4xx with error.field naming that member, and where a
// GET shows what the route writes, nothing may have changed. Every POST, PUT and PATCH route
// of api/openapi.yaml under /api/v1 needs an entry in kRoutes, so new routes join the sweep.
//
// Below the sweep, the reproductions of the bugs it was built for.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "auth_test_support.h"
#include "domain/people/test_util.h"
#include "openapi_paths.h"

namespace pairwise::testing {
namespace {

using nlohmann::json;

json Body(const ClientResponse& r) {
  json parsed = json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? json() : parsed;
}

enum class Who { kAdmin, kCoordinator, kApplicant };

struct RouteCase {
  RouteCase(std::string m, std::string p, Who w, std::optional<json> b, std::string r = {},
            std::set<std::string> wide_members = {})
      : method(std::move(m)),
        pattern(std::move(p)),
        who(w),
        body(std::move(b)),
        read(std::move(r)),
        wide(std::move(wide_members)) {}
  std::string method;
  std::string pattern;  // as in api/openapi.yaml
  Who who;
  // A valid body; nullopt: the route takes no JSON body (the router must agree).
  std::optional<json> body;
  // A GET that shows what the route writes: unchanged after every rejected request.
  std::string read;
  // Integer members that are 64-bit (2^32 is a valid value there).
  std::set<std::string> wide;
};

// A valid survey (issue 23).
const json kSurvey = {
    {"title", "Halfway"},
    {"intro", "How is it going?"},
    {"kind", "midpoint"},
    {"privacy", "anonymous"},
    {"audience", "both"},
    {"schedule", {{"anchor", "halfway"}, {"days", 0}, {"open_days", 14}, {"reminder_days", 5}}},
    {"min_group", 5},
    {"active", true},
    {"questions",
     {{{"id", "nps"}, {"type", "nps"}, {"label", "Recommend?"}, {"required", true}},
      {{"id", "m"}, {"type", "matrix"}, {"label", "Rate"}, {"options", {"Time", "Trust"}}}}}};

const json kSettings = {{"min_level_gap", 1},
                        {"reverse_mentoring", false},
                        {"other_department", true},
                        {"shared_language", false},
                        {"min_timezone_overlap_hours", 2},
                        {"credentialed_only", false},
                        {"not_previously_paired", true},
                        {"weights", {{"skills", 40}, {"level_gap", 15}}},
                        {"target_level_gap", 2},
                        {"department_affinity", "different"},
                        {"site_affinity", "same"},
                        {"objective", "total"},
                        {"mentee_skills_question", ""},
                        {"mentor_skills_question", ""},
                        {"ranked_mentors_question", ""}};

const json kEligibility = {
    {"departments", {"ENG"}}, {"sites", {"HQ"}},        {"min_level", 1},        {"max_level", 9},
    {"min_tenure_months", 0}, {"statuses", {"active"}}, {"employee_ids", {"E5"}}};

json ProgramBody() {
  return {{"name", "Sweep"},
          {"description", "d"},
          {"type", "one_on_one"},
          {"need", "career_development"},
          {"objectives", "o"},
          {"measures", {"retention"}},
          {"start_date", "2027-01-01"},
          {"end_date", "2027-12-31"},
          {"enrollment_opens", "2026-11-01"},
          {"enrollment_closes", "2026-12-15"},
          {"relationship_months", 6},
          {"meeting_cadence", "monthly"},
          {"coordinators", {"E3"}},
          {"shadow_mentors", json::array()},
          {"group", {{"min_size", 2}, {"max_size", 4}}},
          {"training", {{"course", "c"}, {"skills", {"cpp"}}}},
          {"mentor_capacity", {{"mentees", 2}, {"hours_per_month", 4}}},
          {"eligibility", {{"mentor", kEligibility}, {"mentee", kEligibility}}},
          {"requires_mentor_credential", false},
          {"manager_approval", false},
          {"max_ranked_choices", 3},
          {"request_expiry_days", 7}};
}

const json kMeeting = {{"starts_at", "2026-12-01T10:00:00Z"},
                       {"duration_minutes", 60},
                       {"mode", "virtual"},
                       {"location", "Room 1"},
                       {"video_url", "https://meet.example.com/abc"},
                       {"agenda", "Goals"},
                       {"from_slot", false}};

const json kHealthConfig = json::parse(R"({"settings":{"weights":{"cadence":25,"recency":25,)"
                                       R"("goals":15,"feedback":10,"responsiveness":15,)"
                                       R"("first_meeting":10},"on_track_min":70,)"
                                       R"("at_risk_below":40,"grace_days":14,)"
                                       R"("first_meeting_days":14,"answer_days":3,)"
                                       R"("max_nudges_per_week":2},"ladder":[{"trigger":)"
                                       R"("needs_attention","recipients":"pair",)"
                                       R"("delay_days":0,"subject":"Hello {recipient}",)"
                                       R"("body":"{why}","enabled":true}]})");

// {program_id}, {application_id}, {account_id}, {side}, {relationship_id}, {meeting_id},
// {goal_id}, {milestone_id} and {note_id} are the fixture's; other ids need not exist (the body
// is read before the service looks anything up).
const std::vector<RouteCase>& Routes() {
  static const std::vector<RouteCase> routes = {
      {"POST", "/api/v1/auth/sign-in", Who::kApplicant,
       json{{"email", "x@example.com"}, {"password", "p"}}},
      {"POST", "/api/v1/auth/sign-out", Who::kApplicant, std::nullopt},
      {"POST", "/api/v1/auth/password", Who::kApplicant,
       json{{"current_password", "a"}, {"new_password", "b"}}},
      {"POST", "/api/v1/auth/password-reset", Who::kApplicant, json{{"email", "x@example.com"}}},
      {"POST", "/api/v1/auth/redeem", Who::kApplicant, json{{"token", "t"}, {"new_password", "b"}}},
      {"POST", "/api/v1/accounts/invitations", Who::kAdmin,
       json{{"employee_id", "E6"}, {"roles", {"coordinator"}}}, "/api/v1/accounts"},
      {"PUT", "/api/v1/accounts/{account_id}/roles", Who::kAdmin, json{{"roles", {"coordinator"}}},
       "/api/v1/accounts"},
      {"POST", "/api/v1/api-tokens", Who::kAdmin,
       json{{"name", "n"}, {"scopes", {"scim"}}, {"expires_in_days", 30}}, "/api/v1/api-tokens"},
      {"PUT", "/api/v1/me/profile", Who::kApplicant,
       json{{"bio", "b"},
            {"languages", {"en"}},
            {"availability_hours_per_month", 4},
            {"meeting_preference", "either"},
            {"expertise", {{{"skill", "cpp"}, {"level", 3}}}},
            {"wants", {{{"skill", "cpp"}, {"level", 2}}}}},
       "/api/v1/me/profile"},
      {"POST", "/api/v1/imports/people/preview", Who::kAdmin, std::nullopt},
      {"POST", "/api/v1/imports/people", Who::kAdmin, std::nullopt},
      {"PUT", "/api/v1/imports/people/mapping", Who::kAdmin,
       json{{"mapping", {{"Emp Ref", "employee_id"}}}}, "/api/v1/imports/people/mapping"},
      {"POST", "/api/v1/programs", Who::kCoordinator, ProgramBody(), "/api/v1/programs"},
      {"POST", "/api/v1/programs/eligibility-preview", Who::kCoordinator,
       json{{"mentor", kEligibility}, {"mentee", kEligibility}}},
      {"PUT", "/api/v1/programs/{program_id}", Who::kCoordinator, ProgramBody(),
       "/api/v1/programs/{program_id}"},
      {"POST", "/api/v1/programs/{program_id}/open", Who::kCoordinator, std::nullopt},
      {"POST", "/api/v1/programs/{program_id}/close", Who::kCoordinator, std::nullopt},
      {"POST", "/api/v1/programs/{program_id}/archive", Who::kCoordinator, std::nullopt},
      {"PUT", "/api/v1/programs/{program_id}/capacity/me", Who::kApplicant,
       json{{"mentees", 2}, {"hours_per_month", 4}}, "/api/v1/programs/{program_id}/capacity/me"},
      {"PUT", "/api/v1/programs/{program_id}/forms/{side}", Who::kCoordinator,
       json{{"questions",
             {{{"id", "goal"},
               {"type", "long_text"},
               {"label", "Goal"},
               {"help", "h"},
               {"required", true},
               {"options", json::array({"a", "b"})}}}}},
       "/api/v1/programs/{program_id}/forms/{side}"},
      {"POST", "/api/v1/programs/{program_id}/applications", Who::kApplicant,
       json{{"side", "mentee"},
            {"answers", {{"goal", "Grow"}, {"confidence", 3}, {"topics", {"Tech"}}}}},
       "/api/v1/me/applications"},
      {"POST",
       "/api/v1/programs/{program_id}/applications/review",
       Who::kCoordinator,
       json{{"application_ids", {1}}, {"decision", "approve"}, {"message", "m"}},
       "/api/v1/applications/{application_id}",
       {"application_ids[0]"}},
      {"POST", "/api/v1/programs/{program_id}/nominations", Who::kCoordinator,
       json{{"side", "mentor"}, {"employee_ids", {"E1"}}},
       "/api/v1/programs/{program_id}/applications"},
      {"PUT", "/api/v1/applications/{application_id}", Who::kApplicant,
       json{{"answers", {{"goal", "Grow more"}, {"confidence", 4}, {"topics", {"People"}}}}},
       "/api/v1/applications/{application_id}"},
      {"POST", "/api/v1/applications/{application_id}/withdraw", Who::kApplicant, std::nullopt},
      {"POST", "/api/v1/applications/{application_id}/manager-approval", Who::kAdmin,
       json{{"approve", true}}, "/api/v1/applications/{application_id}"},
      {"POST", "/api/v1/programs/{program_id}/requests", Who::kApplicant,
       json{{"mentor_employee_id", "E1"}, {"message", "m"}}},
      {"POST", "/api/v1/requests/{request_id}/accept", Who::kApplicant, json{{"message", "m"}}},
      {"POST", "/api/v1/requests/{request_id}/decline", Who::kApplicant, json{{"message", "m"}}},
      {"POST", "/api/v1/requests/{request_id}/cancel", Who::kApplicant, std::nullopt},
      {"PUT", "/api/v1/programs/{program_id}/matching/settings", Who::kCoordinator, kSettings,
       "/api/v1/programs/{program_id}/matching/settings"},
      {"PUT", "/api/v1/programs/{program_id}/matching/constraints", Who::kCoordinator,
       json{{"mentee", "E5"}, {"mentor", "E1"}, {"kind", "pin"}},
       "/api/v1/programs/{program_id}/matching/constraints"},
      {"POST", "/api/v1/programs/{program_id}/proposals", Who::kCoordinator,
       json{{"settings", kSettings}}, "/api/v1/programs/{program_id}/proposals"},
      {"POST", "/api/v1/programs/{program_id}/rematch", Who::kCoordinator,
       json{{"employee_ids", {"E5"}}}, "/api/v1/programs/{program_id}/proposals"},
      {"POST", "/api/v1/programs/{program_id}/proposals/{proposal_id}/cancel", Who::kCoordinator,
       std::nullopt},
      {"POST", "/api/v1/programs/{program_id}/proposals/{proposal_id}/changes/preview",
       Who::kCoordinator, json{{"mentee", "E5"}, {"mentor", "E1"}}},
      {"POST", "/api/v1/programs/{program_id}/proposals/{proposal_id}/changes", Who::kCoordinator,
       json{{"mentee", "E5"}, {"mentor", "E1"}, {"accept_broken_rules", true}}},
      {"POST", "/api/v1/programs/{program_id}/proposals/{proposal_id}/publish", Who::kCoordinator,
       std::nullopt},
      {"POST", "/api/v1/accounts/{account_id}/deactivate", Who::kAdmin, std::nullopt},
      {"POST", "/api/v1/accounts/{account_id}/reactivate", Who::kAdmin, std::nullopt},
      {"PUT", "/api/v1/me/availability", Who::kApplicant,
       json{{"windows", {{{"weekday", "monday"}, {"start", "09:00"}, {"end", "17:00"}}}}},
       "/api/v1/me/availability"},
      {"POST", "/api/v1/me/calendar-feed", Who::kApplicant, std::nullopt},
      {"POST", "/api/v1/relationships/{relationship_id}/meetings", Who::kApplicant, kMeeting,
       "/api/v1/relationships/{relationship_id}/meetings"},
      {"POST", "/api/v1/relationships/{relationship_id}/meetings/{meeting_id}/accept",
       Who::kApplicant, std::nullopt},
      {"POST", "/api/v1/relationships/{relationship_id}/meetings/{meeting_id}/cancel",
       Who::kApplicant, std::nullopt},
      {"POST", "/api/v1/relationships/{relationship_id}/meetings/{meeting_id}/counter",
       Who::kApplicant, kMeeting, "/api/v1/relationships/{relationship_id}/meetings"},
      {"POST", "/api/v1/relationships/{relationship_id}/meetings/{meeting_id}/reschedule",
       Who::kApplicant, kMeeting, "/api/v1/relationships/{relationship_id}/meetings"},
      {"POST", "/api/v1/relationships/{relationship_id}/meetings/{meeting_id}/log", Who::kApplicant,
       json{{"outcome", "held"},
            {"duration_minutes", 55},
            {"mode", "in_person"},
            {"topics", "Goals"},
            {"action_items",
             {{{"text", "Draft goals"}, {"owner", "mentee"}, {"due_date", "2026-12-31"}}}}},
       "/api/v1/relationships/{relationship_id}/meetings"},
      {"PUT", "/api/v1/relationships/{relationship_id}/action-items/{item_id}/done",
       Who::kApplicant, json{{"done", true}},
       "/api/v1/relationships/{relationship_id}/action-items"},
      // Relationships (issue 19): the fixture's relationship is active (both accepted), with
      // a goal, its milestone and a note; its mentee is the applicant.
      {"PUT", "/api/v1/programs/{program_id}/agreement-template", Who::kCoordinator,
       json{{"confidentiality", "c"},
            {"cadence_days", 14},
            {"length_months", 6},
            {"mode", "mixed"},
            {"how_to_end", "h"}},
       "/api/v1/programs/{program_id}/agreement-template"},
      {"POST", "/api/v1/relationships/{relationship_id}/agreement/accept", Who::kApplicant,
       json{{"version", 0}, {"cadence_days", 14}, {"mode", "virtual"}},
       "/api/v1/relationships/{relationship_id}"},
      {"POST", "/api/v1/relationships/{relationship_id}/end", Who::kApplicant,
       json{{"reason", "no_time"}, {"comment", "c"}}, "/api/v1/relationships/{relationship_id}"},
      {"POST", "/api/v1/relationships/{relationship_id}/complete", Who::kApplicant, std::nullopt},
      {"POST", "/api/v1/relationships/{relationship_id}/rematch", Who::kCoordinator, std::nullopt},
      {"POST", "/api/v1/relationships/{relationship_id}/goals", Who::kApplicant,
       json{{"title", "Lead"},
            {"measure", "m"},
            {"target", "t"},
            {"relevance", "r"},
            {"skill", "cpp"},
            {"due_date", "2027-06-01"},
            {"progress_mode", "manual"},
            {"progress", 10}},
       "/api/v1/relationships/{relationship_id}/goals"},
      {"PUT", "/api/v1/relationships/{relationship_id}/goals/{goal_id}", Who::kApplicant,
       json{{"version", 1},
            {"title", "Lead more"},
            {"measure", "m"},
            {"target", "t"},
            {"relevance", "r"},
            {"skill", "cpp"},
            {"due_date", "2027-06-01"},
            {"progress_mode", "manual"},
            {"progress", 20}},
       "/api/v1/relationships/{relationship_id}/goals"},
      {"POST", "/api/v1/relationships/{relationship_id}/goals/{goal_id}/milestones",
       Who::kApplicant, json{{"version", 1}, {"title", "m"}, {"due_date", "2027-03-01"}},
       "/api/v1/relationships/{relationship_id}/goals"},
      {"PUT", "/api/v1/relationships/{relationship_id}/goals/{goal_id}/milestones/{milestone_id}",
       Who::kApplicant, json{{"version", 1}, {"done", true}},
       "/api/v1/relationships/{relationship_id}/goals"},
      {"POST", "/api/v1/relationships/{relationship_id}/goals/{goal_id}/confirm", Who::kApplicant,
       json{{"version", 1}, {"what", "achievable"}, {"confirmed", true}},
       "/api/v1/relationships/{relationship_id}/goals"},
      {"POST", "/api/v1/relationships/{relationship_id}/notes", Who::kApplicant,
       json{{"kind", "private"}, {"text", "t"}}, "/api/v1/relationships/{relationship_id}/notes"},
      {"PUT", "/api/v1/relationships/{relationship_id}/notes/{note_id}", Who::kApplicant,
       json{{"version", 1}, {"text", "t2"}}, "/api/v1/relationships/{relationship_id}/notes"},
      {"POST", "/api/v1/relationships/{relationship_id}/feedback", Who::kApplicant,
       json{{"occasion", "pulse"}, {"rating", 4}, {"comment", "c"}},
       "/api/v1/relationships/{relationship_id}/feedback"},
      {"POST", "/api/v1/relationships/{relationship_id}/introductions", Who::kApplicant,
       json{{"employee_id", "E6"}, {"why", "w"}},
       "/api/v1/relationships/{relationship_id}/introductions"},
      // Relationship health and nudges (issue 22).
      {"POST", "/api/v1/admin/scheduler/run", Who::kAdmin, std::nullopt},
      {"PUT", "/api/v1/programs/{program_id}/health/settings", Who::kCoordinator, kHealthConfig,
       "/api/v1/programs/{program_id}/health/settings"},
      {"POST", "/api/v1/programs/{program_id}/health/preview", Who::kCoordinator, kHealthConfig,
       "/api/v1/programs/{program_id}/health/settings"},
      {"POST",
       "/api/v1/programs/{program_id}/health/nudges",
       Who::kCoordinator,
       json{{"relationship_ids", {1}}, {"message", "m"}},
       "",
       {"relationship_ids[0]"}},
      {"PUT", "/api/v1/me/reminders", Who::kApplicant, json{{"non_essential_off", true}},
       "/api/v1/me/reminders"},
      // single sign-on (issue 20):
      {"PUT", "/api/v1/admin/sso", Who::kAdmin,
       json{{"enabled", false},
            {"provider_name", "Okta"},
            {"issuer", "https://example.okta.com"},
            {"client_id", "c"},
            {"client_secret", "s"},
            {"match_by", "email"},
            {"claim", "email"},
            {"password_sign_in", true}},
       "/api/v1/admin/sso"},
      // Groups and shadow mentors' messages (issue 19).
      {"POST", "/api/v1/relationships/{relationship_id}/group/notes", Who::kApplicant,
       json{{"text", "t"}}},
      {"PUT", "/api/v1/relationships/{relationship_id}/group/notes/{note_id}", Who::kApplicant,
       json{{"version", 1}, {"text", "t2"}}},
      {"POST", "/api/v1/relationships/{relationship_id}/messages", Who::kApplicant,
       json{{"text", "t"}}, "/api/v1/relationships/{relationship_id}/messages"},
      // Unresponsive mentor -> backfill (issue 22): no body.
      {"POST", "/api/v1/relationships/{relationship_id}/replace-mentor", Who::kCoordinator,
       std::nullopt},
      // Mentor resources (issue 21).
      {"POST", "/api/v1/resources", Who::kCoordinator,
       json{{"title", "t"}, {"body", "b"}, {"topics", {"first-meeting"}}, {"published", true}},
       "/api/v1/resources?drafts=true"},
      {"PUT", "/api/v1/resources/{resource_id}", Who::kAdmin,
       json{{"version", 1},
            {"title", "t"},
            {"body", "b"},
            {"topics", {"first-meeting"}},
            {"published", false}},
       "/api/v1/resources?drafts=true"},
      // Mentor credentials (issue 21).
      {"PUT", "/api/v1/credentials/framework", Who::kAdmin,
       json{
           {"version", 1},
           {"steps", json::array({{{"name", "1"}, {"description", "d"}},
                                  {{"name", "2"}},
                                  {{"name", "3"}},
                                  {{"name", "4"}},
                                  {{"name", "5"}},
                                  {{"name", "6"}},
                                  {{"name", "7"}}})},
           {"topics",
            json::array({{{"code", "b"},
                          {"name", "B"},
                          {"content", "c"},
                          {"quiz",
                           {{"pass_mark", 1},
                            {"questions",
                             json::array({{{"id", "q"},
                                           {"text", "Which?"},
                                           {"multiple", false},
                                           {"options", json::array({{{"id", "x"}, {"text", "X"}},
                                                                    {{"id", "y"}, {"text", "Y"}}})},
                                           {"correct", {"x"}}}})}}}},
                         {{"code", "a"}, {"name", "A"}, {"content", "c"}, {"check", "Why?"}}})},
           {"competencies",
            json::array({{{"code", "trust"}, {"name", "Trust"}, {"description", "d"}}})},
           {"levels", json::array({{{"score", 1}, {"name", "Low"}, {"description", "d"}},
                                   {{"score", 2}, {"name", "High"}}})},
           {"passing_score", 2},
           {"validity_months", 24}},
       "/api/v1/credentials/framework"},
      {"PUT", "/api/v1/credentials/reviewers/{employee_id}", Who::kAdmin, std::nullopt},
      {"POST", "/api/v1/credentials/candidates", Who::kApplicant,
       json{{"motivation", "m"}, {"experience", "e"}}, "/api/v1/me/credential"},
      {"POST", "/api/v1/credentials/candidates/{candidate_id}/decision", Who::kAdmin,
       json{{"decision", "accept"}, {"cohort", "Spring"}, {"reason", "r"}}},
      {"POST", "/api/v1/credentials/candidates/{candidate_id}/training", Who::kApplicant,
       json{{"topic", "adult_learning"}, {"reflection", "r"}}},
      {"POST", "/api/v1/credentials/candidates/{candidate_id}/quiz", Who::kApplicant,
       json{{"topic", "adult_learning"},
            {"answers", json::array({{{"question", "why_first"}, {"options", {"explain"}}}})}}},
      {"POST", "/api/v1/credentials/candidates/{candidate_id}/sign-offs", Who::kApplicant,
       json{{"step", 4}, {"evidence", "e"}, {"scores", {{"trust", 3}}}}},
      {"POST", "/api/v1/credentials/candidates/{candidate_id}/credential", Who::kAdmin,
       json{{"validity_months", 24}}},
      {"POST", "/api/v1/credentials/founding", Who::kAdmin,
       json{{"employee_id", "E3"}, {"reason", "r"}}, "/api/v1/credentials"},
      {"POST", "/api/v1/credentials/{credential_id}/revoke", Who::kAdmin, json{{"reason", "r"}}},
      // Surveys (issue 23).
      {"POST", "/api/v1/programs/{program_id}/surveys", Who::kCoordinator, kSurvey,
       "/api/v1/programs/{program_id}/surveys"},
      {"PUT", "/api/v1/surveys/{survey_id}", Who::kCoordinator, kSurvey,
       "/api/v1/surveys/{survey_id}"},
      {"POST", "/api/v1/me/surveys/{invitation_id}/answers", Who::kApplicant,
       json{{"answers", json::object()}}},
      {"POST", "/api/v1/survey-links/{token}/answers", Who::kApplicant,
       json{{"answers", json::object()}}},
      // One-click unsubscribe (issue 20): no body; the one-click form POST outside /api/v1 is
      // swept in unsubscribe_test.cpp.
      {"POST", "/api/v1/unsubscribe/{token}", Who::kApplicant, std::nullopt},
      // Webhooks (issue 24).
      {"POST", "/api/v1/admin/webhooks", Who::kAdmin,
       json{{"url", "https://hooks.example.com/p"},
            {"description", "d"},
            {"events", {"goal.completed"}},
            {"active", true}},
       "/api/v1/admin/webhooks"},
      {"PUT", "/api/v1/admin/webhooks/{webhook_id}", Who::kAdmin,
       json{{"url", "https://hooks.example.com/p"},
            {"description", "d"},
            {"events", {"goal.completed"}},
            {"active", true}},
       "/api/v1/admin/webhooks"},
      {"POST", "/api/v1/admin/webhooks/{webhook_id}/test", Who::kAdmin, std::nullopt},
      // Credential evidence files (issue 21): the body is the file; credentials_test.cpp sends
      // wrong query values and lying files.
      {"POST", "/api/v1/credentials/candidates/{candidate_id}/files", Who::kApplicant,
       std::nullopt},
      // Bulk invitations and resending one (issue 18).
      {"POST", "/api/v1/accounts/invitations/bulk", Who::kAdmin,
       json{{"employee_ids", {"E6"}}, {"roles", {"coordinator"}}}, "/api/v1/accounts"},
      {"POST", "/api/v1/accounts/{account_id}/invitation", Who::kAdmin, std::nullopt},
      // Group meetings (issue 19): the body is read before the service finds the group.
      {"POST", "/api/v1/relationships/{relationship_id}/group/meetings", Who::kApplicant,
       json{{"starts_at", "2026-12-01T10:00:00Z"},
            {"duration_minutes", 60},
            {"mode", "virtual"},
            {"location", "Room 1"},
            {"video_url", "https://meet.example.com/abc"},
            {"agenda", "Goals"}}},
      {"POST", "/api/v1/relationships/{relationship_id}/group/meetings/{meeting_id}/respond",
       Who::kApplicant, json{{"response", "accepted"}}},
      {"POST", "/api/v1/relationships/{relationship_id}/group/meetings/{meeting_id}/reschedule",
       Who::kApplicant, json{{"starts_at", "2026-12-01T10:00:00Z"}, {"duration_minutes", 60}}},
      {"POST", "/api/v1/relationships/{relationship_id}/group/meetings/{meeting_id}/cancel",
       Who::kApplicant, std::nullopt},
      {"POST", "/api/v1/relationships/{relationship_id}/group/meetings/{meeting_id}/log",
       Who::kApplicant,
       json{{"outcome", "held"},
            {"duration_minutes", 55},
            {"mode", "in_person"},
            {"topics", "Goals"},
            {"attended", {"E5"}},
            {"action_items",
             {{{"text", "Draft goals"}, {"owner", "E5"}, {"due_date", "2026-12-31"}}}}}},
      {"PUT", "/api/v1/relationships/{relationship_id}/group/action-items/{item_id}/done",
       Who::kApplicant, json{{"done", true}}},
      // Competency assessments (issue 23).
      {"PUT", "/api/v1/programs/{program_id}/assessment-competencies", Who::kCoordinator,
       json{{"competencies", {"cpp"}}}, "/api/v1/programs/{program_id}/assessment-competencies"},
      {"PUT", "/api/v1/relationships/{relationship_id}/assessments/{phase}", Who::kApplicant,
       json{{"version", 0}, {"ratings", {{"cpp", 3}}}},
       "/api/v1/relationships/{relationship_id}/assessments"},
  };
  return routes;
}

// Values of every JSON type, and integers no int (or no int64) holds.
const std::vector<json>& WrongValues() {
  static const std::vector<json> values = {
      json(true),
      json(0),
      json("x"),
      json::array(),
      json::object(),
      json::parse("4294967296"),
      json::parse("9223372036854775808"),
      json::parse("-9223372036854775809"),
      json(1.5),
  };
  return values;
}

bool SameKind(const json& a, const json& b) {
  auto kind = [](const json& v) {
    if (v.is_number_integer() || v.is_number_unsigned()) return 1;  // whole numbers
    if (v.is_number()) return 2;
    return 10 + static_cast<int>(v.type());
  };
  return kind(a) == kind(b);
}

// A whole number no int holds: wrong even where a whole number is right.
bool OutsideInt(const json& v) {
  if (v.is_number_unsigned()) return v.get<uint64_t>() > static_cast<uint64_t>(INT32_MAX);
  if (v.is_number_integer()) return v.get<int64_t>() > INT32_MAX || v.get<int64_t>() < INT32_MIN;
  return false;
}

// Every member path of `body` (objects' members and arrays' first elements), with its value.
void Members(const json& value, const std::string& path,
             std::vector<std::pair<std::string, json::json_pointer>>& out,
             const json::json_pointer& pointer) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      const std::string p = path.empty() ? key : path + "." + key;
      out.emplace_back(p, pointer / key);
      Members(member, p, out, pointer / key);
    }
  } else if (value.is_array() && !value.empty()) {
    const std::string p = path + "[0]";
    out.emplace_back(p, pointer / 0);
    Members(value[0], p, out, pointer / 0);
  }
}

// AccessDirectory() plus mentors F1 and F2 (Finance, level 6, under E3), so that E5 can be
// matched into a relationship (as in meetings_test.cpp).
domain::Directory SweepDirectory() {
  domain::Directory d = AccessDirectory();
  for (const char* id : {"F1", "F2"}) {
    domain::PersonRecord p = domain::testing::MakePerson(id, "E3");
    p.department = "FIN";
    p.level = 6;
    d.people.push_back(p);
  }
  return d;
}

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = Call("POST", "/api/v1/programs", coordinator_,
                        {{"name", "Grow"},
                         {"type", "one_on_one"},
                         {"need", "career_development"},
                         {"start_date", "2027-01-01"},
                         {"end_date", "2027-12-31"},
                         {"enrollment_opens", "2026-11-01"},
                         {"enrollment_closes", "2026-12-15"}});
    ASSERT_EQ(created.status, 201) << created.body;
    program_ = "/api/v1/programs/" + std::to_string(Body(created)["id"].get<int64_t>());
    ASSERT_EQ(Call("POST", program_ + "/open", coordinator_).status, 200);
    auto form = Call(
        "PUT", program_ + "/forms/mentee", coordinator_,
        {{"questions",
          {{{"id", "goal"}, {"type", "short_text"}, {"label", "Your goal"}, {"required", true}},
           {{"id", "confidence"}, {"type", "scale"}, {"label", "Confidence"}},
           {{"id", "topics"},
            {"type", "multiple_choice"},
            {"label", "Topics"},
            {"options", {"Tech", "People"}}}}}});
    ASSERT_EQ(form.status, 200) << form.body;
    auto applied = Call("POST", program_ + "/applications", applicant_,
                        {{"side", "mentee"}, {"answers", {{"goal", "Lead"}}}});
    ASSERT_EQ(applied.status, 201) << applied.body;
    application_ = "/api/v1/applications/" + std::to_string(Body(applied)["id"].get<int64_t>());
    auto survey = Call("POST", program_ + "/surveys", coordinator_, kSurvey);
    ASSERT_EQ(survey.status, 201) << survey.body;
    survey_ = std::to_string(Body(survey)["id"].get<int64_t>());
  }

  // A published one-on-one relationship for E5 (the applicant, as mentee) and one meeting E5
  // proposed in it, for the meetings routes.
  void MakeRelationship() {
    auto created = Call("POST", "/api/v1/programs", coordinator_,
                        {{"name", "Meetings"},
                         {"type", "one_on_one"},
                         {"need", "career_development"},
                         {"start_date", "2027-01-01"},
                         {"end_date", "2027-12-31"},
                         {"enrollment_opens", "2026-11-01"},
                         {"enrollment_closes", "2026-12-15"},
                         {"mentor_capacity", {{"mentees", 2}, {"hours_per_month", 4}}}});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string program =
        "/api/v1/programs/" + std::to_string(Body(created)["id"].get<int64_t>());
    ASSERT_EQ(Call("POST", program + "/open", coordinator_).status, 200);
    ASSERT_EQ(Call("POST", program + "/nominations", coordinator_,
                   {{"side", "mentor"}, {"employee_ids", {"F1", "F2"}}})
                  .status,
              200);
    ASSERT_EQ(Call("POST", program + "/nominations", coordinator_,
                   {{"side", "mentee"}, {"employee_ids", {"E5"}}})
                  .status,
              200);
    auto queued = Call("POST", program + "/proposals", coordinator_, json::object());
    ASSERT_EQ(queued.status, 202) << queued.body;
    auto ran = server_.app().matching().RunNextJob("test-worker");
    ASSERT_TRUE(ran.ok() && *ran);
    auto published = Call(
        "POST",
        program + "/proposals/" + std::to_string(Body(queued)["id"].get<int64_t>()) + "/publish",
        coordinator_);
    ASSERT_EQ(published.status, 200) << published.body;
    auto mine = Body(Call("GET", "/api/v1/me/relationships", applicant_));
    ASSERT_EQ(mine["items"].size(), 1u) << mine.dump();
    relationship_ =
        "/api/v1/relationships/" + std::to_string(mine["items"][0]["id"].get<int64_t>());

    // Both sides accept the agreement, so goals, notes and feedback open; one goal with a
    // milestone and one note for their routes.
    const TestSession mentor =
        SignInAs(server_, mine["items"][0]["mentor"]["employee_id"].get<std::string>());
    ASSERT_EQ(
        Call("POST", relationship_ + "/agreement/accept", applicant_, {{"version", 0}}).status,
        200);
    ASSERT_EQ(Call("POST", relationship_ + "/agreement/accept", mentor, {{"version", 1}}).status,
              200);
    auto proposed = Call("POST", relationship_ + "/meetings", applicant_,
                         {{"starts_at", "2026-11-30T10:00:00Z"}});
    ASSERT_EQ(proposed.status, 201) << proposed.body;
    meeting_id_ = std::to_string(Body(proposed)["id"].get<int64_t>());
    auto goal = Call("POST", relationship_ + "/goals", applicant_, {{"title", "Lead"}});
    ASSERT_EQ(goal.status, 201) << goal.body;
    goal_ = std::to_string(Body(goal)["id"].get<int64_t>());
    auto milestone = Call("POST", relationship_ + "/goals/" + goal_ + "/milestones", applicant_,
                          {{"version", Body(goal)["version"]}, {"title", "First"}});
    ASSERT_EQ(milestone.status, 201) << milestone.body;
    milestone_ = std::to_string(Body(milestone)["milestones"][0]["id"].get<int64_t>());
    auto note =
        Call("POST", relationship_ + "/notes", applicant_, {{"kind", "private"}, {"text", "Mine"}});
    ASSERT_EQ(note.status, 201) << note.body;
    note_ = std::to_string(Body(note)["id"].get<int64_t>());
  }

  ClientResponse Call(const std::string& method, const std::string& path, const TestSession& who,
                      const json& body = nullptr) {
    return Send(method, path, who, body.is_null() ? std::string() : body.dump());
  }
  ClientResponse Send(const std::string& method, const std::string& path, const TestSession& who,
                      const std::string& text) {
    Headers headers = who.Auth();
    if (!text.empty()) headers.emplace_back("Content-Type", "application/json");
    return server_.Connect().Request(method, path, text, headers);
  }

  const TestSession& As(Who who) const {
    return who == Who::kAdmin ? admin_ : who == Who::kCoordinator ? coordinator_ : applicant_;
  }

  std::string Concrete(std::string path) const {
    auto replace = [&](const std::string& from, const std::string& to) {
      if (auto at = path.find(from); at != std::string::npos) path.replace(at, from.size(), to);
    };
    replace("/api/v1/programs/{program_id}", program_);
    replace("/api/v1/applications/{application_id}", application_);
    replace("{account_id}", std::to_string(applicant_.account_id));
    replace("{side}", "mentee");
    replace("{request_id}", "1");
    replace("{proposal_id}", "1");
    replace("/api/v1/relationships/{relationship_id}",
            relationship_.empty() ? "/api/v1/relationships/1" : relationship_);
    replace("{meeting_id}", meeting_id_.empty() ? "1" : meeting_id_);
    replace("{item_id}", "1");
    replace("{goal_id}", goal_.empty() ? "1" : goal_);
    replace("{milestone_id}", milestone_.empty() ? "1" : milestone_);
    replace("{note_id}", note_.empty() ? "1" : note_);
    replace("{resource_id}", "1");
    replace("{candidate_id}", "1");
    replace("{credential_id}", "1");
    replace("{survey_id}", survey_);
    replace("{invitation_id}", "1");
    replace("{token}", "bogus");
    replace("{webhook_id}", "1");
    replace("{phase}", "start");
    return path;
  }

  // E1 top; E2 manages E5 and E6; E3 manages F1 and F2; E4 left. Today 2026-11-23.
  AuthTestServer server_{SweepDirectory()};
  TestSession admin_ = SignInAs(server_, "E1", {domain::Role::kAdmin, domain::Role::kCoordinator});
  TestSession coordinator_ = SignInAs(server_, "E3", {domain::Role::kCoordinator});
  TestSession applicant_ = SignInAs(server_, "E5");
  std::string program_, application_, relationship_, meeting_id_, goal_, milestone_, note_;
  std::string survey_;
};

TEST_F(BadInputTest, EveryWrongTypeOfEveryBodyMemberIsA400NamingIt) {
  ASSERT_NO_FATAL_FAILURE(MakeRelationship());
  const api::Router& router = server_.router();
  int requests = 0;
  // Null member bodies, sent once every route's wrong types were: null is "absent" for
  // optional members, so some of them succeed and change what later routes would read.
  struct NullCase {
    std::string method, path, member;
    const TestSession* who;
    json body;
  };
  std::vector<NullCase> nulls;
  for (const RouteCase& route : Routes()) {
    SCOPED_TRACE(route.method + " " + route.pattern);
    const api::Route* served = nullptr;
    for (const api::Route& r : router.routes()) {
      if (r.pattern == route.pattern && api::HttpMethodName(r.method) == route.method) served = &r;
    }
    ASSERT_NE(served, nullptr) << "not served";
    ASSERT_EQ(served->options.body == api::BodyKind::kJson, route.body.has_value())
        << "the table and the router disagree on whether the route reads a JSON body";
    if (!route.body) continue;
    const std::string path = Concrete(route.pattern);
    const TestSession& who = As(route.who);
    const std::string read = route.read.empty() ? "" : Concrete(route.read);
    const std::string before = read.empty() ? "" : Call("GET", read, who).body;

    std::vector<std::pair<std::string, json::json_pointer>> members;
    Members(*route.body, "", members, json::json_pointer());
    for (const auto& [member, pointer] : members) {
      const json& valid = route.body->at(pointer);
      for (const json& wrong : WrongValues()) {
        if (SameKind(wrong, valid) && !OutsideInt(wrong)) continue;
        if (route.wide.contains(member) && wrong == json::parse("4294967296")) continue;
        json body = *route.body;
        body[pointer] = wrong;
        auto r = Call(route.method, path, who, body);
        ++requests;
        EXPECT_EQ(r.status, 400) << member << " = " << wrong.dump() << ": " << r.body;
        EXPECT_EQ(Body(r)["error"]["field"], member) << member << " = " << wrong.dump();
      }
      json body = *route.body;
      body[pointer] = nullptr;
      nulls.push_back({route.method, path, member, &who, std::move(body)});
    }
    // The body itself must be an object; an unknown member is named.
    for (const char* not_object : {"[]", "1", "\"x\"", "true"}) {
      auto r = Send(route.method, path, who, not_object);
      EXPECT_EQ(r.status, 400) << not_object;
      EXPECT_EQ(Body(r)["error"]["field"], "body") << not_object;
    }
    json unknown = *route.body;
    unknown["surprise"] = 1;
    auto r = Call(route.method, path, who, unknown);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(Body(r)["error"]["field"], "surprise");
    if (!read.empty()) {
      EXPECT_EQ(Call("GET", read, who).body, before) << "a rejected request changed " << read;
    }
  }
  // Null is "absent" for optional members (which may then succeed) and wrong for required
  // ones: never a 5xx, and a 400 names its field.
  for (const NullCase& c : nulls) {
    auto answer = Call(c.method, c.path, *c.who, c.body);
    ++requests;
    EXPECT_LT(answer.status, 500) << c.method << " " << c.path << " " << c.member
                                  << " = null: " << answer.body;
    if (answer.status == 400) {
      const json error = Body(answer).value("error", json::object());
      EXPECT_NE(error.value("field", ""), "") << c.path << " " << c.member << " = null";
    }
  }
  EXPECT_GT(requests, 500);
}

TEST(BadInputRoutesTest, EveryWritingRouteOfTheSpecHasAnEntry) {
  std::set<std::pair<std::string, std::string>> listed;
  for (const RouteCase& route : Routes()) listed.emplace(route.method, route.pattern);
  int checked = 0;
  for (const auto& [path, methods] : ReadOpenApiPaths(OpenApiFile())) {
    if (path.rfind("/api/v1/", 0) != 0) continue;
    for (const std::string& method : methods) {
      if (method != "post" && method != "put" && method != "patch") continue;
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      ++checked;
      EXPECT_TRUE(listed.contains({upper, path}))
          << upper << " " << path
          << " has no entry in bad_input_test.cpp's Routes(): add its valid body (or nullopt "
             "when it reads none)";
    }
  }
  EXPECT_GT(checked, 30);
}

// --- The bugs the sweep was built for -------------------------------------------------------

TEST_F(BadInputTest, AReviewDecisionOfAWrongTypeIsA400) {
  for (const char* wrong : {"null", "true", "0", "[]", "{}"}) {
    auto r = Send("POST", program_ + "/applications/review", coordinator_,
                  std::string(R"({"application_ids":[1],"decision":)") + wrong + "}");
    EXPECT_EQ(r.status, 400) << wrong << ": " << r.body;
    EXPECT_EQ(Body(r)["error"]["field"], "decision") << wrong;
  }
}

TEST_F(BadInputTest, AWeightOutsideAnIntIsRefusedNotStoredAsZero) {
  const std::string path = program_ + "/matching/settings";
  const json before = Body(Call("GET", path, coordinator_))["settings"];
  for (const char* big : {"4294967296", "9223372036854775808", "1e3"}) {
    auto r = Send("PUT", path, coordinator_, std::string(R"({"weights":{"skills":)") + big + "}}");
    EXPECT_EQ(r.status, 400) << big << ": " << r.body;
    EXPECT_EQ(Body(r)["error"]["field"], "weights.skills") << big;
  }
  EXPECT_EQ(Body(Call("GET", path, coordinator_))["settings"], before);
  // Inside an int but outside the service's range: the service names it.
  auto r = Call("PUT", path, coordinator_, {{"weights", {{"skills", 1001}}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r)["error"]["field"], "weights.skills");
  auto ok = Call("PUT", path, coordinator_, {{"weights", {{"skills", 7}}}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok)["settings"]["weights"]["skills"], 7);
  EXPECT_EQ(Body(ok)["settings"]["weights"]["site"], before["weights"]["site"]);
}

TEST_F(BadInputTest, RolesAreRequiredSoAMissingMemberRemovesNothing) {
  const std::string path = "/api/v1/accounts/" + std::to_string(coordinator_.account_id) + "/roles";
  for (const char* body : {"{}", R"({"role":["admin"]})", R"({"roles":null})"}) {
    auto r = Send("PUT", path, admin_, body);
    EXPECT_EQ(r.status, 400) << body << ": " << r.body;
  }
  auto session = Body(Call("GET", "/api/v1/auth/session", coordinator_));
  EXPECT_EQ(session["account"]["roles"], json::array({"coordinator"}));
}

TEST_F(BadInputTest, AnswersOfTheWrongShapeForTheirQuestionAreRefused) {
  const std::vector<std::pair<json, std::string>> wrong = {
      {{{"goal", 7}}, "answers.goal"},                                  // a number for text
      {{{"goal", {"Lead"}}}, "answers.goal"},                           // a list for text
      {{{"goal", "Lead"}, {"confidence", "3"}}, "answers.confidence"},  // text for a scale
      {{{"goal", "Lead"}, {"topics", "Tech"}}, "answers.topics"},       // text for a list
      {{{"goal", "Lead"}, {"confidence", 4294967296}}, "answers.confidence"},
  };
  for (const auto& [answers, field] : wrong) {
    auto r = Call("PUT", application_, applicant_, {{"answers", answers}});
    EXPECT_EQ(r.status, 400) << answers.dump() << ": " << r.body;
    EXPECT_EQ(Body(r)["error"]["field"], field) << answers.dump();
  }
  EXPECT_EQ(Body(Call("GET", application_, applicant_))["answers"], json({{"goal", "Lead"}}));
  auto ok = Call("PUT", application_, applicant_,
                 {{"answers", {{"goal", "Lead"}, {"confidence", 3}, {"topics", {"Tech"}}}}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok)["answers"]["confidence"], 3);
}

}  // namespace
}  // namespace pairwise::testing
