// The mentoring agreement: the terms a program's coordinator sets as a template (confidentiality,
// meeting cadence, expected length, preferred mode, how either side may end) and each pair accepts,
// each side able to adjust the cadence and the mode first. Stored as data, not only as text:
// reminders and health are driven from the cadence, the mode and the end date.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/ids.h"
#include "common/status.h"
#include "domain/people/person.h"
#include "domain/programs/program.h"

namespace pairwise::domain {

enum class AgreementMode { kVirtual, kInPerson, kMixed };
// "virtual" | "in_person" | "mixed".
std::string_view AgreementModeName(AgreementMode mode);
std::optional<AgreementMode> ParseAgreementMode(std::string_view name);

// Limits of the terms; one place for each.
inline constexpr int kMinCadenceDays = 1;
inline constexpr int kMaxCadenceDays = 92;
inline constexpr int kMinLengthMonths = 1;
inline constexpr int kMaxLengthMonths = 36;
inline constexpr std::size_t kMaxAgreementChars = 4000;  // code points

struct AgreementTerms {
  std::string confidentiality;  // the clause both accept
  int cadence_days = 30;        // a meeting every this many days
  int length_months = 6;        // expected length from the day both accepted
  AgreementMode mode = AgreementMode::kMixed;
  std::string how_to_end;  // how either side may end it
  friend bool operator==(const AgreementTerms&, const AgreementTerms&) = default;
};

// InvalidArgument naming the field ("cadence_days", "length_months", "confidentiality",
// "how_to_end") for a value out of its limits or a text that is empty, too long or not UTF-8.
Status CheckAgreementTerms(const AgreementTerms& terms);

// A program's template. `updated_by` / `updated_at` are unset for the default.
struct AgreementTemplate {
  AgreementTerms terms;
  std::string updated_by;
  std::optional<TimePoint> updated_at;
};

// The template a program has before its coordinator saves one: the program's cadence and
// relationship length, virtual for virtual programs (mixed otherwise), and plain clauses.
AgreementTemplate DefaultAgreementTemplate(const Program& program);

// One relationship's agreement, stored from the first acceptance or adjustment on; before that the
// relationship's terms are its program's current template.
struct Agreement {
  int64_t relationship_id = 0;
  AgreementTerms terms;
  int version = 0;          // increases with every change
  std::string adjusted_by;  // who last changed cadence or mode; empty: none
  std::optional<TimePoint> mentor_accepted_at;
  std::optional<TimePoint> mentee_accepted_at;
  bool BothAccepted() const { return mentor_accepted_at && mentee_accepted_at; }
};

// The first day after the relationship's expected length: the activation day plus the length.
Date AgreementEndDate(TimePoint activated_at, int length_months);

}  // namespace pairwise::domain
