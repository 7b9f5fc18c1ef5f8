#include "domain/relationships/relationship_service.h"

#include <utility>

#include "domain/access/access_policy.h"

namespace pairwise::domain {
namespace {

std::string FullName(const Person& p) { return p.first_name + " " + p.last_name; }

}  // namespace

Result<RelationshipView> RelationshipService::View(Relationship relationship,
                                                   const std::string& role, NameCache& cache) {
  RelationshipView view;
  auto program_name = cache.programs.find(relationship.program.value);
  if (program_name == cache.programs.end()) {
    auto program = programs_.FindProgram(relationship.program);
    if (!program.ok()) return program.status();
    program_name = cache.programs.emplace(relationship.program.value, program->name).first;
  }
  view.program_name = program_name->second;
  for (auto [id, name] : {std::pair{&relationship.mentor, &view.mentor_name},
                          std::pair{&relationship.mentee, &view.mentee_name}}) {
    auto cached = cache.people.find(*id);
    if (cached == cache.people.end()) {
      auto person = people_.FindPerson(*id);
      if (!person.ok() && person.status().code() != ErrorCode::kNotFound) return person.status();
      cached = cache.people.emplace(*id, person.ok() ? FullName(*person) : *id).first;
    }
    *name = cached->second;
  }
  view.role = role;
  view.relationship = std::move(relationship);
  return view;
}

Result<std::vector<RelationshipView>> RelationshipService::ListMine(const Actor& actor) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto list = relationships_.ListForPerson(actor.employee_id);
  if (!list.ok()) return list.status();
  NameCache cache;
  std::vector<RelationshipView> out;
  for (Relationship& r : *list) {
    const std::string role = r.mentor == actor.employee_id ? "mentor" : "mentee";
    auto view = View(std::move(r), role, cache);
    if (!view.ok()) return view.status();
    out.push_back(std::move(view).value());
  }
  return out;
}

Result<std::vector<RelationshipView>> RelationshipService::ListForProgram(const Actor& actor,
                                                                          ProgramId id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto program = programs_.FindProgram(id);
  if (!program.ok()) return program.status();
  if (!MaySeeProgram(*program, actor)) {
    return Status::NotFound("no program " + std::to_string(id.value));
  }
  if (!IsProgramCoordinator(*program, actor)) {
    return Status::Forbidden("only the program's coordinators may do this");
  }
  auto list = relationships_.ListForProgram(id, /*active_only=*/false);
  if (!list.ok()) return list.status();
  NameCache cache;
  std::vector<RelationshipView> out;
  for (Relationship& r : *list) {
    auto view = View(std::move(r), "coordinator", cache);
    if (!view.ok()) return view.status();
    out.push_back(std::move(view).value());
  }
  return out;
}

}  // namespace pairwise::domain
