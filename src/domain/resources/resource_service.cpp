#include "domain/resources/resource_service.h"

#include <utility>

#include "domain/access/access_policy.h"

namespace pairwise::domain {

namespace {

Status NoResource(ResourceId id) {
  return Status::NotFound("no resource " + std::to_string(id.value));
}

std::string Target(ResourceId id) { return "resource " + std::to_string(id.value); }

}  // namespace

std::string ResourceService::NameOf(const std::string& employee_id) {
  // A name is a courtesy: someone no longer in the directory is shown by their id.
  auto person = people_.FindPerson(employee_id);
  return person.ok() ? person->first_name + " " + person->last_name : employee_id;
}

ResourceView ResourceService::View(const Actor& actor, Resource resource) {
  ResourceView view;
  view.can_edit = RequireResourceEditor(actor, resource.author).ok();
  view.author_name = NameOf(resource.author);
  view.updated_by_name =
      resource.updated_by == resource.author ? view.author_name : NameOf(resource.updated_by);
  view.resource = std::move(resource);
  return view;
}

bool ResourceService::CanWrite(const Actor& actor) const {
  return RequireResourceAuthor(actor).ok();
}

Result<std::vector<ResourceView>> ResourceService::Search(const Actor& actor,
                                                          const std::string& text,
                                                          const std::optional<std::string>& topic,
                                                          bool drafts) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  if (topic && !FindResourceTopic(*topic)) {
    return Status::InvalidArgument("Choose a topic from the list.", "topic");
  }
  ResourceQuery query;
  query.words = SearchWords(text);
  query.topic = topic;
  if (drafts && CanWrite(actor)) {
    // Admins may change every draft; a coordinator only their own (MayReadResource).
    if (actor.IsAdmin()) {
      query.all_drafts = true;
    } else {
      query.drafts_of = actor.employee_id;
    }
  }
  auto found = resources_.Search(query);
  if (!found.ok()) return found.status();
  std::vector<ResourceView> out;
  out.reserve(found->size());
  for (Resource& r : *found) out.push_back(View(actor, std::move(r)));
  // (Names are looked up per resource; a library holds a few hundred at most, by a few authors.)
  return out;
}

Result<Resource> ResourceService::Readable(const Actor& actor, ResourceId id) {
  PAIRWISE_RETURN_IF_ERROR(RequirePerson(actor));
  auto found = resources_.Find(id);
  if (!found.ok()) return found.status();
  // A draft someone may not read is not there for them.
  if (!MayReadResource(actor, found->author, found->fields.published)) return NoResource(id);
  return found;
}

Result<ResourceView> ResourceService::Get(const Actor& actor, ResourceId id) {
  auto found = Readable(actor, id);
  if (!found.ok()) return found.status();
  return View(actor, std::move(found).value());
}

Result<ResourceView> ResourceService::Create(const Actor& actor, ResourceFields fields) {
  PAIRWISE_RETURN_IF_ERROR(RequireResourceAuthor(actor));
  fields = NormalizedResourceFields(std::move(fields));
  PAIRWISE_RETURN_IF_ERROR(CheckResourceFields(fields));
  Resource resource;
  resource.search_text = ResourceSearchText(fields);
  resource.fields = std::move(fields);
  resource.author = resource.updated_by = actor.employee_id;
  resource.created_at = resource.updated_at = clock_.Now();
  auto created = resources_.Create(resource);
  if (!created.ok()) return created.status();
  RecordAudit(audit_, actor, "resource_created", Target(created->id), created->fields.title);
  return View(actor, std::move(created).value());
}

Result<ResourceView> ResourceService::Update(const Actor& actor, ResourceId id, int version,
                                             ResourceFields fields) {
  auto found = Readable(actor, id);
  if (!found.ok()) return found.status();
  PAIRWISE_RETURN_IF_ERROR(RequireResourceEditor(actor, found->author));
  fields = NormalizedResourceFields(std::move(fields));
  PAIRWISE_RETURN_IF_ERROR(CheckResourceFields(fields));
  Resource resource = std::move(found).value();
  resource.search_text = ResourceSearchText(fields);
  resource.fields = std::move(fields);
  resource.version = version;
  resource.updated_by = actor.employee_id;
  resource.updated_at = clock_.Now();
  auto updated = resources_.Update(resource);
  if (!updated.ok()) return updated.status();
  RecordAudit(audit_, actor, "resource_updated", Target(id), updated->fields.title);
  return View(actor, std::move(updated).value());
}

Status ResourceService::Delete(const Actor& actor, ResourceId id) {
  auto found = Readable(actor, id);
  if (!found.ok()) return found.status();
  PAIRWISE_RETURN_IF_ERROR(RequireResourceEditor(actor, found->author));
  PAIRWISE_RETURN_IF_ERROR(resources_.Delete(id));
  RecordAudit(audit_, actor, "resource_deleted", Target(id), found->fields.title);
  return Status::Ok();
}

}  // namespace pairwise::domain
