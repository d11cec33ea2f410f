"""The box at the top of a distro page: status, kind, vendor, lineage in a word, the latest release
and the supported lines (from the releases table), how fresh that is, and identifiers elsewhere."""

from __future__ import annotations

import pandas as pd

from kb.escaping import text
from kb.schema import ALIVE, UPSTREAM_BASE
from kb.site.context import Site
from kb.site.identifiers import identifiers
from kb.site.markup import Citations, apart, date, link
from kb.site.values import inferred

STATUS_LABELS = {"active": "Active", "maintenance": "Maintenance only", "discontinued": "Discontinued"}
STALE_AFTER_DAYS = 90
NO_DATED_RELEASE = "not recorded: no source read so far gives a dated release"


def kind(value: str) -> str:
    """A kind in words: container-host -> container host."""
    return value.replace("-", " ")


def status(value: str) -> str:
    return f'<span class="kb-status kb-status-{text(value)}">{text(STATUS_LABELS[value])}</span>'


def latest(releases: pd.DataFrame) -> dict | None:
    """The release line whose latest version came out last, or None when no line gives a date."""
    dated = releases[releases["latest_date"].notna() & releases["latest_version"].notna()]
    if dated.empty:
        return None
    return dated.sort_values(["latest_date", "checked"]).iloc[-1].to_dict()


def supported(releases: pd.DataFrame, today: pd.Timestamp) -> pd.DataFrame:
    """The lines still supported on ``today``: rolling ones and those whose end of support lies ahead."""
    ahead = releases["end_of_support"].notna() & (releases["end_of_support"] >= today)
    return releases[(releases["rolling"] == "yes") | ahead].sort_values("line")


def days_ago(when: pd.Timestamp, today: pd.Timestamp) -> str:
    days = (today - when).days
    return "today" if days == 0 else "1 day ago" if days == 1 else f"{days} days ago"


def outdated(row: pd.Series, latest_line: dict | None, today: pd.Timestamp) -> bool:
    """True for an active distro whose latest release was checked more than 90 days before today."""
    if row["status"] != "active" or latest_line is None:
        return False
    return (today - latest_line["checked"]).days > STALE_AFTER_DAYS


def _basis(row: dict) -> str:
    return inferred(row["note"]) if row.get("basis") == "inferred" else ""


def _release(line: dict, cite: Citations, today: pd.Timestamp) -> str:
    version = f"{text(line['latest_version'])} ({text(date(line, 'latest_date'))})"
    checked = f'<span class="kb-checked">checked {days_ago(line["checked"], today)}</span>'
    return f"{version}{cite.cite(line['source'], line['quote'])}{_basis(line)} · {checked}"


def _end_of_support(line: dict, cite: Citations) -> str:
    if line["rolling"] == "yes" and pd.isna(line["end_of_support"]):
        return "rolling, no end by design"
    if pd.isna(line["end_of_support"]):
        return "end of support unknown"
    source = line["end_of_support_source"] if pd.notna(line["end_of_support_source"]) else line["source"]
    return f"supported until {text(date(line, 'end_of_support'))}{cite.cite(source)}"


def infobox(site: Site, distro: str, cite: Citations) -> str:
    """The distro's facts at a glance, as a two-column table; only rows with something to say."""
    row = site.distros.loc[distro]
    releases = site.rows("releases", "distro", distro)
    newest = latest(releases)
    facts = [("Status", status(row["status"])), ("Kind", text(kind(row["kind"])))]
    facts.append(("Vendor", text(site.names[row["vendor"]]) + cite.cite(row["source"], row["quote"])))
    if pd.notna(row["based_on"]):
        facts.append(("Based on", text(row["based_on"])))
    first, end = date(row, "first_release"), date(row, "end_of_life")
    if first:
        source = row["first_release_source"] if pd.notna(row["first_release_source"]) else row["source"]
        facts.append(("First release", text(first) + cite.cite(source)))
    if end or row["status"] != "discontinued":
        source = row["end_of_life_source"] if pd.notna(row["end_of_life_source"]) else row["source"]
        facts.append(("End of life", text(end) + cite.cite(source) if end else "none announced"))
    if newest is not None:
        stale = outdated(row, newest, site.today)
        flag = ' <strong class="kb-outdated">outdated: checked over 90 days ago</strong>' if stale else ""
        facts.append(("Latest release", _release(newest, cite, site.today) + flag))
    elif row["status"] in ALIVE and row["kind"] != UPSTREAM_BASE:
        facts.append(("Latest release", f'<span class="kb-gap">{NO_DATED_RELEASE}</span>'))
    lines = supported(releases, site.today)
    if not lines.empty:
        items = apart(
            f"<li>{text(line['line'])}: {_end_of_support(line, cite)}{_basis(line)}</li>"
            for line in lines.to_dict("records")
        )
        facts.append(("Supported lines", f'<ul class="kb-lines">{items}</ul>'))
    if pd.notna(row["homepage"]):
        facts.append(("Home page", link(row["homepage"], row["homepage"])))
    found = identifiers(row.to_dict())
    if found:
        facts.append(("Elsewhere", " · ".join(link(entry["url"], entry["name"]) for entry in found.values())))
    body = apart(f"<tr>{apart([f'<th>{name}</th>', f'<td>{value}</td>'])}</tr>" for name, value in facts)
    return f'<table class="kb-summary kb-infobox">{body}</table>'
