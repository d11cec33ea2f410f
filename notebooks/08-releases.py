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
from kb import dates, release_charts, release_findings, releases

TABLES = (
    "distros",
    "releases",
    "external_release_dates",
    "sources",
)  # what this report reads; a change elsewhere does not rerun it
tables = kb.load(tables=TABLES)
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
compared = releases.comparison(tables)
sources = tables["sources"].set_index("id")["url"]
disagreements = compared[~compared["agree"]].assign(
    **{"our source": lambda d: d["our source"].map(sources), "their source": lambda d: d["their source"].map(sources)}
)
disagreements

# %% [markdown]
# The findings below are computed by `kb.release_findings` from the same tables; each states its rule
# and its n, and lists the lines it leaves out.

# %%
Markdown(release_findings.markdown(tables, today))
