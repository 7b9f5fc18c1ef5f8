// The application's outbox end to end: enqueued mail goes through the outbox table and the
// sender thread to a real aiosmtpd, or is held when no relay is configured; bad settings are
// refused at startup.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "app/application.h"
#include "domain/people/people_service.h"
#include "domain/people/test_util.h"
#include "smtp_sink.h"

namespace pairwise::mail {
namespace {

namespace fs = std::filesystem;

class AppMailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pairwise-appmail-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto app = app::Application::Open("sqlite:" + (dir_ / "test.db").string(), 2);
    ASSERT_TRUE(app.ok()) << app.status().ToString();
    app_ = std::move(app).value();
  }
  void TearDown() override {
    app_.reset();
    fs::remove_all(dir_);
  }

  domain::MailStatus WaitWhileQueued(domain::MailId id) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    domain::Actor admin;
    admin.roles = {domain::Role::kAdmin};
    while (true) {
      auto page = app_->mail().List(admin, std::nullopt, 10);
      if (!page.ok()) {
        ADD_FAILURE() << page.status().ToString();
        return domain::MailStatus::kQueued;
      }
      for (const auto& mail : page->items) {
        if (mail.id == id && mail.status != domain::MailStatus::kQueued) return mail.status;
      }
      if (std::chrono::steady_clock::now() > deadline) return domain::MailStatus::kQueued;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  fs::path dir_;
  std::unique_ptr<app::Application> app_;
};

TEST_F(AppMailTest, QueuedMailReachesTheRelay) {
  const uint16_t port = testing::FreePort();
  testing::SmtpSink sink(port);
  ASSERT_TRUE(sink.ready());
  app::ServeOptions options;
  options.smtp_url = "smtp://127.0.0.1:" + std::to_string(port);
  options.mail_from = "Mentoring Team <mentoring@example.org>";
  auto smtp = app::SmtpSettings(options);
  ASSERT_TRUE(smtp.ok()) << smtp.status().ToString();
  ASSERT_TRUE(smtp->has_value());
  app_->StartMailSender(*smtp);
  ASSERT_TRUE(app_->mail_queue()
                  .Enqueue({"ada@example.com", "You are invited", "Welcome!\n", "invitation"})
                  .ok());
  EXPECT_EQ(WaitWhileQueued(domain::MailId(1)), domain::MailStatus::kSent);
  const std::string data = sink.Message(1);
  EXPECT_NE(data.find("From: \"Mentoring Team\" <mentoring@example.org>\r\n"), std::string::npos)
      << data;
  EXPECT_NE(data.find("Subject: You are invited\r\n"), std::string::npos);
  EXPECT_EQ(sink.Envelope(1), "mentoring@example.org\nada@example.com\n");
  app_->StopMailSender();
}

// Invitations in bulk (issue 18) are written with their mails in one transaction; the sender
// then delivers each to the relay, with its own link.
TEST_F(AppMailTest, BulkInvitationsReachTheRelay) {
  ASSERT_TRUE(app_->people().LoadDirectory(domain::testing::SmallDirectory()).ok());
  ASSERT_TRUE(app_->accounts().CreateActiveAccount("E1", "a long enough password", {}).ok());
  auto admin_account = app_->account_repository().FindAccountByEmployeeId("E1");
  ASSERT_TRUE(admin_account.ok() && admin_account->has_value());
  domain::Actor admin;
  admin.roles = {domain::Role::kAdmin};
  admin.account_id = (**admin_account).id;
  admin.employee_id = "E1";
  const uint16_t port = testing::FreePort();
  testing::SmtpSink sink(port);
  ASSERT_TRUE(sink.ready());
  app::ServeOptions options;
  options.smtp_url = "smtp://127.0.0.1:" + std::to_string(port);
  auto smtp = app::SmtpSettings(options);
  ASSERT_TRUE(smtp.ok()) << smtp.status().ToString();
  app_->StartMailSender(*smtp);
  auto bulk = app_->accounts().InviteMany(admin, {"E2", "E3", "E4"}, {});
  ASSERT_TRUE(bulk.ok()) << bulk.status().ToString();
  ASSERT_EQ(bulk->entries.size(), 3u);
  EXPECT_EQ(bulk->entries[2].outcome, domain::InvitationOutcome::kLeft);  // E4 has left
  std::set<std::string> recipients;
  for (int n = 1; n <= 2; ++n) {
    const std::string data = sink.Message(n);
    ASSERT_FALSE(data.empty()) << "message " << n << " did not arrive";
    EXPECT_NE(data.find("Subject: You are invited to Pairwise\r\n"), std::string::npos) << data;
    EXPECT_NE(data.find("/redeem/"), std::string::npos) << data;
    recipients.insert(sink.Envelope(n).substr(sink.Envelope(n).find('\n') + 1));
  }
  EXPECT_EQ(recipients, (std::set<std::string>{"p.E2@example.com\n", "p.E3@example.com\n"}));
  app_->StopMailSender();
  EXPECT_EQ(sink.Count(), 2);
}

TEST_F(AppMailTest, WithoutRelayMailIsHeld) {
  app::ServeOptions options;
  auto smtp = app::SmtpSettings(options);
  ASSERT_TRUE(smtp.ok());
  EXPECT_FALSE(smtp->has_value());
  app_->StartMailSender(std::nullopt);
  ASSERT_TRUE(app_->mail_queue().Enqueue({"ada@example.com", "Hi", "Text\n", "invitation"}).ok());
  EXPECT_EQ(WaitWhileQueued(domain::MailId(1)), domain::MailStatus::kHeld);
  app_->StopMailSender();
}

TEST_F(AppMailTest, MailHeldWithoutARelayIsSentWhenOneIsConfigured) {
  app_->StartMailSender(std::nullopt);
  ASSERT_TRUE(app_->mail_queue().Enqueue({"ada@example.com", "Hi", "Text\n", "invitation"}).ok());
  ASSERT_EQ(WaitWhileQueued(domain::MailId(1)), domain::MailStatus::kHeld);
  app_->StopMailSender();
  // The server restarts with a relay: the held message goes out.
  const uint16_t port = testing::FreePort();
  testing::SmtpSink sink(port);
  ASSERT_TRUE(sink.ready());
  app::ServeOptions options;
  options.smtp_url = "smtp://127.0.0.1:" + std::to_string(port);
  auto smtp = app::SmtpSettings(options);
  ASSERT_TRUE(smtp.ok()) << smtp.status().ToString();
  app_->StartMailSender(*smtp);
  EXPECT_EQ(WaitWhileQueued(domain::MailId(1)), domain::MailStatus::kSent);
  EXPECT_NE(sink.Message(1).find("Subject: Hi\r\n"), std::string::npos);
  app_->StopMailSender();
}

TEST_F(AppMailTest, ThePasswordCanComeFromAFile) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("pairwise-smtp-password-" + std::to_string(getpid()));
  std::ofstream(file) << "s3cret:with@signs\r\nignored second line\n";
  app::ServeOptions options;
  options.smtp_url = "smtps://apikey@smtp.example.com";
  options.smtp_password_file = file.string();
  auto smtp = app::SmtpSettings(options);
  ASSERT_TRUE(smtp.ok()) << smtp.status().ToString();
  EXPECT_EQ((*smtp)->relay.user, "apikey");
  EXPECT_EQ((*smtp)->relay.password, "s3cret:with@signs");
  // A password file without a user to sign in as, or one that cannot be read, is refused.
  options.smtp_url = "smtp://smtp.example.com:587";
  EXPECT_EQ(app::SmtpSettings(options).status().field(), "smtp");
  options.smtp_url = "smtp://apikey@smtp.example.com:587";
  options.smtp_password_file = file.string() + ".missing";
  EXPECT_EQ(app::SmtpSettings(options).status().field(), "smtp");
  std::filesystem::remove(file);
}

TEST_F(AppMailTest, BadSettingsAreRefused) {
  app::ServeOptions options;
  options.smtp_url = "localhost:25";
  EXPECT_EQ(app::SmtpSettings(options).status().field(), "smtp");
  options.smtp_url = "smtp://localhost:25";
  options.mail_from = "Pairwise <not-an-address>";
  EXPECT_EQ(app::SmtpSettings(options).status().field(), "mail_from");
}

TEST_F(AppMailTest, EnqueueRefusesHeaderInjection) {
  Status s = app_->mail_queue().Enqueue(
      {"ada@example.com", "Hi\r\nBcc: all@example.com", "Text\n", "invitation"});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  s = app_->mail_queue().Enqueue(
      {"ada@example.com>\r\nRCPT TO:<x@example.com", "Hi", "Text\n", "invitation"});
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace pairwise::mail
