#include "domain/relationships/feedback_service.h"

#include <algorithm>
#include <map>
#include <utility>

#include "common/utf8.h"
#include "domain/access/access_policy.h"

namespace pairwise::domain {

std::string_view FeedbackOccasionName(FeedbackOccasion occasion) {
  switch (occasion) {
    case FeedbackOccasion::kPulse:
      return "pulse";
    case FeedbackOccasion::kMidpoint:
      return "midpoint";
    case FeedbackOccasion::kEnd:
      return "end";
  }
  return "pulse";
}

std::optional<FeedbackOccasion> ParseFeedbackOccasion(std::string_view name) {
  for (FeedbackOccasion o :
       {FeedbackOccasion::kPulse, FeedbackOccasion::kMidpoint, FeedbackOccasion::kEnd}) {
    if (FeedbackOccasionName(o) == name) return o;
  }
  return std::nullopt;
}

namespace {

std::string FullName(const Person& p) { return p.first_name + " " + p.last_name; }

std::optional<double> AverageIfEnough(const std::vector<Feedback>& all, Side from) {
  int answers = 0, total = 0;
  for (const Feedback& f : all) {
    if (f.from == from) ++answers, total += f.rating;
  }
  if (answers < kMinAnswersForAverage) return std::nullopt;
  return static_cast<double>(total) / answers;
}

}  // namespace

Result<FeedbackView> FeedbackService::List(const Actor& actor, RelationshipId id) {
  auto context = relationships_.Load(actor, id);
  if (!context.ok()) return context.status();
  const RelationshipRelations& rel = context->relations;
  if (!rel.Member() && !rel.Overseer()) {
    return Status::Forbidden("Feedback stays with the pair and the program's coordinators.");
  }
  auto all = feedback_.ListFeedback(id.value);
  if (!all.ok()) return all.status();
  FeedbackView view;
  view.member = rel.Member();
  view.answers = static_cast<int>(all->size());
  if (!view.member) {
    view.from_mentor_average = AverageIfEnough(*all, Side::kMentor);
    view.from_mentee_average = AverageIfEnough(*all, Side::kMentee);
    return view;
  }
  std::map<std::pair<int, int>, FeedbackRound> rounds;
  for (const Feedback& f : *all) {
    FeedbackRound& round = rounds[{static_cast<int>(f.occasion), f.round}];
    round.occasion = f.occasion;
    round.round = f.round;
    if (f.author == actor.employee_id) {
      round.mine = f;
    } else {
      round.theirs = f;
      round.theirs_given = true;
    }
  }
  for (auto& [key, round] : rounds) {
    if (!round.mine) round.theirs.reset();  // seen only once both gave theirs
    view.rounds.push_back(std::move(round));
  }
  return view;
}

Result<FeedbackView> FeedbackService::Give(const Actor& actor, RelationshipId id,
                                           FeedbackOccasion occasion, int rating,
                                           const std::string& comment) {
  auto context = relationships_.Load(actor, id);
  if (!context.ok()) return context.status();
  PAIRWISE_RETURN_IF_ERROR(RequireMember(actor, *context));
  if (context->relationship.status == RelationshipStatus::kPendingAgreement) {
    return Status::Conflict("Both of you accept the agreement first; then the relationship opens.")
        .WithReason("agreement_pending");
  }
  if (rating < kMinRating || rating > kMaxRating) {
    return Status::InvalidArgument("Choose a rating from 1 to 5.", "rating");
  }
  const auto length = CountUtf8CodePoints(comment);
  if (!length || *length > kMaxFeedbackCommentChars) {
    return Status::InvalidArgument(
        "Keep the comment under " + std::to_string(kMaxFeedbackCommentChars) + " characters.",
        "comment");
  }
  auto all = feedback_.ListFeedback(id.value);
  if (!all.ok()) return all.status();
  Feedback f;
  f.relationship_id = id.value;
  f.author = actor.employee_id;
  f.from = context->relations.mentor ? Side::kMentor : Side::kMentee;
  f.occasion = occasion;
  f.round = 1;
  if (occasion == FeedbackOccasion::kPulse) {
    for (const Feedback& g : *all) {
      if (g.author == f.author && g.occasion == occasion) f.round = std::max(f.round, g.round + 1);
    }
  }
  f.rating = rating;
  f.comment = comment;
  f.created_at = clock_.Now();
  auto added = feedback_.AddFeedback(f);
  if (!added.ok()) return added.status();
  if (activity_) activity_->RelationshipChanged(id);
  return List(actor, id);
}

Result<ProgramFeedbackSummary> FeedbackService::ProgramSummary(const Actor& actor, ProgramId id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto program = programs_.FindProgram(id);
  if (!program.ok()) return program.status();
  if (!MaySeeProgram(*program, actor)) {
    return Status::NotFound("no program " + std::to_string(id.value));
  }
  if (!IsProgramCoordinator(*program, actor)) {
    return Status::Forbidden("only the program's coordinators may do this");
  }
  ProgramFeedbackSummary out;
  for (auto [side, into, shown] :
       {std::tuple{Side::kMentor, &out.from_mentors, &out.from_mentors_shown},
        std::tuple{Side::kMentee, &out.from_mentees, &out.from_mentees_shown}}) {
    auto average = feedback_.ProgramAverage(id, side);
    if (!average.ok()) return average.status();
    *into = *average;
    *shown = average->answers >= kMinAnswersForAverage;
    if (!*shown) into->average = 0;
  }
  return out;
}

Result<IntroductionsView> FeedbackService::ListIntroductions(const Actor& actor,
                                                             RelationshipId id) {
  auto context = relationships_.Load(actor, id);
  if (!context.ok()) return context.status();
  const RelationshipRelations& rel = context->relations;
  if (!rel.Member() && !rel.Overseer()) {
    return Status::Forbidden("Introductions stay with the pair.");
  }
  auto list = introductions_.ListIntroductions(id.value);
  if (!list.ok()) return list.status();
  IntroductionsView view;
  view.member = rel.Member();
  view.count = static_cast<int>(list->size());
  if (!view.member) return view;
  for (Introduction& i : *list) {
    IntroductionView v;
    auto person = people_.FindPerson(i.introduced);
    if (person.ok()) {
      v.name = FullName(*person);
      v.job_title = person->job_title;
    } else if (person.status().code() == ErrorCode::kNotFound) {
      v.name = i.introduced;
    } else {
      return person.status();
    }
    v.introduction = std::move(i);
    view.items.push_back(std::move(v));
  }
  return view;
}

Result<IntroductionView> FeedbackService::Introduce(const Actor& actor, RelationshipId id,
                                                    const std::string& employee_id,
                                                    const std::string& why) {
  auto context = relationships_.Load(actor, id);
  if (!context.ok()) return context.status();
  PAIRWISE_RETURN_IF_ERROR(RequireActiveMember(actor, *context));
  if (!context->relations.mentor) {
    return Status::Forbidden("The mentor introduces the mentee to people in their network.");
  }
  const Relationship& r = context->relationship;
  if (employee_id == r.mentor || employee_id == r.mentee) {
    return Status::InvalidArgument("Introduce someone outside the two of you.", "employee_id");
  }
  auto person = people_.FindPerson(employee_id);
  if (!person.ok()) {
    if (person.status().code() != ErrorCode::kNotFound) return person.status();
    return Status::InvalidArgument("Choose someone from the directory.", "employee_id");
  }
  if (person->status == EmploymentStatus::kLeft) {
    return Status::InvalidArgument(FullName(*person) + " has left the organization.",
                                   "employee_id");
  }
  const auto length = CountUtf8CodePoints(why);
  if (!length || why.find_first_not_of(" \t\r\n") == std::string::npos ||
      *length > kMaxIntroductionWhyChars) {
    return Status::InvalidArgument("Say in a sentence or two (up to " +
                                       std::to_string(kMaxIntroductionWhyChars) +
                                       " characters) why they should meet.",
                                   "why");
  }
  Introduction intro;
  intro.relationship_id = id.value;
  intro.introduced = employee_id;
  intro.why = why;
  intro.created_at = clock_.Now();
  auto added = introductions_.AddIntroduction(intro);
  if (!added.ok()) return added.status();
  // All three hear of it; the introduction stands even if a mail cannot be queued.
  auto mentor = people_.FindPerson(r.mentor);
  auto mentee = people_.FindPerson(r.mentee);
  if (mentor.ok() && mentee.ok()) {
    const std::string mentor_name = FullName(*mentor), mentee_name = FullName(*mentee),
                      third = FullName(*person);
    const std::string body_why = "\n\nWhy: " + why + "\n";
    auto send = [&](const Person& to, const std::string& subject, const std::string& text) {
      (void)mail_.Enqueue(MailMessage{to.email, subject, "Hello " + to.first_name + ",\n\n" + text,
                                      "introduction"});
    };
    send(*person, mentor_name + " introduces you to " + mentee_name,
         mentor_name + " would like you to meet " + mentee_name + " (" + mentee->job_title +
             "), whom they mentor." + body_why + "You can reply to " + mentee->email + ".\n");
    send(*mentee, "Meet " + third,
         mentor_name + " introduced you to " + third + " (" + person->job_title + ")." + body_why +
             "Write to " + person->email + ".\n");
    send(*mentor, "Your introduction of " + mentee_name + " to " + third,
         "You introduced " + mentee_name + " to " + third + "." + body_why + base_url_ +
             "/relationships/" + std::to_string(id.value) + "/introductions\n");
  }
  return IntroductionView{std::move(added).value(), FullName(*person), person->job_title};
}

}  // namespace pairwise::domain
