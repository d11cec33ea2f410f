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
#
# **Rule of this page:** a cell is *stated* when its row's source says the value, *inferred* when
# the value is a conclusion drawn from the source, *unknown* when there is no row. Upstream bases
# carry no feature rows and are not counted. A fact is *stale* when it is about a supported
# distribution and its row was last checked more than 90 days before today.

# %%
import pandas as pd

import kb
from kb import charts, features, spans
from kb.present import findings, names, table
from kb.schema import locate_data
from kb.validation.descriptor import read_package

tables = kb.load()
package = read_package(locate_data())
CITING = [r.name for r in package.resources if {"source", "checked"} <= set(r.field_names)]  # rows that cite a page
today = spans.today()
grid = features.cells(tables)
STALE_DAYS = 90

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
# ## Stated, inferred and unknown
#
# Per distribution, then per feature: how many cells are stated by their source, inferred from it,
# or unknown.

# %%
by_distro = features.basis_tally(grid, "distro").merge(
    tables["distros"][["id", "name"]], left_on="distro", right_on="id"
)
table(
    by_distro.sort_values(["unknown", "name"], ascending=[False, True])[
        ["distro", "name", "stated", "inferred", "unknown"]
    ]
)

# %%
by_feature = features.basis_tally(grid, "feature")
table(by_feature.sort_values(["unknown", "feature"], ascending=[False, True]))

# %% [markdown]
# ## Sources
#
# Sources by type, and the fact rows citing each type (a fact cites one source).

# %%
sources = tables["sources"]
source_type = sources.set_index("id")["type"].astype("string")
facts = pd.concat(
    [
        tables[name][["source", "checked"]].assign(
            table=name, distro=tables[name].get("distro", tables[name].get("id"))
        )
        for name in CITING
    ],
    ignore_index=True,
)
facts["type"] = facts["source"].map(source_type)
by_type = (
    pd.DataFrame({"sources": source_type.value_counts(), "fact rows citing them": facts["type"].value_counts()})
    .fillna(0)
    .astype(int)
    .rename_axis("type")
    .reset_index()
    .sort_values("fact rows citing them", ascending=False)
)
table(by_type)

# %%
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
facts["age in days"] = (today - facts["checked"]).dt.days
ages = facts.groupby("table")["age in days"].agg(["count", "min", "median", "max"]).reset_index()
table(ages.rename(columns={"count": "rows"}))

# %% [markdown]
# ## Stale facts
#
# Release rows of supported distributions last checked more than 90 days before today.

# %%
releases = tables["releases"]
alive = set(tables["distros"].loc[tables["distros"]["status"].isin(spans.ALIVE), "id"])
stale = releases[releases["distro"].isin(alive) & ((today - releases["checked"]).dt.days > STALE_DAYS)]
stale_distros = sorted(set(stale["distro"]))
table(stale.assign(checked=stale["checked"].dt.strftime("%Y-%m-%d"))[["distro", "line", "latest_version", "checked"]])

# %% [markdown]
# ## Supported distributions without a dated release
#
# Supported distributions (upstream bases aside) where no release row gives both a latest version
# and its date: their pages say so instead of naming a latest release.

# %%
compared = features.compared(tables["distros"])
supported = compared[compared["status"].isin(spans.ALIVE)]
dated = releases.dropna(subset=["latest_version", "latest_date"])
undated_releases = supported[~supported["id"].isin(dated["distro"])]
table(
    undated_releases.assign(lines=undated_releases["id"].map(releases["distro"].value_counts()).fillna(0).astype(int))[
        ["id", "name", "lines"]
    ],
    distro="id",
)

# %% [markdown]
# ## Gaps a contributor could fill
#
# Every distribution × feature cell without a sourced value, and distributions missing a date.

# %%
missing = grid[grid["value"] == features.UNKNOWN]
gaps = missing.groupby(["distro", "name"])["feature"].agg(lambda f: ", ".join(sorted(f)))
table(gaps.rename("features without a sourced value").reset_index())

# %%
life = spans.lifespans(tables["distros"], today)
undated = life[~life["start_known"] | (life["ending"] == spans.NO_END)]
table(
    undated.assign(
        missing=[
            ", ".join(m for m, gap in (("first release", not s), ("end of life", e == spans.NO_END)) if gap)
            for s, e in zip(undated["start_known"], undated["ending"], strict=True)
        ]
    )[["id", "name", "missing"]],
    distro="id",
)

# %%
known = grid["value"] != features.UNKNOWN
basis = grid["basis"].value_counts()
with_releases = releases["distro"].nunique()
findings(
    "a cell is known when a row gives its value; shares divide by every compared distribution × feature cell.",
    f"{int(known.sum())} of {len(grid)} distribution × feature cells ({known.mean():.1%}) have a sourced value: "
    f"{int(basis.get('stated', 0))} stated, {int(basis.get('inferred', 0))} inferred; "
    f"{int((~known).sum())} are unknown, across {missing['name'].nunique()} distributions.",
    f"{len(sources)} sources back {len(facts)} fact rows; "
    + names(f"{t}: {s} sources, {f} rows" for t, s, f in by_type.head(3).itertuples(index=False))
    + " lead.",
    f"{len(supported) - len(undated_releases)} of {len(supported)} supported distributions have a dated latest "
    f"release; the other {len(undated_releases)} have none: {names(undated_releases['name'])}.",
    f"{len(releases)} release rows cover {with_releases} distributions; {len(stale)} rows of "
    f"{len(stale_distros)} supported distributions were checked more than {STALE_DAYS} days ago: "
    f"{names(stale_distros)}.",
    f"{int((facts['age in days'] > 365).sum())} of {len(facts)} fact rows were last checked more than a year ago.",
)
