"""Fedora CoreOS: the stream metadata at builds.coreos.fedoraproject.org/streams/<stream>.json.

Each stream (stable, testing, next) is a rolling line. Its latest version is the ``release`` of the
x86_64 artifacts. The document gives no release date (``metadata.last-modified`` is when the file
changed, not when the release came out), so latest_date is left to other sources.
"""

from __future__ import annotations

from kb.refresh.model import Adapter, Feed, FeedError, Proposal, fixed

STREAMS = ("stable", "testing", "next")
URL = "https://builds.coreos.fedoraproject.org/streams/{}.json"


def parse(feed: Feed, payload: object) -> list[Proposal]:
    """The stream's row: the release all x86_64 artifacts share."""
    try:
        artifacts = payload["architectures"]["x86_64"]["artifacts"]
        releases = {artifact["release"] for artifact in artifacts.values()}
    except (KeyError, TypeError, AttributeError) as error:
        raise FeedError(f"is not stream metadata (no architectures.x86_64.artifacts.*.release: {error})") from None
    if len(releases) != 1:
        raise FeedError(f"names {len(releases)} different x86_64 releases: {sorted(releases)}")
    (release,) = releases
    return [Proposal("fedora-coreos", feed.key, "stream", "yes", feed, release, quote=release)]


ADAPTER = Adapter(
    "fedora-coreos",
    fixed(
        *(
            Feed(
                f"feed-fedora-coreos-{stream}",
                URL.format(stream),
                f"Fedora CoreOS {stream} stream metadata",
                "Fedora Project",
                stream,
            )
            for stream in STREAMS
        )
    ),
    parse,
)
