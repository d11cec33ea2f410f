"""kb.charts: every builder titles and describes its chart, draws it without errors in Vega, and
embeds only the columns it uses."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
import vl_convert

import kb
from kb import charts, features, lineage, runtimes, survival

TODAY = pd.Timestamp("2026-01-15")


@pytest.fixture(scope="module")
def tables():
    return kb.load()


def builders(tables):
    graph = lineage.build(tables)
    similarity = features.jaccard(tables, "security")
    order = [name for group in features.clusters(similarity) for name in group]
    deals = pd.DataFrame(
        {"date": pd.to_datetime(["2018-01-30"]), "subject_name": ["Red Hat"], "object_name": ["CoreOS"]}
    )
    coverage = features.coverage(tables, "feature")
    families = lineage.family_labels(graph)
    return {
        "lifespans": charts.lifespans(tables["distros"], TODAY),
        "active_per_year": charts.active_per_year(tables["distros"], TODAY),
        "events_timeline": charts.events_timeline(tables["events"]),
        "lineage_timeline": charts.lineage_timeline(graph, TODAY, deals),
        "runtime_shift": charts.runtime_shift(runtimes.defaults_per_year(tables, TODAY)),
        "runtime_grid": charts.runtime_grid(runtimes.grid(tables, TODAY)),
        "survival": charts.survival(*survival.kaplan_meier(survival.durations(tables["distros"], TODAY)), 8, 20),
        "feature_heatmap": charts.feature_heatmap(features.cells(tables, "security"), "Security", order),
        "similarity_heatmap": charts.similarity_heatmap(similarity, order),
        "share_by_family": charts.share_by_family(features.share_by_family(tables, families, "update")),
        "coverage_bars": charts.coverage_bars(coverage, "feature", "Coverage"),
        "counts": charts.counts(
            tables["sources"]["type"].value_counts().rename_axis("type").reset_index(),
            "type",
            "Sources by type",
            "Bar chart of the number of sources of each type.",
        ),
        "chooser": charts.chooser(features.wide(tables), {"active": "Supported", "selinux": "SELinux"}),
    }


@pytest.fixture(scope="module")
def built(tables):
    return builders(tables)


@pytest.fixture(scope="module")
def specs(built):
    return {name: chart.to_dict() for name, chart in built.items()}


@pytest.fixture(scope="module")
def svgs(specs):
    """Each chart drawn by Vega (vl-convert), once per module."""
    return {name: vl_convert.vegalite_to_svg(spec) for name, spec in specs.items()}


NAMES = [
    "lifespans", "active_per_year", "events_timeline", "lineage_timeline", "runtime_shift", "runtime_grid", "survival",
    "feature_heatmap", "similarity_heatmap", "share_by_family", "coverage_bars", "counts", "chooser",
]  # fmt: skip


def test_every_builder_is_tested(built) -> None:
    public = {name for name in dir(charts) if callable(getattr(charts, name)) and not name.startswith("_")}
    helpers = {"finish", "theme", "drawn_spans", "runtime_scale"}
    assert set(built) == public - helpers == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_chart_has_a_title_and_a_description(specs, name) -> None:
    spec = specs[name]
    title = spec["title"]["text"] if isinstance(spec["title"], dict) else spec["title"]
    assert title.strip()
    assert len(spec["description"]) > 40


@pytest.mark.slow  # drawing every chart in Vega takes seconds
@pytest.mark.parametrize("name", NAMES)
def test_every_chart_renders_in_vega(svgs, name) -> None:
    svg = svgs[name]
    assert svg.startswith("<svg") and "<path" in svg


@pytest.mark.parametrize("name", NAMES)
def test_charts_embed_only_columns_they_use(specs, name) -> None:
    spec = specs[name]
    rest = json.dumps({key: value for key, value in spec.items() if key != "datasets"})
    for rows in spec.get("datasets", {}).values():
        for column in rows[0] if rows else {}:
            assert re.search(rf'"{re.escape(column)}[":\]]', rest), f"{name} embeds unused column {column!r}"


def test_the_theme_is_colour_blind_safe_and_white() -> None:
    chart = charts.counts(pd.DataFrame({"type": ["a"], "count": [1]}), "type", "T", "D")
    spec = chart.to_dict()
    assert spec["background"] == "white"
    assert spec["config"]["range"]["category"] == charts.OKABE_ITO


def test_the_chooser_binds_a_checkbox_per_requirement(specs) -> None:
    params = {param["name"]: param for param in specs["chooser"]["params"]}
    assert {"need_active", "need_selinux", "accept_partial"} <= params.keys()
    assert all(param["bind"]["input"] == "checkbox" for param in params.values())


def test_lifespans_keep_a_missing_bound_as_a_point_at_the_known_date() -> None:
    distros = pd.DataFrame(
        {
            "id": ["old", "gone", "alive", "dateless"],
            "name": ["Old", "Gone", "Alive", "Dateless"],
            "status": ["discontinued", "discontinued", "active", "active"],
            "first_release": pd.to_datetime(["2014-01-01", "2015-01-01", "2016-01-01", None]),
            "end_of_life": pd.to_datetime(["2018-05-01", None, None, None]),
        }
    )
    drawn = charts.drawn_spans(distros, TODAY).set_index("id")
    assert drawn["bound"].to_dict() == {
        "old": "both ends known",
        "gone": "end not sourced",
        "alive": "both ends known",
        "dateless": "first release not sourced",
    }
    assert (drawn.loc["old", "start"], drawn.loc["old", "end"]) == ("2014-01-01", "2018-05-01")
    assert drawn.loc["alive", "end"] == "2026-01-15"
    assert drawn.loc["gone", "end"] == "2015-01-01"  # not carried to today
    assert drawn.loc["dateless", "start"] == drawn.loc["dateless", "end"] == "2026-01-15"


def test_each_runtime_has_one_distinct_colour_everywhere(tables) -> None:
    ids = set(tables["runtimes"]["id"])
    assert ids <= charts.RUNTIME_COLOURS.keys()
    assert len(set(charts.RUNTIME_COLOURS.values())) == len(charts.RUNTIME_COLOURS)
    shift = charts.runtime_shift(runtimes.defaults_per_year(tables, TODAY)).to_dict()["encoding"]["color"]["scale"]
    grid = charts.runtime_grid(runtimes.grid(tables, TODAY)).to_dict()["layer"][0]["encoding"]["color"]["scale"]
    for scale in (shift, grid):
        for runtime, colour in zip(scale["domain"], scale["range"], strict=True):
            assert charts.RUNTIME_COLOURS[runtime] == colour


def _heights(spec) -> list:
    found = []
    if isinstance(spec, dict):
        if isinstance(spec.get("height"), (int, float)):
            found.append(spec["height"])
        for value in spec.values():
            found += _heights(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _heights(value)
    return found


@pytest.mark.slow  # drawing every chart in Vega takes seconds
@pytest.mark.parametrize("name", NAMES)
def test_no_chart_is_taller_than_the_limit(svgs, name) -> None:
    svg = svgs[name]
    height = float(re.search(r'<svg[^>]*height="([0-9.]+)"', svg).group(1))
    assert height <= charts.MAX_HEIGHT, f"{name} is {height}px tall"


def test_lineage_links_name_both_ends_stand_where_they_can_be_true_and_stay_apart(tables) -> None:
    graph = lineage.build(tables)
    spec = charts.lineage_timeline(graph, TODAY, pages="distros/").to_dict()
    layers = spec["layer"]
    edges = pd.DataFrame(spec["datasets"][layers[0]["data"]["name"]])
    names = dict(zip(tables["distros"]["id"], tables["distros"]["name"], strict=True))
    starts = {row["name"]: row for row in spec["datasets"][layers[2]["data"]["name"]]}
    expected = {(names[a], r, names[b]) for a, b, r in graph.edges(keys=True)}
    assert set(zip(edges["parent"], edges["relation"], edges["child"], strict=True)) == expected  # every edge
    assert {t["title"] for t in layers[0]["encoding"]["tooltip"]} == {"From", "Relation", "To", "Date"}
    for edge in edges.itertuples():
        known = [starts[name]["start"] for name in (edge.parent, edge.child) if starts[name]["start"]]
        if edge.when == "date unknown" and known:  # never before either end existed
            assert edge.x >= max(known)
    assert not edges.duplicated(["x"]).any()  # links that share a date stand apart
    heads = layers[1]
    assert heads["mark"]["type"] == "point" and heads["encoding"]["shape"]["field"] == "head"  # arrowheads
    assert set(edges["head"]) <= {"triangle-down", "triangle-up"}
    assert all(row["url"].startswith("distros/") for row in starts.values())  # marks link to the pages
