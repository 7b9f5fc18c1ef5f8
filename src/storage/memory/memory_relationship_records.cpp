#include "storage/memory/memory_relationship_records.h"

namespace pairwise::storage {

Result<std::vector<domain::Feedback>> MemoryFeedbackRepository::ListFeedback(
    int64_t relationship_id) {
  std::lock_guard lock(mutex_);
  std::vector<domain::Feedback> out;
  for (const auto& f : feedback_) {
    if (f.relationship_id == relationship_id) out.push_back(f);
  }
  return out;
}

Result<domain::Feedback> MemoryFeedbackRepository::AddFeedback(const domain::Feedback& feedback) {
  std::lock_guard lock(mutex_);
  for (const auto& f : feedback_) {
    if (f.relationship_id == feedback.relationship_id && f.author == feedback.author &&
        f.occasion == feedback.occasion && f.round == feedback.round) {
      return Status::Conflict("You gave this feedback already.").WithReason("already_given");
    }
  }
  domain::Feedback stored = feedback;
  stored.id = next_id_++;
  feedback_.push_back(stored);
  return stored;
}

Result<domain::RatingAverage> MemoryFeedbackRepository::ProgramAverage(domain::ProgramId program,
                                                                       domain::Side from) {
  std::vector<domain::Feedback> all;
  {
    std::lock_guard lock(mutex_);
    all = feedback_;
  }
  domain::RatingAverage out;
  int total = 0;
  for (const auto& f : all) {
    if (f.from != from) continue;
    auto r = relationships_.FindRelationship(domain::RelationshipId(f.relationship_id));
    if (!r.ok() || r->program != program) continue;
    ++out.answers;
    total += f.rating;
  }
  if (out.answers > 0) out.average = static_cast<double>(total) / out.answers;
  return out;
}

Result<std::vector<domain::Introduction>> MemoryIntroductionRepository::ListIntroductions(
    int64_t relationship_id) {
  std::lock_guard lock(mutex_);
  std::vector<domain::Introduction> out;
  for (const auto& i : introductions_) {
    if (i.relationship_id == relationship_id) out.push_back(i);
  }
  return out;
}

Result<domain::Introduction> MemoryIntroductionRepository::AddIntroduction(
    const domain::Introduction& introduction) {
  std::lock_guard lock(mutex_);
  domain::Introduction stored = introduction;
  stored.id = next_id_++;
  introductions_.push_back(stored);
  return stored;
}

Result<std::vector<domain::PairMessage>> MemoryPairMessageRepository::ListPairMessages(
    int64_t relationship_id) {
  std::lock_guard lock(mutex_);
  std::vector<domain::PairMessage> out;
  for (const auto& m : messages_) {
    if (m.relationship_id == relationship_id) out.push_back(m);
  }
  return out;
}

Result<domain::PairMessage> MemoryPairMessageRepository::AddPairMessage(
    const domain::PairMessage& message) {
  std::lock_guard lock(mutex_);
  domain::PairMessage stored = message;
  stored.id = next_id_++;
  messages_.push_back(stored);
  return stored;
}

}  // namespace pairwise::storage
