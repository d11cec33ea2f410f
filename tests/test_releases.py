"""The release analyses of notebook 08, recomputed from the CSVs by another route: the csv module,
dates read here with the calendar module, no pandas and no kb.dates."""

from __future__ import annotations

import calendar
import datetime as dt
import html
import itertools
import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pytest
from conftest import read_rows

import kb
from kb import release_findings, releases

TODAY = dt.date(2026, 12, 1)
RELEASES = read_rows("releases")
EXTERNAL = read_rows("external_release_dates")


def span(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day a YYYY, YYYY-MM or YYYY-MM-DD value covers."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def expected() -> dict[str, object]:
    """The notebook's key findings, counted from the CSV rows."""
    starts = {(r["distro"], r["line"]): span(r["started"]) for r in RELEASES}
    ends = {(r["distro"], r["line"]): span(r["end_of_support"]) for r in RELEASES}
    both = [(ends[k][1] - starts[k][0]).days for k in starts if starts[k] and ends[k]]
    per_year = Counter((r["distro"], starts[(r["distro"], r["line"])][0].year) for r in RELEASES if r["started"])
    by_distro = defaultdict(list)
    for r in RELEASES:
        if r["rolling"] == "no" and r["started"]:
            by_distro[r["distro"]].append((starts[(r["distro"], r["line"])][0], r["line"]))
    gaps = []
    for distro, lines in by_distro.items():
        lines.sort()
        for (_, line), (next_start, _) in itertools.pairwise(lines):
            if ends[(distro, line)]:
                gaps.append((next_start - ends[(distro, line)][1]).days)
    ours = {(r["distro"], r["line"]): r for r in RELEASES}
    given = disagree = 0
    for row in EXTERNAL:
        mine = ours.get((row["distro"], row["line"]))
        for field in ("started", "end_of_support", "latest_version", "latest_date"):
            if mine and mine[field] and row[field]:
                given += 1
                if field == "latest_version":
                    disagree += mine[field] != row[field]
                else:
                    (a0, a1), (b0, b1) = span(mine[field]), span(row[field])
                    disagree += not (a0 <= b1 and b0 <= a1)
    return {
        "lines": len(RELEASES),
        "distros": len({r["distro"] for r in RELEASES}),
        "started": sum(1 for r in RELEASES if r["started"]),
        "ended": sum(1 for r in RELEASES if r["end_of_support"]),
        "both": len(both),
        "median years": f"{statistics.median(both) / 365.25:.1f}",
        "busiest": max(per_year.values()),
        "successors": len(gaps),
        "overlapping": sum(g < 0 for g in gaps),
        "external": len(EXTERNAL),
        "matched": sum((r["distro"], r["line"]) in ours for r in EXTERNAL),
        "given": given,
        "disagree": disagree,
        "no start": sum(1 for r in RELEASES if not r["started"]),
        "end unknown": sum(1 for r in RELEASES if not r["end_of_support"] and r["rolling"] == "no"),
    }


@pytest.fixture(scope="module")
def computed() -> dict[str, object]:
    tables = kb.load()
    windows = releases.windows(tables, pd.Timestamp(TODAY))
    dated = windows.dropna(subset=["days"])
    gaps = releases.successor_gaps(windows)
    compared = releases.comparison(tables)
    keys = set(zip(tables["releases"]["distro"], tables["releases"]["line"], strict=True))
    external = tables["external_release_dates"]
    return {
        "lines": len(windows),
        "distros": windows["distro"].nunique(),
        "started": int(windows["start"].notna().sum()),
        "ended": int(windows["end"].notna().sum()),
        "both": len(dated),
        "median years": f"{dated['days'].median() / 365.25:.1f}",
        "busiest": int(releases.cadence(windows)["lines"].max()),
        "successors": len(gaps),
        "overlapping": int((gaps["gap days"] < 0).sum()),
        "external": len(external),
        "matched": sum(k in keys for k in zip(external["distro"], external["line"], strict=True)),
        "given": len(compared),
        "disagree": int((~compared["agree"]).sum()),
        "no start": int(windows["start"].isna().sum()),
        "end unknown": int((windows["ending"] == "end unknown").sum()),
    }


def test_the_analyses_agree_with_a_recount(computed) -> None:
    assert computed == expected()


def test_every_line_is_counted_once_whatever_its_dates(computed) -> None:
    windows = releases.windows(kb.load(), pd.Timestamp(TODAY))
    assert sorted(Counter(windows["ending"]).elements()) == sorted(
        "ended"
        if r["end_of_support"] and span(r["end_of_support"])[1] < TODAY
        else "scheduled"
        if r["end_of_support"]
        else "rolling"
        if r["rolling"] == "yes"
        else "end unknown"
        for r in RELEASES
    )


def test_partial_dates_agree_when_they_overlap() -> None:
    tables = {
        "releases": pd.DataFrame(
            {
                "distro": ["d", "d"],
                "line": ["1", "2"],
                "started": pd.to_datetime(["2016-01-01", "2016-03-01"]),
                "started_precision": ["year", "month"],
                "end_of_support": pd.to_datetime([None, None]),
                "end_of_support_precision": [None, None],
                "latest_version": ["1.1", None],
                "latest_date": pd.to_datetime([None, None]),
                "latest_date_precision": [None, None],
                "source": ["s", "s"],
                "end_of_support_source": [None, None],
            }
        ),
        "external_release_dates": pd.DataFrame(
            {
                "distro": ["d", "d"],
                "line": ["1", "2"],
                "started": pd.to_datetime(["2016-06-11", "2016-04-01"]),
                "started_precision": ["day", "day"],
                "end_of_support": pd.to_datetime([None, None]),
                "end_of_support_precision": [None, None],
                "latest_version": ["1.2", "2.0"],
                "latest_date": pd.to_datetime([None, None]),
                "latest_date_precision": [None, None],
                "source": ["e", "e"],
            }
        ),
    }
    compared = releases.comparison(tables)
    assert list(zip(compared["line"], compared["field"], compared["agree"], strict=True)) == [
        ("1", "started", True),  # 2016 covers 2016-06-11
        ("1", "latest_version", False),
        ("2", "started", False),  # 2016-03 does not cover 2016-04-01
    ]


def assert_states_the_recount(words: str) -> None:
    e = expected()
    assert f"{e['lines']} release lines of {e['distros']} distributions are recorded" in words
    assert f"{e['started']} have a start date, {e['ended']} an end of support, {e['both']} both" in words
    assert f"n = {e['both']} lines with both): median {e['median years']} years" in words
    assert f"is {e['busiest']} (" in words
    assert f"n = {e['successors']}): {e['overlapping']} overlap their successor" in words
    assert f"({e['external']} cycles recorded for" in words and f"{e['matched']} of them match a line here" in words
    assert f"{e['given']} values are given by both, and {e['disagree']} disagree" in words
    assert f"lines without a start ({e['no start']})" in words
    assert f"(not rolling, {e['end unknown']})" in words


def test_the_findings_state_the_recount() -> None:
    words = " ".join(release_findings.markdown(kb.load(), pd.Timestamp(TODAY)).split())
    assert_states_the_recount(html.unescape(words))


@pytest.mark.slow
def test_the_notebook_page_states_the_recount(site: Path) -> None:
    page = (site / "notebooks" / "08-releases" / "index.html").read_text(encoding="utf-8")
    assert_states_the_recount(" ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split()))
