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
# mechanisms spread through the family tree?

# %%
import pandas as pd
from IPython.display import Markdown

import kb
from kb import charts, features, lineage

tables = kb.load()
graph = lineage.build(tables)
families = lineage.family_labels(graph)

# %% [markdown]
# ## Update mechanisms

# %%
updates = features.cells(tables, "update")
updates = updates.assign(detail=updates["detail"].fillna("").str.slice(0, 48))
distro_of = dict(zip(updates["name"], updates["distro"], strict=True))
order = sorted(distro_of, key=lambda name: (families[distro_of[name]], name))
charts.feature_heatmap(updates, "Update mechanisms by distribution", distro_order=order)

# %% [markdown]
# ## Provisioning

# %%
provisioning = features.cells(tables, "provisioning")
provisioning = provisioning.assign(detail=provisioning["detail"].fillna("").str.slice(0, 48))
charts.feature_heatmap(provisioning, "Provisioning by distribution", distro_order=order)

# %% [markdown]
# ## How the mechanisms spread through the families
#
# The share of each family's distributions (among those with a known value) that have the mechanism.
# Distributions without lineage edges are grouped as independent.

# %%
shares = pd.concat([features.share_by_family(tables, families, c) for c in ("update", "provisioning")])
charts.share_by_family(shares)

# %%
ignition = features.cells(tables, "provisioning")
ignition = ignition[(ignition["feature"] == "ignition") & ignition["value"].isin(features.HAS)]
ignition_families = ignition["distro"].map(families).value_counts()
image = features.cells(tables, "update")
image_based = image[(image["feature"] == "image-based-updates") & (image["value"] == "yes")]
ab = image[(image["feature"] == "ab-partitions") & (image["value"] == "yes")]
Markdown(
    f"""
### Findings

- Ignition is used by {len(ignition)} distributions, in {len(ignition_families)} families:
  {", ".join(f"{family} ({n})" for family, n in ignition_families.items())}.
- {len(image_based)} distributions update as whole images; {len(ab)} of them with A/B partitions:
  {", ".join(sorted(ab["name"]))}.
"""
)
