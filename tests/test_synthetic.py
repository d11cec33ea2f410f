"""The benchmark's synthetic data stays valid and grows linearly."""

from __future__ import annotations

import sys
from collections import Counter

from conftest import DATA, ROOT, read_rows

from kb.validation import validate

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import crowded_events, lineage_cycles, scale


def test_scaled_data_is_valid_and_linear(tmp_path) -> None:
    base = validate(DATA).rows
    rows = scale(DATA, tmp_path / "x3", 3)
    report = validate(tmp_path / "x3")
    assert report.issues == []
    assert report.rows == rows
    assert 2.5 * base < rows < 3 * base  # organizations, runtimes, features and company events are shared


def codes(folder) -> Counter:
    return Counter(issue.code for issue in validate(folder).issues)


def test_crowded_events_add_valid_rows_to_one_group(tmp_path) -> None:
    rows = crowded_events(DATA, tmp_path / "events", 40)
    assert rows == validate(DATA).rows + 40
    assert codes(tmp_path / "events") == codes(DATA)  # nothing new to report
    events = read_rows("events", tmp_path / "events")
    assert sum(row["kind"] == "release" and row["subject"] == "flatcar" for row in events) >= 40


def test_lineage_cycles_add_one_error_per_pair(tmp_path) -> None:
    lineage_cycles(DATA, tmp_path / "cycles", 7)
    assert codes(tmp_path / "cycles") - codes(DATA) == Counter({"lineage-cycle": 7})
