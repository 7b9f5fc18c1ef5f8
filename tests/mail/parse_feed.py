#!/usr/bin/env python3
"""Reads a calendar feed (.ics) and prints, as JSON, what an independent iCalendar parser
(Debian's python3-icalendar) finds in it: the calendar's METHOD and, per event, its UID,
SEQUENCE, summary, times (UTC, ISO 8601), organizer, attendees and status."""
import json
import sys

from icalendar import Calendar


def main():
    with open(sys.argv[1], "rb") as f:
        calendar = Calendar.from_ical(f.read())
    events = []
    for event in calendar.walk("VEVENT"):
        attendees = event.get("attendee", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        events.append({
            "uid": str(event.get("uid")),
            "sequence": int(event.get("sequence", 0)),
            "summary": str(event.get("summary")),
            "dtstart": event.decoded("dtstart").isoformat(),
            "dtend": event.decoded("dtend").isoformat(),
            "organizer": str(event.get("organizer")),
            "attendees": sorted(str(a) for a in attendees),
            "status": str(event.get("status")),
        })
    print(json.dumps({"method": str(calendar.get("method")), "events": events}))


if __name__ == "__main__":
    main()
