"""What every generated page needs: the validated tables, the lineage graph and lookups."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote, urlencode

import networkx as nx
import pandas as pd

from kb import lineage
from kb.frames import frames
from kb.schema import UPSTREAM_BASE, Package
from kb.validation import Report

# Front matter of a page that needs the full width: Material hides the navigation and contents sidebars.
WIDE = "---\nhide:\n  - navigation\n  - toc\n---\n"


@dataclass
class Site:
    """The data behind one build of the site."""

    report: Report
    repo_url: str | None
    today: pd.Timestamp
    _groups: dict[tuple[str, str], dict[str, pd.DataFrame]] = field(default_factory=dict, init=False, repr=False)
    _records: dict[tuple[str, str], dict[str, list[dict]]] = field(default_factory=dict, init=False, repr=False)

    @cached_property
    def tables(self) -> dict[str, pd.DataFrame]:
        return frames(self.report)

    @property
    def package(self) -> Package:
        assert self.report.package is not None
        return self.report.package

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        return lineage.build(self.tables)

    @cached_property
    def distros(self) -> pd.DataFrame:
        return self.tables["distros"].set_index("id", drop=False).rename_axis(None)

    @cached_property
    def compared(self) -> pd.DataFrame:
        """The distros that the comparison and the chooser show, by name: all but upstream bases,
        which have no feature rows."""
        distros = self.tables["distros"]
        return distros[distros["kind"] != UPSTREAM_BASE].sort_values("name").reset_index(drop=True)

    @cached_property
    def source_records(self) -> dict[str, dict]:
        """Each source's row as a dictionary, by id."""
        return {row["id"]: row for row in self.tables["sources"].to_dict("records")}

    @cached_property
    def features(self) -> pd.DataFrame:
        """The feature catalogue in display order: by category, then id."""
        return self.tables["features"].sort_values(["category", "id"]).reset_index(drop=True)

    @cached_property
    def runtime_names(self) -> dict[str, str]:
        return dict(zip(self.tables["runtimes"]["id"], self.tables["runtimes"]["name"], strict=True))

    @cached_property
    def names(self) -> dict[str, str]:
        """Display names of every distro and organization id."""
        organizations = self.tables["organizations"]
        return dict(zip(organizations["id"], organizations["name"], strict=True)) | dict(
            zip(self.distros["id"], self.distros["name"], strict=True)
        )

    def rows(self, table: str, column: str, value: str) -> pd.DataFrame:
        """The rows of ``table`` whose ``column`` is ``value`` (grouped once per table and column)."""
        if (table, column) not in self._groups:
            self._groups[(table, column)] = dict(tuple(self.tables[table].groupby(column, observed=True)))
        return self._groups[(table, column)].get(value, self.tables[table].iloc[0:0])

    def records(self, table: str, column: str, value: str) -> list[dict]:
        """The rows of ``table`` whose ``column`` is ``value``, as dictionaries, in the table's order
        (made once per table and column: converting each distro's rows apart takes seconds)."""
        if (table, column) not in self._records:
            grouped: dict[str, list[dict]] = {}
            for row in self.tables[table].to_dict("records"):
                grouped.setdefault(row[column], []).append(row)
            self._records[(table, column)] = grouped
        return self._records[(table, column)].get(value, [])

    def edit_url(self, resource: str) -> str | None:
        """Where a contributor edits a table on GitHub, when the repository is known."""
        return f"{self.repo_url}/edit/main/data/{resource}.csv" if self.repo_url else None

    def report_url(self, distro: str, page_url: str) -> str | None:
        """The "wrong fact" issue form, prefilled with the distro and the page."""
        if not self.repo_url:
            return None
        fields = {
            "template": "wrong-fact.yml",
            "title": f"Wrong fact: {self.names[distro]}",
            "distro": distro,
            "page": page_url,
        }
        return f"{self.repo_url}/issues/new?{urlencode(fields, quote_via=quote)}"
