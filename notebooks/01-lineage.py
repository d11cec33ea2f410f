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
# The lineage table records directed edges between distributions (successor, fork, rebrand, merge,
# derivative, based-on), each with its source; `kb.lineage` turns them into a networkx graph.
# **Rule of this page:** a *line* is what successor, fork and rebrand edges join: one product carried
# on under another name or by other people. Derivative and based-on edges are drawn but do not merge
# lines (Boot2Docker is not "an Alpine Linux", Silverblue is not "a CoreOS"). Where users went follows
# successors, forks, rebrands and merges first, and derivatives only when those lead nowhere.

# %%
import pandas as pd

import kb
from kb import charts, lineage, spans
from kb.present import findings, names, table

TABLES = (
    "distros",
    "lineage",
    "events",
    "organizations",
)  # what this report reads; a change elsewhere does not rerun it
tables = kb.load(tables=TABLES)
graph = lineage.build(tables)
today = spans.today()
name_of = dict(zip(tables["distros"]["id"], tables["distros"]["name"], strict=True))
life = spans.lifespans(tables["distros"], today).set_index("id")

# %% [markdown]
# ## The family tree on a timeline
#
# One lane per distribution, grouped by line; the bar runs from its first release to its end of life
# (or today). A distribution with no sourced first release, or discontinued with no sourced end, is a
# point at the date that is known (the subtitle names them). Vertical links join a parent to its
# successors, forks, derivatives and bases, dashed by relation. Acquisitions are marked below.

# %%
charts.lineage_timeline(graph, today, lineage.acquisitions(tables))

# %% [markdown]
# ## Lines, living and extinct

# %%
lines = lineage.families(graph)
labels = lineage.family_labels(graph)
multi = [line for line in lines if len(line) > 1]
table(
    pd.DataFrame(
        [
            {
                "line": labels[min(line)],
                "members": len(line),
                "still supported": sum(lineage.is_alive(graph, d) for d in line),
                "distributions": ", ".join(sorted(name_of[d] for d in line)),
            }
            for line in multi
        ]
    )
)

# %% [markdown]
# ## Where the users of discontinued distributions went
#
# The nearest supported distributions reached by successor, fork, rebrand and merge edges (derivatives
# only when these lead nowhere), and whether the continuation is a different kind of system.

# %%
discontinued = sorted(d for d in graph if not lineage.is_alive(graph, d))
moves = pd.DataFrame(
    [
        {
            "distro": d,
            "name": name_of[d],
            "end of life": spans.at_precision(life.loc[d, "end"], life.loc[d, "end_precision"]) or "not sourced",
            "continued by": ", ".join(name_of[c] for c in lineage.continuations(graph, d)) or "—",
            "change of kind": "; ".join(
                f"{name_of[c]}: {lineage.kind_change(graph, d, c)}"
                for c in lineage.continuations(graph, d)
                if lineage.kind_change(graph, d, c)
            ),
        }
        for d in discontinued
    ]
)
table(moves)

# %%
coreos = "coreos-container-linux"
line_of_coreos = next(line for line in lines if coreos in line)
orphans = moves[moves["continued by"] == "—"]["name"]
kind_changes = moves[moves["change of kind"] != ""]
singles = [line for line in lines if len(line) == 1]
findings(
    "a line is joined by successor, fork and rebrand edges only; derivative and based-on edges do not merge lines.",
    f"{len(graph)} distributions form {len(multi)} lines of two or more members and {len(singles)} distributions "
    f"stand alone; {sum(any(lineage.is_alive(graph, d) for d in line) for line in multi)} of the {len(multi)} "
    "lines still have a supported member.",
    f"CoreOS Container Linux's line has {len(line_of_coreos)} members: "
    f"{names(sorted(name_of[d] for d in line_of_coreos))}. Its users could move to "
    f"{names(name_of[d] for d in lineage.continuations(graph, coreos))}.",
    f"{len(moves)} distributions are discontinued; {len(orphans)} have no recorded continuation: {names(orphans)}.",
    f"{len(kind_changes)} continuations change the kind of system: "
    + names(f"{n} → {c}" for n, c in kind_changes[["name", "change of kind"]].itertuples(index=False))
    + ".",
)
