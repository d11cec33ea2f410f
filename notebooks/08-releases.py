# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Releases and support windows
#
# **Question:** how often does each distribution ship a release line, how long is a line supported,
# how do lines overlap, how long do users have to move from a line to its successor, and where
# another registry (endoflife.date) records the same lines, do its dates agree with ours?
#
# A line's window runs from the first day its start covers to the last day its end of support
# covers: a line that ends "2026-09" is counted as supported through 30 September.

# %%
import pandas as pd
from IPython.display import Markdown

import kb
from kb import dates, release_charts, releases
from kb.escaping import text

tables = kb.load()
today = pd.Timestamp(dates.today())
windows = releases.windows(tables, today)
names = dict(zip(tables["distros"]["id"], tables["distros"]["name"], strict=True))

# %% [markdown]
# ## How often each distribution ships
#
# Release lines started per year. Rolling streams count once, in the year they began.

# %%
cadence = releases.cadence(windows)
release_charts.cadence(cadence)

# %% [markdown]
# The newest line start and the newest dated release of each distribution (empty where no source
# gives the date).

# %%
newest = releases.latest(tables)
newest.assign(distro=newest["distro"].map(names)).rename(columns={"distro": "distribution"})

# %% [markdown]
# ## Lines over time
#
# Every line with a known start. Lines with no end run to today, faded: rolling streams half,
# lines whose end no source gives more.

# %%
release_charts.line_windows(windows, today)

# %% [markdown]
# ## How long a line is supported

# %%
release_charts.support_lengths(windows)

# %% [markdown]
# ## From a line's end to its successor
#
# For each line with an end of support, the next line of the same distribution by start. A
# negative number of days is an overlap: the time users have to move while both are supported.

# %%
gaps = releases.successor_gaps(windows)
release_charts.successor_gaps(gaps, windows["distro"])

# %% [markdown]
# ## endoflife.date's dates for the same lines
#
# endoflife.date's data files, read at one commit and recorded in `external_release_dates.csv`
# with their source. Dates agree when they overlap at the coarser precision (our "2016" agrees with
# its "2016-06-11"); versions when they are equal. A latest version can differ only because the two
# were read at different times.

# %%
external = tables["external_release_dates"]
compared = releases.comparison(tables)
sources = tables["sources"].set_index("id")["url"]
disagreements = compared[~compared["agree"]].assign(
    **{"our source": lambda d: d["our source"].map(sources), "their source": lambda d: d["their source"].map(sources)}
)
disagreements

# %%
f = releases.findings(tables, today)
lines, dated, gaps, compared, top = f["lines"], f["dated"], f["gaps"], f["compared"], f["supported"]
busiest = f["busiest"]


def listed(frame: pd.DataFrame) -> str:
    """Lines grouped by distro ("Name: 1.0, 1.1; Other: 2"), escaped for the page."""
    grouped = frame.groupby("distro", sort=True)["line"].apply(", ".join)
    return "; ".join(f"{text(names[d])}: {text(lines)}" for d, lines in grouped.items()) or "none"


def named(row: pd.Series) -> str:
    return f"{text(row['name'])} {text(row['line'])}"


Markdown(
    f"""
### Findings

- **Lines.** {len(lines)} release lines of {lines["distro"].nunique()} distributions are recorded;
  {len(lines) - len(f["no start"])} have a start date, {int(lines["end"].notna().sum())} an end of support,
  {len(dated)} both.
- **Cadence** (lines started per distribution and year, n = {f["cadence n"]} lines with a start): the most lines
  one distribution started in one year is {busiest["lines"]} ({text(busiest["name"])}, {busiest["year"]}).
- **Support length** (from the first day of the start to the last day of the end, rolling lines that closed
  included; n = {len(dated)} lines with both): median {dated["days"].median() / 365.25:.1f} years,
  shortest {f["shortest"]["days"] / 365.25:.1f} ({named(f["shortest"])}),
  longest {f["longest"]["days"] / 365.25:.1f} ({named(f["longest"])}).
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
  {len(f["external only"])} of its cycles have no line here: {listed(f["external only"])}.
- **Not counted, by rule:** lines without a start ({len(f["no start"])}): {listed(f["no start"])}.
- **Lines whose end of support no source gives** (not rolling, {len(f["end unknown"])}): {listed(f["end unknown"])}.
"""
)
