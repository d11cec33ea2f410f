"""An iCalendar file (RFC 5545) of all-day events, written by hand to the letter of the RFC.

Content lines end with CRLF and fold at 75 octets (never inside a UTF-8 character); TEXT values go
through ``ics_text``; DTSTAMP comes from the data, so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kb.escaping import ics_text, safe_url

LIMIT = 75  # octets per line, CRLF excluded
PRODID = "-//Container OS Knowledge Base//kb//EN"


@dataclass(frozen=True)
class Event:
    """An all-day event on ``day``; ``stamp`` is when its information was last confirmed."""

    uid: str
    day: dt.date
    stamp: dt.date
    summary: str
    description: str
    url: str | None = None


def fold(line: str) -> str:
    """One content line folded into pieces of at most 75 octets, each continuation led by a space."""
    pieces, current, size, limit = [], "", 0, LIMIT
    for character in line:
        octets = len(character.encode("utf-8"))
        if size + octets > limit:
            pieces.append(current)
            current, size, limit = "", 0, LIMIT - 1  # the leading space counts
        current += character
        size += octets
    pieces.append(current)
    return "\r\n ".join(pieces) + "\r\n"


def _day(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def _uri(url: str | None) -> str | None:
    """A URL fit for a URI value: http(s) only, as a browser reads it (no whitespace, no controls)."""
    seen = safe_url(url)
    return seen if seen and seen.startswith(("http://", "https://")) else None


def render(events: list[Event], name: str) -> str:
    """The calendar: events by day, then uid."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    lines.append(f"X-WR-CALNAME:{ics_text(name)}")
    for event in sorted(events, key=lambda event: (event.day, event.uid)):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{ics_text(event.uid)}",
            f"DTSTAMP:{_day(event.stamp)}T000000Z",
            f"DTSTART;VALUE=DATE:{_day(event.day)}",
            f"DTEND;VALUE=DATE:{_day(event.day + dt.timedelta(days=1))}",
            f"SUMMARY:{ics_text(event.summary)}",
            f"DESCRIPTION:{ics_text(event.description)}",
            "TRANSP:TRANSPARENT",
        ]
        if url := _uri(event.url):
            lines.append(f"URL:{url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
