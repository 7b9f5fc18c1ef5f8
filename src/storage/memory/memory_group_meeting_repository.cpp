#include "storage/memory/memory_group_meeting_repository.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

namespace pairwise::storage {

using domain::GroupMeeting;

namespace {

// Whether `m` has the person's time: a scheduled meeting they lead or have accepted.
bool Busy(const GroupMeeting& m, std::string_view employee_id) {
  if (m.status != domain::MeetingStatus::kScheduled) return false;
  if (m.mentor == employee_id) return true;
  return std::any_of(m.attendees.begin(), m.attendees.end(), [&](const domain::GroupAttendee& a) {
    return a.employee_id == employee_id && a.response == domain::GroupResponse::kAccepted;
  });
}

bool InvitedOrLeads(const GroupMeeting& m, std::string_view employee_id) {
  if (m.mentor == employee_id) return true;
  return std::any_of(m.attendees.begin(), m.attendees.end(), [&](const domain::GroupAttendee& a) {
    return a.employee_id == employee_id && a.response != domain::GroupResponse::kDeclined;
  });
}

void ByStart(std::vector<GroupMeeting>& list) {
  std::sort(list.begin(), list.end(), [](const GroupMeeting& a, const GroupMeeting& b) {
    return std::pair(a.details.starts_at, a.id.value) < std::pair(b.details.starts_at, b.id.value);
  });
}

}  // namespace

Result<GroupMeeting> MemoryGroupMeetingRepository::Find(domain::GroupMeetingId id) {
  std::lock_guard lock(mutex_);
  auto it = meetings_.find(id.value);
  if (it == meetings_.end()) {
    return Status::NotFound("no group meeting " + std::to_string(id.value));
  }
  return it->second;
}

Result<std::vector<GroupMeeting>> MemoryGroupMeetingRepository::ListForGroup(
    domain::ProgramId program, std::string_view mentor) {
  std::lock_guard lock(mutex_);
  std::vector<GroupMeeting> out;
  for (const auto& [id, m] : meetings_) {
    if (m.program == program && m.mentor == mentor) out.push_back(m);
  }
  std::stable_sort(out.begin(), out.end(), [](const GroupMeeting& a, const GroupMeeting& b) {
    return a.details.starts_at < b.details.starts_at;
  });
  return out;
}

Status MemoryGroupMeetingRepository::Queue(const std::vector<domain::MailMessage>& mails,
                                           TimePoint now) {
  for (const domain::MailMessage& mail : mails) {
    auto added = outbox_.Add(mail, now);
    if (!added.ok()) return added.status();
  }
  return Status::Ok();
}

Status MemoryGroupMeetingRepository::Save(GroupMeeting& meeting,
                                          std::optional<TimePoint> expected_updated_at,
                                          const std::vector<domain::MailMessage>& mails,
                                          TimePoint now) {
  if (pairs_ && meeting.status == domain::MeetingStatus::kScheduled) {
    auto busy =
        pairs_->ListBusy(meeting.mentor, meeting.details.starts_at, meeting.details.ends_at);
    if (!busy.ok()) return busy.status();
    if (!busy->empty()) {
      return Status::Conflict("the time overlaps another meeting of yours", "starts_at")
          .WithReason("overlap");
    }
  }
  std::lock_guard lock(mutex_);
  if (meeting.id.valid()) {
    auto it = meetings_.find(meeting.id.value);
    if (it == meetings_.end()) {
      return Status::NotFound("no group meeting " + std::to_string(meeting.id.value));
    }
    if (expected_updated_at && it->second.updated_at != *expected_updated_at) {
      return Status::Conflict("the meeting changed meanwhile; reload it").WithReason("stale");
    }
  }
  if (meeting.status == domain::MeetingStatus::kScheduled) {
    for (const auto& [id, m] : meetings_) {
      if (id == meeting.id.value || !Busy(m, meeting.mentor)) continue;
      if (m.details.starts_at < meeting.details.ends_at &&
          meeting.details.starts_at < m.details.ends_at) {
        return Status::Conflict("the time overlaps another meeting of your groups", "starts_at")
            .WithReason("overlap");
      }
    }
  }
  for (const auto& [id, m] : meetings_) {
    if (id != meeting.id.value && m.uid == meeting.uid) {
      return Status::Conflict("uid already in use");
    }
  }
  PAIRWISE_RETURN_IF_ERROR(Queue(mails, now));
  if (!meeting.id.valid()) meeting.id = domain::GroupMeetingId(next_id_++);
  meeting.updated_at = now;
  GroupMeeting stored = meeting;
  std::sort(stored.attendees.begin(), stored.attendees.end(),
            [](const domain::GroupAttendee& a, const domain::GroupAttendee& b) {
              return a.employee_id < b.employee_id;
            });
  meetings_[meeting.id.value] = std::move(stored);
  return Status::Ok();
}

Status MemoryGroupMeetingRepository::SetResponse(domain::GroupMeetingId id,
                                                 std::string_view employee_id,
                                                 domain::GroupResponse response,
                                                 const std::vector<domain::MailMessage>& mails,
                                                 TimePoint now) {
  if (response == domain::GroupResponse::kAccepted) {
    // The person's other meetings, pair meetings read before this repository's lock is taken.
    std::optional<GroupMeeting> meeting;
    {
      std::lock_guard lock(mutex_);
      auto it = meetings_.find(id.value);
      if (it != meetings_.end()) meeting = it->second;
    }
    if (meeting && meeting->status == domain::MeetingStatus::kScheduled) {
      bool clash = false;
      if (pairs_) {
        auto busy =
            pairs_->ListBusy(employee_id, meeting->details.starts_at, meeting->details.ends_at);
        if (!busy.ok()) return busy.status();
        clash = !busy->empty();
      }
      std::lock_guard lock(mutex_);
      for (const auto& [other_id, m] : meetings_) {
        if (other_id == id.value || !Busy(m, employee_id)) continue;
        if (m.details.starts_at < meeting->details.ends_at &&
            meeting->details.starts_at < m.details.ends_at) {
          clash = true;
        }
      }
      if (clash) {
        return Status::Conflict("the time overlaps another meeting of yours", "response")
            .WithReason("overlap");
      }
    }
  }
  std::lock_guard lock(mutex_);
  auto it = meetings_.find(id.value);
  domain::GroupAttendee* attendee = nullptr;
  if (it != meetings_.end()) {
    for (auto& a : it->second.attendees) {
      if (a.employee_id == employee_id) attendee = &a;
    }
  }
  if (!attendee) {
    return Status::NotFound("no invitation of " + std::string(employee_id) + " to group meeting " +
                            std::to_string(id.value));
  }
  PAIRWISE_RETURN_IF_ERROR(Queue(mails, now));
  attendee->response = response;
  attendee->responded_at = now;
  return Status::Ok();
}

Status MemoryGroupMeetingRepository::SaveLog(GroupMeeting& meeting, TimePoint expected_updated_at,
                                             std::vector<domain::ActionItem>& items,
                                             TimePoint now) {
  if (!meeting.id.valid()) return Status::NotFound("no group meeting 0");
  // Held or missed: Save checks no overlap, so it reads nothing outside this repository.
  PAIRWISE_RETURN_IF_ERROR(Save(meeting, expected_updated_at, {}, now));
  std::lock_guard lock(mutex_);
  for (domain::ActionItem& item : items) {
    item.id = domain::ActionItemId(next_item_id_++);
    item.group_meeting = meeting.id;
    item.done = false;
    item.done_at.reset();
    items_[item.id.value] = StoredItem{meeting.program, meeting.mentor, item};
  }
  return Status::Ok();
}

Result<std::vector<domain::ActionItem>> MemoryGroupMeetingRepository::ListActionItems(
    domain::ProgramId program, std::string_view mentor) {
  std::lock_guard lock(mutex_);
  std::vector<domain::ActionItem> out;
  for (const auto& entry : items_) {
    const StoredItem& stored = entry.second;
    if (stored.program == program && stored.mentor == mentor) out.push_back(stored.item);
  }
  std::sort(out.begin(), out.end(), [](const domain::ActionItem& a, const domain::ActionItem& b) {
    return std::tuple(a.done, a.due, a.id.value) < std::tuple(b.done, b.due, b.id.value);
  });
  return out;
}

Result<domain::ActionItem> MemoryGroupMeetingRepository::FindActionItem(domain::ActionItemId id) {
  std::lock_guard lock(mutex_);
  auto it = items_.find(id.value);
  if (it == items_.end()) return Status::NotFound("no action item " + std::to_string(id.value));
  return it->second.item;
}

Status MemoryGroupMeetingRepository::SetActionItemDone(domain::ActionItemId id, bool done,
                                                       TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = items_.find(id.value);
  if (it == items_.end()) return Status::NotFound("no action item " + std::to_string(id.value));
  it->second.item.done = done;
  it->second.item.done_at = done ? std::optional<TimePoint>(now) : std::nullopt;
  return Status::Ok();
}

Result<std::vector<GroupMeeting>> MemoryGroupMeetingRepository::ListBusy(
    std::string_view employee_id, TimePoint from, TimePoint to) {
  std::lock_guard lock(mutex_);
  std::vector<GroupMeeting> out;
  for (const auto& [id, m] : meetings_) {
    if (Busy(m, employee_id) && m.details.starts_at < to && from < m.details.ends_at) {
      out.push_back(m);
    }
  }
  ByStart(out);
  return out;
}

Result<std::vector<GroupMeeting>> MemoryGroupMeetingRepository::ListForPerson(
    std::string_view employee_id, TimePoint from) {
  std::lock_guard lock(mutex_);
  std::vector<GroupMeeting> out;
  for (const auto& [id, m] : meetings_) {
    if (InvitedOrLeads(m, employee_id) && m.details.starts_at >= from) out.push_back(m);
  }
  ByStart(out);
  return out;
}

}  // namespace pairwise::storage
