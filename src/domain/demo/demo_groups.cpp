#include "domain/demo/demo_groups.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "common/crypto.h"
#include "domain/demo/random.h"

namespace pairwise::domain {
namespace {

using std::chrono::days;
using std::chrono::hours;

constexpr int kGroups = 3;
constexpr int kCircle = 3;  // mentees per group
// Leadership Circle (demo_relationships.cpp) pairs the directory's first mentees and mentors;
// the circles take people after those, so that a person is in one demo program.
constexpr std::size_t kSkipMentees = 3 * 160 + 20;
constexpr std::size_t kSkipMentors = 120;

}  // namespace

Result<DemoGroupSummary> LoadDemoGroups(const DemoGroupStores& s, const DemoOptions& options,
                                        const std::string& coordinator,
                                        const std::vector<std::string>& reserved, TimePoint now) {
  DemoGroupSummary summary;
  auto existing = s.programs.ListPrograms();
  if (!existing.ok()) return existing.status();
  for (const Program& p : *existing) {
    if (p.name == kDemoGroupProgramName) return summary;
  }
  demo::Random random(options.seed ^ 0x9e0c'1a55'0000ULL);
  const std::set<std::string> skip(reserved.begin(), reserved.end());
  std::vector<Person> mentors, mentees;
  PeoplePageRequest page{.after_employee_id = "", .limit = kMaxPeoplePageSize};
  while (mentors.size() < kSkipMentors + kGroups ||
         mentees.size() < kSkipMentees + kGroups * kCircle) {
    auto batch = s.people.ListPeople(page);
    if (!batch.ok()) return batch.status();
    if (batch->empty()) break;
    page.after_employee_id = batch->back().employee_id;
    for (Person& p : *batch) {
      if (p.status != EmploymentStatus::kActive || skip.contains(p.employee_id)) continue;
      if (p.level >= 6) {
        mentors.push_back(std::move(p));
      } else if (p.level >= 2 && p.level <= 4) {
        mentees.push_back(std::move(p));
      }
    }
  }
  // A small directory: the circles take the last people read.
  if (mentors.size() < kGroups || mentees.size() < kGroups * kCircle) return summary;
  mentors.erase(mentors.begin(), mentors.end() - kGroups);
  mentees.erase(mentees.begin(), mentees.end() - kGroups * kCircle);

  const TimePoint start = now - days(120);
  const Date today{std::chrono::floor<days>(now)};
  ProgramFields fields;
  fields.name = std::string(kDemoGroupProgramName);
  fields.description =
      "Small circles of peers who meet with one experienced mentor every two weeks.";
  fields.type = ProgramType::kGroup;
  fields.need = ProgramNeed::kLeadership;
  fields.objectives = "Each member brings one real situation to the circle and leaves with a plan.";
  fields.measures = {"Meetings attended", "Goals met"};
  fields.enrollment_opens = Date(std::chrono::sys_days(today) - days(170));
  fields.enrollment_closes = Date(std::chrono::sys_days(today) - days(130));
  fields.start_date = Date(std::chrono::sys_days(today) - days(125));
  fields.end_date = Date(std::chrono::sys_days(today) + days(240));
  fields.relationship_months = 9;
  fields.cadence = MeetingCadence::kBiweekly;
  if (!coordinator.empty()) fields.coordinators = {coordinator};
  fields.mentor_capacity = MentorCapacity{kCircle, 6};
  fields.group = ProgramGroup{2, 4};
  auto program = s.programs.CreateProgram(fields, start - days(50));
  if (!program.ok()) return program.status();
  PAIRWISE_RETURN_IF_ERROR(s.programs.SetProgramStatus(program->id, ProgramStatus::kDraft,
                                                       ProgramStatus::kOpen, start - days(50)));
  PAIRWISE_RETURN_IF_ERROR(s.programs.SetProgramStatus(program->id, ProgramStatus::kOpen,
                                                       ProgramStatus::kClosed, start - days(1)));

  // Matched and published four months ago, as LoadDemoRelationships publishes its pairs.
  Proposal proposal;
  proposal.program = program->id;
  proposal.created_by = coordinator;
  proposal.created_at = start - days(2);
  proposal.phase = "Waiting for a worker";
  auto created = s.proposals.CreateProposal(proposal);
  if (!created.ok()) return created.status();
  const std::string worker = "demo";
  auto claimed = s.proposals.ClaimNext(worker, start - days(2), start + days(1));
  if (!claimed.ok()) return claimed.status();
  if (!*claimed || (*claimed)->id != created->id) {
    return Status::Internal("the demo group proposal was not the one claimed");
  }
  ProposalOutcome outcome;
  PublishPlan plan;
  plan.proposal = created->id;
  plan.program = program->id;
  plan.published_by = coordinator;
  plan.now = start;
  for (int g = 0; g < kGroups; ++g) {
    for (int m = 0; m < kCircle; ++m) {
      const Person& mentor = mentors[static_cast<std::size_t>(g)];
      const Person& mentee = mentees[static_cast<std::size_t>(g * kCircle + m)];
      ProposalPair pair;
      pair.mentor = mentor.employee_id;
      pair.mentee = mentee.employee_id;
      pair.mentor_info = {mentor.first_name + " " + mentor.last_name, mentor.department,
                          mentor.site, mentor.level};
      pair.mentee_info = {mentee.first_name + " " + mentee.last_name, mentee.department,
                          mentee.site, mentee.level};
      pair.score = 600 + static_cast<int64_t>(random.Below(300));
      pair.explanation = "A circle of peers at a similar stage, with a mentor who has led teams.";
      outcome.pairs.push_back(pair);
      Relationship r;
      r.mentor = pair.mentor;
      r.mentee = pair.mentee;
      r.score = static_cast<int>(pair.score);
      r.explanation = pair.explanation;
      r.started_at = start;
      plan.create.push_back(std::move(r));
    }
  }
  outcome.summary.matched = static_cast<int>(outcome.pairs.size());
  PAIRWISE_RETURN_IF_ERROR(s.proposals.Complete(created->id, worker, outcome, start - days(2)));
  auto published = s.proposals.Publish(plan);
  if (!published.ok()) return published.status();

  // Every agreement accepted within the first days.
  for (const Relationship& r : *published) {
    Agreement agreement;
    agreement.relationship_id = r.id.value;
    agreement.terms.confidentiality = "What is said in the circle stays in the circle.";
    agreement.terms.cadence_days = 14;
    agreement.terms.length_months = 9;
    agreement.terms.how_to_end = "Anyone may leave the circle; tell the mentor.";
    const TimePoint accepted = start + days(1 + static_cast<int>(random.Below(4)));
    agreement.mentor_accepted_at = agreement.mentee_accepted_at = accepted;
    auto saved = s.relationships.SaveAgreement(agreement, 0, accepted);
    if (!saved.ok()) return saved.status();
  }

  // Each circle meets every two weeks, at its own hour (UTC) on a weekday.
  for (int g = 0; g < kGroups; ++g) {
    const std::string& mentor = mentors[static_cast<std::size_t>(g)].employee_id;
    TimePoint at = std::chrono::floor<days>(start) + days(8 + g) + hours(9 + 2 * g);
    for (int n = 0; at < now + days(14); ++n, at += days(14)) {
      GroupMeeting m;
      m.program = program->id;
      m.mentor = mentor;
      m.details.mode = n % 3 == 1 ? MeetingMode::kInPerson : MeetingMode::kVirtual;
      m.details.starts_at = at;
      m.details.ends_at = at + std::chrono::minutes(90);
      if (m.details.mode == MeetingMode::kInPerson) {
        m.details.location = "Meeting room 3";
      } else {
        m.details.video_url = "https://meet.example.com/circle-" + std::to_string(g + 1);
      }
      m.details.agenda = n == 0 ? "Introductions; what each of us wants from the circle."
                                : "One situation from each member; what we try before next time.";
      m.uid = crypto::RandomToken(18) + "@pairwise";
      m.created_at = at - days(10);
      const bool future = at > now;
      const bool missed = !future && n % 6 == 5;
      const bool cancelled = !future && n == 3;
      m.status = future      ? MeetingStatus::kScheduled
                 : cancelled ? MeetingStatus::kCancelled
                 : missed    ? MeetingStatus::kMissed
                             : MeetingStatus::kHeld;
      if (cancelled) m.sequence = 1;
      for (int k = 0; k < kCircle; ++k) {
        GroupAttendee a;
        a.employee_id = mentees[static_cast<std::size_t>(g * kCircle + k)].employee_id;
        // Most answer within two days; the next meeting still waits for one answer.
        const bool answered = !future || k != 2;
        if (answered) {
          a.response = random.Below(8) == 0 ? GroupResponse::kDeclined : GroupResponse::kAccepted;
          a.responded_at = m.created_at + days(1 + static_cast<int>(random.Below(2)));
        }
        if (m.status == MeetingStatus::kHeld) {
          a.attended = a.response == GroupResponse::kAccepted && random.Below(10) != 0;
        } else if (m.status == MeetingStatus::kMissed) {
          a.attended = false;
        }
        m.attendees.push_back(std::move(a));
      }
      std::sort(m.attendees.begin(), m.attendees.end(),
                [](const GroupAttendee& a, const GroupAttendee& b) {
                  return a.employee_id < b.employee_id;
                });
      if (m.status == MeetingStatus::kHeld || m.status == MeetingStatus::kMissed) {
        if (m.status == MeetingStatus::kHeld)
          m.log_minutes = 75 + 5 * static_cast<int>(random.Below(4));
        m.log_topics = m.status == MeetingStatus::kHeld
                           ? "Delegation; giving feedback upwards; a member's first team meeting."
                           : "";
        m.logged_by = mentor;
        m.logged_at = m.details.ends_at + hours(2);
      }
      const TimePoint written = m.logged_at.value_or(m.created_at);
      PAIRWISE_RETURN_IF_ERROR(s.meetings.Save(m, std::nullopt, {}, written));
      ++summary.meetings;
      if (m.status == MeetingStatus::kHeld) {
        // What the circle agreed: one member tries something before next time, and every other
        // meeting the mentor brings something; done by the meeting after, the last still open.
        const Date day{std::chrono::floor<days>(at)};
        auto item = [&](const std::string& owner_id, std::string text) {
          ActionItem i;
          i.owner = owner_id == mentor ? "mentor" : "mentee";
          i.owner_id = owner_id;
          i.text = std::move(text);
          i.due = Date{std::chrono::sys_days(day) + days(12)};
          i.created_by = mentor;
          i.created_at = *m.logged_at;
          return i;
        };
        std::vector<ActionItem> items = {
            item(m.attendees[static_cast<std::size_t>(n) % m.attendees.size()].employee_id,
                 "Try one idea from today's discussion and tell the circle how it went")};
        if (n % 2 == 0)
          items.push_back(item(mentor, "Share a reading on the topic with the circle"));
        PAIRWISE_RETURN_IF_ERROR(s.meetings.SaveLog(m, m.updated_at, items, written));
        if (at + days(14) < now) {
          for (const ActionItem& i : items) {
            PAIRWISE_RETURN_IF_ERROR(s.meetings.SetActionItemDone(i.id, true, at + days(11)));
          }
        }
      }
    }
  }
  summary.groups = kGroups;
  summary.mentees = kGroups * kCircle;
  return summary;
}

}  // namespace pairwise::domain
