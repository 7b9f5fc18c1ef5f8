// Mentor resources (issue 21, seed 004: "give mentors guidelines to follow"): a library of
// guidelines that admins and coordinators write in Markdown, tagged by topic, searchable by every
// signed-in person, and linked from the relationship pages where they help (docs/resources.md).
//
// The body is Markdown kept as written; nothing here renders it. The UI renders it with its own
// renderer, which never passes raw HTML through (web/src/components/Markdown.tsx).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"

namespace pairwise::domain {

using ResourceId = Id<struct ResourceTag>;

inline constexpr std::size_t kMaxResourceTitleChars = 120;  // code points
inline constexpr std::size_t kMaxResourceBodyChars = 30000;
inline constexpr std::size_t kMaxResourceTopics = 5;
inline constexpr std::size_t kMaxSearchWords = 8;

// A topic a resource is tagged with. The list is fixed (the relationship pages link to topics by
// key), in the order the library shows them.
struct ResourceTopic {
  std::string_view key;    // "first-meeting"
  std::string_view label;  // "First meeting"
};
// Every topic, in display order.
const std::vector<ResourceTopic>& ResourceTopics();
// The topic with this key, or nullopt.
std::optional<ResourceTopic> FindResourceTopic(std::string_view key);

// What an author writes.
struct ResourceFields {
  std::string title;
  std::string body;                 // Markdown
  std::vector<std::string> topics;  // topic keys, at least one, no repeats
  bool published = false;           // a draft is read only by those who may edit it
};

struct Resource {
  ResourceId id;
  ResourceFields fields;
  std::string author;      // employee id of who created it
  std::string updated_by;  // employee id of who changed it last
  int version = 1;
  TimePoint created_at{};
  TimePoint updated_at{};
  // What search matches: the title, the body and the topics' labels, ASCII-lowered
  // (ResourceSearchText). Kept with the row so both databases search it the same way.
  std::string search_text;
};

// OK for fields an author may save; otherwise InvalidArgument naming the field at fault
// ("title", "body", "topics", "topics[2]") in words for the writer. Title and body are trimmed
// first (the caller stores what `NormalizedResourceFields` returns).
Status CheckResourceFields(const ResourceFields& fields);
ResourceFields NormalizedResourceFields(ResourceFields fields);

// The lowered text search runs over: title, topics' labels and body.
std::string ResourceSearchText(const ResourceFields& fields);

// What a search asks for. Words are ASCII-lowered, each must occur in the resource's search text
// (in any order); `topic` (a key) narrows to resources tagged with it.
struct ResourceQuery {
  std::vector<std::string> words;
  std::optional<std::string> topic;
  // Drafts: none (false), or those of `drafts_of` (an employee id), or every draft when
  // `all_drafts` (admins).
  bool all_drafts = false;
  std::optional<std::string> drafts_of;
};
// The query's words from what someone typed: split at white space, ASCII-lowered, repeats
// dropped, at most kMaxSearchWords (the rest ignored).
std::vector<std::string> SearchWords(std::string_view text);

// Thread-safe. Implementations: storage/resource_repository.cpp and the in-memory one.
class ResourceRepository {
 public:
  virtual ~ResourceRepository() = default;
  // Matching resources, the most recently updated first.
  virtual Result<std::vector<Resource>> Search(const ResourceQuery& query) = 0;
  // NotFound for an unknown resource.
  virtual Result<Resource> Find(ResourceId id) = 0;
  // Stores a new resource (id assigned, version 1).
  virtual Result<Resource> Create(const Resource& resource) = 0;
  // Replaces fields, search text, updated_by and updated_at if the stored version is still
  // `resource.version` (stores version + 1). Conflict "stale_resource" when it moved; NotFound for
  // an unknown resource.
  virtual Result<Resource> Update(const Resource& resource) = 0;
  // NotFound for an unknown resource.
  virtual Status Delete(ResourceId id) = 0;
};

}  // namespace pairwise::domain
