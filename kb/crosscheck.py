"""``kb crosscheck``: where Wikidata disagrees with this knowledge base.

For every distribution with a ``wikidata`` item id, the item's claims are read with the
wbgetentities API and compared: inception (P571) with ``first_release`` (at the coarser of the two
precisions), developer (P178) with the vendor's name, based on (P144) with the lineage edges that
lead to the distribution. Items named by the claims are looked up in a second request, for their
labels. Like ``kb links``, it needs the network and runs on a schedule; it reports, never writes.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping, Sequence

from kb.refresh.fetch import get_json
from kb.refresh.model import FeedError
from kb.validation.catalogue import Issue, issue
from kb.validation.reader import Table

API = "https://www.wikidata.org/w/api.php"
INCEPTION, DEVELOPER, BASED_ON = "P571", "P178", "P144"
PRECISIONS = {9: "year", 10: "month", 11: "day"}  # Wikidata's time precisions, coarser ones are skipped
BATCH = 50  # wbgetentities takes at most 50 ids per request


def url(ids: Sequence[str], props: str) -> str:
    """The wbgetentities request for ``ids``."""
    query = {"action": "wbgetentities", "ids": "|".join(ids), "format": "json", "props": props, "languages": "en"}
    return f"{API}?{urllib.parse.urlencode(query, safe='|')}"


def entities(ids: Sequence[str], props: str, base: str | None, failures: list[str]) -> dict:
    """The entities of ``ids``, in batches; a batch that fails adds one line to ``failures``."""
    found: dict = {}
    for start in range(0, len(ids), BATCH):
        address = url(ids[start : start + BATCH], props)
        try:
            payload = get_json(address, {}, base)
            found |= payload["entities"]
        except FeedError as error:
            failures.append(f"kb crosscheck: {address}: {error}")
        except (KeyError, TypeError):
            failures.append(f"kb crosscheck: {address}: is not a wbgetentities answer (no entities)")
    return found


def values(entity: Mapping, prop: str) -> list:
    """The values of the item's non-deprecated claims for ``prop``."""
    return [
        claim["mainsnak"]["datavalue"]["value"]
        for claim in entity.get("claims", {}).get(prop, [])
        if claim.get("rank") != "deprecated" and claim.get("mainsnak", {}).get("snaktype") == "value"
    ]


def item_id(value: Mapping) -> str:
    """The Q-id of an item value (old answers give only ``numeric-id``)."""
    return value.get("id") or f"Q{value['numeric-id']}"


def time_text(value: Mapping) -> str | None:
    """A time value as YYYY, YYYY-MM or YYYY-MM-DD at its precision; None if coarser than a year."""
    precision = PRECISIONS.get(value.get("precision"))
    match = re.fullmatch(r"\+0*(\d{4})-(\d\d)-(\d\d)T.*", value.get("time", ""))
    if not precision or not match:
        return None
    year, month, day = match.groups()
    return {"year": year, "month": f"{year}-{month}", "day": f"{year}-{month}-{day}"}[precision]


def same_date(ours: str, theirs: str) -> bool:
    """Whether two partial dates agree at the coarser of their precisions."""
    size = min(len(ours), len(theirs))
    return ours[:size] == theirs[:size]


def label(entity: Mapping | None, qid: str) -> str:
    """The item's English label, or its id."""
    return ((entity or {}).get("labels", {}).get("en") or {}).get("value") or qid


def compare(
    distro_table: Table, organizations: Table, lineage: Table, base: str | None = None
) -> tuple[list[Issue], list[str]]:
    """Issues where Wikidata disagrees, at the distros.csv line of each distribution, and failed requests."""
    distros = [row for row in distro_table.rows if row.cells.get("wikidata")]
    by_qid = {row.cells["wikidata"]: row.cells["id"] for row in distros}
    vendors = {row.cells["id"]: row.cells["name"] for row in organizations.rows}
    parents: dict[str, set[str]] = {}
    for edge in lineage.rows:
        parents.setdefault(edge.cells["to"], set()).add(edge.cells["from"])
    failures: list[str] = []
    items = entities([row.cells["wikidata"] for row in distros], "claims|labels", base, failures)
    named = sorted(
        {item_id(v) for entity in items.values() for p in (DEVELOPER, BASED_ON) for v in values(entity, p)} - set(items)
    )
    labels = items | entities(named, "labels", base, failures) if named else items
    issues = []
    for row in distros:
        cells, entity = row.cells, items.get(row.cells["wikidata"])
        if not entity or "missing" in entity:
            continue
        for message in _disagreements(cells, entity, labels, vendors, by_qid, parents.get(cells["id"], set())):
            issues.append(
                issue(
                    distro_table.path,
                    row.line,
                    distro_table.columns.get("wikidata", 1),
                    "wikidata-disagrees",
                    f"{cells['id']} ({cells['wikidata']}): {message}",
                )
            )
    return issues, failures


def _disagreements(cells, entity, labels, vendors, by_qid, parents) -> list[str]:
    found = []
    dates = [text for value in values(entity, INCEPTION) if (text := time_text(value))]
    first = cells.get("first_release", "")
    if dates and first and not any(same_date(first, date) for date in dates):
        found.append(f"inception (P571) {', '.join(dates)}; first_release here {first}")
    developers = [label(labels.get(q), q) for q in map(item_id, values(entity, DEVELOPER))]
    vendor = vendors.get(cells.get("vendor", ""), cells.get("vendor", ""))
    if developers and not any(_same_name(vendor, name) for name in developers):
        found.append(f"developer (P178) {', '.join(developers)}; vendor here {vendor}")
    bases = [item_id(value) for value in values(entity, BASED_ON)]
    unknown = [f"{label(labels.get(q), q)} ({q})" for q in bases if by_qid.get(q) not in parents]
    if unknown:
        here = ", ".join(sorted(parents)) or "no lineage edge"
        found.append(f"based on (P144) {', '.join(unknown)}; lineage here: {here}")
    return found


def _same_name(ours: str, theirs: str) -> bool:
    def words(text: str) -> str:
        return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))

    return bool(words(ours)) and (words(ours) in words(theirs) or words(theirs) in words(ours))
