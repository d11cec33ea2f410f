"""The benchmark's synthetic data stays valid and grows linearly."""

from __future__ import annotations

import sys

from conftest import DATA, ROOT

from kb.validation import validate

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import scale


def test_scaled_data_is_valid_and_linear(tmp_path) -> None:
    base = validate(DATA).rows
    rows = scale(DATA, tmp_path / "x3", 3)
    report = validate(tmp_path / "x3")
    assert report.issues == []
    assert report.rows == rows
    assert 2.5 * base < rows < 3 * base  # organizations, runtimes, features and company events are shared
