"""Incremental builds: a notebook runs again only when a table it declares, the code or today changes."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from conftest import DATA, ROOT

import kb
from kb.site.notebooks import cache_key, declared_tables, fingerprint
from kb.validation.descriptor import read_package

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.py"))
TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_each_notebook_declares_tables_that_exist(notebook) -> None:
    declared = declared_tables(notebook)
    names = {resource.name for resource in read_package(DATA).resources}
    assert declared is None or (declared and set(declared) <= names), declared


def reads(notebook, table: str) -> bool:
    declared = declared_tables(notebook)
    return declared is None or table in declared  # no declaration: it reads everything


def test_a_runtime_row_reruns_only_the_notebooks_that_read_runtimes(tmp_path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    before = fingerprint(read_package(data), TODAY)
    rows = (data / "distro_runtimes.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (data / "distro_runtimes.csv").write_text("".join(rows[:-1]), encoding="utf-8")  # one row fewer
    after = fingerprint(read_package(data), TODAY)
    rerun = {n.stem for n in NOTEBOOKS if cache_key(n, before) != cache_key(n, after)}
    readers = {n.stem for n in NOTEBOOKS if reads(n, "distro_runtimes")}
    assert rerun == readers and "01-lineage" not in rerun and "03-runtimes" in rerun
    assert fingerprint(read_package(data), TODAY + dt.timedelta(days=1)).of() != after.of()  # today counts


def test_a_declaration_is_enforced_by_the_loader() -> None:
    tables = kb.load(DATA, tables=("distros", "lineage"))
    assert list(tables) == ["distros", "lineage"]
    with pytest.raises(KeyError, match="no table distro_runtimez"):
        kb.load(DATA, tables=("distro_runtimez",))
