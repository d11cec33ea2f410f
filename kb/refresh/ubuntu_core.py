"""Ubuntu Core: its base snaps (core20, core22, core24) in the snap store's info API.

api.snapcraft.io/v2/snaps/info/<snap> answers with a ``channel-map``; the request carries the
``Snap-Device-Series: 16`` header the store requires. A line's latest version is the snap's version
in latest/stable for amd64, dated by that channel's ``released-at``.
"""

from __future__ import annotations

from kb.refresh.model import Adapter, Feed, FeedError, Proposal, day, fixed

SNAPS = {"core20": "20", "core22": "22", "core24": "24"}
URL = "https://api.snapcraft.io/v2/snaps/info/{}?fields=version"
HEADERS = {"Snap-Device-Series": "16"}


def parse(feed: Feed, payload: object) -> list[Proposal]:
    """The line's row from the latest/stable amd64 entry of the channel map."""
    try:
        entries = [
            entry
            for entry in payload["channel-map"]
            if entry["channel"]["track"] == "latest"
            and entry["channel"]["risk"] == "stable"
            and entry["channel"]["architecture"] == "amd64"
        ]
    except (KeyError, TypeError) as error:
        raise FeedError(f"is not a snap info answer (no channel-map[].channel: {error})") from None
    if not entries:
        raise FeedError("has no latest/stable release for amd64")
    entry = entries[0]
    return [
        Proposal(
            "ubuntu-core",
            SNAPS[feed.key],
            "major",
            "no",
            feed,
            entry["version"],
            day(entry["channel"]["released-at"]),
            quote=entry["version"],
            note=f"latest_version is the version of the {feed.key} base snap in latest/stable (amd64).",
        )
    ]


ADAPTER = Adapter(
    "ubuntu-core",
    fixed(
        *(
            Feed(f"feed-snap-{snap}", URL.format(snap), f"{snap} in the Snap Store (info API)", "Canonical", snap)
            for snap in SNAPS
        )
    ),
    parse,
    HEADERS,
)
