"""kb.load: typed DataFrames, faithful partial dates, a round trip through CSV, clear errors."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import build_package

import kb
from kb.frames import dump


def test_tables_have_real_dtypes(valid_package) -> None:
    tables = kb.load(valid_package)
    distros = tables["distros"]
    assert list(distros["id"]) == ["acme-os", "acme-next"]
    assert distros["id"].dtype == "string"
    assert list(distros["status"].cat.categories) == ["active", "maintenance", "discontinued"]
    assert pd.api.types.is_datetime64_any_dtype(distros["checked"])
    assert distros["end_of_life"].isna().tolist() == [False, True]


def test_partial_dates_keep_their_precision(valid_package) -> None:
    distros = kb.load(valid_package)["distros"].set_index("id")
    assert distros.loc["acme-os", "first_release"] == pd.Timestamp("2014-01-01")
    assert distros.loc["acme-os", "first_release_precision"] == "year"
    assert distros.loc["acme-next", "first_release_precision"] == "month"
    assert distros.loc["acme-os", "end_of_life_precision"] == "day"


def test_load_write_load_gives_equal_frames(valid_package, tmp_path) -> None:
    first = kb.load(valid_package)
    dump(first, tmp_path / "copy", valid_package / "datapackage.json")
    second = kb.load(tmp_path / "copy")
    assert first.keys() == second.keys()
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name])


def test_writing_reproduces_the_files(valid_package, tmp_path) -> None:
    dump(kb.load(valid_package), tmp_path / "copy", valid_package / "datapackage.json")
    for csv in valid_package.glob("*.csv"):
        assert (tmp_path / "copy" / csv.name).read_text() == csv.read_text(), csv.name


def test_invalid_data_raises_with_the_validators_errors(tmp_path) -> None:
    package = build_package(tmp_path / "data", "unknown-reference")
    with pytest.raises(kb.DataError) as error:
        kb.load(package)
    assert error.value.issues[0].code == "unknown-reference"
    assert "distros.csv:3:3: unknown-reference" in str(error.value)
