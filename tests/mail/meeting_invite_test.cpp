// Meeting invites end to end: MeetingService schedules, changes and cancels a meeting; the
// sender delivers the queued mail to a real SMTP server on loopback (aiosmtpd); an independent
// iCalendar parser (Debian's python3-icalendar, tests/mail/parse_invite.py) reads each
// delivered invite and must find the right METHOD, UID, SEQUENCE and times.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "domain/mail/mail_service.h"
#include "domain/meetings/meeting_service.h"
#include "domain/people/test_util.h"
#include "domain/relationships/agreement.h"
#include "mail/icalendar.h"
#include "mail/smtp_client.h"
#include "smtp_sink.h"
#include "storage/memory/memory_group_meeting_repository.h"
#include "storage/memory/memory_mail_outbox.h"
#include "storage/memory/memory_meeting_repository.h"
#include "storage/memory/memory_people_repository.h"
#include "storage/memory/memory_relationship_repository.h"

namespace pairwise::mail {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::FreePort;
using testing::kPython;
using testing::SmtpSink;

domain::Actor PersonActor(std::string employee_id) {
  domain::Actor a;
  a.account_id = domain::AccountId(1);
  a.employee_id = std::move(employee_id);
  return a;
}

// What parse_invite.py finds in a delivered message.
json Parse(const std::string& data) {
  const fs::path file =
      fs::temp_directory_path() / ("pairwise-invite-" + std::to_string(getpid()) + ".eml");
  {
    std::ofstream out(file, std::ios::binary);
    out << data;
  }
  const std::string command =
      std::string(kPython) + " " + PAIRWISE_PARSE_INVITE + " " + file.string();
  std::string output;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    pclose(pipe);
  }
  fs::remove(file);
  return json::parse(output.empty() ? "{}" : output);
}

class MeetingInviteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kPython)) GTEST_SKIP() << "no " << kPython;
    ASSERT_TRUE(people_.LoadDirectory(domain::testing::SmallDirectory()).ok());
    domain::Relationship r;
    r.mentor = "E1";
    r.mentee = "E2";
    auto made = relationships_.Apply(domain::ProgramId(1), domain::ProposalId(1), {}, "", {r},
                                     clock_.Now());
    ASSERT_TRUE(made.ok());
    relationship_ = made->front().id;
    // Meetings are planned once both sides accepted the agreement (the relationship is active).
    domain::Agreement agreement;
    agreement.relationship_id = relationship_.value;
    agreement.mentor_accepted_at = agreement.mentee_accepted_at = clock_.Now();
    ASSERT_TRUE(relationships_.SaveAgreement(agreement, 0, clock_.Now()).ok());
  }

  // Delivers everything due and returns the messages the sink received since `seen`.
  std::vector<std::string> Deliver(SmtpSink& sink, SmtpTransport& transport, int& seen) {
    auto round = mail_service_.DeliverDue(&transport, "test");
    EXPECT_TRUE(round.ok());
    std::vector<std::string> out;
    for (int i = 0; i < round->sent; ++i) out.push_back(sink.Message(++seen));
    return out;
  }

  domain::MeetingInput At(TimePoint t) {
    domain::MeetingInput in;
    in.starts_at = t;
    in.video_url = "https://meet.example.com/pairwise";
    return in;
  }

  storage::MemoryPeopleRepository people_repository_;
  domain::PeopleService people_{people_repository_};
  storage::MemoryRelationshipRepository relationships_;
  storage::MemoryMailOutbox outbox_;
  storage::MemoryMeetingRepository meetings_{outbox_};
  storage::MemoryGroupMeetingRepository group_meetings_{outbox_};
  ICalendarWriter calendar_;
  SystemClock clock_;
  domain::MailService mail_service_{outbox_, clock_};
  domain::MeetingService service_{meetings_, group_meetings_, relationships_,   people_,
                                  calendar_, clock_,          "https://pw.test"};
  domain::RelationshipId relationship_;
};

TEST_F(MeetingInviteTest, InvitesArriveAndParseWithTheRightUidSequenceAndTimes) {
  const uint16_t port = FreePort();
  SmtpSink sink(port);
  ASSERT_TRUE(sink.ready()) << "aiosmtpd did not start (apt-get install python3-aiosmtpd)";
  SmtpOptions options;
  options.relay = SmtpRelay{"127.0.0.1", port};
  options.from = *ParseMailbox(std::string(kDefaultMailFrom));
  SmtpTransport transport(options, clock_);
  int seen = 0;

  // A time well in the future, on the hour (UTC).
  const TimePoint start = std::chrono::floor<std::chrono::days>(clock_.Now()) +
                          std::chrono::days(10) + std::chrono::hours(15);
  auto proposed = service_.Propose(PersonActor("E2"), relationship_, At(start));
  ASSERT_TRUE(proposed.ok()) << proposed.status().ToString();
  auto notice = Deliver(sink, transport, seen);
  ASSERT_EQ(notice.size(), 1u);
  const json parsed_notice = Parse(notice[0]);
  EXPECT_EQ(parsed_notice["parts"],
            json::array({"multipart/alternative", "text/plain", "text/html"}));
  // The HTML part shows the same words as the text (one source), its links still links.
  EXPECT_EQ(parsed_notice["html_text"].get<std::string>() + "\n", parsed_notice["text"]);
  EXPECT_FALSE(parsed_notice["html_links"].empty());

  auto accepted = service_.Accept(PersonActor("E1"), relationship_, proposed->meeting.id);
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  const std::string uid = accepted->meeting.uid;
  const std::string starts = FormatIso8601(start).substr(0, 19) + "+00:00";
  const std::string ends = FormatIso8601(start + std::chrono::hours(1)).substr(0, 19) + "+00:00";
  auto invites = Deliver(sink, transport, seen);
  ASSERT_EQ(invites.size(), 2u);
  for (const std::string& data : invites) {
    ASSERT_FALSE(data.empty());
    EXPECT_NE(data.find("Content-Type: multipart/alternative"), std::string::npos);
    const json ics = Parse(data);
    EXPECT_EQ(ics["parts"],
              json::array({"multipart/alternative", "text/plain", "text/html", "text/calendar"}));
    EXPECT_EQ(ics["content_method"], "REQUEST");
    EXPECT_EQ(ics["method"], "REQUEST");
    EXPECT_EQ(ics["events"], 1);
    EXPECT_EQ(ics["uid"], uid);
    EXPECT_EQ(ics["sequence"], 0);
    EXPECT_EQ(ics["dtstart"], starts);
    EXPECT_EQ(ics["dtend"], ends);
    EXPECT_EQ(ics["organizer"], "mailto:p.E2@example.com");  // the proposer
    EXPECT_EQ(ics["attendees"],
              json::array({"mailto:p.E1@example.com", "mailto:p.E2@example.com"}));
    EXPECT_EQ(ics["status"], "CONFIRMED");
    EXPECT_EQ(ics["url"], "https://meet.example.com/pairwise");
  }

  // A change: the same UID, SEQUENCE 1, the new times.
  const TimePoint later = start + std::chrono::days(1);
  ASSERT_TRUE(
      service_.Reschedule(PersonActor("E2"), relationship_, proposed->meeting.id, At(later)).ok());
  auto changed = Deliver(sink, transport, seen);
  ASSERT_EQ(changed.size(), 2u);
  for (const std::string& data : changed) {
    const json ics = Parse(data);
    EXPECT_EQ(ics["method"], "REQUEST");
    EXPECT_EQ(ics["uid"], uid);
    EXPECT_EQ(ics["sequence"], 1);
    EXPECT_EQ(ics["dtstart"], FormatIso8601(later).substr(0, 19) + "+00:00");
  }

  // Cancelled: METHOD:CANCEL, SEQUENCE 2, STATUS:CANCELLED.
  ASSERT_TRUE(service_.Cancel(PersonActor("E1"), relationship_, proposed->meeting.id).ok());
  auto cancelled = Deliver(sink, transport, seen);
  ASSERT_EQ(cancelled.size(), 2u);
  for (const std::string& data : cancelled) {
    const json ics = Parse(data);
    EXPECT_EQ(ics["content_method"], "CANCEL");
    EXPECT_EQ(ics["method"], "CANCEL");
    EXPECT_EQ(ics["uid"], uid);
    EXPECT_EQ(ics["sequence"], 2);
    EXPECT_EQ(ics["status"], "CANCELLED");
  }
}

}  // namespace
}  // namespace pairwise::mail
