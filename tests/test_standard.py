"""The schema is a real Frictionless Table Schema: the standard tool agrees with kb validate."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, build_package

frictionless = pytest.importorskip("frictionless")
pytestmark = pytest.mark.slow  # the standard tool takes a second or more per package: make test runs it

# Defects that the Table Schema itself expresses, so the standard validator must see them too.
STANDARD = [
    "required",
    "not-in-enum",
    "pattern-mismatch",
    "too-long",
    "duplicate-key",
    "unknown-reference",
    "missing-column",
    "extra-column",
    "duplicate-column",
    "column-order",
    "ragged-row",
    "blank-line",
    "insecure-url",
]


def invalid_resources(package: Path) -> set[str]:
    report = frictionless.validate(str(package / "datapackage.json"))
    return {task.name for task in report.tasks if not task.valid} | ({"<package>"} if report.errors else set())


def test_the_real_data_passes_the_standard_validator() -> None:
    assert invalid_resources(DATA) == set()


def test_the_valid_fixture_passes_the_standard_validator(valid_package: Path) -> None:
    assert invalid_resources(valid_package) == set()


@pytest.mark.parametrize("defect", STANDARD)
def test_the_standard_validator_rejects_the_same_file(defect: str, tmp_path: Path) -> None:
    package = build_package(tmp_path / "data", defect)
    expected = (Path(__file__).parent / "fixtures" / "defects" / defect / "expected.csv").read_text()
    flagged_file = expected.splitlines()[1].split(",")[0].removesuffix(".csv")
    assert flagged_file in invalid_resources(package)
