"""kb.lineage on small hand-made graphs."""

from __future__ import annotations

import pandas as pd
import pytest

from kb import lineage


def tables(distros: list[tuple[str, str, str | None]], edges: list[tuple[str, str, str]]) -> dict[str, pd.DataFrame]:
    """Minimal tables: distros as (id, status, first_release), edges as (from, to, relation)."""
    return {
        "distros": pd.DataFrame(
            {
                "id": [d[0] for d in distros],
                "name": [d[0].upper() for d in distros],
                "vendor": "acme",
                "status": [d[1] for d in distros],
                "first_release": pd.to_datetime([d[2] for d in distros]),
                "end_of_life": pd.NaT,
            }
        ),
        "lineage": pd.DataFrame(
            {
                "from": [e[0] for e in edges],
                "to": [e[1] for e in edges],
                "relation": [e[2] for e in edges],
                "date": pd.NaT,
                "note": None,
                "source": "s",
            }
        ),
    }


@pytest.fixture
def graph():
    # a -> b -> c (successions), a -> d (fork), e alone
    return lineage.build(
        tables(
            [
                ("a", "discontinued", "2013"),
                ("b", "discontinued", "2016"),
                ("c", "active", "2019"),
                ("d", "active", "2018"),
                ("e", "discontinued", "2015"),
            ],
            [("a", "b", "successor"), ("b", "c", "successor"), ("a", "d", "fork")],
        )
    )


def test_nodes_and_edges_carry_their_attributes(graph) -> None:
    assert graph.nodes["a"]["status"] == "discontinued"
    assert graph.nodes["c"]["first_release"] == pd.Timestamp("2019-01-01")
    assert graph.edges["a", "d", "fork"]["relation"] == "fork"
    assert graph.edges["a", "b", "successor"]["source"] == "s"


def test_two_relations_between_the_same_pair_are_two_edges() -> None:
    graph = lineage.build(
        tables([("a", "active", "2013"), ("b", "active", "2016")], [("a", "b", "fork"), ("a", "b", "derivative")])
    )
    assert sorted(key for _, _, key in graph.edges(keys=True)) == ["derivative", "fork"]


def test_ancestors_and_descendants(graph) -> None:
    assert lineage.ancestors(graph, "c") == {"a", "b"}
    assert lineage.descendants(graph, "a") == {"b", "c", "d"}
    assert lineage.descendants(graph, "e") == set()


def test_families_largest_first(graph) -> None:
    assert lineage.families(graph) == [{"a", "b", "c", "d"}, {"e"}]


def test_living_and_extinct_families(graph) -> None:
    assert lineage.living_families(graph) == [{"a", "b", "c", "d"}]
    assert lineage.extinct_families(graph) == [{"e"}]


def test_continuations_are_the_nearest_living_distros(graph) -> None:
    # d is one step from a; c two steps, through the discontinued b
    assert lineage.continuations(graph, "a") == ["d", "c"]
    assert lineage.continuations(graph, "b") == ["c"]
    assert lineage.continuations(graph, "e") == []


def test_line_labels_name_the_roots(graph) -> None:
    labels = lineage.family_labels(graph)
    assert labels["c"] == labels["d"] == "A line"
    assert labels["e"] == "Distributions with no line"


def test_derivatives_and_bases_do_not_merge_lines() -> None:
    graph = lineage.build(
        tables(
            [("base", "active", "2005"), ("x", "active", "2013"), ("y", "active", "2016"), ("z", "active", "2017")],
            [("base", "x", "based-on"), ("x", "y", "derivative"), ("x", "z", "rebrand")],
        )
    )
    assert lineage.families(graph) == [{"x", "z"}, {"base"}, {"y"}]


def test_continuations_follow_successors_before_derivatives() -> None:
    distros = [("old", "discontinued", "2013"), ("heir", "active", "2019"), ("desk", "active", "2017")]
    graph = lineage.build(tables(distros, [("old", "heir", "successor"), ("old", "desk", "derivative")]))
    assert lineage.continuations(graph, "old") == ["heir"]
    graph = lineage.build(tables(distros, [("old", "desk", "derivative")]))
    assert lineage.continuations(graph, "old") == ["desk"]  # a derivative only when nothing else leads on


def test_a_change_of_kind_is_named() -> None:
    frames = tables([("old", "discontinued", "2013"), ("desk", "active", "2017")], [("old", "desk", "successor")])
    frames["distros"]["kind"] = ["container-host", "immutable-desktop"]
    graph = lineage.build(frames)
    assert lineage.kind_change(graph, "old", "desk") == "container-host → immutable-desktop"
    assert lineage.kind_change(graph, "old", "old") == ""
