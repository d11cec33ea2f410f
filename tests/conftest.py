"""Shared fixtures: tiny data packages built from tests/fixtures, and the project's paths."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEFECTS = sorted(path.name for path in (FIXTURES / "defects").iterdir())


def build_package(target: Path, defect: str | None = None) -> Path:
    """A copy of the valid fixture package in ``target``, with one defect's files laid over it."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "datapackage.json", target)
    for csv in (FIXTURES / "valid").glob("*.csv"):
        shutil.copy(csv, target)
    if defect:
        folder = FIXTURES / "defects" / defect
        for file in folder.iterdir():
            if file.name not in ("expected.csv", "ABSENT"):
                shutil.copy(file, target / file.name)
        if (folder / "ABSENT").exists():
            for name in (folder / "ABSENT").read_text().split():
                (target / name).unlink()
    return target


@pytest.fixture
def valid_package(tmp_path: Path) -> Path:
    return build_package(tmp_path / "data")
