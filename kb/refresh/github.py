"""GitHub releases (api.github.com/repos/OWNER/REPO/releases) for distributions released there.

``REPOS`` says, per distribution, which repository and how a tag maps to a release line: the
``line`` group of the tag pattern (v1.11.3 → 1.11). Drafts, pre-releases and tags that do not match
the pattern (v1.12.0-beta.1) are ignored. A line's latest version is its highest tag, with the
release's ``published_at`` date; its start is the date of its ``.0`` release when the page lists it.
Only the newest releases are read (one page of 100), so old lines may not appear.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

from kb.refresh.model import Adapter, Feed, FeedError, Proposal, Tables, day, version_key

URL = "https://api.github.com/repos/{}/releases?per_page=100"
SEMVER = r"v(?P<line>\d+\.\d+)\.\d+"


@dataclass(frozen=True)
class Repo:
    """A distribution's releases repository and how its tags name release lines."""

    distro: str
    repo: str
    tag: str = SEMVER
    kind: str = "minor"


REPOS = (
    Repo("talos", "siderolabs/talos"),
    Repo("bottlerocket", "bottlerocket-os/bottlerocket"),
    Repo("kairos", "kairos-io/kairos"),
    Repo("garden-linux", "gardenlinux/gardenlinux", r"(?P<line>\d+)\.\d+", "major"),
    Repo("azure-linux", "microsoft/azurelinux", r"(?P<line>\d+\.\d+)\.\d{8}-\d+\.\d+", "major"),
    Repo("burmillaos", "burmilla/os"),
    Repo("home-assistant-os", "home-assistant/operating-system", r"(?P<line>\d+)\.\d+", "major"),
)


def parse(repo: Repo, feed: Feed, payload: object) -> list[Proposal]:
    """One row per line seen among the published, non-pre-release releases."""
    if not isinstance(payload, list):
        raise FeedError("is not a list of releases")
    lines: dict[str, list[tuple[str, str]]] = {}
    try:
        for release in payload:
            match = re.fullmatch(repo.tag, release["tag_name"])
            if match and not release["draft"] and not release["prerelease"] and release["published_at"]:
                lines.setdefault(match["line"], []).append((release["tag_name"], day(release["published_at"])))
    except (KeyError, TypeError) as error:
        raise FeedError(f"has a release without {error}") from None
    proposals = []
    for line, releases in lines.items():
        tag, date = max(releases, key=lambda release: version_key(release[0]))
        first = [date for name, date in releases if re.fullmatch(rf"v?{re.escape(line)}\.0", name)]
        proposals.append(
            Proposal(
                repo.distro,
                line,
                repo.kind,
                "no",
                feed,
                tag.removeprefix("v"),
                date,
                started=first[0] if first else "",
                quote=tag,
            )
        )
    return proposals


def adapters() -> list[Adapter]:
    """One adapter per repository, named after the distribution."""
    token = os.environ.get("GITHUB_TOKEN")
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return [
        Adapter(repo.distro, functools.partial(_feeds, repo), functools.partial(parse, repo), headers) for repo in REPOS
    ]


def _feeds(repo: Repo, tables: Tables) -> list[Feed]:
    if not any(row["id"] == repo.distro for row in tables["distros"]):
        return []  # not (yet) in the knowledge base
    slug = repo.repo.replace("/", "-").lower()
    return [Feed(f"feed-github-{slug}", URL.format(repo.repo), f"{repo.repo} releases (GitHub API)", "GitHub")]
