"""One today per run: $KB_TODAY fixes it for the checks, the CLI, and the site's cache keys."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import DATA, build_package

from kb import dates
from kb.cli import main
from kb.site.notebooks import fingerprint
from kb.validation import validate
from kb.validation.descriptor import read_package


def test_kb_today_sets_the_day(monkeypatch) -> None:
    monkeypatch.setenv("KB_TODAY", "2030-02-03")
    assert dates.today() == dt.date(2030, 2, 3)
    monkeypatch.delenv("KB_TODAY")
    assert dates.today() == dt.date.today()


@pytest.mark.parametrize("value", ["2030-02", "tomorrow", "2030-02-30", "٢٠٣٠-02-03"])
def test_a_malformed_kb_today_is_a_usage_error(monkeypatch, capsys, valid_package, value: str) -> None:
    monkeypatch.setenv("KB_TODAY", value)
    with pytest.raises(ValueError, match="KB_TODAY"):
        dates.today()
    assert main(["validate", str(valid_package)]) == 2
    assert "kb validate: KB_TODAY:" in capsys.readouterr().err


def test_validation_counts_from_kb_today(monkeypatch, tmp_path) -> None:
    package = build_package(tmp_path / "data")
    text = (package / "lineage.csv").read_text()
    (package / "lineage.csv").write_text(text.replace(",2019,", ",2027-06,"))
    monkeypatch.setenv("KB_TODAY", "2027-07-01")
    assert validate(package).ok
    monkeypatch.setenv("KB_TODAY", "2027-05-31")
    assert [issue.code for issue in validate(package).issues] == ["future-date"]


def test_the_cache_key_changes_with_the_day() -> None:
    package = read_package(DATA)
    monday, tuesday = dt.date(2026, 1, 12), dt.date(2026, 1, 13)
    assert fingerprint(package, monday) == fingerprint(package, monday) != fingerprint(package, tuesday)
