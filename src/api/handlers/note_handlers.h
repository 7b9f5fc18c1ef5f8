// Notes of a relationship. Every route needs a session (through `auth`); access is decided by
// NoteService: only the pair, and a private note only its author. Answers are never cached.
//
//   GET|POST /api/v1/relationships/{relationship_id}/notes
//   PUT|DELETE /api/v1/relationships/{relationship_id}/notes/{note_id}
//   GET|POST /api/v1/relationships/{relationship_id}/group/notes            (group programs)
//   PUT|DELETE /api/v1/relationships/{relationship_id}/group/notes/{note_id}
#pragma once

#include "api/auth.h"
#include "api/router.h"
#include "domain/relationships/note_service.h"

namespace pairwise::api {

// Adds the routes above. `auth` and the service must outlive the router.
void RegisterNoteRoutes(Router& router, AuthGate& auth, domain::NoteService& notes);

}  // namespace pairwise::api
