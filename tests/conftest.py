"""Shared fixtures: tiny data packages built from tests/fixtures, and the project's paths."""

from __future__ import annotations

import contextlib
import csv
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEFECTS = sorted(path.name for path in (FIXTURES / "defects").iterdir())
FILES = len(json.loads((DATA / "datapackage.json").read_text())["resources"]) + 1  # the tables and the descriptor


PATCH = "descriptor-patch.json"  # {"resources/0/path": value, ...}: values to set in the real descriptor


def build_package(target: Path, defect: str | None = None) -> Path:
    """A copy of the valid fixture package in ``target``, with one defect's files laid over it (and
    its descriptor patch applied: the descriptor is written back as it is formatted, indent 2)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA / "datapackage.json", target)
    for table in (FIXTURES / "valid").glob("*.csv"):
        shutil.copy(table, target)
    if defect:
        folder = FIXTURES / "defects" / defect
        for file in folder.iterdir():
            if file.name not in ("expected.csv", "ABSENT", PATCH):
                shutil.copy(file, target / file.name)
        if (folder / PATCH).exists():
            descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
            for pointer, value in json.loads((folder / PATCH).read_text(encoding="utf-8")).items():
                *parents, last = [int(part) if part.isdigit() else part for part in pointer.split("/")]
                node = descriptor
                for part in parents:
                    node = node[part]
                node[last] = value
            text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
            (target / "datapackage.json").write_text(text, encoding="utf-8")
        if (folder / "ABSENT").exists():
            for name in (folder / "ABSENT").read_text().split():
                (target / name).unlink()
    return target


@pytest.fixture
def valid_package(tmp_path: Path) -> Path:
    return build_package(tmp_path / "data")


REPO_URL = "https://github.com/example/container-os-kb"


def build_site(target: Path, **environment: str) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` of the project into ``target``; returns the finished process."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "KB_REPO_URL": REPO_URL} | environment
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(target)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built once from the real data (notebook runs are cached in .cache)."""
    target = tmp_path_factory.mktemp("site")
    result = build_site(target)
    assert result.returncode == 0, result.stderr[-3000:]
    return target


@contextlib.contextmanager
def serving(handler) -> Iterator[http.server.ThreadingHTTPServer]:
    """An HTTP server on 127.0.0.1, on a free port, answering with ``handler`` in a thread; its
    address is ``server.base``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.base = f"http://127.0.0.1:{server.server_port}"
    # a short poll: shutdown() waits for it, and half a second per server adds up over the suite
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served under a sub-path, as on a GitHub Pages project site: its URL."""
    from browsing import PREFIX, SubPathHandler

    with serving(functools.partial(SubPathHandler, directory=str(folder))) as server:
        yield server.base + PREFIX


@pytest.fixture(scope="session")
def base_url(site):
    """The built site, served."""
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by playwright."""
    playwright = pytest.importorskip("playwright.sync_api")
    from browsing import ARGS, CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.fail("the browser tests need Debian's chromium: apt-get install -y chromium")
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


def read_rows(name: str, data: Path = DATA) -> list[dict[str, str]]:
    """The rows of ``data/<name>.csv`` as dictionaries."""
    with open(data / f"{name}.csv", newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def pytest_report_header(config) -> str:
    """The browser the browser tests run in, recorded in every test run's output."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        version = subprocess.run([chromium, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        version = "not installed"
    return f"chromium: {version or 'unknown'} ({chromium})"


def pytest_collection_modifyitems(config, items) -> None:
    """A test that needs the built site is slow, whatever its module: ``make check`` leaves it out."""
    for item in items:
        if {"site", "hostile_site"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
