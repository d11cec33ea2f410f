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
# # Lineage
#
# **Question:** where did the container operating systems come from, which lines are still alive,
# and where did the users of CoreOS Container Linux and the other discontinued systems go?
#
# The lineage table records directed edges between distributions (successor, fork, derivative,
# rebrand, merge), each with its source. `kb.lineage` turns them into a networkx graph.

# %%
import pandas as pd
from IPython.display import Markdown

import kb
from kb import charts, dates, lineage
from kb.frames import partial_text

tables = kb.load()
graph = lineage.build(tables)
today = pd.Timestamp(dates.today())
names = dict(zip(tables["distros"]["id"], tables["distros"]["name"], strict=True))

# %% [markdown]
# ## The family tree on a timeline
#
# One lane per distribution, grouped by family; the bar runs from its first release to its end of
# life (or today). Vertical links join a parent to its successors, forks and derivatives, dashed by
# relation. Acquisitions of the companies behind them are marked below.

# %%
charts.lineage_timeline(graph, today, lineage.acquisitions(tables))

# %% [markdown]
# ## Families, living and extinct

# %%
families = lineage.families(graph)
rows = [
    {
        "family": lineage.family_labels(graph)[min(family)],
        "members": len(family),
        "still supported": sum(lineage.is_alive(graph, d) for d in family),
        "distributions": ", ".join(sorted(names[d] for d in family)),
    }
    for family in families
    if len(family) > 1
]
pd.DataFrame(rows)

# %% [markdown]
# ## Where the users of discontinued distributions went
#
# For each discontinued distribution, the nearest supported distributions reached by following its
# successions, forks, rebrands, merges and derivatives.

# %%
discontinued = sorted(d for d in graph if not lineage.is_alive(graph, d))
end_of_life = partial_text(tables["distros"], "end_of_life").set_axis(tables["distros"]["id"])
moves = pd.DataFrame(
    [
        {
            "discontinued": names[d],
            "end of life": end_of_life[d] or "not sourced",
            "continued by": ", ".join(names[c] for c in lineage.continuations(graph, d)) or "—",
        }
        for d in discontinued
    ]
)
moves

# %% [markdown]
# ## Findings

# %%
coreos = "coreos-container-linux"
heirs = lineage.descendants(graph, coreos)
living = lineage.living_families(graph)
orphans = moves[moves["continued by"] == "—"]["discontinued"].tolist()
Markdown(
    f"""
- {len(graph)} distributions form {len(families)} families; {sum(len(f) > 1 for f in families)} of them have
  more than one member, and {len(living)} families still have a supported member.
- CoreOS Container Linux has {len(heirs)} descendants: {", ".join(sorted(names[d] for d in heirs))}.
  Its users could move to {", ".join(names[d] for d in lineage.continuations(graph, coreos))}.
- {len(moves)} distributions are discontinued; {len(orphans)} of them have no recorded successor:
  {", ".join(orphans) or "none"}.
"""
)
