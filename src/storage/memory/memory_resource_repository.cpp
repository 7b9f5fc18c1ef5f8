#include "storage/memory/memory_resource_repository.h"

#include <algorithm>

namespace pairwise::storage {

namespace {

Status NoResource(domain::ResourceId id) {
  return Status::NotFound("no resource " + std::to_string(id.value));
}

bool Matches(const domain::Resource& r, const domain::ResourceQuery& q) {
  if (!r.fields.published) {
    const bool own = q.drafts_of && *q.drafts_of == r.author;
    if (!q.all_drafts && !own) return false;
  }
  if (q.topic && std::find(r.fields.topics.begin(), r.fields.topics.end(), *q.topic) ==
                     r.fields.topics.end()) {
    return false;
  }
  for (const std::string& word : q.words) {
    if (r.search_text.find(word) == std::string::npos) return false;
  }
  return true;
}

}  // namespace

Result<std::vector<domain::Resource>> MemoryResourceRepository::Search(
    const domain::ResourceQuery& query) {
  std::lock_guard lock(mutex_);
  std::vector<domain::Resource> out;
  for (const auto& [id, r] : resources_) {
    if (Matches(r, query)) out.push_back(r);
  }
  std::sort(out.begin(), out.end(), [](const domain::Resource& a, const domain::Resource& b) {
    if (a.updated_at != b.updated_at) return a.updated_at > b.updated_at;
    return a.id.value > b.id.value;
  });
  return out;
}

Result<domain::Resource> MemoryResourceRepository::Find(domain::ResourceId id) {
  std::lock_guard lock(mutex_);
  auto it = resources_.find(id.value);
  if (it == resources_.end()) return NoResource(id);
  return it->second;
}

Result<domain::Resource> MemoryResourceRepository::Create(const domain::Resource& resource) {
  std::lock_guard lock(mutex_);
  domain::Resource stored = resource;
  stored.id = domain::ResourceId(next_id_++);
  stored.version = 1;
  resources_[stored.id.value] = stored;
  return stored;
}

Result<domain::Resource> MemoryResourceRepository::Update(const domain::Resource& resource) {
  std::lock_guard lock(mutex_);
  auto it = resources_.find(resource.id.value);
  if (it == resources_.end()) return NoResource(resource.id);
  domain::Resource& stored = it->second;
  if (stored.version != resource.version) {
    return Status::Conflict("Someone saved this resource meanwhile; read it again.")
        .WithReason("stale_resource");
  }
  stored.fields = resource.fields;
  stored.search_text = resource.search_text;
  stored.updated_by = resource.updated_by;
  stored.updated_at = resource.updated_at;
  stored.version += 1;
  return stored;
}

Status MemoryResourceRepository::Delete(domain::ResourceId id) {
  std::lock_guard lock(mutex_);
  if (resources_.erase(id.value) != 1) return NoResource(id);
  return Status::Ok();
}

}  // namespace pairwise::storage
