"""Adding one row to a table, validated before anything is written.

The row is tried on a copy of the data package; only when the copy validates does the real file
change (in canonical form). Sources that nothing cites yet are tolerated, because a contributor adds
the source first and the facts citing it next; ``kb validate`` still reports them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
from pathlib import Path

from kb.csvfile import to_text, write_text
from kb.fmt import canonical_rows
from kb.schema import Package, Resource
from kb.validation import validate
from kb.validation.catalogue import Issue
from kb.validation.reader import Row, read_table

TODAY_FIELDS = ("checked", "accessed")


class Rejected(ValueError):
    """The row would make the data invalid; ``issues`` says why."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__(f"{len(issues)} problem(s)")


def complete(resource: Resource, values: dict[str, str], today: dt.date) -> dict[str, str]:
    """The row with every column: dates of checking default to today, other gaps stay empty."""
    unknown = set(values) - set(resource.field_names)
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    defaults = {name: today.isoformat() for name in TODAY_FIELDS if name in resource.field_names}
    return {name: values.get(name) or defaults.get(name, "") for name in resource.field_names}


def add(package: Package, resource: Resource, row: dict[str, str]) -> Path:
    """Insert ``row`` into the resource's file in canonical order, or raise Rejected (also when the
    data is already invalid: fix that first, so that the new row's problems stand out)."""
    existing = _blocking(validate(package.root).issues)
    if existing:
        raise Rejected(existing)
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / "data"
        shutil.copytree(package.root, trial)
        text = _with_row(resource, trial / resource.path, row)
        (trial / resource.path).write_text(text, encoding="utf-8", newline="")
        report = validate(trial)
    problems = _blocking(report.issues)
    if problems:
        raise Rejected([_relocate(issue, trial, package.root) for issue in problems])
    target = package.path(resource)
    write_text(target, text)
    return target


def _with_row(resource: Resource, path: Path, row: dict[str, str]) -> str:
    table, _ = read_table(resource, path, str(path))
    table.rows.append(Row(0, row))
    return to_text(resource.field_names, canonical_rows(table))


def _blocking(issues: list[Issue]) -> list[Issue]:
    return [issue for issue in issues if issue.code != "unused-source"]


def _relocate(issue: Issue, trial: Path, root: Path) -> Issue:
    """Name the real file in the issue (the trial copy is gone); lines are those the file would have."""
    return dataclasses.replace(issue, path=issue.path.replace(str(trial), str(root)))
