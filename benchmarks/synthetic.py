"""Scale the real data by a factor, keeping it valid: every distro and source is copied with a
suffixed id (and its facts with it), so that the tables grow linearly and no key collides."""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.csvfile import write
from kb.fmt import canonical_rows
from kb.schema import DESCRIPTOR, Resource
from kb.validation.descriptor import read_package
from kb.validation.reader import Row, Table


def scale(source: Path, target: Path, factor: int) -> int:
    """Write ``factor`` copies of the package in ``source`` to ``target``; return the row count."""
    package = read_package(source)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / DESCRIPTOR, target / DESCRIPTOR)
    distros = {row["id"] for row in _rows(source / "distros.csv")}
    tables = {}
    for resource in package.resources:  # facts first, so that sources are copied only where cited
        original = _rows(source / resource.path)
        copies = [_copy(resource, row, copy, distros) for copy in range(1, factor) for row in original]
        tables[resource] = original + [row for row in copies if row]
    cited = {row[c] for resource, rows in tables.items() for row in rows for c in resource.source_columns if row[c]}
    total = 0
    for resource, rows in tables.items():
        if resource.name == "sources":
            rows = [row for row in rows if row["id"] in cited]
        table = Table(resource, str(target / resource.path), rows=[Row(0, row) for row in rows])
        write(target / resource.path, resource.field_names, canonical_rows(table))
        total += len(rows)
    return total


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
