"""kb.features and kb.runtimes on small hand-made tables."""

from __future__ import annotations

import pandas as pd
import pytest

from kb import features, runtimes

TODAY = pd.Timestamp("2026-01-15")


@pytest.fixture
def tables() -> dict[str, pd.DataFrame]:
    when = pd.to_datetime
    return {
        "distros": pd.DataFrame({
            "id": ["a", "b", "c"], "name": ["A", "B", "C"], "status": ["active", "active", "discontinued"],
            "first_release": when(["2014", "2016", "2013"]), "end_of_life": when([None, None, "2020-05-26"]),
        }),
        "features": pd.DataFrame({"id": ["selinux", "no-ssh", "ignition"],
                                  "category": ["security", "security", "provisioning"]}),
        "distro_features": pd.DataFrame({
            "distro": ["a", "a", "a", "b", "b", "c"],
            "feature": ["selinux", "selinux", "no-ssh", "selinux", "ignition", "selinux"],
            "value": ["partial", "yes", "yes", "yes", "no", "no"],
            "detail": ["permissive", None, None, None, None, None],
            "since": when([None, "2020", None, None, None, None]),
            "until": when(["2020", None, None, None, None, None]),
            "source": ["s1", "s2", "s3", "s4", "s5", "s6"],
            "basis": ["stated", "stated", "inferred", "stated", "stated", "stated"],
        }),
        "distro_runtimes": pd.DataFrame({
            "distro": ["a", "a", "c"], "runtime": ["docker", "containerd", "rkt"],
            "support": ["default", "default", "included"],
            "since": when([None, "2020-06", None]), "until": when(["2020-06", None, None]),
        }),
    }  # fmt: skip


def test_current_takes_the_open_ended_row(tables) -> None:
    current = features.current(tables).set_index(["distro", "feature"])
    assert current.loc[("a", "selinux"), "value"] == "yes"
    assert len(current) == 5


def test_cells_cover_the_whole_grid_with_unknowns(tables) -> None:
    grid = features.cells(tables)
    assert len(grid) == 9
    cell = grid.set_index(["distro", "feature"])
    assert cell.loc[("c", "no-ssh"), "value"] == "unknown"
    assert cell.loc[("a", "no-ssh"), "basis"] == "inferred" and cell.loc[("b", "selinux"), "basis"] == "stated"
    assert set(features.cells(tables, "provisioning")["feature"]) == {"ignition"}


def test_wide_has_a_column_per_feature(tables) -> None:
    wide = features.wide(tables).set_index("distro")
    assert wide.loc["a", "no-ssh"] == "yes" and wide.loc["b", "no-ssh"] == "unknown"
    assert wide.loc["c", "status"] == "discontinued"


def test_coverage(tables) -> None:
    by_feature = features.coverage(tables, "feature").set_index("feature")["known"]
    assert by_feature.to_dict() == pytest.approx({"no-ssh": 1 / 3, "ignition": 1 / 3, "selinux": 1.0})


def test_jaccard_counts_yes_and_partial(tables) -> None:
    pairs = features.jaccard(tables, "security").set_index(["a", "b"])["jaccard"]
    assert pairs[("A", "B")] == pytest.approx(1 / 2)  # {selinux, no-ssh} vs {selinux}
    assert pairs[("A", "C")] == 0.0 and pairs[("B", "A")] == pairs[("A", "B")]
    assert pairs[("C", "C")] == 1.0


def test_clusters_group_similar_distros(tables) -> None:
    similarity = features.jaccard(tables, "security")
    assert features.clusters(similarity, threshold=0.5) == [["A", "B"], ["C"]]


def test_share_by_family(tables) -> None:
    shares = features.share_by_family(tables, {"a": "F", "b": "F", "c": "G"}, "security").set_index(
        ["family", "feature"]
    )
    assert shares.loc[("F", "selinux"), "share"] == 1.0
    assert shares.loc[("G", "selinux"), "share"] == 0.0


def test_runtime_periods_keep_open_ends_open(tables) -> None:
    periods = runtimes.periods(tables, TODAY).set_index(["distro", "runtime"])
    assert periods.loc[("a", "docker"), "start"] == pd.Timestamp("2014-01-01")  # first release
    assert pd.isna(periods.loc[("a", "containerd"), "end"])  # still shipped: open, not today
    assert periods.loc[("a", "containerd"), "ending"] == "still supported"
    assert periods.loc[("c", "rkt"), "end"] == pd.Timestamp("2020-05-26")  # end of life


def test_defaults_per_year_count_a_distro_once_in_the_year_of_a_switch(tables) -> None:
    defaults = runtimes.defaults_per_year(tables, TODAY).set_index(["year", "runtime"])["distros"]
    assert defaults[(2019, "docker")] == 1 and (2019, "containerd") not in defaults
    assert defaults[(2020, "containerd")] == 1 and (2020, "docker") not in defaults  # default at the year's end
    assert defaults.groupby(level="year").sum().max() == 1  # one distro with a default: never counted twice


def test_tally_keeps_yes_partial_and_optional_apart() -> None:
    grid = pd.DataFrame(
        {"feature": ["f"] * 5 + ["g"], "value": ["yes", "partial", "optional", "no", "unknown", "unknown"]}
    )
    tally = features.tally(grid, "feature").set_index("feature")
    assert tally.loc["f", ["yes", "partial", "optional", "no", "unknown"]].tolist() == [1, 1, 1, 1, 1]
    assert tally.loc["f", "known"] == 4 and tally.loc["f", "cells"] == 5
    assert tally.loc["f", "yes share"] == pytest.approx(1 / 4)  # divided by the known cells, not by 5
    assert tally.loc["f", "has share"] == pytest.approx(3 / 4)
    assert pd.isna(tally.loc["g", "yes share"])  # nothing known: no share at all


def test_upstream_bases_are_not_compared(tables) -> None:
    tables = dict(tables)
    tables["distros"] = pd.concat(
        [
            tables["distros"].assign(kind="container-host"),
            pd.DataFrame({"id": ["u"], "name": ["U"], "status": ["active"], "kind": ["upstream-base"]}),
        ],
        ignore_index=True,
    )
    assert "u" not in set(features.cells(tables)["distro"])
    assert "u" not in set(features.wide(tables)["distro"])
