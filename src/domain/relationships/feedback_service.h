// Feedback and introductions with their access rules. The pair gives and reads feedback (the
// other side's once both gave theirs in a round); the program's coordinators, shadow mentors and
// admins see averages only over at least kMinAnswersForAverage answers, never comments. The
// mentor introduces the mentee to someone in the directory; all three get a mail; the pair sees
// the list, overseers its length.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/mail/mail_queue.h"
#include "domain/people/people_service.h"
#include "domain/relationships/activity.h"
#include "domain/relationships/feedback.h"
#include "domain/relationships/relationship_service.h"

namespace pairwise::domain {

// One round as a member sees it.
struct FeedbackRound {
  FeedbackOccasion occasion = FeedbackOccasion::kPulse;
  int round = 1;
  std::optional<Feedback> mine;
  std::optional<Feedback> theirs;  // set only once both gave theirs
  bool theirs_given = false;       // the other side gave theirs (whether shown or not)
};

struct FeedbackView {
  bool member = false;
  std::vector<FeedbackRound> rounds;  // members: every round, oldest first
  int answers = 0;
  // Overseers: each side's average when it has at least kMinAnswersForAverage answers.
  std::optional<double> from_mentor_average;
  std::optional<double> from_mentee_average;
};

struct ProgramFeedbackSummary {
  RatingAverage from_mentors;  // average 0 and shown as absent under the threshold
  RatingAverage from_mentees;
  bool from_mentors_shown = false;
  bool from_mentees_shown = false;
};

struct IntroductionView {
  Introduction introduction;
  std::string name;  // the introduced person's
  std::string job_title;
};

struct IntroductionsView {
  bool member = false;
  int count = 0;
  std::vector<IntroductionView> items;  // members only
};

// Thread-safe as far as its dependencies are.
class FeedbackService {
 public:
  // Told after each write that changes what the relationship's health reads; may be null.
  // Set once at start-up (before serving); must outlive the service.
  void SetActivityObserver(RelationshipActivityObserver* observer) { activity_ = observer; }

  FeedbackService(FeedbackRepository& feedback, IntroductionRepository& introductions,
                  RelationshipService& relationships, ProgramReader& programs,
                  PeopleService& people, MailQueue& mail, const Clock& clock, std::string base_url)
      : feedback_(feedback),
        introductions_(introductions),
        relationships_(relationships),
        programs_(programs),
        people_(people),
        mail_(mail),
        clock_(clock),
        base_url_(std::move(base_url)) {}

  // Members: the rounds; overseers: averages over enough answers. Forbidden for managers.
  Result<FeedbackView> List(const Actor& actor, RelationshipId relationship);
  // A member gives feedback for `occasion` (a pulse: their next one). InvalidArgument "rating"
  // outside 1..5, "comment" over kMaxFeedbackCommentChars; Conflict "already_given" for a
  // midpoint or end given already; Conflict "agreement_pending" before the agreement.
  Result<FeedbackView> Give(const Actor& actor, RelationshipId relationship,
                            FeedbackOccasion occasion, int rating, const std::string& comment);
  // The program's coordinators: averages by side over the whole program.
  Result<ProgramFeedbackSummary> ProgramSummary(const Actor& actor, ProgramId program);

  Result<IntroductionsView> ListIntroductions(const Actor& actor, RelationshipId relationship);
  // The mentor introduces the mentee to `employee_id` with a short why (1..500 characters):
  // InvalidArgument "employee_id" for someone unknown, who left, or in the pair; "why".
  Result<IntroductionView> Introduce(const Actor& actor, RelationshipId relationship,
                                     const std::string& employee_id, const std::string& why);

 private:
  FeedbackRepository& feedback_;
  IntroductionRepository& introductions_;
  RelationshipService& relationships_;
  ProgramReader& programs_;
  PeopleService& people_;
  MailQueue& mail_;
  const Clock& clock_;
  std::string base_url_;
  RelationshipActivityObserver* activity_ = nullptr;
};

}  // namespace pairwise::domain
