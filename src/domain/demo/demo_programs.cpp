#include "domain/demo/demo_programs.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/demo/random.h"

namespace pairwise::domain {
namespace {

constexpr int kMentorLevel = 5;        // mentors: level 5 and up
constexpr int kMenteeMaxLevel = 4;     // mentees: levels 1..4
constexpr uint64_t kMenteeShare = 36;  // per 100 of the juniors (about 20% of everyone)
constexpr uint64_t kMentorShare = 30;  // per 100 of the seniors (about 6% of everyone)

std::vector<Question> MenteeQuestions() {
  Question goals{
      "goals", QuestionType::kLongText, "What do you want to get out of mentoring?", "", false, {}};
  Question skills{"skills_to_grow",
                  QuestionType::kSkills,
                  "Skills you want to grow",
                  "Pick up to five from the skills list.",
                  false,
                  {}};
  Question ranked{"preferred_mentors",
                  QuestionType::kRankedMentors,
                  "Mentors you would like, most wanted first",
                  "Optional: up to three approved mentors.",
                  false,
                  {}};
  return {goals, skills, ranked};
}

std::vector<Question> MentorQuestions() {
  Question skills{
      "skills_offered", QuestionType::kSkills, "Skills you can help with", "", false, {}};
  Question why{"why", QuestionType::kLongText, "Why do you want to mentor?", "", false, {}};
  return {skills, why};
}

}  // namespace

Result<DemoProgramSummary> LoadDemoProgram(
    PeopleService& people, ProfileRepository& profiles, ProgramRepository& programs,
    ApplicationRepository& applications, const DemoOptions& options, const std::string& coordinator,
    const std::string& participant, const std::string& manager, TimePoint now) {
  auto existing = programs.ListPrograms();
  if (!existing.ok()) return existing.status();
  for (const Program& p : *existing) {
    if (p.name == kDemoProgramName) return DemoProgramSummary{p.id, 0, 0};
  }
  ProgramFields fields;
  fields.name = std::string(kDemoProgramName);
  fields.description =
      "A year-long one-on-one program pairing people with a senior mentor from another "
      "department, to widen their view of the organization and grow the skills they choose.";
  fields.type = ProgramType::kOneOnOne;
  fields.need = ProgramNeed::kCareerDevelopment;
  fields.objectives = "Every mentee meets their mentor monthly and works on two chosen skills.";
  fields.measures = {"Mentee satisfaction", "Skills progress", "Retention after 12 months"};
  const auto as_of = std::chrono::sys_days(options.as_of);
  fields.enrollment_opens = Date(as_of - std::chrono::days(30));
  fields.enrollment_closes = Date(as_of + std::chrono::days(60));
  fields.start_date = Date(as_of + std::chrono::days(61));
  fields.end_date = Date(as_of + std::chrono::days(61 + 365));
  fields.relationship_months = 12;
  fields.cadence = MeetingCadence::kMonthly;
  if (!coordinator.empty()) fields.coordinators = {coordinator};
  fields.mentor_capacity = MentorCapacity{4, 4};
  fields.mentee_eligibility.max_level = kMenteeMaxLevel;
  fields.mentor_eligibility.min_level = kMentorLevel;
  fields.max_ranked_choices = 3;
  auto program = programs.CreateProgram(fields, now);
  if (!program.ok()) return program.status();
  PAIRWISE_RETURN_IF_ERROR(
      programs.SetProgramStatus(program->id, ProgramStatus::kDraft, ProgramStatus::kOpen, now));
  auto mentee_form = applications.SaveForm(program->id, Side::kMentee, MenteeQuestions());
  if (!mentee_form.ok()) return mentee_form.status();
  auto mentor_form = applications.SaveForm(program->id, Side::kMentor, MentorQuestions());
  if (!mentor_form.ok()) return mentor_form.status();

  // Everyone current, in employee id order (deterministic).
  std::vector<Person> current;
  PeoplePageRequest page;
  page.limit = kMaxPeoplePageSize;
  for (;;) {
    auto batch = people.ListPeople(page);
    if (!batch.ok()) return batch.status();
    if (batch->empty()) break;
    page.after_employee_id = batch->back().employee_id;
    for (Person& p : *batch) {
      if (p.status == EmploymentStatus::kActive) current.push_back(std::move(p));
    }
    if (batch->size() < static_cast<size_t>(page.limit)) break;
  }
  demo::Random random(options.seed ^ 0x5eed'1a7e'0000'0007ull);
  std::vector<std::string> mentees, mentors;
  for (const Person& p : current) {
    const uint64_t roll = random.Below(100);
    const bool forced_mentee = p.employee_id == participant;
    const bool forced_mentor = p.employee_id == manager;
    if (forced_mentee || (!forced_mentor && p.level <= kMenteeMaxLevel && roll < kMenteeShare)) {
      mentees.push_back(p.employee_id);
    } else if (forced_mentor ||
               (p.level >= kMentorLevel && roll < kMentorShare && p.employee_id != coordinator)) {
      mentors.push_back(p.employee_id);
    }
  }
  std::vector<std::string> everyone = mentees;
  everyone.insert(everyone.end(), mentors.begin(), mentors.end());
  std::sort(everyone.begin(), everyone.end());
  auto saved = profiles.ListProfiles(everyone);
  if (!saved.ok()) return saved.status();
  std::map<std::string, const Profile*> profile_of;
  for (const Profile& p : *saved) profile_of[p.employee_id] = &p;

  std::vector<Application> batch;
  batch.reserve(everyone.size());
  for (const std::string& id : mentees) {
    Application a;
    a.program = program->id;
    a.side = Side::kMentee;
    a.employee_id = id;
    a.status = ApplicationStatus::kSubmitted;
    a.form_version = mentee_form->version;
    if (auto it = profile_of.find(id); it != profile_of.end()) {
      std::vector<std::string> wants;
      for (const SkillLevel& s : it->second->wants) {
        if (wants.size() < 3) wants.push_back(s.skill);
      }
      if (!wants.empty()) a.answers["skills_to_grow"] = wants;
    }
    // About three in ten rank a few mentors.
    if (!mentors.empty() && random.Below(10) < 3) {
      std::set<std::string> ranked;
      const uint64_t wanted = 1 + random.Below(3);
      std::vector<std::string> list;
      for (uint64_t i = 0; i < wanted; ++i) {
        const std::string& m = mentors[random.Below(mentors.size())];
        if (ranked.insert(m).second) list.push_back(m);
      }
      a.answers["preferred_mentors"] = list;
    }
    batch.push_back(std::move(a));
  }
  for (const std::string& id : mentors) {
    Application a;
    a.program = program->id;
    a.side = Side::kMentor;
    a.employee_id = id;
    a.status = ApplicationStatus::kSubmitted;
    a.form_version = mentor_form->version;
    batch.push_back(std::move(a));
  }
  auto created = applications.CreateApplications(batch, now);
  if (!created.ok()) return created.status();
  std::vector<ApplicationId> ids;
  ids.reserve(created->size());
  for (const Application& a : *created) ids.push_back(a.id);
  PAIRWISE_RETURN_IF_ERROR(applications.Decide(program->id, ids, {ApplicationStatus::kSubmitted},
                                               ApplicationStatus::kApproved,
                                               "Welcome to the program.", now));
  return DemoProgramSummary{program->id, static_cast<int>(mentees.size()),
                            static_cast<int>(mentors.size())};
}

}  // namespace pairwise::domain
