// In-memory FeedbackRepository and IntroductionRepository for domain tests and the contract
// suite (src/storage/relationship_records_contract_test.cpp). The program of a relationship
// comes from the MemoryRelationshipRepository given.
#pragma once

#include <mutex>
#include <vector>

#include "domain/relationships/feedback.h"
#include "domain/relationships/pair_message.h"
#include "domain/relationships/relationship.h"

namespace pairwise::storage {

// Thread-safe: one mutex guards everything.
class MemoryFeedbackRepository final : public domain::FeedbackRepository {
 public:
  // `relationships` must outlive this repository.
  explicit MemoryFeedbackRepository(domain::RelationshipReader& relationships)
      : relationships_(relationships) {}
  Result<std::vector<domain::Feedback>> ListFeedback(int64_t relationship_id) override;
  Result<domain::Feedback> AddFeedback(const domain::Feedback& feedback) override;
  Result<domain::RatingAverage> ProgramAverage(domain::ProgramId program,
                                               domain::Side from) override;

 private:
  domain::RelationshipReader& relationships_;
  std::mutex mutex_;
  int64_t next_id_ = 1;
  std::vector<domain::Feedback> feedback_;
};

class MemoryIntroductionRepository final : public domain::IntroductionRepository {
 public:
  Result<std::vector<domain::Introduction>> ListIntroductions(int64_t relationship_id) override;
  Result<domain::Introduction> AddIntroduction(const domain::Introduction& introduction) override;

 private:
  std::mutex mutex_;
  int64_t next_id_ = 1;
  std::vector<domain::Introduction> introductions_;
};

class MemoryPairMessageRepository final : public domain::PairMessageRepository {
 public:
  Result<std::vector<domain::PairMessage>> ListPairMessages(int64_t relationship_id) override;
  Result<domain::PairMessage> AddPairMessage(const domain::PairMessage& message) override;

 private:
  std::mutex mutex_;
  int64_t next_id_ = 1;
  std::vector<domain::PairMessage> messages_;
};

}  // namespace pairwise::storage
