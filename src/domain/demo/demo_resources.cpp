#include "domain/demo/demo_resources.h"

#include <array>
#include <string_view>
#include <vector>

namespace pairwise::domain {

namespace {

struct StarterResource {
  std::string_view title;
  std::vector<std::string> topics;
  bool by_coordinator;
  std::string_view body;
};

const std::vector<StarterResource>& Starters() {
  static const std::vector<StarterResource> starters = {
      {"Your first meeting: a simple plan",
       {"first-meeting"},
       false,
       R"md(The first meeting sets the tone. It does not need to be long: 45 minutes is plenty.

## Before you meet

- Read each other's profile in Pairwise: role, skills, what the mentee hopes to learn.
- Pick a time on the **Meetings** tab. It shows the slots you are both free; the invite goes to both calendars.
- Mentee: write down two or three things you would like help with. Rough notes are fine.

## In the meeting

1. **Introduce yourselves** beyond job titles: how you got here, what you enjoy, what you find hard.
2. **Talk about why you joined.** What would make these months worth it for each of you?
3. **Go through the agreement together** (the *Agreement* tab): how often you meet, for how long, in person or online, and what stays between you.
4. **Name one first goal**, even a loose one. You will sharpen it later.
5. **Book the next meeting** before you leave.

## After the meeting

- Both of you accept the agreement in Pairwise. Goals, notes and feedback open once you both have.
- Log the meeting with one or two action items, so you both remember what you promised.

A good first meeting ends with both people knowing *why* they are meeting and *when* they meet next.)md"},
      {"Agreeing how you will work together",
       {"first-meeting", "confidentiality"},
       false,
       R"md(Every relationship in Pairwise starts with an agreement. It is short on purpose: it answers the questions that cause trouble when nobody asked them.

## What the agreement covers

- **How often you meet.** Every two weeks suits most pairs. Weekly is a lot to sustain.
- **How long it lasts.** Usually six to nine months. Either of you can end it earlier.
- **How you meet.** In person, online or mixed.
- **What stays between you.** See *Confidentiality in a mentoring relationship*.
- **How either of you can end it**, without blame.

## Tips

- Before you accept, either of you may change how often and how you meet. The rest comes from your program's template; ask your coordinator if it does not fit.
- Be honest about time. "Once a month, reliably" beats "every week" that slips.
- Revisit it after two or three months: is the rhythm still right?

Both of you accept the agreement. If one of you changes it, the other accepts the new version.)md"},
      {"Confidentiality in a mentoring relationship",
       {"confidentiality"},
       false,
       R"md(Mentoring works when the mentee can say "I am stuck" without it reaching their manager. Trust is the whole point.

## The default

What you talk about stays between the two of you, **unless** you both agree otherwise, or someone is at risk of harm, or the law or company policy requires it (for example harassment or fraud). Say this out loud at the first meeting.

## What Pairwise keeps private

- **Private notes** are read by their author only. Nobody else can read them: not your mentor or mentee, not the coordinator, not an admin.
- **Shared notes** are read by the two of you only.
- Coordinators see that a relationship is active, how often you meet and how goals progress. They do not see notes or what you discussed.

## Good habits

- Ask before you pass anything on, even something positive: "May I mention this to ...?"
- Do not discuss your mentee with their manager. If a manager asks, say that mentoring conversations are private and suggest they talk to the mentee.
- Keep names of third parties out of shared notes where you can.)md"},
      {"Setting SMART goals together",
       {"smart-goals"},
       false,
       R"md(A goal helps you both see progress. SMART is a checklist for writing one that works.

- **Specific:** what exactly will change? "Get better at presenting" is vague; "present our team's quarterly results to the leadership meeting" is specific.
- **Measurable:** how will you know? A number, an event, a piece of work someone else can see.
- **Achievable:** stretching but realistic in the time you have. In Pairwise the mentor confirms this on the *Goals* tab.
- **Relevant:** why does it matter to the mentee's work or career? Link it to a skill if you can.
- **Time-based:** a due date. Without one, goals drift.

## How to write one in Pairwise

1. The mentee adds the goal on the *Goals* tab: title, measure, target, why it matters and a due date.
2. Break it into three to five milestones. Progress follows the milestones ticked off.
3. The mentor reads it and confirms it is achievable, or says what would make it so.

## Example

> Present the Q3 results at the leadership meeting by 30 September.

- Measure: the presentation happens; feedback from two people in the room.
- Milestones: outline agreed; dry run with mentor; dry run with the team; the real thing.

Start with one goal. Two at most. More goals rarely means more progress.)md"},
      {"Keeping goals moving",
       {"smart-goals"},
       true,
       R"md(Goals set in the first month often stall in the third. A few habits keep them alive.

- **Open the Goals tab at every meeting.** Five minutes: what moved, what is stuck, what is next.
- **Tick milestones as they happen**, not at the end. It shows both of you that you are getting somewhere.
- **Change the goal when the situation changes.** A new role or project is a reason to rewrite, not to give up. Pairwise keeps the history of every change.
- **Celebrate finishing.** Mark a goal achieved and say so. Then decide together whether a next goal is worth it.

If a goal has not moved for a month, ask: is it still the right goal? Is it too big? Is something in the way that we have not talked about?)md"},
      {"Listening well and asking good questions",
       {"listening"},
       false,
       R"md(Most of what a mentor gives is attention. The advice matters less than people think.

## Listen at least as much as you talk

- Let silences last. The second answer is often the real one.
- Summarise what you heard before you respond: "So the hard part is ..., is that right?"
- Resist solving at once. Ask what they have already tried.

## Questions that open things up

- What would a good outcome look like?
- What is in your control here?
- What did you learn from the last time something like this happened?
- What would you tell a colleague in your place?
- What will you do before we next meet?

## When you do give advice

Share your experience as *one* way, not *the* way: "When this happened to me, I ...; it may not fit you." Treat the mentee as an equal who decides.)md"},
      {"When it isn't working",
       {"not-working"},
       false,
       R"md(Not every pair clicks, and that is nobody's fault. Noticing early is better than drifting for months.

## Signs

- Meetings keep being moved or cancelled.
- You leave meetings without anything to do.
- One of you does all the talking, or dreads the next session.
- The mentee's needs have changed and the mentor cannot help with the new ones.

## What to try first

1. **Say it plainly** at your next meeting: "I feel we have lost momentum. What would help?"
2. **Go back to the agreement.** Is the rhythm realistic? Would shorter, more frequent check-ins help?
3. **Reset one goal**, small and near, to get moving again.
4. **Ask for help.** Your program's shadow mentor or coordinator can talk to each of you and help you both back on track.

## If it still is not working

End it. In Pairwise either of you can end the relationship from its page, with no blame on anyone. Choose the reason that fits. The mentee can be matched with someone else, and the coordinator is told so they can help. Ending kindly is part of good mentoring.)md"},
      {"Ending a mentoring relationship well",
       {"ending-well", "not-working"},
       true,
       R"md(Every relationship ends: when its time is up, when the goals are met, or earlier. A good ending keeps the goodwill.

- **Plan the last meeting.** Look back at the goals together: what changed since the first meeting?
- **Say what you learned from each other.** Mentors learn too.
- **Give feedback** in Pairwise when asked. It is short and helps the program improve.
- **Agree what happens next.** Staying in touch informally is fine; say so if you would like to.

When you end early, be kind and brief: "I do not think I am the right mentor for what you need now" is enough. Nobody needs to give a long reason.)md"},
      {"Reverse mentoring: when the junior person mentors",
       {"reverse-mentoring"},
       false,
       R"md(In reverse mentoring a less senior colleague mentors a more senior one: on new tools, on how a younger generation works, on what it is like on the front line.

## For the senior mentee

- **Come to learn, not to evaluate.** Leave your title at the door.
- **Ask the questions you feel you should already know the answer to.** That is the point.
- Do not turn sessions into status updates about your mentor's work.

## For the junior mentor

- **You are the expert here.** Plan what to show; bring real examples.
- Be candid. A kind, honest "that is not how people experience it" is worth more than politeness.
- Confidentiality works both ways: what your mentee shares stays with you.

## Make it work

Agree the topics in the first meeting and set goals like any other pair. Many reverse pairs become two-way over time, and that is a good sign.)md"},
      {"Giving and receiving feedback",
       {"listening", "not-working"},
       false,
       R"md(Honest feedback is one of the best things a mentoring relationship offers. It only works when there is trust.

## Giving it

- **Ask first:** "Would it help if I told you how that came across?"
- **Be specific:** describe what happened and its effect, not the person.
- **Keep it near in time**, and about something they can change.

## Receiving it

- Listen to the end before you answer. Thank them, even when it stings.
- Ask for an example if it is not clear.
- You decide what to do with it.

## In Pairwise

Pairwise asks each of you now and then for short feedback on how the relationship is going. Answer honestly: it helps your coordinator notice a pair that needs support before it drifts.)md"},
  };
  return starters;
}

Actor Writer(const std::string& employee_id, Role role) {
  Actor a;
  a.kind = Actor::Kind::kPerson;
  a.employee_id = employee_id;
  a.roles = {role};
  return a;
}

}  // namespace

Result<int> LoadDemoResources(ResourceService& resources, const std::string& admin,
                              const std::string& coordinator) {
  if (admin.empty() && coordinator.empty()) return 0;
  const Actor by_admin =
      admin.empty() ? Writer(coordinator, Role::kCoordinator) : Writer(admin, Role::kAdmin);
  const Actor by_coordinator =
      coordinator.empty() ? by_admin : Writer(coordinator, Role::kCoordinator);
  // Only into an empty library (drafts included): the organization's own resources stay theirs.
  auto existing = resources.Search(Writer(by_admin.employee_id, Role::kAdmin), "", std::nullopt,
                                   /*drafts=*/true);
  if (!existing.ok()) return existing.status();
  if (!existing->empty()) return 0;
  int written = 0;
  // Oldest first, so the library lists the first meeting's guide last among equals.
  for (const StarterResource& s : Starters()) {
    ResourceFields fields;
    fields.title = std::string(s.title);
    fields.body = std::string(s.body);
    fields.topics = s.topics;
    fields.published = true;
    auto created = resources.Create(s.by_coordinator ? by_coordinator : by_admin, fields);
    if (!created.ok()) return created.status();
    ++written;
  }
  return written;
}

}  // namespace pairwise::domain
