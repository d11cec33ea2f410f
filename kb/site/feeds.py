"""Syndication: the Atom feeds of releases and corrections, the end-of-support calendar, and the
``<link rel="alternate feed">`` tags that announce them in the pages' heads.

Everything here is computed from the data and the git history of data/, never from the clock, so
two builds of the same commit publish the same bytes.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import urljoin

import pandas as pd

from kb import history
from kb.dates import PartialDate
from kb.escaping import text
from kb.frames import partial
from kb.site import atom, ics
from kb.site.context import Site
from kb.site.pages import distro_url

SITE_FEED = "feeds/releases.atom"
CALENDAR = "calendar/end-of-support.ics"
AUTHOR = "Container OS Knowledge Base"
UID_DOMAIN = "container-os-kb"


def distro_feed(distro: str) -> str:
    return f"feeds/distros/{distro}.atom"


def documents(site: Site, data: Path, site_url: str | None) -> dict[str, str]:
    """Every feed and the calendar, by their path in the site."""
    commits = history.data_commits(data)
    releases = release_entries(site)
    corrections = correction_entries(site, commits)
    checked = site.tables["releases"]["checked"].max()
    feeds = {SITE_FEED: _feed(site_url, SITE_FEED, "Releases and corrections", None, checked, releases + corrections)}
    for distro, row in site.distros.iterrows():
        own = [entry for entry in releases if entry.category == distro]
        own += [entry for entry, commit in zip(corrections, commits, strict=True) if distro in _distros(site, commit)]
        feeds[distro_feed(distro)] = _feed(
            site_url, distro_feed(distro), f"{row['name']}: releases and corrections", distro, row["checked"], own
        )
    return feeds | {CALENDAR: ics.render(calendar_events(site), f"{AUTHOR}: ends of support")}


def _feed(
    site_url: str | None, path: str, title: str, distro: str | None, fallback: pd.Timestamp, entries: list[atom.Entry]
) -> str:
    page = distro_url(distro) if distro else ""
    feed = atom.Feed(
        id=atom.urn("feed", path),
        title=f"{AUTHOR}: {title}",
        subtitle="New releases from the releases table and corrections to the data, from its git history.",
        fallback=fallback.date(),
        alternate=_link(site_url, page, path),
        self_url=urljoin(site_url, path) if site_url else None,
    )
    return atom.render(feed, [_relinked(entry, site_url, path) for entry in entries], AUTHOR)


def _link(site_url: str | None, target: str, feed_path: str) -> str:
    """``target`` (a path in the site) as seen from the feed: absolute when the site's URL is known."""
    return urljoin(site_url, target) if site_url else "../" * feed_path.count("/") + target


def _relinked(entry: atom.Entry, site_url: str | None, feed_path: str) -> atom.Entry:
    """Entries carry site paths or absolute URLs; site paths are resolved for the feed they go into."""
    if entry.link is None or "://" in entry.link:
        return entry
    return dataclasses.replace(entry, link=_link(site_url, entry.link, feed_path))


def _precision_note(date: PartialDate) -> str:
    return "" if date.precision == "day" else f" (the source gives the {date.precision} only)"


def _source(site: Site, source: str) -> str:
    record = site.source_records[source]
    return f"Source: {record['title']} ({record['publisher']}), {record['url']}"


def release_entries(site: Site) -> list[atom.Entry]:
    """An entry per release line whose latest version has a date, categorised by distro."""
    releases = site.tables["releases"]
    released = releases[releases["latest_version"].notna() & releases["latest_date"].notna()]
    entries = []
    for row in released.to_dict("records"):
        name, date = site.names[row["distro"]], partial(row, "latest_date")
        entries.append(
            atom.Entry(
                id=atom.urn("release", row["distro"], row["line"], row["latest_version"], str(date)),
                title=f"{name} {row['line']}: {row['latest_version']}",
                updated=date.start,
                content=f"{name}, {row['kind']} line {row['line']}: version {row['latest_version']}, released "
                f"{date}{_precision_note(date)}.\n{_source(site, row['source'])}",
                link=distro_url(row["distro"]),
                category=row["distro"],
            )
        )
    return entries


def correction_entries(site: Site, commits: list[history.Commit]) -> list[atom.Entry]:
    """An entry per commit that changed the data, in the order of ``commits``."""
    entries = []
    for commit in commits:
        named = [site.names[distro] for distro in _distros(site, commit)]
        about = f"\nDistributions: {', '.join(named)}." if named else ""
        body = f"{commit.body}\n\n" if commit.body else ""
        entries.append(
            atom.Entry(
                id=atom.urn("data-commit", commit.sha),
                title=commit.subject,
                updated=commit.date,
                content=f"{body}Tables: {', '.join(commit.tables)}.{about}\nCommit {commit.sha}.",
                link=f"{site.repo_url}/commit/{commit.sha}" if site.repo_url else "data/",
            )
        )
    return entries


def _distros(site: Site, commit: history.Commit) -> list[str]:
    """The distros a commit touched that exist today (the columns it reads may also name organizations)."""
    return [distro for distro in commit.distros if distro in site.distros.index]


def calendar_events(site: Site) -> list[ics.Event]:
    """Ends of support of release lines and ends of life of distros whose last day is after today."""
    today = site.today.date()
    events = []
    releases = site.tables["releases"]
    for row in releases[releases["end_of_support"].notna()].to_dict("records"):
        end = partial(row, "end_of_support")
        if end.end > today:
            name = f"{site.names[row['distro']]} {row['line']}"
            source = row["end_of_support_source"] or row["source"]
            key = f"end-of-support/{row['distro']}/{row['line']}"
            events.append(_event(site, key, end, row["checked"], name, "end of support", source))
    distros = site.tables["distros"]
    for row in distros[distros["end_of_life"].notna()].to_dict("records"):
        end = partial(row, "end_of_life")
        if end.end > today:
            source = row["end_of_life_source"] or row["source"]
            key = f"end-of-life/{row['id']}"
            events.append(_event(site, key, end, row["checked"], row["name"], "end of life", source))
    return events


def _event(
    site: Site, key: str, end: PartialDate, checked: pd.Timestamp, name: str, what: str, source: str
) -> ics.Event:
    """An all-day event on the last day ``end`` covers; its description gives the precision."""
    where = "" if end.precision == "day" else " The event sits on the last day it covers."
    return ics.Event(
        uid=f"{key}@{UID_DOMAIN}",
        day=end.end,
        stamp=checked.date(),
        summary=f"{name}: {what}",
        description=f"{what.capitalize()} of {name}: {end}{_precision_note(end)}.{where}\n{_source(site, source)}",
        url=site.source_records[source]["url"],
    )


def head_links(output: str, src_uri: str, relative, names: dict[str, str]) -> str:
    """``output`` with alternate links to the site feed, the calendar, and on a distro page its feed."""
    links = [(SITE_FEED, "application/atom+xml", f"{AUTHOR}: releases and corrections")]
    links.append((CALENDAR, "text/calendar", f"{AUTHOR}: ends of support"))
    distro = src_uri.removeprefix("distros/").removesuffix(".md")
    if src_uri == f"{distro_url(distro)[:-1]}.md" and distro in names:
        links.append((distro_feed(distro), "application/atom+xml", f"{names[distro]}: releases and corrections"))
    # "alternate feed", not the bare "alternate" that Material takes for a translation of the page (it
    # then fetches a sitemap.xml beside each link); feed readers look for the alternate token and the type.
    tags = "".join(
        f'<link rel="alternate feed" type="{kind}" title="{text(title)}" href="{text(relative(path))}">'
        for path, kind, title in links
    )
    return output.replace("</head>", tags + "</head>", 1)
