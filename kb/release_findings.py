"""Notebook 08's findings: each states its rule and its n, and lists the lines it leaves out."""

from __future__ import annotations

import pandas as pd

from kb.escaping import text
from kb.releases import cadence, comparison, successor_gaps, supported_on, windows


def findings(tables: dict[str, pd.DataFrame], today: pd.Timestamp) -> dict[str, object]:
    """What notebook 08 states: counts, and the rows behind each (so that nothing is dropped silently)."""
    lines = windows(tables, today)
    dated = lines.dropna(subset=["days"])
    per_year = cadence(lines)
    gaps = successor_gaps(lines)
    external = tables["external_release_dates"]
    ours = pd.MultiIndex.from_frame(tables["releases"][["distro", "line"]].astype(str))
    has_line = pd.MultiIndex.from_frame(external[["distro", "line"]].astype(str)).isin(ours)
    compared = comparison(tables)
    return {
        "lines": lines,
        "dated": dated,
        "busiest": per_year.sort_values(["lines", "year", "name"], ascending=[False, False, True]).iloc[0],
        "cadence n": int(per_year["lines"].sum()),
        "shortest": dated.loc[dated["days"].idxmin()],
        "longest": dated.loc[dated["days"].idxmax()],
        "supported": supported_on(lines, today),
        "gaps": gaps,
        "overlaps": gaps[gaps["gap days"] < 0],
        "external": external,
        "matched": int(has_line.sum()),
        "external only": external[~has_line],
        "compared": compared,
        "by field": compared.groupby("field")["agree"].agg(["size", "sum"]),
        "no start": lines[lines["start"].isna()],
        "end unknown": lines[lines["ending"] == "end unknown"],
    }


def _listed(frame: pd.DataFrame, names: dict[str, str]) -> str:
    """Lines grouped by distro ("Name: 1.0, 1.1; Other: 2"), escaped for the page."""
    grouped = frame.groupby("distro", sort=True)["line"].apply(", ".join)
    return "; ".join(f"{text(names[d])}: {text(lines)}" for d, lines in grouped.items()) or "none"


def _named(row: pd.Series) -> str:
    return f"{text(row['name'])} {text(row['line'])}"


def markdown(tables: dict[str, pd.DataFrame], today: pd.Timestamp) -> str:
    """The findings as Markdown, every value from the data escaped."""
    f = findings(tables, today)
    names = dict(zip(tables["distros"]["id"], tables["distros"]["name"], strict=True))
    lines, dated, gaps, compared, top = f["lines"], f["dated"], f["gaps"], f["compared"], f["supported"]
    busiest = f["busiest"]
    return f"""
### Findings

- **Lines.** {len(lines)} release lines of {lines["distro"].nunique()} distributions are recorded;
  {len(lines) - len(f["no start"])} have a start date, {int(lines["end"].notna().sum())} an end of support,
  {len(dated)} both.
- **Cadence** (lines started per distribution and year, n = {f["cadence n"]} lines with a start): the most lines
  one distribution started in one year is {busiest["lines"]} ({text(busiest["name"])}, {busiest["year"]}).
- **Support length** (from the first day of the start to the last day of the end, rolling lines that closed
  included; n = {len(dated)} lines with both): median {dated["days"].median() / 365.25:.1f} years,
  shortest {f["shortest"]["days"] / 365.25:.1f} ({_named(f["shortest"])}),
  longest {f["longest"]["days"] / 365.25:.1f} ({_named(f["longest"])}).
- **Supported today** (started, and ending after {today.date().isoformat()} or rolling;
  n = {int(top["lines"].sum())} lines of {len(top)} distributions): the most at once is {top["lines"].max()}
  ({", ".join(text(n) for n in top[top["lines"] == top["lines"].max()]["name"])}).
- **Successors** (non-rolling lines with an end and a later-starting line of the same distribution,
  n = {len(gaps)}): {len(f["overlaps"])} overlap their successor (median {-f["overlaps"]["gap days"].median():.0f}
  days to move), {int((gaps["gap days"] >= 0).sum())} end on or before the successor's start.
- **endoflife.date** ({len(f["external"])} cycles recorded for {f["external"]["distro"].nunique()} distributions;
  {f["matched"]} of them match a line here): {len(compared)} values are given by both, and
  {int((~compared["agree"]).sum())} disagree
  ({"; ".join(f"{field}: {size - agree} of {size}" for field, (size, agree) in f["by field"].iterrows())}).
  {len(f["external only"])} of its cycles have no line here: {_listed(f["external only"], names)}.
- **Not counted, by rule:** lines without a start ({len(f["no start"])}): {_listed(f["no start"], names)}.
- **Lines whose end of support no source gives** (not rolling, {len(f["end unknown"])}):
  {_listed(f["end unknown"], names)}.
"""
