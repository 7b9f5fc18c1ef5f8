#include "domain/relationships/goal.h"

namespace pairwise::domain {

std::string_view ProgressModeName(ProgressMode mode) {
  return mode == ProgressMode::kManual ? "manual" : "milestones";
}

std::optional<ProgressMode> ParseProgressMode(std::string_view name) {
  if (name == "manual") return ProgressMode::kManual;
  if (name == "milestones") return ProgressMode::kMilestones;
  return std::nullopt;
}

namespace {

bool Blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string DateText(const std::optional<Date>& d) { return d ? FormatDate(*d) : ""; }

}  // namespace

std::vector<std::string> GoalChecks(const Goal& goal) {
  std::vector<std::string> out;
  const GoalFields& f = goal.fields;
  if (Blank(f.measure)) out.push_back("No measure yet: how will you know you are getting there?");
  if (Blank(f.target)) out.push_back("No target yet: what value means done?");
  if (Blank(f.relevance) && f.skill.empty()) out.push_back("No reason yet: why does it matter?");
  if (!f.due_date) out.push_back("No due date yet.");
  if (!goal.achievable_confirmed_at) {
    out.push_back("Your mentor has not yet confirmed it is achievable.");
  }
  return out;
}

int MilestoneProgress(const std::vector<Milestone>& milestones) {
  if (milestones.empty()) return 0;
  int done = 0;
  for (const Milestone& m : milestones) done += m.done_at ? 1 : 0;
  return static_cast<int>(done * 100 / static_cast<int>(milestones.size()));
}

std::vector<GoalEvent> GoalDiff(const Goal& before, const Goal& after, const std::string& by,
                                TimePoint at) {
  std::vector<GoalEvent> out;
  auto add = [&](std::string field, std::string from, std::string to) {
    if (from != to) {
      out.push_back(
          GoalEvent{after.id.value, at, by, std::move(field), std::move(from), std::move(to)});
    }
  };
  const GoalFields &a = before.fields, &b = after.fields;
  add("title", a.title, b.title);
  add("measure", a.measure, b.measure);
  add("target", a.target, b.target);
  add("relevance", a.relevance, b.relevance);
  add("skill", a.skill, b.skill);
  add("due_date", DateText(a.due_date), DateText(b.due_date));
  add("progress_mode", std::string(ProgressModeName(a.progress_mode)),
      std::string(ProgressModeName(b.progress_mode)));
  add("progress", std::to_string(a.progress), std::to_string(b.progress));
  add("achievable", before.achievable_confirmed_at ? "confirmed" : "",
      after.achievable_confirmed_at ? "confirmed" : "");
  add("completed", before.completed_at ? "confirmed" : "", after.completed_at ? "confirmed" : "");
  for (const Milestone& m : after.milestones) {
    const Milestone* old = nullptr;
    for (const Milestone& o : before.milestones) {
      if (o.id.valid() && o.id == m.id) old = &o;
    }
    if (!old) {
      add("milestone:" + m.title, "", "added");
    } else if (old->done_at.has_value() != m.done_at.has_value()) {
      add("milestone:" + m.title, old->done_at ? "done" : "open", m.done_at ? "done" : "open");
    }
  }
  return out;
}

}  // namespace pairwise::domain
