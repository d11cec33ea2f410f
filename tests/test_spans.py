"""kb.spans and kb.survival on small hand-made frames: nothing dropped, nothing extended, precision kept."""

from __future__ import annotations

import pandas as pd
import pytest

from kb import spans, survival

TODAY = pd.Timestamp("2020-06-01")


@pytest.fixture
def distros() -> pd.DataFrame:
    # a: 2014–2018; b: since 2016, open; c: no sourced start, open; d: discontinued in ?, released 2015
    return pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "name": ["A", "B", "C", "D"],
            "status": ["discontinued", "active", "active", "discontinued"],
            "kind": "container-host",
            "first_release": pd.to_datetime(["2014-03-01", "2016-01-01", None, "2015-01-01"]),
            "first_release_precision": ["day", "year", None, "year"],
            "end_of_life": pd.to_datetime(["2018-05-01", None, None, None]),
            "end_of_life_precision": ["day", None, None, None],
        }
    )


def test_lifespans_keep_every_distro_and_extend_none(distros) -> None:
    life = spans.lifespans(distros, TODAY).set_index("id")
    assert list(life.index) == ["a", "b", "c", "d"]
    assert life["ending"].to_dict() == {
        "a": "ended",
        "b": "still supported",
        "c": "still supported",
        "d": "no sourced end",
    }
    assert pd.isna(life.loc["d", "end"]) and pd.isna(life.loc["b", "end"])
    assert not life.loc["c", "start_known"]


def test_supported_per_year_separates_certain_from_possible(distros) -> None:
    years = spans.supported_per_year(distros, TODAY).set_index("year")
    # 2015: a, and d in its first year; c possibly (start unknown)
    assert years.loc[2015].tolist() == [2, 1]
    # 2017: a and b; c and d possibly
    assert years.loc[2017].tolist() == [2, 2]
    # 2020: b and c are supported today; d possibly (no sourced end)
    assert years.loc[2020].tolist() == [2, 1]
    assert spans.supported_now(distros, TODAY) == 2


def test_upstream_bases_do_not_count_as_supported(distros) -> None:
    base = distros.iloc[[1]].assign(id="base", kind="upstream-base")
    assert spans.supported_now(pd.concat([distros, base]), TODAY) == 2


def rows(since: list, since_p: list, until: list, until_p: list, values: list) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "distro": "x",
            "feature": "f",
            "value": values,
            "since": pd.to_datetime(since),
            "since_precision": since_p,
            "until": pd.to_datetime(until),
            "until_precision": until_p,
            "source": "s",
        }
    )


def test_as_of_keeps_the_precision_of_a_bound() -> None:
    data = rows(["2023-01-01"], ["year"], [None], [None], ["yes"])
    assert spans.as_of(data, "feature", "2022-12-31").empty
    assert spans.as_of(data, "feature", "2023-06-01")["state"].tolist() == ["uncertain"]  # 2023 is not 1 January
    assert spans.as_of(data, "feature", "2024-01-01")["state"].tolist() == ["holds"]


def test_as_of_picks_the_row_in_force() -> None:
    data = rows([None, "2017-04-01"], [None, "month"], ["2017-04-01", None], ["month", None], ["no", "yes"])
    assert spans.as_of(data, "feature", "2016-01-01")["value"].tolist() == ["no"]
    assert spans.as_of(data, "feature", "2018-01-01")["value"].tolist() == ["yes"]
    during = spans.as_of(data, "feature", "2017-04-15")
    assert during["state"].tolist() == ["uncertain"]  # both rows touch April 2017


def test_at_precision_writes_a_date_as_sourced() -> None:
    assert spans.at_precision(pd.Timestamp("2014-01-01"), "year") == "2014"
    assert spans.at_precision(pd.Timestamp("2014-07-01"), "month") == "2014-07"
    assert spans.at_precision(pd.NaT, "day") == ""


def test_survival_censors_the_living_and_sets_aside_the_undatable(distros) -> None:
    data = survival.durations(distros, TODAY).set_index("id")
    assert data["usable"].to_dict() == {"a": True, "b": True, "c": False, "d": False}
    assert data["observed"].to_dict() == {"a": True, "b": False, "c": False, "d": False}


def test_kaplan_meier_matches_the_product_limit_by_hand() -> None:
    # times 1 (event), 2 (censored), 3 (event), 4 (event): S(1)=3/4, S(3)=3/4*1/2, S(4)=0
    data = pd.DataFrame({"years": [1.0, 2.0, 3.0, 4.0], "observed": [True, False, True, True], "usable": True})
    curve, median = survival.kaplan_meier(data)
    at = curve.set_index("years")["survival"]
    assert at[1.0] == pytest.approx(0.75) and at[2.0] == pytest.approx(0.75)
    assert at[3.0] == pytest.approx(0.375) and at[4.0] == pytest.approx(0.0)
    assert median == 3.0


def test_values_at_answers_for_features_and_runtimes_in_one_call() -> None:
    feature_rows = rows([None, "2023-01-01"], [None, "year"], ["2023-01-01", None], ["year", None], ["no", "yes"])
    runtime_rows = pd.DataFrame(
        {
            "distro": "x",
            "runtime": ["docker", "containerd"],
            "support": ["default", "default"],
            "since": pd.to_datetime([None, "2020-06-01"]),
            "until": pd.to_datetime(["2020-06-01", None]),
            "source": "s",
        }
    )
    tables = {"distro_features": feature_rows, "distro_runtimes": runtime_rows}
    then = spans.values_at(tables, "2019-01-01").set_index(["table", "subject"])["value"]
    assert then.to_dict() == {("feature", "f"): "no", ("runtime", "docker"): "default"}
    now = spans.values_at(tables, "2024-01-01").set_index(["table", "subject"])["value"]
    assert now.to_dict() == {("feature", "f"): "yes", ("runtime", "containerd"): "default"}
