// `pairwise demo [--people N] [--seed S] [--if-empty]`: loads the demo organization into the
// database, the same demo `serve --demo-if-empty` loads (Application::LoadDemoIfEmpty): the
// directory, profiles, demo accounts and the demo programs with their applications and
// relationships. One demo, whichever command loads it.
#pragma once

#include <cstdio>

#include "app/application.h"

namespace pairwise::app {

// Runs the command on `application`, printing what was loaded and the demo sign-ins to `out`,
// problems to `err`. Returns the exit status: 0 loaded (or, with if_empty, a directory that
// already holds people: nothing loaded beyond what an older demo lacks); 2 a directory that
// already holds people without if_empty (nothing written); 1 any other failure.
int RunDemoCommand(Application& application, const domain::DemoOptions& options, bool if_empty,
                   std::FILE* out, std::FILE* err);

}  // namespace pairwise::app
