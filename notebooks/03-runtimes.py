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
# # Container runtimes
#
# **Question:** which container runtimes do the distributions ship, how did the defaults shift from
# Docker and rkt to containerd and CRI-O, and how did runtimes leave?
#
# **Rule of this page:** a distribution counts once per year, under the runtime that was its default
# at the end of that year (or at its end). A runtime row with no start counts from the distribution's
# first release, and not at all when that is not sourced; a discontinued distribution with no sourced
# end counts only in its first year. Every runtime has one colour on every chart (`kb.charts.RUNTIME_COLOURS`).

# %%

import kb
from kb import charts, runtimes, spans
from kb.present import esc, findings, names, table

TABLES = (
    "distros",
    "runtimes",
    "distro_runtimes",
    "distro_features",
)  # what this report reads; a change elsewhere does not rerun it
tables = kb.load(tables=TABLES)
today = spans.today()
periods = runtimes.periods(tables, today)
defaults = runtimes.defaults_per_year(tables, today)
grid = runtimes.grid(tables, today)

# %% [markdown]
# ## Defaults, year by year

# %%
charts.runtime_shift(defaults)

# %% [markdown]
# ## Every runtime of every distribution
#
# Each cell is coloured by runtime: opaque for the default, lighter for included or optional, faint
# once ended; the label gives the years it was shipped (`?` where a date is not sourced).

# %%
charts.runtime_grid(grid)

# %% [markdown]
# ## Defaults today
#
# The runtime rows that hold today (`kb.spans.as_of`) with support *default*, for supported distributions.

# %%
current = runtimes.defaults_today(tables, today)
name_of = dict(zip(tables["distros"]["id"], tables["distros"]["name"], strict=True))
by_runtime = current.groupby("runtime")["distro"].agg(["size", lambda d: ", ".join(sorted(d.map(name_of)))])
by_runtime.columns = ["distributions", "which"]
table(by_runtime.reset_index().sort_values(["distributions", "runtime"], ascending=[False, True]))

# %% [markdown]
# ## How runtime rows ended
#
# From `distro_runtimes.ended`; each (distribution, runtime, kind) counts once. *not given* marks an
# end date whose kind no one has recorded yet.

# %%
ends = runtimes.endings(tables)
table(ends)

# %%
pivot = defaults.pivot(index="year", columns="runtime", values="distros").fillna(0)
overtaken = pivot.index[pivot.get("containerd", 0) > pivot.get("docker", 0)]
alive = set(tables["distros"].loc[tables["distros"]["status"].isin(spans.ALIVE), "id"])
without = sorted(alive - set(current["distro"]))
top = current["runtime"].value_counts()
undated = periods[periods["start"].isna()]["name"].unique()
findings(
    "a distribution counts once per year (under its default at the year's end) and once per runtime today.",
    f"{periods['runtime'].nunique()} runtimes are recorded across {periods['distro'].nunique()} distributions.",
    f"Today {current['distro'].nunique()} of {len(alive)} supported distributions have a recorded default "
    f"runtime; the most common is {esc(top.idxmax())} ({top.max()} distributions, some with two defaults, such "
    f"as an engine and its OCI runtime). No default is recorded for {len(without)}: "
    f"{names(sorted(name_of[d] for d in without))}.",
    f"Counting each distribution once a year, containerd first had more default distributions than Docker in "
    f"{overtaken.min() if len(overtaken) else 'no year yet'}.",
    "Runtime rows that ended, by kind: "
    + names(f"{k}: {r} rows ({rt})" for k, r, rt in ends[["kind", "rows", "runtimes"]].itertuples(index=False))
    + ".",
    f"Left out of the year counts because their start is not sourced: {names(undated)}.",
)
