"""Notebook runs under ``mkdocs serve``: warm kernels, and the runs that follow a data edit."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
import time

import pytest
from conftest import DATA, ROOT

from kb.site.kernels import WarmKernels
from kb.site.live import LiveRuns
from kb.site.notebooks import Build, execute, fingerprint
from kb.validation.descriptor import read_package

pytestmark = pytest.mark.slow
TODAY = dt.date(2026, 12, 1)
# a notebook that reads the distributions and fails when one of them is called "Broken"
NOTEBOOK = """TABLES = ("distros",)
import kb
names = set(kb.load(tables=TABLES)["distros"]["name"])
assert "Broken" not in names
len(names)
"""


def test_a_warm_kernel_has_the_libraries_and_an_empty_history(tmp_path) -> None:
    kernels = WarmKernels(1, tmp_path, TODAY, DATA)
    kernels.fill()
    kernel = kernels.take()
    client = kernel.client()
    client.start_channels()
    try:
        outputs = []
        reply = client.execute_interactive(
            "import sys; print('altair' in sys.modules, 'lifelines' in sys.modules)",
            output_hook=outputs.append,
            timeout=60,
        )
    finally:
        client.stop_channels()
        kernel.shutdown_kernel(now=True)
        kernels.close()
    assert reply["content"]["execution_count"] == 1  # the warm-up left no trace in the history
    assert [out["content"]["text"] for out in outputs if out["msg_type"] == "stream"] == ["True True\n"]


def test_a_notebook_run_on_a_warm_kernel_writes_the_same_file_as_on_a_cold_one(tmp_path) -> None:
    notebook = ROOT / "notebooks" / "02-timeline.py"  # lifelines: imported ahead when warm, in the run when cold
    warm = WarmKernels(1, notebook.parent, TODAY, DATA)
    warm.fill()
    try:
        assert execute(notebook, tmp_path / "warm.ipynb", warm) is None
    finally:
        warm.close()
    assert execute(notebook, tmp_path / "cold.ipynb", WarmKernels(0, notebook.parent, TODAY, DATA)) is None
    assert (tmp_path / "warm.ipynb").read_bytes() == (tmp_path / "cold.ipynb").read_bytes()


def rename(data, old: str, new: str) -> None:
    path = data / "distros.csv"
    text = path.read_text(encoding="utf-8")
    assert f",{old}," in text
    path.write_text(text.replace(f",{old},", f",{new},"), encoding="utf-8")


def build_on(tmp_path, data) -> Build:
    folder = tmp_path / "notebooks"
    return Build(folder, fingerprint(read_package(data), TODAY), tmp_path / "cache", TODAY, data)


def after(live: LiveRuns, build: Build) -> bool:
    """Let ``live`` act once the build is over, and wait for the runs it started: whether it started any."""
    before = set(threading.enumerate())
    live.after(build)
    started = [thread for thread in set(threading.enumerate()) - before if thread.name == "kb-notebooks"]
    for thread in started:
        thread.join(timeout=120)
        assert not thread.is_alive()
    return bool(started)


def first_build(tmp_path) -> Build:
    """A build of the one notebook above, run once, on a copy of the data."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "names.py").write_text(NOTEBOOK, encoding="utf-8")
    first = build_on(tmp_path, data)
    assert first.execute(first.notebooks) == {first.notebooks[0]: first.current(first.notebooks[0])}
    return first


def test_without_a_warm_kernel_an_edit_shows_the_previous_run_then_runs_it_once(tmp_path) -> None:
    first = first_build(tmp_path)
    data, [notebook] = first.data, first.notebooks
    live = LiveRuns(first.trigger, size=0)
    assert live.choose(first) == {} and not after(live, first)

    rename(data, "Talos Linux", "Talos Linux (live)")
    edited = build_on(tmp_path, data)
    assert live.choose(edited) == {notebook: first.current(notebook)}  # the previous run, shown at once
    assert live.state(edited, notebook) == "Updating"
    touched = first.trigger.stat().st_mtime_ns if first.trigger.exists() else None
    assert after(live, edited)
    assert edited.current(notebook).exists() and live.choose(edited) == {}
    assert first.trigger.stat().st_mtime_ns != touched  # the server is told to rebuild

    rename(data, "Talos Linux (live)", "Broken")
    broken = build_on(tmp_path, data)
    assert live.choose(broken) == {notebook: edited.current(notebook)}
    assert after(live, broken)
    assert not broken.current(notebook).exists()
    assert live.choose(broken) == {notebook: edited.current(notebook)}  # the rebuild still shows it...
    assert live.state(broken, notebook) == "Failed"
    assert not after(live, broken)  # ...and does not run it again


def warm(live: LiveRuns, build: Build) -> None:
    """Let ``live`` warm its kernel once ``build`` is over, and wait until it is ready."""
    assert not after(live, build)
    kernels = live.kernels(build)
    for _ in range(600):
        if kernels.ready():
            return
        time.sleep(0.1)
    raise AssertionError("the kernel did not warm up in a minute")


def test_with_a_warm_kernel_an_edit_runs_the_notebook_in_the_build(tmp_path) -> None:
    first = first_build(tmp_path)
    data, [notebook] = first.data, first.notebooks
    live = LiveRuns(first.trigger, size=1)
    try:
        assert live.choose(first) == {}
        warm(live, first)
        rename(data, "Talos Linux", "Talos Linux (live)")
        edited = build_on(tmp_path, data)
        assert live.choose(edited) == {} and edited.current(notebook).exists()  # run before the pages are made

        warm(live, edited)
        rename(data, "Talos Linux (live)", "Broken")
        broken = build_on(tmp_path, data)
        assert live.choose(broken) == {notebook: edited.current(notebook)}
        assert live.state(broken, notebook) == "Failed"
        assert not after(live, broken)  # not run again in the background
    finally:
        live.close()
