#include "domain/relationships/agreement.h"

#include "common/utf8.h"

namespace pairwise::domain {

std::string_view AgreementModeName(AgreementMode mode) {
  switch (mode) {
    case AgreementMode::kVirtual:
      return "virtual";
    case AgreementMode::kInPerson:
      return "in_person";
    case AgreementMode::kMixed:
      return "mixed";
  }
  return "mixed";
}

std::optional<AgreementMode> ParseAgreementMode(std::string_view name) {
  if (name == "virtual") return AgreementMode::kVirtual;
  if (name == "in_person") return AgreementMode::kInPerson;
  if (name == "mixed") return AgreementMode::kMixed;
  return std::nullopt;
}

namespace {

Status CheckText(const std::string& text, const std::string& field, const char* what) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument(std::string("Write ") + what + ".", field);
  }
  const auto length = CountUtf8CodePoints(text);
  if (!length || *length > kMaxAgreementChars) {
    return Status::InvalidArgument(std::string("Keep ") + what + " under " +
                                       std::to_string(kMaxAgreementChars) + " characters.",
                                   field);
  }
  return Status::Ok();
}

}  // namespace

Status CheckAgreementTerms(const AgreementTerms& terms) {
  if (terms.cadence_days < kMinCadenceDays || terms.cadence_days > kMaxCadenceDays) {
    return Status::InvalidArgument("Meet at least every " + std::to_string(kMaxCadenceDays) +
                                       " days and at most once a day (cadence " +
                                       std::to_string(kMinCadenceDays) + " to " +
                                       std::to_string(kMaxCadenceDays) + " days).",
                                   "cadence_days");
  }
  if (terms.length_months < kMinLengthMonths || terms.length_months > kMaxLengthMonths) {
    return Status::InvalidArgument("The expected length is " + std::to_string(kMinLengthMonths) +
                                       " to " + std::to_string(kMaxLengthMonths) + " months.",
                                   "length_months");
  }
  PAIRWISE_RETURN_IF_ERROR(
      CheckText(terms.confidentiality, "confidentiality", "the confidentiality clause"));
  return CheckText(terms.how_to_end, "how_to_end", "how either side may end the relationship");
}

AgreementTemplate DefaultAgreementTemplate(const Program& program) {
  AgreementTemplate t;
  switch (program.cadence) {
    case MeetingCadence::kWeekly:
      t.terms.cadence_days = 7;
      break;
    case MeetingCadence::kBiweekly:
      t.terms.cadence_days = 14;
      break;
    case MeetingCadence::kMonthly:
      t.terms.cadence_days = 30;
      break;
  }
  t.terms.length_months = program.relationship_months;
  t.terms.mode =
      program.type == ProgramType::kVirtual ? AgreementMode::kVirtual : AgreementMode::kMixed;
  t.terms.confidentiality =
      "What we talk about stays between the two of us, unless we both agree to share it. "
      "Neither of us repeats the other's words to colleagues or managers.";
  t.terms.how_to_end =
      "Either of us may end the relationship at any time, without blame, by choosing End "
      "relationship and a reason. The program's coordinator is told and can find a new match.";
  return t;
}

Date AgreementEndDate(TimePoint activated_at, int length_months) {
  const Date start{std::chrono::floor<std::chrono::days>(activated_at)};
  Date end = start + std::chrono::months(length_months);
  if (!end.ok()) end = end.year() / end.month() / std::chrono::last;  // Jan 31 + 1 month
  return end;
}

}  // namespace pairwise::domain
