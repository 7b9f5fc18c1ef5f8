#include "storage/memory/memory_meeting_repository.h"

#include <algorithm>

namespace pairwise::storage {
namespace {

using domain::Meeting;
using domain::MeetingStatus;

bool IsLive(MeetingStatus s) {
  return s == MeetingStatus::kProposed || s == MeetingStatus::kScheduled;
}

bool Involves(const Meeting& m, std::string_view employee_id) {
  return m.mentor == employee_id || m.mentee == employee_id;
}

void ByStart(std::vector<Meeting>& list) {
  std::sort(list.begin(), list.end(), [](const Meeting& a, const Meeting& b) {
    return a.starts_at != b.starts_at ? a.starts_at < b.starts_at : a.id < b.id;
  });
}

}  // namespace

Result<std::pair<std::vector<domain::AvailabilityWindow>, std::optional<TimePoint>>>
MemoryMeetingRepository::GetAvailability(std::string_view employee_id) {
  std::lock_guard lock(mutex_);
  auto it = availability_.find(std::string(employee_id));
  if (it == availability_.end()) {
    return std::pair<std::vector<domain::AvailabilityWindow>, std::optional<TimePoint>>{};
  }
  return std::pair<std::vector<domain::AvailabilityWindow>, std::optional<TimePoint>>{
      it->second.first, it->second.second};
}

Status MemoryMeetingRepository::SetAvailability(
    std::string_view employee_id, const std::vector<domain::AvailabilityWindow>& windows,
    TimePoint now) {
  std::lock_guard lock(mutex_);
  auto sorted = windows;
  std::sort(sorted.begin(), sorted.end());
  availability_[std::string(employee_id)] = {std::move(sorted), now};
  return Status::Ok();
}

Result<Meeting> MemoryMeetingRepository::FindMeeting(domain::MeetingId id) {
  std::lock_guard lock(mutex_);
  auto it = meetings_.find(id.value);
  if (it == meetings_.end()) return Status::NotFound("no meeting " + std::to_string(id.value));
  return it->second;
}

Result<std::vector<Meeting>> MemoryMeetingRepository::ListForRelationship(
    domain::RelationshipId relationship) {
  std::lock_guard lock(mutex_);
  std::vector<Meeting> out;
  for (const auto& [id, m] : meetings_) {
    if (m.relationship == relationship) out.push_back(m);
  }
  ByStart(out);
  return out;
}

Result<std::vector<Meeting>> MemoryMeetingRepository::ListBusy(std::string_view employee_id,
                                                               TimePoint from, TimePoint to) {
  std::lock_guard lock(mutex_);
  std::vector<Meeting> out;
  for (const auto& [id, m] : meetings_) {
    if (Involves(m, employee_id) && IsLive(m.status) && m.starts_at < to && from < m.ends_at) {
      out.push_back(m);
    }
  }
  ByStart(out);
  return out;
}

Result<std::vector<Meeting>> MemoryMeetingRepository::ListForPerson(std::string_view employee_id,
                                                                    TimePoint from) {
  std::lock_guard lock(mutex_);
  std::vector<Meeting> out;
  for (const auto& [id, m] : meetings_) {
    if (Involves(m, employee_id) && m.starts_at >= from) out.push_back(m);
  }
  ByStart(out);
  return out;
}

Status MemoryMeetingRepository::SaveMeeting(Meeting& meeting,
                                            std::optional<TimePoint> expected_updated_at,
                                            const std::vector<domain::MailMessage>& mails,
                                            TimePoint now) {
  if (groups_ && IsLive(meeting.status)) {
    // The group repository takes its own lock: asked before this one is taken.
    for (const std::string* person : {&meeting.mentor, &meeting.mentee}) {
      auto busy = groups_->ListBusy(*person, meeting.starts_at, meeting.ends_at);
      if (!busy.ok()) return busy.status();
      if (!busy->empty()) {
        return Status::Conflict("starts_at overlaps another meeting", "starts_at")
            .WithReason("overlap");
      }
    }
  }
  std::lock_guard lock(mutex_);
  if (meeting.id.valid()) {
    auto it = meetings_.find(meeting.id.value);
    if (it == meetings_.end()) {
      return Status::NotFound("no meeting " + std::to_string(meeting.id.value));
    }
    if (expected_updated_at && it->second.updated_at != *expected_updated_at) {
      return Status::Conflict("the meeting changed meanwhile; reload it").WithReason("stale");
    }
  }
  if (IsLive(meeting.status)) {
    for (const auto& [id, m] : meetings_) {
      if (id == meeting.id.value || !IsLive(m.status)) continue;
      const bool shares = Involves(m, meeting.mentor) || Involves(m, meeting.mentee);
      if (shares && m.starts_at < meeting.ends_at && meeting.starts_at < m.ends_at) {
        return Status::Conflict("starts_at overlaps another meeting", "starts_at")
            .WithReason("overlap");
      }
    }
  }
  for (const domain::MailMessage& mail : mails) {
    auto added = outbox_.Add(mail, now);
    if (!added.ok()) return added.status();
  }
  if (!meeting.id.valid()) meeting.id = domain::MeetingId(next_id_++);
  meeting.updated_at = now;
  meetings_[meeting.id.value] = meeting;
  return Status::Ok();
}

Status MemoryMeetingRepository::SetFeedToken(std::string_view employee_id,
                                             const std::string& token_hash, TimePoint now) {
  std::lock_guard lock(mutex_);
  for (const auto& [owner, feed] : feeds_) {
    if (feed.first == token_hash && owner != employee_id) {
      return Status::Conflict("token already in use");
    }
  }
  feeds_[std::string(employee_id)] = {token_hash, now};
  return Status::Ok();
}

Status MemoryMeetingRepository::DeleteFeedToken(std::string_view employee_id) {
  std::lock_guard lock(mutex_);
  feeds_.erase(std::string(employee_id));
  return Status::Ok();
}

Result<std::optional<TimePoint>> MemoryMeetingRepository::FeedCreatedAt(
    std::string_view employee_id) {
  std::lock_guard lock(mutex_);
  auto it = feeds_.find(std::string(employee_id));
  if (it == feeds_.end()) return std::optional<TimePoint>();
  return std::optional<TimePoint>(it->second.second);
}

Result<std::optional<std::string>> MemoryMeetingRepository::FeedOwner(
    const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  for (const auto& [owner, feed] : feeds_) {
    if (feed.first == token_hash) return std::optional<std::string>(owner);
  }
  return std::optional<std::string>();
}

Status MemoryMeetingRepository::SaveLog(Meeting& meeting, TimePoint expected_updated_at,
                                        std::vector<domain::ActionItem>& items, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = meetings_.find(meeting.id.value);
  if (it == meetings_.end()) {
    return Status::NotFound("no meeting " + std::to_string(meeting.id.value));
  }
  if (it->second.updated_at != expected_updated_at) {
    return Status::Conflict("the meeting changed meanwhile; reload it").WithReason("stale");
  }
  meeting.updated_at = now;
  it->second = meeting;
  for (domain::ActionItem& item : items) {
    item.id = domain::ActionItemId(next_item_++);
    items_[item.id.value] = item;
  }
  return Status::Ok();
}

Result<std::vector<domain::ActionItem>> MemoryMeetingRepository::ListActionItems(
    domain::RelationshipId relationship) {
  std::lock_guard lock(mutex_);
  std::vector<domain::ActionItem> out;
  for (const auto& [id, item] : items_) {
    if (item.relationship == relationship) out.push_back(item);
  }
  std::sort(out.begin(), out.end(), [](const domain::ActionItem& a, const domain::ActionItem& b) {
    if (a.done != b.done) return !a.done;
    if (a.due != b.due) return a.due < b.due;
    return a.id < b.id;
  });
  return out;
}

Result<domain::ActionItem> MemoryMeetingRepository::FindActionItem(domain::ActionItemId id) {
  std::lock_guard lock(mutex_);
  auto it = items_.find(id.value);
  if (it == items_.end()) return Status::NotFound("no action item " + std::to_string(id.value));
  return it->second;
}

Status MemoryMeetingRepository::SetActionItemDone(domain::ActionItemId id, bool done,
                                                  TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = items_.find(id.value);
  if (it == items_.end()) return Status::NotFound("no action item " + std::to_string(id.value));
  it->second.done = done;
  it->second.done_at = done ? std::optional<TimePoint>(now) : std::nullopt;
  return Status::Ok();
}

Status MemoryMeetingRepository::ImportHistory(domain::MeetingHistory& history, TimePoint now) {
  std::lock_guard lock(mutex_);
  for (const auto& [person, windows] : history.availability) {
    auto sorted = windows;
    std::sort(sorted.begin(), sorted.end());
    availability_[person] = {std::move(sorted), now};
  }
  for (domain::MeetingHistory::Entry& entry : history.meetings) {
    entry.meeting.id = domain::MeetingId(next_id_++);
    meetings_[entry.meeting.id.value] = entry.meeting;
    for (domain::ActionItem& item : entry.items) {
      item.relationship = entry.meeting.relationship;
      item.meeting = entry.meeting.id;
      item.id = domain::ActionItemId(next_item_++);
      items_[item.id.value] = item;
    }
  }
  return Status::Ok();
}

}  // namespace pairwise::storage
