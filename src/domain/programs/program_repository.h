// Where programs are kept. Implementations: storage/program_repository.cpp (SQLite and
// PostgreSQL) and storage/memory/memory_program_repository.h (tests). Thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/programs/program.h"
#include "domain/programs/program_reader.h"

namespace pairwise::domain {

class ProgramRepository : public ProgramReader {
 public:
  // Stores a new draft program made of `fields` (already validated) and returns it with its id
  // and times.
  virtual Result<Program> CreateProgram(const ProgramFields& fields, TimePoint now) = 0;
  // Replaces the fields of program `id`. NotFound for an unknown id.
  virtual Status UpdateProgram(ProgramId id, const ProgramFields& fields, TimePoint now) = 0;
  // Moves program `id` from status `from` to `to`. NotFound for an unknown id; Conflict when its
  // status is no longer `from` (someone else moved it first).
  virtual Status SetProgramStatus(ProgramId id, ProgramStatus from, ProgramStatus to,
                                  TimePoint now) = 0;
  // Every program, ordered by id.
  virtual Result<std::vector<Program>> ListPrograms() = 0;
  // Sets (or, with nullopt, clears) the capacity `mentor_employee_id` chose for themself in the
  // program. NotFound for an unknown program.
  virtual Status SetMentorCapacity(ProgramId id, std::string_view mentor_employee_id,
                                   std::optional<MentorCapacity> capacity) = 0;
};

}  // namespace pairwise::domain
