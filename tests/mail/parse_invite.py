#!/usr/bin/env python3
"""Reads one delivered message (.eml) and prints, as JSON, what Python's email parser finds: the
parts' content types, the plain text, the text a browser would show for the HTML part (Python's
html.parser, line breaks and paragraphs kept), and what an independent iCalendar parser
(Debian's python3-icalendar) finds in its text/calendar part: the MIME method parameter, the
calendar's METHOD, and the event's UID, SEQUENCE, times, organizer, attendees and status."""
import email
import json
import sys
from html.parser import HTMLParser

from icalendar import Calendar


class Shown(HTMLParser):
    """The text of an HTML body as shown: <br> a line break, a new <p> a blank line."""

    def __init__(self):
        super().__init__()
        self.text = ""
        self.in_body = False
        self.paragraphs = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        elif tag == "br":
            self.text += "\n"
        elif tag == "p":
            if self.paragraphs:
                self.text += "\n\n"
            self.paragraphs += 1
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))

    def handle_data(self, data):
        if self.in_body:
            self.text += data.replace("\n", "")


def main():
    with open(sys.argv[1], "rb") as f:
        message = email.message_from_binary_file(f)
    out = {"parts": [p.get_content_type() for p in message.walk()]}
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            out["text"] = part.get_payload(decode=True).decode("utf-8").replace("\r\n", "\n")
        if part.get_content_type() == "text/html":
            shown = Shown()
            shown.feed(part.get_payload(decode=True).decode("utf-8"))
            out["html_text"] = shown.text
            out["html_links"] = shown.links
    for part in message.walk():
        if part.get_content_type() != "text/calendar":
            continue
        calendar = Calendar.from_ical(part.get_payload(decode=True))
        out["content_method"] = part.get_param("method")
        out["method"] = str(calendar.get("method"))
        events = list(calendar.walk("VEVENT"))
        out["events"] = len(events)
        event = events[0]
        out["uid"] = str(event.get("uid"))
        out["sequence"] = int(event.get("sequence"))
        out["dtstart"] = event.decoded("dtstart").isoformat()
        out["dtend"] = event.decoded("dtend").isoformat()
        out["organizer"] = str(event.get("organizer"))
        attendees = event.get("attendee")
        if not isinstance(attendees, list):
            attendees = [attendees]
        out["attendees"] = sorted(str(a) for a in attendees)
        out["status"] = str(event.get("status"))
        out["url"] = str(event.get("url", ""))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
