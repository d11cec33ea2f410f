"""Changing a table: adding, removing or editing rows, validated before anything is written.

Every change runs under the data folder's lock and is tried on a copy of the package; only when the
copy validates does the real file change (in canonical form). Sources that nothing cites yet are
tolerated, because a contributor adds the source first and the facts citing it next; ``kb validate``
still reports them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from kb.csvfile import WriteRefused, locked, to_text, write_text
from kb.fmt import canonical_rows
from kb.schema import DESCRIPTOR, Package, Resource
from kb.validation import validate
from kb.validation.catalogue import Issue
from kb.validation.reader import Row, read_table

TODAY_FIELDS = ("checked", "accessed")


class Rejected(ValueError):
    """The change would make the data invalid; ``issues`` says why."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__(f"{len(issues)} problem(s)")


class NoMatch(LookupError):
    """The rows to remove or edit are not there, or not the one row the command expects."""


def complete(resource: Resource, values: dict[str, str], today: dt.date) -> dict[str, str]:
    """The row with every column: dates of checking default to today, other gaps stay empty."""
    _known_columns(resource, values)
    defaults = {name: today.isoformat() for name in TODAY_FIELDS if name in resource.field_names}
    return {name: values.get(name) or defaults.get(name, "") for name in resource.field_names}


def add(package: Package, resource: Resource, row: dict[str, str]) -> Path:
    """Insert ``row`` into the resource's file in canonical order, or raise Rejected (also when the
    data is already invalid: fix that first, so that the new row's problems stand out)."""
    return apply(package, resource, lambda rows: [*rows, Row(0, row)])


def remove(package: Package, resource: Resource, match: dict[str, str], every: bool = False) -> Path:
    """Delete the row whose cells equal ``match`` (every such row with ``every``)."""

    def without(rows: list[Row]) -> list[Row]:
        chosen = _matching(resource, rows, match, every)
        return [row for row in rows if row not in chosen]

    return apply(package, resource, without)


def edit(
    package: Package, resource: Resource, match: dict[str, str], changes: dict[str, str], every: bool = False
) -> Path:
    """Set the cells ``changes`` in the row whose cells equal ``match`` (every such row with ``every``)."""
    _known_columns(resource, changes)

    def edited(rows: list[Row]) -> list[Row]:
        chosen = _matching(resource, rows, match, every)
        return [Row(row.line, row.cells | changes) if row in chosen else row for row in rows]

    return apply(package, resource, edited)


def apply(package: Package, resource: Resource, transform: Callable[[list[Row]], list[Row]]) -> Path:
    """Replace the resource's rows by ``transform(rows)``, under the lock, if the package then validates."""
    with locked(package.root):
        existing = _blocking(validate(package.root).issues)
        if existing:
            raise Rejected(existing)
        target = package.path(resource)
        table, _ = read_table(resource, target, str(target))
        table.rows = transform(table.rows)
        text = to_text(resource.field_names, canonical_rows(table))
        with tempfile.TemporaryDirectory() as folder:
            trial = Path(folder) / "data"
            _copy_package(package, trial)
            (trial / resource.path).write_text(text, encoding="utf-8", newline="", errors="surrogateescape")
            report = validate(trial)
        problems = _blocking(report.issues)
        if problems:
            raise Rejected([_relocate(issue, trial, package.root) for issue in problems])
        write_text(target, text)
    return target


def _copy_package(package: Package, trial: Path) -> None:
    """The descriptor and the files it names, and nothing else; a symlink is refused, never followed."""
    trial.mkdir()
    for name in (DESCRIPTOR, *(resource.path for resource in package.resources)):
        source = package.root / name
        if source.is_symlink():
            raise WriteRefused(f"{source} is a symbolic link; kb writes only real files inside the data folder")
        if source.is_file():
            (trial / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, trial / name)


def _matching(resource: Resource, rows: list[Row], match: dict[str, str], every: bool) -> list[Row]:
    _known_columns(resource, match)
    chosen = [row for row in rows if all(row.cells.get(name) == value for name, value in match.items())]
    described = ", ".join(f"{name}={value}" for name, value in match.items())
    if not chosen:
        raise NoMatch(f"no row of {resource.name} has {described}")
    if len(chosen) > 1 and not every:
        keys = ", ".join(resource.primary_key)
        raise NoMatch(
            f"{len(chosen)} rows of {resource.name} have {described}; name more columns ({keys}) or give --all"
        )
    return chosen


def _known_columns(resource: Resource, values: dict[str, str]) -> None:
    unknown = set(values) - set(resource.field_names)
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))


def _blocking(issues: list[Issue]) -> list[Issue]:
    return [issue for issue in issues if issue.code != "unused-source"]


def _relocate(issue: Issue, trial: Path, root: Path) -> Issue:
    """Name the real file in the issue (the trial copy is gone); lines are those the file would have."""
    return dataclasses.replace(issue, path=issue.path.replace(str(trial), str(root)))
