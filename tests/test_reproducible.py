"""Two clean builds of one commit, each with its own empty cache, publish the same bytes: every
page, data file and API document (the sitemap's dates aside), and the executed notebooks too."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_site

pytestmark = pytest.mark.slow
DATED = {"sitemap.xml", "sitemap.xml.gz"}  # mkdocs writes the build date into them


def files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_two_clean_builds_are_identical(tmp_path) -> None:
    builds = []
    for name in ("first", "second"):
        cache = tmp_path / name / "cache"
        result = build_site(tmp_path / name / "site", KB_CACHE=str(cache))
        assert result.returncode == 0, result.stderr[-3000:]
        runs = files(cache / "notebooks")
        assert len(list((cache / "mkdocs-jupyter").glob("*.json"))) == len(runs)  # its pages: not shared either
        builds.append((files(tmp_path / name / "site"), runs))
    (first_site, first_runs), (second_site, second_runs) = builds
    assert first_site.keys() == second_site.keys()
    published = [name for name in first_site if name.endswith((".html", ".json", ".csv"))]
    assert len(published) > 100
    differ = [name for name in first_site if name not in DATED and first_site[name] != second_site[name]]
    assert not differ
    assert first_runs and first_runs == second_runs  # the notebooks' runs themselves are deterministic
