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
# # Updates and provisioning
#
# **Question:** how do these systems update themselves and how are they provisioned, and how did the
# mechanisms spread along the lines of the family tree?
#
# **Rule of this page:** a mechanism is *present* when its value is **yes**; partial and optional are
# counted beside it, never folded in, for every mechanism alike. Shares divide by the cells whose value
# is known (n). Lines are joined by successor, fork and rebrand edges (see the lineage notebook).

# %%
import pandas as pd

import kb
from kb import charts, features, lineage
from kb.present import findings, names, table

# what this report reads; a change elsewhere does not rerun it
TABLES = ("distros", "features", "distro_features", "lineage")
tables = kb.load(tables=TABLES)
graph = lineage.build(tables)
lines = lineage.family_labels(graph)

# %% [markdown]
# ## Update mechanisms

# %%
updates = features.cells(tables, "update")
updates = updates.assign(detail=updates["detail"].fillna("").str.slice(0, 48))
distro_of = dict(zip(updates["name"], updates["distro"], strict=True))
order = sorted(distro_of, key=lambda name: (lines[distro_of[name]], name))
charts.feature_heatmap(updates, "Update mechanisms by distribution", distro_order=order)

# %% [markdown]
# ## Provisioning

# %%
provisioning = features.cells(tables, "provisioning")
provisioning = provisioning.assign(detail=provisioning["detail"].fillna("").str.slice(0, 48))
charts.feature_heatmap(provisioning, "Provisioning by distribution", distro_order=order)

# %% [markdown]
# ## Counts, with their basis

# %%
both = pd.concat([updates, provisioning])
per_feature = features.tally(both, "feature").sort_values(["yes share", "feature"], ascending=[False, True])
table(
    per_feature[["feature", "yes", "partial", "optional", "no", "unknown", "known", "coverage", "yes share"]],
    percent=("coverage", "yes share"),
)

# %% [markdown]
# ## How the mechanisms spread along the lines
#
# The share of each line's distributions with a known value that have the mechanism (yes); each cell
# reads yes/known. Distributions alone in their line are grouped together.

# %%
shares = pd.concat([features.share_by_family(tables, lines, c) for c in ("update", "provisioning")])
charts.share_by_family(shares)

# %%
counted = per_feature.set_index("feature")
ignition = both[(both["feature"] == "ignition") & (both["value"] == "yes")]
ignition_lines = ignition["distro"].map(lines).value_counts()
image = counted.loc["image-based-updates"]
ab = both[(both["feature"] == "ab-partitions") & (both["value"] == "yes")]
image_yes = set(both[(both["feature"] == "image-based-updates") & (both["value"] == "yes")]["distro"])
ab_of_image = ab[ab["distro"].isin(image_yes)]


def counts(feature: str) -> str:
    row = counted.loc[feature, ["yes", "partial", "optional", "known"]].astype(int)
    return f"{row['yes']} yes, {row['partial']} partial, {row['optional']} optional of {row['known']} known"


findings(
    features.RULE + " A mechanism is present when yes.",
    f"Ignition ({counts('ignition')}): the {len(ignition)} with yes are in {len(ignition_lines)} groups: "
    + names(f"{line} ({n})" for line, n in ignition_lines.items())
    + ".",
    f"Image-based updates ({counts('image-based-updates')}): {int(image['yes'])} distributions update as whole images; "
    f"{len(ab_of_image)} of them with A/B partitions (yes): {names(sorted(ab_of_image['name']))}.",
    f"A/B partitions overall: {counts('ab-partitions')}.",
)
