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
dated = windows.dropna(subset=["days"])
no_start = windows[windows["start"].isna()]
end_unknown = windows[windows["ending"] == "end unknown"]
supported = releases.supported_on(windows, today)
matched = external.merge(tables["releases"][["distro", "line"]], on=["distro", "line"])
external_only = external.merge(
    tables["releases"][["distro", "line"]], on=["distro", "line"], how="left", indicator=True
)
external_only = external_only[external_only["_merge"] == "left_only"]
busiest = cadence.sort_values(["lines", "year", "name"], ascending=[False, False, True]).iloc[0]
overlaps = gaps[gaps["gap days"] < 0]
by_field = compared.groupby("field")["agree"].agg(["size", "sum"])


def listed(frame: pd.DataFrame) -> str:
    """Lines as 'Name line', grouped by distro, escaped for the page."""
    grouped = frame.groupby("distro", sort=True)["line"].apply(lambda lines: ", ".join(lines))
    return "; ".join(f"{text(names[d])}: {text(lines)}" for d, lines in grouped.items()) or "none"


Markdown(
    f"""
### Findings

- **Lines.** {len(windows)} release lines of {windows["distro"].nunique()} distributions are recorded;
  {len(windows) - len(no_start)} have a start date, {int(windows["end"].notna().sum())} an end of support,
  {len(dated)} both.
- **Cadence** (lines started per distribution and year, n = {int(cadence["lines"].sum())} lines with a start): the
  most lines one distribution started in one year is {busiest["lines"]} ({text(busiest["name"])}, {busiest["year"]}).
- **Support length** (from the first day of the start to the last day of the end, n = {len(dated)} lines with both):
  median {dated["days"].median() / 365.25:.1f} years, shortest {dated["days"].min() / 365.25:.1f}
  ({text(dated.loc[dated["days"].idxmin(), "name"])} {text(dated.loc[dated["days"].idxmin(), "line"])}),
  longest {dated["days"].max() / 365.25:.1f}
  ({text(dated.loc[dated["days"].idxmax(), "name"])} {text(dated.loc[dated["days"].idxmax(), "line"])}).
- **Supported today** (started, and ending after {today.date().isoformat()} or rolling;
  n = {int(supported["lines"].sum())} lines of {len(supported)} distributions): the most at once is
  {supported["lines"].max()}
  ({", ".join(text(n) for n in supported[supported["lines"] == supported["lines"].max()]["name"])}).
- **Successors** (lines with an end and a later-starting line of the same distribution, n = {len(gaps)}):
  {len(overlaps)} overlap their successor (median {-overlaps["gap days"].median():.0f} days to move),
  {int((gaps["gap days"] >= 0).sum())} end on or before the successor's start.
- **endoflife.date** ({len(external)} cycles recorded for {external["distro"].nunique()} distributions; {len(matched)}
  of them match a line here): {len(compared)} values are given by both, and {int((~compared["agree"]).sum())} disagree
  ({"; ".join(f"{field}: {size - agree} of {size}" for field, (size, agree) in by_field.iterrows())}).
  {len(external_only)} of its cycles have no line here: {listed(external_only)}.
- **Not counted, by rule:** lines without a start ({len(no_start)}): {listed(no_start)}.
- **Lines whose end of support no source gives** (not rolling, {len(end_unknown)}): {listed(end_unknown)}.
"""
)
