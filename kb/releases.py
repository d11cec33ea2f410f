"""Release lines and their support windows: cadence, lengths, overlaps, successor gaps, and how
another registry's dates compare with ours.

A line's window runs from the first day its ``started`` date covers to the last day its
``end_of_support`` covers, so a month or a year is never shortened. Functions take the tables of
``kb.load()`` and return plain DataFrames; the notebook draws and states them.
"""

from __future__ import annotations

import itertools

import pandas as pd

from kb.dates import PartialDate
from kb.frames import partial

ENDINGS = ("ended", "scheduled", "rolling", "end unknown")
COMPARED = ("started", "end_of_support", "latest_version", "latest_date")


def windows(tables: dict[str, pd.DataFrame], today: pd.Timestamp) -> pd.DataFrame:
    """One row per release line: distro, name, line, kind, rolling (bool), start, end (Timestamps or NaT), their
    text at the source's precision, ending (ended, scheduled, rolling or end unknown) and days
    (the window's length, when both ends are known)."""
    releases = tables["releases"]
    names = dict(zip(tables["distros"]["id"], tables["distros"]["name"], strict=True))
    rows = []
    for row in releases.to_dict("records"):
        start = partial(row, "started")
        end = partial(row, "end_of_support")
        if end is not None:
            ending = "ended" if pd.Timestamp(end.end) < today else "scheduled"
        else:
            ending = "rolling" if row["rolling"] == "yes" else "end unknown"
        rows.append(
            {
                "distro": row["distro"],
                "name": names[row["distro"]],
                "line": row["line"],
                "kind": row["kind"],
                "rolling": row["rolling"] == "yes",
                "start": pd.Timestamp(start.start) if start else pd.NaT,
                "end": pd.Timestamp(end.end) if end else pd.NaT,
                "start_text": str(start) if start else "",
                "end_text": str(end) if end else "",
                "ending": ending,
            }
        )
    frame = pd.DataFrame(rows)
    frame["days"] = (frame["end"] - frame["start"]).dt.days
    return frame


def cadence(windows: pd.DataFrame) -> pd.DataFrame:
    """Lines started per distro and year (lines without a start left out)."""
    started = windows.dropna(subset=["start"])
    return (
        started.assign(year=started["start"].dt.year)
        .groupby(["distro", "name", "year"], as_index=False)
        .size()
        .rename(columns={"size": "lines"})
    )


def latest(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per distro: its lines, the newest line start and the newest dated release, at their precision."""
    releases = tables["releases"]
    rows = []
    for distro, group in releases.groupby("distro", observed=True, sort=True):
        newest = {}
        for column in ("started", "latest_date"):
            dated = group.dropna(subset=[column]).sort_values(column, kind="stable")
            newest[column] = str(partial(dated.iloc[-1], column)) if len(dated) else ""
        rows.append(
            {
                "distro": distro,
                "lines": len(group),
                "newest line start": newest["started"],
                "newest release": newest["latest_date"],
            }
        )
    return pd.DataFrame(rows)


def supported_on(windows: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """Per distro, how many lines are supported on ``day``: started by then, and ending after it
    (a scheduled end) or rolling. Lines with an unknown end or no start are not counted."""
    started = windows["start"].notna() & (windows["start"] <= day)
    open_ = (windows["end"] >= day) | (windows["ending"] == "rolling")
    counted = windows[started & open_]
    return counted.groupby(["distro", "name"], as_index=False).size().rename(columns={"size": "lines"})


def successor_gaps(windows: pd.DataFrame) -> pd.DataFrame:
    """For each non-rolling line with an end: the next non-rolling line of the same distro by start,
    and the days from the end to that start (negative: the two overlap). Lines are ordered by start."""
    fixed = windows[~windows["rolling"] & windows["start"].notna()].sort_values(
        ["distro", "start", "line"], kind="stable"
    )
    rows = []
    for _, group in fixed.groupby("distro", sort=True):
        records = group.to_dict("records")
        for line, successor in itertools.pairwise(records):
            if pd.notna(line["end"]):
                rows.append(
                    {
                        "distro": line["distro"],
                        "name": line["name"],
                        "line": line["line"],
                        "end": line["end_text"],
                        "successor": successor["line"],
                        "successor start": successor["start_text"],
                        "gap days": (successor["start"] - line["end"]).days,
                    }
                )
    return pd.DataFrame(rows, columns=["distro", "name", "line", "end", "successor", "successor start", "gap days"])


def _agree(ours: PartialDate, theirs: PartialDate) -> bool:
    """Two partial dates agree when the days they cover overlap (2016 agrees with 2016-06-11)."""
    return ours.start <= theirs.end and theirs.start <= ours.end


def comparison(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every value that both our releases table and the external registry give for the same line:
    distro, line, field, ours, theirs, agree, and both sources. Dates agree when they overlap at the
    coarser precision; versions when they are equal."""
    ours = tables["releases"].set_index(["distro", "line"])
    theirs = tables["external_release_dates"]
    rows = []
    for row in theirs.to_dict("records"):
        key = (row["distro"], row["line"])
        if key not in ours.index:
            continue
        mine = ours.loc[key]
        for field in COMPARED:
            if field == "latest_version":
                a, b = mine[field], row[field]
                if pd.isna(a) or pd.isna(b):
                    continue
                agree, shown = a == b, (a, b)
            else:
                a = partial(mine, field)
                b = partial(row, field)
                if a is None or b is None:
                    continue
                agree, shown = _agree(a, b), (str(a), str(b))
            rows.append(
                {
                    "distro": key[0],
                    "line": key[1],
                    "field": field,
                    "ours": shown[0],
                    "theirs": shown[1],
                    "agree": bool(agree),
                    "our source": mine["end_of_support_source"]
                    if field == "end_of_support" and pd.notna(mine["end_of_support_source"])
                    else mine["source"],
                    "their source": row["source"],
                }
            )
    return pd.DataFrame(
        rows, columns=["distro", "line", "field", "ours", "theirs", "agree", "our source", "their source"]
    )
