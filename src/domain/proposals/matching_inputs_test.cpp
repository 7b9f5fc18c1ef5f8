#include "domain/proposals/matching_inputs.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "matching/engine.h"

namespace pairwise::domain {
namespace {

Person MakePerson(const std::string& id, const std::string& manager, int level,
                  const std::string& department, const std::string& zone = "Europe/London") {
  Person p;
  p.employee_id = id;
  p.first_name = "First" + id;
  p.last_name = "Last";
  p.manager_employee_id = manager;
  p.level = level;
  p.department = department;
  p.site = "LON";
  p.time_zone = zone;
  p.languages = {"en"};
  return p;
}

MatchingInputs Inputs() {
  MatchingInputs in;
  in.program.id = ProgramId(1);
  in.program.type = ProgramType::kOneOnOne;
  in.program.mentor_capacity = MentorCapacity{3, 4};
  in.now = std::chrono::sys_days(std::chrono::year(2026) / 1 / 15);
  for (const Person& p :
       {MakePerson("CEO", "", 10, "EXEC"), MakePerson("M1", "CEO", 7, "ENG"),
        MakePerson("M2", "CEO", 6, "FIN", "America/New_York"), MakePerson("E1", "M1", 2, "ENG"),
        MakePerson("E2", "M2", 3, "FIN"), MakePerson("E3", "M2", 1, "FIN")}) {
    in.people.emplace(p.employee_id, p);
  }
  in.mentors = {"M1", "M2"};
  in.mentees = {"E1", "E2", "E3"};
  return in;
}

TEST(MatchingInputs, ParticipantsManagersCapacitiesAndOffsets) {
  MatchingInputs in = Inputs();
  in.capacity_overrides["M2"] = MentorCapacity{1, 2};
  BuiltInstance built = BuildInstance(in);
  const matching::Instance& instance = built.instance;
  ASSERT_EQ(instance.mentors.size(), 2u);
  ASSERT_EQ(instance.mentees.size(), 3u);
  EXPECT_EQ(instance.mentors[0].capacity, 3);
  EXPECT_EQ(instance.mentors[1].capacity, 1);  // the mentor's own, lower capacity
  EXPECT_EQ(instance.mentors[1].person.utc_offset_minutes, -300);
  EXPECT_EQ(instance.mentees[0].person.manager, "M1");
  ASSERT_EQ(instance.people.size(), 1u);  // the CEO, above everyone
  EXPECT_EQ(instance.people[0].id, "CEO");
  EXPECT_TRUE(built.warnings.empty());
  // The instance is valid for the engine.
  EXPECT_TRUE(matching::Engine::Create(instance).ok());
}

TEST(MatchingInputs, SkillsFromProfilesAndMappedQuestionsAndRankedMentors) {
  MatchingInputs in = Inputs();
  in.settings.mentee_skills_question = "grow";
  in.settings.ranked_mentors_question = "ranked";
  in.settings.mentor_skills_question = "offer";
  Profile e1;
  e1.employee_id = "E1";
  e1.wants = {{"negotiation", 4}};
  e1.languages = {"pt"};
  e1.availability_hours_per_month = 6;
  in.profiles.emplace("E1", e1);
  in.mentee_answers["E1"] = {{"grow", {"negotiation", "sql"}},
                             {"ranked", {"M2", "NOBODY", "M2", "M1"}}};
  in.mentor_answers["M1"] = {{"offer", {"sql"}}};
  BuiltInstance built = BuildInstance(in);
  const matching::Mentee& mentee = built.instance.mentees[0];
  ASSERT_EQ(mentee.skills.size(), 2u);
  EXPECT_EQ(mentee.skills[0].skill, "negotiation");
  EXPECT_EQ(mentee.skills[0].level, 4);  // the profile's level wins
  EXPECT_EQ(mentee.skills[1].skill, "sql");
  EXPECT_EQ(mentee.skills[1].level, 3);
  EXPECT_EQ(mentee.ranked_mentors, (std::vector<std::string>{"M2", "M1"}));
  EXPECT_EQ(mentee.person.languages, (std::vector<std::string>{"en", "pt"}));
  EXPECT_EQ(mentee.person.availability_hours, 6);
  ASSERT_EQ(built.instance.mentors[0].skills.size(), 1u);
  EXPECT_EQ(built.instance.mentors[0].skills[0].skill, "sql");
}

TEST(MatchingInputs, BothSidesStaleConstraintsAndPreviousPairs) {
  MatchingInputs in = Inputs();
  in.mentees.push_back("M2");  // approved on both sides: a mentee only
  in.constraints = {
      PairConstraint{in.program.id, "E1", "M2", ConstraintKind::kPin, "C", {}},
      PairConstraint{in.program.id, "E2", "M1", ConstraintKind::kForbid, "C", {}},
      PairConstraint{in.program.id, "GONE", "M1", ConstraintKind::kPin, "C", {}},
  };
  in.previous_pairs = {{"E3", "M1"}, {"E9", "M1"}};
  BuiltInstance built = BuildInstance(in);
  EXPECT_EQ(built.instance.mentors.size(), 1u);
  EXPECT_EQ(built.instance.mentees.size(), 4u);
  // The pin names M2, who is a mentee now: not applied, like the one naming someone gone.
  EXPECT_TRUE(built.instance.pinned.empty());
  ASSERT_EQ(built.instance.forbidden.size(), 1u);
  ASSERT_EQ(built.instance.previous_pairs.size(), 1u);
  EXPECT_EQ(built.instance.previous_pairs[0].mentee, "E3");
  EXPECT_EQ(built.warnings.size(), 2u);
  EXPECT_TRUE(matching::Engine::Create(built.instance).ok());
}

TEST(MatchingInputs, GroupProgramsTakeTheGroupRule) {
  MatchingInputs in = Inputs();
  in.program.type = ProgramType::kGroup;
  in.program.group = ProgramGroup{2, 5};
  BuiltInstance built = BuildInstance(in);
  ASSERT_TRUE(built.instance.rules.groups.has_value());
  EXPECT_EQ(built.instance.rules.groups->min_size, 2);
  EXPECT_EQ(built.instance.mentors[0].capacity, 5);
}

TEST(MatchSettings, DefaultsPerProgramTypeAndChecks) {
  Program program;
  program.type = ProgramType::kReverse;
  ApplicationForm mentee_form, mentor_form;
  mentee_form.questions = {Question{"grow", QuestionType::kSkills, "Grow", "", false, {}},
                           Question{"pick", QuestionType::kRankedMentors, "Pick", "", false, {}}};
  MatchSettings reverse = DefaultMatchSettings(program, mentee_form, mentor_form);
  EXPECT_TRUE(reverse.reverse_mentoring);
  EXPECT_EQ(reverse.mentee_skills_question, "grow");
  EXPECT_EQ(reverse.ranked_mentors_question, "pick");
  EXPECT_TRUE(reverse.mentor_skills_question.empty());
  EXPECT_TRUE(EngineRules(reverse, program).reverse_mentoring);

  program.type = ProgramType::kVirtual;
  MatchSettings virtual_settings = DefaultMatchSettings(program, mentee_form, mentor_form);
  EXPECT_EQ(virtual_settings.min_timezone_overlap_hours, 2);
  EXPECT_TRUE(CheckMatchSettings(virtual_settings, program, mentee_form, mentor_form, false).ok());

  MatchSettings bad = virtual_settings;
  bad.weights[0] = 1001;
  EXPECT_EQ(CheckMatchSettings(bad, program, mentee_form, mentor_form, false).field(),
            "weights.skills");
  bad = virtual_settings;
  bad.credentialed_only = true;
  EXPECT_EQ(CheckMatchSettings(bad, program, mentee_form, mentor_form, false).field(),
            "credentialed_only");
  bad = virtual_settings;
  bad.ranked_mentors_question = "grow";  // a skills question
  EXPECT_EQ(CheckMatchSettings(bad, program, mentee_form, mentor_form, false).field(),
            "ranked_mentors_question");
  bad = virtual_settings;
  bad.mentor_skills_question = "nope";
  EXPECT_EQ(CheckMatchSettings(bad, program, mentee_form, mentor_form, false).field(),
            "mentor_skills_question");
  program.type = ProgramType::kGroup;
  bad = virtual_settings;
  bad.objective = matching::Objective::kFairness;
  EXPECT_EQ(CheckMatchSettings(bad, program, mentee_form, mentor_form, false).field(), "objective");
}

}  // namespace
}  // namespace pairwise::domain
