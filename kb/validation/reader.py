"""Reading one CSV file into rows that remember their physical line, checking its structure."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from kb.schema import Resource
from kb.validation.catalogue import Issue, issue
from kb.validation.wording import suggest


@dataclass(slots=True)  # one per row: slots make them quicker to create and smaller
class Row:
    """A data row: its first physical line and its cells by column name."""

    line: int
    cells: dict[str, str]


@dataclass
class Table:
    """The rows of one resource as read from disk, with each column's position in the file."""

    resource: Resource
    path: str
    columns: dict[str, int] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)


def read_table(resource: Resource, file: Path, display: str) -> tuple[Table | None, list[Issue]]:
    """Read ``file`` for ``resource``; return the table (None if unreadable) and the structural issues."""
    if not file.is_file():
        return None, [
            issue(display, 1, 1, "missing-file", f"{resource.path} is listed in datapackage.json but does not exist")
        ]
    text = file.read_bytes().decode("utf-8", "surrogateescape")
    issues: list[Issue] = []
    if text.startswith("\ufeff"):
        issues.append(
            issue(display, 1, 1, "bom", "the file starts with a byte order mark; save it as UTF-8 without BOM")
        )
        text = text[1:]
    table = Table(resource, display)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            issues.append(
                issue(
                    display,
                    line,
                    1,
                    "malformed-csv",
                    f"{error} in the row starting here; the rest of the file is not read",
                )
            )
            break
        if not cells:
            issues.append(issue(display, line, 1, "blank-line", "blank line"))
        elif header is None:
            header = cells
            issues += _check_header(table, header)
            names = list(table.columns)
            pick = _picker([index - 1 for index in table.columns.values()])
        elif len(cells) != len(header):
            column = min(len(cells), len(header)) + 1
            issues.append(
                issue(
                    display,
                    line,
                    column,
                    "ragged-row",
                    f"the row has {len(cells)} cells but the header has {len(header)} columns",
                )
            )
        else:
            table.rows.append(Row(line, dict(zip(names, pick(cells), strict=True))))
    if header is None:
        issues.append(issue(display, 1, 1, "empty-file", "the file has no header row"))
    return table, issues


def _picker(positions: list[int]):
    """A fast function taking the cells at ``positions`` from a row, as a tuple."""
    if len(positions) > 1:
        return itemgetter(*positions)
    return lambda cells: tuple(cells[position] for position in positions)


def _check_header(table: Table, header: list[str]) -> list[Issue]:
    """Map the schema's columns to their positions and report what does not match the schema."""
    expected = table.resource.field_names
    issues = []
    for index, name in enumerate(header, start=1):
        if name in table.columns:
            issues.append(issue(table.path, 1, index, "duplicate-column", f"column {name!r} appears twice"))
        elif name not in expected:
            issues.append(
                issue(
                    table.path,
                    1,
                    index,
                    "extra-column",
                    f"column {name!r} is not in the schema{suggest(name, expected)}",
                )
            )
        else:
            table.columns[name] = index
    for name in expected:
        if name not in table.columns:
            issues.append(issue(table.path, 1, len(header) + 1, "missing-column", f"column {name!r} is missing"))
    present = [name for name in header if name in expected]
    if not issues and present != list(expected):
        issues.append(issue(table.path, 1, 1, "column-order", "columns should be in this order: " + ",".join(expected)))
    return issues
