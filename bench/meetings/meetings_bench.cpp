// Mutual free slots (issue 19's figure): MeetingService::FreeSlots for one pair over the next
// 4 weeks, with both people's availability and 40 other meetings each, on the 100,000-person
// demo directory with 20,000 other meetings in the table. Prints p50 / p95 over 500 calls and
// the ratio of p95 to the 20 ms target, for SQLite and (when PAIRWISE_BENCH_POSTGRES_URL is
// set) PostgreSQL. The relationship itself is read from the in-memory reader (one indexed
// primary-key read in production).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "common/config.h"
#include "domain/demo/demo_organization.h"
#include "domain/meetings/meeting_service.h"
#include "domain/people/people_service.h"
#include "mail/icalendar.h"
#include "storage/database.h"
#include "storage/group_meeting_repository.h"
#include "storage/meeting_repository.h"
#include "storage/memory/memory_relationship_repository.h"

namespace pairwise {
namespace {

constexpr double kTargetMs = 20.0;
constexpr int kPeople = 100'000;

int Run(const std::string& name, const std::string& database_url) {
  auto url = ParseDatabaseUrl(database_url);
  if (!url.ok()) return std::fprintf(stderr, "%s: bad url\n", name.c_str()), 1;
  auto db = storage::Database::Open(*url, 2);
  if (!db.ok() || !(*db)->Migrate().ok()) {
    return std::fprintf(stderr, "%s: cannot open the database\n", name.c_str()), 1;
  }
  auto people_repository = storage::MakePeopleRepository(**db);
  domain::PeopleService people(*people_repository);
  if (*people.CountPeople() == 0) {
    auto loaded = domain::LoadDemoOrganization(people, {kPeople, 42});
    if (!loaded.ok()) return std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str()), 1;
  }
  auto list = people.ListAtOffset(0, 2000);
  if (!list.ok() || list->size() < 2000) return std::fprintf(stderr, "no people\n"), 1;
  std::vector<std::string> ids;
  for (const auto& p : *list) ids.push_back(p.person.employee_id);

  SystemClock clock;
  storage::MemoryRelationshipRepository relationships;
  domain::Relationship r;
  r.mentor = ids[0];
  r.mentee = ids[1];
  auto made =
      relationships.Apply(domain::ProgramId(1), domain::ProposalId(1), {}, "", {r}, clock.Now());
  auto meetings = storage::MakeMeetingRepository(**db);
  auto group_meetings = storage::MakeGroupMeetingRepository(**db);
  mail::ICalendarWriter calendar;
  domain::MeetingService service(*meetings, *group_meetings, relationships, people, calendar, clock,
                                 "");
  std::vector<domain::AvailabilityWindow> mentor, mentee;
  for (int day = 0; day < 5; ++day) {
    mentor.push_back({day, 9 * 60, 12 * 60});
    mentor.push_back({day, 13 * 60, 17 * 60});
    mentee.push_back({day, 8 * 60, 18 * 60});
  }
  (void)meetings->SetAvailability(ids[0], mentor, clock.Now());
  (void)meetings->SetAvailability(ids[1], mentee, clock.Now());

  // Other meetings: 40 each for the pair, 20,000 among the first 2,000 people.
  std::mt19937_64 random(7);
  const TimePoint start =
      std::chrono::floor<std::chrono::hours>(clock.Now()) + std::chrono::hours(1);
  auto add = [&](const std::string& a, const std::string& b) {
    domain::Meeting m;
    m.relationship = domain::RelationshipId(1000 + static_cast<int64_t>(random() % 100000));
    m.mentor = a;
    m.mentee = b;
    m.status = domain::MeetingStatus::kScheduled;
    m.starts_at = start + std::chrono::minutes(30 * static_cast<int64_t>(random() % (28 * 48)));
    m.ends_at = m.starts_at + std::chrono::minutes(60);
    m.proposed_by = a;
    m.organizer = a;
    m.uid = std::to_string(random()) + "@bench";
    m.created_at = clock.Now();
    (void)meetings->SaveMeeting(m, std::nullopt, {}, clock.Now());  // overlaps are skipped
  };
  for (int i = 0; i < 40; ++i) {
    add(ids[0], ids[2 + random() % 1998]);
    add(ids[2 + random() % 1998], ids[1]);
  }
  for (int i = 0; i < 20'000; ++i) add(ids[2 + random() % 1998], ids[2 + random() % 1998]);

  domain::Actor actor;
  actor.account_id = domain::AccountId(1);
  actor.employee_id = ids[1];
  std::vector<double> ms;
  std::size_t slots = 0;
  for (int i = 0; i < 520; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    auto found = service.FreeSlots(actor, made->front().id, 60, 20);
    const auto t1 = std::chrono::steady_clock::now();
    if (!found.ok()) return std::fprintf(stderr, "%s\n", found.status().ToString().c_str()), 1;
    slots = found->size();
    if (i >= 20) ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  const double p50 = ms[ms.size() / 2], p95 = ms[ms.size() * 95 / 100];
  std::printf(
      "free slots (%s, %d people, %zu slots): p50 %.2f ms, p95 %.2f ms (%.2f of the %.0f ms "
      "target)\n",
      name.c_str(), kPeople, slots, p50, p95, p95 / kTargetMs, kTargetMs);
  return 0;
}

}  // namespace
}  // namespace pairwise

int main() {
  spdlog::set_level(spdlog::level::warn);
  const auto dir = std::filesystem::temp_directory_path() /
                   ("pairwise-meetings-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  int rc = pairwise::Run("sqlite", "sqlite:" + (dir / "bench.db").string());
  std::filesystem::remove_all(dir);
  if (const char* pg = std::getenv("PAIRWISE_BENCH_POSTGRES_URL"); pg && *pg) {
    rc |= pairwise::Run("postgresql", pg);
  }
  return rc;
}
