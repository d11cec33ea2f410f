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
from kb.reader import Row, Table
from kb.schema import DESCRIPTOR, read_package

# Columns holding distro or source ids, per table; organizations, runtimes and features are shared.
DISTRO_COLUMNS = {"distros": ["id"], "lineage": ["from", "to"], "events": ["subject", "object"],
                  "distro_runtimes": ["distro"], "distro_features": ["distro"]}  # fmt: skip
SOURCE_COLUMNS = ["source", "first_release_source", "end_of_life_source"]


def scale(source: Path, target: Path, factor: int) -> int:
    """Write ``factor`` copies of the package in ``source`` to ``target``; return the row count."""
    package = read_package(source)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / DESCRIPTOR, target / DESCRIPTOR)
    distros = {row["id"] for row in _rows(source / "distros.csv")}
    tables = {}
    for resource in package.resources:  # facts first, so that sources are copied only where cited
        original = _rows(source / resource.path)
        copies = [_copy(resource.name, row, copy, distros) for copy in range(1, factor) for row in original]
        tables[resource] = original + [row for row in copies if row]
    cited = {row[c] for rows in tables.values() for row in rows for c in SOURCE_COLUMNS if row.get(c)}
    total = 0
    for resource, rows in tables.items():
        if resource.name == "sources":
            rows = [row for row in rows if row["id"] in cited]
        table = Table(resource, str(target / resource.path), rows=[Row(0, row) for row in rows])
        write(target / resource.path, resource.field_names, canonical_rows(table))
        total += len(rows)
    return total


def _copy(table: str, row: dict[str, str], copy: int, distros: set[str]) -> dict[str, str] | None:
    suffix = f"-x{copy}"
    if table == "sources":
        return row | {"id": row["id"] + suffix, "url": f"{row['url']}{'&' if '?' in row['url'] else '?'}copy={copy}"}
    if table not in DISTRO_COLUMNS:
        return None  # shared tables are not copied
    columns = [c for c in DISTRO_COLUMNS[table] if row.get(c) in distros]
    if not columns:
        return None  # an event between organizations only happened once
    copied = row | {c: row[c] + suffix for c in columns} | {c: row[c] + suffix for c in SOURCE_COLUMNS if row.get(c)}
    if table == "distros":
        copied["name"] = f"{row['name']} (copy {copy})"
    return copied


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))
