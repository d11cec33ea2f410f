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
# # Data quality
#
# **Question:** how complete and how fresh is the knowledge base, where do its facts come from, and
# what could a contributor add next? This notebook is the coverage report: it lists every missing
# value.

# %%
import pandas as pd
from IPython.display import Markdown

import kb
from kb import charts, dates, features
from kb.schema import locate_data
from kb.validation.descriptor import read_package

tables = kb.load()
package = read_package(locate_data())
checked_tables = [resource.name for resource in package.resources if "checked" in resource.field_names]
today = pd.Timestamp(dates.today())
grid = features.cells(tables)

# %% [markdown]
# ## Coverage of the feature matrix

# %%
charts.coverage_bars(
    features.coverage(tables, "distro")
    .merge(tables["distros"][["id", "name"]], left_on="distro", right_on="id")[["name", "known"]]
    .rename(columns={"name": "distro"}),
    "distro",
    "Sourced feature values per distribution",
)

# %%
charts.coverage_bars(features.coverage(tables, "feature"), "feature", "Sourced values per feature")

# %% [markdown]
# ## Sources

# %%
sources = tables["sources"]
types = sources["type"].value_counts().rename_axis("type").reset_index()
charts.counts(
    types,
    "type",
    "Sources by type",
    f"Bar chart of the {len(sources)} sources by type, from {types.iloc[0]['type']} "
    f"({types.iloc[0]['count']}) down to {types.iloc[-1]['type']} ({types.iloc[-1]['count']}).",
)

# %%
publishers = sources["publisher"].value_counts().head(15).rename_axis("publisher").reset_index()
charts.counts(
    publishers,
    "publisher",
    "The 15 most cited publishers",
    f"Bar chart of the number of sources per publisher for the 15 most frequent of "
    f"{sources['publisher'].nunique()} publishers.",
)

# %% [markdown]
# ## Age of the checks

# %%
facts = pd.concat([tables[name][["checked"]].assign(table=name) for name in checked_tables])
facts["age in days"] = (today - facts["checked"]).dt.days
facts.groupby("table")["age in days"].describe()[["count", "min", "50%", "max"]]

# %% [markdown]
# ## Gaps a contributor could fill
#
# Every distribution × feature cell without a sourced value, and distributions missing a date.

# %%
missing = grid[grid["value"] == features.UNKNOWN]
gaps = missing.groupby("name")["feature"].agg(lambda f: ", ".join(sorted(f))).rename("features without a sourced value")
gaps.to_frame()

# %%
distros = tables["distros"]
undated = pd.DataFrame(
    {
        "distribution": distros["name"],
        "missing": [
            ", ".join(
                c.replace("_", " ")
                for c, v in (("first_release", r.first_release), ("end_of_life", r.end_of_life))
                if pd.isna(v) and (c == "first_release" or r.status == "discontinued")
            )
            for r in distros.itertuples()
        ],
    }
)
undated[undated["missing"] != ""]

# %%
known = (grid["value"] != features.UNKNOWN).mean()
stale = facts[facts["age in days"] > 365]
Markdown(
    f"""
### Findings

- {known:.1%} of the {len(grid)} distribution × feature cells have a sourced value; {len(missing)} are missing,
  across {missing["name"].nunique()} distributions.
- {len(sources)} sources back {len(facts)} fact rows; {(sources["type"] == "documentation").mean():.0%} of the
  sources are project documentation and {(sources["type"] == "repository").mean():.0%} repository files.
- {len(stale)} fact rows were last checked more than a year ago.
"""
)
