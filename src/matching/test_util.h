// Small instances and engine helpers for matching tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "matching/engine.h"
#include "matching/instance.h"

namespace pairwise::matching::testing {

// A mentor with plain defaults: level 6, Engineering, Lisbon (UTC), English, 8 hours a month,
// capacity 1, credentialed, no skills.
inline Mentor MakeMentor(std::string id) {
  Mentor m;
  m.person.id = std::move(id);
  m.person.level = 6;
  m.person.department = "Engineering";
  m.person.site = "Lisbon";
  m.person.languages = {"English"};
  m.person.availability_hours = 8;
  m.capacity = 1;
  m.credentialed = true;
  return m;
}

// A mentee with plain defaults: level 3, Sales, Lisbon (UTC), English, 4 hours a month.
inline Mentee MakeMentee(std::string id) {
  Mentee e;
  e.person.id = std::move(id);
  e.person.level = 3;
  e.person.department = "Sales";
  e.person.site = "Lisbon";
  e.person.languages = {"English"};
  e.person.availability_hours = 4;
  return e;
}

// Weights with one criterion at `weight` and all others 0.
inline Scoring OnlyCriterion(Criterion c, int weight = 1) {
  Scoring s;
  s.weight.fill(0);
  s.weight[static_cast<int>(c)] = weight;
  return s;
}

// An engine for `instance`; a failed Create fails the test (and then throws out of it:
// there is no engine to return).
inline Engine MustCreate(Instance instance, EngineOptions options = {}) {
  Result<Engine> engine = Engine::Create(std::move(instance), options);
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return std::move(engine).value();
}

// engine.Solve(); a failure fails the test.
inline MatchResult MustSolve(const Engine& engine) {
  Result<MatchResult> result = engine.Solve();
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return std::move(result).value();
}

}  // namespace pairwise::matching::testing
