// Mentor credentials (issue 21) over the real server and SQLite, with real sign-ins: who may sign
// off steps 4-6 (never a person without a current credential, an expired holder, the candidate
// or the candidate's manager), who sees evidence (the candidate and reviewers only), and a
// program that requires the credential refusing mentors without one.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth_test_support.h"
#include "domain/credentials/credential.h"
#include "domain/people/test_util.h"

namespace pairwise::testing {
namespace {

using nlohmann::json;

json Body(const ClientResponse& r) {
  json parsed = json::parse(r.body, nullptr, false);
  return parsed.is_discarded() ? json() : parsed;
}

// AccessDirectory() plus candidate C1 (managed by E2), mentors S1, S2 and X1 and reviewer R1
// (under E3), and P1 (under E3) who holds nothing.
domain::Directory CredentialDirectory() {
  domain::Directory d = AccessDirectory();
  d.people.push_back(domain::testing::MakePerson("C1", "E2"));
  for (const char* id : {"S1", "S2", "X1", "R1", "P1"}) {
    d.people.push_back(domain::testing::MakePerson(id, "E3"));
  }
  return d;
}

class CredentialsHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // X1's founding credential is granted 25 months before the others: expired by now.
    Need(Call("POST", "/api/v1/credentials/founding", SignInAs(server_, "E1", {kAdmin}),
              {{"employee_id", "X1"}, {"reason", "Pilot mentor"}}),
         201);
    server_.clock().Advance(std::chrono::hours(24 * 760));
    admin_ = SignInAs(server_, "E1", {kAdmin});
    for (const char* id : {"S1", "S2", "E2"}) {
      Need(Call("POST", "/api/v1/credentials/founding", admin_,
                {{"employee_id", id}, {"reason", "Pilot mentor"}}),
           201);
    }
    Need(Call("PUT", "/api/v1/credentials/reviewers/R1", admin_), 204);
    candidate_ = SignInAs(server_, "C1");
    reviewer_ = SignInAs(server_, "R1");
  }

  static constexpr domain::Role kAdmin = domain::Role::kAdmin;

  ClientResponse Call(const std::string& method, const std::string& path, const TestSession& who,
                      const json& body = nullptr) {
    Headers headers = who.Auth();
    std::string text;
    if (!body.is_null()) {
      headers.emplace_back("Content-Type", "application/json");
      text = body.dump();
    }
    return server_.Connect().Request(method, path, text, headers);
  }

  json Need(const ClientResponse& r, int status) {
    EXPECT_EQ(r.status, status) << r.body;
    return Body(r);
  }

  // C1 applies, is selected and completes the training: next is step 4.
  std::string Trained() {
    json applied =
        Need(Call("POST", "/api/v1/credentials/candidates", candidate_,
                  {{"motivation", "I want to give back."}, {"experience", "Ten years."}}),
             201);
    const std::string path =
        "/api/v1/credentials/candidates/" + std::to_string(applied["id"].get<int64_t>());
    Need(
        Call("POST", path + "/decision", reviewer_, {{"decision", "accept"}, {"cohort", "Spring"}}),
        200);
    for (const domain::TrainingTopic& topic : domain::DefaultFramework().topics) {
      Need(Call("POST", path + "/quiz", candidate_,
                {{"topic", topic.code}, {"answers", AnswersJson(RightAnswers(*topic.quiz))}}),
           200);
    }
    return path;
  }

  static json AnswersJson(const std::vector<domain::QuizAnswer>& answers) {
    json out = json::array();
    for (const auto& a : answers) out.push_back({{"question", a.question}, {"options", a.options}});
    return out;
  }

  AuthTestServer server_{CredentialDirectory()};
  TestSession admin_, candidate_, reviewer_;
};

TEST_F(CredentialsHttpTest, OnlyACurrentHolderWhoIsNeitherTheCandidateNorTheirManagerSigns) {
  const std::string path = Trained();
  const json step4 = {{"step", 4}, {"evidence", "Watched a full session."}};
  struct Refusal {
    const char* who;
    const char* reason;
  };
  for (const Refusal& r : {Refusal{"P1", "not_credentialed"}, Refusal{"X1", "not_credentialed"},
                           Refusal{"C1", "own_candidacy"}, Refusal{"E2", "manager"}}) {
    auto answer = Call("POST", path + "/sign-offs", SignInAs(server_, r.who), step4);
    EXPECT_EQ(answer.status, 403) << r.who << ": " << answer.body;
    EXPECT_EQ(Body(answer)["error"]["code"], r.reason) << r.who << ": " << answer.body;
  }
  // Nothing was signed: step 4 is still next, and a credentialed mentor signs it.
  EXPECT_EQ(Body(Call("GET", path, candidate_))["progress"]["next_step"], 4);
  Need(Call("POST", path + "/sign-offs", SignInAs(server_, "S1"), step4), 201);
  EXPECT_EQ(Body(Call("GET", path, candidate_))["progress"]["next_step"], 5);
}

TEST_F(CredentialsHttpTest, EvidenceIsSeenByTheCandidateAndReviewersOnly) {
  const std::string path = Trained();
  const TestSession s1 = SignInAs(server_, "S1");
  Need(Call("POST", path + "/sign-offs", s1, {{"step", 4}, {"evidence", "Secret notes"}}), 201);
  for (const TestSession* who : {&candidate_, &reviewer_}) {
    auto r = Call("GET", path, *who);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("Secret notes"), std::string::npos) << who->employee_id;
  }
  // A mentor who may sign sees the path, not the evidence; everyone else nothing.
  auto signer = Call("GET", path, s1);
  ASSERT_EQ(signer.status, 200) << signer.body;
  EXPECT_EQ(signer.body.find("Secret notes"), std::string::npos);
  EXPECT_EQ(signer.body.find("give back"), std::string::npos);
  for (const char* id : {"P1", "E2", "E6"}) {
    EXPECT_EQ(Call("GET", path, SignInAs(server_, id)).status, 404) << id;
  }
  EXPECT_EQ(Call("GET", path, SignInAs(server_, "E6", {domain::Role::kCoordinator})).status, 404);
  EXPECT_EQ(Call("GET", path, admin_).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/credentials/candidates", SignInAs(server_, "S2")).status, 403);
  auto board = Call("GET", "/api/v1/credentials/candidates", reviewer_);
  ASSERT_EQ(board.status, 200);
  EXPECT_EQ(board.body.find("Secret notes"), std::string::npos);  // the board has no evidence
}

TEST_F(CredentialsHttpTest, AProgramThatRequiresTheCredentialTakesOnlyCurrentHolders) {
  const TestSession coordinator = SignInAs(server_, "E6", {domain::Role::kCoordinator});
  json program = Need(Call("POST", "/api/v1/programs", coordinator,
                           {{"name", "Credentialed"},
                            {"type", "one_on_one"},
                            {"need", "career_development"},
                            {"start_date", "2029-02-01"},
                            {"end_date", "2029-12-31"},
                            {"enrollment_opens", "2028-12-01"},
                            {"enrollment_closes", "2029-01-31"},
                            {"requires_mentor_credential", true}}),
                      201);
  const std::string path = "/api/v1/programs/" + std::to_string(program["id"].get<int64_t>());
  Need(Call("POST", path + "/open", coordinator), 200);
  const json mentor = {{"side", "mentor"}, {"answers", json::object()}};
  for (const char* id : {"P1", "X1"}) {  // none, expired
    auto refused = Call("POST", path + "/applications", SignInAs(server_, id), mentor);
    EXPECT_EQ(refused.status, 403) << id << ": " << refused.body;
    EXPECT_EQ(Body(refused)["error"]["code"], "credential_required");
    EXPECT_NE(Body(refused)["error"]["message"].get<std::string>().find("Mentor credential"),
              std::string::npos);
  }
  // Mentees need none; a current holder applies as a mentor.
  Need(Call("POST", path + "/applications", SignInAs(server_, "P1"),
            {{"side", "mentee"}, {"answers", json::object()}}),
       201);
  Need(Call("POST", path + "/applications", SignInAs(server_, "S1"), mentor), 201);
  // Nominating is refused the same way.
  auto nominated = Call("POST", path + "/nominations", coordinator,
                        {{"side", "mentor"}, {"employee_ids", {"X1"}}});
  EXPECT_EQ(nominated.status, 400) << nominated.body;
}

TEST_F(CredentialsHttpTest, ARevokedCredentialStopsSigningAndIsInTheAuditLog) {
  const std::string path = Trained();
  json s1 = Body(Call("GET", "/api/v1/people/S1/credential", admin_))["credential"];
  ASSERT_EQ(s1["status"], "current");
  Need(Call("POST", "/api/v1/credentials/" + std::to_string(s1["id"].get<int64_t>()) + "/revoke",
            reviewer_, {{"reason", "Stepped back from mentoring."}}),
       200);
  auto refused = Call("POST", path + "/sign-offs", SignInAs(server_, "S1"),
                      {{"step", 4}, {"evidence", "Watched."}});
  EXPECT_EQ(Body(refused)["error"]["code"], "not_credentialed") << refused.body;
  auto audit = Call("GET", "/api/v1/audit", admin_);
  EXPECT_NE(audit.body.find("credential_revoked"), std::string::npos);
  EXPECT_NE(audit.body.find("credential_candidate_selected"), std::string::npos);
}

// Seed 003: supervising conflicts with mentoring, all the way up. E1 manages E2, who manages C1:
// E1 holds a credential and is still refused.
TEST_F(CredentialsHttpTest, NoOneAboveTheCandidateInTheManagementChainSigns) {
  const std::string path = Trained();
  Need(Call("POST", "/api/v1/credentials/founding", admin_,
            {{"employee_id", "E1"}, {"reason", "Led mentoring for years."}}),
       201);
  auto answer = Call("POST", path + "/sign-offs", admin_,
                     {{"step", 4}, {"evidence", "Watched a full session."}});
  EXPECT_EQ(answer.status, 403) << answer.body;
  EXPECT_EQ(Body(answer)["error"]["code"], "manager") << answer.body;
  EXPECT_EQ(Body(Call("GET", "/api/v1/credentials/to-sign", admin_))["items"], json::array());
  EXPECT_EQ(Body(Call("GET", path, candidate_))["progress"]["next_step"], 4);
}

// Issue 21: evidence files are stored in the database, typed by their bytes (never by the
// name or the Content-Type sent), served only to the candidate and reviewers, as attachments.
TEST_F(CredentialsHttpTest, EvidenceFilesAreTypedByContentAndServedAsAttachments) {
  const std::string path = Trained();
  auto upload = [&](const TestSession& who, const std::string& query, const std::string& bytes,
                    const std::string& content_type) {
    Headers headers = who.Auth();
    headers.emplace_back("Content-Type", content_type);
    return server_.Connect().Request("POST", path + "/files" + query, bytes, headers);
  };
  const std::string pdf = std::string("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n") + '\0' + "end";
  struct Bad {
    std::string query, bytes, field;
  };
  for (const Bad& bad : {
           Bad{"?step=4&name=page.pdf", "<html><script>alert(1)</script></html>", "file"},
           Bad{"?step=4&name=photo.png", pdf, "file"},  // a lying extension
           Bad{"?step=4&name=plan.pdf", "", "file"},
           Bad{"?step=4", pdf, "name"},
           Bad{"?name=plan.pdf", pdf, "step"},
           Bad{"?step=four&name=plan.pdf", pdf, "step"},
           Bad{"?step=2&name=plan.pdf", pdf, "step"},
           Bad{"?step=99&name=plan.pdf", pdf, "step"},
       }) {
    auto r = upload(candidate_, bad.query, bad.bytes, "application/pdf");
    EXPECT_EQ(r.status, 400) << bad.query << ": " << r.body;
    EXPECT_EQ(Body(r)["error"]["field"], bad.field) << bad.query << ": " << r.body;
  }
  // The Content-Type sent is not trusted either way: HTML sent as a PDF is refused above, a
  // PDF sent as text/html is a PDF. The name may hold any UTF-8.
  auto added =
      upload(candidate_, "?step=4&name=Plan%20%22r%C3%A9sum%C3%A9%22.pdf", pdf, "text/html");
  ASSERT_EQ(added.status, 201) << added.body;
  const json file = Body(added);
  EXPECT_EQ(file["content_type"], "application/pdf");
  EXPECT_EQ(file["size_bytes"], pdf.size());
  EXPECT_EQ(file["name"], "Plan \"résumé\".pdf");
  const std::string download =
      "/api/v1/credentials/files/" + std::to_string(file["id"].get<int64_t>());

  for (const TestSession* who : {&candidate_, &reviewer_}) {
    auto r = Call("GET", download, *who);
    ASSERT_EQ(r.status, 200) << who->employee_id << ": " << r.body;
    EXPECT_EQ(r.body, pdf);
    EXPECT_EQ(r.Header("content-type"), "application/pdf");
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.Header("content-disposition"),
              "attachment; filename=\"Plan _r__sum___.pdf\"; "
              "filename*=UTF-8''Plan%20%22r%C3%A9sum%C3%A9%22.pdf");
    EXPECT_EQ(r.Header("cache-control"), "private, no-store");
    auto view = Body(Call("GET", path, *who));
    ASSERT_EQ(view["files"].size(), 1u) << who->employee_id;
    EXPECT_EQ(view["files"][0]["step"], 4);
  }
  // A signer sees the path without files; nobody else sees, adds or removes anything.
  const TestSession s1 = SignInAs(server_, "S1");
  EXPECT_FALSE(Body(Call("GET", path, s1)).contains("files"));
  for (const char* id : {"S1", "P1", "E2", "E6"}) {
    const TestSession who = SignInAs(server_, id);
    EXPECT_EQ(Call("GET", download, who).status, 404) << id;
    EXPECT_EQ(Call("DELETE", download, who).status, 404) << id;
    EXPECT_EQ(upload(who, "?step=4&name=a.pdf", pdf, "application/pdf").status, 404) << id;
  }
  EXPECT_EQ(Call("GET", download, admin_).status, 404);
  EXPECT_EQ(Call("DELETE", download, reviewer_).status, 403);
  EXPECT_EQ(upload(reviewer_, "?step=4&name=a.pdf", pdf, "application/pdf").status, 403);

  // Once step 4 is signed off its files are closed; before, the candidate may remove one.
  auto second = upload(candidate_, "?step=4&name=photo.jpg", "\xff\xd8\xff\xe0 JFIF", "image/png");
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(Body(second)["content_type"], "image/jpeg");
  Need(Call("DELETE",
            "/api/v1/credentials/files/" + std::to_string(Body(second)["id"].get<int64_t>()),
            candidate_),
       204);
  Need(Call("POST", path + "/sign-offs", s1, {{"step", 4}, {"evidence", "Watched."}}), 201);
  EXPECT_EQ(Body(Call("DELETE", download, candidate_))["error"]["code"], "already_signed");
  EXPECT_EQ(Body(upload(candidate_, "?step=4&name=a.pdf", pdf, "application/pdf"))["error"]["code"],
            "already_signed");
  auto step5 = upload(candidate_, "?step=5&name=a.pdf", pdf, "application/octet-stream");
  EXPECT_EQ(step5.status, 201) << step5.body;
  // Over 10 MB is refused before the body is read.
  auto big = upload(candidate_, "?step=5&name=big.pdf",
                    pdf + std::string(domain::kMaxEvidenceFileBytes, 'x'), "application/pdf");
  EXPECT_EQ(big.status, 413) << big.body;
  auto audit = Body(Call("GET", "/api/v1/audit", admin_));
  EXPECT_NE(audit.dump().find("credential_evidence_attached"), std::string::npos);
  EXPECT_NE(audit.dump().find("credential_evidence_removed"), std::string::npos);
}

// Seed 004: a program that requires credentialed mentors takes only current holders into its
// shadow mentor pool, when it is created and when it is changed.
TEST_F(CredentialsHttpTest, AProgramThatRequiresTheCredentialRestrictsItsShadowMentors) {
  const TestSession coordinator = SignInAs(server_, "E6", {domain::Role::kCoordinator});
  json body = {{"name", "Shadowed"},
               {"type", "one_on_one"},
               {"need", "career_development"},
               {"start_date", "2029-02-01"},
               {"end_date", "2029-12-31"},
               {"enrollment_opens", "2028-12-01"},
               {"enrollment_closes", "2029-01-31"},
               {"requires_mentor_credential", true},
               {"shadow_mentors", {"S1", "X1"}}};  // X1's credential expired
  auto refused = Call("POST", "/api/v1/programs", coordinator, body);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(Body(refused)["error"]["field"], "shadow_mentors[1]");
  EXPECT_EQ(Body(refused)["error"]["code"], "credential_required");
  body["shadow_mentors"] = {"S1", "S2"};
  json program = Need(Call("POST", "/api/v1/programs", coordinator, body), 201);
  const std::string path = "/api/v1/programs/" + std::to_string(program["id"].get<int64_t>());
  body["coordinators"] = {"E6"};  // a change lists them all
  body["shadow_mentors"] = {"S1", "P1"};
  EXPECT_EQ(Body(Call("PUT", path, coordinator, body))["error"]["field"], "shadow_mentors[1]");
  // Without the requirement anyone may shadow.
  body["requires_mentor_credential"] = false;
  Need(Call("PUT", path, coordinator, body), 200);
}

// A shadow mentor whose credential lapses after joining a program that requires it is out of the
// pool at once, not when the program is next edited: the coordinator sees them marked, and they
// no longer see the program's health board as its shadow mentor (was: they stayed until an edit).
TEST_F(CredentialsHttpTest, AShadowMentorWhoseCredentialLapsesLeavesThePoolAtOnce) {
  const TestSession coordinator = SignInAs(server_, "E6", {domain::Role::kCoordinator});
  json body = {{"name", "Shadowed"},
               {"type", "one_on_one"},
               {"need", "career_development"},
               {"start_date", "2029-02-01"},
               {"end_date", "2029-12-31"},
               {"enrollment_opens", "2028-12-01"},
               {"enrollment_closes", "2029-01-31"},
               {"requires_mentor_credential", true},
               {"shadow_mentors", {"S1", "S2"}}};
  json program = Need(Call("POST", "/api/v1/programs", coordinator, body), 201);
  const std::string path = "/api/v1/programs/" + std::to_string(program["id"].get<int64_t>());
  EXPECT_EQ(program["shadow_mentors"][0]["credential_lapsed"], false);
  Need(Call("POST", path + "/open", coordinator), 200);  // shadow mentors see open programs
  Need(Call("GET", path + "/health", SignInAs(server_, "S1")), 200);

  // S1's credential is revoked; S2's stays current.
  json credentials = Need(Call("GET", "/api/v1/credentials", admin_), 200);
  int64_t s1_credential = 0;
  for (const json& c : credentials["items"]) {
    if (c["holder"]["employee_id"] == "S1") s1_credential = c["id"].get<int64_t>();
  }
  ASSERT_NE(s1_credential, 0) << credentials.dump();
  Need(Call("POST", "/api/v1/credentials/" + std::to_string(s1_credential) + "/revoke", reviewer_,
            {{"reason", "Left the mentor community."}}),
       200);

  json seen = Need(Call("GET", path, coordinator), 200);
  ASSERT_EQ(seen["shadow_mentors"].size(), 2u);
  EXPECT_EQ(seen["shadow_mentors"][0]["employee_id"], "S1");
  EXPECT_EQ(seen["shadow_mentors"][0]["credential_lapsed"], true);
  EXPECT_EQ(seen["shadow_mentors"][1]["credential_lapsed"], false);
  auto refused = Call("GET", path + "/health", SignInAs(server_, "S1"));
  EXPECT_EQ(refused.status, 403) << refused.body;
  Need(Call("GET", path + "/health", SignInAs(server_, "S2")), 200);

  // Time passes: S2's credential expires too.
  server_.clock().Advance(std::chrono::hours(24 * 760));
  // (The coordinator's session ended with the two years: they sign in again.)
  seen = Need(Call("GET", path, SignInAs(server_, "E6", {domain::Role::kCoordinator})), 200);
  EXPECT_EQ(seen["shadow_mentors"][1]["credential_lapsed"], true);
  EXPECT_EQ(Call("GET", path + "/health", SignInAs(server_, "S2")).status, 403);
}

// Training quizzes: graded on the server, the correct answers in no response a candidate (or
// anyone but an admin) gets, every attempt kept and audited, reviewers see attempts and scores.
TEST_F(CredentialsHttpTest, QuizAnswersNeverReachACandidateAndEveryAttemptIsKept) {
  json applied = Need(Call("POST", "/api/v1/credentials/candidates", candidate_,
                           {{"motivation", "I want to give back."}, {"experience", "Ten years."}}),
                      201);
  const std::string path =
      "/api/v1/credentials/candidates/" + std::to_string(applied["id"].get<int64_t>());
  Need(Call("POST", path + "/decision", reviewer_, {{"decision", "accept"}, {"cohort", "Spring"}}),
       200);
  const domain::Quiz quiz = *domain::DefaultFramework().topics[0].quiz;
  EXPECT_TRUE(applied["framework"]["topics"][0]["quiz"]["questions"][0].is_object());

  std::vector<domain::QuizAnswer> wrong = RightAnswers(quiz);
  wrong[0].options = {quiz.questions[0].options[1].id};
  wrong[2].options = {quiz.questions[2].options[1].id};
  auto failed = Call("POST", path + "/quiz", candidate_,
                     {{"topic", "adult_learning"}, {"answers", AnswersJson(wrong)}});
  EXPECT_EQ(failed.status, 200) << failed.body;
  EXPECT_EQ(Body(failed)["attempt"]["passed"], false);
  EXPECT_EQ(Body(failed)["attempt"]["score"], 1);
  // Bad answers: 400 naming the field.
  json unknown = AnswersJson(RightAnswers(quiz));
  unknown[0]["options"] = {"nope"};
  auto refused =
      Call("POST", path + "/quiz", candidate_, {{"topic", "adult_learning"}, {"answers", unknown}});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(Body(refused)["error"]["field"], "answers[0].options");
  auto passed = Call("POST", path + "/quiz", candidate_,
                     {{"topic", "adult_learning"}, {"answers", AnswersJson(RightAnswers(quiz))}});
  EXPECT_EQ(passed.status, 200) << passed.body;
  EXPECT_EQ(Body(passed)["attempt"]["passed"], true);
  EXPECT_EQ(Body(passed)["candidate"]["quiz_attempts"].size(), 2u);

  // No answer key in anything the candidate reads, nor in what a reviewer reads.
  for (const auto& [who, target] : std::vector<std::pair<TestSession, std::string>>{
           {candidate_, "/api/v1/me/credential"},
           {candidate_, path},
           {candidate_, "/api/v1/credentials/framework"},
           {reviewer_, path},
           {reviewer_, "/api/v1/credentials/candidates"}}) {
    auto r = Call("GET", target, who);
    EXPECT_EQ(r.status, 200) << target << r.body;
    EXPECT_EQ(r.body.find("\"correct\""), std::string::npos) << target;
  }
  EXPECT_EQ(failed.body.find("\"correct\""), std::string::npos);
  EXPECT_EQ(passed.body.find("\"correct\""), std::string::npos);
  // The admin's editor reads them.
  json framework = Need(Call("GET", "/api/v1/credentials/framework", admin_), 200);
  EXPECT_EQ(framework["topics"][0]["quiz"]["questions"][0]["correct"],
            json(quiz.questions[0].correct));

  // Reviewers see the attempts and scores.
  json seen = Need(Call("GET", path, reviewer_), 200);
  ASSERT_EQ(seen["quiz_attempts"].size(), 2u);
  EXPECT_EQ(seen["quiz_attempts"][0]["score"], 1);
  EXPECT_EQ(seen["quiz_attempts"][1]["passed"], true);
  auto audit = Body(Call("GET", "/api/v1/audit", admin_));
  EXPECT_NE(audit.dump().find("credential_quiz_attempted"), std::string::npos);
}

}  // namespace
}  // namespace pairwise::testing
