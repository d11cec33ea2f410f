"""The distro-by-feature matrix: current values, coverage and similarity."""

from __future__ import annotations

from itertools import combinations

import pandas as pd

UNKNOWN = "unknown"
HAS = ("yes", "partial")


def current(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per sourced (distro, feature): the value that holds now, or last held.

    Among a pair's rows, the open-ended one (no until) wins, else the one that ended last."""
    rows = tables["distro_features"]
    order = rows.assign(_open=rows["until"].isna(), _dated=rows["since"].notna())
    order = order.sort_values(["distro", "feature", "_open", "until", "_dated", "since"])
    latest = order.drop_duplicates(["distro", "feature"], keep="last")
    return latest.drop(columns=["_open", "_dated"]).reset_index(drop=True)


def cells(tables: dict[str, pd.DataFrame], category: str | None = None) -> pd.DataFrame:
    """Every distro x feature cell (of one category, if given) with name, value ('unknown' where no
    row exists), detail, source and basis (stated or inferred)."""
    features = tables["features"]
    if category:
        features = features[features["category"] == category]
    grid = pd.MultiIndex.from_product([tables["distros"]["id"], features["id"]], names=["distro", "feature"])
    values = current(tables).set_index(["distro", "feature"])[["value", "detail", "source", "basis"]]
    full = values.reindex(grid).reset_index()
    full["value"] = full["value"].astype("string").fillna(UNKNOWN)
    names = tables["distros"].set_index("id")["name"]
    return full.assign(name=full["distro"].map(names))


def wide(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per distro (id, name, status) and a column per feature id holding its current value."""
    grid = cells(tables).pivot(index="distro", columns="feature", values="value")
    distros = tables["distros"].set_index("id")[["name", "status"]]
    return distros.join(grid).rename_axis("distro").reset_index()


def coverage(tables: dict[str, pd.DataFrame], by: str) -> pd.DataFrame:
    """Share of known cells per ``by`` ('distro' or 'feature'), lowest first."""
    grid = cells(tables)
    known = (grid["value"] != UNKNOWN).groupby(grid[by]).mean().rename("known")
    return known.sort_values().reset_index()


def jaccard(tables: dict[str, pd.DataFrame], category: str) -> pd.DataFrame:
    """Pairwise Jaccard similarity of the sets of features (of ``category``) each distro has
    (yes or partial). Pairs where neither has any feature count as 0."""
    grid = cells(tables, category)
    has = grid[grid["value"].isin(HAS)].groupby("name")["feature"].agg(set)
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
    """For each family (``families`` maps distro id to family label) and feature of ``category``, the
    share of the family's distros that have the feature (yes or partial) among those with a known value."""
    grid = cells(tables, category)
    grid = grid[grid["value"] != UNKNOWN].assign(
        family=lambda g: g["distro"].map(families), has=lambda g: g["value"].isin(HAS)
    )
    shares = grid.groupby(["family", "feature"])["has"].mean().rename("share").reset_index()
    return shares
