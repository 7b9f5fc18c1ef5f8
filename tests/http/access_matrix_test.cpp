// The access matrix: every route x every kind of caller -> the expected HTTP status. One row
// per (method, route, body); add a row for every route you register (EveryRouteHasARow fails
// otherwise). Each row runs against a fresh server so rows cannot affect each other.
//
// Callers (AccessDirectory()): anonymous; participant E5 (no roles, no reports); manager E2
// (manages E5 and E6); coordinator E6; admin E1; an API token with scope scim; one with
// scope export.
#include <gtest/gtest.h>

#include <array>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "auth_test_support.h"
#include "relationship_fixture.h"

namespace pairwise::testing {
namespace {

enum Caller { kAnonymous, kParticipant, kManager, kCoordinator, kAdmin, kScimToken, kExportToken };
constexpr std::array kCallerNames = {"anonymous", "participant", "manager",     "coordinator",
                                     "admin",     "token:scim",  "token:export"};

struct Row {
  std::string method;
  std::string path;  // a concrete path; "{pattern}" is the registered pattern it exercises
  std::string pattern;
  std::string body;  // JSON, or empty for none
  // Expected status per Caller, in the enum's order.
  std::array<int, 7> expected;
};

// A program body every role may send (the coordinator's and admin's are created).
constexpr const char* kProgramBody =
    R"({"name":"Matrix","type":"one_on_one","need":"other","start_date":"2027-01-01",)"
    R"("end_date":"2027-06-30","enrollment_opens":"2026-11-01","enrollment_closes":"2026-12-15"})";

// A valid agreement template.
constexpr const char* kTemplateBody =
    R"({"confidentiality":"Between us.","cadence_days":14,"length_months":6,"mode":"mixed",)"
    R"("how_to_end":"Either of us may end it."})";

// A valid health configuration (issue 22).
constexpr const char* kHealthConfigBody =
    R"({"settings":{"weights":{"cadence":25,"recency":25,"goals":15,"feedback":10,)"
    R"("responsiveness":15,"first_meeting":10},"on_track_min":70,"at_risk_below":40,)"
    R"("grace_days":14,"first_meeting_days":14,"answer_days":3,"max_nudges_per_week":2},)"
    R"("ladder":[{"trigger":"needs_attention","recipients":"pair","delay_days":0,)"
    R"("subject":"Hello {recipient}","body":"{why}","enabled":true}]})";

// A valid credential framework (issue 21): the default's shape, one of each.
constexpr const char* kFrameworkBody =
    R"({"version":1,"steps":[{"name":"1"},{"name":"2"},{"name":"3"},{"name":"4"},{"name":"5"},)"
    R"({"name":"6"},{"name":"7"}],"topics":[{"code":"a","name":"A","check":"Why?"}],)"
    R"("competencies":[{"code":"trust","name":"Trust"}],"levels":[{"score":1,"name":"Low"},)"
    R"({"score":2,"name":"High"}],"passing_score":2,"validity_months":24})";
// A valid survey (issue 23).
constexpr const char* kSurveyBody =
    R"({"title":"Halfway","kind":"midpoint","privacy":"anonymous","audience":"both",)"
    R"("schedule":{"anchor":"halfway"},"questions":[{"id":"nps","type":"nps","label":"Recommend?"}]})";

// Session-only routes: tokens are not sessions (401).
// clang-format off
const std::vector<Row>& Rows() {
  static const std::vector<Row> rows = {
      //                                                                                     anon part mgr  coord admin scim exp
      {"GET", "/api/v1/health", "/api/v1/health", "",                                        {200, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/v1/auth/sign-in", "/api/v1/auth/sign-in",
       R"({"email":"p.E5@example.com","password":"test password 1234"})",                    {200, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/v1/auth/sign-out", "/api/v1/auth/sign-out", "",                         {401, 204, 204, 204, 204, 401, 401}},
      {"GET", "/api/v1/auth/session", "/api/v1/auth/session", "",                            {401, 200, 200, 200, 200, 401, 401}},
      {"POST", "/api/v1/auth/password", "/api/v1/auth/password",
       R"({"current_password":"not the password","new_password":"another password"})",       {401, 400, 400, 400, 400, 401, 401}},
      {"POST", "/api/v1/auth/password-reset", "/api/v1/auth/password-reset",
       R"({"email":"p.E5@example.com"})",                                                    {202, 202, 202, 202, 202, 202, 202}},
      {"POST", "/api/v1/auth/redeem", "/api/v1/auth/redeem",
       R"({"token":"bogus","new_password":"another password"})",                             {404, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/auth/redeem/bogus", "/api/v1/auth/redeem/{token}", "",                {404, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/accounts", "/api/v1/accounts", "",                                    {401, 403, 403, 403, 200, 401, 401}},
      {"POST", "/api/v1/accounts/invitations", "/api/v1/accounts/invitations",
       R"({"employee_id":"E3","roles":[]})",                                                 {401, 403, 403, 403, 201, 401, 401}},
      {"PUT", "/api/v1/accounts/999999/roles", "/api/v1/accounts/{account_id}/roles",
       R"({"roles":["coordinator"]})",                                                       {401, 403, 403, 403, 404, 401, 401}},
      {"POST", "/api/v1/accounts/999999/deactivate", "/api/v1/accounts/{account_id}/deactivate",
       "",                                                                                   {401, 403, 403, 403, 404, 401, 401}},
      {"POST", "/api/v1/accounts/999999/reactivate", "/api/v1/accounts/{account_id}/reactivate",
       "",                                                                                   {401, 403, 403, 403, 404, 401, 401}},
      {"GET", "/api/v1/api-tokens", "/api/v1/api-tokens", "",                                {401, 403, 403, 403, 200, 401, 401}},
      {"POST", "/api/v1/api-tokens", "/api/v1/api-tokens",
       R"({"name":"matrix","scopes":["export"]})",                                           {401, 403, 403, 403, 201, 401, 401}},
      {"DELETE", "/api/v1/api-tokens/999999", "/api/v1/api-tokens/{id}", "",                 {401, 403, 403, 403, 404, 401, 401}},
      {"GET", "/api/v1/audit", "/api/v1/audit", "",                                          {401, 403, 403, 403, 200, 401, 401}},
      {"GET", "/api/v1/admin/mail", "/api/v1/admin/mail", "",                                {401, 403, 403, 403, 200, 401, 401}},
      // The directory: everyone signed in; people who left (E4) only admins.
      {"GET", "/api/v1/people", "/api/v1/people", "",                                        {401, 200, 200, 200, 200, 401, 401}},
      {"GET", "/api/v1/people?status=left", "/api/v1/people", "",                            {401, 403, 403, 403, 200, 401, 401}},
      {"GET", "/api/v1/people/E5", "/api/v1/people/{employee_id}", "",                       {401, 200, 200, 200, 200, 401, 401}},
      {"GET", "/api/v1/people/E4", "/api/v1/people/{employee_id}", "",                       {401, 404, 404, 404, 200, 401, 401}},
      {"GET", "/api/v1/people/NOBODY", "/api/v1/people/{employee_id}", "",                   {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/me/profile", "/api/v1/me/profile", "",                                {401, 200, 200, 200, 200, 401, 401}},
      {"PUT", "/api/v1/me/profile", "/api/v1/me/profile",
       R"({"bio":"Matrix","languages":["en"],"availability_hours_per_month":4,"meeting_preference":"virtual","expertise":[{"skill":"cpp","level":3}],"wants":[]})",
                                                                                             {401, 200, 200, 200, 200, 401, 401}},
      {"GET", "/api/v1/skills", "/api/v1/skills", "",                                        {401, 200, 200, 200, 200, 401, 401}},
      {"GET", "/api/v1/departments", "/api/v1/departments", "",                              {401, 200, 200, 200, 200, 401, 401}},
      {"GET", "/api/v1/sites", "/api/v1/sites", "",                                          {401, 200, 200, 200, 200, 401, 401}},
      // Import routes take the CSV file raw; this one has only a header, so the admin's preview
      // lists errors (200) and the import refuses it (400).
      {"POST", "/api/v1/imports/people/preview", "/api/v1/imports/people/preview",
       "employee_id\n",                                                                      {401, 403, 403, 403, 200, 401, 401}},
      {"POST", "/api/v1/imports/people", "/api/v1/imports/people", "employee_id\n",           {401, 403, 403, 403, 400, 401, 401}},
      {"GET", "/api/v1/imports/people/mapping", "/api/v1/imports/people/mapping", "",         {401, 403, 403, 403, 200, 401, 401}},
      {"PUT", "/api/v1/imports/people/mapping", "/api/v1/imports/people/mapping",
       R"({"mapping":{"Emp Ref":"employee_id"}})",                                           {401, 403, 403, 403, 200, 401, 401}},
      // Programs: creating needs the coordinator or admin role; ids that do not exist are 404
      // (tests/http/programs_test.cpp covers real programs and relations).
      {"GET", "/api/v1/programs", "/api/v1/programs", "",                                    {401, 200, 200, 200, 200, 401, 401}},
      {"POST", "/api/v1/programs", "/api/v1/programs", kProgramBody,                          {401, 403, 403, 201, 201, 401, 401}},
      {"POST", "/api/v1/programs/eligibility-preview", "/api/v1/programs/eligibility-preview",
       R"({"mentor":{"min_level":5},"mentee":{}})",                                          {401, 403, 403, 200, 200, 401, 401}},
      {"GET", "/api/v1/programs/999999", "/api/v1/programs/{program_id}", "",                 {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/programs/999999", "/api/v1/programs/{program_id}", kProgramBody,       {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/open", "/api/v1/programs/{program_id}/open", "",      {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/close", "/api/v1/programs/{program_id}/close", "",    {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/archive", "/api/v1/programs/{program_id}/archive", "",{401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/eligibility", "/api/v1/programs/{program_id}/eligibility", "",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/capacity/me", "/api/v1/programs/{program_id}/capacity/me", "",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/programs/999999/capacity/me", "/api/v1/programs/{program_id}/capacity/me",
       R"({"mentees":1,"hours_per_month":2})",                                               {401, 404, 404, 404, 404, 401, 401}},
      // Forms and applications: ids that do not exist are 404 (tests/http/applications_test.cpp
      // covers real ones, with who may read answers).
      {"GET", "/api/v1/programs/999999/forms/mentee", "/api/v1/programs/{program_id}/forms/{side}", "",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/programs/999999/forms/mentee", "/api/v1/programs/{program_id}/forms/{side}",
       R"({"questions":[]})",                                                                {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/applications", "/api/v1/programs/{program_id}/applications",
       R"({"side":"mentee","answers":{}})",                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/applications", "/api/v1/programs/{program_id}/applications", "",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/applications/review",
       "/api/v1/programs/{program_id}/applications/review",
       R"({"application_ids":[1],"decision":"approve"})",                                    {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/nominations", "/api/v1/programs/{program_id}/nominations",
       R"({"side":"mentee","employee_ids":["E5"]})",                                         {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/applications/999999", "/api/v1/applications/{application_id}", "",     {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/applications/999999", "/api/v1/applications/{application_id}",
       R"({"answers":{}})",                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/applications/999999/withdraw", "/api/v1/applications/{application_id}/withdraw", "",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/applications/999999/manager-approval",
       "/api/v1/applications/{application_id}/manager-approval", R"({"approve":true})",       {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/me/applications", "/api/v1/me/applications", "",                       {401, 200, 200, 200, 200, 401, 401}},
      {"GET", "/api/v1/me/team", "/api/v1/me/team", "",                                       {401, 200, 200, 200, 200, 401, 401}},
      // Self-match: ids that do not exist are 404 (tests/http/selfmatch_test.cpp has real ones).
      {"GET", "/api/v1/programs/999999/mentors", "/api/v1/programs/{program_id}/mentors", "",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/requests", "/api/v1/programs/{program_id}/requests",
       R"({"mentor_employee_id":"E2"})",                                                     {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/requests", "/api/v1/programs/{program_id}/requests", "",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/requests/999999/accept", "/api/v1/requests/{request_id}/accept", R"({})",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/requests/999999/decline", "/api/v1/requests/{request_id}/decline", R"({})",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/requests/999999/cancel", "/api/v1/requests/{request_id}/cancel", "",   {401, 404, 404, 404, 404, 401, 401}},
      // Matching a program: ids that do not exist are 404 (tests/http/matching_test.cpp has real
      // programs, with only their coordinators let in).
      {"GET", "/api/v1/programs/999999/matching/settings", "/api/v1/programs/{program_id}/matching/settings",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/programs/999999/matching/settings", "/api/v1/programs/{program_id}/matching/settings",
       R"({"other_department":true})",                                                      {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/matching/constraints", "/api/v1/programs/{program_id}/matching/constraints",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/programs/999999/matching/constraints", "/api/v1/programs/{program_id}/matching/constraints",
       R"({"mentee":"E5","mentor":"E2","kind":"pin"})",                                     {401, 404, 404, 404, 404, 401, 401}},
      {"DELETE", "/api/v1/programs/999999/matching/constraints/E5/E2", "/api/v1/programs/{program_id}/matching/constraints/{mentee}/{mentor}",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/proposals", "/api/v1/programs/{program_id}/proposals",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/proposals", "/api/v1/programs/{program_id}/proposals",
       R"({})",                                                                             {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/rematch", "/api/v1/programs/{program_id}/rematch",
       R"({"employee_ids":["E5"]})",                                                        {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/relationships", "/api/v1/programs/{program_id}/relationships",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/proposals/1", "/api/v1/programs/{program_id}/proposals/{proposal_id}",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/proposals/1/cancel", "/api/v1/programs/{program_id}/proposals/{proposal_id}/cancel",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/proposals/1/pairs", "/api/v1/programs/{program_id}/proposals/{proposal_id}/pairs",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/proposals/1/unmatched", "/api/v1/programs/{program_id}/proposals/{proposal_id}/unmatched",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/proposals/1/fairness", "/api/v1/programs/{program_id}/proposals/{proposal_id}/fairness",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/proposals/1/compare/2", "/api/v1/programs/{program_id}/proposals/{proposal_id}/compare/{other_id}",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/proposals/1/changes/preview", "/api/v1/programs/{program_id}/proposals/{proposal_id}/changes/preview",
       R"({"mentee":"E5","mentor":"E2"})",                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/proposals/1/changes", "/api/v1/programs/{program_id}/proposals/{proposal_id}/changes",
       R"({"mentee":"E5","mentor":"E2"})",                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/proposals/1/publish", "/api/v1/programs/{program_id}/proposals/{proposal_id}/publish",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/proposals/1/publish", "/api/v1/programs/{program_id}/proposals/{proposal_id}/publish",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/me/relationships", "/api/v1/me/relationships", "",                     {401, 200, 200, 200, 200, 401, 401}},
      // Meetings (issue 19): my availability for everyone signed in; a relationship's free
      // slots and meetings only for its pair (meetings_test.cpp covers the pair and the other
      // relations on a real relationship), 404 for anyone else.
      {"GET", "/api/v1/me/availability", "/api/v1/me/availability", "",                     {401, 200, 200, 200, 200, 401, 401}},
      {"PUT", "/api/v1/me/availability", "/api/v1/me/availability",
       R"({"windows":[{"weekday":"monday","start":"09:00","end":"12:00"}]})",               {401, 200, 200, 200, 200, 401, 401}},
      {"GET", "/api/v1/relationships/999999/free-slots", "/api/v1/relationships/{relationship_id}/free-slots",
       "",                                                                                   {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/relationships/999999/meetings", "/api/v1/relationships/{relationship_id}/meetings",
       "",                                                                                   {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/meetings", "/api/v1/relationships/{relationship_id}/meetings",
       R"({"starts_at":"2030-01-07T10:00:00Z"})",                                           {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/relationships/999999/meetings/1", "/api/v1/relationships/{relationship_id}/meetings/{meeting_id}",
       "",                                                                                   {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/meetings/1/accept", "/api/v1/relationships/{relationship_id}/meetings/{meeting_id}/accept",
       "",                                                                                   {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/meetings/1/counter", "/api/v1/relationships/{relationship_id}/meetings/{meeting_id}/counter",
       R"({"starts_at":"2030-01-07T10:00:00Z"})",                                           {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/meetings/1/reschedule", "/api/v1/relationships/{relationship_id}/meetings/{meeting_id}/reschedule",
       R"({"starts_at":"2030-01-07T10:00:00Z"})",                                           {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/meetings/1/log", "/api/v1/relationships/{relationship_id}/meetings/{meeting_id}/log",
       R"({"outcome":"missed"})",                                                           {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/relationships/999999/action-items", "/api/v1/relationships/{relationship_id}/action-items",
       "",                                                                                   {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/relationships/999999/action-items/1/done", "/api/v1/relationships/{relationship_id}/action-items/{item_id}/done",
       R"({"done":true})",                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/me/calendar-feed", "/api/v1/me/calendar-feed", "",                   {401, 200, 200, 200, 200, 401, 401}},
      {"POST", "/api/v1/me/calendar-feed", "/api/v1/me/calendar-feed", "",                  {401, 201, 201, 201, 201, 401, 401}},
      {"DELETE", "/api/v1/me/calendar-feed", "/api/v1/me/calendar-feed", "",                {401, 204, 204, 204, 204, 401, 401}},
      // The feed has no session: its secret token is the credential; an unknown one is 404.
      {"GET", "/api/v1/calendar/bogus.ics", "/api/v1/calendar/{file}", "",                   {404, 404, 404, 404, 404, 404, 404}},
      // One-click unsubscribe (issue 20): no session, the link's token is the key; an unknown one
      // is 404, and the one-click POST takes only its form (400 for a JSON body).
      {"GET", "/unsubscribe/bogus", "/unsubscribe/{token}", "",                               {404, 404, 404, 404, 404, 404, 404}},
      {"POST", "/unsubscribe/bogus", "/unsubscribe/{token}", R"({"List-Unsubscribe":"One-Click"})", {400, 400, 400, 400, 400, 400, 400}},
      {"GET", "/api/v1/unsubscribe/bogus", "/api/v1/unsubscribe/{token}", "",                 {404, 404, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/unsubscribe/bogus", "/api/v1/unsubscribe/{token}", "",                {404, 404, 404, 404, 404, 404, 404}},
      // Webhooks (issue 24): admins only; an unknown endpoint is 404 for them.
      {"GET", "/api/v1/admin/webhooks", "/api/v1/admin/webhooks", "",                          {401, 403, 403, 403, 200, 401, 401}},
      {"POST", "/api/v1/admin/webhooks", "/api/v1/admin/webhooks",
       R"({"url":"https://hooks.example.com/p","events":["goal.completed"]})",              {401, 403, 403, 403, 201, 401, 401}},
      {"PUT", "/api/v1/admin/webhooks/999999", "/api/v1/admin/webhooks/{webhook_id}",
       R"({"url":"https://hooks.example.com/p","events":["goal.completed"]})",              {401, 403, 403, 403, 404, 401, 401}},
      {"DELETE", "/api/v1/admin/webhooks/999999", "/api/v1/admin/webhooks/{webhook_id}", "",   {401, 403, 403, 403, 404, 401, 401}},
      {"POST", "/api/v1/admin/webhooks/999999/test", "/api/v1/admin/webhooks/{webhook_id}/test", "", {401, 403, 403, 403, 404, 401, 401}},
      {"GET", "/api/v1/admin/webhooks/999999/deliveries", "/api/v1/admin/webhooks/{webhook_id}/deliveries", "", {401, 403, 403, 403, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/meetings/1/cancel", "/api/v1/relationships/{relationship_id}/meetings/{meeting_id}/cancel",
       "",                                                                                   {401, 404, 404, 404, 404, 401, 401}},
      // Relationships (issue 19): ids that do not exist are 404; RelationshipRoutesFollowTheRelation
      // below runs every route against a real relationship for every relation.
      {"GET", "/api/v1/programs/999999/agreement-template", "/api/v1/programs/{program_id}/agreement-template",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/programs/999999/agreement-template", "/api/v1/programs/{program_id}/agreement-template",
       kTemplateBody,                                                                       {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/relationships/999999", "/api/v1/relationships/{relationship_id}", "",  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/agreement/accept", "/api/v1/relationships/{relationship_id}/agreement/accept",
       R"({"version":0})",                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/end", "/api/v1/relationships/{relationship_id}/end",
       R"({"reason":"no_time"})",                                                           {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/complete", "/api/v1/relationships/{relationship_id}/complete",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/rematch", "/api/v1/relationships/{relationship_id}/rematch",
       "",                                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/relationships/999999/goals", "/api/v1/relationships/{relationship_id}/goals",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/goals", "/api/v1/relationships/{relationship_id}/goals",
       R"({"title":"Speak"})",  {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/relationships/999999/goals/1", "/api/v1/relationships/{relationship_id}/goals/{goal_id}",
       R"({"version":1,"title":"Speak"})",  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/goals/1/milestones", "/api/v1/relationships/{relationship_id}/goals/{goal_id}/milestones",
       R"({"version":1,"title":"Plan"})",  {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/relationships/999999/goals/1/milestones/1", "/api/v1/relationships/{relationship_id}/goals/{goal_id}/milestones/{milestone_id}",
       R"({"version":1,"done":true})",  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/goals/1/confirm", "/api/v1/relationships/{relationship_id}/goals/{goal_id}/confirm",
       R"({"version":1,"what":"achievable","confirmed":true})",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/relationships/999999/goals/1/history", "/api/v1/relationships/{relationship_id}/goals/{goal_id}/history",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/relationships/999999/notes", "/api/v1/relationships/{relationship_id}/notes",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/notes", "/api/v1/relationships/{relationship_id}/notes",
       R"({"kind":"private","text":"x"})",  {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/relationships/999999/notes/1", "/api/v1/relationships/{relationship_id}/notes/{note_id}",
       R"({"version":1,"text":"x"})",  {401, 404, 404, 404, 404, 401, 401}},
      {"DELETE", "/api/v1/relationships/999999/notes/1", "/api/v1/relationships/{relationship_id}/notes/{note_id}",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/relationships/999999/feedback", "/api/v1/relationships/{relationship_id}/feedback",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/feedback", "/api/v1/relationships/{relationship_id}/feedback",
       R"({"occasion":"pulse","rating":4})",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/relationships/999999/introductions", "/api/v1/relationships/{relationship_id}/introductions",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/introductions", "/api/v1/relationships/{relationship_id}/introductions",
       R"({"employee_id":"E3","why":"Knows budgets"})",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/feedback-summary", "/api/v1/programs/{program_id}/feedback-summary",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      // Relationship health and nudges (issue 22).
      {"GET", "/api/v1/admin/scheduler", "/api/v1/admin/scheduler", "",                      {401, 403, 403, 403, 200, 401, 401}},
      {"POST", "/api/v1/admin/scheduler/run", "/api/v1/admin/scheduler/run", "",             {401, 403, 403, 403, 200, 401, 401}},
      {"GET", "/api/v1/programs/999999/health", "/api/v1/programs/{program_id}/health", "",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/health/settings", "/api/v1/programs/{program_id}/health/settings",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/programs/999999/health/settings", "/api/v1/programs/{program_id}/health/settings",
       kHealthConfigBody,  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/health/preview", "/api/v1/programs/{program_id}/health/preview",
       kHealthConfigBody,  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/health/nudges", "/api/v1/programs/{program_id}/health/nudges",
       R"({"relationship_ids":[1]})",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/health/mentor-load", "/api/v1/programs/{program_id}/health/mentor-load",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/health/history", "/api/v1/programs/{program_id}/health/history",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/relationships/999999/health", "/api/v1/relationships/{relationship_id}/health",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/me/reminders", "/api/v1/me/reminders", "",                            {401, 200, 200, 200, 200, 401, 401}},
      {"PUT", "/api/v1/me/reminders", "/api/v1/me/reminders", R"({"non_essential_off":true})", {401, 200, 200, 200, 200, 401, 401}},
      // Groups (group programs) and the shadow mentor's messages to a pair (issue 19).
      {"GET", "/api/v1/relationships/999999/group", "/api/v1/relationships/{relationship_id}/group",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/relationships/999999/group/notes", "/api/v1/relationships/{relationship_id}/group/notes",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/group/notes", "/api/v1/relationships/{relationship_id}/group/notes",
       R"({"text":"x"})",  {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/relationships/999999/group/notes/1", "/api/v1/relationships/{relationship_id}/group/notes/{note_id}",
       R"({"version":1,"text":"x"})",  {401, 404, 404, 404, 404, 401, 401}},
      {"DELETE", "/api/v1/relationships/999999/group/notes/1", "/api/v1/relationships/{relationship_id}/group/notes/{note_id}",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/relationships/999999/messages", "/api/v1/relationships/{relationship_id}/messages",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/messages", "/api/v1/relationships/{relationship_id}/messages",
       R"({"text":"x"})",  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/replace-mentor", "/api/v1/relationships/{relationship_id}/replace-mentor",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      // Reports and outcomes (issue 24): the program's coordinators and admins only.
      {"GET", "/api/v1/programs/999999/reports/dashboard", "/api/v1/programs/{program_id}/reports/dashboard",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/reports/dashboard/export?format=xlsx",
       "/api/v1/programs/{program_id}/reports/dashboard/export", "",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/reports/outcomes", "/api/v1/programs/{program_id}/reports/outcomes",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/reports/outcomes/export?format=csv",
       "/api/v1/programs/{program_id}/reports/outcomes/export", "",  {401, 404, 404, 404, 404, 401, 401}},
      // SCIM: a bearer token with scope scim only; sessions are not tokens (401).
      {"GET", "/scim/v2/Users", "/scim/v2/Users", "",                                        {401, 401, 401, 401, 401, 200, 403}},
      {"POST", "/scim/v2/Users", "/scim/v2/Users",
       R"({"userName":"matrix@example.com","name":{"givenName":"M","familyName":"X"}})",    {401, 401, 401, 401, 401, 201, 403}},
      {"GET", "/scim/v2/Users/E3", "/scim/v2/Users/{id}", "",                                {401, 401, 401, 401, 401, 200, 403}},
      {"PUT", "/scim/v2/Users/E3", "/scim/v2/Users/{id}", R"({"title":"Matrix"})",           {401, 401, 401, 401, 401, 200, 403}},
      {"PATCH", "/scim/v2/Users/E3", "/scim/v2/Users/{id}",
       R"({"Operations":[{"op":"replace","value":{"title":"Matrix"}}]})",                    {401, 401, 401, 401, 401, 200, 403}},
      {"DELETE", "/scim/v2/Users/E3", "/scim/v2/Users/{id}", "",                             {401, 401, 401, 401, 401, 204, 403}},
      {"GET", "/scim/v2/ServiceProviderConfig", "/scim/v2/ServiceProviderConfig", "",        {401, 401, 401, 401, 401, 200, 403}},
      {"GET", "/scim/v2/Schemas", "/scim/v2/Schemas", "",                                    {401, 401, 401, 401, 401, 200, 403}},
      {"GET", "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User",
       "/scim/v2/Schemas/{id}", "",                                                          {401, 401, 401, 401, 401, 200, 403}},
      {"GET", "/scim/v2/ResourceTypes", "/scim/v2/ResourceTypes", "",                        {401, 401, 401, 401, 401, 200, 403}},
      {"GET", "/scim/v2/ResourceTypes/User", "/scim/v2/ResourceTypes/{id}", "",              {401, 401, 401, 401, 401, 200, 403}},
      // Single sign-on (issue 20): off in these servers, so start and callback go back to the
      // sign-in page (tests/sso covers a real provider); the settings are the admin's.
      {"GET", "/api/v1/auth/sso", "/api/v1/auth/sso", "",                                    {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/v1/auth/sso/start", "/api/v1/auth/sso/start", "",                        {302, 302, 302, 302, 302, 302, 302}},
      {"GET", "/api/v1/auth/sso/callback?state=s&code=c", "/api/v1/auth/sso/callback", "",   {302, 302, 302, 302, 302, 302, 302}},
      {"GET", "/api/v1/admin/sso", "/api/v1/admin/sso", "",                                  {401, 403, 403, 403, 200, 401, 401}},
      {"PUT", "/api/v1/admin/sso", "/api/v1/admin/sso",
       R"({"enabled":false,"provider_name":"Okta","issuer":"https://example.okta.com","client_id":"c","match_by":"email","claim":"email","password_sign_in":true})",
                                                                                             {401, 403, 403, 403, 200, 401, 401}},
      // Mentor credentials (issue 21; tests/http/credentials_test.cpp walks real candidacies).
      // Nobody is a reviewer or holds a credential in these servers.
      {"GET", "/api/v1/credentials/framework", "/api/v1/credentials/framework", "",          {401, 200, 200, 200, 200, 401, 401}},
      {"PUT", "/api/v1/credentials/framework", "/api/v1/credentials/framework", kFrameworkBody,
                                                                                             {401, 403, 403, 403, 200, 401, 401}},
      {"GET", "/api/v1/credentials/framework/versions/1", "/api/v1/credentials/framework/versions/{version}", "",
                                                                                             {401, 200, 200, 200, 200, 401, 401}},
      {"GET", "/api/v1/credentials/reviewers", "/api/v1/credentials/reviewers", "",          {401, 403, 403, 403, 200, 401, 401}},
      {"PUT", "/api/v1/credentials/reviewers/E3", "/api/v1/credentials/reviewers/{employee_id}", "",
                                                                                             {401, 403, 403, 403, 204, 401, 401}},
      {"DELETE", "/api/v1/credentials/reviewers/E3", "/api/v1/credentials/reviewers/{employee_id}", "",
                                                                                             {401, 403, 403, 403, 404, 401, 401}},
      {"GET", "/api/v1/me/credential", "/api/v1/me/credential", "",                          {401, 200, 200, 200, 200, 401, 401}},
      {"POST", "/api/v1/credentials/candidates", "/api/v1/credentials/candidates",
       R"({"motivation":"I want to help."})",                                                {401, 201, 201, 201, 201, 401, 401}},
      {"GET", "/api/v1/credentials/candidates", "/api/v1/credentials/candidates", "",        {401, 403, 403, 403, 403, 401, 401}},
      {"GET", "/api/v1/credentials/to-sign", "/api/v1/credentials/to-sign", "",              {401, 200, 200, 200, 200, 401, 401}},
      {"GET", "/api/v1/credentials/candidates/999999", "/api/v1/credentials/candidates/{candidate_id}", "",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/credentials/candidates/999999/decision", "/api/v1/credentials/candidates/{candidate_id}/decision",
       R"({"decision":"accept","cohort":"Spring"})",                                         {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/credentials/candidates/999999/training", "/api/v1/credentials/candidates/{candidate_id}/training",
       R"({"topic":"adult_learning","reflection":"r"})",                                     {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/credentials/candidates/999999/sign-offs", "/api/v1/credentials/candidates/{candidate_id}/sign-offs",
       R"({"step":4,"evidence":"e"})",                                                       {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/credentials/candidates/999999/credential", "/api/v1/credentials/candidates/{candidate_id}/credential",
       R"({})",                                                                              {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/credentials", "/api/v1/credentials", "",                              {401, 403, 403, 200, 200, 401, 401}},
      {"POST", "/api/v1/credentials/founding", "/api/v1/credentials/founding",
       R"({"employee_id":"E3","reason":"Ran the pilot."})",                                  {401, 403, 403, 403, 201, 401, 401}},
      {"POST", "/api/v1/credentials/999999/revoke", "/api/v1/credentials/{credential_id}/revoke",
       R"({"reason":"r"})",                                                                  {401, 403, 403, 403, 404, 401, 401}},
      {"GET", "/api/v1/people/E5/credential", "/api/v1/people/{employee_id}/credential", "",  {401, 200, 403, 200, 200, 401, 401}},
      // Preferred mentors (tests/http/applications_test.cpp has a real program).
      {"GET", "/api/v1/programs/999999/mentor-choices", "/api/v1/programs/{program_id}/mentor-choices", "",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      // Mentor resources (issue 21): everyone signed in reads; coordinators and admins write;
      // tokens nothing (tests/http/resources_test.cpp covers authors, drafts and admins).
      {"GET", "/api/v1/resources", "/api/v1/resources", "",                                  {401, 200, 200, 200, 200, 401, 401}},
      {"POST", "/api/v1/resources", "/api/v1/resources",
       R"({"title":"Matrix","body":"Hello","topics":["first-meeting"],"published":true})",   {401, 403, 403, 201, 201, 401, 401}},
      {"GET", "/api/v1/resources/999999", "/api/v1/resources/{resource_id}", "",             {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/resources/999999", "/api/v1/resources/{resource_id}",
       R"({"version":1,"title":"Matrix","body":"Hello","topics":["first-meeting"],"published":true})",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      {"DELETE", "/api/v1/resources/999999", "/api/v1/resources/{resource_id}", "",          {401, 404, 404, 404, 404, 401, 401}},
      // Surveys (issue 23): a program's for its coordinators and admins (rows on a real program
      // below); a person's own; links need no session and answer only their own invitation.
      {"GET", "/api/v1/programs/999999/surveys", "/api/v1/programs/{program_id}/surveys", "",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/programs/999999/surveys", "/api/v1/programs/{program_id}/surveys", kSurveyBody,
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/surveys/999999", "/api/v1/surveys/{survey_id}", "",                   {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/surveys/999999", "/api/v1/surveys/{survey_id}", kSurveyBody,          {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/surveys/999999/results", "/api/v1/surveys/{survey_id}/results", "",   {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/me/surveys", "/api/v1/me/surveys", "",                                {401, 200, 200, 200, 200, 401, 401}},
      {"GET", "/api/v1/me/surveys/999999", "/api/v1/me/surveys/{invitation_id}", "",         {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/me/surveys/999999/answers", "/api/v1/me/surveys/{invitation_id}/answers",
       R"({"answers":{}})",                                                                  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/survey-links/bogus", "/api/v1/survey-links/{token}", "",              {404, 404, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/survey-links/bogus/answers", "/api/v1/survey-links/{token}/answers",
       R"({"answers":{}})",                                                                  {404, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/programs/999999/survey-defaults", "/api/v1/programs/{program_id}/survey-defaults", "",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      // Bulk invitations and resending one (issue 18); an unknown id is reported, not written.
      {"POST", "/api/v1/accounts/invitations/bulk", "/api/v1/accounts/invitations/bulk",
       R"({"employee_ids":["NOPE"],"roles":[]})",                                            {401, 403, 403, 403, 200, 401, 401}},
      {"POST", "/api/v1/accounts/999999/invitation", "/api/v1/accounts/{account_id}/invitation",
       "",                                                                                   {401, 403, 403, 403, 404, 401, 401}},
      // The programs overview (issue 24): admins (every program) and coordinators (their own).
      {"GET", "/api/v1/reports/programs", "/api/v1/reports/programs", "",                    {401, 403, 403, 200, 200, 401, 401}},
      {"GET", "/api/v1/reports/programs/export?format=csv", "/api/v1/reports/programs/export",
       "",                                                                                   {401, 403, 403, 200, 200, 401, 401}},
      // Group meetings (issue 19): a group's members and its program's people; see the
      // relation rows below.
      {"GET", "/api/v1/relationships/999999/group/meetings", "/api/v1/relationships/{relationship_id}/group/meetings",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/group/meetings", "/api/v1/relationships/{relationship_id}/group/meetings",
       R"({"starts_at":"2026-11-26T15:00:00Z"})",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/relationships/999999/group/meetings/1", "/api/v1/relationships/{relationship_id}/group/meetings/{meeting_id}",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/group/meetings/1/respond", "/api/v1/relationships/{relationship_id}/group/meetings/{meeting_id}/respond",
       R"({"response":"accepted"})",  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/group/meetings/1/reschedule", "/api/v1/relationships/{relationship_id}/group/meetings/{meeting_id}/reschedule",
       R"({"starts_at":"2026-11-26T15:00:00Z"})",  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/group/meetings/1/cancel", "/api/v1/relationships/{relationship_id}/group/meetings/{meeting_id}/cancel",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"POST", "/api/v1/relationships/999999/group/meetings/1/log", "/api/v1/relationships/{relationship_id}/group/meetings/{meeting_id}/log",
       R"({"outcome":"missed"})",  {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/relationships/999999/group/free-slots", "/api/v1/relationships/{relationship_id}/group/free-slots",
       "",  {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/relationships/999999/group/action-items/1/done", "/api/v1/relationships/{relationship_id}/group/action-items/{item_id}/done",
       R"({"done":true})",  {401, 404, 404, 404, 404, 401, 401}},
      // Credential evidence files (issue 21): the candidate and reviewers only, and nobody is
      // either here; tests/http/credentials_test.cpp walks a real candidacy.
      {"POST", "/api/v1/credentials/candidates/999999/files?step=1&name=a.pdf",
       "/api/v1/credentials/candidates/{candidate_id}/files", "%PDF-1.7",                    {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/credentials/files/999999", "/api/v1/credentials/files/{file_id}", "", {401, 404, 404, 404, 404, 401, 401}},
      {"DELETE", "/api/v1/credentials/files/999999", "/api/v1/credentials/files/{file_id}", "",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      // Table exports (issue 24): the people export is for admins only (the list is everyone's);
      // a program's relationships export answers as its list does.
      {"GET", "/api/v1/people/export?format=csv", "/api/v1/people/export", "",               {401, 403, 403, 403, 200, 401, 401}},
      {"GET", "/api/v1/programs/999999/relationships/export?format=xlsx",
       "/api/v1/programs/{program_id}/relationships/export", "",                             {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/applications/export?format=csv",
       "/api/v1/programs/{program_id}/applications/export", "",                              {401, 404, 404, 404, 404, 401, 401}},
      // ... and a survey's results as its results page: its program's coordinators and admins.
      {"GET", "/api/v1/surveys/999999/results/export?format=csv",
       "/api/v1/surveys/{survey_id}/results/export", "",                                     {401, 404, 404, 404, 404, 401, 401}},
      // Training quizzes (issue 21): the candidate only (reviewers 403); nobody is either here.
      {"POST", "/api/v1/credentials/candidates/999999/quiz", "/api/v1/credentials/candidates/{candidate_id}/quiz",
       R"({"topic":"adult_learning","answers":[{"question":"why_first","options":["explain"]}]})",
                                                                                             {401, 404, 404, 404, 404, 401, 401}},
      // Competency assessments (issue 23): a program's competencies and aggregate for its
      // coordinators and admins, a pair's ratings for the pair (relation rows below).
      {"GET", "/api/v1/programs/999999/assessment-competencies", "/api/v1/programs/{program_id}/assessment-competencies",
       "",                                                                                   {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/programs/999999/assessment-competencies", "/api/v1/programs/{program_id}/assessment-competencies",
       R"({"competencies":["cpp"]})",                                                        {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/programs/999999/assessment-results", "/api/v1/programs/{program_id}/assessment-results",
       "",                                                                                   {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/relationships/999999/assessments", "/api/v1/relationships/{relationship_id}/assessments",
       "",                                                                                   {401, 404, 404, 404, 404, 401, 401}},
      {"PUT", "/api/v1/relationships/999999/assessments/start", "/api/v1/relationships/{relationship_id}/assessments/{phase}",
       R"({"version":0,"ratings":{"cpp":3}})",                                               {401, 404, 404, 404, 404, 401, 401}},
      {"GET", "/api/v1/me/assessments", "/api/v1/me/assessments", "",                        {401, 200, 200, 200, 200, 401, 401}},
  };
  return rows;
}
// clang-format on

struct Callers {
  std::array<Headers, 7> headers;
};

Callers MakeCallers(AuthTestServer& server) {
  Callers c;
  c.headers[kParticipant] = SignInAs(server, "E5").Auth();
  c.headers[kManager] = SignInAs(server, "E2").Auth();
  c.headers[kCoordinator] = SignInAs(server, "E6", {domain::Role::kCoordinator}).Auth();
  c.headers[kAdmin] = SignInAs(server, "E1", {domain::Role::kAdmin}).Auth();
  c.headers[kScimToken] = Bearer(MintApiToken(server, {"scim"}));
  c.headers[kExportToken] = Bearer(MintApiToken(server, {"export"}));
  return c;
}

// The two big matrices run in shards, each shard its own ctest test with its own time limit
// (ctest runs them side by side): whole, each took near or over ctest's 300 s on a busy
// 2-core machine, and both grow with every route. A shard takes every kShards-th row.
constexpr std::size_t kShards = 6;

class AccessMatrixShard : public ::testing::TestWithParam<std::size_t> {};

TEST_P(AccessMatrixShard, EveryCallerGetsTheExpectedStatus) {
  const std::vector<Row>& rows = Rows();
  for (std::size_t i = GetParam(); i < rows.size(); i += kShards) {
    const Row& row = rows[i];
    std::unique_ptr<AuthTestServer> server;
    Callers callers;
    for (int caller = 0; caller < 7; ++caller) {
      // A fresh server per cell of a writing route: a cell's writes (sign-out, invitations)
      // cannot change another's. A reading route's seven cells share one (a server per cell
      // made this test the slowest of all, near ctest's 300 s limit).
      if (!server || row.method != "GET") {
        server.reset();
        server = std::make_unique<AuthTestServer>();
        callers = MakeCallers(*server);
      }
      Headers headers = callers.headers[caller];
      if (!row.body.empty()) headers.emplace_back("Content-Type", "application/json");
      ClientResponse r = server->Connect().Request(row.method, row.path, row.body, headers);
      EXPECT_EQ(r.status, row.expected[caller])
          << row.method << " " << row.path << " as " << kCallerNames[caller] << ": " << r.body;
    }
  }
}

// Relations, beyond roles: a person's promotion and exit history is shown to the person, the
// managers above them and admins, and to no one else (peers, coordinators).
TEST(AccessMatrix, PersonHistoryFollowsTheManagementChain) {
  AuthTestServer server;
  Callers callers = MakeCallers(server);
  struct Cell {
    Caller caller;
    const char* employee_id;
    bool sees_history;
  };
  for (const Cell& cell :
       {Cell{kParticipant, "E5", true}, Cell{kManager, "E5", true}, Cell{kAdmin, "E5", true},
        Cell{kCoordinator, "E5", false}, Cell{kParticipant, "E6", false},
        Cell{kParticipant, "E2", false}, Cell{kManager, "E6", true}, Cell{kManager, "E3", false}}) {
    ClientResponse r = server.Connect().Request(
        "GET", std::string("/api/v1/people/") + cell.employee_id, "", callers.headers[cell.caller]);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(nlohmann::json::parse(r.body).contains("history"), cell.sees_history)
        << kCallerNames[cell.caller] << " reading " << cell.employee_id << ": " << r.body;
  }
}

// Relations, beyond roles: every relationship route against a real, published relationship, for
// every relation to it (relationship_fixture.h names who is who). A fresh server per cell.
enum Relation {
  kMentor,
  kMentee,
  kOtherParticipant,
  kMenteeManager,
  kMentorManager,
  kProgramCoordinator,
  kOtherCoordinator,
  kAdminRelation,
  kToken,
  kShadowMentor,
  kRelationCount
};
constexpr std::array<const char*, kRelationCount> kRelationNames = {"mentor",
                                                                    "mentee",
                                                                    "other participant",
                                                                    "mentee's manager",
                                                                    "mentor's manager",
                                                                    "program coordinator",
                                                                    "other program's coordinator",
                                                                    "admin",
                                                                    "api token",
                                                                    "shadow mentor"};

struct RelationRow {
  std::string method;
  std::string suffix;  // after the relationship's path (or the program's, with `on_program`)
  bool on_program = false;
  std::string body;
  std::array<int, kRelationCount> expected;
  bool active = false;  // both sides accepted the agreement first
  bool group = false;   // a group program's relationship (E7 mentoring E5 and E11)
};

const std::vector<RelationRow>& RelationRows() {
  // clang-format off
  static const std::vector<RelationRow> rows = {
      //                                                               mentor mentee other mgr  mgr  coord other admin token shadow
      {"GET", "", false, "",                                            {200, 200, 404, 200, 200, 200, 404, 200, 401, 200}},
      {"POST", "/agreement/accept", false, R"({"version":0})",          {200, 200, 404, 403, 403, 403, 404, 403, 401, 403}},
      {"POST", "/end", false, R"({"reason":"mismatch","comment":"x"})", {200, 200, 404, 403, 403, 403, 404, 403, 401, 403}},
      // Pending agreement: nothing to complete, nothing ended to rematch.
      {"POST", "/complete", false, "",                                  {409, 409, 404, 403, 403, 403, 404, 403, 401, 403}},
      {"POST", "/rematch", false, "",                                   {403, 403, 404, 403, 403, 409, 404, 409, 401, 403}},
      {"GET", "/relationships", true, "",                               {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      {"GET", "/agreement-template", true, "",                          {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      {"PUT", "/agreement-template", true, kTemplateBody,               {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      // Goals, on an active relationship: the mentee writes, the mentor confirms, overseers read
      // progress, managers nothing.
      {"GET", "/goals", false, "",                                      {200, 200, 404, 403, 403, 200, 404, 200, 401, 200}, true},
      {"POST", "/goals", false, R"({"title":"Speak"})",                 {403, 201, 404, 403, 403, 403, 404, 403, 401, 403}, true},
      {"PUT", "/goals/999999", false, R"({"version":1,"title":"x"})",   {403, 404, 404, 403, 403, 403, 404, 403, 401, 403}, true},
      {"POST", "/goals/999999/milestones", false, R"({"version":1,"title":"x"})",
                                                                        {403, 404, 404, 403, 403, 403, 404, 403, 401, 403}, true},
      {"PUT", "/goals/999999/milestones/1", false, R"({"version":1,"done":true})",
                                                                        {403, 404, 404, 403, 403, 403, 404, 403, 401, 403}, true},
      {"POST", "/goals/999999/confirm", false, R"({"version":1,"what":"achievable","confirmed":true})",
                                                                        {404, 403, 404, 403, 403, 403, 404, 403, 401, 403}, true},
      {"GET", "/goals/999999/history", false, "",                       {404, 404, 404, 403, 403, 403, 404, 403, 401, 403}, true},
      // Notes: the pair only; nobody else reads or writes, whatever their role.
      {"GET", "/notes", false, "",                                      {200, 200, 404, 403, 403, 403, 404, 403, 401, 403}, true},
      {"POST", "/notes", false, R"({"kind":"shared","text":"Hello"})",  {201, 201, 404, 403, 403, 403, 404, 403, 401, 403}, true},
      {"PUT", "/notes/999999", false, R"({"version":1,"text":"x"})",    {404, 404, 404, 403, 403, 403, 404, 403, 401, 403}, true},
      {"DELETE", "/notes/999999", false, "",                            {404, 404, 404, 403, 403, 403, 404, 403, 401, 403}, true},
      // Feedback and introductions: the pair gives; overseers read averages and counts.
      {"GET", "/feedback", false, "",                                   {200, 200, 404, 403, 403, 200, 404, 200, 401, 200}, true},
      {"POST", "/feedback", false, R"({"occasion":"pulse","rating":4})", {201, 201, 404, 403, 403, 403, 404, 403, 401, 403}, true},
      {"GET", "/introductions", false, "",                              {200, 200, 404, 403, 403, 200, 404, 200, 401, 200}, true},
      {"POST", "/introductions", false, R"({"employee_id":"E9","why":"Knows budgets"})",
                                                                        {201, 403, 404, 403, 403, 403, 404, 403, 401, 403}, true},
      {"GET", "/feedback-summary", true, "",                            {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      // Health (issue 22): the board for the program's coordinators and shadow mentors; its
      // settings, previews, nudges and mentor load for coordinators; a relationship's health
      // for its pair (their nudges) and overseers, never managers.
      {"GET", "/health", true, "",                                      {403, 403, 403, 403, 403, 200, 403, 200, 401, 200}},
      {"GET", "/health/settings", true, "",                             {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      {"PUT", "/health/settings", true, kHealthConfigBody,              {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      {"POST", "/health/preview", true, kHealthConfigBody,              {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      {"POST", "/health/nudges", true, R"({"relationship_ids":[999999]})",
                                                                        {403, 403, 403, 403, 403, 404, 403, 404, 401, 403}},
      {"GET", "/health/mentor-load", true, "",                          {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      {"GET", "/health/history", true, "",                              {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      {"GET", "/health", false, "",                                     {200, 200, 404, 403, 403, 200, 404, 200, 401, 200}},
      // A group (group programs): members and overseers see who is in it; its notes are the
      // group's only. Not a group program: nobody finds a group.
      {"GET", "/group", false, "",                                      {404, 404, 404, 404, 404, 404, 404, 404, 401, 404}},
      {"GET", "/group", false, "",                                      {200, 200, 404, 403, 403, 200, 404, 200, 401, 200}, true, true},
      {"GET", "/group/notes", false, "",                                {200, 200, 404, 403, 403, 403, 404, 403, 401, 403}, true, true},
      {"POST", "/group/notes", false, R"({"text":"Hello all"})",        {201, 201, 404, 403, 403, 403, 404, 403, 401, 403}, true, true},
      {"PUT", "/group/notes/999999", false, R"({"version":1,"text":"x"})",
                                                                        {404, 404, 404, 403, 403, 403, 404, 403, 401, 403}, true, true},
      {"DELETE", "/group/notes/999999", false, "",                      {404, 404, 404, 403, 403, 403, 404, 403, 401, 403}, true, true},
      // The shadow mentor writes to the pair; the pair and its overseers read.
      {"GET", "/messages", false, "",                                   {200, 200, 404, 403, 403, 200, 404, 200, 401, 200}},
      {"POST", "/messages", false, R"({"text":"How are you two doing?"})",
                                                                        {403, 403, 404, 403, 403, 403, 404, 403, 401, 201}},
      // Replacing the mentor (issue 22): the program's coordinators and admins only; a mentor who
      // answers (nothing scored unresponsive) is not replaced.
      {"POST", "/replace-mentor", false, "",                            {403, 403, 404, 403, 403, 409, 404, 409, 401, 403}, true},
      // Reports (issue 24): the program's coordinators and admins; never the pair, their
      // managers, another program's coordinator, a shadow mentor or a token.
      {"GET", "/reports/dashboard", true, "",                           {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}, true},
      {"GET", "/reports/dashboard/export?format=csv&table=funnel", true, "",
                                                                        {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}, true},
      {"GET", "/reports/dashboard/export?format=xlsx", true, "",        {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}, true},
      {"GET", "/reports/outcomes", true, "",                            {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}, true},
      {"GET", "/reports/outcomes/export?format=csv", true, "",          {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}, true},
      // Surveys (issue 23): the program's coordinators and admins; nobody else, managers neither.
      {"GET", "/surveys", true, "",                                     {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      {"POST", "/surveys", true, kSurveyBody,                           {403, 403, 403, 403, 403, 201, 403, 201, 401, 403}},
      // Group meetings (issue 19): the group's members and its overseers read (overseers without
      // the agenda); the mentor schedules, changes and logs; an invited mentee answers.
      // Not a group program: nobody finds its meetings.
      {"GET", "/group/meetings", false, "",                             {404, 404, 404, 404, 404, 404, 404, 404, 401, 404}, true},
      {"GET", "/group/meetings", false, "",                             {200, 200, 404, 403, 403, 200, 404, 200, 401, 200}, true, true},
      {"POST", "/group/meetings", false, R"({"starts_at":"2026-11-26T15:00:00Z"})",
                                                                        {201, 403, 404, 403, 403, 403, 404, 403, 401, 403}, true, true},
      {"GET", "/group/meetings/999999", false, "",                      {404, 404, 404, 403, 403, 404, 404, 404, 401, 404}, true, true},
      {"POST", "/group/meetings/999999/respond", false, R"({"response":"accepted"})",
                                                                        {403, 404, 404, 403, 403, 403, 404, 403, 401, 403}, true, true},
      {"POST", "/group/meetings/999999/reschedule", false, R"({"starts_at":"2026-11-26T15:00:00Z"})",
                                                                        {404, 403, 404, 403, 403, 403, 404, 403, 401, 403}, true, true},
      {"POST", "/group/meetings/999999/cancel", false, "",              {404, 403, 404, 403, 403, 403, 404, 403, 401, 403}, true, true},
      {"POST", "/group/meetings/999999/log", false, R"({"outcome":"missed"})",
                                                                        {404, 403, 404, 403, 403, 403, 404, 403, 401, 403}, true, true},
      {"GET", "/survey-defaults", true, "",                             {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      // Group free slots (issue 19): the group's mentor only; not a group program: nobody.
      {"GET", "/group/free-slots", false, "",                           {404, 404, 404, 404, 404, 404, 404, 404, 401, 404}, true},
      {"GET", "/group/free-slots", false, "",                           {200, 403, 404, 403, 403, 403, 404, 403, 401, 403}, true, true},
      // Table exports (issue 24): a program's relationships as its list: coordinators and admins.
      {"GET", "/relationships/export?format=csv", true, "",             {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      {"GET", "/relationships/export?format=xlsx", true, "",            {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      // ... and its applications as its review table (which the row above it checks too).
      {"GET", "/applications", true, "",                                {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      {"GET", "/applications/export?format=xlsx", true, "",             {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      // Competency assessments (issue 23): one pair's ratings are the pair's alone (the program
      // assesses nothing yet, so rating is refused after the access check); the competencies
      // and the aggregate are the program's coordinators' and admins'; managers nothing.
      {"GET", "/assessments", false, "",                                {200, 200, 404, 403, 403, 403, 404, 403, 401, 403}, true},
      {"PUT", "/assessments/start", false, R"({"version":0,"ratings":{"cpp":3}})",
                                                                        {409, 409, 404, 403, 403, 403, 404, 403, 401, 403}, true},
      {"GET", "/assessment-competencies", true, "",                     {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      {"PUT", "/assessment-competencies", true, R"({"competencies":["cpp"]})",
                                                                        {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      {"GET", "/assessment-results", true, "",                          {403, 403, 403, 403, 403, 200, 403, 200, 401, 403}},
      // Group meetings' action items (issue 19): ticked off by their owner or the group's mentor
      // (an unknown item: 404 for members); overseers and managers are refused; not a group
      // program: nobody finds one.
      {"PUT", "/group/action-items/999999/done", false, R"({"done":true})",
                                                                        {404, 404, 404, 404, 404, 404, 404, 404, 401, 404}, true},
      {"PUT", "/group/action-items/999999/done", false, R"({"done":true})",
                                                                        {404, 404, 404, 403, 403, 403, 404, 403, 401, 403}, true, true},
  };
  // clang-format on
  return rows;
}

TEST_P(AccessMatrixShard, RelationshipRoutesFollowTheRelation) {
  const std::vector<RelationRow>& rows = RelationRows();
  for (std::size_t i = GetParam(); i < rows.size(); i += kShards) {
    const RelationRow& row = rows[i];
    for (int relation = 0; relation < kRelationCount; ++relation) {
      AuthTestServer server(row.group ? GroupDirectory() : RelationshipDirectory());
      TestSession coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
      PublishedRelationship r =
          PublishRelationship(server, coordinator, row.group ? "group" : "virtual");
      if (row.active) ActivateRelationship(server, r);
      Headers who;
      switch (static_cast<Relation>(relation)) {
        case kMentor:
          who = SignInAs(server, "E7").Auth();
          break;
        case kMentee:
          who = SignInAs(server, "E5").Auth();
          break;
        case kOtherParticipant:
          who = SignInAs(server, "E9").Auth();
          break;
        case kMenteeManager:
          who = SignInAs(server, "E2").Auth();
          break;
        case kMentorManager:
          who = SignInAs(server, "E3").Auth();
          break;
        case kProgramCoordinator:
          who = coordinator.Auth();
          break;
        case kOtherCoordinator:
          who = SignInAs(server, "E10", {domain::Role::kCoordinator}).Auth();
          break;
        case kAdminRelation:
          who = SignInAs(server, "E1", {domain::Role::kAdmin}).Auth();
          break;
        case kToken:
          who = Bearer(MintApiToken(server, {"export"}));
          break;
        case kShadowMentor:
          who = SignInAs(server, "E8").Auth();
          break;
        case kRelationCount:
          break;
      }
      if (!row.body.empty()) who.emplace_back("Content-Type", "application/json");
      const std::string path = (row.on_program ? r.program : r.path) + row.suffix;
      ClientResponse response = server.Connect().Request(row.method, path, row.body, who);
      EXPECT_EQ(response.status, row.expected[relation])
          << row.method << " " << path << " as " << kRelationNames[relation] << ": "
          << response.body;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AccessMatrix, AccessMatrixShard,
                         ::testing::Range<std::size_t>(0, kShards));

// What each relation reads of one relationship: the manager sees that it exists and with whom,
// not the agreement; the ending comment reaches the program's coordinators and admins only, the
// reason no member but the one who ended it.
TEST(AccessMatrix, RelationshipDetailShowsEachRelationItsShare) {
  AuthTestServer server(RelationshipDirectory());
  TestSession coordinator = SignInAs(server, "E6", {domain::Role::kCoordinator});
  PublishedRelationship r = PublishRelationship(server, coordinator);
  const Headers mentor = SignInAs(server, "E7").Auth(), mentee = SignInAs(server, "E5").Auth(),
                manager = SignInAs(server, "E2").Auth(), shadow = SignInAs(server, "E8").Auth(),
                admin = SignInAs(server, "E1", {domain::Role::kAdmin}).Auth();
  auto ended = CallAs(server, "POST", r.path + "/end", mentee,
                      {{"reason", "mismatch"}, {"comment", "We never found a time."}});
  ASSERT_EQ(ended.status, 200) << ended.body;
  struct Cell {
    const Headers* who;
    const char* name;
    bool agreement, reason, comment;
  };
  for (const Cell& c :
       {Cell{&mentee, "mentee", true, true, false}, Cell{&mentor, "mentor", true, false, false},
        Cell{&manager, "manager", false, false, false},
        Cell{&shadow, "shadow mentor", true, true, false},
        Cell{&admin, "admin", true, true, true}}) {
    auto got = CallAs(server, "GET", r.path, *c.who);
    ASSERT_EQ(got.status, 200) << c.name << ": " << got.body;
    const auto body = JsonOf(got);
    EXPECT_EQ(!body["agreement"].is_null(), c.agreement) << c.name << ": " << got.body;
    EXPECT_EQ(!body["end_reason"].is_null(), c.reason) << c.name << ": " << got.body;
    EXPECT_EQ(body.contains("end_comment"), c.comment) << c.name << ": " << got.body;
    EXPECT_EQ(got.body.find("We never found a time.") != std::string::npos, c.comment) << c.name;
    EXPECT_EQ(body["status"], "ended_early");
  }
  auto seen = JsonOf(CallAs(server, "GET", r.path, coordinator.Auth()));
  EXPECT_EQ(seen["end_comment"], "We never found a time.");
  EXPECT_EQ(seen["end_reason"], "mismatch");
}

TEST(AccessMatrix, EveryRouteHasARow) {
  AuthTestServer server;
  std::set<std::pair<std::string, std::string>> covered;
  for (const Row& row : Rows()) covered.emplace(row.method, row.pattern);
  for (const api::Route& route : server.router().routes()) {
    const std::string method(api::HttpMethodName(route.method));
    EXPECT_TRUE(covered.contains({method, route.pattern}))
        << method << " " << route.pattern << " has no row in the access matrix";
  }
}

}  // namespace
}  // namespace pairwise::testing
