"""Running the adapters: fetch every feed, compare, print the diff, write through kb.change.apply.

One feed failing (HTTP error, timeout, a payload in another shape) costs only its own rows: it gets
one line on standard error, the other feeds go on, and the exit code is 1.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from kb.change import apply, complete
from kb.refresh.diff import ADDED, DISAGREES, UPDATED, Change, compare, written
from kb.refresh.fetch import get_json
from kb.refresh.model import Adapter, FeedError, Proposal, Tables
from kb.schema import Package
from kb.validation.reader import Row, read_table


@dataclass
class Outcome:
    """What a run found: the changes, the feeds that failed, the rows left out for want of their distro."""

    changes: list[Change] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


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
    distros = {row["id"] for row in data["distros"]}
    outcome = Outcome()
    for adapter in adapters:
        for feed in adapter.feeds(data):
            try:
                proposals = adapter.parse(feed, get_json(feed.url, adapter.headers, base))
            except FeedError as error:
                outcome.failures.append(f"kb refresh: {adapter.name}: {feed.url}: {error}")
                continue
            for proposal in proposals:
                if proposal.distro not in distros:
                    outcome.skipped.append(f"kb refresh: {adapter.name}: {proposal.distro} is not in distros; skipped")
                    continue
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
    """The row to write: the old one with the changed cells, the feed as source, checked today. Cells
    the feed does not change keep their old source: in end_of_support_source, or said in the note."""
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
    taken = {name: new for name, _, new in change.cells}
    notes = [cells.get("note", "")]
    if old is not None and old.get("source") != source:
        if old.get("started") and "started" not in taken:
            notes.append(f"started per source {old['source']}.")
        if old.get("end_of_support") and "end_of_support" not in taken and not old.get("end_of_support_source"):
            cells["end_of_support_source"] = old["source"]
    if set(proposal.values) <= set(taken) | {k for k, v in proposal.values.items() if cells.get(k) == v}:
        notes.append(proposal.note)
    note = " ".join(n for n in dict.fromkeys(notes) if n)
    return (
        cells
        | taken
        | {"note": note, "source": source, "quote": proposal.quote, "checked": today.isoformat(), "basis": "stated"}
    )


def write(package: Package, outcome: Outcome, data: Tables, today: dt.date) -> int:
    """Write the sources the changes cite, then the changed rows; return how many rows were written."""
    changes = {(c.proposal.distro, c.proposal.line): c for c in outcome.changes if written(c)}
    if not changes:
        return 0
    sources, releases = package.resource("sources"), package.resource("releases")
    feeds = {change.proposal.feed.url: change.proposal.feed for change in changes.values()}
    known = {row["url"]: row["id"] for row in data["sources"]}
    ids = {url: known.get(url, feed.id) for url, feed in feeds.items()}
    accessed = {"accessed": today.isoformat()}

    def with_sources(rows: list[Row]) -> list[Row]:
        kept = [Row(row.line, row.cells | accessed) if row.cells["url"] in feeds else row for row in rows]
        cells = [
            {"id": feed.id, "url": url, "title": feed.title, "publisher": feed.publisher, "type": "feed"} | accessed
            for url, feed in feeds.items()
            if url not in known
        ]
        return kept + [Row(0, complete(sources, row, today)) for row in cells]

    def with_releases(rows: list[Row]) -> list[Row]:
        def cells(key, old):
            change = changes[key]
            return complete(
                releases, release_row(change.proposal, old, change, today, ids[change.proposal.feed.url]), today
            )

        present = {(row.cells["distro"], row.cells["line"]) for row in rows}
        kept = [
            Row(row.line, cells(key, row.cells))
            if (key := (row.cells["distro"], row.cells["line"])) in changes
            else row
            for row in rows
        ]
        return kept + [Row(0, cells(key, None)) for key in changes if key not in present]

    apply(package, sources, with_sources)
    apply(package, releases, with_releases)
    return len(changes)


def report(outcome: Outcome) -> None:
    """The diff on standard output, one failure line per feed on standard error."""
    for change in outcome.changes:
        if change.verdict != "same":
            print(render(change))
    for line in [*dict.fromkeys(outcome.skipped), *outcome.failures]:
        print(line, file=sys.stderr)
