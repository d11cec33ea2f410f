"""Executing the notebooks for the site, cached on everything their output depends on.

mkdocs-jupyter's own cache keys on the notebook file alone, so a changed CSV would publish stale
charts. Here the key covers the notebook's source, the data files it reads, the kb package's code and
the build's today (``fingerprint``). A notebook declares the tables it reads (``TABLES = (...)``,
passed to ``kb.load``, which then offers no other), so a change to another table does not run it
again. Execution happens with nbclient, on kernels told that today through $KB_TODAY
(``kb.site.kernels``: started for the run by a build, started ahead by ``mkdocs serve``), and a
failing cell fails the build. ``Build`` holds what one build runs them on, with each notebook's key
computed once.
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
from functools import cached_property
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


def execute_all(targets: dict[Path, Path], kernels: WarmKernels) -> dict[Path, Path]:
    """Run, in parallel on ``kernels``, each notebook whose target (its run on this build's data,
    ``runs(cache).path``) does not exist yet; return the targets. Raises NotebookFailed naming every
    notebook that failed."""
    stale = [(notebook, target) for notebook, target in targets.items() if not target.exists()]
    if stale:
        stale[0][1].parent.mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(min(len(stale), AT_ONCE)) as pool:
            started = [pool.submit(execute, notebook, target, kernels) for notebook, target in stale]
            errors = [error for run in started if (error := run.result())]
        if errors:
            raise NotebookFailed("\n\n".join(errors))
    return targets


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


@dataclass(frozen=True)
class Build:
    """What one build runs the notebooks in ``folder`` on."""

    folder: Path
    fingerprint: Fingerprint
    cache: Path
    today: dt.date
    data: Path

    @cached_property
    def notebooks(self) -> list[Path]:
        """The notebooks, in the order of their pages."""
        return sorted(self.folder.glob("*.py"))

    @property
    def trigger(self) -> Path:
        """The file touched when background runs end, which the server watches."""
        return self.cache / "refreshed"

    @cached_property
    def keys(self) -> dict[Path, str]:
        """Each notebook's cache key on this build's data (``cache_key``), computed once."""
        return {notebook: cache_key(notebook, self.fingerprint) for notebook in self.notebooks}

    def current(self, notebook: Path) -> Path:
        """Where the run of ``notebook`` on this build's data is kept."""
        return runs(self.cache).path(notebook.stem, self.keys[notebook])

    def behind(self) -> dict[Path, Path]:
        """The previous run of each notebook that has no run on this build's data yet."""
        return {
            notebook: previous
            for notebook in self.notebooks
            if not self.current(notebook).exists() and (previous := runs(self.cache).latest(notebook.stem)) is not None
        }

    def kernels(self, size: int = 0) -> WarmKernels:
        """Kernels for this build's notebooks, today and data; ``size`` of them started ahead."""
        return WarmKernels(size, self.folder, self.today, self.data)

    def execute(self, notebooks: list[Path], kernels: WarmKernels | None = None) -> dict[Path, Path]:
        """Run those of ``notebooks`` that have no run on this data yet, on ``kernels`` or on kernels
        started for them; return each one's run. See ``execute_all``."""
        return execute_all({notebook: self.current(notebook) for notebook in notebooks}, kernels or self.kernels())

    def prune(self, notebooks: list[Path]) -> None:
        """Remove every run of ``notebooks`` but the one on this build's data."""
        for notebook in notebooks:
            runs(self.cache).keep(notebook.stem, self.keys[notebook])
