"""Checks across rows and tables: primary keys, unique columns, references and unused sources."""

from __future__ import annotations

from kb.validation.catalogue import Issue, issue
from kb.validation.reader import Table
from kb.validation.wording import suggest

SOURCES = "sources"


def check_unique(table: Table) -> list[Issue]:
    """Report rows that repeat an earlier row's primary key or unique value."""
    resource = table.resource
    keys = [resource.primary_key] if resource.primary_key else []
    keys += [(field.name,) for field in resource.fields if field.unique]
    issues = []
    for key in keys:
        if not set(key) <= table.columns.keys():
            continue
        values = [tuple(row.cells[name] for name in key) for row in table.rows]
        required = [position for position, name in enumerate(key) if resource.field(name).required]
        seen: dict[tuple[str, ...], int] = {}
        for row, value in zip(table.rows, values, strict=True):
            if value in seen:
                if any(not value[position] for position in required):
                    continue  # a missing required cell is reported as such, not as a repeat
                shown = ", ".join(f"{name}={cell!r}" for name, cell in zip(key, value, strict=True) if cell)
                message = f"{shown} repeats line {seen[value]}"
                issues.append(issue(table.path, row.line, table.columns[key[0]], "duplicate-key", message))
            else:
                seen[value] = row.line
    return issues


def check_references(tables: dict[str, Table]) -> list[Issue]:
    """Report cells naming ids that their referenced table lacks, ids shared by two referenced
    tables, and sources that no fact cites."""
    ids = {name: {row.cells.get("id", ""): row.line for row in table.rows} for name, table in tables.items()}
    issues: list[Issue] = []
    cited: set[str] = set()
    for table in tables.values():
        resource = table.resource
        links = [(fk.field, (fk.resource,)) for fk in resource.foreign_keys]
        links += [(field.name, field.references) for field in resource.fields if field.references]
        for field, targets in links:
            if field not in table.columns or not all(target in tables for target in targets):
                continue
            known = set().union(*(ids[target] for target in targets))
            for row in table.rows:
                value = row.cells[field]
                if not value:
                    continue
                if SOURCES in targets:
                    cited.add(value)
                if value not in known:
                    where = " or ".join(targets)
                    issues.append(
                        issue(
                            table.path,
                            row.line,
                            table.columns[field],
                            "unknown-reference",
                            f"{value!r} is not an id in {where}{suggest(value, known)}",
                        )
                    )
    issues += _shared_ids(tables, ids)
    if SOURCES in tables:
        sources = tables[SOURCES]
        for row in sources.rows:
            if row.cells.get("id") and row.cells["id"] not in cited:
                issues.append(
                    issue(
                        sources.path,
                        row.line,
                        sources.columns["id"],
                        "unused-source",
                        f"source {row.cells['id']!r} is not cited by any fact",
                    )
                )
    return issues


def _shared_ids(tables: dict[str, Table], ids: dict[str, dict[str, int]]) -> list[Issue]:
    """Ids must be unique across the tables that one column may refer to (distros and organizations)."""
    groups = {field.references for table in tables.values() for field in table.resource.fields if field.references}
    issues = []
    for group in sorted(groups):
        present = [name for name in group if name in tables]
        for index, first in enumerate(present):
            for other in present[index + 1 :]:
                table = tables[other]
                for value in sorted(ids[first].keys() & ids[other].keys() - {""}):
                    issues.append(
                        issue(
                            table.path,
                            ids[other][value],
                            table.columns.get("id", 1),
                            "duplicate-key",
                            f"id {value!r} is also an id in {first}; ids must be unique across both",
                        )
                    )
    return issues
