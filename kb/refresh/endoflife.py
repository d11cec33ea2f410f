"""endoflife.date, as a cross-check only: its API (endoflife.date/api/v1/products/<product>/) is
read for the distributions whose ``endoflife_date`` column names a product, and each of its release
cycles that matches a line of ``releases`` is compared; disagreements are reported, never written.
"""

from __future__ import annotations

from kb.refresh.model import Adapter, Feed, FeedError, Proposal, Tables

URL = "https://endoflife.date/api/v1/products/{}/"


def feeds(tables: Tables) -> list[Feed]:
    """One product per distribution that names one."""
    return [
        Feed(
            f"feed-endoflife-date-{row['endoflife_date']}",
            URL.format(row["endoflife_date"]),
            f"endoflife.date: {row['name']}",
            "endoflife.date",
            row["id"],
        )
        for row in tables["distros"]
        if row.get("endoflife_date")
    ]


def parse(feed: Feed, payload: object) -> list[Proposal]:
    """What the product's release cycles say, as rows to compare."""
    try:
        releases = payload["result"]["releases"]
        return [
            Proposal(
                feed.key,
                release["name"],
                "",
                "",
                feed,
                (release.get("latest") or {}).get("name") or "",
                (release.get("latest") or {}).get("date") or "",
                started=release.get("releaseDate") or "",
                end_of_support=release.get("eolFrom") or "",
            )
            for release in releases
        ]
    except (KeyError, TypeError, AttributeError) as error:
        raise FeedError(f"is not an endoflife.date product answer ({error})") from None


ADAPTER = Adapter("endoflife-date", feeds, parse, crosscheck=True)
