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
# **Question:** which container runtimes do the distributions ship, and how did the defaults shift
# from Docker and rkt to containerd and CRI-O?

# %%
import pandas as pd
from IPython.display import Markdown

import kb
from kb import charts, dates, runtimes

tables = kb.load()
today = pd.Timestamp(dates.today())
periods = runtimes.periods(tables, today)
defaults = runtimes.defaults_per_year(tables, today)

# %% [markdown]
# ## Defaults, year by year
#
# For each year, how many distributions ran each runtime by default at some point of that year.
# A distribution can count for two runtimes in the year it switched.

# %%
charts.runtime_shift(defaults)

# %% [markdown]
# ## Every runtime of every distribution
#
# Opaque bars are defaults; lighter bars are runtimes shipped but not default, or optional.

# %%
charts.runtime_periods(periods)

# %% [markdown]
# ## Defaults today

# %%
current = periods[(periods["support"] == "default") & (periods["end"] >= today)]
current.groupby("runtime")["name"].agg(lambda names: ", ".join(sorted(names))).rename("distributions").to_frame()

# %%
pivot = defaults.pivot(index="year", columns="runtime", values="distros").fillna(0)
overtaken = pivot.index[(pivot.get("containerd", 0) > pivot.get("docker", 0))]
removed = tables["distro_runtimes"]
removed = removed[(removed["support"] == "removed") | removed["until"].notna()]
Markdown(
    f"""
### Findings

- {periods["runtime"].nunique()} runtimes are recorded across {periods["distro"].nunique()} distributions.
- Today {current["distro"].nunique()} supported distributions have a default runtime; the most common is
  {current["runtime"].value_counts().idxmax()} ({current["runtime"].value_counts().max()} distributions).
- containerd first counts more default distributions than Docker in
  {overtaken.min() if len(overtaken) else "no year yet"}.
- {len(removed)} runtime rows record a runtime that was removed or stopped being shipped, for example
  {", ".join(sorted(set(removed["runtime"])))}.
"""
)
