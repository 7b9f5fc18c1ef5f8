#include "domain/resources/resource.h"

#include <algorithm>

#include "common/text.h"
#include "common/utf8.h"

namespace pairwise::domain {

const std::vector<ResourceTopic>& ResourceTopics() {
  static const std::vector<ResourceTopic> topics = {
      {"first-meeting", "First meeting"},
      {"smart-goals", "Setting SMART goals"},
      {"not-working", "When it isn't working"},
      {"confidentiality", "Confidentiality"},
      {"reverse-mentoring", "Reverse mentoring"},
      {"listening", "Listening and questions"},
      {"ending-well", "Ending well"},
  };
  return topics;
}

std::optional<ResourceTopic> FindResourceTopic(std::string_view key) {
  for (const ResourceTopic& t : ResourceTopics()) {
    if (t.key == key) return t;
  }
  return std::nullopt;
}

namespace {

std::string Trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// Control characters other than tab and line breaks have no place in a title or a guideline.
bool HasControl(std::string_view text, bool allow_breaks) {
  for (unsigned char c : text) {
    if (c == '\n' || c == '\r' || c == '\t') {
      if (!allow_breaks) return true;
      continue;
    }
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

ResourceFields NormalizedResourceFields(ResourceFields fields) {
  fields.title = Trimmed(fields.title);
  fields.body = Trimmed(fields.body);
  return fields;
}

Status CheckResourceFields(const ResourceFields& fields) {
  if (fields.title.empty()) return Status::InvalidArgument("Give it a title.", "title");
  const auto title_length = CountUtf8CodePoints(fields.title);
  if (!title_length || *title_length > kMaxResourceTitleChars || HasControl(fields.title, false)) {
    return Status::InvalidArgument(
        "A title is one line of at most " + std::to_string(kMaxResourceTitleChars) + " characters.",
        "title");
  }
  if (fields.body.empty()) return Status::InvalidArgument("Write the guideline first.", "body");
  const auto body_length = CountUtf8CodePoints(fields.body);
  if (!body_length || *body_length > kMaxResourceBodyChars || HasControl(fields.body, true)) {
    return Status::InvalidArgument(
        "A resource holds at most " + std::to_string(kMaxResourceBodyChars) + " characters.",
        "body");
  }
  if (fields.topics.empty()) {
    return Status::InvalidArgument("Choose at least one topic.", "topics");
  }
  if (fields.topics.size() > kMaxResourceTopics) {
    return Status::InvalidArgument(
        "Choose at most " + std::to_string(kMaxResourceTopics) + " topics.", "topics");
  }
  for (std::size_t i = 0; i < fields.topics.size(); ++i) {
    const std::string field = "topics[" + std::to_string(i) + "]";
    if (!FindResourceTopic(fields.topics[i])) {
      return Status::InvalidArgument("Choose a topic from the list.", field);
    }
    if (std::find(fields.topics.begin(), fields.topics.begin() + static_cast<std::ptrdiff_t>(i),
                  fields.topics[i]) != fields.topics.begin() + static_cast<std::ptrdiff_t>(i)) {
      return Status::InvalidArgument("This topic is chosen twice.", field);
    }
  }
  return Status::Ok();
}

std::string ResourceSearchText(const ResourceFields& fields) {
  std::string text = fields.title;
  for (const std::string& key : fields.topics) {
    if (auto topic = FindResourceTopic(key)) {
      text += "\n";
      text += topic->label;
    }
  }
  text += "\n";
  text += fields.body;
  return AsciiLower(text);
}

std::vector<std::string> SearchWords(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size() && words.size() < kMaxSearchWords) {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
      ++i;
    }
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t' && text[end] != '\n' &&
           text[end] != '\r') {
      ++end;
    }
    if (end > i) {
      std::string word = AsciiLower(text.substr(i, end - i));
      if (std::find(words.begin(), words.end(), word) == words.end()) {
        words.push_back(std::move(word));
      }
    }
    i = end;
  }
  return words;
}

}  // namespace pairwise::domain
