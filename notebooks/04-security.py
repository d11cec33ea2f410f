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
# # Security features
#
# **Question:** which distributions have which security features, and which distributions are alike?
#
# **Rule of this page:** a feature is *present* when its value is **yes**; partial and optional are
# counted beside it, never folded in. A share divides by the cells whose value is known (n), not by
# every distribution, and every ranking prints its coverage. Upstream bases are not compared. The
# similarity groups use the Jaccard index of the sets of features present (yes).

# %%
import pandas as pd

import kb
from kb import charts, features
from kb.present import esc, findings, table

# what this report reads; a change elsewhere does not rerun it
TABLES = ("distros", "features", "distro_features")
tables = kb.load(tables=TABLES)
grid = features.cells(tables, "security")
similarity = features.jaccard(tables, "security", present=("yes",))
groups = features.clusters(similarity, threshold=0.5)
order = [name for group in groups for name in group]

# %% [markdown]
# ## Distribution by security feature
#
# Rows are ordered by similarity group, so that alike distributions sit together.

# %%
shown = grid.assign(detail=grid["detail"].fillna("").str.slice(0, 48))
charts.feature_heatmap(shown, "Security features by distribution", distro_order=order)

# %% [markdown]
# ## Similarity
#
# Darker cells mark pairs that share more of the security features they have (yes).

# %%
charts.similarity_heatmap(similarity, order)

# %%
table(
    pd.DataFrame(
        {
            "group": range(1, len(groups) + 1),
            "members": [len(g) for g in groups],
            "distributions": map(", ".join, groups),
        }
    )
)

# %% [markdown]
# ## Rankings, with their basis
#
# Per distribution: the count of each value over the security features, and the share of them that
# is known. Sorted by yes, then partial.

# %%
COLUMNS = ["yes", "partial", "optional", "no", "unknown", "known", "coverage"]
per_distro = features.tally(grid, "distro").merge(tables["distros"][["id", "name"]], left_on="distro", right_on="id")
per_distro = per_distro.sort_values(["yes", "partial", "name"], ascending=[False, False, True])
table(per_distro[["distro", "name", *COLUMNS]], percent=("coverage",))

# %% [markdown]
# Per feature: how many distributions have it, and the share among those whose value is known: *yes
# share* counts yes only (this page's rule); *has share* also counts partial and optional, for comparison.

# %%
per_feature = features.tally(grid, "feature").sort_values(["yes share", "feature"], ascending=[False, True])
table(per_feature[["feature", *COLUMNS, "yes share", "has share"]], percent=("coverage", "yes share", "has share"))

# %%
top = per_distro.head(5)
ranked = per_feature.dropna(subset=["yes share"]).rename(columns={"yes share": "share"})
basis = features.basis_tally(grid, "feature")[["stated", "inferred", "unknown"]].sum()


def ranked_feature(row) -> str:
    return f"{esc(row.feature)} ({row.yes} of {row.known} known, {row.share:.0%})"


findings(
    features.RULE + " A feature is present when yes.",
    "Most security features present (yes), with partial and coverage beside: "
    + ", ".join(
        f"{esc(r.name)} ({r.yes} yes + {r.partial} partial; {r.known} of {r.cells} known)"
        for r in top.itertuples(index=False)
    )
    + ".",
    "Most common as a share of known cells: "
    + ", ".join(ranked_feature(r) for r in ranked.head(4).itertuples(index=False))
    + "; rarest: "
    + ", ".join(ranked_feature(r) for r in ranked.tail(3).itertuples(index=False))
    + ".",
    f"{len(groups)} similarity groups form at a Jaccard threshold of 0.5; the largest has {len(groups[0])} members.",
    f"Of the {int(basis.sum())} security cells, {int(basis['stated'])} are stated by their source, "
    f"{int(basis['inferred'])} inferred and {int(basis['unknown'])} unknown.",
)
