// An in-memory GroupMeetingRepository for domain tests and the contract suite. Same contract as
// the SQL repository (src/storage/group_meeting_repository_contract_test.cpp).
#pragma once

#include <map>
#include <mutex>

#include "domain/mail/mail_outbox.h"
#include "domain/meetings/group_meeting.h"

namespace pairwise::storage {

// Thread-safe: one mutex guards everything. Queues mail in `outbox`, which must outlive it.
class MemoryGroupMeetingRepository final : public domain::GroupMeetingRepository {
 public:
  explicit MemoryGroupMeetingRepository(domain::MailOutbox& outbox) : outbox_(outbox) {}

  // The pair meetings Save's overlap check also reads (as the SQL repository reads the meetings
  // table); null: none. Set before use; must outlive this repository. Read before this
  // repository's lock is taken (see MemoryMeetingRepository::SetGroupMeetings).
  void SetMeetings(domain::MeetingRepository* meetings) { pairs_ = meetings; }

  Result<domain::GroupMeeting> Find(domain::GroupMeetingId id) override;
  Result<std::vector<domain::GroupMeeting>> ListForGroup(domain::ProgramId program,
                                                         std::string_view mentor) override;
  Status Save(domain::GroupMeeting& meeting, std::optional<TimePoint> expected_updated_at,
              const std::vector<domain::MailMessage>& mails, TimePoint now) override;
  Status SetResponse(domain::GroupMeetingId id, std::string_view employee_id,
                     domain::GroupResponse response, const std::vector<domain::MailMessage>& mails,
                     TimePoint now) override;
  Status SaveLog(domain::GroupMeeting& meeting, TimePoint expected_updated_at,
                 std::vector<domain::ActionItem>& items, TimePoint now) override;
  Result<std::vector<domain::ActionItem>> ListActionItems(domain::ProgramId program,
                                                          std::string_view mentor) override;
  Result<domain::ActionItem> FindActionItem(domain::ActionItemId id) override;
  Status SetActionItemDone(domain::ActionItemId id, bool done, TimePoint now) override;
  Result<std::vector<domain::GroupMeeting>> ListBusy(std::string_view employee_id, TimePoint from,
                                                     TimePoint to) override;
  Result<std::vector<domain::GroupMeeting>> ListForPerson(std::string_view employee_id,
                                                          TimePoint from) override;

 private:
  Status Queue(const std::vector<domain::MailMessage>& mails, TimePoint now);

  std::mutex mutex_;
  domain::MailOutbox& outbox_;
  domain::MeetingRepository* pairs_ = nullptr;
  std::map<int64_t, domain::GroupMeeting> meetings_;
  int64_t next_id_ = 1;
  // Action items by id, with the group (program, mentor) each belongs to.
  struct StoredItem {
    domain::ProgramId program;
    std::string mentor;
    domain::ActionItem item;
  };
  std::map<int64_t, StoredItem> items_;
  int64_t next_item_id_ = 1;
};

}  // namespace pairwise::storage
