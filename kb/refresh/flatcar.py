"""Flatcar Container Linux: the releases JSON at www.flatcar.org/releases-json/releases-<channel>.json.

The document maps each version of the channel to its ``release_date`` (plus ``current`` aliases,
which name no version and are skipped). The channel's latest version is the highest, its start the
date of the earliest version listed.
"""

from __future__ import annotations

from kb.refresh.model import Adapter, Feed, FeedError, Proposal, day, fixed, version_key

CHANNELS = ("stable", "beta", "alpha", "lts")
URL = "https://www.flatcar.org/releases-json/releases-{}.json"


def parse(feed: Feed, payload: object) -> list[Proposal]:
    """The channel's row: highest version and its date, and the date of the first version listed."""
    if not isinstance(payload, dict):
        raise FeedError("is not a releases document (expected an object of versions)")
    try:
        dates = {version: day(entry["release_date"]) for version, entry in payload.items() if version[:1].isdigit()}
    except (KeyError, TypeError) as error:
        raise FeedError(f"has a version without release_date ({error})") from None
    if not dates:
        raise FeedError("lists no versions")
    latest = max(dates, key=version_key)
    return [
        Proposal(
            "flatcar",
            feed.key,
            "channel",
            "yes",
            feed,
            latest,
            dates[latest],
            started=min(dates.values()),
            quote=latest,
            note="started is the release date of the earliest version in the channel's releases JSON.",
        )
    ]


ADAPTER = Adapter(
    "flatcar",
    fixed(
        *(
            Feed(
                f"feed-flatcar-{channel}",
                URL.format(channel),
                f"Flatcar {channel} releases (JSON)",
                "Flatcar Container Linux",
                channel,
            )
            for channel in CHANNELS
        )
    ),
    parse,
)
