// The mentor resources library with its access rules (access_policy.h, docs/resources.md):
// every signed-in person reads and searches published resources; coordinators write new ones
// and change or delete their own; admins change or delete any. Drafts are read only by who may
// change them. API tokens are refused (Forbidden). Writes are recorded in the audit log.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/access/actor.h"
#include "domain/access/audit_log.h"
#include "domain/people/people_service.h"
#include "domain/resources/resource.h"

namespace pairwise::domain {

// A resource as a reader sees it, with what the reader may do with it.
struct ResourceView {
  Resource resource;
  std::string author_name;      // the directory's name; the employee id for someone not there
  std::string updated_by_name;  // likewise
  bool can_edit = false;
};

// Thread-safe as far as its dependencies are.
class ResourceService {
 public:
  ResourceService(ResourceRepository& resources, PeopleService& people, AuditLog& audit,
                  const Clock& clock)
      : resources_(resources), people_(people), audit_(audit), clock_(clock) {}

  // Resources the actor may read matching `text` (every word in the title, topics or body,
  // ASCII case ignored) and `topic` (a key; InvalidArgument "topic" for an unknown one), the most
  // recently updated first. With `drafts` true, an author's own drafts (all drafts for an admin)
  // are listed too.
  Result<std::vector<ResourceView>> Search(const Actor& actor, const std::string& text,
                                           const std::optional<std::string>& topic, bool drafts);
  // NotFound for an unknown resource and for a draft the actor may not read.
  Result<ResourceView> Get(const Actor& actor, ResourceId id);
  // Whether the actor may write new resources (the UI shows the editor).
  bool CanWrite(const Actor& actor) const;

  // InvalidArgument naming the field (CheckResourceFields); Forbidden for participants.
  Result<ResourceView> Create(const Actor& actor, ResourceFields fields);
  // Changes the resource as of `version`: Conflict "stale_resource" when someone saved meanwhile;
  // Forbidden for a coordinator who did not write it; NotFound as Get.
  Result<ResourceView> Update(const Actor& actor, ResourceId id, int version,
                              ResourceFields fields);
  // As Update for who may.
  Status Delete(const Actor& actor, ResourceId id);

 private:
  Result<Resource> Readable(const Actor& actor, ResourceId id);
  ResourceView View(const Actor& actor, Resource resource);
  std::string NameOf(const std::string& employee_id);

  ResourceRepository& resources_;
  PeopleService& people_;
  AuditLog& audit_;
  const Clock& clock_;
};

}  // namespace pairwise::domain
