// Self-match programs, with the access rules: the program's approved mentees and its
// coordinators browse its approved mentors; an approved mentee requests a mentor; only that
// mentor accepts or declines, within their capacity; only the mentee cancels. A request is
// read by its mentee, its mentor and the program's coordinators (NotFound to anyone else).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/applications/application_repository.h"
#include "domain/mail/mail_queue.h"
#include "domain/people/people_service.h"
#include "domain/profiles/profile_repository.h"
#include "domain/programs/participation.h"
#include "domain/programs/program_reader.h"
#include "domain/selfmatch/match_request.h"

namespace pairwise::domain {

struct MentorFilter {
  std::string q;           // part of the name or job title, any case
  std::string skill;       // a skill code the mentor offers
  std::string department;  // code
  std::string site;        // code
  std::string language;    // ISO 639-1, from the directory or the profile
  int min_hours = 0;       // availability a month, at least
};

struct MentorCard {
  std::string employee_id;
  std::string name;
  std::string job_title;
  std::string department;  // name
  std::string site;        // name
  std::vector<std::string> languages;
  // The profile's, else the first long-text answer of the mentor's application.
  std::string bio;
  // The profile's expertise, then the skills answered on the mentor's application (at
  // kFormSkillLevel), each skill once.
  std::vector<SkillLevel> expertise;
  // What the mentor gives this program: their capacity's hours (the program's, or the lower
  // hours they set), lowered to the profile's availability when that says fewer.
  int availability_hours_per_month = 0;
  int capacity = 0;  // mentees at once
  int taken = 0;     // places taken: active relationships in the program
};

// A request with the names around it, and its status as of now.
struct RequestView {
  MatchRequest request;
  RequestStatus status = RequestStatus::kPending;
  std::string mentee_name;
  std::string mentor_name;
  RelationshipId relationship;  // set by Accept: the relationship it started
};

// Thread-safe as far as its dependencies are; holds no state of its own.
class SelfMatchService {
 public:
  // All must outlive the service. `base_url` prefixes links in mails.
  SelfMatchService(MatchRequestRepository& requests, ProgramReader& programs,
                   ApplicationRepository& participants, PeopleService& people,
                   ProfileRepository& profiles, MailQueue& mail, const Clock& clock,
                   std::string base_url)
      : requests_(requests),
        programs_(programs),
        participants_(participants),
        people_(people),
        profiles_(profiles),
        mail_(mail),
        clock_(clock),
        base_url_(std::move(base_url)) {}

  // NotFound when the actor may not see the program; Conflict "not_self_match" for another
  // type; Forbidden for someone neither an approved mentee nor a coordinator.
  Result<std::vector<MentorCard>> BrowseMentors(const Actor& actor, ProgramId program,
                                                const MentorFilter& filter);
  // Forbidden unless the actor is an approved mentee; InvalidArgument ("mentor_employee_id")
  // for someone not an approved mentor here; Conflict "mentor_full", "already_matched",
  // "request_exists", "too_many_requests". Mails the mentor.
  Result<RequestView> Request(const Actor& actor, ProgramId program, const std::string& mentor,
                              const std::string& message);
  // box "outgoing" (the actor's requests as a mentee), "incoming" (to the actor as a mentor) or
  // "all" (coordinators).
  Result<std::vector<RequestView>> ListRequests(const Actor& actor, ProgramId program,
                                                const std::string& box);
  // The mentor; starts the pair's relationship in the same transaction (its id in
  // `relationship` of the view) and mails the mentee.
  Result<RequestView> Accept(const Actor& actor, MatchRequestId id, const std::string& message);
  Result<RequestView> Decline(const Actor& actor, MatchRequestId id, const std::string& message);
  // The mentee.
  Result<RequestView> Cancel(const Actor& actor, MatchRequestId id);

 private:
  Result<Program> SelfMatchProgram(const Actor& actor, ProgramId id);
  Result<bool> IsApproved(ProgramId program, Side side, const std::string& employee_id);
  Result<RequestView> View(MatchRequest request);
  Result<MatchRequest> OwnRequest(const Actor& actor, MatchRequestId id, bool as_mentor);
  void Mail(const std::string& employee_id, std::string subject, std::string text,
            std::string kind);

  MatchRequestRepository& requests_;
  ProgramReader& programs_;
  ApplicationRepository& participants_;
  PeopleService& people_;
  ProfileRepository& profiles_;
  MailQueue& mail_;
  const Clock& clock_;
  std::string base_url_;
};

}  // namespace pairwise::domain
