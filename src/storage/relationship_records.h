// SOCI repositories of a relationship's feedback and introductions (migration 0014).
#pragma once

#include <memory>

#include "domain/relationships/feedback.h"
#include "domain/relationships/pair_message.h"
#include "storage/database.h"

namespace pairwise::storage {

std::unique_ptr<domain::FeedbackRepository> MakeFeedbackRepository(Database& db);
std::unique_ptr<domain::IntroductionRepository> MakeIntroductionRepository(Database& db);
// What shadow mentors write to pairs (migration 0027).
std::unique_ptr<domain::PairMessageRepository> MakePairMessageRepository(Database& db);

}  // namespace pairwise::storage
