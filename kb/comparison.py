"""A published comparison set against the data: what it claimed, what held then, what holds today."""

from __future__ import annotations

import pandas as pd

from kb import spans

NOT_STATED = "not stated"
NO_ROW = "no sourced value"


def lineup_date(tables: dict[str, pd.DataFrame], distros: list[str]) -> tuple[pd.Timestamp, str]:
    """The first date by which every one of ``distros`` had been released (the latest first release,
    at its precision), as a timestamp (the last day it covers) and as text."""
    rows = tables["distros"].set_index("id").loc[distros]
    latest = rows["first_release"].idxmax()
    value, precision = rows.loc[latest, "first_release"], rows.loc[latest, "first_release_precision"]
    return spans.last_day(value, precision), spans.at_precision(value, precision)


def _values(tables: dict[str, pd.DataFrame], date: pd.Timestamp) -> dict[tuple[str, str], str]:
    """(distro, subject) -> the value at ``date`` (kb.spans.values_at); '(uncertain)' marks a date that
    falls within a bound's precision."""
    held = spans.values_at(tables, date)
    marks = held["state"].map({"uncertain": " (uncertain)"}).fillna("")
    return dict(zip(zip(held["distro"], held["subject"], strict=True), held["value"] + marks, strict=True))


def compare(
    tables: dict[str, pd.DataFrame], work: str, distros: list[str], traits: list[str], then: pd.Timestamp, today
) -> pd.DataFrame:
    """One row per distro and subject (the ``traits``, then whatever ``work`` claims about it): distro,
    name, subject, article (its claim, or 'not stated'), then (the value at ``then``), today, and
    change: 'article ≠ then', 'changed since', both, or ''. A missing value reads 'no sourced value';
    today reads 'discontinued (end)' for a distro no longer supported."""
    claims = tables["claims"]
    claims = claims[claims["work"] == work].set_index(["distro", "subject"])["value"].astype("string")
    at_then, at_today = _values(tables, then), _values(tables, today)
    names = tables["distros"].set_index("id")["name"]
    life = spans.lifespans(tables["distros"], pd.Timestamp(today)).set_index("id")
    gone = {
        d: f"discontinued ({spans.at_precision(r.end, r.end_precision) or 'end not sourced'})"
        for d, r in life.iterrows()
        if r.ending != spans.OPEN
    }
    rows = []
    for distro in distros:
        claimed = sorted(s for d, s in claims.index if d == distro and s not in traits)
        for subject in [*traits, *claimed]:
            article = claims.get((distro, subject), NOT_STATED)
            before = at_then.get((distro, subject), NO_ROW)
            now = gone.get(distro) or at_today.get((distro, subject), NO_ROW)
            change = []
            if article != NOT_STATED and before.split(" ")[0] != article:
                change.append("article ≠ then")
            if before != now:
                change.append("changed since")
            rows.append(
                {
                    "distro": distro,
                    "name": names[distro],
                    "subject": subject,
                    "article": article,
                    "then": before,
                    "today": now,
                    "change": "; ".join(change),
                }
            )
    return pd.DataFrame(rows)


def deals(tables: dict[str, pd.DataFrame], distros: list[str]) -> pd.DataFrame:
    """The acquisitions of the vendors of ``distros`` and of their buyers, oldest first."""
    from kb import lineage

    everything = lineage.acquisitions(tables)
    involved = set(tables["distros"].set_index("id").loc[distros, "vendor"].dropna())
    while True:
        bought = everything[everything["object"].isin(involved)]
        grown = involved | set(bought["subject"])
        if grown == involved:
            return bought.reset_index(drop=True)
        involved = grown
