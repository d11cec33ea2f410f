"""Executing the notebooks for the site, cached on everything their output depends on.

mkdocs-jupyter's own cache keys on the notebook file alone, so a changed CSV would publish stale
charts. Here the key covers the notebook's source, the data files it reads, the kb package's code and
the build's today (``fingerprint``). A notebook declares the tables it reads (``TABLES = (...)``,
passed to ``kb.load``, which then offers no other), so a change to another table does not run it
again. Execution happens with nbclient, on kernels told that today through $KB_TODAY
(``kb.site.kernels``: started for the run by a build, started ahead by ``mkdocs serve``), and a
failing cell fails the build.
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import kb
from kb.csvfile import write_text
from kb.schema import DESCRIPTOR, Package
from kb.site.cache import KeyedCache
from kb.site.kernels import WarmKernels
from kb.site.stable import stabilize

LIBRARIES = ("altair", "pandas", "networkx", "vl-convert-python", "nbconvert", "mkdocs-jupyter")
TIMEOUT = 300
# twice the cores: a kernel spends part of its start waiting, and three runs at once on two cores
# end sooner than two rounds (measured: 7.3 s against 9.4 s)
AT_ONCE = 2 * (os.cpu_count() or 1)


class NotebookFailed(RuntimeError):
    """A cell raised while the notebook ran."""


@dataclass(frozen=True)
class Fingerprint:
    """What generated output depends on: ``code`` (the kb package, the libraries, Python and the day
    counted as today) and a digest of each data file, by resource name (and the descriptor)."""

    code: str
    files: tuple[tuple[str, str], ...]

    def of(self, tables: Iterable[str] | None = None) -> str:
        """The digest for output drawn from ``tables`` (default: every table)."""
        wanted = None if tables is None else {DESCRIPTOR, *tables}
        digest = hashlib.sha256(self.code.encode())
        for name, file_digest in self.files:
            if wanted is None or name in wanted:
                digest.update(f"{name}:{file_digest};".encode())
        return digest.hexdigest()[:20]


def fingerprint(package: Package, today: dt.date) -> Fingerprint:
    """The fingerprint of this build: the code, the versions and today, and each data file."""
    versions = [today.isoformat(), kb.__version__, sys.version, *(metadata.version(name) for name in LIBRARIES)]
    code = hashlib.sha256(" ".join(versions).encode())
    package_code = Path(kb.__file__).parent
    for file in sorted(package_code.rglob("*.py")):
        code.update(file.relative_to(package_code).as_posix().encode() + b"\0" + file.read_bytes())
    files = [(DESCRIPTOR, (package.root / DESCRIPTOR).read_bytes())]
    files += [(resource.name, package.path(resource).read_bytes()) for resource in package.resources]
    return Fingerprint(code.hexdigest(), tuple((name, hashlib.sha256(data).hexdigest()) for name, data in files))


def declared_tables(notebook: Path) -> tuple[str, ...] | None:
    """The tables ``notebook`` declares it reads (a top-level ``TABLES = (...)``), or None for all."""
    for node in ast.parse(notebook.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", "") == "TABLES" for target in node.targets):
            return tuple(ast.literal_eval(node.value))
    return None


def cache_key(notebook: Path, fingerprint: Fingerprint) -> str:
    """The notebook's source with the fingerprint of what it reads: what fixes its outputs."""
    return hashlib.sha256(notebook.read_bytes() + fingerprint.of(declared_tables(notebook)).encode()).hexdigest()[:20]


def runs(cache: Path) -> KeyedCache:
    """The executed notebooks kept in ``cache``, one per notebook."""
    return KeyedCache(cache, ".ipynb")


def executed_path(notebook: Path, fingerprint: Fingerprint, cache: Path) -> Path:
    """Where the run of ``notebook`` on the data with ``fingerprint`` is kept."""
    return runs(cache).path(notebook.stem, cache_key(notebook, fingerprint))


def execute_all(notebooks: list[Path], fingerprint: Fingerprint, cache: Path, kernels: WarmKernels) -> dict[Path, Path]:
    """Run the notebooks whose key has no cached result, in parallel, on ``kernels``; return each
    notebook's executed .ipynb (``prune`` removes the older runs). Raises NotebookFailed naming
    every notebook that failed."""
    cache.mkdir(parents=True, exist_ok=True)
    results = {notebook: executed_path(notebook, fingerprint, cache) for notebook in notebooks}
    stale = [(notebook, target) for notebook, target in results.items() if not target.exists()]
    if stale:
        with ThreadPoolExecutor(min(len(stale), AT_ONCE)) as pool:
            started = [pool.submit(execute, notebook, target, kernels) for notebook, target in stale]
            errors = [error for run in started if (error := run.result())]
        if errors:
            raise NotebookFailed("\n\n".join(errors))
    return results


def prune(notebooks: Iterable[Path], fingerprint: Fingerprint, cache: Path) -> None:
    """Remove every run of these notebooks but the one on the data with ``fingerprint``."""
    for notebook in notebooks:
        runs(cache).keep(notebook.stem, cache_key(notebook, fingerprint))


def execute(notebook: Path, target: Path, kernels: WarmKernels) -> str | None:
    """Execute one notebook into ``target`` on a kernel from ``kernels``, which is then shut down;
    return an error text, or None."""
    import jupytext
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    document = jupytext.read(notebook)
    kernel = kernels.take()
    client = NotebookClient(
        document,
        km=kernel,
        timeout=TIMEOUT,
        allow_errors=False,
        resources={"metadata": {"path": str(notebook.parent)}},
        record_timing=False,  # no timestamps: two runs on the same data give the same file
    )
    try:
        client.execute()
    except CellExecutionError as error:
        return f"{notebook}: a cell failed:\n{error}"
    finally:
        kernel.shutdown_kernel(now=True)
    stabilize(document, notebook.stem)
    write_text(target, nbformat.writes(document))
    return None
