#include "mail/icalendar.h"

#include <libical/ical.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>

namespace pairwise::mail {
namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

icaltimetype Utc(TimePoint t) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
  return icaltime_from_timet_with_zone(static_cast<time_t>(seconds), 0,
                                       icaltimezone_get_utc_timezone());
}

icalproperty* Person(icalproperty* property, const domain::CalendarPerson& person) {
  if (!person.name.empty())
    icalproperty_add_parameter(property, icalparameter_new_cn(person.name.c_str()));
  return property;
}

}  // namespace

Result<std::string> ICalendarWriter::Write(std::string_view method,
                                           const std::vector<domain::CalendarEvent>& events) const {
  icalproperty_method ical_method = ICAL_METHOD_NONE;
  if (method == domain::kCalendarRequest) ical_method = ICAL_METHOD_REQUEST;
  if (method == domain::kCalendarCancel) ical_method = ICAL_METHOD_CANCEL;
  if (method == domain::kCalendarPublish) ical_method = ICAL_METHOD_PUBLISH;
  if (ical_method == ICAL_METHOD_NONE) {
    return Status::InvalidArgument("unknown calendar method " + std::string(method), "method");
  }
  Component calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  if (!calendar) return Status::Internal("libical: cannot create a VCALENDAR");
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//Pairwise//Mentoring//EN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_method(ical_method));
  for (const domain::CalendarEvent& e : events) {
    icalcomponent* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    if (!event) return Status::Internal("libical: cannot create a VEVENT");
    // Added first, so that the calendar frees it with everything else on any early return.
    icalcomponent_add_component(calendar.get(), event);
    icalcomponent_add_property(event, icalproperty_new_uid(e.uid.c_str()));
    icalcomponent_add_property(event, icalproperty_new_sequence(e.sequence));
    icalcomponent_add_property(event, icalproperty_new_dtstamp(Utc(e.stamp)));
    icalcomponent_add_property(event, icalproperty_new_dtstart(Utc(e.starts_at)));
    icalcomponent_add_property(event, icalproperty_new_dtend(Utc(e.ends_at)));
    icalcomponent_add_property(event, icalproperty_new_summary(e.summary.c_str()));
    if (!e.description.empty()) {
      icalcomponent_add_property(event, icalproperty_new_description(e.description.c_str()));
    }
    if (!e.location.empty()) {
      icalcomponent_add_property(event, icalproperty_new_location(e.location.c_str()));
    }
    if (!e.url.empty()) icalcomponent_add_property(event, icalproperty_new_url(e.url.c_str()));
    icalcomponent_add_property(event,
                               icalproperty_new_status(e.cancelled   ? ICAL_STATUS_CANCELLED
                                                       : e.tentative ? ICAL_STATUS_TENTATIVE
                                                                     : ICAL_STATUS_CONFIRMED));
    if (!e.organizer.email.empty()) {
      const std::string mailto = "mailto:" + e.organizer.email;
      icalcomponent_add_property(event,
                                 Person(icalproperty_new_organizer(mailto.c_str()), e.organizer));
    }
    for (const domain::CalendarPerson& attendee : e.attendees) {
      const std::string mailto = "mailto:" + attendee.email;
      icalproperty* p = Person(icalproperty_new_attendee(mailto.c_str()), attendee);
      icalproperty_add_parameter(p, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
      icalproperty_add_parameter(p, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
      icalproperty_add_parameter(p, icalparameter_new_rsvp(ICAL_RSVP_TRUE));
      icalcomponent_add_property(event, p);
    }
  }
  char* text = icalcomponent_as_ical_string_r(calendar.get());
  if (!text) return Status::Internal("libical: cannot write the calendar");
  std::string out(text);
  std::free(text);
  return out;
}

}  // namespace pairwise::mail
