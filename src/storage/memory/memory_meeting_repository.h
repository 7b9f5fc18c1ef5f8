// An in-memory MeetingRepository for domain tests and the contract suite. Same contract as the
// SQL repository (src/storage/meeting_repository_contract_test.cpp).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "domain/mail/mail_outbox.h"
#include "domain/meetings/group_meeting.h"
#include "domain/meetings/meeting.h"

namespace pairwise::storage {

// Thread-safe: one mutex guards everything. Queues mail in `outbox`, which must outlive it.
class MemoryMeetingRepository final : public domain::MeetingRepository {
 public:
  explicit MemoryMeetingRepository(domain::MailOutbox& outbox) : outbox_(outbox) {}

  // The group meetings SaveMeeting's overlap check also reads (as the SQL repository reads the
  // group_meetings table); null: none. Set before use; must outlive this repository. The check
  // reads them before taking this repository's lock, so it is not atomic with the write (a
  // fake's shortcut; the SQL repositories share one lock).
  void SetGroupMeetings(domain::GroupMeetingRepository* groups) { groups_ = groups; }

  Result<std::pair<std::vector<domain::AvailabilityWindow>, std::optional<TimePoint>>>
  GetAvailability(std::string_view employee_id) override;
  Status SetAvailability(std::string_view employee_id,
                         const std::vector<domain::AvailabilityWindow>& windows,
                         TimePoint now) override;
  Result<domain::Meeting> FindMeeting(domain::MeetingId id) override;
  Result<std::vector<domain::Meeting>> ListForRelationship(
      domain::RelationshipId relationship) override;
  Result<std::vector<domain::Meeting>> ListBusy(std::string_view employee_id, TimePoint from,
                                                TimePoint to) override;
  Result<std::vector<domain::Meeting>> ListForPerson(std::string_view employee_id,
                                                     TimePoint from) override;
  Status SaveMeeting(domain::Meeting& meeting, std::optional<TimePoint> expected_updated_at,
                     const std::vector<domain::MailMessage>& mails, TimePoint now) override;
  Status SetFeedToken(std::string_view employee_id, const std::string& token_hash,
                      TimePoint now) override;
  Status DeleteFeedToken(std::string_view employee_id) override;
  Result<std::optional<TimePoint>> FeedCreatedAt(std::string_view employee_id) override;
  Result<std::optional<std::string>> FeedOwner(const std::string& token_hash) override;
  Status SaveLog(domain::Meeting& meeting, TimePoint expected_updated_at,
                 std::vector<domain::ActionItem>& items, TimePoint now) override;
  Result<std::vector<domain::ActionItem>> ListActionItems(
      domain::RelationshipId relationship) override;
  Result<domain::ActionItem> FindActionItem(domain::ActionItemId id) override;
  Status SetActionItemDone(domain::ActionItemId id, bool done, TimePoint now) override;
  Status ImportHistory(domain::MeetingHistory& history, TimePoint now) override;

 private:
  std::mutex mutex_;
  domain::MailOutbox& outbox_;
  domain::GroupMeetingRepository* groups_ = nullptr;
  std::map<std::string, std::pair<std::vector<domain::AvailabilityWindow>, TimePoint>>
      availability_;
  std::map<int64_t, domain::Meeting> meetings_;
  int64_t next_id_ = 1;
  std::map<std::string, std::pair<std::string, TimePoint>> feeds_;
  std::map<int64_t, domain::ActionItem> items_;
  int64_t next_item_ = 1;  // employee -> (hash, made)
};

}  // namespace pairwise::storage
