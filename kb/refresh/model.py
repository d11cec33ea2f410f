"""What an adapter reads and what it proposes: feeds, proposed ``releases`` rows, adapters."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

Tables = Mapping[str, list[dict[str, str]]]


@dataclass(frozen=True)
class Feed:
    """One machine-readable document: its public URL and the ``sources`` row that cites it."""

    id: str
    url: str
    title: str
    publisher: str
    key: str = ""  # what the adapter needs to read it: a stream, a channel, a snap, a product


@dataclass(frozen=True)
class Proposal:
    """A ``releases`` row as a feed states it: the values the feed gives, empty where it gives none."""

    distro: str
    line: str
    kind: str
    rolling: str
    feed: Feed
    latest_version: str
    latest_date: str = ""
    started: str = ""
    end_of_support: str = ""
    quote: str = ""
    note: str = ""

    @property
    def values(self) -> dict[str, str]:
        """The dated facts the feed gives, by column."""
        names = ("started", "latest_version", "latest_date", "end_of_support")
        return {name: getattr(self, name) for name in names if getattr(self, name)}


class FeedError(Exception):
    """A feed could not be read or understood; the message says why, after its URL."""


@dataclass(frozen=True)
class Adapter:
    """One project's feeds and how to read them. A cross-check adapter only reports disagreements."""

    name: str
    feeds: Callable[[Tables], list[Feed]]
    parse: Callable[[Feed, object], list[Proposal]]
    headers: Mapping[str, str] = field(default_factory=dict)
    crosscheck: bool = False


def version_key(version: str) -> tuple[int, ...]:
    """Order versions by their numbers: 4593.2.10 after 4593.2.9, v1.11.3 after v1.9.0."""
    return tuple(int(number) for number in re.findall(r"\d+", version))


def day(timestamp: str) -> str:
    """The YYYY-MM-DD date at the start of an ISO-8601 timestamp ("2026-08-13 15:48:35 +0000" included)."""
    match = re.match(r"\d{4}-\d{2}-\d{2}", timestamp or "")
    if not match:
        raise FeedError(f"has a date that is not ISO 8601: {timestamp!r}")
    return match.group(0)


def fixed(*feeds: Feed) -> Callable[[Tables], list[Feed]]:
    """The feeds of an adapter whose URLs do not depend on the data."""
    return lambda tables: list(feeds)
