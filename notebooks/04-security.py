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
# The grid shows the current value of each security feature; the similarity groups distributions by
# the Jaccard index of the sets of security features they have (yes or partial).

# %%
from IPython.display import Markdown

import kb
from kb import charts, features

tables = kb.load()
grid = features.cells(tables, "security")
similarity = features.jaccard(tables, "security")
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
# Darker cells mark pairs that share more of their security features.

# %%
charts.similarity_heatmap(similarity, order)

# %%
Markdown("\n".join(f"{number}. {', '.join(group)}" for number, group in enumerate(groups, start=1)))

# %%
has = grid[grid["value"].isin(features.HAS)].groupby("name").size().sort_values(ascending=False)
known = grid[grid["value"] != features.UNKNOWN]
common = known[known["value"].isin(features.HAS)].groupby("feature").size().sort_values(ascending=False)
Markdown(
    f"""
### Findings

- The most hardened distributions by count of security features they have (yes or partial):
  {", ".join(f"{name} ({count})" for name, count in has.head(5).items())}.
- The most common security features: {", ".join(f"{f} ({n})" for f, n in common.head(4).items())};
  the rarest: {", ".join(f"{f} ({n})" for f, n in common.tail(3).items())}.
- {len(groups)} similarity groups form at a Jaccard threshold of 0.5; the largest has {len(groups[0])} members.
"""
)
