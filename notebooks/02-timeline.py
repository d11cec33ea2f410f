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
# # Timeline
#
# **Question:** when did each container operating system live, what happened along the way, and how
# many were supported at once? And how does the classic 2019-era five-way comparison look today?

# %%
import pandas as pd
from IPython.display import Markdown

import kb
from kb import charts, dates, features, lineage
from kb.frames import partial_text

tables = kb.load()
distros = tables["distros"]
events = tables["events"]
today = pd.Timestamp(dates.today())

# %% [markdown]
# ## Lifespans
#
# From the first public release to the end of life, or to today for those still supported.
# Discontinued distributions whose end of life no source gives are drawn faded.

# %%
charts.lifespans(distros, today)

# %% [markdown]
# ## Supported distributions per year

# %%
charts.active_per_year(distros, today)

# %% [markdown]
# ## Events
#
# First releases, releases, ends of life, acquisitions, renames and announcements, by kind.

# %%
charts.events_timeline(events)

# %%
spans = charts.spans(distros, today)
ended = spans[spans["ending"] == "ended"]
years = (pd.to_datetime(ended["end"]) - pd.to_datetime(ended["start"])).dt.days / 365.25
busiest = events["date"].dt.year.value_counts()
Markdown(
    f"""
### Findings

- {len(spans)} distributions have a sourced first release; the oldest is {spans.iloc[0]["name"]}
  ({spans.iloc[0]["start"][:4]}), the newest {spans.iloc[-1]["name"]} ({spans.iloc[-1]["start"][:4]}).
- {len(ended)} have reached their end of life, after a median of {years.median():.1f} years
  (shortest {years.min():.1f}, longest {years.max():.1f}).
- The busiest year for recorded events is {busiest.idxmax()}, with {busiest.max()} events.
- {int((events["kind"] == "end-of-life").sum())} end-of-life events and
  {int((events["kind"] == "acquisition").sum())} acquisitions are recorded.
"""
)

# %% [markdown]
# ## The classic five-way comparison, corrected
#
# Comparisons of container operating systems written around 2019 set CoreOS, Ubuntu Snappy (Core),
# Atomic, RancherOS and Photon side by side on seven traits: a minimal footprint, atomic updates,
# clustering built in, a container runtime that starts at boot, a read-only root, rollback and
# dual-partition (A/B) updates. Here are the same five on the same traits, from sourced data, with
# what has changed since: ends of life and successors. "Atomic" is Fedora Atomic Host, the
# community edition of Project Atomic's host.

# %%
CLASSIC = ["coreos-container-linux", "ubuntu-core", "fedora-atomic-host", "rancheros", "photon-os"]
TRAITS = [
    "minimal-footprint",
    "atomic-updates",
    "cluster-ready",
    "container-runtime-autostart",
    "read-only-root",
    "rollback",
    "ab-partitions",
]
graph = lineage.build(tables)
grid = features.wide(tables).set_index("distro").loc[CLASSIC]
classic = grid[["name", *TRAITS]].copy()
classic["status"] = [graph.nodes[d]["status"] for d in CLASSIC]
classic["end of life"] = partial_text(distros, "end_of_life").set_axis(distros["id"]).loc[CLASSIC].to_numpy()
classic["continued by"] = [
    ", ".join(graph.nodes[c]["name"] for c in lineage.continuations(graph, d)) or "—" for d in CLASSIC
]
classic

# %%
runtimes = tables["distro_runtimes"]
classic_runtimes = runtimes[runtimes["distro"].isin(CLASSIC)]
ended_runtimes = classic_runtimes[classic_runtimes["until"].notna() | (classic_runtimes["support"] == "removed")]
rkt = classic_runtimes[classic_runtimes["runtime"] == "rkt"]
gone = classic[classic["status"] == "discontinued"]
Markdown(
    f"""
### What has changed since

- {len(gone)} of the five are discontinued: {
        ", ".join(f"{n} ({e})" for n, e in zip(gone["name"], gone["end of life"], strict=True))
    }.
- Their users moved on to: {"; ".join(f"{n} → {c}" for n, c in zip(gone["name"], gone["continued by"], strict=True))}.
- rkt, which those comparisons list as a CoreOS runtime, is recorded for
  {", ".join(sorted(rkt["distro"].map(dict(zip(tables["distros"]["id"], tables["distros"]["name"], strict=True)))))};
  {len(ended_runtimes)} runtime rows of the five have an end date or were removed.
"""
)
