"""make lab: JupyterLab serves the percent-format .py files as notebooks, opened by default in the
notebook view, on the kernel of this virtual environment."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent
TOKEN = "kb-test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    settings = Path(sys.prefix) / "etc/jupyter/labconfig/default_setting_overrides.json"
    make = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "jupytext-config --settings-file" in make.stdout  # the step below is the Makefile's
    subprocess.run([BIN / "jupytext-config", "--settings-file", settings, "set-default-viewer", "python"], check=True,
                   capture_output=True)  # fmt: skip
    port = free_port()
    server = subprocess.Popen(
        [BIN / "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1", "--allow-root",
         f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={ROOT / 'notebooks'}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            get(base, "/api/status")
            break
        except OSError:
            time.sleep(0.5)
    yield base
    server.terminate()
    server.wait(timeout=30)


def get(base: str, path: str) -> dict:
    request = urllib.request.Request(base + path, headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def test_py_notebooks_open_as_notebooks_on_the_python3_kernel(lab) -> None:
    model = get(lab, "/api/contents/01-lineage.py?type=notebook&content=1")
    notebook = model["content"]
    assert model["type"] == "notebook"
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    assert sum(cell["cell_type"] == "code" for cell in notebook["cells"]) >= 3


def test_the_kernel_is_this_environments_python(lab) -> None:
    from jupyter_client.manager import start_new_kernel

    assert get(lab, "/api/kernelspecs")["default"] == "python3"
    printed: list[str] = []
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        reply = client.execute_interactive(
            "import sys, kb; print(sys.prefix)",
            timeout=60,
            output_hook=lambda message: printed.append(message["content"].get("text", "")),
        )
    finally:
        manager.shutdown_kernel(now=True)
    assert reply["content"]["status"] == "ok"
    assert "".join(printed).strip() == sys.prefix


def test_double_click_opens_the_notebook_view(lab) -> None:
    settings = get(lab, "/lab/api/settings/@jupyterlab/docmanager-extension:plugin")
    defaults = settings["schema"]["properties"]["defaultViewers"]["default"]
    assert defaults.get("python") == "Jupytext Notebook"
