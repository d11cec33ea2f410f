"""Canonical form of the data files: columns in schema order, rows sorted by primary key, minimal
quoting, LF line ends, one trailing newline, no BOM and no blank lines. Rewriting never loses a
cell: the rows before and after are compared before anything is written."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kb.csvfile import to_text
from kb.schema import Package, Resource
from kb.validation.catalogue import Issue
from kb.validation.reader import Table, read_table

# Problems fmt repairs itself; any other structural problem stops it from touching the file.
REPAIRED = {"bom", "blank-line", "column-order"}


@dataclass
class Outcome:
    """What fmt found for one file: its canonical text, or the issues that keep it from rewriting."""

    path: Path
    canonical: str | None
    current: str
    issues: list[Issue]

    @property
    def changed(self) -> bool:
        return self.canonical is not None and self.canonical != self.current


def canonical_rows(table: Table) -> list[list[str]]:
    """The rows in schema column order, sorted by primary key (then by every column, for ties)."""
    names = table.resource.field_names
    rows = [[row.cells[name] for name in names] for row in table.rows]
    key = [names.index(name) for name in table.resource.primary_key]
    return sorted(rows, key=lambda row: ([row[i] for i in key], row))


def format_file(resource: Resource, path: Path) -> Outcome:
    """The canonical text of one file, if it can be produced without losing anything."""
    # read as bytes: text mode would turn CRLF line ends into LF and hide them
    current = path.read_bytes().decode("utf-8", "surrogateescape") if path.is_file() else ""
    table, issues = read_table(resource, path, str(path))
    blocking = [issue for issue in issues if issue.code not in REPAIRED]
    if table is None or blocking:
        return Outcome(path, None, current, blocking)
    rows = canonical_rows(table)
    before = Counter(tuple(row.cells[name] for name in resource.field_names) for row in table.rows)
    if Counter(map(tuple, rows)) != before:
        raise RuntimeError(f"{path}: formatting would change the rows; nothing written")
    return Outcome(path, to_text(resource.field_names, rows), current, [])


def format_package(package: Package) -> list[Outcome]:
    return [format_file(resource, package.path(resource)) for resource in package.resources]
