"""Scale the real data by a factor, keeping it valid: every distro and source is copied with a
suffixed id (and its facts with it), so that the tables grow linearly and no key collides."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.csvfile import write
from kb.fmt import canonical_rows
from kb.schema import DESCRIPTOR, Package, Resource
from kb.validation.descriptor import read_package
from kb.validation.reader import Row, Table


def scale(source: Path, target: Path, factor: int) -> int:
    """Write ``factor`` copies of the package in ``source`` to ``target``; return the row count."""
    package = read_package(source)
    distros = {row["id"] for row in _rows(source / "distros.csv")}
    tables = {}
    for resource in package.resources:  # facts first, so that sources are copied only where cited
        original = _rows(source / resource.path)
        copies = [_copy(resource, row, copy, distros) for copy in range(1, factor) for row in original]
        tables[resource.name] = original + [row for row in copies if row]
    cited = {row[c] for resource in package.resources for row in tables[resource.name] for c in resource.source_columns
             if row[c]}  # fmt: skip
    tables["sources"] = [row for row in tables["sources"] if row["id"] in cited]
    return _write(package, target, tables)


def crowded_events(source: Path, target: Path, count: int, distro: str = "flatcar") -> int:
    """The package in ``source`` plus ``count`` release events of one distro, one a day from 1970 on
    (all in one group of the duplicate-event check); return the row count."""
    package = read_package(source)
    tables = {resource.name: _rows(source / resource.path) for resource in package.resources}
    model = next(row for row in tables["events"] if row["subject"] == distro and row["basis"] == "stated")
    start = dt.date(1970, 1, 1)
    tables["events"] += [
        model | {"date": (start + dt.timedelta(days=day)).isoformat(), "kind": "release", "object": ""}
        for day in range(count)
    ]
    return _write(package, target, tables)


def lineage_cycles(source: Path, target: Path, count: int) -> int:
    """The package in ``source`` plus ``count`` pairs of new distros, each pair descending from one
    another (a two-cycle in lineage, every one an error); return the row count."""
    package = read_package(source)
    tables = {resource.name: _rows(source / resource.path) for resource in package.resources}
    model = tables["distros"][0]
    edge = next(row for row in tables["lineage"] if row["basis"] == "stated")
    for pair in range(count):
        first, second = f"cycle-{pair}-a", f"cycle-{pair}-b"
        tables["distros"] += [
            model | {"id": first, "name": f"Cycle {pair} A"},
            model | {"id": second, "name": f"Cycle {pair} B"},
        ]
        tables["lineage"] += [edge | {"from": first, "to": second}, edge | {"from": second, "to": first}]
    return _write(package, target, tables)


def _write(package: Package, target: Path, tables: dict[str, list[dict[str, str]]]) -> int:
    """Write the descriptor of ``package`` and ``tables`` (rows by resource name) in canonical form to ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(package.root / DESCRIPTOR, target / DESCRIPTOR)
    for resource in package.resources:
        rows = [Row(0, row) for row in tables[resource.name]]
        write(target / resource.path, resource.field_names, canonical_rows(Table(resource, str(target), rows=rows)))
    return sum(len(rows) for rows in tables.values())


def _copy(resource: Resource, row: dict[str, str], copy: int, distros: set[str]) -> dict[str, str] | None:
    """The ``copy``-th copy of a row about a distro or of a source; None for rows that are shared
    (organizations, runtimes, features, and events between organizations only)."""
    suffix = f"-x{copy}"
    if resource.name == "sources":
        return row | {"id": row["id"] + suffix, "url": f"{row['url']}{'&' if '?' in row['url'] else '?'}copy={copy}"}
    keys = ("id",) if resource.name == "distros" else resource.referring_to("distros")
    columns = [c for c in keys if row[c] in distros]
    if not columns:
        return None
    copied = row | {c: row[c] + suffix for c in [*columns, *resource.source_columns] if row[c]}
    if resource.name == "distros":
        copied["name"] = f"{row['name']} (copy {copy})"
    return copied


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))
