#!/usr/bin/python3
"""What an independent iCalendar parser (Debian's python3-icalendar) finds, for the browser walk.

  check_calendar.py invite MESSAGE.eml   the text/calendar part of a delivered message
  check_calendar.py feed FEED.ics        a calendar feed

prints JSON: for an invite the MIME method parameter, the calendar's METHOD and its event; for a
feed every event. An event is its UID, SEQUENCE, DTSTART and DTEND (ISO 8601, UTC), STATUS,
ORGANIZER and ATTENDEEs. Exits non-zero, saying why, when the file does not parse."""
import email
import json
import sys
from datetime import timezone

from icalendar import Calendar


def event_json(event):
    attendees = event.get("attendee") or []
    if not isinstance(attendees, list):
        attendees = [attendees]

    def utc(name):
        value = event.decoded(name)
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    return {
        "uid": str(event.get("uid")),
        "sequence": int(event.get("sequence", 0)),
        "start": utc("dtstart"),
        "end": utc("dtend"),
        "status": str(event.get("status", "")),
        "organizer": str(event.get("organizer", "")),
        "attendees": sorted(str(a) for a in attendees),
    }


def main():
    kind, path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        data = f.read()
    if kind == "feed":
        calendar = Calendar.from_ical(data)
        print(json.dumps({"method": str(calendar.get("method", "")),
                          "events": [event_json(e) for e in calendar.walk("VEVENT")]}))
        return
    message = email.message_from_bytes(data)
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    if not parts:
        sys.exit(f"{path}: no text/calendar part")
    calendar = Calendar.from_ical(parts[0].get_payload(decode=True))
    events = list(calendar.walk("VEVENT"))
    if len(events) != 1:
        sys.exit(f"{path}: {len(events)} events, expected one")
    print(json.dumps({
        "to": message.get("To", ""),
        "subject": str(message.get("Subject", "")),
        "content_method": parts[0].get_param("method"),
        "method": str(calendar.get("method")),
        "event": event_json(events[0]),
    }))


if __name__ == "__main__":
    main()
