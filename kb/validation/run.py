"""Validation of the whole data package: every problem of every file, collected in one pass."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kb import dates
from kb.schema import DESCRIPTOR, Package, locate_data
from kb.validation.catalogue import Issue
from kb.validation.cells import check_cells
from kb.validation.descriptor import read_descriptor
from kb.validation.evidence import check_evidence
from kb.validation.files import stray_files
from kb.validation.reader import Table, read_table
from kb.validation.references import check_references, check_unique
from kb.validation.rules import check_rules


@dataclass
class Report:
    """What a validation found, and the tables it read (reused by the loader)."""

    issues: list[Issue] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    package: Package | None = None

    @property
    def files(self) -> int:
        return len(self.tables) + (self.package is not None)

    @property
    def rows(self) -> int:
        return sum(len(table.rows) for table in self.tables.values())

    @property
    def ok(self) -> bool:
        return not self.issues


def validate(root: Path | str | None = None, today: dt.date | None = None) -> Report:
    """Read and check the data package in ``root`` (a folder or its datapackage.json; default: the
    project's data/) as of ``today`` (default: ``kb.dates.today()``).

    Raises FileNotFoundError only when there is no datapackage.json at all; everything wrong
    inside the files is reported as issues.
    """
    root = Path(root) if root is not None else locate_data()
    if root.name == DESCRIPTOR:
        root = root.parent
    if not (root / DESCRIPTOR).is_file():
        raise FileNotFoundError(f"no {DESCRIPTOR} in {root}")
    today = today or dates.today()
    report = Report()
    report.package, report.issues = read_descriptor(root)
    if report.package is None:
        return report
    report.issues += stray_files(report.package)
    for resource in report.package.resources:
        path = report.package.path(resource)
        table, issues = read_table(resource, path, str(path))
        report.issues += issues
        if table is not None:
            report.tables[resource.name] = table
            report.issues += check_cells(table, today)
            report.issues += check_unique(table)
    report.issues += check_references(report.tables)
    report.issues += check_rules(report.tables, today)
    report.issues += check_evidence(report.tables, report.package)
    report.issues.sort()
    return report
