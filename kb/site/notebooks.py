"""Executing the notebooks for the site, cached on everything their output depends on.

mkdocs-jupyter's own cache keys on the notebook file alone, so a changed CSV would publish stale
charts. Here the key covers the notebook's source, every data file, the kb package's code and the
build's today (``fingerprint``); execution happens with nbclient, each kernel told that today
through $KB_TODAY, and a failing cell fails the build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

import kb
from kb.dates import TODAY
from kb.schema import DESCRIPTOR, Package
from kb.site.stable import stabilize

KERNEL = "python3"
LIBRARIES = ("altair", "pandas", "networkx", "vl-convert-python", "nbconvert", "mkdocs-jupyter")
TIMEOUT = 300


class NotebookFailed(RuntimeError):
    """A cell raised while the notebook ran."""


def fingerprint(package: Package, today: dt.date) -> str:
    """A digest of what every generated output depends on: the descriptor and the files it names,
    the kb package's code, the day counted as today and the versions of Python, kb and the libraries
    that draw the output."""
    versions = [today.isoformat(), kb.__version__, sys.version, *(metadata.version(name) for name in LIBRARIES)]
    digest = hashlib.sha256(" ".join(versions).encode())
    data = [package.root / DESCRIPTOR, *(package.path(resource) for resource in package.resources)]
    code = Path(kb.__file__).parent
    for base, files in ((package.root, data), (code, sorted(code.rglob("*.py")))):
        for file in files:
            digest.update(file.relative_to(base).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:20]


def cache_key(notebook: Path, fingerprint: str) -> str:
    """The notebook's source together with the data fingerprint: what fixes its outputs."""
    return hashlib.sha256(notebook.read_bytes() + fingerprint.encode()).hexdigest()[:20]


def executed_path(notebook: Path, fingerprint: str, cache: Path) -> Path:
    """Where the run of ``notebook`` on the data with ``fingerprint`` is kept."""
    return cache / f"{notebook.stem}-{cache_key(notebook, fingerprint)}.ipynb"


def latest_run(notebook: Path, cache: Path) -> Path | None:
    """The most recent kept run of ``notebook``, whatever data it ran on."""
    runs = sorted(cache.glob(f"{notebook.stem}-*.ipynb"), key=lambda path: path.stat().st_mtime)
    return runs[-1] if runs else None


def execute_all(notebooks: list[Path], fingerprint: str, cache: Path, today: dt.date) -> dict[Path, Path]:
    """Run the notebooks whose key has no cached result, in parallel, as of ``today``; return each
    notebook's executed .ipynb. Raises NotebookFailed naming the first notebook that failed."""
    cache.mkdir(parents=True, exist_ok=True)
    results = {notebook: executed_path(notebook, fingerprint, cache) for notebook in notebooks}
    stale = [(notebook, target) for notebook, target in results.items() if not target.exists()]
    if stale:
        workers = min(len(stale), os.cpu_count() or 1)
        with ProcessPoolExecutor(workers) as pool:
            runs = pool.map(_execute, *zip(*stale, strict=True), [today] * len(stale))
            errors = [error for error in runs if error]
        if errors:
            raise NotebookFailed("\n\n".join(errors))
    for notebook, target in results.items():
        for old in cache.glob(f"{notebook.stem}-*.ipynb"):
            if old != target:
                old.unlink()
    return results


def _execute(notebook: Path, target: Path, today: dt.date) -> str | None:
    """Execute one notebook into ``target``; return an error text instead of raising across processes."""
    import jupytext
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    document = jupytext.read(notebook)
    client = NotebookClient(
        document,
        kernel_name=KERNEL,
        timeout=TIMEOUT,
        allow_errors=False,
        extra_arguments=["--log-level=ERROR"],  # silence the kernel's harmless TCP transport warning
        resources={"metadata": {"path": str(notebook.parent)}},
        record_timing=False,  # no timestamps: two runs on the same data give the same file
    )
    try:
        client.execute(env=os.environ | {TODAY: today.isoformat()})  # passed on to the kernel
    except CellExecutionError as error:
        return f"{notebook}: a cell failed:\n{error}"
    stabilize(document, notebook.stem)
    temporary = target.with_suffix(".tmp")
    nbformat.write(document, temporary)
    temporary.replace(target)
    return None
