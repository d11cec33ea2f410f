"""Checks of meaning: date order, status and end of life, lineage loops and cycles, duplicated facts,
why a runtime row ends, rolling release lines."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterator

from kb.dates import PRECISIONS, PartialDate, parse_partial
from kb.schema import ALIVE, ENDED
from kb.validation.catalogue import Issue, issue
from kb.validation.confusables import skeleton
from kb.validation.reader import Row, Table

PERIOD_TABLES = {"distro_features": "feature", "distro_runtimes": "runtime"}


def check_rules(tables: dict[str, Table], today: dt.date) -> list[Issue]:
    """Run every rule whose tables are present."""
    issues = []
    if "distros" in tables:
        issues += _distro_dates(tables["distros"], today)
    for table in tables.values():
        if "name" in table.columns:
            issues += _repeated_names(table)
    if "sources" in tables:
        issues += _ordered(tables["sources"], "published", "accessed")
    if "lineage" in tables:
        issues += _lineage(tables["lineage"])
    if "events" in tables:
        issues += _coarser_events(tables["events"])
    for name, subject in PERIOD_TABLES.items():
        if name in tables:
            issues += _ordered(tables[name], "since", "until")
            issues += _overlapping_periods(tables[name], subject)
    if "distro_runtimes" in tables:
        issues += _why_ended(tables["distro_runtimes"])
    if "releases" in tables:
        issues += _ordered(tables["releases"], "started", "latest_date", "end_of_support")
        issues += _rolling_without_end(tables["releases"], today)
    return issues


def _date(row: Row, column: str) -> PartialDate | None:
    """The partial date in a cell, or None if it is empty or invalid (reported elsewhere)."""
    text = row.cells.get(column, "")
    if not text:
        return None  # the common case, without raising
    try:
        return parse_partial(text)
    except ValueError:
        return None


def _at(table: Table, row: Row, column: str, code: str, message: str) -> Issue:
    return issue(table.path, row.line, table.columns.get(column, 1), code, message)


def _ordered(table: Table, *columns: str) -> Iterator[Issue]:
    """Dates that must follow one another in the order of ``columns``; empty cells are skipped, so
    each date is compared with the nearest given one before it."""
    for row in table.rows:
        given = [(column, date) for column in columns if (date := _date(row, column))]
        for (first, start), (last, end) in itertools.pairwise(given):
            if start.start > end.end:
                yield _at(table, row, first, "date-order", f"{first} {start} lies after {last} {end}")


def _distro_dates(table: Table, today: dt.date) -> list[Issue]:
    issues = list(_ordered(table, "first_release", "end_of_life"))
    for row in table.rows:
        status, end = row.cells.get("status"), _date(row, "end_of_life")
        if status == ENDED and end and end.start > today:
            problem = f"status is {ENDED} but end_of_life {end} is in the future (use {ALIVE[-1]})"
        elif status in ALIVE and end and end.end < today:
            problem = f"status is {status} but end_of_life {end} has passed (use {ENDED})"
        else:
            continue
        issues.append(_at(table, row, "status", "status-mismatch", problem))
    return issues


def _repeated_names(table: Table) -> Iterator[Issue]:
    """Two rows whose names are the same, or look the same (UTS #39 skeleton: a Cyrillic о for a
    Latin o, 0 for O), are one entity recorded twice, or an impostor."""
    seen: dict[str, Row] = {}
    for row in table.rows:
        name = row.cells.get("name", "")
        if not name:
            continue
        key = skeleton(name.casefold()).casefold()
        first = seen.setdefault(key, row)
        if first is not row:
            same = first.cells["name"].casefold() == name.casefold()
            where = f"{first.cells.get('id')!r} on line {first.line}"
            if same:
                yield _at(table, row, "name", "duplicate-fact", f"name {name!r} is already recorded as {where}")
            else:
                shown = first.cells["name"]
                yield _at(
                    table, row, "name", "confusable-name", f"name {name!r} looks like {shown!r}, recorded as {where}"
                )


def _lineage(table: Table) -> list[Issue]:
    issues = []
    children: dict[str, list[tuple[str, Row]]] = defaultdict(list)
    for row in table.rows:
        source, target = row.cells.get("from", ""), row.cells.get("to", "")
        if source and source == target:
            issues.append(_at(table, row, "to", "self-loop", f"{source!r} cannot descend from itself"))
        elif source and target:
            children[source].append((target, row))
    for row, cycle in _closing_edges(children):
        issues.append(_at(table, row, "from", "lineage-cycle", "lineage cycle: " + " -> ".join(cycle)))
    return issues


def _closing_edges(children: dict[str, list[tuple[str, Row]]]) -> Iterator[tuple[Row, list[str]]]:
    """The edges whose removal leaves the lineage acyclic, each with the cycle it closes (long cycles
    shortened to their ends). One depth-first search, without recursion, in file order: an edge that
    leads back to a distro on the current path closes a cycle, so the later of two edges is blamed.
    O(edges), whatever the number of cycles."""
    done: set[str] = set()
    for root in sorted(children, key=lambda node: children[node][0][1].line):
        if root in done:
            continue
        path, on_path = [root], {root: 0}
        pending = [iter(sorted(children[root], key=lambda edge: edge[1].line))]
        while pending:
            step = next(pending[-1], None)
            if step is None:
                pending.pop()
                finished = path.pop()
                del on_path[finished]
                done.add(finished)
                continue
            child, row = step
            if child in on_path:
                yield row, _shown_cycle(path[on_path[child] :], child)
            elif child not in done:
                on_path[child] = len(path)
                path.append(child)
                pending.append(iter(sorted(children.get(child, []), key=lambda edge: edge[1].line)))


def _shown_cycle(members: list[str], start: str, ends: int = 4) -> list[str]:
    if len(members) > 2 * ends:
        members = [*members[:ends], "…", *members[-ends:]]
    return [*members, start]


def _coarser_events(table: Table) -> Iterator[Issue]:
    """An event given once at a year (or month) and again at a finer date within it is one event
    recorded twice. Per kind, subject and object, the finer dates are sorted once and each coarse
    date looks up the first finer one in its span: O(n log n)."""
    groups: dict[tuple[str, str, str], list[tuple[Row, PartialDate]]] = defaultdict(list)
    for row in table.rows:
        date = _date(row, "date")
        if date:
            groups[(row.cells.get("kind", ""), row.cells.get("subject", ""), row.cells.get("object", ""))].append(
                (row, date)
            )
    for group in groups.values():
        by_precision: dict[str, list[tuple[dt.date, int, Row]]] = defaultdict(list)
        for row, date in group:
            by_precision[date.precision].append((date.start, row.line, row))
        for dated in by_precision.values():
            dated.sort(key=lambda item: item[:2])
        for row, date in group:
            finer = [
                match
                for precision in PRECISIONS[_rank(date) + 1 :]
                if (match := _first_within(by_precision[precision], date)) is not None
            ]
            if finer:
                line = min(other.line for other in finer)
                message = f"this {row.cells['kind']} event repeats line {line} at a coarser date"
                yield _at(table, row, "date", "duplicate-fact", message)


def _first_within(dated: list[tuple[dt.date, int, Row]], date: PartialDate) -> Row | None:
    """The first row of ``dated`` (sorted by start) whose date starts within ``date``'s span."""
    index = bisect.bisect_left(dated, date.start, key=lambda item: item[0])
    if index < len(dated) and dated[index][0] <= date.end:
        return dated[index][2]
    return None


def _rank(date: PartialDate) -> int:
    return PRECISIONS.index(date.precision)


def _overlapping_periods(table: Table, subject: str) -> Iterator[Issue]:
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in table.rows:
        groups[(row.cells.get("distro", ""), row.cells.get(subject, ""))].append(row)
    for (distro, thing), rows in groups.items():
        if len(rows) < 2:
            continue
        spans = sorted((_bounds(row), row.line, row) for row in rows)
        (_, longest_end), _, longest = spans[0]
        for (start, end), _, row in spans[1:]:
            if start < longest_end and row.cells.get("since") != longest.cells.get("since"):
                yield _at(
                    table,
                    row,
                    "since",
                    "overlapping-periods",
                    f"{distro} / {thing} overlaps the period on line {longest.line}; set until on one of them",
                )
            if end > longest_end:
                longest, longest_end = row, end


def _bounds(row: Row) -> tuple[dt.date, dt.date]:
    """Start and end of the period a row covers; open ends reach the edges of time."""
    since, until = _date(row, "since"), _date(row, "until")
    return (since.start if since else dt.date.min, until.start if until else dt.date.max)


def _why_ended(table: Table) -> Iterator[Issue]:
    """A runtime row that ends says why (ended); one that does not end has no reason to give."""
    for row in table.rows:
        until, ended = row.cells.get("until"), row.cells.get("ended")
        if until and not ended:
            yield _at(table, row, "ended", "ended-mismatch", f"until is {until}: say in ended why the row ends")
        elif ended and not until:
            yield _at(
                table,
                row,
                "ended",
                "ended-mismatch",
                f"ended is {ended!r} but until is empty: set until or empty ended",
            )


def _rolling_without_end(table: Table, today: dt.date) -> Iterator[Issue]:
    """A rolling line has no end by design: it may have closed (an end in the past, with its
    distribution), but it cannot have a scheduled end."""
    for row in table.rows:
        end = row.cells.get("end_of_support")
        if row.cells.get("rolling") == "yes" and end and _starts_after(end, today):
            yield _at(
                table,
                row,
                "end_of_support",
                "rolling-with-end",
                f"a rolling line has no scheduled end, but end_of_support is {end}",
            )


def _starts_after(value: str, today: dt.date) -> bool:
    try:
        return parse_partial(value).start > today
    except ValueError:  # reported by the cell checks
        return False
