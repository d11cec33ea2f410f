"""A distro's identifiers in other catalogues, as outbound links."""

from __future__ import annotations

from urllib.parse import quote

# column of distros: (catalogue's name, URL template)
CATALOGUES = {
    "wikidata": ("Wikidata", "https://www.wikidata.org/wiki/{}"),
    "distrowatch": ("DistroWatch", "https://distrowatch.com/table.php?distribution={}"),
    "endoflife_date": ("endoflife.date", "https://endoflife.date/{}"),
    "cncf_landscape": ("CNCF landscape", "https://landscape.cncf.io/?item={}"),
}


def identifiers(distro: dict) -> dict[str, dict[str, str]]:
    """The distro's identifiers that are given: column -> {"id", "name", "url"}."""
    found = {}
    for column, (name, template) in CATALOGUES.items():
        value = distro.get(column)
        if isinstance(value, str) and value:
            found[column] = {"id": value, "name": name, "url": template.format(quote(value, safe=""))}
    return found
