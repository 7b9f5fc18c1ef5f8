// A published relationship to test relationship routes against, over the real server: the
// directory gives every relation a person, and the program is matched and published through the
// API as a coordinator would.
//
//   E1 admin (top) — E2 manages the mentee E5 — E3 manages the mentor E7 — E6 coordinates the
//   program — E8 is its shadow mentor — E9 another participant — E10 coordinates another program.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "auth_test_support.h"
#include "domain/people/test_util.h"

namespace pairwise::testing {

inline domain::Directory RelationshipDirectory() {
  domain::Directory d = AccessDirectory();
  domain::PersonRecord mentor = domain::testing::MakePerson("E7", "E3");
  mentor.department = "FIN";
  mentor.level = 6;
  d.people.push_back(mentor);
  for (const char* id : {"E8", "E9", "E10"})
    d.people.push_back(domain::testing::MakePerson(id, "E1"));
  return d;
}

// RelationshipDirectory and, for group programs, E11 a second mentee of E7's group; E12 a second
// mentor (as E7), E13 and E14 more mentees for two groups in one program.
inline domain::Directory GroupDirectory() {
  domain::Directory d = RelationshipDirectory();
  for (const char* id : {"E11", "E13", "E14"})
    d.people.push_back(domain::testing::MakePerson(id, "E1"));
  domain::PersonRecord mentor = domain::testing::MakePerson("E12", "E3");
  mentor.department = "FIN";
  mentor.level = 6;
  d.people.push_back(mentor);
  return d;
}

inline nlohmann::json JsonOf(const ClientResponse& r) { return nlohmann::json::parse(r.body); }

inline ClientResponse CallAs(AuthTestServer& server, const std::string& method,
                             const std::string& path, const Headers& auth,
                             const nlohmann::json& body = nullptr) {
  Headers headers = auth;
  std::string text;
  if (!body.is_null()) {
    headers.emplace_back("Content-Type", "application/json");
    text = body.dump();
  }
  return server.Connect().Request(method, path, text, headers);
}

struct PublishedRelationship {
  std::string program;  // "/api/v1/programs/<id>"
  std::string path;     // "/api/v1/relationships/<id>"
  int64_t id = 0;
};

// As `coordinator` (E6, who must hold the coordinator role): a virtual program with shadow mentor
// E8, E7 mentoring E5, matched and published. Throws std::runtime_error when a step fails.
// A "group" program (GroupDirectory) makes a group of 2 to 3: E7 mentoring E5 and E11; the
// answer is E5's relationship.
inline PublishedRelationship PublishRelationship(AuthTestServer& server,
                                                 const TestSession& coordinator,
                                                 const std::string& type = "virtual") {
  auto need = [](const ClientResponse& r, int status, const char* step) {
    if (r.status != status) {
      throw std::runtime_error(std::string(step) + ": " + std::to_string(r.status) + " " + r.body);
    }
    return JsonOf(r);
  };
  const Headers auth = coordinator.Auth();
  const bool group = type == "group";
  nlohmann::json program = {{"name", "Pairs " + type},           {"type", type},
                            {"need", "career_development"},      {"start_date", "2027-01-01"},
                            {"end_date", "2027-12-31"},          {"enrollment_opens", "2026-11-01"},
                            {"enrollment_closes", "2026-12-15"}, {"shadow_mentors", {"E8"}}};
  if (group) program["group"] = {{"min_size", 2}, {"max_size", 3}};
  auto created =
      need(CallAs(server, "POST", "/api/v1/programs", auth, program), 201, "create program");
  PublishedRelationship out;
  out.program = "/api/v1/programs/" + std::to_string(created["id"].get<int64_t>());
  need(CallAs(server, "POST", out.program + "/open", auth), 200, "open");
  need(CallAs(server, "POST", out.program + "/nominations", auth,
              {{"side", "mentor"}, {"employee_ids", {"E7"}}}),
       200, "nominate mentor");
  need(CallAs(server, "POST", out.program + "/nominations", auth,
              {{"side", "mentee"},
               {"employee_ids", group ? nlohmann::json{"E5", "E11"} : nlohmann::json{"E5"}}}),
       200, "nominate mentee");
  auto queued =
      need(CallAs(server, "POST", out.program + "/proposals", auth, nlohmann::json::object()), 202,
           "run");
  auto ran = server.app().matching().RunNextJob("test-worker");
  if (!ran.ok() || !*ran) throw std::runtime_error("the matching job did not run");
  const std::string proposal =
      out.program + "/proposals/" + std::to_string(queued["id"].get<int64_t>());
  need(CallAs(server, "POST", proposal + "/publish", auth), 200, "publish");
  auto list = need(CallAs(server, "GET", out.program + "/relationships", auth), 200, "list");
  if (list["items"].size() != (group ? 2u : 1u))
    throw std::runtime_error("expected " +
                             std::string(group ? "two relationships: " : "one relationship: ") +
                             list.dump());
  for (const auto& item : list["items"]) {
    if (item["mentee"]["employee_id"] == "E5") out.id = item["id"].get<int64_t>();
  }
  out.path = "/api/v1/relationships/" + std::to_string(out.id);
  return out;
}

// Both sides (E7, E5 — or `mentor`, `mentee`) accept the agreement as it stands, so the
// relationship is active.
inline void ActivateRelationship(AuthTestServer& server, const PublishedRelationship& r,
                                 const std::string& mentee = "E5",
                                 const std::string& mentor = "E7") {
  for (const std::string& who : {mentee, mentor}) {
    const Headers auth = SignInAs(server, who).Auth();
    auto detail = CallAs(server, "GET", r.path, auth);
    const int version = JsonOf(detail)["agreement"]["version"].get<int>();
    auto accepted =
        CallAs(server, "POST", r.path + "/agreement/accept", auth, {{"version", version}});
    if (accepted.status != 200) {
      throw std::runtime_error("accept as " + who + ": " + accepted.body);
    }
  }
}

}  // namespace pairwise::testing
