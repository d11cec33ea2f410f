"""Checks that every fact shows its evidence: a stated fact quotes its page, an inferred one says
how it follows, a secondary source says why no primary one serves, and an upstream base carries
no facts of its own."""

from __future__ import annotations

from collections.abc import Iterator

from kb.schema import UPSTREAM_BASE, Package
from kb.validation.catalogue import Issue, issue
from kb.validation.reader import Row, Table

SECONDARY_TYPES = ("press", "blog")  # source types that need a note saying why
UPSTREAM_BASE_FREE = ("distro_features", "distro_runtimes")  # tables with no row about an upstream base


def check_evidence(tables: dict[str, Table], package: Package) -> list[Issue]:
    """Run every evidence check whose tables are present."""
    issues = []
    for resource in package.fact_resources:
        if resource.name in tables:
            issues += _basis(tables[resource.name])
    if "sources" in tables:
        issues += _secondary_sources(tables["sources"])
    if "distros" in tables:
        bases = {row.cells["id"]: row for row in tables["distros"].rows if row.cells.get("kind") == UPSTREAM_BASE}
        for name in UPSTREAM_BASE_FREE:
            if name in tables:
                issues += _facts_about_bases(tables[name], bases)
    return issues


def _at(table: Table, row: Row, column: str, code: str, message: str) -> Issue:
    return issue(table.path, row.line, table.columns.get(column, 1), code, message)


def reasoning_column(table: Table) -> str:
    """Where a row of ``table`` says how an inferred value follows: note, or detail where a table has no note."""
    return "note" if "note" in table.resource.field_names else "detail"


def _basis(table: Table) -> Iterator[Issue]:
    reasoning = reasoning_column(table)
    for row in table.rows:
        basis = row.cells.get("basis")
        if basis == "inferred" and not row.cells.get(reasoning):
            yield _at(table, row, reasoning, "missing-reasoning", f"the row is inferred: say how in {reasoning}")
        elif basis == "stated" and not row.cells.get("quote"):
            yield _at(
                table, row, "quote", "missing-quote", "the row is stated: quote the words of the page that say it"
            )


def _secondary_sources(table: Table) -> Iterator[Issue]:
    for row in table.rows:
        if row.cells.get("type") in SECONDARY_TYPES and not row.cells.get("note"):
            kind = row.cells["type"]
            yield _at(
                table, row, "note", "secondary-source", f"a {kind} source needs a note saying why no primary one serves"
            )


def _facts_about_bases(table: Table, bases: dict[str, Row]) -> Iterator[Issue]:
    for row in table.rows:
        distro = row.cells.get("distro", "")
        if distro in bases:
            yield _at(
                table,
                row,
                "distro",
                "upstream-base-facts",
                f"{distro!r} is an {UPSTREAM_BASE} (distros.csv line {bases[distro].line}), "
                f"which has no {table.resource.name} rows",
            )
