// SurveyRepository over SOCI. Exactly-once is the database's: one invitation per (survey,
// relationship, person, round) by a unique key, inserted with ON CONFLICT DO NOTHING in the
// transaction that queues its mail; answering flips `answered` from 0 to 1 in the transaction
// that stores the answers, so a link works once even under races.
#include "storage/survey_repository.h"

#include <soci/soci.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "common/crypto.h"
#include "domain/people/person.h"
#include "storage/bulk_copy.h"
#include "storage/fetch_all.h"
#include "storage/form_rows.h"
#include "storage/mail_outbox_rows.h"

namespace pairwise::storage {
namespace {

using domain::Survey;
using domain::SurveyInvitation;

long long Us(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint FromUs(long long us) { return TimePoint(std::chrono::microseconds(us)); }

// A program's date ("2026-11-02"), at midnight UTC.
TimePoint Midnight(const std::string& date) {
  const std::optional<domain::Date> parsed = domain::ParseDate(date);
  if (!parsed) throw soci::soci_error("unknown stored program date");
  return TimePoint(std::chrono::sys_days(*parsed));
}

// The column of a result dimension (domain::IsResultDimension); nullptr for anything else.
const char* GroupColumn(const std::string& by) {
  if (by == "side") return "side";
  if (by == "department") return "department";
  if (by == "site") return "site";
  if (by == "level") return "level_band";
  return nullptr;
}

template <typename E>
E Stored(std::optional<E> value, const char* what) {
  if (!value) throw soci::soci_error(std::string("unknown stored survey ") + what);
  return *value;
}

constexpr const char* kSurveyColumns =
    "SELECT s.id, s.program_id, s.title, s.intro, s.kind, s.privacy, s.audience, s.anchor, "
    "s.days, s.open_days, s.reminder_days, s.min_group, s.active, s.version, s.created_at_us, "
    "v.questions FROM surveys s JOIN survey_versions v ON v.survey_id = s.id AND v.version = "
    "s.version ";

struct SurveyRow {
  long long id = 0, program = 0, created = 0;
  std::string title, intro, kind, privacy, audience, anchor, questions;
  int days = 0, open_days = 0, reminder_days = 0, min_group = 0, active = 0, version = 0;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(program));
    st.exchange(soci::into(title));
    st.exchange(soci::into(intro));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(privacy));
    st.exchange(soci::into(audience));
    st.exchange(soci::into(anchor));
    st.exchange(soci::into(days));
    st.exchange(soci::into(open_days));
    st.exchange(soci::into(reminder_days));
    st.exchange(soci::into(min_group));
    st.exchange(soci::into(active));
    st.exchange(soci::into(version));
    st.exchange(soci::into(created));
    st.exchange(soci::into(questions));
  }
  Survey Get() const {
    Survey s;
    s.id = domain::SurveyId(id);
    s.program = domain::ProgramId(program);
    s.title = title;
    s.intro = intro;
    s.kind = Stored(domain::ParseSurveyKind(kind), "kind");
    s.privacy = Stored(domain::ParseSurveyPrivacy(privacy), "privacy");
    s.audience = Stored(domain::ParseSurveyAudience(audience), "audience");
    s.schedule = {Stored(domain::ParseSurveyAnchor(anchor), "anchor"), days, open_days,
                  reminder_days};
    s.min_group = min_group;
    s.active = active != 0;
    s.version = version;
    s.created_at = FromUs(created);
    s.questions = ParseQuestions(questions);
    return s;
  }
};

std::vector<Survey> QuerySurveys(soci::session& session, const std::string& where, long long key) {
  std::vector<Survey> out;
  SurveyRow row;
  soci::statement st(session);
  row.Bind(st);
  st.exchange(soci::use(key));
  PrepareOnce(st, kSurveyColumns + where + " ORDER BY s.id");
  for (bool more = st.execute(true); more; more = st.fetch()) out.push_back(row.Get());
  return out;
}

constexpr const char* kInvitationColumns =
    "SELECT id, survey_id, relationship_id, employee_id, side, department, site, level_band, "
    "round, sent_at_us, closes_at_us, reminded_at_us, answered FROM survey_invitations ";

struct InvitationRow {
  long long id = 0, survey = 0, relationship = 0, sent = 0, closes = 0, reminded = 0;
  std::string employee, side, department, site, level_band;
  int round = 0, answered = 0;
  soci::indicator reminded_ind = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(survey));
    st.exchange(soci::into(relationship));
    st.exchange(soci::into(employee));
    st.exchange(soci::into(side));
    st.exchange(soci::into(department));
    st.exchange(soci::into(site));
    st.exchange(soci::into(level_band));
    st.exchange(soci::into(round));
    st.exchange(soci::into(sent));
    st.exchange(soci::into(closes));
    st.exchange(soci::into(reminded, reminded_ind));
    st.exchange(soci::into(answered));
  }
  SurveyInvitation Get() const {
    SurveyInvitation i;
    i.id = id;
    i.survey = domain::SurveyId(survey);
    i.relationship = domain::RelationshipId(relationship);
    i.employee_id = employee;
    i.side = Stored(domain::ParseSide(side), "side");
    i.department = department;
    i.site = site;
    i.level_band = level_band;
    i.round = round;
    i.sent_at = FromUs(sent);
    i.closes_at = FromUs(closes);
    if (reminded_ind == soci::i_ok) i.reminded_at = FromUs(reminded);
    i.answered = answered != 0;
    return i;
  }
};

template <typename Key>
std::vector<SurveyInvitation> QueryInvitations(soci::session& session, const std::string& where,
                                               const Key& key) {
  std::vector<SurveyInvitation> out;
  InvitationRow row;
  soci::statement st(session);
  row.Bind(st);
  st.exchange(soci::use(key));
  PrepareOnce(st, kInvitationColumns + where);
  for (bool more = st.execute(true); more; more = st.fetch()) out.push_back(row.Get());
  return out;
}

class SqlSurveyRepository final : public domain::SurveyRepository {
 public:
  explicit SqlSurveyRepository(Database& db) : db_(db) {}

  Result<Survey> Create(const Survey& survey) override {
    Survey out = survey;
    out.version = 1;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      long long id = 0;
      const std::string kind(domain::SurveyKindName(survey.kind)),
          privacy(domain::SurveyPrivacyName(survey.privacy)),
          audience(domain::SurveyAudienceName(survey.audience)),
          anchor(domain::SurveyAnchorName(survey.schedule.anchor));
      const long long program = survey.program.value, created = Us(survey.created_at);
      const int active = survey.active ? 1 : 0;
      s << "INSERT INTO surveys (program_id, title, intro, kind, privacy, audience, anchor, days, "
           "open_days, reminder_days, min_group, active, version, created_at_us) VALUES (:p, :t, "
           ":i, :k, :pr, :au, :an, :d, :o, :r, :m, :a, 1, :c) RETURNING id",
          soci::use(program), soci::use(survey.title), soci::use(survey.intro), soci::use(kind),
          soci::use(privacy), soci::use(audience), soci::use(anchor),
          soci::use(survey.schedule.days), soci::use(survey.schedule.open_days),
          soci::use(survey.schedule.reminder_days), soci::use(survey.min_group), soci::use(active),
          soci::use(created), soci::into(id);
      const std::string questions = QuestionsText(survey.questions);
      s << "INSERT INTO survey_versions (survey_id, version, questions) VALUES (:s, 1, :q)",
          soci::use(id), soci::use(questions);
      out.id = domain::SurveyId(id);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<Survey> Update(const Survey& survey) override {
    Survey out;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      auto found = QuerySurveys(s, "WHERE s.id = :id", survey.id.value);
      if (found.empty()) return Status::NotFound("no survey " + std::to_string(survey.id.value));
      out = survey;
      out.program = found[0].program;
      out.created_at = found[0].created_at;
      out.version = found[0].version;
      const long long id = survey.id.value;
      if (survey.questions != found[0].questions) {
        ++out.version;
        const std::string questions = QuestionsText(survey.questions);
        s << "INSERT INTO survey_versions (survey_id, version, questions) VALUES (:s, :v, :q)",
            soci::use(id), soci::use(out.version), soci::use(questions);
      }
      const std::string kind(domain::SurveyKindName(survey.kind)),
          privacy(domain::SurveyPrivacyName(survey.privacy)),
          audience(domain::SurveyAudienceName(survey.audience)),
          anchor(domain::SurveyAnchorName(survey.schedule.anchor));
      const int active = survey.active ? 1 : 0;
      s << "UPDATE surveys SET title = :t, intro = :i, kind = :k, privacy = :pr, audience = :au, "
           "anchor = :an, days = :d, open_days = :o, reminder_days = :r, min_group = :m, active = "
           ":a, version = :v WHERE id = :id",
          soci::use(survey.title), soci::use(survey.intro), soci::use(kind), soci::use(privacy),
          soci::use(audience), soci::use(anchor), soci::use(survey.schedule.days),
          soci::use(survey.schedule.open_days), soci::use(survey.schedule.reminder_days),
          soci::use(survey.min_group), soci::use(active), soci::use(out.version), soci::use(id);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::optional<Survey>> Find(domain::SurveyId id) override {
    std::optional<Survey> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      auto found = QuerySurveys(s, "WHERE s.id = :id", id.value);
      out.reset();
      if (!found.empty()) out = std::move(found[0]);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<Survey>> List(domain::ProgramId program) override {
    std::vector<Survey> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = QuerySurveys(s, "WHERE s.program_id = :p", program.value);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<Survey>> ListActive() override {
    std::vector<Survey> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = QuerySurveys(s, "WHERE s.active = :a", 1);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<domain::SurveyTarget>> Targets(domain::ProgramId program) override {
    std::vector<domain::SurveyTarget> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      long long rel = 0, started = 0, ended = 0;
      int length = 0, level = 0;
      long long opted_out = 0;
      std::string status_name, side, employee, first, last, email, program_start, program_end;
      std::string department, site;
      soci::indicator ended_ind, department_ind, site_ind;
      const long long key = program.value;
      // One row per side of each relationship in force or ended early, with the person.
      soci::statement st =
          (s.prepare
               << "SELECT r.id, r.status, COALESCE(r.activated_at_us, r.started_at_us), "
                  "r.ended_at_us, COALESCE(a.length_months, t.length_months, "
                  "pr.relationship_months), x.side, p.employee_id, p.first_name, p.last_name, "
                  "p.email, d.name, si.name, p.level, (SELECT COUNT(*) FROM reminder_opt_outs o "
                  "WHERE o.employee_id = p.employee_id), pr.start_date, pr.end_date FROM "
                  "relationships r "
                  "JOIN programs pr ON pr.id = r.program_id "
                  "LEFT JOIN relationship_agreements a ON a.relationship_id = r.id "
                  "LEFT JOIN agreement_templates t ON t.program_id = r.program_id "
                  "JOIN (SELECT 'mentor' AS side UNION ALL SELECT 'mentee') x ON 1 = 1 "
                  "JOIN people p ON p.employee_id = CASE WHEN x.side = 'mentor' THEN r.mentor "
                  "ELSE r.mentee END "
                  "LEFT JOIN departments d ON d.id = p.department_id "
                  "LEFT JOIN sites si ON si.id = p.site_id "
                  "WHERE r.program_id = :p AND r.status IN ('pending_agreement', 'active', "
                  "'ended_early') AND p.status <> 'left' ORDER BY r.id, x.side DESC",
           soci::use(key), soci::into(rel), soci::into(status_name), soci::into(started),
           soci::into(ended, ended_ind), soci::into(length), soci::into(side), soci::into(employee),
           soci::into(first), soci::into(last), soci::into(email),
           soci::into(department, department_ind), soci::into(site, site_ind), soci::into(level),
           soci::into(opted_out), soci::into(program_start), soci::into(program_end));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        domain::SurveyTarget t;
        t.relationship = domain::RelationshipId(rel);
        t.program = program;
        t.employee_id = employee;
        t.side = Stored(domain::ParseSide(side), "side");
        t.name = first + " " + last;
        t.email = email;
        t.department = department_ind == soci::i_ok ? department : "";
        t.site = site_ind == soci::i_ok ? site : "";
        t.level = level;
        t.started_at = FromUs(started);
        t.length_months = length;
        t.in_force = status_name != "ended_early";
        t.reminders_off = opted_out > 0;
        t.program_starts = Midnight(program_start);
        t.program_ends = Midnight(program_end);
        if (status_name == "ended_early" && ended_ind == soci::i_ok) {
          t.ended_early_at = FromUs(ended);
        }
        out.push_back(std::move(t));
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<domain::HeldMeeting>> HeldMeetings(domain::ProgramId program,
                                                        TimePoint logged_since) override {
    std::vector<domain::HeldMeeting> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      long long rel = 0, logged = 0, number = 0;
      const long long key = program.value, since = Us(logged_since);
      // Numbered among all of the relationship's held meetings, then only the recent ones kept.
      soci::statement st =
          OnceStatement(s,
                        "SELECT relationship_id, number, logged_at_us FROM (SELECT "
                        "m.relationship_id, ROW_NUMBER() OVER (PARTITION BY m.relationship_id "
                        "ORDER BY m.starts_at_us, m.id) AS number, m.logged_at_us FROM meetings m "
                        "JOIN relationships r ON r.id = m.relationship_id WHERE r.program_id = :p "
                        "AND r.status IN ('pending_agreement', 'active') AND m.status = 'held' "
                        "AND m.logged_at_us IS NOT NULL) h WHERE logged_at_us >= :since "
                        "ORDER BY relationship_id, number",
                        soci::use(key), soci::use(since), soci::into(rel), soci::into(number),
                        soci::into(logged));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        out.push_back({domain::RelationshipId(rel), static_cast<int>(number), FromUs(logged)});
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<SurveyInvitation>> ListInvitations(domain::SurveyId survey) override {
    std::vector<SurveyInvitation> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = QueryInvitations(s, "WHERE survey_id = :s ORDER BY id", survey.value);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<bool> Invite(const SurveyInvitation& i, const std::string& token_hash,
                      const domain::MailMessage& mail) override {
    bool inserted = false;
    const long long survey = i.survey.value, rel = i.relationship.value, sent = Us(i.sent_at),
                    closes = Us(i.closes_at);
    const std::string side(domain::SideName(i.side));
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      soci::statement st =
          (s.prepare << "INSERT INTO survey_invitations (survey_id, relationship_id, employee_id, "
                        "side, department, site, level_band, round, token_hash, sent_at_us, "
                        "closes_at_us, answered) VALUES (:s, :r, :e, :si, :d, :st, :l, :ro, :h, "
                        ":se, :c, 0) ON CONFLICT (survey_id, relationship_id, employee_id, round) "
                        "DO NOTHING",
           soci::use(survey), soci::use(rel), soci::use(i.employee_id), soci::use(side),
           soci::use(i.department), soci::use(i.site), soci::use(i.level_band), soci::use(i.round),
           soci::use(token_hash), soci::use(sent), soci::use(closes));
      st.execute(true);
      inserted = st.get_affected_rows() == 1;
      if (inserted) QueuedMailInsert(s, i.sent_at).Insert(mail);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return inserted;
  }

  Result<bool> Remind(int64_t invitation, const std::string& token_hash,
                      const domain::MailMessage& mail, TimePoint at) override {
    bool updated = false;
    const long long id = invitation, when = Us(at);
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      soci::statement st =
          OnceStatement(s,
                        "UPDATE survey_invitations SET reminded_at_us = :at, reminder_token_hash "
                        "= :h WHERE id = :id AND reminded_at_us IS NULL AND answered = 0",
                        soci::use(when), soci::use(token_hash), soci::use(id));
      st.execute(true);
      updated = st.get_affected_rows() == 1;
      if (updated) QueuedMailInsert(s, at).Insert(mail);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return updated;
  }

  Result<std::optional<SurveyInvitation>> FindInvitation(int64_t id) override {
    return One("WHERE id = :id", static_cast<long long>(id));
  }

  Result<std::optional<SurveyInvitation>> FindInvitationByToken(
      const std::string& token_hash) override {
    std::optional<SurveyInvitation> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.reset();
      auto found = QueryInvitations(s, "WHERE token_hash = :h", token_hash);
      if (found.empty()) found = QueryInvitations(s, "WHERE reminder_token_hash = :h", token_hash);
      if (!found.empty()) out = std::move(found[0]);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<SurveyInvitation>> InvitationsOf(const std::string& employee_id) override {
    std::vector<SurveyInvitation> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = QueryInvitations(s, "WHERE employee_id = :e ORDER BY id DESC", employee_id);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Status Answer(int64_t invitation, const domain::SurveyAnswerSheet& sheet) override {
    const long long id = invitation;
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      soci::statement st = OnceStatement(s,
                                         "UPDATE survey_invitations SET answered = 1 WHERE id = "
                                         ":id AND answered = 0",
                                         soci::use(id));
      st.execute(true);
      if (st.get_affected_rows() != 1) {
        return Status::Conflict("this survey has been answered already")
            .WithReason("already_answered");
      }
      // A random key: nothing in an anonymous sheet orders it among the others.
      SurveySheetInsert(s).Insert(crypto::RandomToken(16), sheet.response, sheet.invitation);
      return Status::Ok();
    });
  }

  Result<std::vector<int64_t>> InviteAll(
      const std::vector<domain::SurveyInvite>& invites) override {
    // A key that came earlier in `invites` is Invite's false from the start.
    std::vector<std::size_t> fresh;
    {
      std::set<std::tuple<int64_t, int64_t, std::string, int>> keys;
      for (std::size_t i = 0; i < invites.size(); ++i) {
        const SurveyInvitation& v = invites[i].invitation;
        if (keys.emplace(v.survey.value, v.relationship.value, v.employee_id, v.round).second) {
          fresh.push_back(i);
        }
      }
    }
    const std::string columns =
        "survey_id, relationship_id, employee_id, side, department, site, level_band, round, "
        "token_hash, sent_at_us, closes_at_us, answered";
    std::vector<int64_t> ids;
    Status status = db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      ids.assign(invites.size(), 0);
      if (fresh.empty()) return Status::Ok();
      if (IsPostgresql(s)) {
        const std::vector<std::int64_t> reserved =
            ReserveIds(s, "survey_invitations", fresh.size());
        CopyRows rows(13);
        for (std::size_t k = 0; k < fresh.size(); ++k) {
          const domain::SurveyInvite& i = invites[fresh[k]];
          const SurveyInvitation& v = i.invitation;
          rows.Int(reserved[k]).Int(v.survey.value).Int(v.relationship.value).Text(v.employee_id);
          rows.Text(domain::SideName(v.side)).Text(v.department).Text(v.site).Text(v.level_band);
          rows.Int(v.round).Text(i.token_hash).Int(Us(v.sent_at)).Int(Us(v.closes_at)).Int(0);
        }
        const std::string load = CopyIntoTemp(s, "survey_invitations", "id, " + columns, rows);
        std::set<long long> stored;
        std::vector<long long> piece(kFetchBatch);
        {
          soci::statement st = OnceStatement(
              s,
              "INSERT INTO survey_invitations (id, " + columns + ") SELECT id, " + columns +
                  " FROM " + load +
                  " ON CONFLICT (survey_id, relationship_id, employee_id, round) DO NOTHING "
                  "RETURNING id",
              soci::into(piece));
          for (bool more = st.execute(true); more; more = st.fetch()) {
            stored.insert(piece.begin(), piece.end());
            piece.resize(kFetchBatch);
          }
        }
        s << "DROP TABLE " + load;
        for (std::size_t k = 0; k < fresh.size(); ++k) {
          if (stored.contains(reserved[k])) ids[fresh[k]] = reserved[k];
        }
      } else {
        // SQLite: Invite's statement, prepared once, stepped per invitation in-process.
        SurveyInvitation v;
        std::string side, token_hash;
        long long survey = 0, relationship = 0, sent = 0, closes = 0, id = 0;
        soci::statement st =
            (s.prepare << "INSERT INTO survey_invitations (" + columns +
                              ") VALUES (:s, :r, :e, :si, :d, :st, :l, :ro, :h, :se, :c, 0) ON "
                              "CONFLICT (survey_id, relationship_id, employee_id, round) DO "
                              "NOTHING RETURNING id",
             soci::use(survey), soci::use(relationship), soci::use(v.employee_id), soci::use(side),
             soci::use(v.department), soci::use(v.site), soci::use(v.level_band),
             soci::use(v.round), soci::use(token_hash), soci::use(sent), soci::use(closes),
             soci::into(id));
        for (std::size_t i : fresh) {
          v = invites[i].invitation;
          token_hash = invites[i].token_hash;
          side = std::string(domain::SideName(v.side));
          survey = v.survey.value;
          relationship = v.relationship.value;
          sent = Us(v.sent_at);
          closes = Us(v.closes_at);
          if (st.execute(true)) ids[i] = id;
        }
      }
      std::vector<TimePoint> at;
      std::vector<domain::MailMessage> mails;
      for (std::size_t i = 0; i < invites.size(); ++i) {
        if (ids[i] == 0) continue;
        at.push_back(invites[i].invitation.sent_at);
        mails.push_back(invites[i].mail);
      }
      QueueMails(s, at, mails);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return ids;
  }

  Status AnswerAll(
      const std::vector<std::pair<int64_t, domain::SurveyAnswerSheet>>& answers) override {
    return db_.Run(TransactionMode::kWrite, [&](soci::session& s) -> Status {
      if (answers.empty()) return Status::Ok();
      // Each invitation answered once: twice in `answers` counts one row, and fails below.
      long long updated = 0;
      if (IsPostgresql(s)) {
        CopyRows ids(1);
        for (const auto& answer : answers) ids.Int(answer.first);
        const std::string load = CopyIntoTemp(s, "survey_invitations", "id", ids);
        soci::statement st = OnceStatement(s,
                                           "UPDATE survey_invitations SET answered = 1 WHERE id "
                                           "IN (SELECT id FROM " +
                                               load + ") AND answered = 0");
        st.execute(true);
        updated = st.get_affected_rows();
        s << "DROP TABLE " + load;
      } else {
        long long id = 0;
        soci::statement st =
            (s.prepare << "UPDATE survey_invitations SET answered = 1 WHERE id = :id AND "
                          "answered = 0",
             soci::use(id));
        for (const auto& answer : answers) {
          id = answer.first;
          st.execute(true);
          updated += st.get_affected_rows();
        }
      }
      if (updated != static_cast<long long>(answers.size())) {
        return Status::Conflict("this survey has been answered already")
            .WithReason("already_answered");
      }
      // Random keys, as Answer's: nothing in an anonymous sheet orders it among the others.
      std::vector<std::tuple<std::string, const domain::SurveyResponse*, std::optional<int64_t>>>
          sheets;
      sheets.reserve(answers.size());
      for (const auto& answer : answers) {
        sheets.emplace_back(crypto::RandomToken(16), &answer.second.response,
                            answer.second.invitation);
      }
      SurveySheetInsert::InsertAll(s, sheets);
      return Status::Ok();
    });
  }

  Result<std::vector<domain::SurveyResponse>> Responses(domain::SurveyId survey) override {
    std::vector<domain::SurveyResponse> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.clear();
      const long long key = survey.value;
      int version = 0;
      std::string side, department, site, level_band, answers;
      soci::statement st = OnceStatement(
          s,
          "SELECT version, side, department, site, level_band, answers FROM "
          "survey_answers WHERE survey_id = :s",
          soci::use(key), soci::into(version), soci::into(side), soci::into(department),
          soci::into(site), soci::into(level_band), soci::into(answers));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        out.push_back({survey, version, Stored(domain::ParseSide(side), "side"), department, site,
                       level_band, ParseAnswers(answers)});
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<domain::SurveyGroupSheets> GroupSheets(domain::SurveyId survey, const std::string& by,
                                                const std::string& group) override {
    const char* column = GroupColumn(by);
    if (column == nullptr) {
      return Status::InvalidArgument("results are grouped by side, department, site or level",
                                     "by");
    }
    domain::SurveyGroupSheets out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out = {};
      const long long key = survey.value;
      std::string name;
      long long count = 0;
      std::map<std::string, domain::SurveyGroupTally> tallies;
      {
        soci::statement st = (s.prepare << std::string("SELECT ") + column +
                                               ", COUNT(*) FROM survey_answers WHERE survey_id = "
                                               ":s GROUP BY " +
                                               column,
                              soci::use(key), soci::into(name), soci::into(count));
        for (bool more = st.execute(true); more; more = st.fetch()) {
          tallies[name].sheets = static_cast<int>(count);
        }
      }
      {
        // The answered questions were recorded with each sheet (SurveySheetInsert): counts over
        // an index, no answer read (reading every sheet's JSON was most of the time).
        std::string question;
        soci::statement st =
            (s.prepare << std::string("SELECT ") + column +
                              ", question_id, COUNT(*) FROM survey_answered "
                              "WHERE survey_id = :s GROUP BY " +
                              column + ", question_id",
             soci::use(key), soci::into(name), soci::into(question), soci::into(count));
        for (bool more = st.execute(true); more; more = st.fetch()) {
          tallies[name].answered[question] = static_cast<int>(count);
        }
      }
      for (auto& [group_name, tally] : tallies) {
        tally.group = group_name;
        out.tallies.push_back(std::move(tally));
      }
      int version = 0;
      std::string side, department, site, level_band, answers;
      soci::statement st =
          (s.prepare << std::string("SELECT version, side, department, site, level_band, answers "
                                    "FROM survey_answers WHERE survey_id = :s AND ") +
                            column + " = :g",
           soci::use(key), soci::use(group), soci::into(version), soci::into(side),
           soci::into(department), soci::into(site), soci::into(level_band), soci::into(answers));
      for (bool more = st.execute(true); more; more = st.fetch()) {
        out.sheets.push_back({survey, version, Stored(domain::ParseSide(side), "side"), department,
                              site, level_band, ParseAnswers(answers)});
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<int> CountInvitations(domain::SurveyId survey,
                               const domain::SurveyResultsQuery& query) override {
    const char* column = query.group ? GroupColumn(query.by) : nullptr;
    if (query.group && column == nullptr) {
      return Status::InvalidArgument("results are grouped by side, department, site or level",
                                     "by");
    }
    long long out = 0;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      const long long key = survey.value;
      if (column == nullptr) {
        s << "SELECT COUNT(*) FROM survey_invitations WHERE survey_id = :s", soci::use(key),
            soci::into(out);
      } else {
        s << std::string("SELECT COUNT(*) FROM survey_invitations WHERE survey_id = :s AND ") +
                 column + " = :g",
            soci::use(key), soci::use(*query.group), soci::into(out);
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return static_cast<int>(out);
  }

  Result<std::optional<domain::SurveyResponse>> ResponseOf(int64_t invitation) override {
    std::optional<domain::SurveyResponse> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.reset();
      const long long key = invitation;
      long long survey = 0;
      int version = 0;
      std::string side, department, site, level_band, answers;
      s << "SELECT survey_id, version, side, department, site, level_band, answers FROM "
           "survey_answers WHERE invitation_id = :i",
          soci::use(key), soci::into(survey), soci::into(version), soci::into(side),
          soci::into(department), soci::into(site), soci::into(level_band), soci::into(answers);
      if (s.got_data()) {
        out = domain::SurveyResponse{domain::SurveyId(survey),
                                     version,
                                     Stored(domain::ParseSide(side), "side"),
                                     department,
                                     site,
                                     level_band,
                                     ParseAnswers(answers)};
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Result<std::vector<domain::Question>> Questions(domain::SurveyId survey, int version) override {
    std::vector<domain::Question> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      const long long key = survey.value;
      std::string questions;
      s << "SELECT questions FROM survey_versions WHERE survey_id = :s AND version = :v",
          soci::use(key), soci::use(version), soci::into(questions);
      if (!s.got_data()) return Status::NotFound("no such survey version");
      out = ParseQuestions(questions);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

 private:
  Result<std::optional<SurveyInvitation>> One(const std::string& where, long long key) {
    std::optional<SurveyInvitation> out;
    Status status = db_.Run(TransactionMode::kRead, [&](soci::session& s) -> Status {
      out.reset();
      auto found = QueryInvitations(s, where, key);
      if (!found.empty()) out = std::move(found[0]);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return out;
  }

  Database& db_;
};

}  // namespace

namespace {
constexpr char kSheetColumns[] =
    "answer_key, survey_id, version, invitation_id, side, department, site, level_band, answers";
constexpr char kAnsweredColumns[] =
    "answer_key, question_id, survey_id, side, department, site, level_band, first_number";

// survey_answered.first_number (migration 55): the answer's first value when it is a whole
// number of 1 to 9 digits (a scale's or an NPS's answer), for the scores counted in SQL.
std::optional<int> FirstNumber(const std::vector<std::string>& given) {
  if (given.empty() || given[0].empty() || given[0].size() > 9) return std::nullopt;
  int n = 0;
  for (char c : given[0]) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}
}  // namespace

SurveySheetInsert::SurveySheetInsert(soci::session& session)
    : sheet_((session.prepare << std::string("INSERT INTO survey_answers (") + kSheetColumns +
                                     ") VALUES (:k, :s, :v, :i, :si, :d, :st, :l, :a)",
              soci::use(key_), soci::use(survey_), soci::use(version_),
              soci::use(invitation_, invitation_ind_), soci::use(side_), soci::use(department_),
              soci::use(site_), soci::use(level_band_), soci::use(answers_))),
      answered_((session.prepare << std::string("INSERT INTO survey_answered (") +
                                        kAnsweredColumns +
                                        ") VALUES (:k, :q, :s, :si, :d, :st, :l, :n)",
                 soci::use(key_), soci::use(question_), soci::use(survey_), soci::use(side_),
                 soci::use(department_), soci::use(site_), soci::use(level_band_),
                 soci::use(number_, number_ind_))) {}

void SurveySheetInsert::Insert(const std::string& key, const domain::SurveyResponse& sheet,
                               std::optional<int64_t> invitation) {
  key_ = key;
  survey_ = sheet.survey.value;
  version_ = sheet.version;
  invitation_ = invitation.value_or(0);
  invitation_ind_ = invitation ? soci::i_ok : soci::i_null;
  side_ = domain::SideName(sheet.side);
  department_ = sheet.department;
  site_ = sheet.site;
  level_band_ = sheet.level_band;
  answers_ = AnswersText(sheet.answers);
  sheet_.execute(true);
  for (const auto& entry : sheet.answers) {
    if (!domain::IsAnswered(sheet.answers, entry.first)) continue;
    question_ = entry.first;
    const std::optional<int> number = FirstNumber(entry.second);
    number_ = number.value_or(0);
    number_ind_ = number ? soci::i_ok : soci::i_null;
    answered_.execute(true);
  }
}

void SurveySheetInsert::InsertAll(
    soci::session& session,
    const std::vector<
        std::tuple<std::string, const domain::SurveyResponse*, std::optional<int64_t>>>& sheets) {
  if (sheets.empty()) return;
  if (!IsPostgresql(session)) {
    SurveySheetInsert insert(session);
    for (const auto& [key, sheet, invitation] : sheets) insert.Insert(key, *sheet, invitation);
    return;
  }
  CopyRows rows(9), answered(8);
  for (const auto& [key, sheet, invitation] : sheets) {
    const std::string_view side = domain::SideName(sheet->side);
    rows.Text(key).Int(sheet->survey.value).Int(sheet->version).IntOrNull(invitation);
    rows.Text(side).Text(sheet->department).Text(sheet->site).Text(sheet->level_band);
    rows.Text(AnswersText(sheet->answers));
    for (const auto& entry : sheet->answers) {
      if (!domain::IsAnswered(sheet->answers, entry.first)) continue;
      answered.Text(key).Text(entry.first).Int(sheet->survey.value).Text(side);
      answered.Text(sheet->department).Text(sheet->site).Text(sheet->level_band);
      const std::optional<int> number = FirstNumber(entry.second);
      answered.IntOrNull(number ? std::optional<int64_t>(*number) : std::nullopt);
    }
  }
  CopyInto(session, "survey_answers", kSheetColumns, rows);
  CopyInto(session, "survey_answered", kAnsweredColumns, answered);
}

std::unique_ptr<domain::SurveyRepository> MakeSurveyRepository(Database& db) {
  return std::make_unique<SqlSurveyRepository>(db);
}

}  // namespace pairwise::storage
