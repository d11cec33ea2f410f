"""The static JSON API and the data downloads: every table as CSV and JSON, and one document per
distro with its facts and their sources (like endoflife.date's API, but with sources)."""

from __future__ import annotations

import json

from kb.site.context import Site
from kb.site.identifiers import identifiers
from kb.validation.reader import Table

API_VERSION = 1
# the columns of a fact row that name a source (every fact table has source; releases also this one)
CITING = ("source", "end_of_support_source")


def records(table: Table) -> list[dict[str, str | None]]:
    """A table's rows as written in the CSV (partial dates stay partial); empty cells are null."""
    return [{name: cell or None for name, cell in row.cells.items()} for row in table.rows]


def dumps(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def table_documents(site: Site) -> dict[str, str]:
    """``data/<table>.json`` for every table."""
    return {f"data/{name}.json": dumps(records(table)) for name, table in site.report.tables.items()}


def distro_documents(site: Site) -> dict[str, str]:
    """``api/distros.json`` (the list) and ``api/distros/<id>.json`` (everything about one distro)."""
    tables = {name: records(table) for name, table in site.report.tables.items()}
    sources = {row["id"]: row for row in tables["sources"]}
    summary_fields = ("id", "name", "vendor", "status", "first_release", "end_of_life", "homepage")
    listing, documents = [], {}
    for distro in tables["distros"]:
        key = distro["id"]
        listing.append({field: distro[field] for field in summary_fields} | {"api": f"distros/{key}.json"})
        facts = {
            "lineage": [edge for edge in tables["lineage"] if key in (edge["from"], edge["to"])],
            "runtimes": [_without(row, "distro") for row in tables["distro_runtimes"] if row["distro"] == key],
            "features": [_without(row, "distro") for row in tables["distro_features"] if row["distro"] == key],
            "events": [event for event in tables["events"] if key in (event["subject"], event["object"])],
            "releases": [_without(row, "distro") for row in tables["releases"] if row["distro"] == key],
        }
        cited = {distro[c] for c in site.package.resource("distros").source_columns if distro[c]}
        cited |= {row[c] for rows in facts.values() for row in rows for c in CITING if row.get(c)}
        documents[f"api/distros/{key}.json"] = dumps(
            {
                "api_version": API_VERSION,
                "distro": distro,
                "identifiers": identifiers(distro),
                **facts,
                "sources": {source: sources[source] for source in sorted(cited)},
            }
        )
    documents["api/distros.json"] = dumps({"api_version": API_VERSION, "count": len(listing), "distros": listing})
    releases = tables["releases"]
    cited = {row[c] for row in releases for c in CITING if row.get(c)}
    documents["api/releases.json"] = dumps(
        {
            "api_version": API_VERSION,
            "count": len(releases),
            "releases": releases,
            "sources": {source: sources[source] for source in sorted(cited)},
        }
    )
    return documents


def versioned(documents: dict[str, str]) -> dict[str, str]:
    """The API's documents under ``api/`` and, the same, under ``api/v<API_VERSION>/``."""
    prefix = f"api/v{API_VERSION}/"
    return documents | {prefix + path[len("api/") :]: doc for path, doc in documents.items() if path.startswith("api/")}


def _without(row: dict, column: str) -> dict:
    return {name: value for name, value in row.items() if name != column}
