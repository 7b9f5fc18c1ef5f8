#include "domain/selfmatch/selfmatch_service.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "common/text.h"
#include "common/utf8.h"
#include "domain/access/access_policy.h"

namespace pairwise::domain {

namespace {

Status NoRequest(MatchRequestId id) {
  return Status::NotFound("no request " + std::to_string(id.value));
}

}  // namespace

std::string_view RequestStatusName(RequestStatus status) {
  switch (status) {
    case RequestStatus::kPending:
      return "pending";
    case RequestStatus::kAccepted:
      return "accepted";
    case RequestStatus::kDeclined:
      return "declined";
    case RequestStatus::kCancelled:
      return "cancelled";
    case RequestStatus::kWithdrawn:
      return "withdrawn";
    case RequestStatus::kExpired:
      return "expired";
  }
  return "";
}

Result<Program> SelfMatchService::SelfMatchProgram(const Actor& actor, ProgramId id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto program = programs_.FindProgram(id);
  if (!program.ok()) return program.status();
  if (!MaySeeProgram(*program, actor)) {
    return Status::NotFound("no program " + std::to_string(id.value));
  }
  if (program->type != ProgramType::kSelfMatch) {
    return Status::Error(ErrorCode::kConflict, "this is not a self-match program")
        .WithReason("not_self_match");
  }
  return program;
}

Result<bool> SelfMatchService::IsApproved(ProgramId program, Side side,
                                          const std::string& employee_id) {
  auto participant = participants_.FindParticipant(program, side, employee_id);
  if (!participant.ok()) return participant.status();
  return participant->has_value() && (*participant)->status == ApplicationStatus::kApproved;
}

void SelfMatchService::Mail(const std::string& employee_id, std::string subject, std::string text,
                            std::string kind) {
  auto person = people_.FindPerson(employee_id);
  if (!person.ok()) return;
  MailMessage mail{person->email, std::move(subject),
                   "Hello " + person->first_name + ",\n\n" + std::move(text), std::move(kind)};
  // The queue logs what it cannot take; the request stands.
  (void)mail_.Enqueue(mail);
}

Result<RequestView> SelfMatchService::View(MatchRequest request) {
  RequestView view;
  for (auto [id, name] : {std::pair{&request.mentee, &view.mentee_name},
                          std::pair{&request.mentor, &view.mentor_name}}) {
    auto person = people_.FindPerson(*id);
    if (!person.ok() && person.status().code() != ErrorCode::kNotFound) return person.status();
    *name = person.ok() ? person->first_name + " " + person->last_name : *id;
  }
  view.status = request.StatusAt(clock_.Now());
  view.request = std::move(request);
  return view;
}

Result<std::vector<MentorCard>> SelfMatchService::BrowseMentors(const Actor& actor,
                                                                ProgramId program_id,
                                                                const MentorFilter& filter) {
  auto program = SelfMatchProgram(actor, program_id);
  if (!program.ok()) return program.status();
  if (!IsProgramCoordinator(*program, actor)) {
    auto approved = IsApproved(program_id, Side::kMentee, actor.employee_id);
    if (!approved.ok()) return approved.status();
    if (!*approved) {
      return Status::Forbidden("the program's approved mentees browse its mentors");
    }
  }
  auto mentors = participants_.ListApproved(program_id, Side::kMentor);
  if (!mentors.ok()) return mentors.status();
  auto taken = requests_.PlacesTaken(program_id);
  if (!taken.ok()) return taken.status();
  auto departments = people_.ListDepartments();
  if (!departments.ok()) return departments.status();
  auto sites = people_.ListSites();
  if (!sites.ok()) return sites.status();
  std::map<std::string, std::string> department_names, site_names;
  for (const Department& d : *departments) department_names[d.code] = d.name;
  for (const Site& s : *sites) site_names[s.code] = s.name;
  // What mentors wrote in their (approved) applications, and the questions it answered: in a
  // self-match program the mentor form is the mentor's listing.
  auto applications = participants_.ListApplications(program_id);
  if (!applications.ok()) return applications.status();
  std::map<std::string, const Application*> application_of;
  for (const Application& a : *applications) {
    if (a.side == Side::kMentor && a.status == ApplicationStatus::kApproved) {
      application_of[a.employee_id] = &a;
    }
  }
  std::map<int, std::vector<Question>> forms;  // mentor form questions by version
  const std::string needle = AsciiLower(filter.q);
  std::vector<MentorCard> out;
  for (const std::string& id : *mentors) {
    auto person = people_.FindPerson(id);
    if (!person.ok()) {
      if (person.status().code() == ErrorCode::kNotFound) continue;
      return person.status();
    }
    if (person->status == EmploymentStatus::kLeft) continue;
    auto profile = profiles_.FindProfile(id);
    if (!profile.ok()) return profile.status();
    MentorCard card;
    card.employee_id = id;
    card.name = person->first_name + " " + person->last_name;
    card.job_title = person->job_title;
    card.department = department_names[person->department];
    card.site = site_names[person->site];
    card.languages = person->languages;
    int profile_hours = 0;
    if (profile->has_value()) {
      const Profile& p = **profile;
      for (const std::string& l : p.languages) {
        if (std::find(card.languages.begin(), card.languages.end(), l) == card.languages.end()) {
          card.languages.push_back(l);
        }
      }
      card.bio = p.bio;
      card.expertise = p.expertise;
      profile_hours = p.availability_hours_per_month;
    }
    if (auto it = application_of.find(id); it != application_of.end()) {
      const Application& a = *it->second;
      if (!forms.contains(a.form_version)) {
        auto form = participants_.FindFormVersion(program_id, Side::kMentor, a.form_version);
        if (!form.ok() && form.status().code() != ErrorCode::kNotFound) return form.status();
        forms[a.form_version] = form.ok() ? form->questions : std::vector<Question>{};
      }
      for (const Question& q : forms[a.form_version]) {
        auto answer = a.answers.find(q.id);
        if (answer == a.answers.end()) continue;
        if (q.type == QuestionType::kSkills) {
          for (const std::string& skill : answer->second) {
            if (std::none_of(card.expertise.begin(), card.expertise.end(),
                             [&](const SkillLevel& s) { return s.skill == skill; })) {
              card.expertise.push_back({skill, kFormSkillLevel});
            }
          }
        } else if (q.type == QuestionType::kLongText && card.bio.empty() &&
                   !answer->second.empty()) {
          card.bio = answer->second.front();
        }
      }
    }
    auto capacity = programs_.EffectiveMentorCapacity(program_id, id);
    if (!capacity.ok()) return capacity.status();
    card.capacity = capacity->mentees;
    card.availability_hours_per_month = profile_hours > 0
                                            ? std::min(profile_hours, capacity->hours_per_month)
                                            : capacity->hours_per_month;
    card.taken = taken->contains(id) ? taken->at(id) : 0;

    if (!needle.empty() && AsciiLower(card.name).find(needle) == std::string::npos &&
        AsciiLower(card.job_title).find(needle) == std::string::npos) {
      continue;
    }
    if (!filter.skill.empty() &&
        std::none_of(card.expertise.begin(), card.expertise.end(),
                     [&](const SkillLevel& s) { return s.skill == filter.skill; })) {
      continue;
    }
    if (!filter.department.empty() && person->department != filter.department) continue;
    if (!filter.site.empty() && person->site != filter.site) continue;
    if (!filter.language.empty() && std::find(card.languages.begin(), card.languages.end(),
                                              filter.language) == card.languages.end()) {
      continue;
    }
    if (card.availability_hours_per_month < filter.min_hours) continue;
    out.push_back(std::move(card));
  }
  return out;
}

Result<RequestView> SelfMatchService::Request(const Actor& actor, ProgramId program_id,
                                              const std::string& mentor,
                                              const std::string& message) {
  auto program = SelfMatchProgram(actor, program_id);
  if (!program.ok()) return program.status();
  if (program->status != ProgramStatus::kOpen && program->status != ProgramStatus::kClosed) {
    return Status::Error(ErrorCode::kConflict, "the program is not running")
        .WithReason("program_not_running");
  }
  auto mentee_ok = IsApproved(program_id, Side::kMentee, actor.employee_id);
  if (!mentee_ok.ok()) return mentee_ok.status();
  if (!*mentee_ok) return Status::Forbidden("the program's approved mentees request mentors");
  if (MoreCharsThan(message, kMaxRequestMessageChars)) {
    return Status::InvalidArgument("A message must be at most 2,000 characters.", "message");
  }
  auto mentor_ok = IsApproved(program_id, Side::kMentor, mentor);
  if (!mentor_ok.ok()) return mentor_ok.status();
  if (!*mentor_ok || mentor == actor.employee_id) {
    return Status::InvalidArgument("not a mentor of this program", "mentor_employee_id");
  }
  auto capacity = programs_.EffectiveMentorCapacity(program_id, mentor);
  if (!capacity.ok()) return capacity.status();
  auto taken = requests_.PlacesTaken(program_id);
  if (!taken.ok()) return taken.status();
  if (taken->contains(mentor) && taken->at(mentor) >= capacity->mentees) {
    return Status::Error(ErrorCode::kConflict, "this mentor has no room left")
        .WithReason("mentor_full");
  }
  const TimePoint now = clock_.Now();
  MatchRequest request;
  request.program = program_id;
  request.mentee = actor.employee_id;
  request.mentor = mentor;
  request.message = message;
  request.created_at = now;
  request.expires_at = now + std::chrono::days(program->request_expiry_days);
  auto created = requests_.CreateRequest(request, now);
  if (!created.ok()) return created.status();
  auto view = View(std::move(created).value());
  if (!view.ok()) return view.status();
  Mail(mentor, view->mentee_name + " asks you to be their mentor",
       view->mentee_name + " would like you as their mentor in \"" + program->name + "\"." +
           (message.empty() ? "" : "\n\n" + message) + "\n\nAnswer within " +
           std::to_string(program->request_expiry_days) + " days:\n" + base_url_ + "/programs/" +
           std::to_string(program_id.value) + "\n",
       "mentor_request");
  return view;
}

Result<std::vector<RequestView>> SelfMatchService::ListRequests(const Actor& actor,
                                                                ProgramId program_id,
                                                                const std::string& box) {
  auto program = SelfMatchProgram(actor, program_id);
  if (!program.ok()) return program.status();
  std::optional<std::string> mentee, mentor;
  if (box == "outgoing") {
    mentee = actor.employee_id;
  } else if (box == "incoming") {
    mentor = actor.employee_id;
  } else if (box == "all") {
    if (!IsProgramCoordinator(*program, actor)) {
      return Status::Forbidden("the program's coordinators see all requests");
    }
  } else {
    return Status::InvalidArgument("box must be outgoing, incoming or all", "box");
  }
  auto found = requests_.ListRequests(program_id, mentee, mentor);
  if (!found.ok()) return found.status();
  std::vector<RequestView> out;
  for (MatchRequest& r : *found) {
    auto view = View(std::move(r));
    if (!view.ok()) return view.status();
    out.push_back(std::move(view).value());
  }
  std::reverse(out.begin(), out.end());  // newest first
  return out;
}

Result<MatchRequest> SelfMatchService::OwnRequest(const Actor& actor, MatchRequestId id,
                                                  bool as_mentor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto request = requests_.FindRequest(id);
  if (!request.ok()) return request.status();
  const std::string& own = as_mentor ? request->mentor : request->mentee;
  if (actor.employee_id.empty() || own != actor.employee_id) {
    // The other party may know the request: Forbidden; anyone else: NotFound.
    const std::string& other = as_mentor ? request->mentee : request->mentor;
    if (!actor.employee_id.empty() && other == actor.employee_id) {
      return Status::Forbidden(as_mentor ? "only the mentor answers a request"
                                         : "only the mentee cancels a request");
    }
    return NoRequest(id);
  }
  return request;
}

Result<RequestView> SelfMatchService::Accept(const Actor& actor, MatchRequestId id,
                                             const std::string& message) {
  auto request = OwnRequest(actor, id, true);
  if (!request.ok()) return request.status();
  if (MoreCharsThan(message, kMaxRequestMessageChars)) {
    return Status::InvalidArgument("A message must be at most 2,000 characters.", "message");
  }
  auto capacity = programs_.EffectiveMentorCapacity(request->program, request->mentor);
  if (!capacity.ok()) return capacity.status();
  auto accepted =
      requests_.Accept(id, capacity->mentees, message, kSelfMatchExplanation, clock_.Now());
  if (!accepted.ok()) return accepted.status();
  auto view = View(std::move(accepted->request));
  if (!view.ok()) return view.status();
  view->relationship = accepted->relationship.id;
  auto program = programs_.FindProgram(view->request.program);
  Mail(view->request.mentee, view->mentor_name + " will be your mentor",
       view->mentor_name + " accepted your request" +
           (program.ok() ? " in \"" + program->name + "\"" : std::string()) + "." +
           (message.empty() ? "" : "\n\n" + message) +
           "\n\nYou will find your mentor on My mentoring:\n" + base_url_ + "/mentoring\n",
       "mentor_request_accepted");
  return view;
}

Result<RequestView> SelfMatchService::Decline(const Actor& actor, MatchRequestId id,
                                              const std::string& message) {
  auto request = OwnRequest(actor, id, true);
  if (!request.ok()) return request.status();
  if (MoreCharsThan(message, kMaxRequestMessageChars)) {
    return Status::InvalidArgument("A message must be at most 2,000 characters.", "message");
  }
  auto closed = requests_.Close(id, RequestStatus::kDeclined, message, clock_.Now());
  if (!closed.ok()) return closed.status();
  auto view = View(std::move(closed).value());
  if (!view.ok()) return view.status();
  Mail(view->request.mentee, view->mentor_name + " cannot be your mentor this time",
       view->mentor_name + " declined your request." + (message.empty() ? "" : "\n\n" + message) +
           "\n\nYou may ask another mentor.\n",
       "mentor_request_declined");
  return view;
}

Result<RequestView> SelfMatchService::Cancel(const Actor& actor, MatchRequestId id) {
  auto request = OwnRequest(actor, id, false);
  if (!request.ok()) return request.status();
  auto closed = requests_.Close(id, RequestStatus::kCancelled, "", clock_.Now());
  if (!closed.ok()) return closed.status();
  return View(std::move(closed).value());
}

}  // namespace pairwise::domain
