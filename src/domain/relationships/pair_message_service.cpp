#include "domain/relationships/pair_message_service.h"

#include <unordered_map>
#include <utility>

#include "common/utf8.h"

namespace pairwise::domain {

namespace {

std::string FullName(const Person& p) { return p.first_name + " " + p.last_name; }

std::string NameOr(PeopleService& people, const std::string& employee_id) {
  auto person = people.FindPerson(employee_id);
  return person.ok() ? FullName(*person) : employee_id;
}

}  // namespace

Result<std::vector<PairMessageView>> PairMessageService::List(const Actor& actor,
                                                              RelationshipId id) {
  auto context = relationships_.Load(actor, id);
  if (!context.ok()) return context.status();
  PAIRWISE_RETURN_IF_ERROR(RequireMemberOrOverseer(actor, *context));
  auto stored = messages_.ListPairMessages(id.value);
  if (!stored.ok()) return stored.status();
  std::unordered_map<std::string, std::string> names;
  std::vector<PairMessageView> out;
  for (PairMessage& m : *stored) {
    auto name = names.find(m.author);
    if (name == names.end()) name = names.emplace(m.author, NameOr(people_, m.author)).first;
    out.push_back(PairMessageView{std::move(m), name->second});
  }
  return out;
}

Result<PairMessageView> PairMessageService::Send(const Actor& actor, RelationshipId id,
                                                 const std::string& text) {
  auto context = relationships_.Load(actor, id);
  if (!context.ok()) return context.status();
  PAIRWISE_RETURN_IF_ERROR(RequireShadowMentor(*context));
  if (!IsInForce(context->relationship.status)) {
    return Status::Conflict("This relationship has ended; its history stays readable.")
        .WithReason("relationship_ended");
  }
  const auto length = CountUtf8CodePoints(text);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("Write something first.", "text");
  }
  if (!length || *length > kMaxPairMessageChars) {
    return Status::InvalidArgument(
        "A message holds at most " + std::to_string(kMaxPairMessageChars) + " characters.", "text");
  }
  PairMessage message;
  message.relationship_id = id.value;
  message.author = actor.employee_id;
  message.text = text;
  message.created_at = clock_.Now();
  auto stored = messages_.AddPairMessage(message);
  if (!stored.ok()) return stored.status();
  const std::string author = NameOr(people_, actor.employee_id);
  // Both sides get the message itself: it is written to them, and kept on the relationship.
  for (const std::string* side : {&context->relationship.mentor, &context->relationship.mentee}) {
    auto person = people_.FindPerson(*side);
    if (!person.ok()) continue;
    MailMessage mail;
    mail.to = person->email;
    mail.subject = author + " wrote to you both (" + context->program.name + ")";
    mail.text = "Hello " + person->first_name + ",\n\n" + author + ", shadow mentor of " +
                context->program.name + ", wrote to you and your " +
                (side == &context->relationship.mentor ? "mentee" : "mentor") + ":\n\n" + text +
                "\n\nThe message stays on your relationship: " + base_url_ + "/relationships/" +
                std::to_string(id.value) + "\n";
    mail.kind = "pair_message";
    // The message stands even if a mail cannot be queued; MailQueue logs its failures.
    (void)mail_.Enqueue(mail);
  }
  return PairMessageView{std::move(stored).value(), author};
}

}  // namespace pairwise::domain
