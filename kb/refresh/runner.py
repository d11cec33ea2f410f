"""Running the adapters: fetch every feed, compare, print the diff, write through kb.change.apply.

One feed failing (HTTP error, timeout, a payload in another shape) costs only its own rows: it gets
one line on standard error, the other feeds go on, and the exit code is 1.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from kb.change import apply
from kb.reader import Row, read_table
from kb.refresh.diff import ADDED, DISAGREES, UPDATED, Change, compare, written
from kb.refresh.fetch import get_json
from kb.refresh.model import Adapter, FeedError, Proposal, Tables
from kb.schema import Package

KEY = ("distro", "line")


@dataclass
class Outcome:
    """What a run found: the changes, the feeds that failed, and what was written."""

    changes: list[Change] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def tables(package: Package, names: Sequence[str] = ("distros", "sources", "releases")) -> dict:
    """The named tables as lists of cell dicts."""
    found = {}
    for name in names:
        resource = package.resource(name)
        table, _ = read_table(resource, package.path(resource), str(package.path(resource)))
        found[name] = [row.cells for row in table.rows] if table else []
    return found


def collect(adapters: Sequence[Adapter], data: Tables, base: str | None) -> Outcome:
    """Fetch every feed of every adapter and compare what it says with the releases rows."""
    rows = {(row["distro"], row["line"]): row for row in data["releases"]}
    outcome = Outcome()
    for adapter in adapters:
        for feed in adapter.feeds(data):
            try:
                proposals = adapter.parse(feed, get_json(feed.url, adapter.headers, base))
            except FeedError as error:
                outcome.failures.append(f"kb refresh: {adapter.name}: {feed.url}: {error}")
                continue
            for proposal in proposals:
                row = rows.get((proposal.distro, proposal.line))
                outcome.changes.append(compare(proposal, row, adapter.crosscheck))
    return outcome


def render(change: Change) -> str:
    """One line of the reviewable diff: + added, ~ changed (! when a stated row moves on), ? disagrees."""
    p = change.proposal
    mark = {ADDED: "+", UPDATED: "~!", DISAGREES: "?"}.get(change.verdict, "~")
    cells = ", ".join(f"{name} {old or '∅'} → {new}" for name, old, new in change.cells)
    reason = f" [{change.reason}]" if change.reason else ""
    return f"{mark} releases {p.distro} {p.line}: {cells}{reason} ({p.feed.url})"


def release_row(proposal: Proposal, old: dict[str, str] | None, change: Change, today: dt.date, source: str):
    """The row to write: the old one with the changed cells, the feed as source, checked today."""
    cells = dict(
        old
        or {
            "distro": proposal.distro,
            "line": proposal.line,
            "kind": proposal.kind,
            "rolling": proposal.rolling,
            "basis": "stated",
        }
    )
    cells |= {name: new for name, _, new in change.cells}
    moved = old is not None and old.get("source") != source
    if moved and old.get("started") and "started" not in proposal.values:
        cells["note"] = " ".join(filter(None, [old.get("note", ""), f"started per source {old['source']}."]))
    if moved and old.get("end_of_support") and not old.get("end_of_support_source"):
        cells["end_of_support_source"] = old["source"]
    if proposal.note and proposal.note not in cells.get("note", ""):
        cells["note"] = " ".join(filter(None, [cells.get("note", ""), proposal.note]))
    return cells | {"source": source, "quote": proposal.quote, "checked": today.isoformat(), "basis": "stated"}


def write(package: Package, outcome: Outcome, data: Tables, today: dt.date) -> int:
    """Write the sources the changes cite, then the changed rows; return how many rows were written."""
    changes = [change for change in outcome.changes if written(change)]
    if not changes:
        return 0
    by_url = {row["url"]: row["id"] for row in data["sources"]}
    feeds = {change.proposal.feed.url: change.proposal.feed for change in changes}
    ids = {url: by_url.get(url, feed.id) for url, feed in feeds.items()}

    def with_sources(rows: list[Row]) -> list[Row]:
        kept = [
            Row(row.line, row.cells | {"accessed": today.isoformat()}) if row.cells["url"] in feeds else row
            for row in rows
        ]
        new = [
            Row(
                0,
                {
                    "id": feed.id,
                    "url": url,
                    "title": feed.title,
                    "publisher": feed.publisher,
                    "accessed": today.isoformat(),
                    "type": "feed",
                },
            )
            for url, feed in feeds.items()
            if url not in by_url
        ]
        return kept + new

    old = {(row["distro"], row["line"]): row for row in data["releases"]}

    def with_releases(rows: list[Row]) -> list[Row]:
        chosen = {(c.proposal.distro, c.proposal.line): c for c in changes}
        result = []
        for row in rows:
            key = (row.cells["distro"], row.cells["line"])
            change = chosen.pop(key, None)
            cells = (
                release_row(change.proposal, row.cells, change, today, ids[change.proposal.feed.url])
                if change
                else None
            )
            result.append(Row(row.line, cells) if cells else row)
        for key, change in chosen.items():
            result.append(
                Row(0, release_row(change.proposal, old.get(key), change, today, ids[change.proposal.feed.url]))
            )
        return result

    apply(package, package.resource("sources"), with_sources)
    apply(package, package.resource("releases"), with_releases)
    return len(changes)


def report(outcome: Outcome, out=sys.stdout, err=sys.stderr) -> None:
    """The diff on standard output, one failure line per feed on standard error."""
    for change in outcome.changes:
        if change.verdict != "same":
            print(render(change), file=out)
    for line in outcome.failures:
        print(line, file=err)
