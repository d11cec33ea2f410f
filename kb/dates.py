"""Partial dates: YYYY, YYYY-MM or YYYY-MM-DD, kept at the precision the source gives."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import os
import re
from typing import Literal, NamedTuple, get_args

Precision = Literal["year", "month", "day"]
PRECISIONS: tuple[Precision, ...] = get_args(Precision)  # coarse to fine

_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")  # ASCII digits only, not any \d
TODAY = "KB_TODAY"


class PartialDate(NamedTuple):
    """A date known to a year, a month or a day; ``start`` is the first day it covers."""

    start: dt.date
    precision: Precision

    @property
    def end(self) -> dt.date:
        """The last day the partial date covers."""
        if self.precision == "day":
            return self.start
        if self.precision == "month":  # computed within the month: December 9999 has no following month
            return self.start.replace(day=calendar.monthrange(self.start.year, self.start.month)[1])
        return dt.date(self.start.year, 12, 31)

    def __str__(self) -> str:
        return format_partial(self.start, self.precision)


@functools.lru_cache(maxsize=8192)  # the same few thousand dates recur across a package's rows
def parse_partial(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError with a reason otherwise."""
    match = _PARTIAL.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    precision: Precision = "day" if day else "month" if month else "year"
    try:
        start = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        raise ValueError(f"{text!r} is not a calendar date ({error})") from None
    return PartialDate(start, precision)


def parse_full(text: str) -> dt.date:
    """Parse a complete ``YYYY-MM-DD`` date; raise ValueError with a reason otherwise."""
    parsed = parse_partial(text)
    if parsed.precision != "day":
        raise ValueError(f"{text!r} is not a full date of the form YYYY-MM-DD")
    return parsed.start


def format_partial(start: dt.date, precision: Precision) -> str:
    """Write a date back at its precision."""
    text = start.isoformat()
    return {"year": text[:4], "month": text[:7], "day": text}[precision]


def today() -> dt.date:
    """The date every check, chart and page of one run counts as today: $KB_TODAY (YYYY-MM-DD)
    when set, for reproducible runs, else the clock's. Raises ValueError if $KB_TODAY is malformed."""
    if text := os.environ.get(TODAY):
        try:
            return parse_full(text)
        except ValueError as error:
            raise ValueError(f"{TODAY}: {error}") from None
    return dt.date.today()
