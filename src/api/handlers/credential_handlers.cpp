#include "api/handlers/credential_handlers.h"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/handlers/handler_util.h"

namespace pairwise::api {

namespace {

using domain::Actor;
using nlohmann::json;

json FrameworkJson(const domain::Framework& f) {
  json steps = json::array(), topics = json::array(), competencies = json::array(),
       levels = json::array();
  for (std::size_t i = 0; i < f.steps.size(); ++i) {
    steps.push_back({{"number", static_cast<int>(i) + 1},
                     {"name", f.steps[i].name},
                     {"description", f.steps[i].description},
                     {"signed_by_credentialed", domain::IsObservedStep(static_cast<int>(i) + 1)}});
  }
  for (const auto& t : f.topics) {
    json topic = {{"code", t.code}, {"name", t.name}, {"content", t.content}, {"check", t.check}};
    if (t.quiz) {
      json questions = json::array();
      for (const auto& q : t.quiz->questions) {
        json options = json::array();
        for (const auto& o : q.options) options.push_back({{"id", o.id}, {"text", o.text}});
        json question = {
            {"id", q.id}, {"text", q.text}, {"multiple", q.multiple}, {"options", options}};
        // The service cleared the answers for everyone but admins: no member then, not even
        // an empty one.
        if (!q.correct.empty()) question["correct"] = q.correct;
        questions.push_back(std::move(question));
      }
      topic["quiz"] = {{"questions", questions}, {"pass_mark", t.quiz->pass_mark}};
    } else {
      topic["quiz"] = nullptr;
    }
    topics.push_back(std::move(topic));
  }
  for (const auto& c : f.competencies) {
    competencies.push_back({{"code", c.code}, {"name", c.name}, {"description", c.description}});
  }
  for (const auto& l : f.levels) {
    levels.push_back({{"score", l.score}, {"name", l.name}, {"description", l.description}});
  }
  return {{"version", f.version},
          {"credential_name", domain::kCredentialName},
          {"steps", steps},
          {"topics", topics},
          {"competencies", competencies},
          {"levels", levels},
          {"passing_score", f.passing_score},
          {"validity_months", f.validity_months},
          {"created_at", f.created_by.empty() ? json(nullptr) : json(FormatIso8601(f.created_at))}};
}

json EvidenceFileJson(const domain::EvidenceFile& f) {
  return {{"id", f.id.value},
          {"step", f.step},
          {"name", f.name},
          {"content_type", f.content_type},
          {"size_bytes", f.size_bytes},
          {"uploaded_at", FormatIso8601(f.uploaded_at)}};
}

// The candidate's answers and the score; never which answers were right.
json QuizAttemptJson(const domain::QuizAttempt& a) {
  json answers = json::array();
  for (const auto& x : a.answers)
    answers.push_back({{"question", x.question}, {"options", x.options}});
  return {
      {"id", a.id.value},         {"topic", a.topic},   {"framework_version", a.framework_version},
      {"answers", answers},       {"score", a.score},   {"total", a.total},
      {"pass_mark", a.pass_mark}, {"passed", a.passed}, {"taken_at", FormatIso8601(a.taken_at)}};
}

json CandidateJson(const domain::CandidateView& v) {
  const domain::Candidate& c = v.candidate;
  json done = json::array();
  for (bool d : v.progress.done) done.push_back(d);
  json out = {{"id", c.id.value},
              {"employee_id", c.employee_id},
              {"name", v.name},
              {"job_title", v.job_title},
              {"status", domain::CandidateStatusName(c.status)},
              {"cohort", c.cohort},
              {"applied_at", FormatIso8601(c.applied_at)},
              {"updated_at", FormatIso8601(c.updated_at)},
              {"stuck", v.stuck},
              {"days_since_activity", v.days_since_activity},
              {"progress",
               {{"done", done},
                {"next_step", v.progress.next_step},
                {"topics_open", v.progress.topics_open}}},
              {"framework", FrameworkJson(v.framework)},
              {"with_evidence", v.with_evidence}};
  if (v.with_evidence) {
    json sign_offs = json::array();
    for (const auto& s : v.sign_offs) {
      json scores = json::object();
      for (const auto& [code, score] : s.sign_off.scores) scores[code] = score;
      sign_offs.push_back(
          {{"id", s.sign_off.id.value},
           {"step", s.sign_off.step},
           {"topic", s.sign_off.topic},
           {"signed_by", {{"employee_id", s.sign_off.signed_by}, {"name", s.signer_name}}},
           {"signed_at", FormatIso8601(s.sign_off.signed_at)},
           {"evidence", s.sign_off.evidence},
           {"scores", scores},
           {"framework_version", s.sign_off.framework_version}});
    }
    out["motivation"] = c.motivation;
    out["experience"] = c.experience;
    out["sign_offs"] = sign_offs;
    json files = json::array();
    for (const auto& f : v.files) files.push_back(EvidenceFileJson(f));
    out["files"] = files;
    out["file_steps"] = v.file_steps;
    json attempts = json::array();
    for (const auto& a : v.quiz_attempts) attempts.push_back(QuizAttemptJson(a));
    out["quiz_attempts"] = attempts;
  }
  return out;
}

json QuizResultJson(const domain::QuizResult& r) {
  return {{"attempt", QuizAttemptJson(r.attempt)}, {"candidate", CandidateJson(r.candidate)}};
}

json CandidatesJson(const std::vector<domain::CandidateView>& list) {
  json items = json::array();
  for (const auto& v : list) items.push_back(CandidateJson(v));
  return {{"items", items}};
}

json CredentialJson(const domain::CredentialView& v) {
  const domain::Credential& c = v.credential;
  return {{"id", c.id.value},
          {"name", domain::kCredentialName},
          {"holder", {{"employee_id", c.holder}, {"name", v.holder_name}}},
          {"status", domain::CredentialStatusName(v.status)},
          {"issued_at", FormatIso8601(c.issued_at)},
          {"expires_at", FormatIso8601(c.expires_at)},
          {"founding", !c.candidate.valid()},
          {"revoked_at", c.revoked_at ? json(FormatIso8601(*c.revoked_at)) : json(nullptr)},
          {"revoke_reason", c.revoke_reason}};
}

json CredentialsJson(const std::vector<domain::CredentialView>& list) {
  json items = json::array();
  for (const auto& v : list) items.push_back(CredentialJson(v));
  return {{"items", items}};
}

json MaybeCredentialJson(const std::optional<domain::CredentialView>& v) {
  return {{"credential", v ? CredentialJson(*v) : json(nullptr)}};
}

json MineJson(const domain::MyCredential& m) {
  return {{"candidacy", m.candidacy ? CandidateJson(*m.candidacy) : json(nullptr)},
          {"credential", m.credential ? CredentialJson(*m.credential) : json(nullptr)},
          {"is_reviewer", m.is_reviewer},
          {"holds_current", m.holds_current},
          {"evidence_file_max_bytes", domain::kMaxEvidenceFileBytes},
          {"framework", FrameworkJson(m.framework)}};
}

json ReviewersJson(const std::vector<domain::ReviewerView>& list) {
  json items = json::array();
  for (const auto& r : list) {
    items.push_back({{"employee_id", r.reviewer.employee_id},
                     {"name", r.name},
                     {"appointed_by", r.reviewer.appointed_by},
                     {"appointed_at", FormatIso8601(r.reviewer.appointed_at)}});
  }
  return {{"items", items}};
}

// A framework as the admin's editor sends it; `version` is the version it was edited from.
Result<domain::Framework> FrameworkOf(const HttpRequest& request) {
  JsonReader body(*request.json);
  body.OnlyKnown(
      {"version", "steps", "topics", "competencies", "levels", "passing_score", "validity_months"});
  domain::Framework f;
  f.version = body.Int("version", 1, INT32_MAX);
  std::vector<domain::StepText> steps;
  body.Objects("steps", true, [&](JsonReader& s) {
    s.OnlyKnown({"name", "description"});
    steps.push_back({s.String("name"), s.OptionalString("description").value_or("")});
  });
  body.Objects("topics", true, [&](JsonReader& t) {
    t.OnlyKnown({"code", "name", "content", "check", "quiz"});
    domain::TrainingTopic topic{t.String("code"), t.String("name"),
                                t.OptionalString("content").value_or(""),
                                t.OptionalString("check").value_or(""), std::nullopt};
    // A module without a quiz sends none, or null.
    const json* quiz_member = t.Raw("quiz");
    if (quiz_member != nullptr && !quiz_member->is_null()) {
      JsonReader q = t.Object("quiz");
      q.OnlyKnown({"questions", "pass_mark"});
      domain::Quiz quiz;
      q.Objects("questions", true, [&](JsonReader& question) {
        question.OnlyKnown({"id", "text", "multiple", "options", "correct"});
        domain::QuizQuestion read;
        read.id = question.String("id");
        read.text = question.String("text");
        read.multiple = question.OptionalBool("multiple").value_or(false);
        question.Objects("options", true, [&](JsonReader& option) {
          option.OnlyKnown({"id", "text"});
          read.options.push_back({option.String("id"), option.String("text")});
        });
        read.correct = question.Strings("correct");
        quiz.questions.push_back(std::move(read));
      });
      quiz.pass_mark = q.Int("pass_mark", 0, 1000);
      topic.quiz = std::move(quiz);
    }
    f.topics.push_back(std::move(topic));
  });
  body.Objects("competencies", true, [&](JsonReader& c) {
    c.OnlyKnown({"code", "name", "description"});
    f.competencies.push_back(
        {c.String("code"), c.String("name"), c.OptionalString("description").value_or("")});
  });
  body.Objects("levels", true, [&](JsonReader& l) {
    l.OnlyKnown({"score", "name", "description"});
    f.levels.push_back(
        {l.Int("score", 0, 100), l.String("name"), l.OptionalString("description").value_or("")});
  });
  f.passing_score = body.Int("passing_score");
  f.validity_months = body.Int("validity_months");
  if (!body.ok()) return body.status();
  if (steps.size() != f.steps.size()) {
    return Status::InvalidArgument("The path has exactly seven steps.", "steps");
  }
  std::copy(steps.begin(), steps.end(), f.steps.begin());
  return f;
}

Result<domain::SignOffInput> SignOffOf(const HttpRequest& request) {
  JsonReader body(*request.json);
  body.OnlyKnown({"step", "evidence", "scores"});
  domain::SignOffInput in;
  in.step = body.Int("step");
  in.evidence = body.String("evidence");
  if (auto scores = body.OptionalObject("scores")) {
    scores->Members([&](const std::string& code, const json& value, const std::string& field) {
      auto score = ReadInt(value, field, INT32_MIN, INT32_MAX);
      if (!score.ok()) {
        body.Fail(score.status());
        return;
      }
      in.scores[code] = static_cast<int>(*score);
    });
  }
  if (!body.ok()) return body.status();
  return in;
}

// A Content-Disposition that makes the browser save `file_name` rather than show it: an ASCII
// fallback (other bytes, quotes and backslashes become '_') and the exact UTF-8 name in
// RFC 5987 form, both safe inside a header whatever the name holds.
std::string AttachmentDisposition(std::string_view file_name) {
  std::string ascii, encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : file_name) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                       c == '.' || c == '-' || c == '_';
    ascii.push_back(u >= 0x20 && u < 0x7f && c != '"' && c != '\\' ? c : '_');
    if (plain) {
      encoded.push_back(c);
    } else {
      encoded += {'%', kHex[u >> 4], kHex[u & 15]};
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

// The file itself: always a download (never shown inline), with the type its bytes were
// recognised as and nosniff, so that no browser second-guesses it into a page.
HttpResponse DownloadResponse(const Result<domain::EvidenceFileContent>& file) {
  if (!file.ok()) return ErrorResponse(file.status());
  HttpResponse r;
  r.status = 200;
  r.body = file->bytes;
  r.SetHeader("Content-Type", file->file.content_type);
  r.SetHeader("Content-Disposition", AttachmentDisposition(file->file.name));
  r.SetHeader("X-Content-Type-Options", "nosniff");
  r.SetHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  return Private(std::move(r));
}

HttpResponse NoContentOr(const Status& status) {
  return status.ok() ? HttpResponse::NoContent() : ErrorResponse(status);
}

}  // namespace

void RegisterCredentialRoutes(Router& router, AuthGate& auth, domain::CredentialService& service) {
  const RouteOptions no_body{.body = BodyKind::kNone};
  const RouteOptions json_body{.body = BodyKind::kJson, .max_body = 64 * 1024};
  const RouteOptions framework_body{.body = BodyKind::kJson, .max_body = 512 * 1024};
  auto candidate_id = [](const PathParams& p) { return IdParam(p, "candidate_id", "candidate"); };

  router.Add(HttpMethod::kGet, "/api/v1/credentials/framework",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.CurrentFramework(actor), &FrameworkJson);
                           }),
             no_body);
  router.Add(
      HttpMethod::kPut, "/api/v1/credentials/framework",
      Authenticated(auth,
                    [&service](const HttpRequest& request, const PathParams&, const Actor& actor) {
                      auto framework = FrameworkOf(request);
                      if (!framework.ok()) return ErrorResponse(framework.status());
                      return Answer(service.SaveFramework(actor, std::move(framework).value()),
                                    &FrameworkJson);
                    }),
      framework_body);
  router.Add(HttpMethod::kGet, "/api/v1/credentials/framework/versions/{version}",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto version = IdParam(p, "version", "framework version");
                             if (!version.ok() || *version > INT32_MAX) {
                               return ErrorResponse(Status::NotFound("no such framework version"));
                             }
                             return Answer(
                                 service.FrameworkVersion(actor, static_cast<int>(*version)),
                                 &FrameworkJson);
                           }),
             no_body);

  router.Add(HttpMethod::kGet, "/api/v1/credentials/reviewers",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.ListReviewers(actor), &ReviewersJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPut, "/api/v1/credentials/reviewers/{employee_id}",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             return NoContentOr(
                                 service.AppointReviewer(actor, std::string(p.Get("employee_id"))));
                           }),
             no_body);
  router.Add(HttpMethod::kDelete, "/api/v1/credentials/reviewers/{employee_id}",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             return NoContentOr(
                                 service.RemoveReviewer(actor, std::string(p.Get("employee_id"))));
                           }),
             no_body);

  router.Add(HttpMethod::kGet, "/api/v1/me/credential",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.Mine(actor), &MineJson);
                           }),
             no_body);
  router.Add(HttpMethod::kPost, "/api/v1/credentials/candidates",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams&, const Actor& actor) {
                   JsonReader body(*request.json);
                   body.OnlyKnown({"motivation", "experience"});
                   const std::string motivation = body.String("motivation");
                   const std::string experience = body.OptionalString("experience").value_or("");
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(service.Apply(actor, motivation, experience), &CandidateJson, 201);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, "/api/v1/credentials/candidates",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.Board(actor), &CandidatesJson);
                           }),
             no_body);
  router.Add(HttpMethod::kGet, "/api/v1/credentials/to-sign",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.ToSign(actor), &CandidatesJson);
                           }),
             no_body);
  router.Add(
      HttpMethod::kGet, "/api/v1/credentials/candidates/{candidate_id}",
      Authenticated(
          auth,
          [&service, candidate_id](const HttpRequest&, const PathParams& p, const Actor& actor) {
            auto id = candidate_id(p);
            if (!id.ok()) return ErrorResponse(id.status());
            return Answer(service.GetCandidate(actor, domain::CandidateId(*id)), &CandidateJson);
          }),
      no_body);
  router.Add(
      HttpMethod::kPost, "/api/v1/credentials/candidates/{candidate_id}/decision",
      Authenticated(auth,
                    [&service, candidate_id](const HttpRequest& request, const PathParams& p,
                                             const Actor& actor) {
                      auto id = candidate_id(p);
                      if (!id.ok()) return ErrorResponse(id.status());
                      JsonReader body(*request.json);
                      body.OnlyKnown({"decision", "cohort", "reason"});
                      const std::string decision = body.OneOf("decision", {"accept", "decline"});
                      const std::string cohort = body.OptionalString("cohort").value_or("");
                      const std::string reason = body.OptionalString("reason").value_or("");
                      if (!body.ok()) return ErrorResponse(body.status());
                      return Answer(service.Decide(actor, domain::CandidateId(*id),
                                                   decision == "accept", cohort, reason),
                                    &CandidateJson);
                    }),
      json_body);
  router.Add(HttpMethod::kPost, "/api/v1/credentials/candidates/{candidate_id}/training",
             Authenticated(auth,
                           [&service, candidate_id](const HttpRequest& request, const PathParams& p,
                                                    const Actor& actor) {
                             auto id = candidate_id(p);
                             if (!id.ok()) return ErrorResponse(id.status());
                             JsonReader body(*request.json);
                             body.OnlyKnown({"topic", "reflection"});
                             const std::string topic = body.String("topic");
                             const std::string reflection = body.String("reflection");
                             if (!body.ok()) return ErrorResponse(body.status());
                             return Answer(service.CompleteTraining(actor, domain::CandidateId(*id),
                                                                    topic, reflection),
                                           &CandidateJson);
                           }),
             json_body);
  router.Add(HttpMethod::kPost, "/api/v1/credentials/candidates/{candidate_id}/quiz",
             Authenticated(auth,
                           [&service, candidate_id](const HttpRequest& request, const PathParams& p,
                                                    const Actor& actor) {
                             auto id = candidate_id(p);
                             if (!id.ok()) return ErrorResponse(id.status());
                             JsonReader body(*request.json);
                             body.OnlyKnown({"topic", "answers"});
                             const std::string topic = body.String("topic");
                             std::vector<domain::QuizAnswer> answers;
                             body.Objects("answers", true, [&](JsonReader& a) {
                               a.OnlyKnown({"question", "options"});
                               answers.push_back({a.String("question"), a.Strings("options")});
                             });
                             if (!body.ok()) return ErrorResponse(body.status());
                             return Answer(
                                 service.TakeQuiz(actor, domain::CandidateId(*id), topic, answers),
                                 &QuizResultJson);
                           }),
             json_body);
  router.Add(HttpMethod::kPost, "/api/v1/credentials/candidates/{candidate_id}/sign-offs",
             Authenticated(auth,
                           [&service, candidate_id](const HttpRequest& request, const PathParams& p,
                                                    const Actor& actor) {
                             auto id = candidate_id(p);
                             if (!id.ok()) return ErrorResponse(id.status());
                             auto input = SignOffOf(request);
                             if (!input.ok()) return ErrorResponse(input.status());
                             return Answer(
                                 service.SignOffStep(actor, domain::CandidateId(*id), *input),
                                 &CandidateJson, 201);
                           }),
             json_body);
  router.Add(HttpMethod::kPost, "/api/v1/credentials/candidates/{candidate_id}/credential",
             Authenticated(auth,
                           [&service, candidate_id](const HttpRequest& request, const PathParams& p,
                                                    const Actor& actor) {
                             auto id = candidate_id(p);
                             if (!id.ok()) return ErrorResponse(id.status());
                             std::optional<int> months;
                             if (request.json && !request.json->is_null()) {
                               JsonReader body(*request.json);
                               body.OnlyKnown({"validity_months"});
                               months = body.OptionalInt<int>("validity_months");
                               if (!body.ok()) return ErrorResponse(body.status());
                             }
                             return Answer(service.Issue(actor, domain::CandidateId(*id), months),
                                           &CredentialJson, 201);
                           }),
             json_body);

  // Evidence files: the body is the file itself (any Content-Type: the service tells the type
  // from the bytes), its step and name in the query.
  const RouteOptions file_body{.body = BodyKind::kRaw, .max_body = domain::kMaxEvidenceFileBytes};
  router.Add(HttpMethod::kPost, "/api/v1/credentials/candidates/{candidate_id}/files",
             Authenticated(auth,
                           [&service, candidate_id](const HttpRequest& request, const PathParams& p,
                                                    const Actor& actor) {
                             auto id = candidate_id(p);
                             if (!id.ok()) return ErrorResponse(id.status());
                             auto step = QueryInt(request, "step", 1, domain::kStepCount);
                             if (!step.ok()) return ErrorResponse(step.status());
                             if (!*step) {
                               return ErrorResponse(Status::InvalidArgument(
                                   "Say which step the file is for.", "step"));
                             }
                             const std::string name(request.Query("name").value_or(""));
                             return Answer(
                                 service.AttachFile(actor, domain::CandidateId(*id),
                                                    static_cast<int>(**step), name, request.body),
                                 &EvidenceFileJson, 201);
                           }),
             file_body);
  router.Add(HttpMethod::kGet, "/api/v1/credentials/files/{file_id}",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             auto id = IdParam(p, "file_id", "evidence file");
                             if (!id.ok()) return ErrorResponse(id.status());
                             return DownloadResponse(
                                 service.DownloadFile(actor, domain::EvidenceFileId(*id)));
                           }),
             no_body);
  router.Add(
      HttpMethod::kDelete, "/api/v1/credentials/files/{file_id}",
      Authenticated(auth,
                    [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                      auto id = IdParam(p, "file_id", "evidence file");
                      if (!id.ok()) return ErrorResponse(id.status());
                      return NoContentOr(service.RemoveFile(actor, domain::EvidenceFileId(*id)));
                    }),
      no_body);

  router.Add(HttpMethod::kGet, "/api/v1/credentials",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams&, const Actor& actor) {
                             return Answer(service.ListCredentials(actor), &CredentialsJson);
                           }),
             no_body);
  router.Add(
      HttpMethod::kPost, "/api/v1/credentials/founding",
      Authenticated(auth,
                    [&service](const HttpRequest& request, const PathParams&, const Actor& actor) {
                      JsonReader body(*request.json);
                      body.OnlyKnown({"employee_id", "reason"});
                      const std::string employee_id = body.String("employee_id");
                      const std::string reason = body.String("reason");
                      if (!body.ok()) return ErrorResponse(body.status());
                      return Answer(service.GrantFounding(actor, employee_id, reason),
                                    &CredentialJson, 201);
                    }),
      json_body);
  router.Add(HttpMethod::kPost, "/api/v1/credentials/{credential_id}/revoke",
             Authenticated(
                 auth,
                 [&service](const HttpRequest& request, const PathParams& p, const Actor& actor) {
                   auto id = IdParam(p, "credential_id", "credential");
                   if (!id.ok()) return ErrorResponse(id.status());
                   JsonReader body(*request.json);
                   body.OnlyKnown({"reason"});
                   const std::string reason = body.String("reason");
                   if (!body.ok()) return ErrorResponse(body.status());
                   return Answer(service.Revoke(actor, domain::CredentialId(*id), reason),
                                 &CredentialJson);
                 }),
             json_body);
  router.Add(HttpMethod::kGet, "/api/v1/people/{employee_id}/credential",
             Authenticated(auth,
                           [&service](const HttpRequest&, const PathParams& p, const Actor& actor) {
                             return Answer(
                                 service.PersonCredential(actor, std::string(p.Get("employee_id"))),
                                 &MaybeCredentialJson);
                           }),
             no_body);
}

}  // namespace pairwise::api
