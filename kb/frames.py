"""The data package as pandas DataFrames with real dtypes, and back to CSV.

Text columns become ``string``, enums ``category`` (with the schema's categories), full dates
``datetime64``. A partial date column ``x`` becomes the first day it covers, plus a column
``x_precision`` (year, month or day), so that 2014 never silently means 2014-01-01.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from kb.csvfile import write
from kb.dates import PRECISIONS, PartialDate, format_partial, parse_partial
from kb.schema import DESCRIPTOR, Field, locate_data
from kb.validation import Report, validate
from kb.validation.descriptor import read_package
from kb.validation.reader import Table
from kb.validation.render import render

PRECISION = pd.CategoricalDtype(PRECISIONS)
SHOWN_ISSUES = 20


class DataError(ValueError):
    """The data package is invalid; ``issues`` lists every problem."""

    def __init__(self, report: Report) -> None:
        self.issues = report.issues
        lines = render(report).splitlines()
        if len(lines) > SHOWN_ISSUES + 1:
            lines = [*lines[:SHOWN_ISSUES], f"... {len(lines) - SHOWN_ISSUES - 1} more", lines[-1]]
        super().__init__("invalid data package:\n" + "\n".join(lines))


def load(root: Path | str | None = None, tables: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """Validate the data package in ``root`` (default: the project's data/) and return its tables
    by resource name, or only the ``tables`` named (a notebook's declaration of what it reads: any
    other table is then absent, so reading it fails). Raises DataError listing every problem when
    the data is invalid."""
    return frames(validate(root), tables)


def frames(report: Report, tables: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """The tables of a validation report as DataFrames (all, or the ``tables`` named); raises
    DataError if it found problems, KeyError for a name the package lacks."""
    if not report.ok:
        raise DataError(report)
    names = list(report.tables) if tables is None else list(tables)
    unknown = [name for name in names if name not in report.tables]
    if unknown:
        raise KeyError(f"no table {', '.join(unknown)}; the tables are {', '.join(report.tables)}")
    return {name: _frame(report.tables[name]) for name in names}


def _frame(table: Table) -> pd.DataFrame:
    columns: dict[str, object] = {}
    for field in table.resource.fields:
        values = [row.cells[field.name] for row in table.rows]
        if field.partial_date:
            parsed = [parse_partial(value) if value else None for value in values]
            columns[field.name] = pd.to_datetime([p.start if p else None for p in parsed])
            columns[f"{field.name}_precision"] = pd.Series(
                [p.precision if p else None for p in parsed], dtype=PRECISION
            )
        elif field.type == "date":
            columns[field.name] = pd.to_datetime([value or None for value in values])
        elif field.enum:
            columns[field.name] = pd.Series([value or None for value in values], dtype=pd.CategoricalDtype(field.enum))
        else:
            columns[field.name] = pd.Series([value or None for value in values], dtype="string")
    return pd.DataFrame({name: pd.Series(column).reset_index(drop=True) for name, column in columns.items()})


def dump(tables: dict[str, pd.DataFrame], root: Path | str, descriptor: Path | str | None = None) -> None:
    """Write ``tables`` as the CSV files of a data package in ``root``, with its descriptor."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    source = Path(descriptor) if descriptor else locate_data() / DESCRIPTOR
    shutil.copyfile(source, root / DESCRIPTOR)
    for resource in read_package(root).resources:
        frame = tables[resource.name]
        cells = [[_cell(field, frame, index) for field in resource.fields] for index in range(len(frame))]
        write(root / resource.path, resource.field_names, cells)


def _cell(field: Field, frame: pd.DataFrame, index: int) -> str:
    value = frame[field.name].iloc[index]
    if pd.isna(value):
        return ""
    if field.partial_date:
        return format_partial(value.date(), frame[f"{field.name}_precision"].iloc[index])
    if field.type == "date":
        return value.date().isoformat()
    return str(value)


def partial(row, column: str) -> PartialDate | None:
    """The partial date in ``row``'s ``column`` (a Timestamp beside its ``_precision``), or None if missing."""
    value = row[column]
    return None if pd.isna(value) else PartialDate(value.date(), row[f"{column}_precision"])


def partial_text(frame: pd.DataFrame, column: str) -> pd.Series:
    """A partial date column written back at its precision (2014, 2014-07 or 2014-07-01); '' when missing."""
    precision = frame[f"{column}_precision"]
    return pd.Series(
        [format_partial(v.date(), p) if pd.notna(v) else "" for v, p in zip(frame[column], precision, strict=True)],
        index=frame.index,
        dtype="string",
    )
