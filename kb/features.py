"""The distro-by-feature matrix: current values, coverage and similarity."""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from kb.schema import UPSTREAM_BASE

UNKNOWN = "unknown"
HAS = ("yes", "partial")
LEVELS = ("yes", "partial", "optional", "no", UNKNOWN)
RULE = (
    "Counts give yes, partial and optional separately; a share divides by the cells whose value is known "
    "(n), never by every distribution; unknown cells are not counted as no."
)


def compared(distros: pd.DataFrame) -> pd.DataFrame:
    """The distros that are compared: every kind but upstream bases, which carry no feature rows."""
    if "kind" not in distros:
        return distros
    return distros[distros["kind"].astype("string").fillna("") != UPSTREAM_BASE]


def current(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per sourced (distro, feature): the value that holds now, or last held.

    Among a pair's rows, the open-ended one (no until) wins, else the one that ended last."""
    rows = tables["distro_features"]
    order = rows.assign(_open=rows["until"].isna(), _dated=rows["since"].notna())
    order = order.sort_values(["distro", "feature", "_open", "until", "_dated", "since"])
    latest = order.drop_duplicates(["distro", "feature"], keep="last")
    return latest.drop(columns=["_open", "_dated"]).reset_index(drop=True)


def cells(tables: dict[str, pd.DataFrame], category: str | None = None) -> pd.DataFrame:
    """Every compared distro x feature cell (of one category, if given) with name, value ('unknown'
    where no row exists), detail, source and basis (stated, inferred, or unknown)."""
    features = tables["features"]
    if category:
        features = features[features["category"] == category]
    distros = compared(tables["distros"])
    grid = pd.MultiIndex.from_product([distros["id"], features["id"]], names=["distro", "feature"])
    columns = ["value", "detail", "source", *(["basis"] if "basis" in tables["distro_features"] else [])]
    values = current(tables).set_index(["distro", "feature"])[columns]
    full = values.reindex(grid).reset_index()
    full["value"] = full["value"].astype("string").fillna(UNKNOWN)
    full["basis"] = full["basis"].astype("string").fillna(UNKNOWN) if "basis" in full else UNKNOWN
    names = tables["distros"].set_index("id")["name"]
    return full.assign(name=full["distro"].map(names))


def wide(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per distro (id, name, status) and a column per feature id holding its current value."""
    grid = cells(tables).pivot(index="distro", columns="feature", values="value")
    distros = compared(tables["distros"]).set_index("id")[["name", "status"]]
    return distros.join(grid).rename_axis("distro").reset_index()


def coverage(tables: dict[str, pd.DataFrame], by: str) -> pd.DataFrame:
    """Share of known cells per ``by`` ('distro' or 'feature'), lowest first."""
    grid = cells(tables)
    known = (grid["value"] != UNKNOWN).groupby(grid[by]).mean().rename("known")
    return known.sort_values().reset_index()


def tally(grid: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per value of ``by`` (a column of ``cells``): the count of yes, partial, optional, no and
    unknown cells, ``known`` (cells with a value), ``cells`` (all), ``coverage`` (known / cells),
    ``yes share`` (yes / known) and ``has share`` ((yes + partial + optional) / known). Shares are
    missing where nothing is known."""
    counts = pd.crosstab(grid[by], grid["value"]).reindex(columns=list(LEVELS), fill_value=0)
    counts.columns = counts.columns.astype(str)
    counts["cells"] = counts[list(LEVELS)].sum(axis=1)
    counts["known"] = counts["cells"] - counts[UNKNOWN]
    counts["coverage"] = counts["known"] / counts["cells"]
    known = counts["known"].where(counts["known"] > 0)
    counts["yes share"] = counts["yes"] / known
    counts["has share"] = (counts["yes"] + counts["partial"] + counts["optional"]) / known
    return counts.rename_axis(by).reset_index()


def basis_tally(grid: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per value of ``by``: how many cells are stated, inferred and unknown (no row)."""
    counts = pd.crosstab(grid[by], grid["basis"]).reindex(columns=["stated", "inferred", UNKNOWN], fill_value=0)
    counts.columns = counts.columns.astype(str)
    return counts.rename_axis(by).reset_index()


def jaccard(tables: dict[str, pd.DataFrame], category: str, present: tuple[str, ...] = HAS) -> pd.DataFrame:
    """Pairwise Jaccard similarity of the sets of features (of ``category``) each distro has (a value
    in ``present``). Pairs where neither has any feature count as 0."""
    grid = cells(tables, category)
    has = grid[grid["value"].isin(present)].groupby("name")["feature"].agg(set)
    names = sorted(grid["name"].unique())
    sets = {name: has.get(name, set()) for name in names}
    rows = []
    for a, b in combinations(names, 2):
        union = sets[a] | sets[b]
        score = len(sets[a] & sets[b]) / len(union) if union else 0.0
        rows += [(a, b, score), (b, a, score)]
    rows += [(name, name, 1.0) for name in names]
    return pd.DataFrame(rows, columns=["a", "b", "jaccard"])


def clusters(similarity: pd.DataFrame, threshold: float = 0.5) -> list[list[str]]:
    """Groups of distros whose feature sets are alike: communities (greedy modularity) of the graph
    linking pairs with a Jaccard index of at least ``threshold``. Largest group first, members sorted."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(similarity["a"].unique())
    strong = similarity[(similarity["a"] < similarity["b"]) & (similarity["jaccard"] >= threshold)]
    graph.add_weighted_edges_from(strong[["a", "b", "jaccard"]].itertuples(index=False))
    groups = nx.community.greedy_modularity_communities(graph, weight="weight")
    return sorted((sorted(group) for group in groups), key=lambda group: (-len(group), group[0]))


def share_by_family(tables: dict[str, pd.DataFrame], families: dict[str, str], category: str) -> pd.DataFrame:
    """For each family (``families`` maps distro id to family label) and feature of ``category``: the
    counts of :func:`tally` and ``share``, the share of known cells that are yes (partial and optional
    are counted separately, not in the share)."""
    grid = cells(tables, category).assign(family=lambda g: g["distro"].map(families))
    rows = [tally(group, "feature").assign(family=family) for family, group in grid.groupby("family")]
    return pd.concat(rows, ignore_index=True).assign(share=lambda f: f["yes share"])
