"""Executing the notebooks for the site, cached on everything their output depends on.

mkdocs-jupyter's own cache keys on the notebook file alone, so a changed CSV would publish stale
charts. Here the key covers the notebook's source, every data file and the kb package's code;
execution happens with nbclient, and a failing cell fails the build.
"""

from __future__ import annotations

import hashlib
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import kb

KERNEL = "python3"
TIMEOUT = 300


class NotebookFailed(RuntimeError):
    """A cell raised while the notebook ran."""


def cache_key(notebook: Path, data: Path) -> str:
    """A digest of the notebook, the data files and the kb package, which fix the outputs."""
    digest = hashlib.sha256(f"{kb.__version__} {sys.version}".encode())
    package = Path(kb.__file__).parent
    for file in [notebook, *sorted(data.glob("*")), *sorted(package.rglob("*.py"))]:
        if file.is_file():
            digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:20]


def execute_all(notebooks: list[Path], data: Path, cache: Path) -> dict[Path, Path]:
    """Run the notebooks whose key has no cached result, in parallel; return each notebook's
    executed .ipynb. Raises NotebookFailed naming the first notebook that failed."""
    cache.mkdir(parents=True, exist_ok=True)
    results = {notebook: cache / f"{notebook.stem}-{cache_key(notebook, data)}.ipynb" for notebook in notebooks}
    stale = [(notebook, target) for notebook, target in results.items() if not target.exists()]
    if stale:
        workers = min(len(stale), os.cpu_count() or 1)
        with ProcessPoolExecutor(workers) as pool:
            errors = [error for error in pool.map(_execute, *zip(*stale, strict=True)) if error]
        if errors:
            raise NotebookFailed("\n\n".join(errors))
    for notebook, target in results.items():
        for old in cache.glob(f"{notebook.stem}-*.ipynb"):
            if old != target:
                old.unlink()
    return results


def _execute(notebook: Path, target: Path) -> str | None:
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
    )
    try:
        client.execute()
    except CellExecutionError as error:
        return f"{notebook}: a cell failed:\n{error}"
    temporary = target.with_suffix(".tmp")
    nbformat.write(document, temporary)
    temporary.replace(target)
    return None
