// Forms, applications, review, nominations and managers' part, with the access rules:
//  - every method needs a signed-in person (an API token is Forbidden);
//  - a program's form is read by whoever may see the program, written by its coordinators;
//  - an application is read by its applicant, the program's coordinators and admins; never by
//    the applicant's manager (NotFound to everyone else, so as not to reveal who applied);
//  - managers see their reports' participation (program, side, status), never answers, and
//    approve their reports' time when the program asks for it.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/applications/application.h"
#include "domain/applications/application_repository.h"
#include "domain/credentials/credential_repository.h"
#include "domain/mail/mail_queue.h"
#include "domain/people/people_service.h"
#include "domain/programs/program_reader.h"
#include "domain/relationships/relationship.h"

namespace pairwise::domain {

struct ApplicantSummary {
  std::string employee_id;
  std::string name;
  std::string job_title;
  std::string department;  // code
  int level = kMinLevel;
};

// An application with what its readers need around it.
struct ApplicationView {
  Application application;
  ApplicantSummary applicant;
  std::vector<Question> questions;  // of the version it answered
  std::string program_name;
};

struct ReviewQuery {
  std::optional<Side> side;
  std::optional<ApplicationStatus> status;
  std::string q;                      // part of the applicant's name or employee id, any case
  std::string sort = "submitted_at";  // "submitted_at" | "name" | "department"
  bool descending = false;
  int offset = 0;
  int limit = 50;  // 1..kMaxReviewPageSize
};
inline constexpr int kMaxReviewPageSize = 1000;

struct ReviewCounts {
  int64_t submitted = 0, approved = 0, declined = 0, withdrawn = 0;
};

struct ReviewPage {
  std::vector<ApplicationView> items;  // without questions and answers
  int64_t total = 0;                   // matching the query
  ReviewCounts counts;                 // the whole program, per status
};

// One of a person's applications, for "what I am in".
struct MyApplication {
  Application application;
  std::string program_name;
  ProgramType program_type = ProgramType::kOneOnOne;
  ProgramStatus program_status = ProgramStatus::kDraft;
};

// A report's participation, as their manager sees it (no answers).
struct TeamEntry {
  ApplicationId application;
  ApplicantSummary person;
  ProgramId program;
  std::string program_name;
  Side side = Side::kMentee;
  ApplicationStatus status = ApplicationStatus::kSubmitted;
  ManagerApproval manager_approval = ManagerApproval::kNotNeeded;
  bool direct_report = false;
  // Set when the person has an active relationship in the program on that side: who with (the
  // mentor for a mentee, the mentee for a mentor) and since when.
  std::optional<ApplicantSummary> matched_with;
  std::optional<TimePoint> matched_since;
};

inline constexpr std::size_t kMaxBulk = 5000;

// Someone a mentee may rank as a preferred mentor: a mentor of the program.
struct MentorChoice {
  std::string employee_id;
  std::string name;
  std::string job_title;
  std::string department_code;  // empty when the directory has none
  std::string department_name;
};

inline constexpr int kMaxMentorChoices = 50;

// Thread-safe as far as its dependencies are; holds no state of its own.
class ApplicationService {
 public:
  // All must outlive the service. `base_url` prefixes links in mails.
  ApplicationService(ApplicationRepository& applications, ProgramReader& programs,
                     RelationshipReader& relationships, PeopleService& people,
                     CredentialReader& credentials, MailQueue& mail, AuditLog& audit,
                     const Clock& clock, std::string base_url)
      : applications_(applications),
        programs_(programs),
        relationships_(relationships),
        people_(people),
        credentials_(credentials),
        mail_(mail),
        audit_(audit),
        clock_(clock),
        base_url_(std::move(base_url)) {}

  // NotFound when the actor may not see the program.
  Result<ApplicationForm> GetForm(const Actor& actor, ProgramId program, Side side);
  // Coordinators of the program. InvalidArgument naming the field (CheckQuestions); Conflict
  // (reason "archived") for an archived program.
  Result<ApplicationForm> SaveForm(const Actor& actor, ProgramId program, Side side,
                                   const std::vector<Question>& questions);

  // The actor applies. Conflict "enrollment_closed" outside the window or when the program is
  // not open; Forbidden "ineligible" with the rule as field; Forbidden "credential_required"
  // for a mentor without a current credential when the program requires one; Conflict
  // "duplicate_application"; InvalidArgument "answers.<id>" (AnswersFromSent, CheckAnswers, and a
  // ranked choice that is not one of MentorChoices). Mails the applicant's manager.
  Result<ApplicationView> Apply(const Actor& actor, ProgramId program, Side side,
                                const SentAnswers& answers);
  Result<ApplicationView> Get(const Actor& actor, ApplicationId id);
  // The applicant, while the application is submitted and enrollment open; against the current
  // form.
  Result<ApplicationView> UpdateAnswers(const Actor& actor, ApplicationId id,
                                        const SentAnswers& answers);
  // The mentors a mentee of `program` may rank (a mentor application submitted or approved,
  // not the actor, not in the actor's management chain) whose name, job title or employee id
  // contains `q` (any case), by name, at most `limit` (1..kMaxMentorChoices, else
  // InvalidArgument "limit"). For the program's coordinators and for people who may apply to it
  // as mentees or did: Forbidden for anyone else; NotFound when the actor may not see it.
  Result<std::vector<MentorChoice>> MentorChoices(const Actor& actor, ProgramId program,
                                                  const std::string& q, int limit);
  // The applicant, while submitted or approved.
  Result<ApplicationView> Withdraw(const Actor& actor, ApplicationId id);

  // Coordinators of the program. InvalidArgument for a bad query.
  Result<ReviewPage> Review(const Actor& actor, ProgramId program, const ReviewQuery& query);
  // Approves or declines submitted applications (at most kMaxBulk) in one transaction; mails
  // each applicant the decision with `message`. Returns how many changed.
  Result<int64_t> Decide(const Actor& actor, ProgramId program,
                         const std::vector<ApplicationId>& ids, bool approve,
                         const std::string& message);
  // Coordinators add people directly (approved, nominated, no answers), at most kMaxBulk, all
  // or none. InvalidArgument (field "employee_ids") naming people unknown or not eligible
  // (mentors without a current credential where the program requires one);
  // Conflict "duplicate_application". Mails each person and their manager.
  Result<int64_t> Nominate(const Actor& actor, ProgramId program, Side side,
                           const std::vector<std::string>& employee_ids);

  // The actor's own applications, newest first.
  Result<std::vector<MyApplication>> Mine(const Actor& actor);
  // Participation of the people the actor manages, directly or not (no answers): where each
  // stands, and who they are matched with since when (never the relationship's content).
  Result<std::vector<TeamEntry>> MyTeam(const Actor& actor);
  // The applicant's manager (anyone above them) approves or declines the time, while it is
  // pending. NotFound for anyone else.
  Result<TeamEntry> DecideAsManager(const Actor& actor, ApplicationId id, bool approve);

 private:
  Result<Program> VisibleProgram(const Actor& actor, ProgramId id);
  Result<Program> CoordinatedProgram(const Actor& actor, ProgramId id);
  Result<ApplicationView> View(Application application, bool with_questions);
  Result<ApplicantSummary> Summary(const std::string& employee_id);
  // Employee ids of the people `applicant` may rank in `program` (see MentorChoices).
  Result<std::set<std::string>> RankableMentors(ProgramId program, const std::string& applicant);
  // Every ranked-mentors answer names one of RankableMentors: InvalidArgument "answers.<id>".
  Status CheckRankedChoices(const std::vector<Question>& questions, const Answers& answers,
                            ProgramId program, const std::string& applicant);
  void MailManager(const Person& person, const Program& program, Side side, bool nominated);
  void Audit(const Actor& actor, std::string action, std::string target, std::string detail);
  Date Today() const;

  ApplicationRepository& applications_;
  ProgramReader& programs_;
  RelationshipReader& relationships_;
  PeopleService& people_;
  CredentialReader& credentials_;
  MailQueue& mail_;
  AuditLog& audit_;
  const Clock& clock_;
  std::string base_url_;
};

}  // namespace pairwise::domain
